import { IANAZone } from 'luxon';
import type { DateLiteral, Weekday } from '@phasegate/dsl';
import { offsetReader } from './zone-offset-reader.js';

/**
 * Calendar arithmetic in a campaign's IANA zone. Everything returns epoch milliseconds; the
 * compiler calls these once per literal while lowering, never while a unit runs.
 *
 * Rules (also in docs/architecture.md, "Windows and time"):
 * - a date used as a start means local midnight at the start of that day;
 * - a date used as an end or a deadline means the end of that day, i.e. the next local midnight
 *   ("24:00"); windows are half-open, so a window ending there includes the whole day;
 * - a wall time that does not exist (the spring-forward gap) moves forward by the gap:
 *   02:30 on 2005-04-03 in America/New_York is 03:30 EDT;
 * - a wall time that happens twice (the fall-back hour) takes the first occurrence, the earlier
 *   instant (as Temporal's `compatible` disambiguation does; luxon alone would take the later);
 * - "N days later" is N local calendar days at the same wall time, not N × 24 hours.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

const zones = new Map<string, IANAZone>();

function zoneOf(name: string): IANAZone {
  let z = zones.get(name);
  if (!z) {
    z = IANAZone.create(name);
    zones.set(name, z);
  }
  return z;
}

/**
 * A zone's offsets by UTC day number, in chunks of 1,024 days in typed arrays, so a lookup is an
 * index rather than a hash-table probe (a campaign asks about the same few hundred days tens of
 * thousands of times, and a large one about thousands of days); the last chunk used is
 * remembered. A chunk holds, per day:
 * - at `i`, the offset in force all day, NaN for a day with a transition, Infinity for a day not
 *   yet asked about;
 * - at `DAYS + i`, the offset at the day's first instant (00:00 UTC), Infinity until read. A day
 *   is whole when its first instant and the next day's have the same offset, so consecutive days
 *   share a reading: one per day, not two.
 */
interface DayOffsets {
  readonly zone: IANAZone;
  /** Reads the offset at an instant (`offsetReader`: Intl's zone name, luxon's value). */
  readonly read: (ms: number) => number;
  readonly chunks: Map<number, Float64Array>;
  lastChunk: number;
  last: Float64Array | undefined;
}

const CHUNK_BITS = 10;
const DAYS = 1 << CHUNK_BITS;
/** Day numbers this far from 1970 (about ±2.9 million years) are past what a chunk index holds. */
const DAY_LIMIT = 2 ** 30;
const dayOffsets = new Map<string, DayOffsets>();
let lastZone = '';
let lastOffsets: DayOffsets | undefined;

function offsetsOf(zone: string): DayOffsets {
  if (zone === lastZone && lastOffsets) return lastOffsets;
  let o = dayOffsets.get(zone);
  if (!o) {
    const z = zoneOf(zone);
    o = { zone: z, read: offsetReader(z), chunks: new Map(), lastChunk: Number.NaN, last: undefined };
    dayOffsets.set(zone, o);
  }
  lastZone = zone;
  lastOffsets = o;
  return o;
}

/**
 * Forgets every zone offset read so far, as if the process had just started. The offsets are
 * kept for the life of the process (they depend only on the zone data); the benchmarks call this
 * before each timed compile so that it pays for its readings as a `phasegate check` would.
 */
export function clearZoneOffsetCache(): void {
  dayOffsets.clear();
  lastZone = '';
  lastOffsets = undefined;
}

function chunkOf(o: DayOffsets, chunk: number): Float64Array {
  let days = o.chunks.get(chunk);
  if (!days) {
    days = new Float64Array(2 * DAYS).fill(Number.POSITIVE_INFINITY);
    o.chunks.set(chunk, days);
  }
  return days;
}

/** The offset at the first instant of UTC day `day`, read once. */
function dayStartOffset(o: DayOffsets, day: number): number {
  const chunk = day >> CHUNK_BITS;
  const days = chunk === o.lastChunk && o.last ? o.last : chunkOf(o, chunk);
  const i = DAYS + day - chunk * DAYS;
  let offset = days[i];
  if (offset === Number.POSITIVE_INFINITY) {
    offset = o.read(day * DAY);
    days[i] = offset;
  }
  return offset;
}

