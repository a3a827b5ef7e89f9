import type { Kernel } from '../kernel/kernel.js';
import type { TimeBounds } from '../resolve-event.js';
import { FastEventTime } from './fast-time.js';

/**
 * The fast path of bulk ingest: one NDJSON line read as a `fact` event straight from its bytes,
 * checked by the same rules as `resolveEvent` and resolved to the kernel's indices, without
 * `JSON.parse`, without a string per field, without an object per event.
 *
 * It accepts only what it can decide exactly: a flat object whose keys are the fact's (`id`,
 * `type`, `time`, `actor` {user, role, unit}, `unit`, `metric`, `member`, `value`, `mode`, plus
 * unknown keys with string or number values, which the validator ignores too), strings without
 * escapes, plain decimal numbers of at most 15 digits, members named by index. For everything
 * else — another event type, an escape, an exponent, a member named by id, and every event that
 * breaks a rule — `read` returns false and the caller gives the line to `JSON.parse` and
 * `resolveEvent`, which apply the event or say precisely what is wrong with it. So the fast path
 * changes the speed of ingest, never its outcome (the tests check this against `resolveEvent`).
 *
 * @example
 * const facts = new FastFactReader(kernel, timeBounds(ir));
 * if (facts.read(buf, start, end)) facts.apply();
 * else fallback(buf.toString('utf8', start, end));
 */
export class FastFactReader {
  // The event read by the last successful `read`.
  unit = -1;
  metric = -1;
  member = -1;
  value = 0;
  add = false;
  time = 0;

  private readonly times: FastEventTime;
  private readonly metricNames: Uint8Array[];
  private readonly metricIsMember: Uint8Array;
  private readonly metricIsPercent: Uint8Array;
  private readonly metricColumn: Int32Array;
  private readonly roleNames: Uint8Array[];
  // The last unit id seen, as bytes, and its index: consecutive events are often for one unit.
  private lastUnit = new Uint8Array(64);
  private lastUnitLength = -1;
  private lastUnitIndex = -1;

  constructor(
    private readonly k: Kernel,
    private readonly bounds: TimeBounds,
  ) {
    const ir = k.ir;
    this.times = new FastEventTime(ir.timezone);
    this.metricNames = k.plan.metrics.map((m) => Buffer.from(m.ir.id, 'utf8'));
    this.metricIsMember = Uint8Array.from(k.plan.metrics, (m) => (m.level === 'member' ? 1 : 0));
    this.metricIsPercent = Uint8Array.from(k.plan.metrics, (m) => (m.ir.unit === 'percent' ? 1 : 0));
    this.metricColumn = Int32Array.from(k.plan.metrics, (m) => m.column);
    this.roleNames = ir.roles.map((r) => Buffer.from(r.id, 'utf8'));
  }

  /** Applies the event read by the last successful `read`. */
  apply(): void {
    if (this.member >= 0) this.k.applyMemberFact(this.unit, this.metric, this.member, this.value, this.add, this.time);
    else this.k.applyUnitFact(this.unit, this.metric, this.value, this.add, this.time);
  }

