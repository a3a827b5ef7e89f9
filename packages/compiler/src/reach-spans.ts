import type { GroupNode, Identifier, RequirementNode, Span } from '@phasegate/dsl';
import type { CheckContext } from './context.js';
import type { CampaignIR } from './ir.js';
import { requirementNever } from './check-reachability.js';

/**
 * Where in the file the reachability pass may point: every position's name (the campaign's, each
 * phase's, each step's) and, for the criteria that can never hold, the place that says so. Taken
 * from the syntax tree once the campaign is lowered, so that the tree and the check context can
 * be collected while the position machines are built. They are most of what is alive then, and
 * letting them go made the whole pipeline 3–5 % faster on the benchmark campaign
 * (docs/performance.md): less for the collector to mark and copy during the pass.
 *
 * The names are the tree's own identifier nodes, which hold no reference to the rest of the tree.
 */
export interface ReachSpans {
  readonly campaign: Identifier;
  /** By IR phase index (the order of lowering). */
  readonly phases: readonly PhaseSpans[];
  /**
   * For each step whose requirement can never be met (keyed `phase.step`, IR indices): the
   * `any of` group that cannot be.
   */
  readonly hopeless: ReadonlyMap<string, Span>;
}

export interface PhaseSpans {
  readonly id: Identifier;
  /** By IR step index. */
  readonly steps: readonly Identifier[];
  /** The gates' names, in order (a gate is found by its name). */
  readonly gates: readonly Identifier[];
  readonly checkpoints: readonly { readonly id: Identifier; readonly items: readonly Identifier[] }[];
}

/** The spans of a lowered campaign (`ir` is what `lower(ctx)` returned). */
export function reachSpans(ctx: CheckContext, ir: CampaignIR): ReachSpans {
  const { symbols } = ctx;
  const hopeless = new Map<string, Span>();
  // Lowering keeps the order of `phaseList` and of each phase's steps, so indices match.
  const phases = ir.phases.map((phase, p): PhaseSpans => {
    const info = symbols.phaseList[p];
    phase.steps.forEach((step, s) => {
      if (!requirementNever(step.requirement)) return;
      const group = hopelessGroup(info.steps[s].requirements);
      if (group) hopeless.set(`${p}.${s}`, group.keywordSpan);
    });
    return {
      id: info.node.id,
      steps: info.steps.map((s) => s.node.id),
      gates: info.gates.map((g) => g.id),
      checkpoints: info.checkpoints.map((c) => ({ id: c.id, items: c.items.map((i) => i.id) })),
    };
  });
  return { campaign: ctx.campaign.id, phases, hopeless };
}

/** The innermost `any of` group with nothing in it, which is why a step can never be completed. */
function hopelessGroup(items: readonly RequirementNode[]): GroupNode | undefined {
  for (const item of items) {
    if (item.kind !== 'group') continue;
    const inner = hopelessGroup(item.items);
    if (inner) return inner;
    if (item.mode === 'any' && item.items.length === 0) return item;
  }
  return undefined;
}
