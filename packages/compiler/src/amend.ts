import type { AmendmentNode, Diagnostic } from '@phasegate/dsl';
import { amendedWindow } from './amend-window.js';
import { dateProblem, formatLocal, isValidZone, startInstant } from './calendar.js';
import { error } from './diag.js';
import { applyAmendments } from './semantics/windows.js';
import type { AmendmentIR, CampaignIR } from './ir.js';
import { changeOf, describeAmendment } from './schedule.js';
import { didYouMean } from './suggest.js';

export interface AmendResult {
  /** The campaign with the amendment in its schedule; absent when there are errors. */
  readonly ir?: CampaignIR;
  /** Problems with the amendment; spans point into the amendment's own text. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Adds an amendment (as parsed by `parseAmendment`, e.g. from `phasegate compile --amend`) to a
 * compiled campaign's schedule. Its window is computed from the window in force at its effective
 * time, and it is inserted in effective order (after amendments with the same time); amendments
 * already in the IR keep the windows they were compiled with. Never changes `ir`.
 *
 * @example
 * const { amendment } = parseAmendment('phase study extend 10 days effective 2005-02-21');
 * const { ir: amended } = applyAmendment(ir, amendment!);
 */
export function applyAmendment(ir: CampaignIR, node: AmendmentNode): AmendResult {
  const zone = isValidZone(ir.timezone) ? ir.timezone : 'UTC';
  const target = node.target;
  if (!target) {
    return {
      diagnostics: [
        error(
          'PG309',
          node,
          'Say which window the amendment changes: start it with `phase <phase>` or `phase <phase> step <step>`.',
        ),
      ],
    };
  }
  const phase = ir.phases.find((p) => p.id === target.phase.name);
  if (!phase) {
    return {
      diagnostics: [
        error('PG309', target.phase, `Campaign \`${ir.id}\` has no phase \`${target.phase.name}\`.`, {
          hint: didYouMean(
            target.phase.name,
            ir.phases.map((p) => p.id),
          ),
        }),
      ],
    };
  }
  let window = phase.window;
  if (target.step) {
    const stepName = target.step.name;
    const step = phase.steps.find((s) => s.id === stepName);
    if (!step) {
      return {
        diagnostics: [
          error('PG309', target.step, `Phase \`${phase.id}\` has no step \`${stepName}\`.`, {
            hint: didYouMean(
              stepName,
              phase.steps.map((s) => s.id),
            ),
          }),
        ],
      };
    }
    window = step.window;
  }
  for (const d of [
    node.effective,
    node.action.kind === 'extend-to' || node.action.kind === 'move-to' ? node.action.date : undefined,
  ]) {
    const problem = d ? dateProblem(d) : null;
    if (d && problem)
      return { diagnostics: [error('PG300', d, `\`${d.text}\` is not a real date or time: ${problem}.`)] };
  }

  const effective = startInstant(zone, node.effective);
  const before = applyAmendments(ir.windows, ir.amendments, effective)[window];
  const change = changeOf(zone, node)!;
  const after = amendedWindow(zone, before, change);
  if (after.end <= before.end) {
    const owner = ir.windows[window].owner;
    return {
      diagnostics: [
        error(
          'PG308',
          node.action,
          `\`${describeAmendment(node)}\` would make the window of \`${owner}\` end at ${formatLocal(zone, after.end, true)}, ${after.end === before.end ? 'where it already ends' : `before its current end, ${formatLocal(zone, before.end, true)}`}. An amendment may only make a window end later.`,
        ),
      ],
    };
  }
  const amendment: AmendmentIR = {
    id: `amend-${ir.amendments.length + 1}`,
    window,
    effective,
    start: after.start,
    end: after.end,
    action: describeAmendment(node),
    reason: node.reason?.value ?? '',
  };
  const at = ir.amendments.findIndex((a) => a.effective > effective);
  const amendments =
    at < 0 ? [...ir.amendments, amendment] : [...ir.amendments.slice(0, at), amendment, ...ir.amendments.slice(at)];
  return { ir: { ...ir, amendments }, diagnostics: [] };
}
