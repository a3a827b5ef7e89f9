import type { WindowBounds } from './windows.js';

/*
 * Where a unit stands at its position (docs/semantics.md, "Positions and substates"). The names
 * are the reference machine's state names; the codes, their indices, are what the kernel stores.
 */

export const STEP_SUBSTATES = ['waiting', 'open', 'behind', 'overdue'] as const;
export const TRANSFER_SUBSTATES = ['waiting', 'open', 'overdue'] as const;
export type StepSubstate = (typeof STEP_SUBSTATES)[number];
export type TransferSubstate = (typeof TRANSFER_SUBSTATES)[number];

/** Substate codes: indices into `STEP_SUBSTATES` (a transfer is never `behind`). */
export const WAITING = 0;
export const OPEN = 1;
export const BEHIND = 2;
export const OVERDUE = 3;

/**
 * The substate code at a step: the rows of semantics.md's table, tried in order. They overlap
 * only when a step's window reaches past its phase's end, which the checker forbids in files
 * (PG304) and the runtime refuses in amendments; then `open` wins until the step's own window
 * closes.
 */
export function stepSubstateCode(now: number, stepStart: number, stepEnd: number, phaseEnd: number): number {
  if (now < stepStart) return WAITING;
  if (now < stepEnd) return OPEN;
  if (now < phaseEnd) return BEHIND;
  return OVERDUE;
}

/** The substate code at a phase's transfer position: never `behind`. */
export function transferSubstateCode(now: number, phaseStart: number, phaseEnd: number): number {
  if (now < phaseStart) return WAITING;
  if (now < phaseEnd) return OPEN;
  return OVERDUE;
}

/** The substate of a unit at a step, by name (see `stepSubstateCode`). */
export function stepSubstate(now: number, step: WindowBounds, phase: WindowBounds): StepSubstate {
  return STEP_SUBSTATES[stepSubstateCode(now, step.start, step.end, phase.end)];
}

/** The substate of a unit at a phase's transfer position, by name. */
export function transferSubstate(now: number, phase: WindowBounds): TransferSubstate {
  // Codes 0, 1 and 3 name the same states in both lists.
  return STEP_SUBSTATES[transferSubstateCode(now, phase.start, phase.end)] as TransferSubstate;
}
