import { DateTime } from 'luxon';
import type { MetricUnit } from '@phasegate/compiler';

/**
 * How the runtime writes times, numbers and names in messages. Times are shown in the campaign's
 * zone (never the machine's); luxon is used here only, outside any per-event loop.
 */

/** `2005-03-15T18:00:00+08:00` (milliseconds only when there are some). */
export function isoTime(ms: number, zone: string): string {
  if (!Number.isFinite(ms)) return '';
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

/** `03-15 18:00` in the campaign zone. */
export function shortDateTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('MM-dd HH:mm');
}

/** `03-15` in the campaign zone. */
export function shortDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('MM-dd');
}

/** `2005-02-25` in the campaign zone. */
export function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd');
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
