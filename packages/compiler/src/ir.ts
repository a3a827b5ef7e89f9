/**
 * The intermediate representation (IR) of a checked campaign: version 1.
 *
 * The IR is plain JSON (no Dates, no Maps, no functions) so that it can be printed by
 * `phasegate compile --target ir`, stored beside a runtime database, and diffed. Everything the
 * runtime needs is here and already resolved:
 * - names are checked, so every reference points at a declared id;
 * - dates are instants: epoch milliseconds computed once in the campaign's IANA zone
 *   (see docs/language.md, "Windows and time");
 * - windows are half-open `[start, end)`: a date-only window `2005-02-23 .. 2005-03-01`
 *   starts at 2005-02-23 00:00 local and ends at 2005-03-02 00:00 local;
 * - amendments written in the file are kept as a schedule (they take effect at `effective`),
 *   with the window they produce already computed.
 *
 * Order is meaningful: phases run in array order, steps in array order inside their phase.
 * Bump `IR_VERSION` on any change that an older reader would misunderstand.
 *
 * Time rules applied by the compiler (calendar.ts; docs/architecture.md, "Calendar"):
 * - a date used as a start is local midnight; as an end or a deadline, the end of that day, i.e.
 *   the next local midnight ("24:00"), so `due 2005-03-15` is 2005-03-15T16:00:00Z in Shanghai;
 * - a deadline is met by anything recorded at or before it;
 * - a wall time in a spring-forward gap moves forward by the gap (02:30 → 03:30); one in the
 *   fall-back hour takes the first occurrence (the earlier instant);
 * - "N days" is N local calendar days at the same wall time (23 or 25 hours across DST).
 * Labels default to the id when the author wrote none.
 */

export const IR_VERSION = 1 as const;

export type MetricUnit = 'hours' | 'days' | 'percent' | 'count';
export type CompareOp = '>=' | '>' | '<=' | '<' | '==' | '!=';

export interface CampaignIR {
  readonly irVersion: typeof IR_VERSION;
  readonly id: string;
  readonly label: string;
  /** IANA zone, e.g. `Asia/Shanghai`. */
  readonly timezone: string;
  readonly roles: readonly RoleIR[];
  readonly metrics: readonly MetricIR[];
  readonly documents: readonly DocumentIR[];
  /**
   * Every window in the campaign, phases and steps alike; phases and steps refer to theirs by
   * index. One table so that amendments (from the file or at run time) have one thing to change.
   * Order: each phase's window, then its steps' windows, phase by phase. A phase's only step may
   * be written without a window: it then refers to its phase's window (the same index).
   */
  readonly windows: readonly WindowIR[];
  readonly phases: readonly PhaseIR[];
  readonly obligations: readonly ObligationIR[];
  /** The file's amendments in effective order (stable for equal times: file order). */
  readonly amendments: readonly AmendmentIR[];
}

export interface RoleIR {
  readonly id: string;
  readonly label: string;
  readonly canAmend: boolean;
  readonly canIssue: boolean;
}

export interface MetricIR {
  readonly id: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly level: 'unit' | 'member';
}

export interface DocumentIR {
  readonly id: string;
  readonly label: string;
  /** Epoch ms, or null when the document is issued by an event at run time. */
  readonly issued: number | null;
}

export interface WindowIR {
  /** Who owns the window: `study` or `study.four_talks`. */
  readonly owner: string;
  /** Epoch ms, inclusive. */
  readonly start: number;
  /** Epoch ms, exclusive. */
  readonly end: number;
  /** The window as the author wrote it, for messages: `2005-02-23 .. 2005-03-01`. */
  readonly text: string;
}

export interface PhaseIR {
  readonly id: string;
  readonly label: string;
  /** Index into `CampaignIR.windows`. */
  readonly window: number;
  readonly steps: readonly StepIR[];
  readonly gates: readonly GateIR[];
  readonly checkpoints: readonly CheckpointIR[];
  readonly late: LatePolicyIR;
}

export interface StepIR {
  readonly id: string;
  readonly label: string;
  /** Index into `CampaignIR.windows`. */
  readonly window: number;
  /** The step is complete when this holds (an implicit `all of` over the step's requirements). */
  readonly requirement: RequirementIR;
  /** Every task and deliverable declared in this step, flattened, in source order. */
  readonly tasks: readonly TaskIR[];
  readonly deliverables: readonly DeliverableIR[];
}

export interface TaskIR {
  readonly id: string;
  readonly label: string;
}

