/**
 * Offsets to lines and columns, computed only when a diagnostic is printed. Lines and columns are
 * 1-based; a column counts characters (Unicode code points), so `学` is one column whatever its
 * width on a terminal.
 */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Line starts of one text, for many look-ups (binary search per offset).
 *
 * @example
 * const index = new LineIndex(text);
 * const { line, column } = index.lineColumn(diagnostic.span.start);
 * console.log(`${line}:${column}`, index.lineText(line));
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 1-based line containing `offset` (offsets past the end belong to the last line). */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1];
  }

  /** The text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    const next = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    const end = next > start && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    return this.text.slice(start, Math.max(start, end));
  }

  lineColumn(offset: number): LineColumn {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    const column = countCodePoints(this.text, this.starts[line - 1], clamped) + 1;
    return { line, column };
  }
}

function countCodePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // A low surrogate continues the character started by the high surrogate before it.
    if (c < 0xdc00 || c > 0xdfff || i === from) n++;
  }
  return n;
}

/**
 * Line and column (both 1-based) of a UTF-16 offset in `text`.
 *
 * @example
 * lineColumn('campaign x {\n  timezone UTC\n}', 15); // { line: 2, column: 3 }
 */
export function lineColumn(text: string, offset: number): LineColumn {
  return new LineIndex(text).lineColumn(offset);
}
