import { describe, expect, test } from 'vitest';
import { type ConditionIR } from '@phasegate/compiler';
import { evaluateCondition, requirementHolds, type FactsView } from '@phasegate/compiler/semantics';

const facts = (over: Partial<FactsView> = {}): FactsView => ({
  members: 0,
  unitMetrics: {},
  memberMetrics: {},
  tasks: {},
  deliverables: {},
  ...over,
});

describe('evaluateCondition', () => {
  const every: ConditionIR = { kind: 'every', metric: 'h', op: '>=', value: 45 };
  const share: ConditionIR = { kind: 'share', metric: 'h', inner: { op: '>=', value: 45 }, op: '>=', value: 95 };

  test('a metric never recorded is 0', () => {
    expect(evaluateCondition({ kind: 'metric', metric: 'rate', op: '==', value: 0 }, facts())).toBe(true);
    expect(evaluateCondition(every, facts({ members: 2, memberMetrics: { h: [50] } }))).toBe(false);
  });

  test('units with no members: every holds, share is 100, average/min/max are 0', () => {
    expect(evaluateCondition(every, facts())).toBe(true);
    expect(evaluateCondition(share, facts())).toBe(true);
    expect(evaluateCondition({ kind: 'average', metric: 'h', op: '==', value: 0 }, facts())).toBe(true);
    expect(evaluateCondition({ kind: 'min', metric: 'h', op: '==', value: 0 }, facts())).toBe(true);
  });

  test('a share is count * 100 / members', () => {
    const values: number[] = Array.from({ length: 20 }, (_, i) => (i === 0 ? 44.5 : 45));
    expect(evaluateCondition(share, facts({ members: 20, memberMetrics: { h: values } }))).toBe(true); // 95%
    values[1] = 10;
    expect(evaluateCondition(share, facts({ members: 20, memberMetrics: { h: values } }))).toBe(false); // 90%
  });

  test('aggregates', () => {
    const f = facts({ members: 3, memberMetrics: { h: new Float64Array([10, 20, 60]) } });
    expect(evaluateCondition({ kind: 'total', metric: 'h', op: '==', value: 90 }, f)).toBe(true);
    expect(evaluateCondition({ kind: 'average', metric: 'h', op: '==', value: 30 }, f)).toBe(true);
    expect(evaluateCondition({ kind: 'max', metric: 'h', op: '==', value: 60 }, f)).toBe(true);
    expect(
      evaluateCondition({ kind: 'count', metric: 'h', inner: { op: '>', value: 15 }, op: '==', value: 2 }, f),
    ).toBe(true);
  });

  test('ids that are also Object.prototype names are safe', () => {
    expect(evaluateCondition({ kind: 'task-done', task: 'constructor' }, facts())).toBe(false);
    expect(evaluateCondition({ kind: 'metric', metric: 'toString', op: '==', value: 0 }, facts())).toBe(true);
  });

  test('requirements: all, any, tasks and deliverables', () => {
    const f = facts({ tasks: { a: true }, deliverables: { d: 1 } });
    expect(
      requirementHolds(
        {
          kind: 'all',
          label: null,
          items: [
            { kind: 'task', task: 'a' },
            { kind: 'deliverable', deliverable: 'd' },
          ],
        },
        f,
      ),
    ).toBe(true);
    expect(requirementHolds({ kind: 'any', label: null, items: [] }, f)).toBe(false);
    expect(
      requirementHolds(
        {
          kind: 'any',
          label: null,
          items: [
            { kind: 'task', task: 'b' },
            { kind: 'task', task: 'a' },
          ],
        },
        f,
      ),
    ).toBe(true);
  });
});
