/**
 * Events as the kernel applies them: validated, every name resolved to an index, every time an
 * epoch-ms number. `resolveEvent` (src/resolve-event.ts) produces them from untrusted
 * `CampaignEvent`s; simulations and benchmarks may build them directly.
 */
export type KernelEvent =
  | ClockKernelEvent
  | FactKernelEvent
  | TaskKernelEvent
  | DeliverableKernelEvent
  | SignoffKernelEvent
  | AmendKernelEvent
  | IssueKernelEvent
  | AcknowledgeKernelEvent
  | ReportKernelEvent;

export interface ClockKernelEvent {
  readonly kind: 'clock';
  readonly time: number;
}

export interface FactKernelEvent {
  readonly kind: 'fact';
  readonly time: number;
  readonly unit: number;
  /** Index into `Plan.metrics`. */
  readonly metric: number;
  /** Member index inside the unit (0-based), or -1 for a unit-level metric. */
  readonly member: number;
  readonly value: number;
  readonly add: boolean;
}

export interface TaskKernelEvent {
  readonly kind: 'task';
  readonly time: number;
  readonly unit: number;
  readonly task: number;
}

export interface DeliverableKernelEvent {
  readonly kind: 'deliverable';
  readonly time: number;
  readonly unit: number;
  readonly deliverable: number;
}

export interface SignoffKernelEvent {
  readonly kind: 'signoff' | 'revoke';
  readonly time: number;
  readonly unit: number;
  /** Index into `Plan.items`. */
  readonly item: number;
}

export interface AmendKernelEvent {
  readonly kind: 'amend';
  readonly time: number;
  readonly window: number;
  readonly start: number;
  readonly end: number;
  readonly effective: number;
  readonly action: string;
  readonly reason: string;
  /** The id of the event, kept with the amendment. */
  readonly source: string;
}

export interface IssueKernelEvent {
  readonly kind: 'issue';
  readonly time: number;
  readonly document: number;
}

export interface AcknowledgeKernelEvent {
  readonly kind: 'acknowledge';
  readonly time: number;
  readonly unit: number;
  readonly document: number;
  /** Index into `Plan.roles` of the actor, or -1. */
  readonly role: number;
}

export interface ReportKernelEvent {
  readonly kind: 'report';
  readonly time: number;
  /** Index into `CampaignIR.obligations`. */
  readonly obligation: number;
  /** The reporting unit, or -1 for a role obligation. */
  readonly unit: number;
}
