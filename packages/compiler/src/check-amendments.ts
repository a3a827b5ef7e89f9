import type { Diagnostic } from '@phasegate/dsl';
import { formatLocal } from './calendar.js';
import type { CheckContext } from './context.js';
import { error } from './diag.js';
import { describeAmendment, type ScheduledAmendment } from './schedule.js';
import { didYouMean } from './suggest.js';
import type { Symbols } from './symbols.js';

/**
 * Amendments: each one changes a window that exists (PG309) and never makes a window end
 * earlier or leaves it unchanged (PG308): a unit that was on time must not become late because
 * the schedule was rewritten behind it.
 */
export function checkAmendments(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const a of ctx.schedule.amendments) {
    const missing = targetProblem(a, ctx.symbols);
    if (missing) {
      out.push(missing);
      continue;
    }
    const shrink = shortening(a, ctx.zone);
    if (shrink) out.push(shrink);
  }
  return out;
}

function targetProblem(a: ScheduledAmendment, symbols: Symbols): Diagnostic | null {
  const target = a.node.target;
  if (!target) {
    if (a.site.phase) return null;
    return error(
      'PG309',
      a.node,
      'This amendment does not say which window it changes. Name it after `amend`: `amend phase study extend 10 days effective …`, or `amend phase study step four_talks …` for a step.',
    );
  }
  const phase = symbols.phases.get(target.phase.name);
  if (!phase) {
    return error(
      'PG309',
      target.phase,
      `The amendment targets phase \`${target.phase.name}\`, which does not exist. Name one of the campaign's phases.`,
      {
        hint: didYouMean(target.phase.name, symbols.phases.keys()),
      },
    );
  }
  if (target.step && !phase.stepsById.has(target.step.name)) {
    return error(
      'PG309',
      target.step,
      `The amendment targets step \`${target.step.name}\`, but phase \`${phase.id}\` has no such step.`,
      {
        hint: didYouMean(target.step.name, phase.stepsById.keys()),
      },
    );
  }
  return null;
}

function shortening(a: ScheduledAmendment, zone: string): Diagnostic | null {
  const action = a.node.action;
  const text = describeAmendment(a.node);
  const owner = a.window ? `\`${a.window.owner}\`` : 'its window';
  if ((action.kind === 'extend-by' || action.kind === 'move-by') && action.days <= 0) {
    const what = action.kind === 'extend-by' ? 'extend' : 'move';
    const fix =
      action.kind === 'extend-by'
        ? 'To give units more time, extend by a positive number of days.'
        : 'A window may only move later; to start earlier, declare the window with its new dates instead.';
    return error(
      'PG308',
      action,
      action.days === 0
        ? `\`${text}\` does not change the window of ${owner}. Remove the amendment or give a number of days.`
        : `\`${text}\` would make the window of ${owner} end earlier; an amendment may only ${what === 'extend' ? 'extend a window' : 'move a window later'}. ${fix}`,
    );
  }
  if (!a.before || !a.after) return null;
  if (a.after.end > a.before.end) return null;
  const show = (ms: number) => formatLocal(zone, ms, true);
  if (action.kind === 'extend-to') {
    return error(
      'PG308',
      action.date,
      `\`${text}\` would end the window of ${owner} at ${show(a.after.end)}, ${a.after.end === a.before.end ? 'exactly where it already ends' : `earlier than its current end, ${show(a.before.end)}`}. An amendment may only make a window end later: choose a later date.`,
    );
  }
  return error(
    'PG308',
    action,
    `\`${text}\` would make the window of ${owner} end at ${show(a.after.end)}, ${a.after.end === a.before.end ? 'where it already ends' : `earlier than its current end, ${show(a.before.end)}`}. An amendment may only make a window end later.`,
  );
}
