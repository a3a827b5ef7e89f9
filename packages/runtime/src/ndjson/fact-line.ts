import { FastEventTime } from './fast-time.js';

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
  readonly metrics: readonly { readonly id: string; readonly member: boolean; readonly percent: boolean }[];
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
  // byte after a number), or STRAY or REFUSE. Shared by the interpreted and the compiled matcher.

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
  private nameIndex(names: readonly Uint8Array[], hint: number, view: DataView<ArrayBufferLike>, buf: Uint8Array, i: number, end: number): number {
    if (hint < names.length && nameAt(view, buf, i, end, names[hint])) return hint;
    for (let n = 0; n < names.length; n++) if (n !== hint && nameAt(view, buf, i, end, names[n])) return n;
    return -1;
  }

  /** Scans the line in full (any key order and spacing), recording value spans; false if it is not ours. */
  private scan(buf: Uint8Array, start: number, end: number): boolean {
    const from = this.from;
    const to = this.to;
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
    const slotKind = Uint8Array.from(this.spanKind.subarray(0, n), (kind, k) => (kind === NUMBER ? NUMBER : (NAMED_KIND.get(slotField[k]) ?? STRING)));
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
    if (from[F_ROLE] >= 0 && this.roleNames.length > 0 && indexOfName(this.roleNames, buf, from[F_ROLE], to[F_ROLE]) < 0) return false;
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
    if (!(value >= 0)) return false;
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

/**
 * The shape of a line: literal k (bytes `literalStart[k] .. literalStart[k + 1]` of `literals`)
 * comes before value slot k, which holds field `slotField[k]` of kind `slotKind[k]`; one more
 * literal ends the line.
 */
interface Template {
  readonly literals: Uint8Array;
  /** `literalWords[j]`: the four literal bytes from `j` as a little-endian int. */
  readonly literalWords: Int32Array;
  readonly literalStart: Int32Array;
  readonly slotField: Int32Array;
  readonly slotKind: Uint8Array;
  readonly slots: number;
  /** Known fields that this shape does not have. */
  readonly absent: Int32Array;
  readonly lacksMember: boolean;
  readonly lacksValue: boolean;
  /** Lines tried against it so far, interpreted. */
  uses: number;
  compiled: CompiledTemplate | null;
}

type CompiledTemplate = (reader: FactLineReader, buf: Uint8Array, view: DataView<ArrayBufferLike>, start: number, end: number, from: Int32Array, to: Int32Array) => number;

/**
 * A template as a function of its own: the literal words and bytes become constants in unrolled
 * comparisons, the slots calls to the reader's slot methods, so the matcher does per line only
 * the comparisons themselves (no loops over the template, no reads of it). About twice as fast as
 * interpreting the template. The code is made of numbers only (bytes, field indices), nothing of
 * the input's text; its verdicts are the interpreter's (`matchTemplate`), and the tests run both.
 */
function compileTemplate(t: Template, roles: readonly Uint8Array[], metrics: readonly Uint8Array[]): CompiledTemplate {
  const code: string[] = ['r.startMatch();', 'let e = 0;', 'let i = start;'];
  for (let k = 0; k <= t.slots; k++) {
    const a = t.literalStart[k];
    const length = t.literalStart[k + 1] - a;
    if (length > 0) {
      const differs = [`i + ${length} > end`];
      let j = 0;
      for (; j + 4 <= length; j += 4) differs.push(`view.getInt32(i + ${j}, true) !== ${t.literalWords[a + j]}`);
      for (; j < length; j++) differs.push(`buf[i + ${j}] !== ${t.literals[a + j]}`);
      code.push(`if (${differs.join(' || ')}) return ${STRAYED};`, `i += ${length};`);
    }
    if (k === t.slots) break;
    const field = t.slotField[k];
    const kind = t.slotKind[k];
    if (kind === STRING) code.push('e = stringEnd(buf, i, end);');
    else if (kind === NUMBER) code.push(`e = r.numberSlot(buf, i, end, ${field});`);
    else if (kind === TIME) code.push('e = r.timeSlot(view, buf, i, end);');
    else {
      // A closed set of names: one test per name, its bytes as constants.
      const names = kind === TYPE ? [FACT] : kind === MODE ? [ADD, SET] : kind === ROLE ? roles : metrics;
      const chosen = (n: number): string => (kind === MODE && n === 0 ? 'r.lineAdd = true;' : kind === METRIC ? `r.lineMetric = ${n};` : '');
      names.forEach((name, n) => code.push(`${n === 0 ? '' : 'else '}if (${nameTest(name)}) { e = i + ${name.length}; ${chosen(n)} }`));
      code.push(`${names.length === 0 ? '' : 'else '}return ${REFUSED};`);
    }
    code.push(`if (e < 0) return ${STRAYED};`, `from[${field}] = i;`, `to[${field}] = e;`, 'i = e;');
  }
  code.push(`if (i !== end) return ${STRAYED};`);
  for (const f of t.absent) code.push(`from[${f}] = -1;`);
  if (t.lacksMember || t.lacksValue) code.push(`r.lacks(${t.lacksMember}, ${t.lacksValue});`);
  code.push(`return ${MATCHED};`);
  const make = new Function('stringEnd', `return function compiledTemplate(r, buf, view, start, end, from, to) {\n${code.join('\n')}\n};`);
  return make(stringEnd) as CompiledTemplate;
}

/** JavaScript that is true when the string at `i` is `name` (its bytes, then the closing quote); `nameAt` unrolled. */
function nameTest(name: Uint8Array): string {
  const n = name.length;
  const same = [`i + ${n} < end`, `buf[i + ${n}] === ${QUOTE}`];
  let j = 0;
  for (; j + 4 <= n; j += 4) same.push(`view.getInt32(i + ${j}, true) === ${name[j] | (name[j + 1] << 8) | (name[j + 2] << 16) | (name[j + 3] << 24)}`);
  for (; j < n; j++) same.push(`buf[i + ${j}] === ${name[j]}`);
  return same.join(' && ');
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

// Kinds of template slots: a string or number scanned; a field matched against its possible values.
const STRING = 0;
const NUMBER = 1;
const TYPE = 2;
const ROLE = 3;
const METRIC = 4;
const MODE = 5;
const TIME = 6;

// What matching a line against a template found.
const MATCHED = 0;
const STRAYED = 1;
const REFUSED = 2;
// What a value slot returns instead of where the value ends.
const STRAY = -1;
const REFUSE = -2;

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

const NAMED_KIND = new Map<number, number>([
  [F_TYPE, TYPE],
  [F_ROLE, ROLE],
  [F_METRIC, METRIC],
  [F_MODE, MODE],
  [F_TIME, TIME],
]);

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

function fieldOf(buf: Uint8Array, s: number, e: number): number {
  for (const [name, field] of KEYS) if (equals(buf, s, e, name)) return field;
  return F_OTHER;
}

function actorFieldOf(buf: Uint8Array, s: number, e: number): number {
  for (const [name, field] of ACTOR_KEYS) if (equals(buf, s, e, name)) return field;
  return F_OTHER;
}

function ws(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break;
    i++;
  }
  return i;
}

/** Index of the closing quote of a string starting at `s`, or -1 (an escape or a control character: not ours). */
function stringEnd(buf: Uint8Array, s: number, end: number): number {
  let i = s;
  while (i < end && STRING_BYTE[buf[i]] === 0) i++;
  return i < end && buf[i] === QUOTE ? i : -1;
}

function equals(buf: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let j = 0; j < word.length; j++) if (buf[s + j] !== word[j]) return false;
  return true;
}

