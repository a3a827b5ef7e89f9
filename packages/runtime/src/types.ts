/**
 * The runtime's public data shapes: the events an application sends, the units it registers,
 * and the status it reads back. These are the documented, stable JSON shapes of
 * `phasegate status --json` and of `docs/embedding.md`; change them only with a version bump.
 */

/** Who did it. `unit` is set for users who belong to a unit (a unit admin). */
export interface Actor {
  readonly user: string;
  readonly role: string;
  readonly unit?: string;
}

interface EventBase {
  /** Unique per event; a repeated id is a no-op (idempotent delivery). */
  readonly id: string;
  /** ISO 8601 date-time with offset or `Z`, or a date-time in the campaign zone: `2005-03-01T09:00`. */
  readonly time: string;
  readonly actor: Actor;
}

/** A fact about a unit (`member` absent) or one member (`member`: id from the roster, or index). */
export interface FactEvent extends EventBase {
  readonly type: 'fact';
  readonly unit: string;
  readonly metric: string;
  readonly member?: string | number;
  readonly value: number;
  /** `set` (default) replaces the value; `add` increments it. */
  readonly mode?: 'set' | 'add';
}

export interface TaskEvent extends EventBase {
  readonly type: 'task';
  readonly unit: string;
  readonly task: string;
}

export interface DeliverableEvent extends EventBase {
  readonly type: 'deliverable';
  readonly unit: string;
  readonly deliverable: string;
}

export interface SignoffEvent extends EventBase {
  readonly type: 'signoff' | 'revoke';
  readonly unit: string;
  readonly checkpoint: string;
  readonly item: string;
}

/** A document issued at run time (declared documents may also carry their issue date). */
export interface IssueEvent extends EventBase {
  readonly type: 'issue';
  readonly document: string;
}

export interface AcknowledgeEvent extends EventBase {
  readonly type: 'acknowledge';
  readonly unit: string;
  readonly document: string;
}

/** A report toward an obligation (`due` or `recurring`); `unit` absent for role obligations. */
export interface ReportEvent extends EventBase {
  readonly type: 'report';
  readonly obligation: string;
  readonly unit?: string;
}

/** Extend or move a phase or step window while the campaign runs. */
export interface AmendEvent extends EventBase {
  readonly type: 'amend';
  readonly phase: string;
  readonly step?: string;
  /** Exactly one of the following actions. */
  readonly extendDays?: number;
  readonly extendTo?: string;
  readonly moveDays?: number;
  /** Defaults to the event time. */
  readonly effective?: string;
  readonly reason?: string;
}

/** Advance the campaign clock (all units) without any other change. */
export interface ClockEvent extends EventBase {
  readonly type: 'clock';
}

export type CampaignEvent =
  | FactEvent
  | TaskEvent
  | DeliverableEvent
  | SignoffEvent
  | IssueEvent
  | AcknowledgeEvent
  | ReportEvent
  | AmendEvent
  | ClockEvent;

/** A participating unit. Branches name their parent unit. */
export interface UnitSpec {
  readonly id: string;
  readonly label?: string;
  readonly kind?: string;
  readonly parent?: string;
  /** A member count, or member ids (events may then name members by id). */
  readonly members: number | readonly string[];
}

export type Timing = 'waiting' | 'on-time' | 'behind' | 'overdue';
export type SummaryState = 'waiting' | 'active' | 'awaiting-transfer' | 'late' | 'remediation' | 'completed';

/** One reason a unit cannot move on, with the numbers behind it. */
export type Blocker =
  | { readonly kind: 'window'; readonly message: string; readonly opens: string }
  | { readonly kind: 'task'; readonly message: string; readonly task: string }
  | {
      readonly kind: 'deliverable';
      readonly message: string;
      readonly deliverable: string;
      readonly due: string | null;
      readonly overdue: boolean;
    }
  | {
      readonly kind: 'group';
      readonly message: string;
      readonly mode: 'any' | 'all';
      readonly done: number;
      readonly of: number;
    }
  | {
      readonly kind: 'gate';
      readonly message: string;
      readonly gate: string;
      /** The failing comparisons inside the gate, each with its numbers. */
      readonly failing: readonly ConditionGap[];
    }
  | {
      readonly kind: 'checkpoint';
      readonly message: string;
      readonly checkpoint: string;
      readonly signer: string;
      readonly signed: number;
      readonly of: number;
      readonly missing: readonly {
        readonly number: number;
        readonly item: string;
        readonly label: string;
        readonly reason: 'unsigned' | 'condition';
      }[];
    };

