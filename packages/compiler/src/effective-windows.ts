import type { CampaignIR } from './ir.js';

/** A window as epoch ms, half-open `[start, end)`. */
export interface WindowBounds {
  readonly start: number;
  readonly end: number;
}

/**
 * One change of the calendar: from `effective` on, window `window` (an index into
 * `CampaignIR.windows`) is `[start, end)`. File amendments (`CampaignIR.amendments`) and run-time
 * `amend` events have this shape.
 */
export interface WindowAmendment {
  readonly window: number;
  readonly start: number;
  readonly end: number;
  readonly effective: number;
}

/**
 * The bounds of one window at `now`: its base bounds with every amendment of that window whose
 * `effective <= now` applied in list order (the last one applied wins).
 */
export function effectiveWindow(
  base: readonly WindowBounds[],
  amendments: readonly WindowAmendment[],
  index: number,
  now: number,
): WindowBounds {
  let w = base[index];
  for (const a of amendments) {
    if (a.window === index && a.effective <= now) w = a;
  }
  return { start: w.start, end: w.end };
}

/** Every window's bounds at `now` (see `effectiveWindow`). */
export function applyAmendments(
  base: readonly WindowBounds[],
  amendments: readonly WindowAmendment[],
  now: number,
): WindowBounds[] {
  const out = base.map((w) => ({ start: w.start, end: w.end }));
  for (const a of amendments) {
    if (a.effective <= now && a.window >= 0 && a.window < out.length) out[a.window] = { start: a.start, end: a.end };
  }
  return out;
}

/**
 * The campaign calendar at `now`: the IR's windows with the file's amendments, then
 * `runtimeAmendments` (in the order received), applied when `effective <= now`.
 *
 * @example
 * // first-batch.phase: the study phase is extended by 10 days from 2005-02-21
 * effectiveWindows(ir, [], Date.UTC(2005, 2, 1))[ir.phases[0].window].end // 2005-03-15T16:00:00Z
 */
export function effectiveWindows(
  ir: CampaignIR,
  runtimeAmendments: readonly WindowAmendment[],
  now: number,
): WindowBounds[] {
  return applyAmendments(applyAmendments(ir.windows, ir.amendments, now), runtimeAmendments, now);
}

export type StepSubstate = 'waiting' | 'open' | 'behind' | 'overdue';
export type TransferSubstate = 'waiting' | 'open' | 'overdue';

/**
 * The substate of a unit at a step (docs/semantics.md, "Positions and substates"). The rows are
 * tried in the table's order. They overlap only when a step's window reaches past its phase's end,
 * which the checker forbids in files (PG304) and the runtime refuses in amendments; the machine
 * then reads `open` until the step's own window closes.
 */
export function stepSubstate(now: number, step: WindowBounds, phase: WindowBounds): StepSubstate {
  if (now < step.start) return 'waiting';
  if (now < step.end) return 'open';
  if (now < phase.end) return 'behind';
  return 'overdue';
}

/** The substate of a unit at a phase's transfer position. */
export function transferSubstate(now: number, phase: WindowBounds): TransferSubstate {
  if (now < phase.start) return 'waiting';
  if (now < phase.end) return 'open';
  return 'overdue';
}
