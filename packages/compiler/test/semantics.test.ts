/**
 * The semantics module's rules on their own: exact shares and averages, empty units, what a metric
 * holds, the substates, and the operator written once under its three faces.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CompareOp } from '@phasegate/compiler';
import {
  aggregateHolds,
  aggregateValue,
  compare,
  COMPARE_OPS,
  compareByCode,
  comparer,
  decimalFraction,
  everyHolds,
  metricValueProblem,
  opCode,
  recordedValue,
  toThousandths,
  valueHolds,
  ratioHolds,
  shareHolds,
  sharePercent,
  stepSubstate,
  stepSubstateCode,
  transferSubstate,
} from '@phasegate/compiler/semantics';

describe('comparisons', () => {
  test('compare, comparer and compareByCode agree on every operator', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPARE_OPS),
        fc.double({ noNaN: true }),
        fc.double({ noNaN: true }),
        (op, a, b) => {
          const want = compare(a, op, b);
          expect(comparer(op, b)(a)).toBe(want);
          expect(compareByCode(opCode(op), a, b)).toBe(want);
        },
      ),
    );
  });

  test('each operator means what it says', () => {
    const table: [CompareOp, boolean, boolean, boolean][] = [
      // op, 1 op 2, 2 op 2, 3 op 2
      ['>=', false, true, true],
      ['>', false, false, true],
      ['<=', true, true, false],
      ['<', true, false, false],
      ['==', false, true, false],
      ['!=', true, false, true],
    ];
    for (const [op, below, at, above] of table)
      expect(
        [1, 2, 3].map((x) => compare(x, op, 2)),
        op,
      ).toEqual([below, at, above]);
  });
});

describe('exact shares', () => {
  test('a third of the members is more than 33.33%, less than 33.34%, and not equal to either', () => {
    expect(shareHolds(1, 3, '>', 33.33)).toBe(true);
    expect(shareHolds(1, 3, '<', 33.34)).toBe(true);
    expect(shareHolds(1, 3, '==', 33.33)).toBe(false);
    expect(shareHolds(1, 3, '!=', 33.33)).toBe(true);
    // Nor equal to the double nearest a third of 100, which the old quotient produced.
    expect(shareHolds(1, 3, '==', (1 * 100) / 3)).toBe(false);
  });

  test('shares that are whole percents are equal exactly', () => {
    expect(shareHolds(2, 4, '==', 50)).toBe(true);
    expect(shareHolds(7, 10, '>=', 70)).toBe(true);
    expect(shareHolds(19, 20, '>=', 95)).toBe(true);
    expect(shareHolds(18, 20, '>=', 95)).toBe(false);
  });

  test('a unit without members has share 100', () => {
    expect(shareHolds(0, 0, '==', 100)).toBe(true);
    expect(shareHolds(0, 0, '<', 100)).toBe(false);
    expect(sharePercent(0, 0)).toBe(100);
  });

  test('agrees with exact rational arithmetic on random counts and two-decimal thresholds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.nat(),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom(...COMPARE_OPS),
        (n, p0, hundredths, op) => {
          const p = p0 % (n + 1);
          // p/n × 100 op h/100  ⟺  p × 10000 op h × n, in BigInt
          const left = BigInt(p) * 10000n;
          const right = BigInt(hundredths) * BigInt(n);
          const want = compare(left < right ? -1 : left > right ? 1 : 0, op, 0);
          expect(shareHolds(p, n, op, hundredths / 100)).toBe(want);
        },
      ),
    );
  });
});

describe('exact averages and the other aggregates', () => {
  // Values in thousandths, as the engines hold them: 13.33 hours is 13330.
  test('an average equal to the threshold holds for == and >=, whatever the quotient would round to', () => {
    expect(aggregateHolds('average', [10_000, 10_000, 13_330], 0, 3, '>=', 11.11)).toBe(true);
    expect(aggregateHolds('average', [10_000, 10_000, 13_330], 0, 3, '==', 11.11)).toBe(true);
    expect(aggregateHolds('average', [1000, 0, 0], 0, 3, '==', 0.33)).toBe(false);
    expect(aggregateHolds('average', [1000, 0, 0], 0, 3, '>', 0.33)).toBe(true);
  });

  test('a total adds without rounding: 0.1 + 0.2 hours is 0.3 hours', () => {
    const values = [0.1, 0.2].map(toThousandths);
    expect(aggregateHolds('total', values, 0, 2, '==', 0.3)).toBe(true);
    expect(recordedValue(0.1, 0.2, true)).toBe(0.3);
    expect(valueHolds(toThousandths(45.1), '>=', 45.1)).toBe(true);
    expect(valueHolds(toThousandths(45.1), '>', 45.1)).toBe(false);
    expect(valueHolds(toThousandths(45.1), '<', 45.1000001)).toBe(true);
  });

  test('a unit without members has every aggregate 0', () => {
    for (const kind of ['total', 'average', 'min', 'max'] as const) {
      expect(aggregateValue(kind, [5, 6], 1, 1)).toBe(0);
      expect(aggregateHolds(kind, undefined, 0, 0, '==', 0)).toBe(true);
    }
  });

  test('total, min and max read a slice of a column; missing values read 0', () => {
    const column = [9000, 1000, 4500, 7000, 2000];
    expect(aggregateValue('total', column, 1, 4)).toBe(12.5);
    expect(aggregateValue('min', column, 1, 4)).toBe(1);
    expect(aggregateValue('max', column, 1, 4)).toBe(7);
    expect(aggregateValue('max', [], 0, 3)).toBe(0);
  });

  test('every holds when all members pass, and for no members', () => {
    expect(everyHolds(3, 3)).toBe(true);
    expect(everyHolds(2, 3)).toBe(false);
    expect(everyHolds(0, 0)).toBe(true);
  });

  test('ratioHolds is exact for fractional numerators too', () => {
    expect(ratioHolds(0.5, 2, '==', 0.25)).toBe(true);
    expect(ratioHolds(0.3, 1, '==', 0.3)).toBe(true);
    expect(ratioHolds(1, 3, '==', 0.333)).toBe(false);
  });

  test('decimalFraction gives back the decimal written, exponents included', () => {
    expect(decimalFraction(33.33)).toEqual({ num: 3333n, den: 100n });
    expect(decimalFraction(45)).toEqual({ num: 45n, den: 1n });
    expect(decimalFraction(1e-7)).toEqual({ num: 1n, den: 10_000_000n });
    expect(decimalFraction(1.5e21)).toEqual({ num: 1_500_000_000_000_000_000_000n, den: 1n });
  });
});

describe('what a metric can hold', () => {
  test('never negative, a percent at most 100, a count a whole number, kept to the thousandth', () => {
    expect(metricValueProblem(12.5, 'hours')).toBeNull();
    expect(metricValueProblem(-1, 'hours')).toBe('negative');
    expect(metricValueProblem(100, 'percent')).toBeNull();
    expect(metricValueProblem(100.01, 'percent')).toBe('above-100');
    expect(metricValueProblem(3, 'count')).toBeNull();
    expect(metricValueProblem(3.25, 'count')).toBe('not-whole');
    expect(metricValueProblem(Number.NaN, 'days')).toBe('not-a-number');
    expect(metricValueProblem('7', 'days')).toBe('not-a-number');
    expect(metricValueProblem(45.125, 'hours')).toBeNull();
    expect(metricValueProblem(45.1234, 'hours')).toBe('too-precise');
    expect(metricValueProblem(3_000_000, 'hours')).toBe('too-large');
  });
});

describe('substates', () => {
  const step = { start: 10, end: 20 };
  const phase = { start: 0, end: 30 };
  test('a step is waiting, open, behind, then overdue; a transfer never behind', () => {
    expect([5, 10, 19, 20, 29, 30].map((now) => stepSubstate(now, step, phase))).toEqual([
      'waiting',
      'open',
      'open',
      'behind',
      'behind',
      'overdue',
    ]);
    expect([-1, 0, 29, 30].map((now) => transferSubstate(now, phase))).toEqual(['waiting', 'open', 'open', 'overdue']);
    expect(stepSubstateCode(25, 10, 20, 30)).toBe(2);
  });
});
