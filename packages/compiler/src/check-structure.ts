import type { Diagnostic, RequirementNode } from '@phasegate/dsl';
import type { CheckContext } from './context.js';
import { error, warning } from './diag.js';

/**
 * Structure: a step has something to do and a group has items (PG501); a phase without steps
 * goes straight to its transfer gate, which is allowed but usually a slip (PG601, warning).
 */
export function checkStructure(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const phase of ctx.symbols.phaseList) {
    if (phase.steps.length === 0) {
      out.push(
        warning(
          'PG601',
          phase.node.id,
          `Phase \`${phase.id}\` has no steps, so units go straight to its transfer gate when it opens. Add steps if the phase has work to schedule.`,
        ),
      );
    }
    for (const step of phase.steps) {
      if (step.requirements.length === 0) {
        out.push(
          error(
            'PG501',
            step.node.id,
            `Step \`${step.id}\` has nothing to do, so units would pass it the moment it opens. Add a \`task\` or \`deliverable\`, or remove the step.`,
          ),
        );
      }
      emptyGroups(out, step.requirements, step.id);
    }
  }
  return out;
}

/** PG501 for every empty group among `items`, nested ones included, in source order. */
function emptyGroups(out: Diagnostic[], items: readonly RequirementNode[], stepId: string): void {
  for (const item of items) {
    if (item.kind !== 'group') continue;
    if (item.items.length === 0) {
      out.push(
        item.mode === 'any'
          ? error(
              'PG501',
              item.keywordSpan,
              `This \`any of\` group is empty, so it can never be met and units would be stuck in step \`${stepId}\`. Add the alternatives inside the braces, or remove the group.`,
            )
          : error(
              'PG501',
              item.keywordSpan,
              `This \`all of\` group is empty, so it asks for nothing. Add its items inside the braces, or remove the group.`,
            ),
      );
    }
    emptyGroups(out, item.items, stepId);
  }
}
