import { textWidth } from '@phasegate/dsl';

/**
 * Terminal text by display width: Chinese characters and emoji take two columns, so padding and
 * truncation count columns with `textWidth` (the measure diagnostics use), never string length.
 */

const segmenter = new Intl.Segmenter();

/** Cuts text to at most `max` columns, ending with `…` when something was cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (textWidth(text) <= max) return text;
  let out = '';
  let used = 0;
  // Whole graphemes: a ZWJ sequence or a flag is never split, nor counted piece by piece.
  for (const { segment } of segmenter.segment(text)) {
    const w = textWidth(segment);
    if (used + w > max - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}

/** Pads (or truncates) to exactly `columns` columns, text on the left. */
export function padEnd(text: string, columns: number): string {
  const t = truncate(text, columns);
  return t + ' '.repeat(Math.max(0, columns - textWidth(t)));
}

/** Pads (or truncates) to exactly `columns` columns, text on the right. */
export function padStart(text: string, columns: number): string {
  const t = truncate(text, columns);
  return ' '.repeat(Math.max(0, columns - textWidth(t))) + t;
}

/**
 * Joins items with `separator` into lines of at most `columns` columns: the first line starts
 * with `first`, the others with `indent` (spaces as wide as `first` by default).
 */
export function wrap(
  items: readonly string[],
  columns: number,
  first: string,
  separator = ', ',
  indent = ' '.repeat(textWidth(first)),
): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (let i = 0; i < items.length; i++) {
    const piece = items[i] + (i < items.length - 1 ? separator.trimEnd() : '');
    const candidate = empty ? line + piece : `${line} ${piece}`;
    if (textWidth(candidate) > columns && !empty) {
      lines.push(line);
      line = indent + piece;
    } else line = candidate;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}
