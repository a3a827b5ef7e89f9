/**
 * The tokens of the language. Every token skips leading trivia (blanks and comments) itself, so a
 * token's span is exactly its text and a failure points at the token that is wrong, not at the
 * space before it.
 */
import type P from 'parsimmon';
import type { DateLiteral, Identifier, Label, Span } from './ast.js';
import { skipTrivia, stringEnd, wordAt, wordEnd } from './lexical.js';
import type { ParseContext } from './parse-context.js';
import { failure, parser, run, success } from './parser-combinators.js';

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

// ─── Tokens ───────────────────────────────────────────────────────────────────────────────────

export interface Word {
  readonly word: string;
  readonly span: Span;
}


/** A keyword: a whole word, so `windows` never matches `window`. */
export function kw(word: string): P.Parser<Span> {
  const expected = [code(word)];
  return parser((input, i) => {
    const j = skipTrivia(input, i);
    if (input.startsWith(word, j) && wordEnd(input, j) === j + word.length) return success(j + word.length, { start: j, end: j + word.length });
    return failure(j, expected);
  });
}

/**
 * One of several keywords; yields which. `aliases` are accepted too (yielding their canonical
 * word) but not listed in messages: `day` reads as `days`, and suggestions stay canonical.
 */
export function kwOneOf<W extends string>(words: readonly W[], aliases: Readonly<Record<string, W>> = {}): P.Parser<{ word: W; span: Span }> {
  const expected = words.map(code);
  const set = new Set<string>(words);
  return parser((input, i) => {
    const j = skipTrivia(input, i);
    const w = wordAt(input, j);
    if (w !== undefined) {
      const canonical = set.has(w) ? (w as W) : Object.prototype.hasOwnProperty.call(aliases, w) ? aliases[w] : undefined;
      if (canonical !== undefined) return success(j + w.length, { word: canonical, span: { start: j, end: j + w.length } });
    }
    return failure(j, expected);
  });
}

/** Punctuation: `{`, `}`, `(`, `)`, `..`, `,`, `%`. */
export function punct(symbol: string): P.Parser<Span> {
  const expected = [code(symbol)];
  return parser((input, i) => {
    const j = skipTrivia(input, i);
    if (input.startsWith(symbol, j)) return success(j + symbol.length, { start: j, end: j + symbol.length });
    return failure(j, expected);
  });
}

/** An identifier. Keywords are not reserved: position decides, so a metric may be called `count`. */
export function ident(expected: string = EXPECT.name): P.Parser<Identifier> {
  return parser((input, i) => {
    const j = skipTrivia(input, i);
    const w = wordAt(input, j);
    if (w === undefined) return failure(j, expected);
    return success(j + w.length, { name: w, span: { start: j, end: j + w.length } });
  });
}

