/**
 * The tokens of the language. Every token skips leading trivia (blanks and comments) itself, so a
 * token's span is exactly its text and a failure points at the token that is wrong, not at the
 * space before it.
 */
import type P from 'parsimmon';
import type { DateLiteral, Identifier, Label, Span } from './ast.js';
import { SCANNED, scanString, skipTrivia, wordAt, wordEnd } from './lexical.js';
import type { ParseContext } from './parse-context.js';
import { LAST, fail, fastParser, ok, runFast } from './parser-combinators.js';

// ─── Plain-words descriptions of what was expected ────────────────────────────────────────────

export const EXPECT = {
  name: 'a name (letters, digits and _)',
  label: 'a quoted label like "Study phase"',
  date: 'a date like 2005-03-01',
  time: 'a time like 18:00',
  number: 'a number',
  wholeDays: 'a whole number of days',
  compare: 'a comparison (>=, >, <=, <, ==, !=)',
  zone: 'a time zone like Asia/Shanghai',
  condition: 'a condition such as `participation_rate >= 95%`',
} as const;

export const code = (s: string): string => `\`${s}\``;

// Failures of the commonest tokens share their expectation lists (never mutated).
const EXPECTED_LABEL = [EXPECT.label];
const EXPECTED_DATE = [EXPECT.date];
const EXPECTED_TIME = [EXPECT.time];
const EXPECTED_COMPARE = [EXPECT.compare];
const EXPECTED_ZONE = [EXPECT.zone];

// ─── Tokens ───────────────────────────────────────────────────────────────────────────────────

/** A keyword: a whole word, so `windows` never matches `window`. */
export function kw(word: string): P.Parser<Span> {
  const expected = [code(word)];
  return fastParser((input, i) => {
    const j = skipTrivia(input, i);
    if (input.startsWith(word, j) && wordEnd(input, j) === j + word.length)
      return ok(j + word.length, { start: j, end: j + word.length });
    return fail(j, expected);
  });
}

/**
 * One of several keywords; yields which. `aliases` are accepted too (yielding their canonical
 * word) but not listed in messages: `day` reads as `days`, and suggestions stay canonical.
 */
export function kwOneOf<W extends string>(
  words: readonly W[],
  aliases: Readonly<Record<string, W>> = {},
): P.Parser<{ word: W } & Span> {
  const expected = words.map(code);
  const set = new Set<string>(words);
  return fastParser((input, i) => {
    const j = skipTrivia(input, i);
    const w = wordAt(input, j);
    if (w !== undefined) {
      const canonical = set.has(w)
        ? (w as W)
        : Object.prototype.hasOwnProperty.call(aliases, w)
          ? aliases[w]
          : undefined;
      if (canonical !== undefined) return ok(j + w.length, { word: canonical, start: j, end: j + w.length });
    }
    return fail(j, expected);
  });
}

/** Punctuation: `{`, `}`, `(`, `)`, `..`, `,`, `%`. */
export function punct(symbol: string): P.Parser<Span> {
  const expected = [code(symbol)];
  return fastParser((input, i) => {
    const j = skipTrivia(input, i);
    if (input.startsWith(symbol, j)) return ok(j + symbol.length, { start: j, end: j + symbol.length });
    return fail(j, expected);
  });
}

/** An identifier. Keywords are not reserved: position decides, so a metric may be called `count`. */
export function ident(description: string = EXPECT.name): P.Parser<Identifier> {
  const expected = [description];
  return fastParser((input, i) => {
    const j = skipTrivia(input, i);
    const w = wordAt(input, j);
    if (w === undefined) return fail(j, expected);
    return ok(j + w.length, { name: w, start: j, end: j + w.length });
  });
}

