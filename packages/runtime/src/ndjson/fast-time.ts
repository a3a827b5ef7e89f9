import { localToEpoch } from '@phasegate/compiler/calendar';

/**
 * Event times read straight from bytes, for bulk ingest: the common forms of `parseEventTime`
 * (src/event-time.ts) without a string or a luxon call per event, giving exactly its result.
 *
 * - `2005-03-01T09:00`, `…T09:00:30`, `…T09:00:30.250` in the campaign zone: the instant of the
 *   local hour is computed once (the compiler's `localToEpoch`, as `parseEventTime` does) and
 *   cached; minutes, seconds and milliseconds are added. An hour whose minutes do not map evenly
 *   (a zone that shifts by half an hour inside it) is declined, every time.
 * - `2005-03-01T09:00:00+08:00`, `…Z` (no fraction of a second): plain arithmetic.
 * Anything else — other shapes, impossible dates, fractions with an offset, years before 1000 —
 * gives NaN: the caller hands the text to `parseEventTime`, which says what is wrong.
 *
 * @example
 * const times = new FastEventTime('Asia/Shanghai');
 * const b = Buffer.from('"2005-03-01T09:00"');
 * times.parse(b, 1, b.length - 1); // 1109638800000
 */
export class FastEventTime {
  /** Local hour key (yyyymmddhh) → epoch ms of its start, NaN when the hour is irregular. */
  private readonly hours = new Map<number, number>();
  private lastKey = -1;
  private lastHour = NaN;

  constructor(readonly zone: string) {}

  /** Epoch ms of the time in `buf[start .. end)`, or NaN when this path does not handle it. */
  parse(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length < 16) return NaN;
    const year = digits(buf, start, 4);
    const month = digits(buf, start + 5, 2);
    const day = digits(buf, start + 8, 2);
    const hour = digits(buf, start + 11, 2);
    const minute = digits(buf, start + 14, 2);
    if (
      buf[start + 4] !== DASH ||
      buf[start + 7] !== DASH ||
      buf[start + 10] !== T ||
      buf[start + 13] !== COLON ||
      year < 1000 ||
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > daysIn(year, month) ||
      hour < 0 ||
      hour > 23 ||
      minute < 0 ||
      minute > 59
    ) {
      return NaN;
    }
    let at = start + 16;
    let second = 0;
    let millis = 0;
    let fraction = false;
    if (at < end && buf[at] === COLON) {
      if (at + 3 > end) return NaN;
      second = digits(buf, at + 1, 2);
      if (second < 0 || second > 59) return NaN;
      at += 3;
      if (at < end && buf[at] === DOT) {
        let n = 0;
        let scale = 100;
        at++;
        const from = at;
        while (at < end && buf[at] >= ZERO && buf[at] <= NINE) {
          n += (buf[at] - ZERO) * scale;
          scale /= 10;
          at++;
        }
        if (at === from || at - from > 3) return NaN;
        millis = n;
        fraction = true;
      }
    }
    if (at === end) {
      const key = ((year * 100 + month) * 100 + day) * 100 + hour;
      let base: number;
      if (key === this.lastKey) base = this.lastHour;
      else {
        base = this.hourStart(key, year, month, day, hour);
        this.lastKey = key;
        this.lastHour = base;
      }
      return base + minute * 60_000 + second * 1000 + millis;
    }
    if (fraction) return NaN;
    let offset: number;
    if (buf[at] === Z && at + 1 === end) offset = 0;
    else if ((buf[at] === PLUS || buf[at] === DASH) && at + 6 === end && buf[at + 3] === COLON) {
      const oh = digits(buf, at + 1, 2);
      const om = digits(buf, at + 4, 2);
      if (oh < 0 || oh > 14 || om < 0 || om > 59) return NaN;
      offset = (buf[at] === DASH ? -1 : 1) * (oh * 60 + om);
    } else return NaN;
    return Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  }

  private hourStart(key: number, year: number, month: number, day: number, hour: number): number {
    const known = this.hours.get(key);
    if (known !== undefined) return known;
    // Minute m of the hour is first + m minutes exactly when the last minute is 59 minutes on.
    const first = localToEpoch(this.zone, year, month, day, hour, 0);
    const last = localToEpoch(this.zone, year, month, day, hour, 59);
    const base = last - first === 59 * 60_000 ? first : NaN;
    // Bounded: event times span a few years at most; a hostile file cannot grow this forever.
    if (this.hours.size >= 100_000) this.hours.clear();
    this.hours.set(key, base);
    return base;
  }
}

const ZERO = 0x30;
const NINE = 0x39;
const DASH = 0x2d;
const PLUS = 0x2b;
const COLON = 0x3a;
const DOT = 0x2e;
const T = 0x54;
const Z = 0x5a;

/** `count` decimal digits at `at`, or -1 if any is not a digit. */
function digits(buf: Uint8Array, at: number, count: number): number {
  let n = 0;
  for (let i = 0; i < count; i++) {
    const c = buf[at + i] - ZERO;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