/** Unescapes `\"`, `\'` and `\\`; any other backslash is kept as written. */
function unescape(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(["'\\])/g, '$1');
}

/**
 * A quoted label. An unclosed label runs to the end of its line (the scan before parsing has
 * already reported it as PG101), so one missing quote does not cascade into more errors.
 */
export function label(ctx: ParseContext): P.Parser<Label> {
  return parser((input, i) => {
    const j = skipTrivia(input, i);
    const c = input.charCodeAt(j);
    const quote = c === 34 || (c === 39 && ctx.singleQuotes) ? c : 0;
    if (!quote) return failure(j, EXPECT.label);
    const { end, closed } = stringEnd(input, j, quote);
    const body = input.slice(j + 1, closed ? end - 1 : end);
    return success(end, { value: unescape(body), span: { start: j, end } });
  });
}

export interface NumberToken {
  readonly value: number;
  readonly text: string;
  readonly span: Span;
  /** Already reported as PG104. */
  readonly malformed?: boolean;
}

const NUMBER = /-?[0-9]+(?:\.[0-9]+)?/y;
const NUMBER_TAIL = /[0-9.,]*[0-9]/y;

/**
 * A decimal number. A numeral that goes on with more dots or commas (`1.2.3`, `1,000`) is
 * reported as PG104 and read up to its end, so the rest of the line still parses.
 */
export function number(ctx: ParseContext, expected: string = EXPECT.number): P.Parser<NumberToken> {
  return parser((input, i) => {
    const j = skipTrivia(input, i);
    NUMBER.lastIndex = j;
    const m = NUMBER.exec(input);
    if (!m) return failure(j, expected);
    let end = j + m[0].length;
    const next = input.charCodeAt(end);
    if ((next === 46 || next === 44) && /[0-9]/.test(input.charAt(end + 1))) {
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
      return success(end, { value: Number(m[0]), text: m[0], span: { start: j, end }, malformed: true });
    }
    return success(end, { value: Number(m[0]), text: m[0], span: { start: j, end } });
  });
}

/** A whole number of days (amendments, acknowledgement periods); fractions are PG104. */
export function wholeNumber(ctx: ParseContext): P.Parser<NumberToken> {
  const n = number(ctx, EXPECT.wholeDays);
  return parser((input, i) => {
    const r = run(n, input, i);
    if (r.status && !r.value.malformed && !Number.isInteger(r.value.value)) {
      ctx.report({
        code: 'PG104',
        severity: 'error',
        message: `\`${r.value.text}\` is not a whole number; days are counted whole`,
        span: r.value.span,
        hint: `write ${Math.round(r.value.value)} days, or use a date: \`extend to 2005-03-15\``,
      });
    }
    return r;
  });
}

const DATE = /([0-9]{4})-([0-9]{2})-([0-9]{2})/y;
const TIME = /([0-9]{1,2}):([0-9]{2})(?![0-9])/y;
/** Reads `HH:MM` at exactly `j` (no trivia). */
function readTime(input: string, j: number): { hour: number; minute: number; end: number } | undefined {
  TIME.lastIndex = j;
  const t = TIME.exec(input);
  if (!t) return undefined;
  const hour = Number(t[1]);
  const minute = Number(t[2]);
  return { hour, minute, end: j + t[0].length };
}

/**
 * A date `2005-03-15`, optionally followed on the same line by a time `18:00`. Only the shape is
 * checked here; whether the date exists (2005-02-30, 25:00) is the checker's PG300.
 */
export function date(): P.Parser<DateLiteral> {
  return parser((input, i) => {
    const j = skipTrivia(input, i);
    DATE.lastIndex = j;
    const m = DATE.exec(input);
    if (!m || /[0-9]/.test(input.charAt(j + m[0].length))) return failure(j, EXPECT.date);
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    let end = j + m[0].length;
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
      ? { kind: 'date', year, month, day, time, text, span: { start: j, end } }
      : { kind: 'date', year, month, day, text, span: { start: j, end } };
    return success(end, node);
  });
}

/** A time of day alone: `18:00` (in `every friday … at 18:00`). */
export function timeOfDay(): P.Parser<{ hour: number; minute: number; span: Span }> {
  return parser((input, i) => {
    const j = skipTrivia(input, i);
    const t = readTime(input, j);
    if (!t) return failure(j, EXPECT.time);
    return success(t.end, { hour: t.hour, minute: t.minute, span: { start: j, end: t.end } });
  });
}

const OPS = ['>=', '<=', '==', '!=', '>', '<'] as const;
export type Op = (typeof OPS)[number];

/** A comparison operator. */
export const compareOp: P.Parser<{ op: Op; span: Span }> = parser((input, i) => {
  const j = skipTrivia(input, i);
  for (const op of OPS) {
    if (input.startsWith(op, j)) return success(j + op.length, { op, span: { start: j, end: j + op.length } });
  }
  return failure(j, EXPECT.compare);
});

/** An IANA zone name: `Asia/Shanghai`, `America/Argentina/Buenos_Aires`, `UTC`, `Etc/GMT+8`. */
const ZONE = /[A-Za-z_][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*/y;
export const zoneName: P.Parser<{ zone: string; span: Span }> = parser((input, i) => {
  const j = skipTrivia(input, i);
  ZONE.lastIndex = j;
  const m = ZONE.exec(input);
  if (!m) return failure(j, EXPECT.zone);
  return success(j + m[0].length, { zone: m[0], span: { start: j, end: j + m[0].length } });
});
