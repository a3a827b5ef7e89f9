import type { CheckpointIR, CompareOp, ConditionIR, RequirementIR } from './ir.js';

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

/** `a op b`. */
export function compare(a: number, op: CompareOp, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

function unitValue(facts: FactsView, metric: string): number {
  return Object.hasOwn(facts.unitMetrics, metric) ? facts.unitMetrics[metric] : 0;
}

function memberValues(facts: FactsView, metric: string): ArrayLike<number> | undefined {
  return Object.hasOwn(facts.memberMetrics, metric) ? facts.memberMetrics[metric] : undefined;
}

/**
 * Evaluates a condition on a unit's facts, exactly as docs/semantics.md and `ConditionIR` say:
 * `every` holds for a unit with no members; a share is `count * 100 / members` (100 for no
 * members); average, min and max of no members are 0; a metric never recorded is 0.
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
      return Object.hasOwn(facts.tasks, condition.task) && facts.tasks[condition.task] === true;
    case 'deliverable-submitted':
      return (
        Object.hasOwn(facts.deliverables, condition.deliverable) &&
        typeof facts.deliverables[condition.deliverable] === 'number'
      );
    case 'metric':
      return compare(unitValue(facts, condition.metric), condition.op, condition.value);
    case 'every': {
      const values = memberValues(facts, condition.metric);
      for (let i = 0; i < facts.members; i++) {
        if (!compare(values?.[i] ?? 0, condition.op, condition.value)) return false;
      }
      return true;
    }
    case 'share':
    case 'count': {
      const values = memberValues(facts, condition.metric);
      let n = 0;
      for (let i = 0; i < facts.members; i++) {
        if (compare(values?.[i] ?? 0, condition.inner.op, condition.inner.value)) n++;
      }
      const measured = condition.kind === 'count' ? n : facts.members === 0 ? 100 : (n * 100) / facts.members;
      return compare(measured, condition.op, condition.value);
    }
    default: {
      const values = memberValues(facts, condition.metric);
      return compare(aggregate(condition.kind, values, facts.members), condition.op, condition.value);
    }
  }
}

/** Total, average, min or max of a member metric over `members` members (0 for no members). */
export function aggregate(
  kind: 'total' | 'average' | 'min' | 'max',
  values: ArrayLike<number> | undefined,
  members: number,
): number {
  if (members === 0) return 0;
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < members; i++) {
    const v = values?.[i] ?? 0;
    total += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  switch (kind) {
    case 'total':
      return total;
    case 'average':
      return total / members;
    case 'min':
      return min;
    case 'max':
      return max;
  }
}

/** Whether a step's requirement is met: tasks done, deliverables submitted, `all of` / `any of`. */
export function requirementHolds(requirement: RequirementIR, facts: FactsView): boolean {
  switch (requirement.kind) {
    case 'task':
      return Object.hasOwn(facts.tasks, requirement.task) && facts.tasks[requirement.task] === true;
    case 'deliverable':
      return (
        Object.hasOwn(facts.deliverables, requirement.deliverable) &&
        typeof facts.deliverables[requirement.deliverable] === 'number'
      );
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
