import type { DateLiteral, Diagnostic } from '@phasegate/dsl';
import { dateProblem, timeProblem } from './calendar.js';
import type { CheckContext } from './context.js';
import { error } from './diag.js';

/**
 * Dates and times are real (PG300: `2005-02-30`, `25:00`), and a recurring obligation's `from`
 * is not after its `until` (PG303).
 */
export function checkDates(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { symbols } = ctx;
  for (const doc of symbols.documents.values()) checkDate(out, doc.issued, 'issue date of document', doc.id.name);
  for (const phase of symbols.phaseList) {
    if (phase.window) {
      checkDate(out, phase.window.opens, 'start of phase', phase.id);
      checkDate(out, phase.window.closes, 'end of phase', phase.id);
    }
    for (const step of phase.steps) {
      const w = step.node.window;
      if (w) {
        checkDate(out, w.opens, 'start of step', step.id);
        checkDate(out, w.closes, 'end of step', step.id);
      }
      for (const r of step.items)
        if (r.kind === 'deliverable') checkDate(out, r.due, 'due date of deliverable', r.id.name);
    }
  }
  for (const site of symbols.amendments) {
    checkDate(out, site.node.effective, 'date the amendment takes effect');
    const a = site.node.action;
    if (a.kind === 'extend-to' || a.kind === 'move-to') checkDate(out, a.date, 'date in the amendment');
  }
  for (const ob of symbols.obligations.values()) {
    const s = ob.schedule;
    if (s.kind === 'due') checkDate(out, s.due, 'due date of obligation', ob.id.name);
    if (s.kind === 'recurring') {
      checkDate(out, s.from, 'first date of obligation', ob.id.name);
      checkDate(out, s.until, 'last date of obligation', ob.id.name);
      if (s.at) {
        const problem = timeProblem(s.at.hour, s.at.minute);
        if (problem)
          out.push(error('PG300', s.at, `The time of obligation \`${ob.id.name}\` is not a real time: ${problem}.`));
      }
      if (s.until && !dateProblem(s.from) && !dateProblem(s.until) && dayNumber(s.until) < dayNumber(s.from)) {
        out.push(
          error(
            'PG303',
            s.until,
            `Obligation \`${ob.id.name}\` runs until ${s.until.text}, before it starts on ${s.from.text}. Swap the dates or fix the later one.`,
            {
              related: [{ span: s.from, message: 'starts here' }],
            },
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Reports `d` when it is not a real date. `what` and `owner` name the date for the message
 * (`start of step` + `four_talks`); they are joined only when there is something to report.
 */
function checkDate(out: Diagnostic[], d: DateLiteral | undefined, what: string, owner?: string): void {
  if (!d) return;
  const problem = dateProblem(d);
  if (!problem) return;
  const name = owner === undefined ? what : `${what} ${owner}`;
  out.push(
    error(
      'PG300',
      d,
      `\`${d.text}\` (${name}) is not a real date or time: ${problem}. Write it as YYYY-MM-DD or YYYY-MM-DD HH:MM.`,
    ),
  );
}

function dayNumber(d: DateLiteral): number {
  return Date.UTC(d.year, d.month - 1, d.day);
}
