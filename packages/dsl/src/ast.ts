/**
 * The syntax tree of a `.phase` file.
 *
 * Every node carries `span` (UTF-16 offsets into the source, half-open `[start, end)`), and every
 * named node also carries `nameSpan`, the span of its identifier, which diagnostics point at.
 * Line and column are derived only when a diagnostic is printed (see `render-diagnostic.ts`).
 *
 * The tree is faithful to the source: nothing is resolved or defaulted here. Name resolution,
 * date arithmetic and defaults happen in the compiler.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Identifier {
  readonly name: string;
  readonly span: Span;
}

/** A quoted label, unescaped. */
export interface Label {
  readonly value: string;
  readonly span: Span;
}

/** A date or date-time literal exactly as written: `2005-03-15` or `2005-03-15 18:00`. */
export interface DateLiteral {
  readonly kind: 'date';
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Present for date-times; minutes after local midnight would lose the author's text. */
  readonly time?: { readonly hour: number; readonly minute: number };
  readonly text: string;
  readonly span: Span;
}

export type MetricUnit = 'hours' | 'days' | 'percent' | 'count';
export type MetricLevel = 'unit' | 'member';

/** A number with an optional unit: `45 hours`, `95%` (unit `percent`), `3`. */
export interface Quantity {
  readonly value: number;
  readonly unit?: MetricUnit;
  readonly text: string;
  readonly span: Span;
}

export type CompareOp = '>=' | '>' | '<=' | '<' | '==' | '!=';

// ─── Conditions (gates and checkpoint items) ──────────────────────────────────────────────────

export type Condition = AndCondition | OrCondition | CompareCondition | TaskDoneCondition | DeliverableSubmittedCondition;

export interface AndCondition {
  readonly kind: 'and';
  readonly items: readonly Condition[];
  readonly span: Span;
}

export interface OrCondition {
  readonly kind: 'or';
  readonly items: readonly Condition[];
  readonly span: Span;
}

/**
 * What a comparison measures.
 * - `metric`: a unit-level metric (`participation_rate`);
 * - `every`: each member's value of a member metric (`every member study_hours`);
 * - `share` / `count`: members whose value satisfies an inner comparison
 *   (`share of members with study_hours >= 45 hours`), compared as a percent or a count;
 * - `total` / `average` / `min` / `max`: an aggregate over the members of a member metric.
 */
export type Subject =
  | { readonly kind: 'metric'; readonly metric: Identifier; readonly span: Span }
  | { readonly kind: 'every'; readonly metric: Identifier; readonly span: Span }
  | {
      readonly kind: 'share' | 'count';
      readonly metric: Identifier;
      readonly op: CompareOp;
      readonly threshold: Quantity;
      readonly span: Span;
    }
  | { readonly kind: 'total' | 'average' | 'min' | 'max'; readonly metric: Identifier; readonly span: Span };

export interface CompareCondition {
  readonly kind: 'compare';
  readonly subject: Subject;
  readonly op: CompareOp;
  readonly value: Quantity;
  readonly span: Span;
}

/** `task expert_talk done` */
export interface TaskDoneCondition {
  readonly kind: 'task-done';
  readonly task: Identifier;
  readonly span: Span;
}

/** `deliverable stage_summary submitted` */
export interface DeliverableSubmittedCondition {
  readonly kind: 'deliverable-submitted';
  readonly deliverable: Identifier;
  readonly span: Span;
}

// ─── Declarations ─────────────────────────────────────────────────────────────────────────────

export interface CampaignNode {
  readonly kind: 'campaign';
  readonly id: Identifier;
  readonly label?: Label;
  readonly span: Span;
  readonly members: readonly CampaignMember[];
}

export type CampaignMember =
  | TimezoneNode
  | RoleNode
  | MetricNode
  | DocumentNode
  | PhaseNode
  | ObligationNode
  | AmendmentNode;

/** `timezone Asia/Shanghai` */
export interface TimezoneNode {
  readonly kind: 'timezone';
  readonly zone: string;
  readonly zoneSpan: Span;
  readonly span: Span;
}

export type RoleCapability = 'amend' | 'issue';

/** `role office "县委先教办" can amend, issue` */
export interface RoleNode {
  readonly kind: 'role';
  readonly id: Identifier;
  readonly label?: Label;
  readonly capabilities: readonly { readonly name: RoleCapability; readonly span: Span }[];
  readonly span: Span;
}

/** `metric study_hours "学习培训学时" hours per member` */
export interface MetricNode {
  readonly kind: 'metric';
  readonly id: Identifier;
  readonly label?: Label;
  readonly unit: MetricUnit;
  readonly level: MetricLevel;
  readonly span: Span;
}

/** `document doc_7 "先教办七号文件" issued 2005-02-08 09:00` (issued is optional: events may issue it) */
export interface DocumentNode {
  readonly kind: 'document';
  readonly id: Identifier;
  readonly label?: Label;
  readonly issued?: DateLiteral;
  readonly span: Span;
}

/** `window 2005-02-23 .. 2005-03-01` — date-only ends are whole local days, both inclusive. */
export interface WindowNode {
  readonly kind: 'window';
  readonly start: DateLiteral;
  readonly end: DateLiteral;
  readonly span: Span;
}

