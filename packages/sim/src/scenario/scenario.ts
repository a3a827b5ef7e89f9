import type { Distribution } from '../behaviour/distribution.js';

/**
 * A simulation scenario, as read from a YAML or JSON file and checked against
 * `scenario.schema.json`. Every field is documented in docs/simulation.md.
 *
 * `RawScenario` is the file's shape; `Scenario` is the resolved form the simulator runs on (roster
 * loaded and generated, defaults filled in, the file's location kept for messages).
 */

/** `YYYY-MM-DD`, a local calendar date in the campaign's time zone. */
export type LocalDate = string;

export interface RosterUnit {
  readonly id: string;
  readonly label?: string;
  readonly kind?: string;
  /** How many members; facts name them by index 0 … members − 1. */
  readonly members: number;
  /** Member ids, when the roster CSV lists them (`li;wang;zhang`). */
  readonly memberIds?: readonly string[];
  readonly parent?: string;
}

/** Generates `count` similar units: `{n}` in `id` and `label` is replaced by 1, 2, … (zero-padded to `pad`). */
export interface UnitGenerator {
  readonly count: number;
  readonly id: string;
  readonly label?: string;
  readonly kind?: string;
  readonly members: Distribution;
  readonly parent?: string;
  readonly start?: number;
  readonly pad?: number;
}

export type RawRoster =
  | string
  | { readonly file?: string; readonly units?: readonly RosterUnit[]; readonly generate?: readonly UnitGenerator[] };

/**
 * A distribution chosen per unit: `byUnit` wins, then `lagging` for the units that lag badly, then
 * the item-specific table (`byTask`, `byDocument`, …), then `byKind`, then the default.
 */
export interface PerUnit {
  readonly byKind?: Readonly<Record<string, Distribution>>;
  readonly byUnit?: Readonly<Record<string, Distribution>>;
  readonly lagging?: Distribution;
}

/** When something happens: a number of days (`lag`) after a step or phase opens, or after a date. */
export type Anchor =
  | { readonly step: string; readonly lag?: Distribution }
  | { readonly phase: string; readonly lag?: Distribution }
  | { readonly date: LocalDate; readonly lag?: Distribution };

/** A member (or unit) metric that grows every week; running totals are tallied into facts. */
export interface AccrualModel extends PerUnit {
  readonly metric: string;
  readonly perWeek: Distribution;
  readonly from?: LocalDate;
  readonly until?: LocalDate;
  /** Recorded values are rounded to a multiple of this (default 0.5). */
  readonly round?: number;
  /** Also tally every this many days, whatever the unit's state (default: only when it matters). */
  readonly every?: number;
  /** While a gate on this metric holds a unit at a transfer point, tally this often (days, default 3). */
  readonly blockedEvery?: number;
  /**
   * A multiplier of the weekly amount drawn once per unit: how seriously the unit takes it
   * (default 1). Every accrual model uses the same draw for a unit, so a unit that studies
   * hard does so for every metric.
   */
  readonly unitFactor?: Distribution;
}

/** A unit metric measured once (a rate, a count of days), at a time given by `at`. */
export interface LevelModel extends PerUnit {
  readonly metric: string;
  readonly value: Distribution;
  readonly at: Anchor;
  readonly round?: number;
}

/** Members absent at first: they accrue nothing until their unit's make-up sessions, then catch up. */
export interface AbsenceModel extends PerUnit {
  /** Share of each unit's members (0–1), drawn per unit. */
  readonly share: Distribution;
  readonly makeUp: Anchor;
  /** Accrual speed after make-up, as a multiple of the member's normal pace (default 2). */
  readonly catchUp?: number;
}

export interface LagModel extends PerUnit {
  readonly lag: Distribution;
}

/**
 * Work on a step's tasks or deliverables. `scale: days` (default): the lag is in days after the
 * step opens. `scale: window`: the lag is a fraction of the step's window (0.5 = halfway through,
 * 1 = as it closes, above 1 = late), so units pace themselves to the time they are given.
 */
export interface WorkModel extends LagModel {
  readonly scale?: 'days' | 'window';
}

export interface TaskModel extends WorkModel {
  readonly byTask?: Readonly<Record<string, Distribution>>;
}

export interface DeliverableModel extends WorkModel {
  readonly byDeliverable?: Readonly<Record<string, Distribution>>;
}

export interface AcknowledgementModel extends PerUnit {
  readonly delay: Distribution;
  readonly byDocument?: Readonly<Record<string, Distribution>>;
}

export interface ReportModel extends PerUnit {
  readonly delay: Distribution;
  readonly byObligation?: Readonly<Record<string, Distribution>>;
}

export interface LaggingModel {
  readonly share?: number;
  readonly units?: readonly string[];
}

export interface Holiday {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Accrual during these days is multiplied by this (0 = nothing happens). */
  readonly factor: number;
  readonly label?: string;
}

export interface Behaviour {
  readonly seed?: number;
  readonly lagging?: LaggingModel;
  readonly holidays?: readonly Holiday[];
  readonly accrual?: readonly AccrualModel[];
  readonly levels?: readonly LevelModel[];
  readonly absence?: AbsenceModel;
  readonly tasks?: TaskModel;
  readonly deliverables?: DeliverableModel;
  readonly acknowledgements?: AcknowledgementModel;
  readonly reports?: ReportModel;
  readonly signoffs?: LagModel;
}

/** An explicit event: the runtime's event shape without `id` and `actor`; `unit: "*"` means every unit. */
export type ScenarioEvent = { readonly type: string; readonly time: string } & Readonly<Record<string, unknown>>;

export interface Actors {
  /** Role used for unit admins' events (facts, tasks, deliverables, acknowledgements, reports). */
  readonly unit?: string;
  /** Role used for amendments and issued documents. */
  readonly office?: string;
}

export interface RawScenario {
  readonly scenario: string;
  readonly label?: string;
  readonly campaign?: string;
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  readonly snapshots?: readonly LocalDate[];
  readonly roster: RawRoster;
  readonly events?: readonly ScenarioEvent[];
  readonly behaviour?: Behaviour;
  readonly actors?: Actors;
}

export interface Scenario {
  /** What the scenario is called: the path it was read from, as its reader gave it. */
  readonly file: string;
  readonly id: string;
  readonly label: string;
  /** The campaign file the scenario names, as written (relative to the scenario file). */
  readonly campaign: string | null;
  readonly seed: number;
  readonly from: LocalDate | null;
  readonly to: LocalDate | null;
  readonly snapshots: readonly LocalDate[];
  readonly units: readonly RosterUnit[];
  readonly events: readonly ScenarioEvent[];
  readonly behaviour: Behaviour;
  readonly actors: Actors;
}
