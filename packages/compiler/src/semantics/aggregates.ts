import type { CompareOp } from '../ir.js';
import { decimalFraction, ratioHolds } from './exact.js';
import { fromThousandths, METRIC_SCALE } from './metric-values.js';
import { compare, comparer } from './operators.js';

/*
 * Comparisons of metric values and aggregates over a unit's members (docs/semantics.md,
 * "Comparisons and aggregates"). Values are read in thousandths (`toThousandths`), whole numbers,
 * so sums are exact and every engine gets the same numbers: the kernel stores them so, the
 * machine converts its values. Member values come as `values[from .. to)` — one unit's slice of
 * a column, or a whole per-unit array — and a member never recorded reads 0.
 */

export type AggregateKind = 'total' | 'average' | 'min' | 'max';

const thresholds = new Map<number, number>();

/**
 * A threshold in thousandths, for comparing with a value in thousandths: `45.1` is 45100, `33.3333`
 * is 33333.3 (no whole number of thousandths equals it, as no value equals it).
 */
export function thresholdInThousandths(value: number): number {
  let t = thresholds.get(value);
  if (t === undefined) {
    const { num, den } = decimalFraction(value);
    t = Number(num * BigInt(METRIC_SCALE)) / Number(den);
    if (thresholds.size < 10_000) thresholds.set(value, t);
  }
  return t;
}

/** Whether a value (in thousandths) `op value` holds. */
export function valueHolds(thousandths: number, op: CompareOp, value: number): boolean {
  return compare(thousandths, op, thresholdInThousandths(value));
}

/** `valueHolds` for one comparison, as a function of the value in thousandths, made once. */
export function valueComparer(op: CompareOp, value: number): (thousandths: number) => boolean {
  return comparer(op, thresholdInThousandths(value));
}

/** The sum of `values[from .. to)` in thousandths (missing entries read 0): exact. */
export function memberTotal(values: ArrayLike<number> | undefined, from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values?.[i] ?? 0;
  return total;
}

/** The lowest (or highest) of `values[from .. to)`; 0 when the range is empty. */
export function memberExtreme(
  values: ArrayLike<number> | undefined,
  from: number,
  to: number,
  lowest: boolean,
): number {
  if (from >= to) return 0;
  let best = values?.[from] ?? 0;
  for (let i = from + 1; i < to; i++) {
    const v = values?.[i] ?? 0;
    if (lowest ? v < best : v > best) best = v;
  }
  return best;
}

/**
 * The aggregate's value over `values[from .. to)` (thousandths), in the metric's unit, for
 * messages: total, average, min or max, each 0 for a unit without members. Judge with
 * `aggregateHolds`, which compares an average exactly.
 */
export function aggregateValue(
  kind: AggregateKind,
  values: ArrayLike<number> | undefined,
  from: number,
  to: number,
): number {
  switch (kind) {
    case 'total':
      return fromThousandths(memberTotal(values, from, to));
    case 'average':
      return to > from ? fromThousandths(memberTotal(values, from, to)) / (to - from) : 0;
    case 'min':
      return fromThousandths(memberExtreme(values, from, to, true));
    case 'max':
      return fromThousandths(memberExtreme(values, from, to, false));
  }
}

/**
 * Whether `kind of values[from .. to)  op  value` holds, exactly: a total or an average as the
 * whole number of thousandths it is against `value × 1000` (× members for an average), never a
 * rounded quotient; a unit without members has every aggregate 0.
 */
export function aggregateHolds(
  kind: AggregateKind,
  values: ArrayLike<number> | undefined,
  from: number,
  to: number,
  op: CompareOp,
  value: number,
): boolean {
  const n = to - from;
  if (n <= 0) return compare(0, op, value);
  switch (kind) {
    case 'total':
      return ratioHolds(memberTotal(values, from, to), METRIC_SCALE, op, value);
    case 'average':
      return ratioHolds(memberTotal(values, from, to), METRIC_SCALE * n, op, value);
    case 'min':
      return valueHolds(memberExtreme(values, from, to, true), op, value);
    case 'max':
      return valueHolds(memberExtreme(values, from, to, false), op, value);
  }
}

/**
 * The share of members that pass, as a percent, for messages: `passing × 100 / members`, and 100
 * for a unit without members (none fails). Judge with `shareHolds`, which compares exactly.
 */
export function sharePercent(passing: number, members: number): number {
  return members === 0 ? 100 : (passing * 100) / members;
}

/**
 * Whether the share of passing members `op value` (a percent) holds, exactly: `passing × 100`
 * against `value × members` in whole numbers, so a third of the members is exactly 33.33…%, more
 * than 33.33% and less than 33.34%. A unit without members has share 100.
 */
export function shareHolds(passing: number, members: number, op: CompareOp, value: number): boolean {
  return members === 0 ? compare(100, op, value) : ratioHolds(passing * 100, members, op, value);
}

/** Whether `every` member passes: vacuously true for a unit without members. */
export function everyHolds(passing: number, members: number): boolean {
  return passing === members;
}
