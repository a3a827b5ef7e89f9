import type { CompareOp, ConditionIR, MetricIR, MetricUnit } from './ir.js';
import { metricRange } from './semantics/metric-values.js';

/**
 * Static analysis of comparisons: can a comparison ever hold, does it always hold, and can a set
 * of comparisons on the same quantity hold together? Shared by `check-satisfiable` (on the
 * syntax tree, to report with spans) and `check-reachability` (on the IR, to prune edges).
 *
 * Every quantity has a domain: metrics are never negative, percents are at most 100, counts of
 * members are whole numbers.
 */
export interface Domain {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** For messages: why the domain is what it is. */
  readonly why: string;
}

export type Verdict = 'never' | 'always' | 'maybe';

// Domains are shared constants: the passes ask for one per comparison of every condition. A
// metric's is the range of values it can hold, the same rule the runtime refuses facts by.
const TOTAL_OF_PERCENTS: Domain = { min: 0, max: Infinity, integer: false, why: 'a total is never negative' };
const AVERAGE_OF_COUNTS: Domain = { ...metricRange('count'), integer: false };

/** The values a metric of this unit can take. */
export function metricDomain(unit: MetricUnit): Domain {
  return metricRange(unit);
}

export const SHARE_DOMAIN: Domain = {
  min: 0,
  max: 100,
  integer: false,
  why: 'a share of members lies between 0% and 100%',
};
export const COUNT_DOMAIN: Domain = {
  min: 0,
  max: Infinity,
  integer: true,
  why: 'a number of members is a whole number, never negative',
};

/** The domain of an aggregate over members of a metric with this unit. */
export function aggregateDomain(kind: 'total' | 'average' | 'min' | 'max', unit: MetricUnit): Domain {
  if (kind === 'total' && unit === 'percent') return TOTAL_OF_PERCENTS;
  if (kind === 'average' && unit === 'count') return AVERAGE_OF_COUNTS;
  return metricRange(unit);
}

/**
 * Whether no value of the domain satisfies every comparison (`x ops[i] values[i]`), counting
 * whole numbers only when the domain is integer. The bounds narrow a running interval (open or
 * closed at each end); `!=` only removes points, so it matters only when the points left are
 * few. Allocation-free: the reachability pass and `check-satisfiable` call this for every
 * comparison of every gate and item.
 */
function noValue(domain: Domain, ops: readonly CompareOp[], values: readonly number[], count: number): boolean {
  let lo = domain.min;
  let loIn = true;
  let hi = domain.max;
  let hiIn = domain.max !== Infinity;
  for (let i = 0; i < count; i++) {
    const op = ops[i];
    const v = values[i];
    if ((op === '>=' || op === '==') && v > lo) {
      lo = v;
      loIn = true;
    } else if (op === '>' && v >= lo) {
      lo = v;
      loIn = false;
    }
    if ((op === '<=' || op === '==') && v < hi) {
      hi = v;
      hiIn = true;
    } else if (op === '<' && v <= hi) {
      hi = v;
      hiIn = false;
    }
  }
  if (!domain.integer) {
    if (lo > hi || (lo === hi && !(loIn && hiIn))) return true;
    return lo === hi && excluded(ops, values, count, lo);
  }
  // The smallest and largest whole numbers inside; empty if `!=` rules out each of them.
  const first = lo === -Infinity ? -Infinity : loIn ? Math.ceil(lo) : Math.floor(lo) + 1;
  const last = hi === Infinity ? Infinity : hiIn ? Math.floor(hi) : Math.ceil(hi) - 1;
  if (first > last) return true;
  if (last - first >= count) return false;
  for (let n = first; n <= last; n++) if (!excluded(ops, values, count, n)) return false;
  return true;
}

function excluded(ops: readonly CompareOp[], values: readonly number[], count: number, x: number): boolean {
  for (let i = 0; i < count; i++) if (ops[i] === '!=' && values[i] === x) return true;
  return false;
}

const NEGATION: Record<CompareOp, CompareOp> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '==': '!=', '!=': '==' };
const ONE_OP: CompareOp[] = ['=='];
const ONE_VALUE: number[] = [0];

/** Whether `x op value` can hold, always holds, or may hold, for x in `domain`. */
export function compareVerdict(domain: Domain, op: CompareOp, value: number): Verdict {
  if (!Number.isFinite(value)) return 'maybe';
  ONE_VALUE[0] = value;
  ONE_OP[0] = op;
  if (noValue(domain, ONE_OP, ONE_VALUE, 1)) return 'never';
  ONE_OP[0] = NEGATION[op];
  if (noValue(domain, ONE_OP, ONE_VALUE, 1)) return 'always';
  return 'maybe';
}

