/**
 * The canonical layout of a `.phase` file: two-space indentation, one member per line, a blank
 * line around every phase (other blank lines kept, runs of them collapsed), canonical spelling of
 * literals, and conditions laid out by rule:
 *
 * - a gate stays on one line (`gate g "…" { a >= 1 }`) when the author wrote it so and it fits;
 *   otherwise its condition goes one top-level operand per line, each after the first led by
 *   `and`/`or`;
 * - a checkpoint item's `requires` stays on the item's line when it fits; otherwise it moves to
 *   the next line and its operands fill lines up to the width, continuing with `and`/`or`.
 *
 * Comments stay where they were: on their own line before the member they precede, or at the end
 * of the line they ended. A comment written inside a one-line member (between its words) is
 * moved to its own line just before that member.
 */
import type {
  AmendAction,
  AmendmentNode,
  CampaignMember,
  CampaignNode,
  CheckpointItemNode,
  Condition,
  GateNode,
  Label,
  ObligationNode,
  PhaseMember,
  RequirementNode,
  SourceFile,
  StepMember,
} from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { formatCondition, formatDate, formatDays, formatLabel, formatTime, operands } from './format-condition.js';
import { stringEnd } from './lexical.js';
import { parse } from './parse.js';
import { textWidth } from './text-width.js';

/** Lines are kept within this many terminal columns where the layout rules allow a choice. */
export const FORMAT_WIDTH = 110;

type Comment = SourceFile['comments'][number];

/** Something laid out in a block: a member, a gate operand, or the campaign in the file. */
interface Child {
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

const indent = (depth: number): string => '  '.repeat(depth);
const withLabel = (l: Label | undefined): string => (l ? ` ${formatLabel(l)}` : '');
const BLANK_LINE = /\n[ \t\r\u3000]*\n/;

class Layout {
  constructor(
    private readonly text: string,
    private readonly comments: readonly Comment[],
  ) {}

  private hasBlank(from: number, to: number): boolean {
    return from < to && BLANK_LINE.test(this.text.slice(from, to));
  }

  private noNewline(from: number, to: number): boolean {
    return !this.text.slice(from, to).includes('\n');
  }

