import type { MetricUnit } from '@phasegate/compiler';
import { metricValueProblem } from '@phasegate/compiler/semantics';
import { FastEventTime } from './fast-time.js';
import {
  actorFieldOf,
  ADD,
  COLON,
  COMMA,
  equals,
  F_ACTOR,
  F_ID,
  F_IGNORED,
  F_MEMBER,
  F_METRIC,
  F_MODE,
  F_OTHER,
  F_ROLE,
  F_TIME,
  F_TYPE,
  F_UNIT,
  F_USER,
  F_VALUE,
  FACT,
  fieldOf,
  FIELDS,
  grow,
  indexOfName,
  LBRACE,
  MATCHED,
  METRIC,
  MODE,
  nameAt,
  NAMED_KIND,
  NINE,
  NUMBER,
  NUMBER_READ,
  numberEnd,
  QUOTE,
  RBRACE,
  REFUSE,
  REFUSED,
  ROLE,
  sameBytes,
  SET,
  STRAYED,
  STRING,
  stringEnd,
  TYPE,
  ws,
  ZERO,
} from './line-bytes.js';
import { compileTemplate, type Template } from './line-template.js';

/**
 * What a `fact` line may name, taken from the campaign: plain data, so that it can be handed to a
 * worker thread (`structuredClone`-able). `metrics` are in the kernel plan's order: a metric's
 * position is the index `Kernel.applyMemberFact` takes.
 */
export interface FactVocabulary {
  readonly timezone: string;
  /** Earliest and latest accepted event time, epoch ms (`timeBounds`). */
  readonly bounds: { readonly min: number; readonly max: number };
  readonly roles: readonly string[];
  readonly metrics: readonly { readonly id: string; readonly member: boolean; readonly unit: MetricUnit }[];
}

/**
 * One NDJSON line read as a `fact` event straight from its bytes: every rule of `resolveEvent`
 * that needs only the campaign (shape, id, type, actor, role, time and its bounds, metric, mode,
 * value, member present exactly when the metric is per member), without `JSON.parse`, a string per
 * field or an object per event. The rules that need the kernel's state — the unit exists, the
 * member is within its unit, a percent stays at most 100 — are `FactAdmission`'s (fast-fact.ts):
 * this part holds no kernel, so it can run in a worker thread while the kernel stays with its
 * owner.
 *
 * It accepts only what it can decide exactly: a flat object whose keys are the fact's (`id`,
 * `type`, `time`, `actor` {user, role, unit}, `unit`, `metric`, `member`, `value`, `mode`, plus
 * unknown keys with string or number values, which the validator ignores too), strings without
 * escapes, plain decimal numbers of at most 15 digits, members named by index. For everything
 * else — another event type, an escape, an exponent, a member named by id, and every event that
 * breaks a rule — `read` returns false and the caller gives the line to `JSON.parse` and
 * `resolveEvent`, which apply the event or say precisely what is wrong with it.
 *
 * Speed comes from the shape of logs: consecutive lines are written by one program and differ
 * only in their values. The first line of a shape is scanned in full (any key order, any
 * spacing); its keys and punctuation are kept as a template, and following lines are matched
 * against it byte for byte, values scanned in place. A line that strays from the template is
 * scanned in full and becomes the new template. A template that keeps being used is compiled to a
 * function of its own (`compileTemplate`).
 *
 * @example
 * const line = new FactLineReader(factVocabulary(kernel));
 * if (line.read(buf, start, end)) admit(buf.subarray(line.unitStart, line.unitEnd), line.metric, line.member, line.value);
 */
export class FactLineReader {
  // The fact read by the last successful `read`; the unit is still a span of the line.
  unitStart = 0;
  unitEnd = 0;
  metric = -1;
  /** The member's index for a per-member metric (an integer, 0 ≤ member < 2^31; not yet checked against the unit), else -1. */
  member = -1;
  value = 0;
  add = false;
  time = 0;

  private readonly times: FastEventTime;
  private readonly bounds: { readonly min: number; readonly max: number };
  private readonly metricNames: Uint8Array[];
  private readonly metricIsMember: Uint8Array;
  private readonly metricUnit: readonly MetricUnit[];
  private readonly roleNames: Uint8Array[];

  // Where each field's value lies in the current line (-1: absent), and what was read of it:
  // the numbers, and for the fields with a closed set of values (type, role, metric, mode),
  // the verdict, decided while matching (a template) or after scanning (a line in full).
  private readonly from = new Int32Array(FIELDS);
  private readonly to = new Int32Array(FIELDS);
  private memberNumber = NaN;
  private valueNumber = NaN;
  private lineMetric = -1;
  private lineAdd = false;
  private lineTime = NaN;
  // Name sets are tried from the last one that matched: a log repeats its roles and metrics.
  private lastRole = 0;
  private lastMetric = 0;