/** Unescapes `\"`, `\'` and `\\`; any other backslash is kept as written. */
function unescape(body: string): string {
  return body.replace(/\\(["'\\])/g, '$1');
}

/**
 * A quoted label. An unclosed label runs to the end of its line (the scan before parsing has
 * already reported it as PG101), so one missing quote does not cascade into more errors.
 */
export function label(ctx: ParseContext): P.Parser<Label> {
  return fastParser((input, i) => {
    const j = skipTrivia(input, i);
    const c = input.charCodeAt(j);
    const quote = c === 34 || (c === 39 && ctx.singleQuotes) ? c : 0;
    if (!quote) return fail(j, EXPECTED_LABEL);
    const e = scanString(input, j, quote);
    const end = e < 0 ? ~e : e;
    const body = input.slice(j + 1, e < 0 ? end : end - 1);
    return ok(end, { value: SCANNED.escaped ? unescape(body) : body, start: j, end });
  });
}

export interface NumberToken extends Span {
  readonly value: number;
  readonly text: string;
  /** Already reported as PG104. */
  readonly malformed?: boolean;
}

const NUMBER_TAIL = /[0-9.,]*[0-9]/y;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** End of the decimal numeral `-?[0-9]+(\.[0-9]+)?` starting exactly at `j`, or -1. Scanned by hand: no match object per number. */
function numeralEnd(input: string, j: number): number {
  let k = input.charCodeAt(j) === 45 /* - */ ? j + 1 : j;
  if (!isDigit(input.charCodeAt(k))) return -1;
  while (isDigit(input.charCodeAt(k))) k++;
  if (input.charCodeAt(k) === 46 /* . */ && isDigit(input.charCodeAt(k + 1))) {
    k += 2;
    while (isDigit(input.charCodeAt(k))) k++;
  }
  return k;
}

/**
 * A decimal number. A numeral that goes on with more dots or commas (`1.2.3`, `1,000`) is
 * reported as PG104 and read up to its end, so the rest of the line still parses.
 */
export function number(ctx: ParseContext, description: string = EXPECT.number): P.Parser<NumberToken> {
  const expected = [description];
  return fastParser((input, i) => {
    const j = skipTrivia(input, i);
    const numeral = numeralEnd(input, j);
    if (numeral < 0) return fail(j, expected);
    const text = input.slice(j, numeral);
    let end = numeral;
    const next = input.charCodeAt(end);
    if ((next === 46 || next === 44) && isDigit(input.charCodeAt(end + 1))) {
      NUMBER_TAIL.lastIndex = end;
      const tail = NUMBER_TAIL.exec(input);
      if (tail) end += tail[0].length;
      const written = input.slice(j, end);
      ctx.report({
        code: 'PG104',
        severity: 'error',
        message: `\`${written}\` is not a number`,
        span: { start: j, end },
        hint: written.includes(',')
          ? 'write numbers without thousands separators, like 1000'
          : 'write a number with at most one decimal point, like 45 or 2.5',
      });
      return ok(end, { value: Number(text), text, start: j, end, malformed: true });
    }
    return ok(end, { value: Number(text), text, start: j, end });
  });
}

/** A whole number of days (amendments, acknowledgement periods); fractions are PG104. */
export function wholeNumber(ctx: ParseContext): P.Parser<NumberToken> {
  const n = number(ctx, EXPECT.wholeDays);
  return fastParser((input, i) => {
    const at = runFast(n, input, i);
    const v = LAST.value as NumberToken;
    if (at >= 0 && !v.malformed && !Number.isInteger(v.value)) {
      ctx.report({
        code: 'PG104',
        severity: 'error',
        message: `\`${v.text}\` is not a whole number; days are counted whole`,
        span: v,
        hint: `write ${Math.round(v.value)} days, or use a date: \`extend to 2005-03-15\``,
      });
    }
    return at;
  });
}

/** The value of the `n` digits at `j`, or -1 when any of them is not a digit. */
function digitsAt(input: string, j: number, n: number): number {
  let v = 0;
  for (let k = j; k < j + n; k++) {
    const c = input.charCodeAt(k);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Reads `HH:MM` (or `H:MM`) at exactly `j` (no trivia), not followed by another digit. */
function readTime(input: string, j: number): { hour: number; minute: number; end: number } | undefined {
  const short = input.charCodeAt(j + 1) === 58; /* : */
  const hour = digitsAt(input, j, short ? 1 : 2);
  const colon = j + (short ? 1 : 2);
  if (hour < 0 || input.charCodeAt(colon) !== 58) return undefined;
  const minute = digitsAt(input, colon + 1, 2);
  if (minute < 0 || isDigit(input.charCodeAt(colon + 3))) return undefined;
  return { hour, minute, end: colon + 3 };
}

/**
 * A date `2005-03-15`, optionally followed on the same line by a time `18:00`. Only the shape is
 * checked here; whether the date exists (2005-02-30, 25:00) is the checker's PG300.
 */
export function date(): P.Parser<DateLiteral> {
  return fastParser((input, i) => {
    const j = skipTrivia(input, i);
    // YYYY-MM-DD, not followed by another digit (read by hand: no match object per date).
    const year = digitsAt(input, j, 4);
    const month = input.charCodeAt(j + 4) === 45 ? digitsAt(input, j + 5, 2) : -1;
    const day = input.charCodeAt(j + 7) === 45 ? digitsAt(input, j + 8, 2) : -1;
    if (year < 0 || month < 0 || day < 0 || isDigit(input.charCodeAt(j + 10))) return fail(j, EXPECTED_DATE);
    let end = j + 10;
    // A time belongs to the date only on the same line: `date` then a line break then `18:00`
    // would be two things.
    let k = end;
    while (k < input.length && (input.charCodeAt(k) === 32 || input.charCodeAt(k) === 9)) k++;
    let time: DateLiteral['time'];
    if (k > end) {
      const t = readTime(input, k);
      if (t) {
        time = { hour: t.hour, minute: t.minute };
        end = t.end;
      }
    }
    const text = input.slice(j, end);
    const node: DateLiteral = time
      ? { kind: 'date', year, month, day, time, text, start: j, end }
      : { kind: 'date', year, month, day, text, start: j, end };
    return ok(end, node);
  });
}

/** A time of day alone: `18:00` (in `every friday … at 18:00`). */
export function timeOfDay(): P.Parser<{ hour: number; minute: number } & Span> {
  return fastParser((input, i) => {
    const j = skipTrivia(input, i);
    const t = readTime(input, j);
    if (!t) return fail(j, EXPECTED_TIME);
    return ok(t.end, { hour: t.hour, minute: t.minute, start: j, end: t.end });
  });
}

const OPS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type Op = (typeof OPS)[number];

/** A comparison operator. */
export const compareOp: P.Parser<{ op: Op } & Span> = fastParser((input, i) => {
  const j = skipTrivia(input, i);
  for (const op of OPS) {
    if (input.startsWith(op, j)) return ok(j + op.length, { op, start: j, end: j + op.length });
  }
  return fail(j, EXPECTED_COMPARE);
});

/** An IANA zone name: `Asia/Shanghai`, `America/Argentina/Buenos_Aires`, `UTC`, `Etc/GMT+8`. */
const ZONE = /[A-Za-z_][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*/y;
export const zoneName: P.Parser<{ zone: string } & Span> = fastParser((input, i) => {
  const j = skipTrivia(input, i);
  ZONE.lastIndex = j;
  const m = ZONE.exec(input);
  if (!m) return fail(j, EXPECTED_ZONE);
  return ok(j + m[0].length, { zone: m[0], start: j, end: j + m[0].length });
});
