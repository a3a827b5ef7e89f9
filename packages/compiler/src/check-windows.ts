import type { Diagnostic, Span } from '@phasegate/dsl';
import { dateProblem, endInstant, formatLocal } from './calendar.js';
import type { CheckContext } from './context.js';
import { error, warning } from './diag.js';
import type { Bounds, ScheduledWindow } from './schedule.js';

/**
 * Windows: every phase has one and so does every step of a phase with several steps (PG307);
 * a window does not end before it starts (PG303); steps lie inside their phase's window as
 * amended by the file (PG304); steps of a phase, and phases of the campaign, run in the order
 * written (PG306) without overlapping (PG305) as written; a deliverable's due date lies inside its
 * step's window (PG310, warning).
 */
export function checkWindows(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { symbols, schedule } = ctx;
  const show = (ms: number, asEnd = false) => formatLocal(ctx.zone, ms, asEnd);

  const phaseEntries: { name: string; what: string; w: ScheduledWindow; span: Span }[] = [];
  for (const phase of symbols.phaseList) {
    const pw = schedule.phases[phase.index];
    if (!phase.window) {
      out.push(
        error(
          'PG307',
          phase.node.id,
          `Phase \`${phase.id}\` has no window, so nobody knows when it runs. Add a line such as \`window 2005-03-16 .. 2005-04-30\` inside the phase.`,
        ),
      );
    } else if (reversed(pw.base)) {
      out.push(
        reversedWindow(`phase \`${phase.id}\``, phase.window, phase.window.opens.text, phase.window.closes.text),
      );
    } else if (pw.base) {
      phaseEntries.push({ name: phase.id, what: 'phase', w: pw, span: phase.window });
    }

    const stepEntries: { name: string; what: string; w: ScheduledWindow; span: Span }[] = [];
    const stepWindows = schedule.steps[phase.index];
    for (const step of phase.steps) {
      const sw = stepWindows[step.index];
      const node = step.node.window;
      if (!node) {
        if (sw !== pw) {
          out.push(
            error(
              'PG307',
              step.node.id,
              `Step \`${step.id}\` has no window. A phase with several steps needs a window on each, written after the step's label: \`step ${step.id} "…" window 2005-02-23 .. 2005-03-01 { … }\`.`,
            ),
          );
        }
      } else if (reversed(sw.base)) {
        out.push(reversedWindow(`step \`${step.id}\``, node, node.opens.text, node.closes.text));
        continue;
      } else if (sw.base) {
        stepEntries.push({ name: step.id, what: 'step', w: sw, span: node });
        if (pw.final && sw.final && (sw.final.start < pw.final.start || sw.final.end > pw.final.end)) {
          const amended = pw.final !== pw.base ? ' (as amended)' : '';
          out.push(
            error(
              'PG304',
              node,
              `Step \`${step.id}\` runs ${describe(sw.final, show)}, outside the window of phase \`${phase.id}\`${amended}, ${describe(pw.final, show)}. Move the step's dates inside the phase, or widen the phase.`,
              { related: phase.window ? [{ span: phase.window, message: `phase \`${phase.id}\` window` }] : [] },
            ),
          );
        }
      }

      if (sw.final && !reversed(sw.final)) {
        for (const r of step.items) {
          if (r.kind !== 'deliverable' || !r.due || dateProblem(r.due)) continue;
          const due = endInstant(ctx.zone, r.due);
          if (due < sw.final.start || due > sw.final.end) {
            out.push(
              warning(
                'PG310',
                r.due,
                `Deliverable \`${r.id.name}\` is due ${show(due, true)}, outside the window of its step \`${step.id}\` (${describe(sw.final, show)}). Units will be reported overdue ${due < sw.final.start ? 'before the step even opens' : 'only after the step has closed'}; move the due date inside the step's window.`,
                { related: node ? [{ span: node, message: `step \`${step.id}\` window` }] : [] },
              ),
            );
          }
        }
      }
    }
    out.push(...orderAndOverlap(stepEntries, show, `in phase \`${phase.id}\``));
  }
  out.push(...orderAndOverlap(phaseEntries, show, 'in the campaign'));
  return out;
}

function reversed(b: Bounds | null): boolean {
  return b !== null && b.end <= b.start;
}

function reversedWindow(what: string, span: Span, start: string, end: string): Diagnostic {
  return error(
    'PG303',
    span,
    `The window of ${what} ends (${end}) before it starts (${start}). Swap the dates or correct the one that is wrong.`,
  );
}

type Show = (ms: number, asEnd?: boolean) => string;

function describe(b: Bounds, show: Show): string {
  return `from ${show(b.start)} to ${show(b.end, true)}`;
}

/** Consecutive windows (as written) start in order and do not overlap. */
function orderAndOverlap(
  entries: readonly { name: string; what: string; w: ScheduledWindow; span: Span }[],
  show: Show,
  scope: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 1; i < entries.length; i++) {
    const prev = entries[i - 1];
    const cur = entries[i];
    const a = prev.w.base!;
    const b = cur.w.base!;
    if (b.start < a.start) {
      out.push(
        error(
          'PG306',
          cur.span,
          `${cap(cur.what)} \`${cur.name}\` starts ${show(b.start)}, before ${prev.what} \`${prev.name}\` (${show(a.start)}), which is written above it. ${cap(cur.what)}s run in the order written ${scope}: move \`${cur.name}\` above \`${prev.name}\` or fix its dates.`,
          { related: [{ span: prev.span, message: `\`${prev.name}\` starts here` }] },
        ),
      );
    } else if (b.start < a.end) {
      out.push(
        error(
          'PG305',
          cur.span,
          `${cap(cur.what)} \`${cur.name}\` starts ${show(b.start)}, before ${prev.what} \`${prev.name}\` ends (${show(a.end, true)}). ${cap(cur.what)}s ${scope} run one after another; make \`${cur.name}\` start after \`${prev.name}\` ends.`,
          { related: [{ span: prev.span, message: `\`${prev.name}\` runs until here` }] },
        ),
      );
    }
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