/**
 * The zone's UTC offset in minutes at `ms`. Reading a zone's offset costs microseconds (Intl
 * formats a date), so the offset is cached per UTC day when it is the same at both ends of the
 * day; a day with a transition asks luxon for the exact instant. (This assumes no zone has two
 * transitions that cancel out within one day, which the tz database has never had.)
 */
function offsetAt(zone: string, ms: number): number {
  const o = offsetsOf(zone);
  const day = Math.floor(ms / DAY);
  // Far outside any calendar, or not a number: luxon says what it says.
  if (!(day > -DAY_LIMIT && day < DAY_LIMIT)) return o.zone.offset(ms);
  const chunk = day >> CHUNK_BITS;
  let days = o.last;
  if (chunk !== o.lastChunk || !days) {
    days = chunkOf(o, chunk);
    o.lastChunk = chunk;
    o.last = days;
  }
  const i = day - chunk * DAYS;
  let offset = days[i];
  if (offset === Number.POSITIVE_INFINITY) {
    const a = dayStartOffset(o, day);
    offset = a === dayStartOffset(o, day + 1) ? a : Number.NaN;
    days[i] = offset;
  }
  return Number.isNaN(offset) ? o.zone.offset(ms) : offset;
}

/**
 * The zone's UTC offset in minutes at the instant `ms` (`480` in Asia/Shanghai, `330` in
 * Asia/Kolkata), cached per day: for code that formats many instants, where luxon's own lookup
 * (tens of µs) would dominate.
 */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  return offsetAt(zone, ms);
}

/** True when `name` is an IANA zone this machine's ICU knows (`Asia/Shanghai`, `UTC`). */
export function isValidZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Why a date literal is not a real date or time, in words for the author; null when it is. */
export function dateProblem(d: Pick<DateLiteral, 'year' | 'month' | 'day' | 'time'>): string | null {
  if (!Number.isInteger(d.year) || d.year < 1000 || d.year > 9999) return `the year ${d.year} is out of range`;
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12)
    return `there is no month ${d.month}; months run from 01 to 12`;
  const dim = daysInMonth(d.year, d.month);
  if (!Number.isInteger(d.day) || d.day < 1 || d.day > dim) {
    return `${MONTHS[d.month - 1]} ${d.year} has ${dim} days, so day ${d.day} does not exist`;
  }
  if (d.time) return timeProblem(d.time.hour, d.time.minute);
  return null;
}

/** Why a wall time is invalid, or null. (For the end of a day authors write the date alone.) */
export function timeProblem(hour: number, minute: number): string | null {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23)
    return `there is no hour ${hour}; hours run from 00 to 23 (for the end of a day, write the date alone)`;
  if (!Number.isInteger(minute) || minute < 0 || minute > 59)
    return `there is no minute ${minute}; minutes run from 00 to 59`;
  return null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The instant of a local wall time in `zone` (see the gap and overlap rules above). Fields may
 * overflow (day 32): they are normalised like `Date.UTC` does.
 *
 * @example
 * localToEpoch('Asia/Shanghai', 2005, 3, 16, 0, 0) // 1110902400000 = 2005-03-15T16:00:00Z
 */
export function localToEpoch(zone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offsets a day either side bracket any transition; try both and keep the ones that fit.
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  const t1 = wall - before * MINUTE;
  if (before === after) return t1;
  const t2 = wall - after * MINUTE;
  const fits1 = offsetAt(zone, t1) === before;
  const fits2 = offsetAt(zone, t2) === after;
  if (fits1 && fits2) return Math.min(t1, t2); // fall-back overlap: the earlier instant
  if (fits1) return t1;
  if (fits2) return t2;
  // In the gap: read the wall time with the offset in force before it, which lands after the gap.
  return t1;
}

/** The local calendar date and wall time of an instant in `zone`. */
export function epochToLocal(
  zone: string,
  ms: number,
): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const shifted = new Date(ms + offsetAt(zone, ms) * MINUTE);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    // ISO weekday: Monday 1 … Sunday 7
    weekday: ((shifted.getUTCDay() + 6) % 7) + 1,
  };
}

