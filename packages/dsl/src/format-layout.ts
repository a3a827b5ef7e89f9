/**
 * The layout engine behind `format`: places the members of a block one per line, with the
 * comments of the block's text in place (own-line comments before what follows them, end-of-line
 * comments after what they ended) and blank lines kept or forced around phases.
 */
import type { SourceFile } from './ast.js';
import { stringEnd } from './lexical.js';

export type Comment = SourceFile['comments'][number];

/** Something laid out in a block: a member, a gate operand, or the campaign in the file. */
export interface Child {
  readonly start: number;
  readonly end: number;
  /** For members with a `{ … }` body: the offset of `{`; comments before it move in front. */
  readonly open?: number;
  readonly isPhase?: boolean;
  print(): string[];
}

interface Entry {
  lines: string[];
  readonly start: number;
  readonly end: number;
  blankBefore: boolean;
  readonly isComment: boolean;
  readonly isPhase: boolean;
}

export const indent = (depth: number): string => '  '.repeat(depth);
const BLANK_LINE = /\n[ \t\r\u3000]*\n/;

export class BlockLayout {
  constructor(
    readonly text: string,
    private readonly comments: readonly Comment[],
  ) {}

  private hasBlank(from: number, to: number): boolean {
    return from < to && BLANK_LINE.test(this.text.slice(from, to));
  }

  noNewline(from: number, to: number): boolean {
    return !this.text.slice(from, to).includes('\n');
  }

  /** Index of the first comment starting at or after `offset`. */
  private firstCommentFrom(offset: number): number {
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.comments[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private commentLine(c: Comment, depth: number): string {
    return indent(depth) + c.text.trimEnd();
  }

  /** Offset of the `{` opening a member's body (labels and comments may contain braces). */
  openBrace(start: number): number {
    const t = this.text;
    for (let i = start; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 123) return i;
      if (c === 34) i = stringEnd(t, i).end - 1;
      else if (c === 35) i = t.indexOf('\n', i) < 0 ? t.length : t.indexOf('\n', i);
    }
    return t.length;
  }

  /**
   * Lays out `children` found between `from` and `to` at `depth`, with the comments of that
   * range. Returns the lines and the comment that ended the line of the opening `{`, if any.
   */
  block(
    children: readonly Child[],
    from: number,
    to: number,
    depth: number,
    opts: { braced: boolean; keepBlankLines: boolean },
  ) {
    let ci = this.firstCommentFrom(from);
    const cs = this.comments;
    const inRange = (k: number): boolean => k < cs.length && cs[k].start < to;
    let headerTrailing: Comment | undefined;
    if (opts.braced && inRange(ci) && this.noNewline(from, cs[ci].start)) headerTrailing = cs[ci++];

    const entries: Entry[] = [];
    let prevEnd = from;
    const blank = (a: number, b: number): boolean => opts.keepBlankLines && this.hasBlank(a, b);
    const pushComment = (c: Comment, blankBefore: boolean): void => {
      entries.push({
        lines: [this.commentLine(c, depth)],
        start: c.start,
        end: c.end,
        blankBefore,
        isComment: true,
        isPhase: false,
      });
    };

    for (let k = 0; k < children.length; k++) {
      const child = children[k];
      // Own-line comments before the child.
      while (inRange(ci) && cs[ci].start < child.start) {
        const c = cs[ci++];
        pushComment(c, blank(prevEnd, c.start));
        prevEnd = c.end;
      }
      // Comments inside a one-line child (or a block child's header) go in front of it.
      const movedUntil = child.open ?? child.end;
      let first = true;
      while (inRange(ci) && cs[ci].start < movedUntil) {
        pushComment(cs[ci++], first && blank(prevEnd, child.start));
        first = false;
      }
      const lines = child.print();
      // Comments inside a block child's body were laid out by its own `block` call.
      while (inRange(ci) && cs[ci].start < child.end) ci++;
      const nextStart = k + 1 < children.length ? children[k + 1].start : to;
      if (inRange(ci) && cs[ci].start < nextStart && this.noNewline(child.end, cs[ci].start)) {
        lines[lines.length - 1] += ` ${cs[ci++].text.trimEnd()}`;
      }
      entries.push({
        lines,
        start: child.start,
        end: child.end,
        blankBefore: first && blank(prevEnd, child.start),
        isComment: false,
        isPhase: child.isPhase ?? false,
      });
      prevEnd = child.end;
    }
    while (inRange(ci)) {
      const c = cs[ci++];
      pushComment(c, blank(prevEnd, c.start));
      prevEnd = c.end;
    }

    // A phase is set apart by blank lines, together with the comments written right above it.
    for (let k = 0; k < entries.length; k++) {
      if (!entries[k].isPhase) continue;
      let head = k;
      while (head > 0 && !entries[head].blankBefore && entries[head - 1].isComment) head--;
      entries[head].blankBefore = true;
      if (k + 1 < entries.length) entries[k + 1].blankBefore = true;
    }

    const lines: string[] = [];
    entries.forEach((e, k) => {
      if (k > 0 && e.blankBefore) lines.push('');
      lines.push(...e.lines);
    });
    return { lines, headerTrailing };
  }

  /** `header {`, the body, `}` — or `header {}` when there is nothing inside. */
  braced(
    header: string,
    start: number,
    end: number,
    children: readonly Child[],
    depth: number,
    keepBlankLines = true,
  ): string[] {
    const open = this.openBrace(start);
    const close = end - 1;
    const body = this.block(children, open + 1, close, depth + 1, { braced: true, keepBlankLines });
    if (body.lines.length === 0 && !body.headerTrailing) return [`${indent(depth)}${header} {}`];
    const first = `${indent(depth)}${header} {${body.headerTrailing ? ` ${body.headerTrailing.text.trimEnd()}` : ''}`;
    return [first, ...body.lines, `${indent(depth)}}`];
  }

  hasCommentIn(from: number, to: number): boolean {
    const k = this.firstCommentFrom(from);
    return k < this.comments.length && this.comments[k].start < to;
  }
}