  /** Reads `buf[start .. end)` as a valid fact event; false when the full validator must decide. */
  read(buf: Buffer, start: number, end: number): boolean {
    let idLength = -1;
    let typeStart = -1;
    let typeEnd = -1;
    let timeStart = -1;
    let timeEnd = -1;
    let unitStart = -1;
    let unitEnd = -1;
    let metricStart = -1;
    let metricEnd = -1;
    let modeStart = -1;
    let modeEnd = -1;
    let member = NaN;
    let value = NaN;
    let userLength = -1;
    let roleStart = -1;
    let roleEnd = -1;
    let seen = 0;

    let i = ws(buf, start, end);
    if (buf[i] !== LBRACE) return false;
    i = ws(buf, i + 1, end);
    if (buf[i] === RBRACE) return false;
    for (;;) {
      // key
      if (buf[i] !== QUOTE) return false;
      const keyStart = i + 1;
      const keyEnd = stringEnd(buf, keyStart, end);
      if (keyEnd < 0) return false;
      const key = keyOf(buf, keyStart, keyEnd);
      if (key !== OTHER) {
        if ((seen & key) !== 0) return false;
        seen |= key;
      }
      i = ws(buf, keyEnd + 1, end);
      if (buf[i] !== COLON) return false;
      i = ws(buf, i + 1, end);
      // value
      const c = buf[i];
      if (c === QUOTE) {
        const s = i + 1;
        const e = stringEnd(buf, s, end);
        if (e < 0) return false;
        switch (key) {
          case K_ID:
            idLength = e - s;
            break;
          case K_TYPE:
            typeStart = s;
            typeEnd = e;
            break;
          case K_TIME:
            timeStart = s;
            timeEnd = e;
            break;
          case K_UNIT:
            unitStart = s;
            unitEnd = e;
            break;
          case K_METRIC:
            metricStart = s;
            metricEnd = e;
            break;
          case K_MODE:
            modeStart = s;
            modeEnd = e;
            break;
          case OTHER:
            break;
          default:
            return false; // a string where a number or object belongs (or a member id)
        }
        i = e + 1;
      } else if (c >= ZERO && c <= NINE) {
        const e = numberEnd(buf, i, end);
        if (e < 0) return false;
        const n = lastNumber;
        if (key === K_VALUE) value = n;
        else if (key === K_MEMBER) member = n;
        else if (key !== OTHER) return false;
        i = e;
      } else if (c === LBRACE && key === K_ACTOR) {
        // actor: a flat object of strings; user and role are required, unit optional.
        i = ws(buf, i + 1, end);
        let actorSeen = 0;
        if (buf[i] === RBRACE) return false;
        for (;;) {
          if (buf[i] !== QUOTE) return false;
          const ks = i + 1;
          const ke = stringEnd(buf, ks, end);
          if (ke < 0) return false;
          const field = actorKeyOf(buf, ks, ke);
          if (field !== OTHER) {
            if ((actorSeen & field) !== 0) return false;
            actorSeen |= field;
          }
          i = ws(buf, ke + 1, end);
          if (buf[i] !== COLON) return false;
          i = ws(buf, i + 1, end);
          if (buf[i] !== QUOTE) return false;
          const s = i + 1;
          const e = stringEnd(buf, s, end);
          if (e < 0) return false;
          if (field === A_USER) userLength = e - s;
          else if (field === A_ROLE) {
            roleStart = s;
            roleEnd = e;
          }
          i = ws(buf, e + 1, end);
          if (buf[i] === COMMA) {
            i = ws(buf, i + 1, end);
            continue;
          }
          if (buf[i] !== RBRACE) return false;
          i++;
          break;
        }
      } else {
        return false;
      }
      i = ws(buf, i, end);
      if (buf[i] === COMMA) {
        i = ws(buf, i + 1, end);
        continue;
      }
      if (buf[i] !== RBRACE) return false;
      if (ws(buf, i + 1, end) !== end) return false;
      break;
    }

    // The rules of resolveEvent for a fact, in the same terms.
    if (idLength <= 0) return false;
    if (!equals(buf, typeStart, typeEnd, FACT)) return false;
    if (userLength <= 0 || roleEnd <= roleStart) return false;
    if (this.roleNames.length > 0 && indexOfName(this.roleNames, buf, roleStart, roleEnd) < 0) return false;
    const time = timeStart < 0 ? NaN : this.times.parse(buf, timeStart, timeEnd);
    if (!(time >= this.bounds.min && time <= this.bounds.max)) return false;
    if (unitEnd <= unitStart) return false;
    const u = this.unitIndex(buf, unitStart, unitEnd);
    if (u < 0) return false;
    if (metricStart < 0) return false;
    const metric = indexOfName(this.metricNames, buf, metricStart, metricEnd);
    if (metric < 0) return false;
    let add = false;
    if (modeStart >= 0) {
      if (equals(buf, modeStart, modeEnd, ADD)) add = true;
      else if (!equals(buf, modeStart, modeEnd, SET)) return false;
    }
    if (!(value >= 0) || !Number.isFinite(value)) return false;
    const c = this.k.cols;
    let m = -1;
    if (this.metricIsMember[metric] === 1) {
      const n = c.memberStart[u + 1] - c.memberStart[u];
      if (!Number.isInteger(member) || member < 0 || member >= n) return false;
      m = member;
    } else if ((seen & K_MEMBER) !== 0) {
      return false;
    }
    if (this.metricIsPercent[metric] === 1) {
      const column = this.metricColumn[metric];
      const current = !add ? 0 : m >= 0 ? c.member[column][c.memberStart[u] + m] : c.unitMetric[column][u];
      if (value + current > 100) return false;
    }
    this.unit = u;
    this.metric = metric;
    this.member = m;
    this.value = value;
    this.add = add;
    this.time = time;
    return true;
  }

