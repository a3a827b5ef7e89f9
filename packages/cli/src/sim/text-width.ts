import stringWidth from 'string-width';

/**
 * Terminal text by display width: Chinese characters take two columns, so padding and
 * truncation count columns with string-width, never string length.
 */

export function width(text: string): number {
  return stringWidth(text);
}

/** Cuts text to at most `max` columns, ending with `…` when something was cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (stringWidth(text) <= max) return text;
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = stringWidth(ch);
    if (used + w > max - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Pads (or truncates) to exactly `columns` columns, text on the left. */
export function padEnd(text: string, columns: number): string {
  const t = truncate(text, columns);
  return t + ' '.repeat(Math.max(0, columns - stringWidth(t)));
}

/** Pads (or truncates) to exactly `columns` columns, text on the right. */
export function padStart(text: string, columns: number): string {
  const t = truncate(text, columns);
  return ' '.repeat(Math.max(0, columns - stringWidth(t))) + t;
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
  indent = ' '.repeat(stringWidth(first)),
): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (let i = 0; i < items.length; i++) {
    const piece = items[i]! + (i < items.length - 1 ? separator.trimEnd() : '');
    const candidate = empty ? line + piece : `${line} ${piece}`;
    if (stringWidth(candidate) > columns && !empty) {
      lines.push(line);
      line = indent + piece;
    } else line = candidate;
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}