/** A comparison that does not hold: what it measures, the target, and where the unit stands. */
export interface ConditionGap {
  readonly message: string;
  readonly metric: string | null;
  readonly aggregate:
    | 'metric'
    | 'every'
    | 'share'
    | 'count'
    | 'total'
    | 'average'
    | 'min'
    | 'max'
    | 'task-done'
    | 'deliverable-submitted';
  readonly op: string;
  readonly target: number;
  readonly actual: number;
  /** For member aggregates: members failing, members in all, and the lowest value. */
  readonly membersFailing?: number;
  readonly members?: number;
  readonly lowest?: number;
}

export interface UnitStatus {
  readonly id: string;
  readonly label: string;
  readonly phase: string | null;
  readonly step: string | null;
  readonly position: 'step' | 'transfer' | 'completed';
  /** The XState state value rendered as a dotted path: `study.four_talks.open`. */
  readonly machineState: string;
  readonly state: SummaryState;
  readonly timing: Timing;
  readonly onTime: boolean;
  readonly transfers: readonly { readonly phase: string; readonly at: string; readonly onTime: boolean }[];
  readonly blockers: readonly Blocker[];
}

/** Why an event was not applied. `field` names the offending field of the event. */
export interface EventRejection {
  readonly index: number;
  readonly eventId: string | null;
  readonly field: string;
  readonly message: string;
}

/**
 * The result of `ingest`. Batches are atomic: if any event is rejected, none is applied and
 * `rejected` lists every problem found; otherwise every new event is applied and logged in one
 * transaction. Events whose id was already ingested are skipped and listed in `duplicates`.
 */
export interface IngestResult {
  readonly applied: number;
  readonly duplicates: readonly string[];
  readonly rejected: readonly EventRejection[];
  readonly transitions: readonly TransitionRecord[];
}

/** A unit moved from one machine state to another because of an event. */
export interface TransitionRecord {
  readonly unit: string;
  readonly eventId: string;
  readonly time: string;
  readonly from: string;
  readonly to: string;
}

export interface CampaignSummary {
  readonly at: string;
  readonly units: number;
  /** Units per summary state. */
  readonly byState: Readonly<Record<SummaryState, number>>;
  /** Units per phase and step (`study.four_talks`, `study.transfer`, `completed`). */
  readonly byPosition: Readonly<Record<string, number>>;
}

/** An obligation not met by its deadline: who, what, since when. */
export interface OverdueEntry {
  readonly obligation: string;
  readonly label: string;
  /** The unit that owes it, or null for a role obligation. */
  readonly unit: string | null;
  readonly role: string | null;
  /** The document for acknowledgements; the occurrence date for recurring reports. */
  readonly subject: string | null;
  readonly due: string;
  /** Whole days late at the time asked. */
  readonly daysLate: number;
}

export interface OverdueList {
  readonly at: string;
  /** Grouped by obligation (and document / occurrence): "14 units have not acknowledged X since 02-08". */
  readonly groups: readonly {
    readonly obligation: string;
    readonly label: string;
    readonly subject: string | null;
    readonly due: string;
    readonly entries: readonly OverdueEntry[];
    readonly message: string;
  }[];
}

export type RuntimeListener<T> = (payload: T) => void;

/**
 * A running campaign. Create one with `openRuntime` (SQLite by default, or an in-memory store).
 * Every method is synchronous: SQLite through better-sqlite3 is synchronous and the kernel is
 * in-process.
 */
export interface Runtime {
  readonly campaign: { readonly id: string; readonly label: string; readonly timezone: string };
  /** Registers units; re-registering an identical unit is a no-op, a conflicting one an error. */
  registerUnits(units: readonly UnitSpec[]): void;
  ingest(events: readonly CampaignEvent[]): IngestResult;
  /**
   * What `ingest` would do with this batch — every problem of every event, the duplicates, the
   * transitions — without applying or logging anything, and without calling listeners.
   */
  check(events: readonly CampaignEvent[]): IngestResult;
  status(unit: string): UnitStatus;
  statuses(): Iterable<UnitStatus>;
  summary(): CampaignSummary;
  overdue(at?: string): OverdueList;
  on(event: 'transition', listener: RuntimeListener<TransitionRecord>): () => void;
  on(event: 'unblocked', listener: RuntimeListener<{ unit: string; eventId: string; time: string }>): () => void;
  on(event: 'overdue', listener: RuntimeListener<OverdueEntry>): () => void;
  close(): void;
}
