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
 * Speed comes from the shape of logs: consecutive lines are written by one program and differ
 * only in their values. The first line of a shape is scanned in full (any key order, any
 * spacing); its keys and punctuation are kept as a template, and following lines are matched
 * against it byte for byte, values scanned in place. A line that strays from the template is
 * scanned in full and becomes the new template.
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

  // Where each field's value lies in the current line (-1: absent), and the numbers read.
  private readonly from = new Int32Array(FIELDS);
  private readonly to = new Int32Array(FIELDS);
  private memberNumber = NaN;
  private valueNumber = NaN;

  // Shapes of recent lines (see `Template`), the one that matched last first in line.
  private readonly templates: Template[] = [];
  private current = 0;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private viewOf: Buffer | null = null;

  // Value spans in line order, recorded by a full scan (to learn a template from).
  private spanFrom: Int32Array<ArrayBuffer> = new Int32Array(32);
  private spanTo: Int32Array<ArrayBuffer> = new Int32Array(32);
  private spanField: Int32Array<ArrayBuffer> = new Int32Array(32);
  private spanKind = new Uint8Array(32);
  private spans = 0;

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
    if (!this.matchAny(buf, start, end)) {
      if (!this.scan(buf, start, end)) return false;
      this.learn(buf, start, end);
    }
    return this.check(buf);
  }

  /** Tries the recent shapes, the last one to match first. */
  private matchAny(buf: Buffer, start: number, end: number): boolean {
    const list = this.templates;
    if (list.length === 0) return false;
    if (buf !== this.viewOf) {
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      this.viewOf = buf;
    }
    if (this.matchTemplate(list[this.current], buf, start, end)) return true;
    for (let t = 0; t < list.length; t++) {
      if (t !== this.current && this.matchTemplate(list[t], buf, start, end)) {
        this.current = t;
        return true;
      }
    }
    return false;
  }

  /** Matches the line against one shape, filling the value spans; false if it strays. */
  private matchTemplate(t: Template, buf: Buffer, start: number, end: number): boolean {
    const n = t.slots;
    const from = this.from;
    const to = this.to;
    const literals = t.literals;
    const literalStart = t.literalStart;
    // Literals are compared four bytes at a time (DataView reads need no alignment).
    const view = this.view;
    const words = t.literalView;
    let i = start;
    for (let k = 0; ; k++) {
      let j = literalStart[k];
      const b = literalStart[k + 1];
      if (i + (b - j) > end) return false;
      for (; j + 4 <= b; j += 4, i += 4) if (view.getUint32(i, true) !== words.getUint32(j, true)) return false;
      for (; j < b; j++, i++) if (buf[i] !== literals[j]) return false;
      if (k === n) break;
      const field = t.slotField[k];
      const s = i;
      if (t.slotKind[k] === STRING) {
        while (i < end) {
          const c = buf[i];
          if (c === QUOTE || c === BACKSLASH || c < 0x20) break;
          i++;
        }
        if (i >= end || buf[i] !== QUOTE) return false;
      } else {
        i = numberEnd(buf, i, end);
        if (i < 0) return false;
        if (field === F_VALUE) this.valueNumber = lastNumber;
        else if (field === F_MEMBER) this.memberNumber = lastNumber;
      }
      from[field] = s;
      to[field] = i;
    }
    if (i !== end) return false;
    // Fields this shape lacks are absent (another shape may have set them).
    const absent = t.absent;
    for (let a = 0; a < absent.length; a++) from[absent[a]] = -1;
    if (t.lacksMember) this.memberNumber = NaN;
    if (t.lacksValue) this.valueNumber = NaN;
    return true;
  }

  /** Scans the line in full (any key order and spacing), recording value spans; false if it is not ours. */
  private scan(buf: Buffer, start: number, end: number): boolean {
    const from = this.from;
    const to = this.to;
    from.fill(-1);
    this.memberNumber = NaN;
    this.valueNumber = NaN;
    this.spans = 0;
    let seen = 0;
    let i = ws(buf, start, end);
    if (buf[i] !== LBRACE) return false;
    i = ws(buf, i + 1, end);
    if (buf[i] === RBRACE) return false;
    let inActor = false;
    for (;;) {
      // key
      if (i >= end || buf[i] !== QUOTE) return false;
      const keyStart = i + 1;
      const keyEnd = stringEnd(buf, keyStart, end);
      if (keyEnd < 0) return false;
      const field = inActor ? actorFieldOf(buf, keyStart, keyEnd) : fieldOf(buf, keyStart, keyEnd);
      if (field !== F_OTHER) {
        if ((seen & (1 << field)) !== 0) return false;
        seen |= 1 << field;
      }
      i = ws(buf, keyEnd + 1, end);
      if (buf[i] !== COLON) return false;
      i = ws(buf, i + 1, end);
      // value
      const c = buf[i];
      if (field === F_ACTOR) {
        if (c !== LBRACE) return false;
        i = ws(buf, i + 1, end);
        if (buf[i] === RBRACE) return false;
        inActor = true;
        continue;
      }
      if (c === QUOTE) {
        // Strings: any field but the numbers; inside the actor, every value is one.
        if (field === F_MEMBER || field === F_VALUE) return false;
        const s = i + 1;
        const e = stringEnd(buf, s, end);
        if (e < 0) return false;
        this.record(field, STRING, s, e);
        i = e + 1;
      } else if (c >= ZERO && c <= NINE && !inActor) {
        const e = numberEnd(buf, i, end);
        if (e < 0) return false;
        if (field === F_VALUE) this.valueNumber = lastNumber;
        else if (field === F_MEMBER) this.memberNumber = lastNumber;
        else if (field !== F_OTHER) return false;
        this.record(field, NUMBER, i, e);
        i = e;
      } else {
        return false;
      }
      i = ws(buf, i, end);
      if (buf[i] === COMMA) {
        i = ws(buf, i + 1, end);
        continue;
      }
      if (buf[i] !== RBRACE) return false;
      if (inActor) {
        inActor = false;
        i = ws(buf, i + 1, end);
        if (buf[i] === COMMA) {
          i = ws(buf, i + 1, end);
          continue;
        }
        if (buf[i] !== RBRACE) return false;
      }
      return ws(buf, i + 1, end) === end;
    }
  }

  private record(field: number, kind: number, s: number, e: number): void {
    if (field !== F_OTHER) {
      this.from[field] = s;
      this.to[field] = e;
    }
    const n = this.spans;
    if (n === this.spanFrom.length) {
      this.spanFrom = grow(this.spanFrom);
      this.spanTo = grow(this.spanTo);
      this.spanField = grow(this.spanField);
      const kinds = new Uint8Array(n * 2);
      kinds.set(this.spanKind);
      this.spanKind = kinds;
    }
    this.spanFrom[n] = s;
    this.spanTo[n] = e;
    this.spanField[n] = field;
    this.spanKind[n] = kind;
    this.spans = n + 1;
  }

  /** Keeps the shape of the line just scanned: its bytes between values are the literals. */
  private learn(buf: Buffer, start: number, end: number): void {
    const n = this.spans;
    const literals = new Uint8Array(end - start);
    const literalStart = new Int32Array(n + 2);
    let at = 0;
    let prev = start;
    for (let k = 0; k <= n; k++) {
      const until = k < n ? this.spanFrom[k] : end;
      literalStart[k] = at;
      literals.set(buf.subarray(prev, until), at);
      at += until - prev;
      if (k < n) prev = this.spanTo[k];
    }
    literalStart[n + 1] = at;
    // Unknown keys keep their slot (matched, then ignored), but write no span of a known field.
    const slotField = Int32Array.from(this.spanField.subarray(0, n), (f) => (f === F_OTHER ? F_IGNORED : f));
    const present = new Set(slotField);
    const absent = Int32Array.from({ length: F_IGNORED }, (_, f) => f).filter((f) => !present.has(f));
    const t: Template = {
      literals: literals.subarray(0, at),
      literalView: new DataView(literals.buffer, 0, at),
      literalStart,
      slotField,
      slotKind: this.spanKind.slice(0, n),
      slots: n,
      absent,
      lacksMember: !present.has(F_MEMBER),
      lacksValue: !present.has(F_VALUE),
    };
    if (this.templates.length < MAX_TEMPLATES) {
      this.templates.push(t);
      this.current = this.templates.length - 1;
    } else {
      // Replace the one after the current: round robin among the others.
      this.current = (this.current + 1) % MAX_TEMPLATES;
      this.templates[this.current] = t;
    }
  }

  /** The rules of resolveEvent for a fact, on the spans found. */
  private check(buf: Buffer): boolean {
    const from = this.from;
    const to = this.to;
    if (from[F_ID] < 0 || to[F_ID] === from[F_ID]) return false;
    if (from[F_TYPE] < 0 || !equals(buf, from[F_TYPE], to[F_TYPE], FACT)) return false;
    if (from[F_USER] < 0 || to[F_USER] === from[F_USER]) return false;
    const roleStart = from[F_ROLE];
    const roleEnd = to[F_ROLE];
    if (roleStart < 0 || roleEnd === roleStart) return false;
    if (this.roleNames.length > 0 && indexOfName(this.roleNames, buf, roleStart, roleEnd) < 0) return false;
    if (from[F_TIME] < 0) return false;
    const time = this.times.parse(buf, from[F_TIME], to[F_TIME]);
    if (!(time >= this.bounds.min && time <= this.bounds.max)) return false;
    if (from[F_UNIT] < 0 || to[F_UNIT] === from[F_UNIT]) return false;
    const u = this.unitIndex(buf, from[F_UNIT], to[F_UNIT]);
    if (u < 0) return false;
    if (from[F_METRIC] < 0) return false;
    const metric = indexOfName(this.metricNames, buf, from[F_METRIC], to[F_METRIC]);
    if (metric < 0) return false;
    let add = false;
    if (from[F_MODE] >= 0) {
      if (equals(buf, from[F_MODE], to[F_MODE], ADD)) add = true;
      else if (!equals(buf, from[F_MODE], to[F_MODE], SET)) return false;
    }
    const value = this.valueNumber;
    if (!(value >= 0)) return false;
    const c = this.k.cols;
    let m = -1;
    if (this.metricIsMember[metric] === 1) {
      const member = this.memberNumber;
      const n = c.memberStart[u + 1] - c.memberStart[u];
      if (!Number.isInteger(member) || member < 0 || member >= n) return false;
      m = member;
    } else if (from[F_MEMBER] >= 0) {
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

/**
 * The shape of a line: literal k (bytes `literalStart[k] .. literalStart[k + 1]` of `literals`)
 * comes before value slot k, which holds field `slotField[k]` of kind `slotKind[k]`; one more
 * literal ends the line.
 */
interface Template {
  readonly literals: Uint8Array;
  readonly literalView: DataView;
  readonly literalStart: Int32Array;
  readonly slotField: Int32Array;
  readonly slotKind: Uint8Array;
  readonly slots: number;
  /** Known fields that this shape does not have. */
  readonly absent: Int32Array;
  readonly lacksMember: boolean;
  readonly lacksValue: boolean;
}

/** Shapes kept: a log interleaves a few (member facts, unit facts, other events). */
const MAX_TEMPLATES = 4;

// Fields of a fact line, by index into the span arrays (and bit in the repeated-key check: a
// repeated key sends the line to JSON.parse, which keeps the last; being exact about that is not
// worth the code).
const F_ID = 0;
const F_TYPE = 1;
const F_TIME = 2;
const F_USER = 3;
const F_ROLE = 4;
const F_ACTOR_UNIT = 5;
const F_UNIT = 6;
const F_METRIC = 7;
const F_MEMBER = 8;
const F_VALUE = 9;
const F_MODE = 10;
/** A template slot of an unknown key: its value is matched, then ignored. */
const F_IGNORED = 11;
const F_ACTOR = 12;
const FIELDS = 12;
/** An unknown key (the validator ignores it too). */
const F_OTHER = -1;

const STRING = 0;
const NUMBER = 1;

const LBRACE = 0x7b;
const RBRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;

/** Per byte inside a JSON string: 0 ordinary, 1 the closing quote, 2 an escape or a control character (not ours). */
const STRING_BYTE = new Uint8Array(256);
STRING_BYTE[QUOTE] = 1;
STRING_BYTE[BACKSLASH] = 2;
for (let c = 0; c < 0x20; c++) STRING_BYTE[c] = 2;

const FACT = Buffer.from('fact');
const ADD = Buffer.from('add');
const SET = Buffer.from('set');
const KEYS: readonly [Uint8Array, number][] = [
  [Buffer.from('id'), F_ID],
  [Buffer.from('type'), F_TYPE],
  [Buffer.from('time'), F_TIME],
  [Buffer.from('actor'), F_ACTOR],
  [Buffer.from('unit'), F_UNIT],
  [Buffer.from('metric'), F_METRIC],
  [Buffer.from('member'), F_MEMBER],
  [Buffer.from('value'), F_VALUE],
  [Buffer.from('mode'), F_MODE],
];
const ACTOR_KEYS: readonly [Uint8Array, number][] = [
  [Buffer.from('user'), F_USER],
  [Buffer.from('role'), F_ROLE],
  [Buffer.from('unit'), F_ACTOR_UNIT],
];

function fieldOf(buf: Buffer, s: number, e: number): number {
  for (const [name, field] of KEYS) if (equals(buf, s, e, name)) return field;
  return F_OTHER;
}

function actorFieldOf(buf: Buffer, s: number, e: number): number {
  for (const [name, field] of ACTOR_KEYS) if (equals(buf, s, e, name)) return field;
  return F_OTHER;
}

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
  let i = s;
  while (i < end && STRING_BYTE[buf[i]] === 0) i++;
  return i < end && buf[i] === QUOTE ? i : -1;
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

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The value of the number `numberEnd` read last (a module variable: no object per number). */
let lastNumber = 0;

const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * End of a plain decimal number at `i` (`12`, `0.25`; no sign, no exponent, no leading zero, at
 * most 15 digits), its value left in `lastNumber`; -1 otherwise. The digits form an exact integer
 * below 2^53 and the power of ten is exact, so one division gives the correctly rounded double —
 * the number `JSON.parse` gives.
 */
function numberEnd(buf: Buffer, i: number, end: number): number {
  let mantissa = 0;
  let count = 0;
  let fraction = 0;
  if (i >= end) return -1;
  if (buf[i] === ZERO && i + 1 < end && buf[i + 1] >= ZERO && buf[i + 1] <= NINE) return -1;
  while (i < end && buf[i] >= ZERO && buf[i] <= NINE) {
    mantissa = mantissa * 10 + (buf[i] - ZERO);
    count++;
    i++;
  }
  if (count === 0) return -1;
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
