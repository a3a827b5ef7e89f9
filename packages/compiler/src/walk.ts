import type {
  CheckpointItemNode,
  CheckpointNode,
  CompareCondition,
  Condition,
  DeliverableSubmittedCondition,
  GateNode,
  TaskDoneCondition,
} from '@phasegate/dsl';
import type { PhaseInfo, Symbols } from './symbols.js';

export type LeafCondition = CompareCondition | TaskDoneCondition | DeliverableSubmittedCondition;

/** A condition of the campaign, with the gate or checkpoint item that states it. */
export interface ConditionSite {
  readonly condition: Condition;
  readonly phase: PhaseInfo;
  /** The gate, or for a checkpoint item the item (and `checkpoint` its checkpoint). */
  readonly owner: GateNode | CheckpointItemNode;
  readonly checkpoint?: CheckpointNode;
  /** Its comparisons and requirement tests, in source order (see `leaves`). */
  readonly leaves: readonly LeafCondition[];
}

/**
 * Every condition of the campaign: gates, then checkpoint items, phase by phase. Built once per
 * compilation (`CheckContext.conditions`) for the passes that read conditions.
 */
export function conditionSites(symbols: Symbols): ConditionSite[] {
  const out: ConditionSite[] = [];
  for (const phase of symbols.phaseList) {
    for (const gate of phase.gates)
      out.push({
        condition: gate.condition,
        phase,
        owner: gate,
        checkpoint: undefined,
        leaves: leaves(gate.condition),
      });
    for (const cp of phase.checkpoints) {
      for (const item of cp.items) {
        if (item.requires)
          out.push({ condition: item.requires, phase, owner: item, checkpoint: cp, leaves: leaves(item.requires) });
      }
    }
  }
  return out;
}

/** Where a condition is written, for messages: `gate study_training` or `item key_work of checkpoint six_checks`. */
export function siteName(site: ConditionSite): string {
  return site.checkpoint
    ? `item ${site.owner.id.name} of checkpoint ${site.checkpoint.id.name}`
    : `gate ${site.owner.id.name}`;
}

/** The comparisons and requirement tests inside a condition, in source order. */
export function leaves(condition: Condition, out: LeafCondition[] = []): LeafCondition[] {
  if (condition.kind === 'and' || condition.kind === 'or') {
    for (const item of condition.items) leaves(item, out);
  } else {
    out.push(condition);
  }
  return out;
}

/** The source text of a span, with runs of whitespace collapsed, for quoting in messages. */
export function quote(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
}