  // The last time text read (with its closing quote) and its instant: a log's lines come in
  // runs of one time, and comparing 17 bytes costs less than reading a date.
  private readonly timeText = new Uint8Array(64);
  private readonly timeView = new DataView(this.timeText.buffer);
  private timeLength = -1;
  private timeValue = NaN;

  // Shapes of recent lines (see `Template`), the one that matched last first in line.
  private readonly templates: Template[] = [];
  private current = 0;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private viewOf: Uint8Array | null = null;

  // Value spans in line order, recorded by a full scan (to learn a template from).
  private spanFrom: Int32Array<ArrayBuffer> = new Int32Array(32);
  private spanTo: Int32Array<ArrayBuffer> = new Int32Array(32);
  private spanField: Int32Array<ArrayBuffer> = new Int32Array(32);
  private spanKind = new Uint8Array(32);
  private spans = 0;

  /**
   * `compileAfter`: lines tried against a shape before it is compiled to a function of its own
   * (default 64: a log's few shapes are compiled at once, a file of ever-changing shapes never
   * pays for compiling).
   */
  constructor(
    vocabulary: FactVocabulary,
    private compileAfter = 64,
  ) {
    this.times = new FastEventTime(vocabulary.timezone);
    this.bounds = vocabulary.bounds;
    this.metricNames = vocabulary.metrics.map((m) => Buffer.from(m.id, 'utf8'));
    this.metricIsMember = Uint8Array.from(vocabulary.metrics, (m) => (m.member ? 1 : 0));
    this.metricUnit = vocabulary.metrics.map((m) => m.unit);
    this.roleNames = vocabulary.roles.map((r) => Buffer.from(r, 'utf8'));
  }

  /** Reads `buf[start .. end)` as a fact that passes every rule but the kernel's; false when the full validator must decide. */
  read(buf: Uint8Array, start: number, end: number): boolean {
    if (buf !== this.viewOf) {
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      this.viewOf = buf;
    }
    const matched = this.matchAny(buf, start, end);
    if (matched === REFUSED) return false;
    if (matched === STRAYED) {
      if (!this.scan(buf, start, end)) return false;
      this.learn(buf, start, end);
      if (!this.decide(buf)) return false;
    }
    return this.check(buf);
  }

  /** Tries the recent shapes, the last one to match first. */
  private matchAny(buf: Uint8Array, start: number, end: number): number {
    const list = this.templates;
    if (list.length === 0) return STRAYED;
    const first = this.matchTemplate(list[this.current], buf, start, end);
    if (first !== STRAYED) return first;
    for (let t = 0; t < list.length; t++) {
      if (t === this.current) continue;
      const r = this.matchTemplate(list[t], buf, start, end);
      if (r !== STRAYED) {
        this.current = t;
        return r;
      }
    }
    return STRAYED;
  }

  /**
   * Matches the line against one shape, filling the value spans: MATCHED, STRAYED (another shape),
   * or REFUSED (this shape, but a value the fast path does not take: a type other than `fact`, a
   * role, metric or mode it does not know, an escape where a name is; the validator decides).
   * A shape that keeps matching is compiled (`compileTemplate`); until then, it is interpreted.
   */
  private matchTemplate(t: Template, buf: Uint8Array, start: number, end: number): number {
    if (t.compiled !== null) return t.compiled(this, buf, this.view, start, end, this.from, this.to);
    if (++t.uses >= this.compileAfter) {
      try {
        t.compiled = compileTemplate(t, this.roleNames, this.metricNames);
      } catch {
        // Code generation is disallowed (--disallow-code-generation-from-strings): interpret.
        this.compileAfter = Infinity;
      }
    }
    const n = t.slots;
    const from = this.from;
    const to = this.to;
    const literals = t.literals;
    const literalStart = t.literalStart;
    // Literals are compared four bytes at a time (DataView reads need no alignment) against the
    // words of the template, read once when it was learned.
    const view = this.view;
    const words = t.literalWords;
    this.lineMetric = -1;
    this.lineAdd = false;
    this.lineTime = NaN;
    let i = start;
    for (let k = 0; ; k++) {
      let j = literalStart[k];
      const b = literalStart[k + 1];
      if (i + (b - j) > end) return STRAYED;
      for (; j + 4 <= b; j += 4, i += 4) if (view.getInt32(i, true) !== words[j]) return STRAYED;
      for (; j < b; j++, i++) if (buf[i] !== literals[j]) return STRAYED;
      if (k === n) break;
      const field = t.slotField[k];
      let e: number;
      switch (t.slotKind[k]) {
        case STRING:
          e = stringEnd(buf, i, end);
          break;
        case NUMBER:
          e = this.numberSlot(buf, i, end, field);
          break;
        case TYPE:
          e = nameAt(view, buf, i, end, FACT) ? i + FACT.length : REFUSE;
          break;
        case MODE:
          e = this.modeSlot(view, buf, i, end);
          break;
        case ROLE:
          e = this.roleSlot(view, buf, i, end);
          break;
        case METRIC:
          e = this.metricSlot(view, buf, i, end);
          break;
        default:
          e = this.timeSlot(view, buf, i, end);
      }
      if (e < 0) return e === REFUSE ? REFUSED : STRAYED;
      from[field] = i;
      to[field] = e;
      i = e;
    }
    if (i !== end) return STRAYED;
    // Fields this shape lacks are absent (another shape may have set them).
    const absent = t.absent;
    for (let a = 0; a < absent.length; a++) from[absent[a]] = -1;
    if (t.lacksMember) this.memberNumber = NaN;
    if (t.lacksValue) this.valueNumber = NaN;
    return MATCHED;
  }