export interface DeliverableIR {
  readonly id: string;
  readonly label: string;
  /** Epoch ms or null. A deliverable not submitted by then is reported overdue. A date-only due
   * date is the end of that local day. */
  readonly due: number | null;
}

export type RequirementIR =
  | { readonly kind: 'task'; readonly task: string }
  | { readonly kind: 'deliverable'; readonly deliverable: string }
  | { readonly kind: 'all' | 'any'; readonly label: string | null; readonly items: readonly RequirementIR[] };

export interface GateIR {
  readonly id: string;
  readonly label: string;
  readonly condition: ConditionIR;
}

export interface CheckpointIR {
  readonly id: string;
  readonly label: string;
  /** Role id of the signer. */
  readonly signer: string;
  readonly items: readonly CheckpointItemIR[];
}

export interface CheckpointItemIR {
  readonly id: string;
  readonly label: string;
  /** 1-based position, as authors number them ("#3"). */
  readonly number: number;
  /** The item counts only when it is signed and this holds. */
  readonly requires: ConditionIR | null;
}

/** Without a `when late` line a phase is `{ action: 'mark-late', label: 'late' }`. */
export interface LatePolicyIR {
  /** `remediate`: the unit enters remediation when the phase window closes unmet. */
  readonly action: 'remediate' | 'mark-late';
  readonly label: string;
}

/**
 * Conditions. Values are in the metric's unit; percents are 0–100.
 * - `metric`: a unit-level metric compared with `value`;
 * - `every`: every member's value satisfies `op value` (true for a unit with no members);
 * - `share`: the percent of members whose value satisfies `inner` compared with `value`,
 *   exactly (a unit with no members has share 100);
 * - `count`: the number of such members compared with `value`;
 * - `total` / `average` / `min` / `max`: the aggregate over members (all 0 for no members; an
 *   average compared exactly);
 * - `task-done` / `deliverable-submitted`: a requirement of this unit is met.
 * A metric never recorded has the value 0. How each is judged is `@phasegate/compiler/semantics`
 * (docs/semantics.md, "Comparisons and aggregates").
 */
export type ConditionIR =
  | { readonly kind: 'and' | 'or'; readonly items: readonly ConditionIR[] }
  | { readonly kind: 'metric'; readonly metric: string; readonly op: CompareOp; readonly value: number }
  | { readonly kind: 'every'; readonly metric: string; readonly op: CompareOp; readonly value: number }
  | {
      readonly kind: 'share' | 'count';
      readonly metric: string;
      readonly inner: { readonly op: CompareOp; readonly value: number };
      readonly op: CompareOp;
      readonly value: number;
    }
  | {
      readonly kind: 'total' | 'average' | 'min' | 'max';
      readonly metric: string;
      readonly op: CompareOp;
      readonly value: number;
    }
  | { readonly kind: 'task-done'; readonly task: string }
  | { readonly kind: 'deliverable-submitted'; readonly deliverable: string };

export interface AmendmentIR {
  /** Stable id: `amend-<n>` in file order. */
  readonly id: string;
  /** Index into `CampaignIR.windows`. */
  readonly window: number;
  /** When the amendment takes effect (epoch ms). Before it the previous window applies. */
  readonly effective: number;
  /** The window from `effective` on. Never shorter at the end than the one it replaces. */
  readonly start: number;
  readonly end: number;
  /** Human description: `extend 10 days`, `move to 2005-03-20`. */
  readonly action: string;
  readonly reason: string;
}

export type ObligationIR =
  | {
      readonly kind: 'due';
      readonly id: string;
      readonly label: string;
      readonly owedBy: OwedBy;
      readonly due: number;
    }
  | {
      readonly kind: 'recurring';
      readonly id: string;
      readonly label: string;
      readonly owedBy: OwedBy;
      /**
       * Every occurrence's deadline, precomputed in the zone (DST-safe), ascending: each given
       * weekday from `from` to `until` (inclusive; without `until`, the last day of the campaign's
       * last window as amended by the file), at `at`, or at the end of that local day (the next
       * local midnight) when no time is given.
       */
      readonly dues: readonly number[];
      readonly rule: string;
    }
  | {
      readonly kind: 'acknowledge';
      readonly id: string;
      readonly label: string;
      readonly owedBy: OwedBy;
      /** Each document must be acknowledged within this many local calendar days of issue. */
      readonly withinDays: number;
    };

/** `units`: every registered unit owes it; otherwise the named role owes it once. */
export type OwedBy = { readonly kind: 'units' } | { readonly kind: 'role'; readonly role: string };
