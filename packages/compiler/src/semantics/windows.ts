import type { CampaignIR } from '../ir.js';

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
 * Whether an amendment is in force at `now`: from its effective time on. Amendments in force
 * apply in list order (the file's in effective order, then run-time ones as received), so the
 * last one of a window wins. The one rule of the effective window, in both functions below.
 */
function inForce(a: WindowAmendment, now: number): boolean {
  return a.effective <= now;
}

/** The bounds of one window at `now`: its base bounds with its amendments in force applied. */
export function effectiveWindow(
  base: readonly WindowBounds[],
  amendments: readonly WindowAmendment[],
  index: number,
  now: number,
): WindowBounds {
  let w = base[index];
  for (const a of amendments) {
    if (a.window === index && inForce(a, now)) w = a;
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
    if (inForce(a, now) && a.window >= 0 && a.window < out.length) out[a.window] = { start: a.start, end: a.end };
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
