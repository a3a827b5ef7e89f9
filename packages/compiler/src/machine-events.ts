/**
 * The events a unit machine accepts (docs/semantics.md, "Events"). Every event carries `time`
 * (epoch ms); applying an event first sets `now = max(now, time)`, then records what it says.
 * The runtime translates its `CampaignEvent`s (ids, ISO times) into these after validating them;
 * the machine ignores, rather than rejects, what does not fit (an unknown metric, a member index
 * out of range, a metric at the wrong level, a non-finite value): it still advances `now`.
 */
export type UnitEvent = ClockEvent | FactEvent | TaskEvent | DeliverableEvent | SignoffEvent | RevokeEvent | AmendEvent;

/** Only advances the unit's clock. */
export interface ClockEvent {
  readonly type: 'clock';
  readonly time: number;
}

/**
 * Sets or adds to a metric: a unit metric when `member` is absent, otherwise member `member`'s
 * value of a member metric (`member` is the member's 0-based index in the unit).
 */
export interface FactEvent {
  readonly type: 'fact';
  readonly time: number;
  readonly metric: string;
  readonly member?: number;
  readonly value: number;
  /** `set` (default) replaces the value; `add` adds to it. */
  readonly mode?: 'set' | 'add';
}

/** Marks a task done (for good: there is no undo). */
export interface TaskEvent {
  readonly type: 'task';
  readonly time: number;
  readonly task: string;
}

/** Marks a deliverable submitted at `time`; a later submission keeps the first time. */
export interface DeliverableEvent {
  readonly type: 'deliverable';
  readonly time: number;
  readonly deliverable: string;
}

/** Signs one checkpoint item. */
export interface SignoffEvent {
  readonly type: 'signoff';
  readonly time: number;
  readonly checkpoint: string;
  readonly item: string;
}

/** Withdraws the signature of one checkpoint item. */
export interface RevokeEvent {
  readonly type: 'revoke';
  readonly time: number;
  readonly checkpoint: string;
  readonly item: string;
}

/**
 * Appends a run-time amendment to the calendar: from `effective` on, window `window` (index into
 * `CampaignIR.windows`) is `[start, end)`. The runtime computes `start`/`end` from its
 * `AmendEvent` (e.g. with `amendedWindow`).
 */
export interface AmendEvent {
  readonly type: 'amend';
  readonly time: number;
  readonly window: number;
  readonly start: number;
  readonly end: number;
  readonly effective: number;
}

/** The event type names, in the order the machine config lists them. */
export const UNIT_EVENT_TYPES = [
  'clock',
  'fact',
  'task',
  'deliverable',
  'signoff',
  'revoke',
  'amend',
] as const satisfies readonly UnitEvent['type'][];
