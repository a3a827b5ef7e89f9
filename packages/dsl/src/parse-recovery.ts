/**
 * Error recovery at member granularity: after a member fails to parse, skip to where the next
 * member can start, so one mistake yields one diagnostic and parsing goes on.
 */
import { lineEnd, lineStart, stringEnd, wordAt } from './lexical.js';

/** Columns of leading blanks on the line containing `i`. */
export function indentOf(text: string, i: number): number {
  const s = lineStart(text, i);
  let k = s;
  while (k < text.length && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
  return k - s;
}

/** True when nothing but blanks precedes `i` on its line. */
export function startsLine(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const c = text.charCodeAt(k);
    if (c === 10) return true;
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

const CONTINUATIONS = new Set(['and', 'or', 'requires']);

/**
 * Where to resume after a member starting at `start` failed at `failAt`:
 * 1. past the end of the line of the failure, or past the matching `}` when the member opened a
 *    block (braces inside labels and comments do not count); never past the `}` that closes the
 *    enclosing block;
 * 2. then past lines that continue the broken member: lines starting with `and`, `or`,
 *    `requires`, `(` or an operator, and more-indented lines that do not start with a keyword.
 * Always returns an offset after `start`, or the offset of a `}` closing the enclosing block.
 */
export function resumeAfter(text: string, start: number, failAt: number, keywords: ReadonlySet<string>): number {
  const n = text.length;
  let p = start;
  let depth = 0;
  scan: while (p < n) {
    const c = text.charCodeAt(p);
    switch (c) {
      case 34:
        p = stringEnd(text, p).end;
        continue;
      case 35:
        p = lineEnd(text, p);
        continue;
      case 123:
        depth++;
        break;
      case 125:
        if (depth === 0) return p;
        depth--;
        if (depth === 0 && p >= failAt) {
          p++;
          break scan;
        }
        break;
      case 10:
        if (depth === 0 && p >= failAt) {
          p++;
          break scan;
        }
        break;
    }
    p++;
  }
  const baseIndent = indentOf(text, start);
  while (p < n) {
    let q = p;
    while (q < n && /[ \t\r\n]/.test(text.charAt(q))) q++;
    if (q >= n) return q;
    const c = text.charAt(q);
    const eol = lineEnd(text, q);
    if (c === '#' || c === '}' || text.slice(q, eol).includes('{')) break;
    const w = wordAt(text, q);
    const continues =
      (w !== undefined && CONTINUATIONS.has(w)) ||
      c === '(' ||
      /[<>=!.]/.test(c) ||
      (indentOf(text, q) > baseIndent && (w === undefined || !keywords.has(w)));
    if (!continues) break;
    p = eol < n ? eol + 1 : n;
  }
  return p;
}
