/**
 * The syntax tree of a `.phase` file.
 *
 * Every node is its own span: it carries `start` and `end` (UTF-16 offsets into the source,
 * half-open `[start, end)`), as acorn's and TypeScript's nodes do, so a node can be passed
 * wherever a `Span` is wanted (a named node's `id` is the span diagnostics point at). Keeping the
 * offsets on the node rather than in a span object of its own halves the objects a tree is made
 * of: for a large campaign that is a third of the memory and of the garbage collector's work.
 * Something that keeps a span beyond the tree (a diagnostic) copies it with `spanOf`.
 * Line and column are derived only when a diagnostic is printed (see `render-diagnostic.ts`).
 *
 * The tree is faithful to the source: nothing is resolved or defaulted here. Name resolution,
 * date arithmetic and defaults happen in the compiler.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Just the offsets of `s` (a node, say), in an object of their own: for keeping a span apart from its tree. */
export function spanOf(s: Span): Span {
  return { start: s.start, end: s.end };
}

export interface Identifier extends Span {
  readonly name: string;
}

/** A quoted label, unescaped. */
export interface Label extends Span {
  readonly value: string;
}

/** A date or date-time literal exactly as written: `2005-03-15` or `2005-03-15 18:00`. */
export interface DateLiteral extends Span {
  readonly kind: 'date';
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Present for date-times; minutes after local midnight would lose the author's text. */
  readonly time?: { readonly hour: number; readonly minute: number };
  readonly text: string;
}

export type MetricUnit = 'hours' | 'days' | 'percent' | 'count';
export type MetricLevel = 'unit' | 'member';

/** A number with an optional unit: `45 hours`, `95%` (unit `percent`), `3`. */
export interface Quantity extends Span {
  readonly value: number;
  readonly unit?: MetricUnit;
  readonly text: string;
}

export type CompareOp = '>=' | '>' | '<=' | '<' | '==' | '!=';

// ─── Conditions (gates and checkpoint items) ──────────────────────────────────────────────────

export type Condition =
  AndCondition | OrCondition | CompareCondition | TaskDoneCondition | DeliverableSubmittedCondition;

export interface AndCondition extends Span {
  readonly kind: 'and';
  readonly items: readonly Condition[];
}

