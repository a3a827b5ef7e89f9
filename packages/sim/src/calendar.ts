import { DateTime } from 'luxon';
import type { LocalDate } from './scenario/scenario.js';

/**
 * Local calendar arithmetic in the campaign's zone. Local dates are `YYYY-MM-DD` strings;
 * instants are epoch milliseconds. luxon is used once per day or per planned anchor, never per
 * event in the hot loop (day boundaries are computed once and reused).
 */

const DAY_MS = 86_400_000;

/** Adds whole calendar days to a local date (no zone involved: dates are just dates). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ya, ma, da] = a.split('-').map(Number) as [number, number, number];
  const [yb, mb, db] = b.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/** True when the string is a real calendar date (`2005-02-30` is not). */
export function isValidDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return addDays(date, 0) === date;
}

const starts = new Map<string, number>();

/** Epoch ms of local midnight starting the date (cached: planning asks for the same days often). */
export function dayStart(date: LocalDate, zone: string): number {
  const key = `${zone} ${date}`;
  let ms = starts.get(key);
  if (ms === undefined) {
    ms = DateTime.fromISO(date, { zone }).startOf('day').toMillis();
    if (starts.size > 100_000) starts.clear();
    starts.set(key, ms);
  }
  return ms;
}

/** The local date an instant falls on. */
export function localDateOf(ms: number, zone: string): LocalDate {
  return DateTime.fromMillis(ms, { zone }).toISODate()!;
}

/** `2005-02-23T09:00:00+08:00`: an instant as ISO 8601 with the zone's offset at that instant. */
export function formatInstant(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!;
}

/** `02-23 09:00` in the zone, for tables. */
export function shortInstant(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('MM-dd HH:mm');
}

/**
 * Parses a scenario time: `2005-02-23` (09:00 local, the start of office hours),
 * `2005-02-23T10:30` (local), or with an offset / `Z`. Returns NaN when it is not a time.
 */
export function parseScenarioTime(text: string, zone: string): number {
  const normalized = text.replace(' ', 'T');
  const dt = /^\d{4}-\d{2}-\d{2}$/.test(normalized)
    ? DateTime.fromISO(`${normalized}T09:00`, { zone })
    : DateTime.fromISO(normalized, { zone, setZone: false });
  return dt.isValid ? dt.toMillis() : NaN;
}

/**
 * The simulated days as a table of boundaries: `starts[i]` is local midnight of day `i`, and
 * `starts[days.length]` the midnight after the last day. Computed once with luxon so that DST
 * days (23 or 25 hours) are right.
 */
export interface DayTable {
  readonly dates: readonly LocalDate[];
  readonly starts: readonly number[];
}

export function dayTable(from: LocalDate, to: LocalDate, zone: string): DayTable {
  const dates: LocalDate[] = [];
  const starts: number[] = [];
  let date = from;
  while (date <= to) {
    dates.push(date);
    starts.push(dayStart(date, zone));
    date = addDays(date, 1);
  }
  starts.push(dayStart(date, zone));
  return { dates, starts };
}

/** Index of the simulated day containing the instant, -1 before the first, `dates.length` after the last. */
export function dayIndexOf(table: DayTable, ms: number): number {
  const { starts } = table;
  if (ms < starts[0]) return -1;
  if (ms >= starts[starts.length - 1]) return table.dates.length;
  let lo = 0;
  let hi = starts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= ms) lo = mid;
    else hi = mid;
  }
  return lo;
}

export { DAY_MS };
