import stringWidth from 'string-width';

/**
 * The one measure of terminal columns in phasegate: diagnostics place their carets with it, the
 * formatter keeps lines within its width with it, and the simulator pads its tables with it.
 * string-width does the work (East Asian wide characters, emoji sequences, combining marks).
 */

/** Printable ASCII: one column each. */
const ASCII = /^[\x20-\x7e]*$/;

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
  if (!s.includes('\t')) return stringWidth(s);
  const parts = s.split('\t');
  return parts.reduce((w, part) => w + stringWidth(part), 0) + tab * (parts.length - 1);
}
