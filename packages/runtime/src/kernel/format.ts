import { DateTime } from 'luxon';
import { type MetricUnit } from '@phasegate/compiler';
import { zoneOffsetMinutes } from '@phasegate/compiler/calendar';

/**
 * How the runtime writes times, numbers and names in messages. Times are shown in the campaign's
 * zone (never the machine's). Status reads and transitions format times by the thousand, so the
 * common cases are written from the zone's cached offset; luxon (tens of µs a call) is kept for
 * years outside 0001–9999. `format-time.test.ts` holds every function to luxon's output.
 */

const MINUTE = 60_000;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The wall clock in `zone` at `ms`, or null where luxon should do it (odd years). */
function wall(ms: number, zone: string): { date: Date; offset: number } | null {
  const offset = zoneOffsetMinutes(zone, ms);
  const date = new Date(ms + offset * MINUTE);
  const year = date.getUTCFullYear();
  return year >= 1 && year <= 9999 ? { date, offset } : null;
}

function ymd(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** luxon writes UTC (and GMT) as `Z`, other zones, even at offset 0, as `+00:00`. */
function offsetText(offset: number, zone: string): string {
  const lower = zone.toLowerCase();
  if (offset === 0 && (lower === 'utc' || lower === 'gmt')) return 'Z';
  // Historical local mean times have offsets in seconds; luxon truncates them to minutes.
  const hours = Math.trunc(Math.abs(offset / 60));
  const minutes = Math.trunc(Math.abs(offset % 60));
  return `${offset >= 0 ? '+' : '-'}${pad2(hours)}:${pad2(minutes)}`;
}

/** `2005-03-15T18:00:00+08:00` (milliseconds only when there are some). */
export function isoTime(ms: number, zone: string): string {
  if (!Number.isFinite(ms)) return '';
  const w = wall(ms, zone);
  if (!w) return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
  const d = w.date;
  const millis = d.getUTCMilliseconds();
  const fraction = millis === 0 ? '' : `.${String(millis).padStart(3, '0')}`;
  return `${ymd(d)}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${fraction}${offsetText(w.offset, zone)}`;
}

/** `03-15 18:00` in the campaign zone. */
export function shortDateTime(ms: number, zone: string): string {
  const w = wall(ms, zone);
  if (!w) return DateTime.fromMillis(ms, { zone }).toFormat('MM-dd HH:mm');
  const d = w.date;
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** `03-15` in the campaign zone. */
export function shortDate(ms: number, zone: string): string {
  const w = wall(ms, zone);
  if (!w) return DateTime.fromMillis(ms, { zone }).toFormat('MM-dd');
  return `${pad2(w.date.getUTCMonth() + 1)}-${pad2(w.date.getUTCDate())}`;
}

/** `2005-02-25` in the campaign zone. */
export function localDate(ms: number, zone: string): string {
  const w = wall(ms, zone);
  if (!w) return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd');
  return ymd(w.date);
}

/** The same wall time `days` local calendar days later (DST-safe). */
export function plusLocalDays(ms: number, days: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).plus({ days }).toMillis();
}

/** A number as people write it: at most two decimals, no trailing zeros (`38.5`, `45`, `33.33`). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const rounded = Math.round(x * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A value with its metric's unit: `45 hours`, `1 day`, `95%`, `12`. */
export function formatQuantity(x: number, unit: MetricUnit): string {
  const n = formatNumber(x);
  switch (unit) {
    case 'percent':
      return `${n}%`;
    case 'hours':
      return `${n} ${x === 1 ? 'hour' : 'hours'}`;
    case 'days':
      return `${n} ${x === 1 ? 'day' : 'days'}`;
    case 'count':
      return n;
  }
}

/** An id as words: `study_hours` → `study hours`. */
export function humanize(id: string): string {
  return id.replace(/[_-]+/g, ' ');
}

/** `1 unit has`, `14 units have`. */
export function unitsHave(n: number): string {
  return n === 1 ? '1 unit has' : `${n} units have`;
}
