/**
 * docs/semantics.md's table of comparisons and aggregates, read literally and computed in exact
 * fractions (BigInt), independently of `@phasegate/compiler/semantics`: the random-campaign test
 * judges each engine's verdicts and each unit's criteria by it, so that a mistake in the shared
 * module — which both engines would make alike — is still caught. Slow and plain on purpose; it
 * shares no code with what it checks.
 */
import type { CheckpointIR, CompareOp, ConditionIR, RequirementIR } from '@phasegate/compiler';

/** What the oracle reads of a unit: the reference machine's context has this shape. */
export interface OracleFacts {
  readonly members: number;
  readonly unitMetrics: Readonly<Record<string, number>>;
  readonly memberMetrics: Readonly<Record<string, ArrayLike<number>>>;
  readonly tasks: Readonly<Record<string, boolean>>;
  readonly deliverables: Readonly<Record<string, number>>;
}

/** `n / d` exactly, `d > 0`. */
interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const ratios = new Map<number, Ratio>();

/** A number as the decimal it is written as (its shortest text), exactly. */
function ratio(x: number): Ratio {
  let r = ratios.get(x);
  if (r === undefined) {
    r = parseRatio(x);
    ratios.set(x, r);
  }
  return r;
}

function parseRatio(x: number): Ratio {
  const text = String(x);
  const [mantissa = '0', exponent = '0'] = text.split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.');
  let n = BigInt(whole + fraction);
  let d = 10n ** BigInt(fraction.length);
  const e = Number(exponent);
  if (e > 0) n *= 10n ** BigInt(e);
  if (e < 0) d *= 10n ** BigInt(-e);
  return { n: negative ? -n : n, d };
}

const sum = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const times = (a: Ratio, k: bigint): Ratio => ({ n: a.n * k, d: a.d });
const over = (a: Ratio, k: bigint): Ratio => ({ n: a.n, d: a.d * k });
const ZERO: Ratio = { n: 0n, d: 1n };

/** `a op b` on exact fractions, each operator spelled out as docs/semantics.md names it. */
function holds(a: Ratio, op: CompareOp, b: Ratio): boolean {
  const left = a.n * b.d;
  const right = b.n * a.d;
  switch (op) {
    case '>=':
      return left >= right;
    case '>':
      return left > right;
    case '<=':
      return left <= right;
    case '<':
      return left < right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}

function unitValue(f: OracleFacts, metric: string): Ratio {
  return Object.hasOwn(f.unitMetrics, metric) ? ratio(f.unitMetrics[metric]) : ZERO;
}

function memberValues(f: OracleFacts, metric: string): Ratio[] {
  const values = Object.hasOwn(f.memberMetrics, metric) ? f.memberMetrics[metric] : undefined;
  return Array.from({ length: f.members }, (_, i) => ratio(values?.[i] ?? 0));
}

/** Whether a condition holds on a unit's facts, per docs/semantics.md. */
export function specHolds(c: ConditionIR, f: OracleFacts): boolean {
  switch (c.kind) {
    case 'and':
      return c.items.every((i) => specHolds(i, f));
    case 'or':
      return c.items.some((i) => specHolds(i, f));
    case 'task-done':
      return Object.hasOwn(f.tasks, c.task) && f.tasks[c.task] === true;
    case 'deliverable-submitted':
      return Object.hasOwn(f.deliverables, c.deliverable);
    case 'metric':
      return holds(unitValue(f, c.metric), c.op, ratio(c.value));
    case 'every':
      return memberValues(f, c.metric).every((v) => holds(v, c.op, ratio(c.value)));
    case 'share':
    case 'count': {
      const passing = BigInt(
        memberValues(f, c.metric).filter((v) => holds(v, c.inner.op, ratio(c.inner.value))).length,
      );
      if (c.kind === 'count') return holds({ n: passing, d: 1n }, c.op, ratio(c.value));
      const share: Ratio =
        f.members === 0 ? { n: 100n, d: 1n } : over(times({ n: passing, d: 1n }, 100n), BigInt(f.members));
      return holds(share, c.op, ratio(c.value));
    }
    default: {
      const values = memberValues(f, c.metric);
      if (values.length === 0) return holds(ZERO, c.op, ratio(c.value));
      const total = values.reduce(sum, ZERO);
      const lowest = values.reduce((a, b) => (holds(a, '<=', b) ? a : b));
      const highest = values.reduce((a, b) => (holds(a, '>=', b) ? a : b));
      const measured =
        c.kind === 'total'
          ? total
          : c.kind === 'average'
            ? over(total, BigInt(values.length))
            : c.kind === 'min'
              ? lowest
              : highest;
      return holds(measured, c.op, ratio(c.value));
    }
  }
}

/** Whether a step's requirement is met: its tasks done, its deliverables submitted, its groups. */
export function specRequirement(r: RequirementIR, f: OracleFacts): boolean {
  switch (r.kind) {
    case 'task':
      return Object.hasOwn(f.tasks, r.task) && f.tasks[r.task] === true;
    case 'deliverable':
      return Object.hasOwn(f.deliverables, r.deliverable);
    case 'all':
      return r.items.every((i) => specRequirement(i, f));
    case 'any':
      return r.items.some((i) => specRequirement(i, f));
  }
}

/** Whether every item of a checkpoint is signed and its `requires` holds. */
export function specCheckpoint(
  c: CheckpointIR,
  signoffs: Readonly<Record<string, Readonly<Record<string, boolean>>>>,
  f: OracleFacts,
): boolean {
  const signed = Object.hasOwn(signoffs, c.id) ? signoffs[c.id] : undefined;
  return c.items.every(
    (i) =>
      signed !== undefined &&
      Object.hasOwn(signed, i.id) &&
      signed[i.id] === true &&
      (i.requires === null || specHolds(i.requires, f)),
  );
}
