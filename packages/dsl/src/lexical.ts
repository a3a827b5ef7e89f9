/**
 * Character-level facts about `.phase` text, shared by the parser, its error recovery and the
 * formatter. Everything here is a plain loop over UTF-16 code units: these run on every token.
 */

/** Identifiers: a letter or `_`, then letters, digits or `_` (so Chinese names work). */
export const WORD = /[\p{L}_][\p{L}\p{N}_]*/uy;

/** Whitespace the language skips: ASCII blanks plus the Unicode spaces editors insert (U+3000…). */
export function isBlank(code: number): boolean {
  return (
    code === 32 ||
    code === 10 ||
    code === 9 ||
    code === 13 ||
    code === 0xfeff ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200b)
  );
}

/** Skips blanks and `#` comments from `i`; returns the offset of the next token (or the end). */
export function skipTrivia(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      i = lineEnd(text, i);
    } else if (isBlank(c)) {
      i++;
    } else {
      break;
    }
  }
  return i;
}

/** Offset of the `\n` ending the line that contains `i` (or the end of the text). */
export function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e < 0 ? text.length : e;
}

/** Offset of the first character of the line that contains `i`. */
export function lineStart(text: string, i: number): number {
  return text.lastIndexOf('\n', i - 1) + 1;
}

const isAsciiStart = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isAsciiPart = (c: number): boolean => isAsciiStart(c) || (c >= 48 && c <= 57);

/**
 * End offset of the word starting exactly at `i`, or -1 if no word starts there. ASCII words are
 * scanned by hand: this runs for every keyword test, and the Unicode regex is several times
 * slower. Anything non-ASCII goes through `WORD`.
 */
export function wordEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isAsciiStart(c)) {
    let j = i + 1;
    let d = text.charCodeAt(j);
    while (isAsciiPart(d)) d = text.charCodeAt(++j);
    if (!(d >= 128)) return j; // also true at the end of the text (NaN)
  } else if (!(c >= 128)) {
    return -1;
  }
  WORD.lastIndex = i;
  const m = WORD.exec(text);
  return m ? i + m[0].length : -1;
}

/** The word starting exactly at `i`, or undefined. */
export function wordAt(text: string, i: number): string | undefined {
  const e = wordEnd(text, i);
  return e < 0 ? undefined : text.slice(i, e);
}

/**
 * End of the string literal whose opening quote is at `i`: the offset just after the closing
 * quote, or the end of the line when the string is never closed. Strings do not span lines, so
 * an unclosed quote damages one line only.
 */
export function stringEnd(text: string, i: number, quote = 34): { end: number; closed: boolean } {
  const e = scanString(text, i, quote);
  return e >= 0 ? { end: e, closed: true } : { end: ~e, closed: false };
}

/** Whether the string the last `scanString` read has a backslash escape (read it right after the call). */
export const SCANNED: { escaped: boolean } = { escaped: false };

/**
 * `stringEnd` without an object per call (the parser reads every label with it): the offset
 * just after the closing quote, or, for a string never closed, `~end` (a negative number; `~`
 * again gives the end of its line). It also sets `SCANNED.escaped`, so the parser unescapes only
 * the labels that need it instead of searching every label for a backslash.
 */
export function scanString(text: string, i: number, quote = 34): number {
  const n = text.length;
  let j = i + 1;
  SCANNED.escaped = false;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \ */ && j + 1 < n && text.charCodeAt(j + 1) !== 10) {
      SCANNED.escaped = true;
      j += 2;
    } else if (c === quote) {
      return j + 1;
    } else if (c === 10 || c === 13) {
      return ~j;
    } else {
      j++;
    }
  }
  return ~n;
}

export interface ScannedTrivia {
  readonly comments: { readonly text: string; readonly start: number; readonly end: number }[];
  /** Opening offsets and line ends of strings that are never closed. */
  readonly unterminated: { readonly start: number; readonly end: number }[];
}

/**
 * One pass over the whole text finding comments and unclosed strings. Done up front (not while
 * parsing) because the parser backtracks and recovers by skipping text; comments inside skipped
 * text must still be kept, and must not be collected twice.
 */
export function scanTrivia(text: string): ScannedTrivia {
  const comments: ScannedTrivia['comments'] = [];
  const unterminated: ScannedTrivia['unterminated'] = [];
  // Jump from one `"` or `#` to the next with indexOf (far faster than testing every character):
  // a `#` inside a string is passed over with the string, a `"` inside a comment with the comment.
  let quote = text.indexOf('"');
  let hash = text.indexOf('#');
  for (;;) {
    const i = quote < 0 ? hash : hash < 0 ? quote : Math.min(quote, hash);
    if (i < 0) break;
    let next: number;
    if (i === hash) {
      let e = lineEnd(text, i);
      next = e;
      if (e > i && text.charCodeAt(e - 1) === 13) e--;
      comments.push({ text: text.slice(i, e), start: i, end: e });
    } else {
      const e = scanString(text, i);
      if (e < 0) unterminated.push({ start: i, end: ~e });
      next = e < 0 ? ~e : e;
    }
    if (quote >= 0 && quote < next) quote = text.indexOf('"', next);
    if (hash >= 0 && hash < next) hash = text.indexOf('#', next);
  }
  return { comments, unterminated };
}