export interface PhaseNode {
  readonly kind: 'phase';
  readonly id: Identifier;
  readonly label?: Label;
  readonly span: Span;
  readonly members: readonly PhaseMember[];
}

export type PhaseMember = WindowNode | AmendmentNode | StepNode | GateNode | CheckpointNode | LatePolicyNode;

export interface StepNode {
  readonly kind: 'step';
  readonly id: Identifier;
  readonly label?: Label;
  /** Written inline after the label: `step x "…" window A .. B { … }`. */
  readonly window?: WindowNode;
  readonly span: Span;
  readonly members: readonly StepMember[];
}

export type StepMember = RequirementNode | AmendmentNode;

export type RequirementNode = TaskNode | DeliverableNode | GroupNode;

/** `task expert_talk "专家讲"` */
export interface TaskNode {
  readonly kind: 'task';
  readonly id: Identifier;
  readonly label?: Label;
  readonly span: Span;
}

/** `deliverable stage_summary "阶段总结材料" due 2005-03-15 18:00` */
export interface DeliverableNode {
  readonly kind: 'deliverable';
  readonly id: Identifier;
  readonly label?: Label;
  readonly due?: DateLiteral;
  readonly span: Span;
}

/** `any of "学习效果检验" { … }` or `all of { … }` */
export interface GroupNode {
  readonly kind: 'group';
  readonly mode: 'any' | 'all';
  readonly label?: Label;
  readonly items: readonly RequirementNode[];
  readonly span: Span;
  /** The span of the `any of` / `all of` keywords. */
  readonly keywordSpan: Span;
}

/** `gate study_training "学习培训合格" { <condition> }` */
export interface GateNode {
  readonly kind: 'gate';
  readonly id: Identifier;
  readonly label?: Label;
  readonly condition: Condition;
  readonly span: Span;
}

/** `checkpoint six_checks "六看" signed by supervisor { item … }` */
export interface CheckpointNode {
  readonly kind: 'checkpoint';
  readonly id: Identifier;
  readonly label?: Label;
  /** Missing when the author wrote no `signed by`: the checker reports it. */
  readonly signer?: Identifier;
  readonly items: readonly CheckpointItemNode[];
  readonly span: Span;
}

/** `item key_work "…" requires <condition>` */
export interface CheckpointItemNode {
  readonly kind: 'item';
  readonly id: Identifier;
  readonly label?: Label;
  readonly requires?: Condition;
  readonly span: Span;
}

/** `when late remediate "补课"` or `when late mark late` */
export interface LatePolicyNode {
  readonly kind: 'late-policy';
  readonly action: 'remediate' | 'mark-late';
  readonly label?: Label;
  readonly span: Span;
}

/**
 * `amend [phase P [step S]] <action> effective <date> [reason "…"]`.
 * Inside a phase or step the target is the enclosing window and `target` is absent; at campaign
 * level (and in `--amend` on the command line) the target is required.
 */
export interface AmendmentNode {
  readonly kind: 'amendment';
  readonly target?: { readonly phase: Identifier; readonly step?: Identifier; readonly span: Span };
  readonly action: AmendAction;
  readonly effective: DateLiteral;
  readonly reason?: Label;
  readonly span: Span;
}

export type AmendAction =
  /** `extend 10 days`: the end moves later by N days. */
  | { readonly kind: 'extend-by'; readonly days: number; readonly span: Span }
  /** `extend to 2005-03-15`: the end becomes this date (inclusive for a date). */
  | { readonly kind: 'extend-to'; readonly date: DateLiteral; readonly span: Span }
  /** `move 7 days` / `move -3 days`: start and end shift together. */
  | { readonly kind: 'move-by'; readonly days: number; readonly span: Span }
  /** `move to 2005-03-20`: the window starts on this date and keeps its length. */
  | { readonly kind: 'move-to'; readonly date: DateLiteral; readonly span: Span };

/**
 * Obligations: administrative duties with deadlines that do not gate phases but produce the
 * overdue lists the office asks for.
 * - `due`: a one-off report due at a date-time;
 * - `recurring`: due every given weekday from a date (optionally until a date, at a time);
 * - `acknowledge`: every issued document must be acknowledged within N days of issue.
 */
export interface ObligationNode {
  readonly kind: 'obligation';
  readonly id: Identifier;
  readonly label?: Label;
  /** `by units` (every registered unit) or `by <role>` (the role as a whole). */
  readonly owedBy: { readonly kind: 'units'; readonly span: Span } | { readonly kind: 'role'; readonly role: Identifier; readonly span: Span };
  readonly schedule: ObligationSchedule;
  readonly span: Span;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export type ObligationSchedule =
  | { readonly kind: 'due'; readonly due: DateLiteral; readonly span: Span }
  | {
      readonly kind: 'recurring';
      readonly weekday: Weekday;
      readonly from: DateLiteral;
      readonly until?: DateLiteral;
      /** `at 18:00`; default end of the local day. */
      readonly at?: { readonly hour: number; readonly minute: number; readonly span: Span };
      readonly span: Span;
    }
  | { readonly kind: 'acknowledge'; readonly withinDays: number; readonly span: Span };

/** A parsed file: the campaign (absent when the file is too broken to find one) and its source. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly campaign?: CampaignNode;
  /** Comments, kept so the formatter can put them back. */
  readonly comments: readonly { readonly text: string; readonly span: Span }[];
}
