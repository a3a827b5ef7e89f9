import type { MetricUnit } from '../ir.js';

/*
 * What a metric holds (docs/semantics.md, "Metrics"). A value is a decimal kept to the thousandth
 * — 45.1 hours, 95.5%, 0.125 days — so every engine holds it exactly as a whole number of
 * thousandths, adds without rounding (0.1 + 0.2 is 0.3) and compares it exactly. It is never
 * negative, a percent is at most 100 and a count a whole number. The checker judges comparisons
 * against these ranges (PG401, PG402) and the runtime refuses facts outside them, so the two can
 * never disagree about what a value may be.
 */

/** Thousandths in one unit of a metric: values are kept to the thousandth. */
export const METRIC_SCALE = 1000;

/** The largest value a metric holds: 2^31 − 1 thousandths, so a member's value fits 4 bytes. */
export const METRIC_MAX = 2_147_483.647;

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

/** The values a metric in this unit can hold (for the checker's reasoning about comparisons). */
export function metricRange(unit: MetricUnit): MetricRange {
  return RANGES[unit];
}

/** A value as the whole number of thousandths it is (exact for any value a metric holds). */
export function toThousandths(value: number): number {
  return Math.round(value * METRIC_SCALE);
}

/** A whole number of thousandths as the value it stands for. */
export function fromThousandths(thousandths: number): number {
  return thousandths / METRIC_SCALE;
}

/**
 * The value a metric holds after a fact: `value` (set), or the old value plus `value` (add),
 * computed in thousandths so that no rounding creeps in (0.1 + 0.2 is 0.3).
 */
export function recordedValue(old: number, value: number, add: boolean): number {
  return fromThousandths((add ? toThousandths(old) : 0) + toThousandths(value));
}

/** What is wrong with a value for a metric in this unit, or null when it can hold it. */
export type MetricValueProblem = 'not-a-number' | 'negative' | 'above-100' | 'not-whole' | 'too-precise' | 'too-large';

/** Why a metric in this unit cannot hold `value` (a fact's value, or the sum an add makes), or null. */
export function metricValueProblem(value: unknown, unit: MetricUnit): MetricValueProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not-a-number';
  const range = RANGES[unit];
  if (value < range.min) return 'negative';
  if (value > range.max) return 'above-100';
  if (value > METRIC_MAX) return 'too-large';
  if (range.integer && !Number.isInteger(value)) return 'not-whole';
  if (fromThousandths(toThousandths(value)) !== value) return 'too-precise';
  return null;
}
