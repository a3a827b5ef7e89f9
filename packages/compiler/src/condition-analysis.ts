import type { CompareOp, ConditionIR, MetricIR, MetricUnit } from './ir.js';

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

interface Interval {
  readonly lo: number;
  readonly loIn: boolean;
  readonly hi: number;
  readonly hiIn: boolean;
}

/** The values a metric of this unit can take. */
export function metricDomain(unit: MetricUnit): Domain {
  switch (unit) {
    case 'percent':
      return { min: 0, max: 100, integer: false, why: 'a percent lies between 0% and 100%' };
    case 'count':
      return { min: 0, max: Infinity, integer: true, why: 'a count is a whole number, never negative' };
    case 'hours':
      return { min: 0, max: Infinity, integer: false, why: 'hours are never negative' };
    case 'days':
      return { min: 0, max: Infinity, integer: false, why: 'days are never negative' };
  }
}

export const SHARE_DOMAIN: Domain = { min: 0, max: 100, integer: false, why: 'a share of members lies between 0% and 100%' };
export const COUNT_DOMAIN: Domain = { min: 0, max: Infinity, integer: true, why: 'a number of members is a whole number, never negative' };

/** The domain of an aggregate over members of a metric with this unit. */
export function aggregateDomain(kind: 'total' | 'average' | 'min' | 'max', unit: MetricUnit): Domain {
  const d = metricDomain(unit);
  if (kind === 'total' && unit === 'percent') return { min: 0, max: Infinity, integer: false, why: 'a total is never negative' };
  if (kind === 'average' && d.integer) return { ...d, integer: false };
  return d;
}

function opSet(op: CompareOp, v: number): Interval[] {
  switch (op) {
    case '>=':
      return [{ lo: v, loIn: true, hi: Infinity, hiIn: false }];
    case '>':
      return [{ lo: v, loIn: false, hi: Infinity, hiIn: false }];
    case '<=':
      return [{ lo: -Infinity, loIn: false, hi: v, hiIn: true }];
    case '<':
      return [{ lo: -Infinity, loIn: false, hi: v, hiIn: false }];
    case '==':
      return [{ lo: v, loIn: true, hi: v, hiIn: true }];
    case '!=':
      return [
        { lo: -Infinity, loIn: false, hi: v, hiIn: false },
        { lo: v, loIn: false, hi: Infinity, hiIn: false },
      ];
  }
}

const NEGATION: Record<CompareOp, CompareOp> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '==': '!=', '!=': '==' };

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      const loIn = (x.lo === lo ? x.loIn : true) && (y.lo === lo ? y.loIn : true);
      const hiIn = (x.hi === hi ? x.hiIn : true) && (y.hi === hi ? y.hiIn : true);
      out.push({ lo, loIn, hi, hiIn });
    }
  }
  return out;
}

function isEmpty(set: readonly Interval[], integer: boolean): boolean {
  return set.every((i) => {
    if (i.lo > i.hi) return true;
    if (i.lo === i.hi && !(i.loIn && i.hiIn)) return true;
    if (!integer) return false;
    const n = i.lo === -Infinity ? -Infinity : i.loIn ? Math.ceil(i.lo) : Math.floor(i.lo) + 1;
    return !(n < i.hi || (n === i.hi && i.hiIn));
  });
}

function domainSet(d: Domain): Interval[] {
  return [{ lo: d.min, loIn: true, hi: d.max, hiIn: d.max !== Infinity }];
}

/** Whether `x op value` can hold, always holds, or may hold, for x in `domain`. */
export function compareVerdict(domain: Domain, op: CompareOp, value: number): Verdict {
  if (!Number.isFinite(value)) return 'maybe';
  const d = domainSet(domain);
  if (isEmpty(intersect(d, opSet(op, value)), domain.integer)) return 'never';
  if (isEmpty(intersect(d, opSet(NEGATION[op], value)), domain.integer)) return 'always';
  return 'maybe';
}

/** True when the comparisons, all on one quantity with this domain, cannot hold together. */
export function conjunctionEmpty(domain: Domain, comparisons: readonly { readonly op: CompareOp; readonly value: number }[]): boolean {
  let set = domainSet(domain);
  for (const c of comparisons) {
    if (!Number.isFinite(c.value)) return false;
    set = intersect(set, opSet(c.op, c.value));
  }
  return isEmpty(set, domain.integer);
}

// ─── On the IR (used by the reachability pass) ────────────────────────────────────────────────

/**
 * Whether an IR condition can never hold for a unit with members, always holds, or may hold.
 * Task and deliverable conditions may always hold. Conservative: `maybe` whenever unsure.
 */
export function conditionVerdict(condition: ConditionIR, metrics: ReadonlyMap<string, MetricIR>): Verdict {
  switch (condition.kind) {
    case 'and': {
      const verdicts = condition.items.map((c) => conditionVerdict(c, metrics));
      if (verdicts.includes('never')) return 'never';
      if (conflicting(condition.items, metrics)) return 'never';
      return verdicts.every((v) => v === 'always') ? 'always' : 'maybe';
    }
    case 'or': {
      const verdicts = condition.items.map((c) => conditionVerdict(c, metrics));
      if (verdicts.every((v) => v === 'never')) return 'never';
      return verdicts.includes('always') ? 'always' : 'maybe';
    }
    case 'task-done':
    case 'deliverable-submitted':
      return 'maybe';
    default: {
      const q = quantityOf(condition, metrics);
      return q ? compareVerdict(q.domain, condition.op, condition.value) : 'maybe';
    }
  }
}

type Comparable = Exclude<ConditionIR, { kind: 'and' | 'or' } | { kind: 'task-done' } | { kind: 'deliverable-submitted' }>;

function isComparable(c: ConditionIR): c is Comparable {
  return c.kind !== 'and' && c.kind !== 'or' && c.kind !== 'task-done' && c.kind !== 'deliverable-submitted';
}

/** The quantity a comparison measures: a key (equal keys measure the same thing) and its domain. */
function quantityOf(c: Comparable, metrics: ReadonlyMap<string, MetricIR>): { key: string; domain: Domain } | null {
  const metric = metrics.get(c.metric);
  if (!metric) return null;
  switch (c.kind) {
    case 'metric':
    case 'every':
      return { key: `${c.kind}:${c.metric}`, domain: metricDomain(metric.unit) };
    case 'share':
    case 'count': {
      const inner = compareVerdict(metricDomain(metric.unit), c.inner.op, c.inner.value);
      const base = c.kind === 'share' ? SHARE_DOMAIN : COUNT_DOMAIN;
      // No member can satisfy the inner comparison: the share and the count are 0.
      const domain = inner === 'never' ? { ...base, max: 0 } : base;
      return { key: `${c.kind}:${c.metric}:${c.inner.op}:${c.inner.value}`, domain };
    }
    default:
      return { key: `${c.kind}:${c.metric}`, domain: aggregateDomain(c.kind, metric.unit) };
  }
}

function conflicting(items: readonly ConditionIR[], metrics: ReadonlyMap<string, MetricIR>): boolean {
  const groups = new Map<string, { domain: Domain; list: { op: CompareOp; value: number }[] }>();
  for (const item of items) {
    if (!isComparable(item)) continue;
    const q = quantityOf(item, metrics);
    if (!q) continue;
    const g = groups.get(q.key) ?? { domain: q.domain, list: [] };
    g.list.push({ op: item.op, value: item.value });
    groups.set(q.key, g);
  }
  for (const g of groups.values()) if (g.list.length > 1 && conjunctionEmpty(g.domain, g.list)) return true;
  return false;
}