/** True when the comparisons, all on one quantity with this domain, cannot hold together. */
export function conjunctionEmpty(
  domain: Domain,
  comparisons: readonly { readonly op: CompareOp; readonly value: number }[],
): boolean {
  if (comparisons.some((c) => !Number.isFinite(c.value))) return false;
  return noValue(
    domain,
    comparisons.map((c) => c.op),
    comparisons.map((c) => c.value),
    comparisons.length,
  );
}

// ─── On the IR (used by the reachability pass) ────────────────────────────────────────────────

/**
 * Whether an IR condition can never hold for a unit with members, always holds, or may hold.
 * Task and deliverable conditions may always hold. Conservative: `maybe` whenever unsure.
 */
export function conditionVerdict(condition: ConditionIR, metrics: ReadonlyMap<string, MetricIR>): Verdict {
  switch (condition.kind) {
    case 'and': {
      let always = true;
      for (const c of condition.items) {
        const v = conditionVerdict(c, metrics);
        if (v === 'never') return 'never';
        if (v !== 'always') always = false;
      }
      if (conflicting(condition.items, metrics)) return 'never';
      return always ? 'always' : 'maybe';
    }
    case 'or': {
      let never = true;
      let always = false;
      for (const c of condition.items) {
        const v = conditionVerdict(c, metrics);
        if (v !== 'never') never = false;
        if (v === 'always') always = true;
      }
      if (never) return 'never';
      return always ? 'always' : 'maybe';
    }
    case 'task-done':
    case 'deliverable-submitted':
      return 'maybe';
    default: {
      const domain = domainOf(condition, metrics);
      return domain ? compareVerdict(domain, condition.op, condition.value) : 'maybe';
    }
  }
}

type Comparable = Exclude<
  ConditionIR,
  { kind: 'and' | 'or' } | { kind: 'task-done' } | { kind: 'deliverable-submitted' }
>;

function isComparable(c: ConditionIR): c is Comparable {
  return c.kind !== 'and' && c.kind !== 'or' && c.kind !== 'task-done' && c.kind !== 'deliverable-submitted';
}

/** The values the quantity a comparison measures can take, or null when its metric is unknown. */
function domainOf(c: Comparable, metrics: ReadonlyMap<string, MetricIR>): Domain | null {
  const metric = metrics.get(c.metric);
  if (!metric) return null;
  switch (c.kind) {
    case 'metric':
    case 'every':
      return metricDomain(metric.unit);
    case 'share':
    case 'count': {
      const inner = compareVerdict(metricDomain(metric.unit), c.inner.op, c.inner.value);
      const base = c.kind === 'share' ? SHARE_DOMAIN : COUNT_DOMAIN;
      // No member can satisfy the inner comparison: the share and the count are 0.
      return inner === 'never' ? { ...base, max: 0 } : base;
    }
    default:
      return aggregateDomain(c.kind, metric.unit);
  }
}

/** Whether two comparisons measure the same quantity (the same metric, seen the same way). */
function sameQuantity(a: Comparable, b: Comparable): boolean {
  if (a.kind !== b.kind || a.metric !== b.metric) return false;
  if ((a.kind === 'share' || a.kind === 'count') && (b.kind === 'share' || b.kind === 'count')) {
    return a.inner.op === b.inner.op && a.inner.value === b.inner.value;
  }
  return true;
}

const GROUP_OPS: CompareOp[] = [];
const GROUP_VALUES: number[] = [];

/**
 * Whether some quantity is compared in ways that cannot hold together (`x >= 50 and x < 40`).
 * The items of one `and` are few, so each is compared with the others directly, without keys or
 * maps: the reachability pass asks this of every gate of the campaign.
 */
function conflicting(items: readonly ConditionIR[], metrics: ReadonlyMap<string, MetricIR>): boolean {
  const n = items.length;
  for (let i = 0; i < n; i++) {
    const first = items[i];
    if (!isComparable(first)) continue;
    // Each quantity is checked once, from its first comparison.
    let seen = false;
    for (let k = 0; k < i && !seen; k++) {
      const earlier = items[k];
      seen = isComparable(earlier) && sameQuantity(earlier, first);
    }
    if (seen) continue;
    let count = 0;
    let finite = true;
    for (let k = i; k < n; k++) {
      const other = items[k];
      if (!isComparable(other) || !sameQuantity(first, other)) continue;
      GROUP_OPS[count] = other.op;
      GROUP_VALUES[count] = other.value;
      finite &&= Number.isFinite(other.value);
      count++;
    }
    if (count < 2 || !finite) continue;
    const domain = domainOf(first, metrics);
    if (domain && noValue(domain, GROUP_OPS, GROUP_VALUES, count)) return true;
  }
  return false;
}
