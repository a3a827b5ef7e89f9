/**
 * Turns a parse failure (an offset and the things that would have been accepted there) into a
 * diagnostic a policy author can act on: what was found, what was expected in plain words, and
 * a "did you mean" when the found word is a near miss of a keyword.
 */
import type { Span } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { EXPECT } from './parse-tokens.js';
import { WORD, stringEnd } from './lexical.js';
import { closest } from './suggest.js';

export interface Found {
  /** How to show it in a message: `` `windw` ``, `a label "…"`, `the end of the file`. */
  readonly shown: string;
  readonly span: Span;
  readonly word?: string;
}

const NUMERAL = /[0-9][0-9A-Za-z_.:-]*/y;
const OPERATOR = /[<>=!.]{1,2}/y;

/** What stands at `at`: a word, a numeral, a string, an operator, one character, or the end. */
export function foundAt(text: string, at: number): Found {
  if (at >= text.length) return { shown: 'the end of the file', span: { start: text.length, end: text.length } };
  const c = text.charCodeAt(at);
  if (c === 34) {
    const { end } = stringEnd(text, at);
    return { shown: 'a quoted label', span: { start: at, end } };
  }
  WORD.lastIndex = at;
  const w = WORD.exec(text);
  if (w) return { shown: `\`${w[0]}\``, span: { start: at, end: at + w[0].length }, word: w[0] };
  for (const re of [NUMERAL, OPERATOR]) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) return { shown: `\`${m[0]}\``, span: { start: at, end: at + m[0].length } };
  }
  const cp = text.codePointAt(at) ?? c;
  const ch = String.fromCodePoint(cp);
  // An invisible character is named by its code point: `` would tell the author nothing.
  const invisible = /[\p{Cc}\p{Cf}\p{Z}]/u.test(ch) && ch !== ' ';
  const shown = invisible
    ? `the invisible character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    : `\`${ch}\``;
  return { shown, span: { start: at, end: at + ch.length } };
}

/** `a`, `a or b`, `a, b or c` (long lists are cut: the first few say enough). */
export function listOf(items: readonly string[]): string {
  const unique = [...new Set(items)];
  const shown = unique.length > 12 ? [...unique.slice(0, 11), '…'] : unique;
  if (shown.length <= 1) return shown[0] ?? 'something else';
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

const KEYWORD = /^`([\p{L}_][\p{L}\p{N}_]*)`$/u;

/** Keywords among the expectations (they are written in backticks). */
export function keywordsIn(expected: readonly string[]): string[] {
  const out: string[] = [];
  for (const e of expected) {
    const m = KEYWORD.exec(e);
    if (m) out.push(m[1]);
  }
  return out;
}

/** Extra advice for common slips, keyed on what was expected and what was found. */
function adviceFor(expected: readonly string[], found: Found, text: string): string | undefined {
  const has = (e: string): boolean => expected.includes(e);
  const shownText = text.slice(found.span.start, found.span.end);
  if (has(EXPECT.date) && /^[0-9]/.test(shownText)) {
    return 'write dates as year-month-day with two-digit month and day, like 2005-03-01 (a time follows after a space: 2005-03-01 18:00)';
  }
  if (has(EXPECT.compare) && /^(=|=>|=<|<>)$/.test(shownText)) {
    return 'compare with `==` (equal), `!=`, `>=` (at least), `<=` (at most), `>` or `<`';
  }
  if (has(EXPECT.label) && found.word !== undefined) return 'labels are written in double quotes: "…"';
  if (!has(EXPECT.label) && found.shown === 'a quoted label' && expected.some((e) => e.includes('name'))) {
    return 'names are written without quotes; the quoted text after a name is its label';
  }
  if (has(EXPECT.time) && /^[0-9]/.test(shownText)) return 'write times with hours and minutes, like 18:00';
  if (has(EXPECT.zone) && found.shown === 'a quoted label')
    return 'write the zone without quotes: `timezone Asia/Shanghai`';
  if (has('`window`') && /^[0-9]{4}-/.test(shownText))
    return 'a window starts with the word `window`: `window 2005-02-23 .. 2005-03-01`';
  return undefined;
}

/**
 * The diagnostic for "expected one of `expected` at `at`". `where` names the enclosing
 * construct ("in step `four_talks`") so the message stands on its own in a list.
 */
export function explainFailure(text: string, at: number, expected: readonly string[], where: string): Diagnostic {
  const found = foundAt(text, at);
  const keywords = keywordsIn(expected);
  if (found.word !== undefined && !keywords.includes(found.word)) {
    const [guess] = closest(found.word, keywords);
    if (guess !== undefined) {
      return {
        code: 'PG100',
        severity: 'error',
        message: `\`${found.word}\` is not a keyword here; did you mean \`${guess}\`?`,
        span: found.span,
        hint: `${where}, expected ${listOf(expected)}`,
      };
    }
  }
  const advice = adviceFor(expected, found, text);
  return {
    code: 'PG100',
    severity: 'error',
    message: `expected ${listOf(expected)} ${where}, found ${found.shown}`,
    span: found.span,
    ...(advice ? { hint: advice } : {}),
  };
}
