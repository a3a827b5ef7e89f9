/**
 * `@phasegate/compiler/calendar`: date and time in a campaign's IANA zone, as the compiler
 * computes every window and deadline (docs/architecture.md, "Calendar"). Instants are epoch
 * milliseconds; nothing here reads the system clock.
 *
 * @example
 * import { localToEpoch, formatLocal } from '@phasegate/compiler/calendar';
 *
 * const opens = localToEpoch('Asia/Shanghai', 2005, 2, 23); // 2005-02-22T16:00:00Z
 * formatLocal('Asia/Shanghai', opens); // '2005-02-23 00:00'
 */
export {
  localToEpoch,
  addLocalDays,
  formatLocal,
  isValidZone,
  zoneOffsetMinutes,
  clearZoneOffsetCache,
} from './calendar.js';