/** Whether the string at `i` is `name`: its bytes, then the closing quote. */
function nameAt(view: DataView<ArrayBufferLike>, buf: Uint8Array, i: number, end: number, name: Uint8Array): boolean {
  const n = name.length;
  if (i + n >= end || buf[i + n] !== QUOTE) return false;
  let j = 0;
  for (; j + 4 <= n; j += 4) if (view.getInt32(i + j, true) !== (name[j] | (name[j + 1] << 8) | (name[j + 2] << 16) | (name[j + 3] << 24))) return false;
  for (; j < n; j++) if (buf[i + j] !== name[j]) return false;
  return true;
}

/** Whether `length` bytes at `i` equal the first `length` of `text`. */
function sameBytes(view: DataView<ArrayBufferLike>, i: number, text: DataView, length: number): boolean {
  let j = 0;
  for (; j + 4 <= length; j += 4) if (view.getInt32(i + j, true) !== text.getInt32(j, true)) return false;
  for (; j < length; j++) if (view.getUint8(i + j) !== text.getUint8(j)) return false;
  return true;
}

function indexOfName(names: readonly Uint8Array[], buf: Uint8Array, s: number, e: number): number {
  for (let n = 0; n < names.length; n++) if (equals(buf, s, e, names[n])) return n;
  return -1;
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The value of the number `numberEnd` read last (in a typed array: no heap number per number). */
const NUMBER_READ = new Float64Array(1);

const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * End of a plain decimal number at `i` (`12`, `0.25`; no sign, no exponent, no leading zero, at
 * most 15 digits), its value left in `NUMBER_READ[0]`; -1 otherwise. The digits form an exact integer
 * below 2^53 and the power of ten is exact, so one division gives the correctly rounded double —
 * the number `JSON.parse` gives.
 */
function numberEnd(buf: Uint8Array, i: number, end: number): number {
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
  NUMBER_READ[0] = fraction === 0 ? mantissa : mantissa / POWERS[fraction];
  return i;
}
