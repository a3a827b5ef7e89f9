import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth from 'string-width';

/**
 * The one measure of terminal columns in phasegate: diagnostics place their carets with it, the
 * formatter keeps lines within its width with it, and the simulator pads its tables with it.
 * string-width does the work (East Asian wide characters, emoji sequences, combining marks).
 */

/** Printable ASCII: one column each. */
const ASCII = /^[\x20-\x7e]*$/;

/**
 * Printable ASCII, general punctuation (dashes, quotes, `…`), CJK ideographs, CJK punctuation
 * (without its combining tone marks U+302A–302F and the emoji U+3030, U+303D) and fullwidth
 * forms: each is a grapheme of its own and none is an emoji, so string-width gives each its East
 * Asian Width (the same table, its own dependency). Summing that directly skips Intl.Segmenter,
 * which costs tens of microseconds a line on Node 20, and the formatter and the simulator's
 * tables measure many such lines. test/text-width.test.ts checks that the two agree.
 */
const SIMPLE = /^[\x20-\x7e\u2010-\u2027\p{Unified_Ideograph}\u3000-\u3029\u3031-\u303c\uff01-\uff60]*$/u;

/**
 * Columns taken by `s` on a terminal, as string-width counts them: wide and fullwidth characters
 * and emoji take two (a ZWJ sequence, a flag or `❤️` counts as one emoji), combining marks and
 * control characters none. A tab counts as `tab` columns.
 *
 * @example
 * textWidth('gate 合格'); // 9: five ASCII columns and two wide characters
 * textWidth('👍🏽 ok'); // 5: the thumb with its skin tone is one emoji, two columns
 */
export function textWidth(s: string, tab = 4): number {
  if (ASCII.test(s)) return s.length;
  if (SIMPLE.test(s)) {
    let w = 0;
    for (const ch of s) w += eastAsianWidth(ch.codePointAt(0)!);
    return w;
  }
  if (!s.includes('\t')) return stringWidth(s);
  const parts = s.split('\t');
  return parts.reduce((w, part) => w + stringWidth(part), 0) + tab * (parts.length - 1);
}
