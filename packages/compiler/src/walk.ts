import type { CompareCondition, Condition, DeliverableSubmittedCondition, TaskDoneCondition } from '@phasegate/dsl';
import type { PhaseInfo, Symbols } from './symbols.js';

export type LeafCondition = CompareCondition | TaskDoneCondition | DeliverableSubmittedCondition;

/** Where a condition is written, for messages: `gate study_training` or `item key_work of checkpoint six_checks`. */
export interface ConditionSite {
  readonly condition: Condition;
  readonly phase: PhaseInfo;
  readonly where: string;
}

/** Every condition of the campaign: gates, then checkpoint items, phase by phase. */
export function conditionSites(symbols: Symbols): ConditionSite[] {
  const out: ConditionSite[] = [];
  for (const phase of symbols.phaseList) {
    for (const gate of phase.gates) out.push({ condition: gate.condition, phase, where: `gate ${gate.id.name}` });
    for (const cp of phase.checkpoints) {
      for (const item of cp.items) {
        if (item.requires) out.push({ condition: item.requires, phase, where: `item ${item.id.name} of checkpoint ${cp.id.name}` });
      }
    }
  }
  return out;
}

/** The comparisons and requirement tests inside a condition, in source order. */
export function leaves(condition: Condition): LeafCondition[] {
  const out: LeafCondition[] = [];
  const walk = (c: Condition) => {
    if (c.kind === 'and' || c.kind === 'or') c.items.forEach(walk);
    else out.push(c);
  };
  walk(condition);
  return out;
}

/** The source text of a span, with runs of whitespace collapsed, for quoting in messages. */
export function quote(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
}
