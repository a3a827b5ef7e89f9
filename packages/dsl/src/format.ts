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
  Span,
  StepMember,
} from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { formatCondition, formatDate, formatDays, formatLabel, formatTime, operands } from './format-condition.js';
import { BlockLayout, indent, type Child } from './format-layout.js';
import { parse } from './parse.js';
import { textWidth } from './text-width.js';

/**
 * Lines are kept within this many terminal columns where the layout rules allow a choice (wide
 * CJK characters count two). Wide enough for a Chinese checklist label and its condition.
 */
export const FORMAT_WIDTH = 110;

const withLabel = (l: Label | undefined): string => (l ? ` ${formatLabel(l)}` : '');

/** Prints members as `Child`ren of the block layout; one method per kind of member. */
class Printer {
  constructor(private readonly layout: BlockLayout) {}

  campaign(c: CampaignNode): Child {
    return {
      start: c.start,
      end: c.end,
      open: this.layout.openBrace(c.start),
      print: () =>
        this.layout.braced(
          `campaign ${c.id.name}${withLabel(c.label)}`,
          c.start,
          c.end,
          c.members.map((m) => this.campaignMember(m, 1)),
          0,
        ),
    };
  }

  private line(node: Span, depth: number, text: () => string): Child {
    return { start: node.start, end: node.end, print: () => [indent(depth) + text()] };
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
        return this.line(
          m,
          depth,
          () => `document ${m.id.name}${withLabel(m.label)}${m.issued ? ` issued ${formatDate(m.issued)}` : ''}`,
        );
      case 'obligation':
        return this.line(m, depth, () => obligation(m));
      case 'amendment':
        return this.line(m, depth, () => amendment(m));
      case 'phase':
        return {
          start: m.start,
          end: m.end,
          open: this.layout.openBrace(m.start),
          isPhase: true,
          print: () =>
            this.layout.braced(
              `phase ${m.id.name}${withLabel(m.label)}`,
              m.start,
              m.end,
              m.members.map((x) => this.phaseMember(x, depth + 1)),
              depth,
            ),
        };
    }
  }

  private phaseMember(m: PhaseMember, depth: number): Child {
    switch (m.kind) {
      case 'window':
        return this.line(m, depth, () => `window ${formatDate(m.opens)} .. ${formatDate(m.closes)}`);
      case 'amendment':
        return this.line(m, depth, () => amendment(m));
      case 'late-policy':
        return this.line(m, depth, () =>
          m.action === 'mark-late' ? 'when late mark late' : `when late remediate${withLabel(m.label)}`,
        );
      case 'gate':
        return this.gate(m, depth);
      case 'checkpoint':
        return {
          start: m.start,
          end: m.end,
          open: this.layout.openBrace(m.start),
          print: () =>
            this.layout.braced(
              `checkpoint ${m.id.name}${withLabel(m.label)}${m.signer ? ` signed by ${m.signer.name}` : ''}`,
              m.start,
              m.end,
              m.items.map((item) => this.item(item, depth + 1)),
              depth,
            ),
        };
      case 'step': {
        const window = m.window ? ` window ${formatDate(m.window.opens)} .. ${formatDate(m.window.closes)}` : '';
        return {
          start: m.start,
          end: m.end,
          open: this.layout.openBrace(m.start),
          print: () =>
            this.layout.braced(
              `step ${m.id.name}${withLabel(m.label)}${window}`,
              m.start,
              m.end,
              m.members.map((x) => this.stepMember(x, depth + 1)),
              depth,
            ),
        };
      }
    }
  }

  private stepMember(m: StepMember | RequirementNode, depth: number): Child {
    switch (m.kind) {
      case 'task':
        return this.line(m, depth, () => `task ${m.id.name}${withLabel(m.label)}`);
      case 'deliverable':
        return this.line(
          m,
          depth,
          () => `deliverable ${m.id.name}${withLabel(m.label)}${m.due ? ` due ${formatDate(m.due)}` : ''}`,
        );
      case 'amendment':
        return this.line(m, depth, () => amendment(m));
      case 'group':
        return {
          start: m.start,
          end: m.end,
          open: this.layout.openBrace(m.start),
          print: () =>
            this.layout.braced(
              `${m.mode} of${withLabel(m.label)}`,
              m.start,
              m.end,
              m.items.map((x) => this.stepMember(x, depth + 1)),
              depth,
            ),
        };
    }
  }

  private gate(g: GateNode, depth: number): Child {
    const open = this.layout.openBrace(g.start);
    const header = `gate ${g.id.name}${withLabel(g.label)}`;
    return {
      start: g.start,
      end: g.end,
      open,
      print: () => {
        const inline = `${indent(depth)}${header} { ${formatCondition(g.condition)} }`;
        const authorInline = this.layout.noNewline(open, g.condition.start) && !this.layout.hasCommentIn(open, g.end);
        if (authorInline && textWidth(inline) <= FORMAT_WIDTH) return [inline];
        return this.layout.braced(header, g.start, g.end, this.operandLines(g.condition, depth + 1), depth, false);
      },
    };
  }

  private operandLines(c: Condition, depth: number): Child[] {
    return operands(c).map((o) => ({
      start: o.node.start,
      end: o.node.end,
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

  private lines(node: Span, print: () => string[]): Child {
    return { start: node.start, end: node.end, print };
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
  const layout = new BlockLayout(
    file.text,
    [...file.comments].sort((a, b) => a.start - b.start),
  );
  const { lines } = layout.block([new Printer(layout).campaign(campaign)], 0, file.text.length, 0, {
    braced: false,
    keepBlankLines: true,
  });
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
  const formatted = layoutFile(file, file.campaign);
  // A file written with Windows line ends keeps them: formatting changes layout, not the editor's
  // convention (the first line end decides).
  const crlf = /^[^\n]*\r\n/.test(text);
  return { formatted: crlf ? formatted.replace(/\n/g, '\r\n') : formatted, diagnostics: [] };
}
