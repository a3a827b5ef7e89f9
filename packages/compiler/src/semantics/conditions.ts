import type { CheckpointIR, CompareOp, ConditionIR, RequirementIR } from '../ir.js';
import { aggregateHolds, everyHolds, shareHolds, valueHolds } from './aggregates.js';
import { toThousandths } from './metric-values.js';
import { compare } from './operators.js';

/**
 * What conditions read: a plain view of one unit's facts. The XState machine's context is one;
 * the runtime's kernel can pass its own (typed arrays for member metrics are fine).
 * Missing entries mean "never recorded": metrics read 0, tasks are not done, deliverables not
 * submitted. Lookups use own properties only, so ids such as `constructor` are safe.
 */
export interface FactsView {
  /** Number of members in the unit. */
  readonly members: number;
  /** Unit-level metric values by metric id. */
  readonly unitMetrics: Readonly<Record<string, number>>;
  /** Member-level metric values by metric id, indexed by member (0-based); missing = 0. */
  readonly memberMetrics: Readonly<Record<string, ArrayLike<number>>>;
  /** Done tasks: `true` by task id. */
  readonly tasks: Readonly<Record<string, boolean>>;
  /** Submitted deliverables: submission time (epoch ms) by deliverable id. */
  readonly deliverables: Readonly<Record<string, number>>;
}

function unitValue(facts: FactsView, metric: string): number {
  return Object.hasOwn(facts.unitMetrics, metric) ? facts.unitMetrics[metric] : 0;
}

/** The unit's members' values of `metric` in thousandths, as the aggregates read them. */
function memberThousandths(facts: FactsView, metric: string): number[] {
  const values = Object.hasOwn(facts.memberMetrics, metric) ? facts.memberMetrics[metric] : undefined;
  return Array.from({ length: facts.members }, (_, i) => toThousandths(values?.[i] ?? 0));
}

/** Members of the unit whose value of `metric` satisfies `op value`. */
function passing(facts: FactsView, metric: string, op: CompareOp, value: number): number {
  let n = 0;
  for (const v of memberThousandths(facts, metric)) if (valueHolds(v, op, value)) n++;
  return n;
}

/**
 * Evaluates a condition on a unit's facts, exactly as docs/semantics.md says: `every` holds for a
 * unit with no members; a share is compared exactly (`passing × 100` against `value × members`)
 * and is 100 for no members; an average is compared exactly (the total against `value ×
 * members`); total, average, min and max of no members are 0; a metric never recorded is 0.
 *
 * @example
 * evaluateCondition({ kind: 'metric', metric: 'participation_rate', op: '>=', value: 95 },
 *   { members: 0, unitMetrics: { participation_rate: 96 }, memberMetrics: {}, tasks: {}, deliverables: {} }) // true
 */
export function evaluateCondition(condition: ConditionIR, facts: FactsView): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.items.every((c) => evaluateCondition(c, facts));
    case 'or':
      return condition.items.some((c) => evaluateCondition(c, facts));
    case 'task-done':
      return taskDone(facts, condition.task);
    case 'deliverable-submitted':
      return submitted(facts, condition.deliverable);
    case 'metric':
      return valueHolds(toThousandths(unitValue(facts, condition.metric)), condition.op, condition.value);
    case 'every':
      return everyHolds(passing(facts, condition.metric, condition.op, condition.value), facts.members);
    case 'share':
      return shareHolds(
        passing(facts, condition.metric, condition.inner.op, condition.inner.value),
        facts.members,
        condition.op,
        condition.value,
      );
    case 'count':
      return compare(
        passing(facts, condition.metric, condition.inner.op, condition.inner.value),
        condition.op,
        condition.value,
      );
    default:
      return aggregateHolds(
        condition.kind,
        memberThousandths(facts, condition.metric),
        0,
        facts.members,
        condition.op,
        condition.value,
      );
  }
}

function taskDone(facts: FactsView, task: string): boolean {
  return Object.hasOwn(facts.tasks, task) && facts.tasks[task] === true;
}

function submitted(facts: FactsView, deliverable: string): boolean {
  return Object.hasOwn(facts.deliverables, deliverable) && typeof facts.deliverables[deliverable] === 'number';
}

/** Whether a step's requirement is met: tasks done, deliverables submitted, `all of` / `any of`. */
export function requirementHolds(requirement: RequirementIR, facts: FactsView): boolean {
  switch (requirement.kind) {
    case 'task':
      return taskDone(facts, requirement.task);
    case 'deliverable':
      return submitted(facts, requirement.deliverable);
    case 'all':
      return requirement.items.every((r) => requirementHolds(r, facts));
    case 'any':
      return requirement.items.some((r) => requirementHolds(r, facts));
  }
}

/** Signed items by checkpoint id: `{ six_checks: { leadership: true } }`. */
export type SignoffsView = Readonly<Record<string, Readonly<Record<string, boolean>>>>;

/** Whether every item of a checkpoint is signed and its `requires` condition holds. */
export function checkpointComplete(checkpoint: CheckpointIR, signoffs: SignoffsView, facts: FactsView): boolean {
  const signed = Object.hasOwn(signoffs, checkpoint.id) ? signoffs[checkpoint.id] : undefined;
  return checkpoint.items.every(
    (item) =>
      signed !== undefined &&
      Object.hasOwn(signed, item.id) &&
      signed[item.id] === true &&
      (item.requires === null || evaluateCondition(item.requires, facts)),
  );
}
