import { sample } from './distribution.js';
import type { Rng } from './prng.js';
import { dayStart } from '../calendar.js';
import { DAY_MS } from '../calendar.js';
import type { PlanContext } from './plan-types.js';
import type { Anchor } from '../scenario/scenario.js';

/**
 * The instant an anchored thing happens: the (final, amended) start of the step or phase window,
 * or local midnight of the date, plus the drawn lag in days. Infinity when the lag is `never`.
 */
export function anchorTime(ctx: PlanContext, anchor: Anchor, rng: Rng): number {
  let base: number;
  if ('step' in anchor) base = ctx.calendar.byOwner.get(anchor.step)?.start ?? NaN;
  else if ('phase' in anchor) base = ctx.calendar.byOwner.get(anchor.phase)?.start ?? NaN;
  else base = dayStart(anchor.date, ctx.ir.timezone);
  const lag = anchor.lag === undefined ? 0 : sample(anchor.lag, rng);
  return base + lag * DAY_MS;
}
