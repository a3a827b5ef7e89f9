/**
 * Substates of a position (docs/semantics.md, "Positions and substates"), as the kernel stores
 * them in a Uint8Array. The names are the XState state names of the reference machine.
 */
export const WAITING = 0;
export const OPEN = 1;
export const BEHIND = 2;
export const OVERDUE = 3;

export type SubstateName = 'waiting' | 'open' | 'behind' | 'overdue';
export const SUBSTATE_NAMES: readonly SubstateName[] = ['waiting', 'open', 'behind', 'overdue'];

/**
 * The substate at a step position. When an amendment leaves a step ending after its phase, `open`
 * wins over `overdue` (the table's order); the runtime refuses such amendments anyway.
 */
export function stepSubstate(now: number, stepStart: number, stepEnd: number, phaseEnd: number): number {
  if (now < stepStart) return WAITING;
  if (now < stepEnd) return OPEN;
  if (now < phaseEnd) return BEHIND;
  return OVERDUE;
}

/** The substate at a transfer position: never `behind`. */
export function transferSubstate(now: number, phaseStart: number, phaseEnd: number): number {
  if (now < phaseStart) return WAITING;
  if (now < phaseEnd) return OPEN;
  return OVERDUE;
}
