import type { CompareOp } from '../ir.js';
import { ratioHolds } from './exact.js';
import { compare } from './operators.js';

/*
 * Aggregates over a unit's members (docs/semantics.md, "Aggregates"). Member values are read from
 * `values[from .. to)` — one unit's slice of a column, or a whole per-unit array — and a member
 * never recorded reads 0. Sums run in member order, so every engine adds the same doubles in the
 * same order and gets the same total.
 */

export type AggregateKind = 'total' | 'average' | 'min' | 'max';

/** The sum of `values[from .. to)` (missing entries read 0), in member order. */
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
 * The aggregate's value over `values[from .. to)`, for messages: total, average, min or max, each
 * 0 for a unit without members. Judge with `aggregateHolds`, which compares an average exactly.
 */
export function aggregateValue(
  kind: AggregateKind,
  values: ArrayLike<number> | undefined,
  from: number,
  to: number,
): number {
  switch (kind) {
    case 'total':
      return memberTotal(values, from, to);
    case 'average':
      return to > from ? memberTotal(values, from, to) / (to - from) : 0;
    case 'min':
      return memberExtreme(values, from, to, true);
    case 'max':
      return memberExtreme(values, from, to, false);
  }
}

/**
 * Whether `kind of values[from .. to)  op  value` holds. An average is compared exactly, as the
 * total against `value × members` (`ratioHolds`), never as a rounded quotient; a unit without
 * members has every aggregate 0.
 */
export function aggregateHolds(
  kind: AggregateKind,
  values: ArrayLike<number> | undefined,
  from: number,
  to: number,
  op: CompareOp,
  value: number,
): boolean {
  if (kind === 'average' && to > from) return ratioHolds(memberTotal(values, from, to), to - from, op, value);
  return compare(aggregateValue(kind, values, from, to), op, value);
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