  // Value slots of a template: each returns where the value ends (a string's closing quote, the
  // byte after a number), or -1 (the line strays) or REFUSE. Shared by the interpreted and the compiled matcher.

  /** @internal */
  numberSlot(buf: Uint8Array, i: number, end: number, field: number): number {
    const e = numberEnd(buf, i, end);
    if (field === F_VALUE) this.valueNumber = NUMBER_READ[0];
    else if (field === F_MEMBER) this.memberNumber = NUMBER_READ[0];
    return e;
  }

  /** @internal */
  modeSlot(view: DataView<ArrayBufferLike>, buf: Uint8Array, i: number, end: number): number {
    if (nameAt(view, buf, i, end, ADD)) {
      this.lineAdd = true;
      return i + ADD.length;
    }
    return nameAt(view, buf, i, end, SET) ? i + SET.length : REFUSE;
  }

  /** @internal */
  roleSlot(view: DataView<ArrayBufferLike>, buf: Uint8Array, i: number, end: number): number {
    const r = this.nameIndex(this.roleNames, this.lastRole, view, buf, i, end);
    if (r < 0) return REFUSE;
    this.lastRole = r;
    return i + this.roleNames[r].length;
  }

  /** @internal */
  metricSlot(view: DataView<ArrayBufferLike>, buf: Uint8Array, i: number, end: number): number {
    const m = this.nameIndex(this.metricNames, this.lastMetric, view, buf, i, end);
    if (m < 0) return REFUSE;
    this.lastMetric = m;
    this.lineMetric = m;
    return i + this.metricNames[m].length;
  }

  /** The last time read, or scanned as a string and read in `check`. @internal */
  timeSlot(view: DataView<ArrayBufferLike>, buf: Uint8Array, i: number, end: number): number {
    const length = this.timeLength;
    if (length > 0 && i + length <= end && sameBytes(view, i, this.timeView, length)) {
      this.lineTime = this.timeValue;
      return i + length - 1;
    }
    return stringEnd(buf, i, end);
  }

  /** @internal Resets what a match decides on the way (compiled matchers call it first). */
  startMatch(): void {
    this.lineMetric = -1;
    this.lineAdd = false;
    this.lineTime = NaN;
  }

  /** @internal */
  lacks(member: boolean, value: boolean): void {
    if (member) this.memberNumber = NaN;
    if (value) this.valueNumber = NaN;
  }

  /** Index of the name of `names` that is the string at `i` (its bytes, then the closing quote), trying `hint` first; -1 if none. */
  private nameIndex(
    names: readonly Uint8Array[],
    hint: number,
    view: DataView<ArrayBufferLike>,
    buf: Uint8Array,
    i: number,
    end: number,
  ): number {
    if (hint < names.length && nameAt(view, buf, i, end, names[hint])) return hint;
    for (let n = 0; n < names.length; n++) if (n !== hint && nameAt(view, buf, i, end, names[n])) return n;
    return -1;
  }

