import type { Diagnostic, GroupNode, RequirementNode } from '@phasegate/dsl';
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
        warning('PG601', phase.node.id.span, `Phase \`${phase.id}\` has no steps, so units go straight to its transfer gate when it opens. Add steps if the phase has work to schedule.`),
      );
    }
    for (const step of phase.steps) {
      if (step.requirements.length === 0) {
        out.push(
          error('PG501', step.node.id.span, `Step \`${step.id}\` has nothing to do, so units would pass it the moment it opens. Add a \`task\` or \`deliverable\`, or remove the step.`),
        );
      }
      walkGroups(step.requirements, (g) => {
        if (g.items.length > 0) return;
        out.push(
          g.mode === 'any'
            ? error('PG501', g.keywordSpan, `This \`any of\` group is empty, so it can never be met and units would be stuck in step \`${step.id}\`. Add the alternatives inside the braces, or remove the group.`)
            : error('PG501', g.keywordSpan, `This \`all of\` group is empty, so it asks for nothing. Add its items inside the braces, or remove the group.`),
        );
      });
    }
  }
  return out;
}

function walkGroups(items: readonly RequirementNode[], visit: (g: GroupNode) => void): void {
  for (const item of items) {
    if (item.kind !== 'group') continue;
    visit(item);
    walkGroups(item.items, visit);
  }
}