  /** Index of the first comment starting at or after `offset`. */
  private firstCommentFrom(offset: number): number {
    let lo = 0;
    let hi = this.comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.comments[mid].span.start < offset) lo = mid + 1;
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
  block(children: readonly Child[], from: number, to: number, depth: number, opts: { braced: boolean; keepBlankLines: boolean }) {
    let ci = this.firstCommentFrom(from);
    const cs = this.comments;
    const inRange = (k: number): boolean => k < cs.length && cs[k].span.start < to;
    let headerTrailing: Comment | undefined;
    if (opts.braced && inRange(ci) && this.noNewline(from, cs[ci].span.start)) headerTrailing = cs[ci++];

    const entries: Entry[] = [];
    let prevEnd = from;
    const blank = (a: number, b: number): boolean => opts.keepBlankLines && this.hasBlank(a, b);
    const pushComment = (c: Comment, blankBefore: boolean): void => {
      entries.push({ lines: [this.commentLine(c, depth)], start: c.span.start, end: c.span.end, blankBefore, isComment: true, isPhase: false });
    };

    for (let k = 0; k < children.length; k++) {
      const child = children[k];
      // Own-line comments before the child.
      while (inRange(ci) && cs[ci].span.start < child.start) {
        const c = cs[ci++];
        pushComment(c, blank(prevEnd, c.span.start));
        prevEnd = c.span.end;
      }
      // Comments inside a one-line child (or a block child's header) go in front of it.
      const movedUntil = child.open ?? child.end;
      let first = true;
      while (inRange(ci) && cs[ci].span.start < movedUntil) {
        pushComment(cs[ci++], first && blank(prevEnd, child.start));
        first = false;
      }
      const lines = child.print();
      // Comments inside a block child's body were laid out by its own `block` call.
      while (inRange(ci) && cs[ci].span.start < child.end) ci++;
      const nextStart = k + 1 < children.length ? children[k + 1].start : to;
      if (inRange(ci) && cs[ci].span.start < nextStart && this.noNewline(child.end, cs[ci].span.start)) {
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
      pushComment(c, blank(prevEnd, c.span.start));
      prevEnd = c.span.end;
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
  braced(header: string, start: number, end: number, children: readonly Child[], depth: number, keepBlankLines = true): string[] {
    const open = this.openBrace(start);
    const close = end - 1;
    const body = this.block(children, open + 1, close, depth + 1, { braced: true, keepBlankLines });
    if (body.lines.length === 0 && !body.headerTrailing) return [`${indent(depth)}${header} {}`];
    const first = `${indent(depth)}${header} {${body.headerTrailing ? ` ${body.headerTrailing.text.trimEnd()}` : ''}`;
    return [first, ...body.lines, `${indent(depth)}}`];
  }

  private hasCommentIn(from: number, to: number): boolean {
    const k = this.firstCommentFrom(from);
    return k < this.comments.length && this.comments[k].span.start < to;
  }

  // ─── members ────────────────────────────────────────────────────────────────────────────────

  campaign(c: CampaignNode): Child {
    return {
      start: c.span.start,
      end: c.span.end,
      open: this.openBrace(c.span.start),
      print: () => this.braced(`campaign ${c.id.name}${withLabel(c.label)}`, c.span.start, c.span.end, c.members.map((m) => this.campaignMember(m, 1)), 0),
    };
  }

  private line(node: { span: { start: number; end: number } }, depth: number, text: () => string): Child {
    return { start: node.span.start, end: node.span.end, print: () => [indent(depth) + text()] };
  }

  private campaignMember(m: CampaignMember, depth: number): Child {
    switch (m.kind) {
      case 'timezone':
        return this.line(m, depth, () => `timezone ${m.zone}`);
      case 'role':
        return this.line(m, depth, () => {
          const caps = m.capabilities.length ? ` can ${m.capabilities.map((c) => c.name).join(', ')}` : '';
          return `role ${m.id.name}${withLabel(m.label)}${caps}`;
        });
      case 'metric':
        return this.line(m, depth, () => `metric ${m.id.name}${withLabel(m.label)} ${m.unit} per ${m.level}`);
      case 'document':
        return this.line(m, depth, () => `document ${m.id.name}${withLabel(m.label)}${m.issued ? ` issued ${formatDate(m.issued)}` : ''}`);
      case 'obligation':
        return this.line(m, depth, () => obligation(m));
      case 'amendment':
        return this.line(m, depth, () => amendment(m));
      case 'phase':
        return {
          start: m.span.start,
          end: m.span.end,
          open: this.openBrace(m.span.start),
          isPhase: true,
          print: () =>
            this.braced(`phase ${m.id.name}${withLabel(m.label)}`, m.span.start, m.span.end, m.members.map((x) => this.phaseMember(x, depth + 1)), depth),
        };
    }
  }

  private phaseMember(m: PhaseMember, depth: number): Child {
    switch (m.kind) {
      case 'window':
        return this.line(m, depth, () => `window ${formatDate(m.start)} .. ${formatDate(m.end)}`);
      case 'amendment':
        return this.line(m, depth, () => amendment(m));
      case 'late-policy':
        return this.line(m, depth, () => (m.action === 'mark-late' ? 'when late mark late' : `when late remediate${withLabel(m.label)}`));
      case 'gate':
        return this.gate(m, depth);
      case 'checkpoint':
        return {
          start: m.span.start,
          end: m.span.end,
          open: this.openBrace(m.span.start),
          print: () =>
            this.braced(
              `checkpoint ${m.id.name}${withLabel(m.label)}${m.signer ? ` signed by ${m.signer.name}` : ''}`,
              m.span.start,
              m.span.end,
              m.items.map((item) => this.item(item, depth + 1)),
              depth,
            ),
        };
      case 'step': {
        const window = m.window ? ` window ${formatDate(m.window.start)} .. ${formatDate(m.window.end)}` : '';
        return {
          start: m.span.start,
          end: m.span.end,
          open: this.openBrace(m.span.start),
          print: () =>
            this.braced(`step ${m.id.name}${withLabel(m.label)}${window}`, m.span.start, m.span.end, m.members.map((x) => this.stepMember(x, depth + 1)), depth),
        };
      }
    }
  }

  private stepMember(m: StepMember | RequirementNode, depth: number): Child {
    switch (m.kind) {
      case 'task':
        return this.line(m, depth, () => `task ${m.id.name}${withLabel(m.label)}`);
      case 'deliverable':
        return this.line(m, depth, () => `deliverable ${m.id.name}${withLabel(m.label)}${m.due ? ` due ${formatDate(m.due)}` : ''}`);
      case 'amendment':
        return this.line(m, depth, () => amendment(m));
      case 'group':
        return {
          start: m.span.start,
          end: m.span.end,
          open: this.openBrace(m.span.start),
          print: () => this.braced(`${m.mode} of${withLabel(m.label)}`, m.span.start, m.span.end, m.items.map((x) => this.stepMember(x, depth + 1)), depth),
        };
    }
  }

  private gate(g: GateNode, depth: number): Child {
    const open = this.openBrace(g.span.start);
    const header = `gate ${g.id.name}${withLabel(g.label)}`;
    return {
      start: g.span.start,
      end: g.span.end,
      open,
      print: () => {
        const inline = `${indent(depth)}${header} { ${formatCondition(g.condition)} }`;
        const authorInline = this.noNewline(open, g.condition.span.start) && !this.hasCommentIn(open, g.span.end);
        if (authorInline && textWidth(inline) <= FORMAT_WIDTH) return [inline];
        return this.braced(header, g.span.start, g.span.end, this.operandLines(g.condition, depth + 1), depth, false);
      },
    };
  }

  private operandLines(c: Condition, depth: number): Child[] {
    return operands(c).map((o) => ({
      start: o.node.span.start,
      end: o.node.span.end,
      print: () => [`${indent(depth)}${o.joiner ? `${o.joiner} ` : ''}${o.text}`],
    }));
  }

  private item(item: CheckpointItemNode, depth: number): Child {
    return this.lines(item, () => {
      const head = `${indent(depth)}item ${item.id.name}${withLabel(item.label)}`;
      if (!item.requires) return [head];
      const one = `${head} requires ${formatCondition(item.requires)}`;
      if (textWidth(one) <= FORMAT_WIDTH) return [one];
      const out = [head];
      const parts = operands(item.requires);
      let current = `${indent(depth + 1)}requires ${parts[0].text}`;
      for (const part of parts.slice(1)) {
        const piece = `${part.joiner} ${part.text}`;
        if (textWidth(`${current} ${piece}`) <= FORMAT_WIDTH) {
          current += ` ${piece}`;
        } else {
          out.push(current);
          current = `${indent(depth + 2)}${piece}`;
        }
      }
      out.push(current);
      return out;
    });
  }

  private lines(node: { span: { start: number; end: number } }, print: () => string[]): Child {
    return { start: node.span.start, end: node.span.end, print };
  }
}

function action(a: AmendAction): string {
  switch (a.kind) {
    case 'extend-by':
      return `extend ${formatDays(a.days)}`;
    case 'move-by':
      return `move ${formatDays(a.days)}`;
    case 'extend-to':
      return `extend to ${formatDate(a.date)}`;
    case 'move-to':
      return `move to ${formatDate(a.date)}`;
  }
}

function amendment(a: AmendmentNode): string {
  const target = a.target ? ` phase ${a.target.phase.name}${a.target.step ? ` step ${a.target.step.name}` : ''}` : '';
  return `amend${target} ${action(a.action)} effective ${formatDate(a.effective)}${a.reason ? ` reason ${formatLabel(a.reason)}` : ''}`;
}

function obligation(o: ObligationNode): string {
  const by = o.owedBy.kind === 'units' ? 'by units' : `by ${o.owedBy.role.name}`;
  const s = o.schedule;
  let schedule: string;
  switch (s.kind) {
    case 'due':
      schedule = `due ${formatDate(s.due)}`;
      break;
    case 'recurring':
      schedule = `every ${s.weekday} from ${formatDate(s.from)}${s.until ? ` until ${formatDate(s.until)}` : ''}${s.at ? ` at ${formatTime(s.at)}` : ''}`;
      break;
    case 'acknowledge':
      schedule = `acknowledge documents within ${formatDays(s.withinDays)}`;
      break;
  }
  return `obligation ${o.id.name}${withLabel(o.label)} ${by} ${schedule}`;
}

/** Thrown by `format` when given a file that does not parse cleanly. */
export class FormatError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`cannot format a file with syntax errors (${diagnostics.length} found); fix them first`);
    this.name = 'FormatError';
  }
}

/**
 * Prints a parsed file in canonical layout. Formatting is idempotent and keeps the meaning: the
 * result parses to the same tree (up to spans and the literal spelling kept in `text` fields)
 * and keeps every comment.
 *
 * A file with syntax errors is refused (members that failed to parse would be lost): `format`
 * throws a `FormatError` carrying the diagnostics. Use `formatText` to get them returned instead.
 *
 * @example
 * const { file, diagnostics } = parse(text, 'grant.phase');
 * if (!hasErrors(diagnostics)) writeFileSync('grant.phase', format(file));
 */
export function format(file: SourceFile): string {
  const errors = syntaxErrors(parse(file.text, file.path).diagnostics);
  if (errors.length > 0 || !file.campaign) throw new FormatError(errors);
  return layoutFile(file, file.campaign);
}

/** Errors that make the tree incomplete. (An impossible date, PG300, still parses completely.) */
function syntaxErrors(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error' && d.code.startsWith('PG1'));
}

function layoutFile(file: SourceFile, campaign: CampaignNode): string {
  const layout = new Layout(file.text, [...file.comments].sort((a, b) => a.span.start - b.span.start));
  const { lines } = layout.block([layout.campaign(campaign)], 0, file.text.length, 0, { braced: false, keepBlankLines: true });
  return `${lines.join('\n')}\n`;
}

export interface FormatResult {
  /** The formatted text, or undefined when the file has syntax errors. */
  readonly formatted?: string;
  /** The syntax errors that prevented formatting (empty when formatted). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses and formats source text; refuses (returning the diagnostics) when it has syntax errors.
 *
 * @example
 * const { formatted, diagnostics } = formatText(text, 'grant.phase');
 * if (formatted === undefined) diagnostics.forEach((d) => console.error(renderDiagnostic(d, text, 'grant.phase')));
 * else if (formatted !== text) console.log('grant.phase is not formatted');
 */
export function formatText(text: string, path: string): FormatResult {
  const { file, diagnostics } = parse(text, path);
  const errors = syntaxErrors(diagnostics);
  if (errors.length > 0 || !file.campaign) return { diagnostics: errors };
  return { formatted: layoutFile(file, file.campaign), diagnostics: [] };
}
