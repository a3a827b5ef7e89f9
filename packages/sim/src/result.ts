import type { LocalDate } from './scenario/scenario.js';

/**
 * What one simulation run produces: the documented JSON shape of
 * `phasegate simulate --format json` (see docs/simulation.md, "Output"). Every renderer (terminal
 * table, CSV, HTML report) reads only this structure, so they can be tested without a runtime.
 *
 * Dates are local dates in the campaign zone; instants are ISO 8601 strings with offset.
 */
export const RESULT_FORMAT = 'phasegate-simulation/1' as const;

export type UnitState = 'waiting' | 'active' | 'awaiting-transfer' | 'late' | 'remediation' | 'completed';
export const UNIT_STATES: readonly UnitState[] = [
  'waiting',
  'active',
  'awaiting-transfer',
  'late',
  'remediation',
  'completed',
];

/** How a unit ended a phase by the last simulated day. */
export type PhaseOutcome =
  /** left the phase before its (effective) window closed */
  | 'on-time'
  /** left the phase after its window closed */
  | 'late'
  /** still in the phase (or before it) although its window has closed */
  | 'overdue'
  /** still in the phase (or before it) and the window is still open at the end of the run */
  | 'open';

export interface WindowSpan {
  /** First local day, inclusive. */
  readonly start: LocalDate;
  /** Last local day, inclusive. */
  readonly end: LocalDate;
}

/** A phase or step window: as written, and as in force at the end of the run after amendments. */
export interface CalendarBar {
  /** `study` or `study.four_talks`. */
  readonly id: string;
  readonly label: string;
  readonly kind: 'phase' | 'step';
  readonly phase: string;
  readonly original: WindowSpan;
  readonly effective: WindowSpan;
  readonly amendments: readonly {
    /** Day the amendment takes effect. */
    readonly effective: LocalDate;
    readonly action: string;
    readonly reason: string;
    /** `campaign`: written in the .phase file; `what-if`: from --amend; `scenario`: an amend event. */
    readonly source: 'campaign' | 'what-if' | 'scenario';
  }[];
}

/** A stretch of days a unit spent at one position in one state. */
export interface LaneSegment {
  /** Index into `days`, inclusive. */
  readonly from: number;
  readonly to: number;
  /** `study.four_talks`, `study.@transfer` (transfer point) or `completed`. */
  readonly position: string;
  readonly state: UnitState;
  /** What held the unit there (the first blocker), when it was waiting on something. */
  readonly blocker: string | null;
}

export interface UnitResult {
  readonly id: string;
  readonly label: string;
  readonly kind: string | null;
  readonly parent: string | null;
  readonly members: number;
  /** Chosen by the scenario as one of the units that lag badly. */
  readonly lagging: boolean;
  readonly lane: readonly LaneSegment[];
  /** Status at the end of the run. */
  readonly position: string;
  readonly state: UnitState;
  readonly onTime: boolean;
  readonly transfers: readonly { readonly phase: string; readonly at: string; readonly onTime: boolean }[];
  readonly outcomes: Readonly<Record<string, PhaseOutcome>>;
  /** Every blocker at the end of the run, in words, with its breakdown key. */
  readonly blockers: readonly { readonly key: string; readonly message: string }[];
}

export interface DayRecord {
  readonly date: LocalDate;
  readonly byState: Readonly<Record<UnitState, number>>;
  /** Units per position key (see `SimulationResult.positions`). */
  readonly byPosition: Readonly<Record<string, number>>;
  /** Overdue entries per overdue group key (see `SimulationResult.overdueGroups`) at the end of the day. */
  readonly overdue: Readonly<Record<string, number>>;
  /** Events ingested that day (the end-of-day clock event not counted). */
  readonly events: number;
  /** Units that changed position that day. */
  readonly moved: number;
}

export interface OverdueGroupInfo {
  /** `obligation` or `obligation/subject`. */
  readonly key: string;
  readonly obligation: string;
  readonly label: string;
  readonly subject: string | null;
  readonly due: string;
}

export interface OverdueSnapshot {
  readonly date: LocalDate;
  readonly groups: readonly {
    readonly key: string;
    readonly label: string;
    readonly subject: string | null;
    readonly due: string;
    readonly message: string;
    readonly entries: readonly { readonly unit: string | null; readonly label: string; readonly daysLate: number }[];
  }[];
}

export interface BlockerCount {
  /** `gate:study_training`, `checkpoint:six_checks`, `task:expert_talk`, … */
  readonly key: string;
  readonly kind: string;
  readonly label: string;
  /** Units waiting on it at the end of the run (awaiting transfer, late or in remediation). */
  readonly units: number;
  /** Unit-days spent waiting on it (awaiting transfer, late or in remediation) over the run. */
  readonly unitDays: number;
  /** For gates and checklists: the parts that fail, with how many units each holds at the end. */
  readonly details: readonly { readonly text: string; readonly units: number }[];
}

export interface SimulationResult {
  readonly format: typeof RESULT_FORMAT;
  readonly campaign: { readonly id: string; readonly label: string; readonly timezone: string; readonly file: string };
  readonly scenario: { readonly id: string; readonly label: string; readonly file: string; readonly seed: number };
  /** Amendments applied for a what-if (`--amend`), as written. */
  readonly whatIf: readonly string[];
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly calendar: readonly CalendarBar[];
  /** Every position key in campaign order, `completed` last. */
  readonly positions: readonly { readonly key: string; readonly phase: string | null; readonly label: string }[];
  readonly phases: readonly { readonly id: string; readonly label: string }[];
  readonly overdueGroups: readonly OverdueGroupInfo[];
  readonly days: readonly DayRecord[];
  readonly units: readonly UnitResult[];
  /** Full overdue lists on the scenario's snapshot days and on the last day. */
  readonly snapshots: readonly OverdueSnapshot[];
  readonly blockers: readonly BlockerCount[];
  readonly totals: {
    readonly units: number;
    readonly members: number;
    readonly events: number;
    readonly signoffs: number;
    /** Per phase: how many units ended it on time, late, overdue or still open. */
    readonly outcomes: Readonly<Record<string, Readonly<Record<PhaseOutcome, number>>>>;
  };
}