  /** Index of the unit named by `buf[s .. e)`, or -1. */
  private unitIndex(buf: Buffer, s: number, e: number): number {
    const n = e - s;
    if (n === this.lastUnitLength) {
      const last = this.lastUnit;
      let same = true;
      for (let j = 0; j < n; j++) {
        if (buf[s + j] !== last[j]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastUnitIndex;
    }
    const u = this.k.units.index.get(buf.toString('utf8', s, e));
    if (u === undefined) return -1;
    if (n > this.lastUnit.length) this.lastUnit = new Uint8Array(n * 2);
    this.lastUnit.set(buf.subarray(s, e));
    this.lastUnitLength = n;
    this.lastUnitIndex = u;
    return u;
  }
}

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;

const FACT = Buffer.from('fact');
const ADD = Buffer.from('add');
const SET = Buffer.from('set');

// Keys of the event, as bits (a repeated key sends the line to the full parser: JSON.parse keeps
// the last, and being exact about that is not worth the code).
const OTHER = 0;
const K_ID = 1;
const K_TYPE = 2;
const K_TIME = 4;
const K_ACTOR = 8;
const K_UNIT = 16;
const K_METRIC = 32;
const K_MEMBER = 64;
const K_VALUE = 128;
const K_MODE = 256;
const A_USER = 1;
const A_ROLE = 2;
const A_UNIT = 4;

function keyOf(buf: Buffer, s: number, e: number): number {
  switch (e - s) {
    case 2:
      return buf[s] === 0x69 && buf[s + 1] === 0x64 ? K_ID : OTHER;
    case 4:
      if (equals(buf, s, e, TYPE)) return K_TYPE;
      if (equals(buf, s, e, TIME)) return K_TIME;
      if (equals(buf, s, e, MODE)) return K_MODE;
      if (equals(buf, s, e, UNIT)) return K_UNIT;
      return OTHER;
    case 5:
      if (equals(buf, s, e, ACTOR)) return K_ACTOR;
      if (equals(buf, s, e, VALUE)) return K_VALUE;
      return OTHER;
    case 6:
      if (equals(buf, s, e, METRIC)) return K_METRIC;
      if (equals(buf, s, e, MEMBER)) return K_MEMBER;
      return OTHER;
    default:
      return OTHER;
  }
}

function actorKeyOf(buf: Buffer, s: number, e: number): number {
  if (equals(buf, s, e, USER)) return A_USER;
  if (equals(buf, s, e, ROLE)) return A_ROLE;
  if (equals(buf, s, e, UNIT)) return A_UNIT;
  return OTHER;
}

const TYPE = Buffer.from('type');
const TIME = Buffer.from('time');
const MODE = Buffer.from('mode');
const UNIT = Buffer.from('unit');
const ACTOR = Buffer.from('actor');
const VALUE = Buffer.from('value');
const METRIC = Buffer.from('metric');
const MEMBER = Buffer.from('member');
const USER = Buffer.from('user');
const ROLE = Buffer.from('role');

function ws(buf: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break;
    i++;
  }
  return i;
}

/** Index of the closing quote of a string starting at `s`, or -1 (an escape or a control character: not ours). */
function stringEnd(buf: Buffer, s: number, end: number): number {
  for (let i = s; i < end; i++) {
    const c = buf[i];
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

function equals(buf: Buffer, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let j = 0; j < word.length; j++) if (buf[s + j] !== word[j]) return false;
  return true;
}

function indexOfName(names: readonly Uint8Array[], buf: Buffer, s: number, e: number): number {
  for (let n = 0; n < names.length; n++) if (equals(buf, s, e, names[n])) return n;
  return -1;
}

/** The value of the number `numberEnd` read last (a module variable: no object per number). */
let lastNumber = 0;

/**
 * End of a plain decimal number at `i` (`12`, `0.25`; no sign, no exponent, no leading zero, at
 * most 15 digits), its value left in `lastNumber`; -1 otherwise. Digits form an exact integer below
 * 2^53 and the power of ten is exact, so one division gives the correctly rounded double — the
 * same number `JSON.parse` gives.
 */
function numberEnd(buf: Buffer, i: number, end: number): number {
  let mantissa = 0;
  let count = 0;
  let fraction = 0;
  if (buf[i] === ZERO && i + 1 < end && buf[i + 1] >= ZERO && buf[i + 1] <= NINE) return -1;
  while (i < end && buf[i] >= ZERO && buf[i] <= NINE) {
    mantissa = mantissa * 10 + (buf[i] - ZERO);
    count++;
    i++;
  }
  if (i < end && buf[i] === DOT) {
    i++;
    const from = i;
    while (i < end && buf[i] >= ZERO && buf[i] <= NINE) {
      mantissa = mantissa * 10 + (buf[i] - ZERO);
      count++;
      i++;
    }
    fraction = i - from;
    if (fraction === 0) return -1;
  }
  if (count > 15) return -1;
  if (i < end && (buf[i] === 0x65 || buf[i] === 0x45)) return -1;
  lastNumber = fraction === 0 ? mantissa : mantissa / POWERS[fraction];
  return i;
}

const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