  /** Scans the line in full (any key order and spacing), recording value spans; false if it is not ours. */
  private scan(buf: Uint8Array, start: number, end: number): boolean {
    const from = this.from;
    from.fill(-1);
    this.memberNumber = NaN;
    this.valueNumber = NaN;
    this.lineMetric = -1;
    this.lineAdd = false;
    this.lineTime = NaN;
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
        if (field === F_VALUE) this.valueNumber = NUMBER_READ[0];
        else if (field === F_MEMBER) this.memberNumber = NUMBER_READ[0];
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
  private learn(buf: Uint8Array, start: number, end: number): void {
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
    // Fields with a closed set of values are matched against their names; the time, against the last time read.
    const slotKind = Uint8Array.from(this.spanKind.subarray(0, n), (kind, k) =>
      kind === NUMBER ? NUMBER : (NAMED_KIND.get(slotField[k]) ?? STRING),
    );
    if (this.roleNames.length === 0) slotKind.forEach((kind, k) => kind === ROLE && (slotKind[k] = STRING));
    const literalView = new DataView(literals.buffer, 0, at);
    const literalWords = Int32Array.from({ length: at }, (_, j) => (j + 4 <= at ? literalView.getInt32(j, true) : 0));
    const present = new Set(slotField);
    const absent = Int32Array.from({ length: F_IGNORED }, (_, f) => f).filter((f) => !present.has(f));
    const t: Template = {
      literals: literals.subarray(0, at),
      literalWords,
      literalStart,
      slotField,
      slotKind,
      slots: n,
      absent,
      lacksMember: !present.has(F_MEMBER),
      lacksValue: !present.has(F_VALUE),
      uses: 0,
      compiled: null,
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

  /**
   * After a full scan: the verdicts that a template match decides on the way (type, role, metric,
   * mode), from the spans; false if the line cannot take the fast path.
   */
  private decide(buf: Uint8Array): boolean {
    const from = this.from;
    const to = this.to;
    if (from[F_TYPE] >= 0 && !equals(buf, from[F_TYPE], to[F_TYPE], FACT)) return false;
    if (
      from[F_ROLE] >= 0 &&
      this.roleNames.length > 0 &&
      indexOfName(this.roleNames, buf, from[F_ROLE], to[F_ROLE]) < 0
    )
      return false;
    if (from[F_METRIC] >= 0) {
      this.lineMetric = indexOfName(this.metricNames, buf, from[F_METRIC], to[F_METRIC]);
      if (this.lineMetric < 0) return false;
    }
    if (from[F_MODE] >= 0) {
      if (equals(buf, from[F_MODE], to[F_MODE], ADD)) this.lineAdd = true;
      else if (!equals(buf, from[F_MODE], to[F_MODE], SET)) return false;
    }
    return true;
  }

  /** The rules of resolveEvent for a fact that need no kernel, on the fields found (the closed sets are decided). */
  private check(buf: Uint8Array): boolean {
    const from = this.from;
    const to = this.to;
    if (from[F_ID] < 0 || to[F_ID] === from[F_ID]) return false;
    if (from[F_TYPE] < 0) return false;
    if (from[F_USER] < 0 || to[F_USER] === from[F_USER]) return false;
    if (from[F_ROLE] < 0 || to[F_ROLE] === from[F_ROLE]) return false;
    if (from[F_TIME] < 0) return false;
    let time = this.lineTime;
    if (time !== time) {
      // Not the last time read: read it, and keep it (with its closing quote) for the lines after.
      const s = from[F_TIME];
      const e = to[F_TIME];
      time = this.times.parse(buf, s, e);
      if (e - s + 1 <= this.timeText.length) {
        this.timeText.set(buf.subarray(s, e + 1));
        this.timeLength = e - s + 1;
        this.timeValue = time;
      }
    }
    if (!(time >= this.bounds.min && time <= this.bounds.max)) return false;
    if (from[F_UNIT] < 0 || to[F_UNIT] === from[F_UNIT]) return false;
    const metric = this.lineMetric;
    if (metric < 0) return false;
    const value = this.valueNumber;
    // The value a metric can hold: the semantics module's rule, as `resolveEvent` applies it.
    if (metricValueProblem(value, this.metricUnit[metric]) !== null) return false;
    let m = -1;
    if (this.metricIsMember[metric] === 1) {
      // Whether the unit has this member is the kernel's question; a member past 2^31 has none.
      const member = this.memberNumber;
      if (!Number.isInteger(member) || member < 0 || member > 0x7fffffff) return false;
      m = member;
    } else if (from[F_MEMBER] >= 0) {
      return false;
    }
    this.unitStart = from[F_UNIT];
    this.unitEnd = to[F_UNIT];
    this.metric = metric;
    this.member = m;
    this.value = value;
    this.add = this.lineAdd;
    this.time = time;
    return true;
  }
}

/** Shapes kept: a log interleaves a few (member facts, unit facts, other events). */
const MAX_TEMPLATES = 4;
