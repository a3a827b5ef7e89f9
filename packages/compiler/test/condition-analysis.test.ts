/**
 * `conditionVerdict`: what the reachability pass uses to drop transitions whose guard can never
 * hold. Written from the domains (metrics never negative, percents at most 100, counts of members
 * whole) and from comparisons of one quantity that cannot hold together.
 */
import { describe, expect, test } from 'vitest';
import { type ConditionIR, type MetricIR } from '@phasegate/compiler';
import { conditionVerdict } from '@phasegate/compiler/semantics';

const metrics = new Map<string, MetricIR>(
  [
    { id: 'hours', label: 'Hours', unit: 'hours', level: 'member' },
    { id: 'rate', label: 'Rate', unit: 'percent', level: 'unit' },
    { id: 'exams', label: 'Exams', unit: 'count', level: 'member' },
  ].map((m) => [m.id, m as MetricIR]),
);
const metric = (op: '>=' | '>' | '<=' | '<' | '==' | '!=', value: number, name = 'rate'): ConditionIR => ({
  kind: 'metric',
  metric: name,
  op,
  value,
});
const every = (op: '>=' | '<', value: number): ConditionIR => ({ kind: 'every', metric: 'hours', op, value });
const share = (innerValue: number, op: '>=' | '<', value: number): ConditionIR => ({
  kind: 'share',
  metric: 'hours',
  inner: { op: '>=', value: innerValue },
  op,
  value,
});
const and = (...items: ConditionIR[]): ConditionIR => ({ kind: 'and', items });
const or = (...items: ConditionIR[]): ConditionIR => ({ kind: 'or', items });
const verdict = (c: ConditionIR) => conditionVerdict(c, metrics);

describe('conditionVerdict', () => {
  test('one comparison against its domain', () => {
    expect(verdict(metric('>=', 95))).toBe('maybe');
    expect(verdict(metric('>=', 120))).toBe('never');
    expect(verdict(metric('<=', 100))).toBe('always');
    expect(verdict(every('<', 0))).toBe('never');
    expect(verdict({ kind: 'count', metric: 'hours', inner: { op: '>=', value: 45 }, op: '==', value: 0.5 })).toBe(
      'never',
    );
    expect(verdict(metric('>=', 1, 'nowhere'))).toBe('maybe');
    expect(verdict({ kind: 'task-done', task: 't' })).toBe('maybe');
  });

  test('an `and` of comparisons of one quantity that cannot hold together', () => {
    expect(verdict(and(metric('>=', 50), metric('<', 40)))).toBe('never');
    expect(verdict(and(metric('>=', 50), metric('<=', 50)))).toBe('maybe');
    expect(verdict(and(metric('>', 50), metric('<=', 50)))).toBe('never');
    expect(verdict(and(metric('==', 3, 'exams'), metric('!=', 3, 'exams')))).toBe('never');
    // Different quantities never conflict: a unit metric and a member metric, or shares with different inner thresholds.
    expect(verdict(and(metric('>=', 50), every('<', 40)))).toBe('maybe');
    expect(verdict(and(share(40, '>=', 90), share(45, '<', 10)))).toBe('maybe');
    expect(verdict(and(share(45, '>=', 90), share(45, '<', 10)))).toBe('never');
    // The conflicting pair may be apart, with other items between.
    expect(verdict(and(metric('>=', 50), every('>=', 45), { kind: 'task-done', task: 't' }, metric('<', 40)))).toBe(
      'never',
    );
    expect(verdict(and(metric('<=', 100), metric('>=', 0)))).toBe('always');
  });

  test('an `or` never holds only when no branch can', () => {
    expect(verdict(or(metric('>=', 120), every('<', 0)))).toBe('never');
    expect(verdict(or(metric('>=', 120), every('>=', 45)))).toBe('maybe');
    expect(verdict(or(metric('>=', 120), metric('<=', 100)))).toBe('always');
    expect(verdict(and(metric('>=', 95), or(metric('>=', 120), every('<', 0))))).toBe('never');
  });
});
