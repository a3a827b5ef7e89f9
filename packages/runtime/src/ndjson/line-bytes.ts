/**
 * The bytes of a fact line, for the byte-level reader (fact-line.ts) and the templates it compiles
 * (line-template.ts): field and slot codes, and small readers of JSON tokens straight from bytes.
 */

// Fields of a fact line, by index into the span arrays (and bit in the repeated-key check: a
// repeated key sends the line to JSON.parse, which keeps the last; being exact about that is not
// worth the code).
export const F_ID = 0;
export const F_TYPE = 1;
export const F_TIME = 2;
export const F_USER = 3;
export const F_ROLE = 4;
export const F_ACTOR_UNIT = 5;
export const F_UNIT = 6;
export const F_METRIC = 7;
export const F_MEMBER = 8;
export const F_VALUE = 9;
export const F_MODE = 10;
/** A template slot of an unknown key: its value is matched, then ignored. */
export const F_IGNORED = 11;
export const F_ACTOR = 12;
export const FIELDS = 12;
/** An unknown key (the validator ignores it too). */
export const F_OTHER = -1;

// Kinds of template slots: a string or number scanned; a field matched against its possible values.
export const STRING = 0;
export const NUMBER = 1;
export const TYPE = 2;
export const ROLE = 3;
export const METRIC = 4;
export const MODE = 5;
export const TIME = 6;

// What matching a line against a template found.
export const MATCHED = 0;
export const STRAYED = 1;
export const REFUSED = 2;
// What a value slot returns instead of where the value ends: -1 when the line strays, or this.
export const REFUSE = -2;

export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COLON = 0x3a;
export const COMMA = 0x2c;
export const ZERO = 0x30;
export const NINE = 0x39;
export const DOT = 0x2e;

/** Per byte inside a JSON string: 0 ordinary, 1 the closing quote, 2 an escape or a control character (not ours). */
export const STRING_BYTE = new Uint8Array(256);
STRING_BYTE[QUOTE] = 1;
STRING_BYTE[BACKSLASH] = 2;
for (let c = 0; c < 0x20; c++) STRING_BYTE[c] = 2;

export const NAMED_KIND = new Map<number, number>([
  [F_TYPE, TYPE],
  [F_ROLE, ROLE],
  [F_METRIC, METRIC],
  [F_MODE, MODE],
  [F_TIME, TIME],
]);

export const FACT = Buffer.from('fact');
export const ADD = Buffer.from('add');
export const SET = Buffer.from('set');
export const KEYS: readonly [Uint8Array, number][] = [
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
export const ACTOR_KEYS: readonly [Uint8Array, number][] = [
  [Buffer.from('user'), F_USER],
  [Buffer.from('role'), F_ROLE],
  [Buffer.from('unit'), F_ACTOR_UNIT],
];

export function fieldOf(buf: Uint8Array, s: number, e: number): number {
  for (const [name, field] of KEYS) if (equals(buf, s, e, name)) return field;
  return F_OTHER;
}

export function actorFieldOf(buf: Uint8Array, s: number, e: number): number {
  for (const [name, field] of ACTOR_KEYS) if (equals(buf, s, e, name)) return field;
  return F_OTHER;
}

export function ws(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break;
    i++;
  }
  return i;
}

/** Index of the closing quote of a string starting at `s`, or -1 (an escape or a control character: not ours). */
export function stringEnd(buf: Uint8Array, s: number, end: number): number {
  let i = s;
  while (i < end && STRING_BYTE[buf[i]] === 0) i++;
  return i < end && buf[i] === QUOTE ? i : -1;
}

export function equals(buf: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  if (e - s !== word.length) return false;
  for (let j = 0; j < word.length; j++) if (buf[s + j] !== word[j]) return false;
  return true;
}

/** Whether the string at `i` is `name`: its bytes, then the closing quote. */
export function nameAt(
  view: DataView<ArrayBufferLike>,
  buf: Uint8Array,
  i: number,
  end: number,
  name: Uint8Array,
): boolean {
  const n = name.length;
  if (i + n >= end || buf[i + n] !== QUOTE) return false;
  let j = 0;
  for (; j + 4 <= n; j += 4)
    if (view.getInt32(i + j, true) !== (name[j] | (name[j + 1] << 8) | (name[j + 2] << 16) | (name[j + 3] << 24)))
      return false;
  for (; j < n; j++) if (buf[i + j] !== name[j]) return false;
  return true;
}

/** Whether `length` bytes at `i` equal the first `length` of `text`. */
export function sameBytes(view: DataView<ArrayBufferLike>, i: number, text: DataView, length: number): boolean {
  let j = 0;
  for (; j + 4 <= length; j += 4) if (view.getInt32(i + j, true) !== text.getInt32(j, true)) return false;
  for (; j < length; j++) if (view.getUint8(i + j) !== text.getUint8(j)) return false;
  return true;
}

export function indexOfName(names: readonly Uint8Array[], buf: Uint8Array, s: number, e: number): number {
  for (let n = 0; n < names.length; n++) if (equals(buf, s, e, names[n])) return n;
  return -1;
}

export function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The value of the number `numberEnd` read last (in a typed array: no heap number per number). */
export const NUMBER_READ = new Float64Array(1);

export const POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * End of a plain decimal number at `i` (`12`, `0.25`; no sign, no exponent, no leading zero, at
 * most 15 digits), its value left in `NUMBER_READ[0]`; -1 otherwise. The digits form an exact integer
 * below 2^53 and the power of ten is exact, so one division gives the correctly rounded double —
 * the number `JSON.parse` gives.
 */
export function numberEnd(buf: Uint8Array, i: number, end: number): number {
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
