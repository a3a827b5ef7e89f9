import { DateTime } from 'luxon';
import { localToEpoch } from '@phasegate/compiler/calendar';

const localMinutes = new Map<string, number>();

/**
 * Event times: ISO 8601 with an offset (`2005-03-01T09:00:00+08:00`, `…Z`), or a local date-time
 * in the campaign zone (`2005-03-01T09:00`, seconds optional). Parsed once at the edge.
 */
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms, or a sentence saying what is wrong with the text. */
export type ParsedTime = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

const EXAMPLE = 'write it as 2005-03-01T09:00 (campaign time) or 2005-03-01T09:00:00+08:00';

/**
 * Parses an event time.
 *
 * @example
 * parseEventTime('2005-03-01T09:00', 'Asia/Shanghai'); // { ok: true, ms: 1109638800000 }
 */
export function parseEventTime(text: unknown, zone: string): ParsedTime {
  if (typeof text !== 'string') return { ok: false, reason: `is missing or not a string; ${EXAMPLE}` };
  const fast = withOffset(text);
  if (fast !== null) return fast;
  if (WITH_OFFSET.test(text)) {
    const dt = DateTime.fromISO(text, { setZone: true });
    if (!dt.isValid)
      return {
        ok: false,
        reason: `"${text}" is not a real date and time (${dt.invalidExplanation ?? dt.invalidReason})`,
      };
    return { ok: true, ms: dt.toMillis() };
  }
  const m = LOCAL.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac] = m;
    const [year, month, day, hour, minute, second] = [+y, +mo, +d, +h, +mi, sec ? +sec : 0];
    const dayCount = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
    if (day < 1 || day > dayCount || hour > 23 || minute > 59 || second > 59) {
      return {
        ok: false,
        reason: `"${text}" is not a real date and time (${dayCount === 0 ? `there is no month ${mo}` : day < 1 || day > dayCount ? `${y}-${mo} has ${dayCount} days` : 'hours run 00–23, minutes and seconds 00–59'})`,
      };
    }
    // The compiler's rule for wall times (gap: forward by the gap; repeated hour: the earlier one),
    // so that an event at a window's written edge lands exactly on it. Cached per minute.
    const key = `${zone}|${text.slice(0, 16)}`;
    let minuteStart = localMinutes.get(key);
    if (minuteStart === undefined) {
      if (localMinutes.size > 50_000) localMinutes.clear();
      minuteStart = localToEpoch(zone, year, month, day, hour, minute);
      localMinutes.set(key, minuteStart);
    }
    return { ok: true, ms: minuteStart + second * 1000 + (frac ? +frac.padEnd(3, '0') : 0) };
  }
  if (DATE.test(text)) return { ok: false, reason: `"${text}" has no time of day; ${EXAMPLE}` };
  return { ok: false, reason: `"${text}" is not a date-time; ${EXAMPLE}` };
}

const OFFSET_FIELDS =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * The common case without luxon (ingest parses one time per event): a time with `Z` or an offset
 * and at most millisecond precision, checked field by field (no 30 February, no hour 25). Null when
 * the text has another shape; luxon then decides.
 */
function withOffset(text: string): ParsedTime | null {
  const m = OFFSET_FIELDS.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m;
  const fields = [+y, +mo, +d, +h, +mi, s ? +s : 0];
  const ms = frac ? +frac.padEnd(3, '0') : 0;
  const local = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], ms);
  const check = new Date(local);
  const real =
    check.getUTCFullYear() === fields[0] &&
    check.getUTCMonth() === fields[1] - 1 &&
    check.getUTCDate() === fields[2] &&
    check.getUTCHours() === fields[3] &&
    check.getUTCMinutes() === fields[4] &&
    check.getUTCSeconds() === fields[5] &&
    (sign === undefined || (+oh <= 23 && +om <= 59));
  if (!real || (sign === undefined && /[+-]/.test(text.slice(19)))) return null;
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (+oh * 60 + +om) * 60_000;
  return { ok: true, ms: local - offset };
}

/**
 * A window end written in an amendment: a date means the end of that day (the next local
 * midnight, as in `.phase` windows); a date-time means that instant.
 */
export function parseWindowEnd(text: unknown, zone: string): ParsedTime {
  if (typeof text === 'string') {
    const m = DATE.exec(text);
    if (m) {
      const dt = DateTime.fromObject({ year: +m[1], month: +m[2], day: +m[3] }, { zone });
      if (!dt.isValid)
        return { ok: false, reason: `"${text}" is not a real date (${dt.invalidExplanation ?? dt.invalidReason})` };
      return { ok: true, ms: dt.plus({ days: 1 }).toMillis() };
    }
  }
  return parseEventTime(text, zone);
}
