import type { MetricUnit } from '../ir.js';

/**
 * The values a metric of each unit can hold (docs/semantics.md, "Metrics"): never negative, a
 * percent at most 100, a count a whole number. The checker judges comparisons against it (PG401,
 * PG402) and the runtime refuses facts outside it, so the two can never disagree about what a
 * value may be.
 */
export interface MetricRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** For messages: why the range is what it is. */
  readonly why: string;
}

const RANGES: Readonly<Record<MetricUnit, MetricRange>> = {
  percent: { min: 0, max: 100, integer: false, why: 'a percent lies between 0% and 100%' },
  count: { min: 0, max: Infinity, integer: true, why: 'a count is a whole number, never negative' },
  hours: { min: 0, max: Infinity, integer: false, why: 'hours are never negative' },
  days: { min: 0, max: Infinity, integer: false, why: 'days are never negative' },
};

/** The values a metric in this unit can hold. */
export function metricRange(unit: MetricUnit): MetricRange {
  return RANGES[unit];
}

/** What is wrong with a value for a metric in this unit, or null when it can hold it. */
export type MetricValueProblem = 'not-a-number' | 'negative' | 'above-100' | 'not-whole';

/** Why a metric in this unit cannot hold `value` (a fact's value, or a sum of them), or null. */
export function metricValueProblem(value: unknown, unit: MetricUnit): MetricValueProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not-a-number';
  const range = RANGES[unit];
  if (value < range.min) return 'negative';
  if (value > range.max) return 'above-100';
  if (range.integer && !Number.isInteger(value)) return 'not-whole';
  return null;
}
