import { addLocalDays, localDaysBetween } from './calendar.js';
import type { WindowBounds } from './semantics/windows.js';

/**
 * A change to a window, with dates already resolved to instants in the campaign zone:
 * - `extend-by`: the end moves `days` local calendar days later;
 * - `extend-to`: the end becomes `end` (for a date, the next local midnight after it);
 * - `move-by`: both ends move `days` local calendar days;
 * - `move-to`: the window starts at `start` and keeps its length (in local days when the wall
 *   time of the start is unchanged, otherwise in milliseconds).
 */
export type WindowChange =
  | { readonly kind: 'extend-by'; readonly days: number }
  | { readonly kind: 'extend-to'; readonly end: number }
  | { readonly kind: 'move-by'; readonly days: number }
  | { readonly kind: 'move-to'; readonly start: number };

/**
 * The window a change produces from `current`, computed in `zone` (DST-safe: days are local
 * calendar days). The runtime uses it to turn an `AmendEvent` into the machine's `amend` event.
 *
 * @example
 * // study: 2005-01-20 .. 2005-03-05 in Asia/Shanghai, extended by 10 days
 * amendedWindow('Asia/Shanghai', study, { kind: 'extend-by', days: 10 }).end // 2005-03-15T16:00:00Z
 */
export function amendedWindow(zone: string, current: WindowBounds, change: WindowChange): WindowBounds {
  switch (change.kind) {
    case 'extend-by':
      return { start: current.start, end: addLocalDays(zone, current.end, change.days) };
    case 'extend-to':
      return { start: current.start, end: change.end };
    case 'move-by':
      return {
        start: addLocalDays(zone, current.start, change.days),
        end: addLocalDays(zone, current.end, change.days),
      };
    case 'move-to': {
      const days = localDaysBetween(zone, current.start, change.start);
      if (addLocalDays(zone, current.start, days) === change.start) {
        return { start: change.start, end: addLocalDays(zone, current.end, days) };
      }
      return { start: change.start, end: current.end + (change.start - current.start) };
    }
  }
}