/** The start of a date literal's day (local midnight), or its exact wall time when it has one. */
export function startInstant(zone: string, d: DateLiteral): number {
  if (d.time) return localToEpoch(zone, d.year, d.month, d.day, d.time.hour, d.time.minute);
  return localToEpoch(zone, d.year, d.month, d.day);
}

/** The end of a date literal's day (the next local midnight), or its exact wall time when it has one. */
export function endInstant(zone: string, d: DateLiteral): number {
  if (d.time) return localToEpoch(zone, d.year, d.month, d.day, d.time.hour, d.time.minute);
  return localToEpoch(zone, d.year, d.month, d.day + 1);
}

/**
 * `ms` moved by `days` local calendar days, keeping the local wall time (so across a DST change
 * the distance is 23 or 25 hours).
 */
export function addLocalDays(zone: string, ms: number, days: number): number {
  const l = epochToLocal(zone, ms);
  // Zone offsets are whole minutes, so the seconds within the minute carry over unchanged.
  const seconds = ((ms % MINUTE) + MINUTE) % MINUTE;
  return localToEpoch(zone, l.year, l.month, l.day + days, l.hour, l.minute) + seconds;
}

/** Whole local calendar days from the date of `a` to the date of `b` (negative when b is earlier). */
export function localDaysBetween(zone: string, a: number, b: number): number {
  const la = epochToLocal(zone, a);
  const lb = epochToLocal(zone, b);
  return Math.round((Date.UTC(lb.year, lb.month - 1, lb.day) - Date.UTC(la.year, la.month - 1, la.day)) / DAY);
}

const WEEKDAYS: Record<Weekday, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

/**
 * Every deadline of a weekly obligation: each `weekday` whose local date lies in
 * `[from, until]` (dates inclusive), at `at` local time, or at the end of that day (the next local
 * midnight) when no time is given. Ascending.
 */
export function weeklyDues(
  zone: string,
  weekday: Weekday,
  from: { year: number; month: number; day: number },
  until: { year: number; month: number; day: number },
  at?: { hour: number; minute: number },
): number[] {
  const dues: number[] = [];
  const first = Date.UTC(from.year, from.month - 1, from.day);
  const last = Date.UTC(until.year, until.month - 1, until.day);
  const fromWeekday = ((new Date(first).getUTCDay() + 6) % 7) + 1;
  let day = first + ((WEEKDAYS[weekday] - fromWeekday + 7) % 7) * DAY;
  for (; day <= last; day += 7 * DAY) {
    const d = new Date(day);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const dd = d.getUTCDate();
    dues.push(at ? localToEpoch(zone, y, m, dd, at.hour, at.minute) : localToEpoch(zone, y, m, dd + 1));
  }
  return dues;
}

/**
 * An instant as local wall time in the zone: `2005-03-15 18:00`. With `asEnd`, a local midnight is
 * shown as `24:00` of the day before (`2005-03-15 24:00`), which is how authors think of the end of
 * a date-only window or deadline.
 */
export function formatLocal(zone: string, ms: number, asEnd = false): string {
  let l = epochToLocal(zone, ms);
  let hour = l.hour;
  if (asEnd && l.hour === 0 && l.minute === 0) {
    l = epochToLocal(zone, ms - 3_600_000 * 12);
    hour = 24;
  }
  const p = (n: number) => String(n).padStart(2, '0');
  return `${l.year}-${p(l.month)}-${p(l.day)} ${p(hour)}:${p(hour === 24 ? 0 : l.minute)}`;
}

let knownZones: readonly string[] | undefined;

/** Every zone name ICU lists (for suggestions and spelling); computed once. */
export function zoneNames(): readonly string[] {
  knownZones ??= Intl.supportedValuesOf('timeZone');
  return knownZones;
}

/**
 * The conventional spelling of a valid zone: `asia/shanghai` becomes `Asia/Shanghai`. Links are
 * kept as written (`Asia/Kolkata` stays, although ICU would rename it `Asia/Calcutta`).
 */
export function canonicalZone(name: string): string {
  const lower = name.toLowerCase();
  if (name === 'UTC' || lower === 'utc') return 'UTC';
  return zoneNames().find((z) => z.toLowerCase() === lower) ?? name;
}