export interface OrCondition extends Span {
  readonly kind: 'or';
  readonly items: readonly Condition[];
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
  | ({ readonly kind: 'metric'; readonly metric: Identifier } & Span)
  | ({ readonly kind: 'every'; readonly metric: Identifier } & Span)
  | ({
      readonly kind: 'share' | 'count';
      readonly metric: Identifier;
      readonly op: CompareOp;
      readonly threshold: Quantity;
    } & Span)
  | ({ readonly kind: 'total' | 'average' | 'min' | 'max'; readonly metric: Identifier } & Span);

export interface CompareCondition extends Span {
  readonly kind: 'compare';
  readonly subject: Subject;
  readonly op: CompareOp;
  readonly value: Quantity;
}

/** `task expert_talk done` */
export interface TaskDoneCondition extends Span {
  readonly kind: 'task-done';
  readonly task: Identifier;
}

/** `deliverable stage_summary submitted` */
export interface DeliverableSubmittedCondition extends Span {
  readonly kind: 'deliverable-submitted';
  readonly deliverable: Identifier;
}

// ─── Declarations ─────────────────────────────────────────────────────────────────────────────

export interface CampaignNode extends Span {
  readonly kind: 'campaign';
  readonly id: Identifier;
  readonly label?: Label;
  readonly members: readonly CampaignMember[];
}

export type CampaignMember =
  TimezoneNode | RoleNode | MetricNode | DocumentNode | PhaseNode | ObligationNode | AmendmentNode;

/** `timezone Asia/Shanghai` */
export interface TimezoneNode extends Span {
  readonly kind: 'timezone';
  readonly zone: string;
  readonly zoneSpan: Span;
}

export type RoleCapability = 'amend' | 'issue';

/** `role office "县委先教办" can amend, issue` */
export interface RoleNode extends Span {
  readonly kind: 'role';
  readonly id: Identifier;
  readonly label?: Label;
  readonly capabilities: readonly ({ readonly name: RoleCapability } & Span)[];
}

/** `metric study_hours "学习培训学时" hours per member` */
export interface MetricNode extends Span {
  readonly kind: 'metric';
  readonly id: Identifier;
  readonly label?: Label;
  readonly unit: MetricUnit;
  readonly level: MetricLevel;
}

/** `document doc_7 "先教办七号文件" issued 2005-02-08 09:00` (issued is optional: events may issue it) */
export interface DocumentNode extends Span {
  readonly kind: 'document';
  readonly id: Identifier;
  readonly label?: Label;
  readonly issued?: DateLiteral;
}

/** `window 2005-02-23 .. 2005-03-01` — date-only ends are whole local days, both inclusive. */
export interface WindowNode extends Span {
  readonly kind: 'window';
  /** The first day (or instant) of the window. */
  readonly opens: DateLiteral;
  /** The last day of the window, inclusive (or the instant it closes, when a time is written). */
  readonly closes: DateLiteral;
}

export interface PhaseNode extends Span {
  readonly kind: 'phase';
  readonly id: Identifier;
  readonly label?: Label;
  readonly members: readonly PhaseMember[];
}

export type PhaseMember = WindowNode | AmendmentNode | StepNode | GateNode | CheckpointNode | LatePolicyNode;

export interface StepNode extends Span {
  readonly kind: 'step';
  readonly id: Identifier;
  readonly label?: Label;
  /** Written inline after the label: `step x "…" window A .. B { … }`. */
  readonly window?: WindowNode;
  readonly members: readonly StepMember[];
}

export type StepMember = RequirementNode | AmendmentNode;

export type RequirementNode = TaskNode | DeliverableNode | GroupNode;

/** `task expert_talk "专家讲"` */
export interface TaskNode extends Span {
  readonly kind: 'task';
  readonly id: Identifier;
  readonly label?: Label;
}

/** `deliverable stage_summary "阶段总结材料" due 2005-03-15 18:00` */
export interface DeliverableNode extends Span {
  readonly kind: 'deliverable';
  readonly id: Identifier;
  readonly label?: Label;
  readonly due?: DateLiteral;
}

/** `any of "学习效果检验" { … }` or `all of { … }` */
export interface GroupNode extends Span {
  readonly kind: 'group';
  readonly mode: 'any' | 'all';
  readonly label?: Label;
  readonly items: readonly RequirementNode[];
  /** The span of the `any of` / `all of` keywords. */
  readonly keywordSpan: Span;
}

/** `gate study_training "学习培训合格" { <condition> }` */
export interface GateNode extends Span {
  readonly kind: 'gate';
  readonly id: Identifier;
  readonly label?: Label;
  readonly condition: Condition;
}

/** `checkpoint six_checks "六看" signed by supervisor { item … }` */
export interface CheckpointNode extends Span {
  readonly kind: 'checkpoint';
  readonly id: Identifier;
  readonly label?: Label;
  /** Missing when the author wrote no `signed by`: the checker reports it. */
  readonly signer?: Identifier;
  readonly items: readonly CheckpointItemNode[];
}

/** `item key_work "…" requires <condition>` */
export interface CheckpointItemNode extends Span {
  readonly kind: 'item';
  readonly id: Identifier;
  readonly label?: Label;
  readonly requires?: Condition;
}

/** `when late remediate "补课"` or `when late mark late` */
export interface LatePolicyNode extends Span {
  readonly kind: 'late-policy';
  readonly action: 'remediate' | 'mark-late';
  readonly label?: Label;
}

/**
 * `amend [phase P [step S]] <action> effective <date> [reason "…"]`.
 * Inside a phase or step the target is the enclosing window and `target` is absent; at campaign
 * level (and in `--amend` on the command line) the target is required.
 */
export interface AmendmentNode extends Span {
  readonly kind: 'amendment';
  readonly target?: { readonly phase: Identifier; readonly step?: Identifier } & Span;
  readonly action: AmendAction;
  readonly effective: DateLiteral;
  readonly reason?: Label;
}

export type AmendAction =
  /** `extend 10 days`: the end moves later by N days. */
  | ({ readonly kind: 'extend-by'; readonly days: number } & Span)
  /** `extend to 2005-03-15`: the end becomes this date (inclusive for a date). */
  | ({ readonly kind: 'extend-to'; readonly date: DateLiteral } & Span)
  /** `move 7 days` / `move -3 days`: start and end shift together. */
  | ({ readonly kind: 'move-by'; readonly days: number } & Span)
  /** `move to 2005-03-20`: the window starts on this date and keeps its length. */
  | ({ readonly kind: 'move-to'; readonly date: DateLiteral } & Span);

/**
 * Obligations: administrative duties with deadlines that do not gate phases but produce the
 * overdue lists the office asks for.
 * - `due`: a one-off report due at a date-time;
 * - `recurring`: due every given weekday from a date (optionally until a date, at a time);
 * - `acknowledge`: every issued document must be acknowledged within N days of issue.
 */
export interface ObligationNode extends Span {
  readonly kind: 'obligation';
  readonly id: Identifier;
  readonly label?: Label;
  /** `by units` (every registered unit) or `by <role>` (the role as a whole). */
  readonly owedBy: ({ readonly kind: 'units' } & Span) | ({ readonly kind: 'role'; readonly role: Identifier } & Span);
  readonly schedule: ObligationSchedule;
}

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export type ObligationSchedule =
  | ({ readonly kind: 'due'; readonly due: DateLiteral } & Span)
  | ({
      readonly kind: 'recurring';
      readonly weekday: Weekday;
      readonly from: DateLiteral;
      readonly until?: DateLiteral;
      /** `at 18:00`; default end of the local day. */
      readonly at?: { readonly hour: number; readonly minute: number } & Span;
    } & Span)
  | ({ readonly kind: 'acknowledge'; readonly withinDays: number } & Span);

/** A parsed file: the campaign (absent when the file is too broken to find one) and its source. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly campaign?: CampaignNode;
  /** Comments, kept so the formatter can put them back. */
  readonly comments: readonly ({ readonly text: string } & Span)[];
}
