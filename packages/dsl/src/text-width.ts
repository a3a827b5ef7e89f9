/**
 * How many terminal columns a string takes, so that `^^^` lines up under Chinese text: East Asian
 * wide and fullwidth characters take two columns, combining marks none. A small table instead of
 * a dependency; it covers CJK, kana, hangul, fullwidth forms and common emoji.
 */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const ZERO = /[\p{Mn}\p{Me}\u200b-\u200f\ufe00-\ufe0f]/u;

/** Columns taken by one code point. */
export function codePointWidth(cp: number): number {
  if (cp < 0x300) return cp < 32 ? 0 : 1;
  for (const [lo, hi] of WIDE) {
    if (cp < lo) break;
    if (cp <= hi) return 2;
  }
  return ZERO.test(String.fromCodePoint(cp)) ? 0 : 1;
}

/**
 * Columns taken by `s` on a terminal (tabs count as given by `tab`).
 *
 * @example
 * textWidth('gate 合格'); // 9: five ASCII columns and two wide characters
 */
export function textWidth(s: string, tab = 4): number {
  let w = 0;
  for (const ch of s) w += ch === '\t' ? tab : codePointWidth(ch.codePointAt(0) ?? 0);
  return w;
}
