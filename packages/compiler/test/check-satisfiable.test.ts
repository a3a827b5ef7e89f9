import { describe, expect, test } from 'vitest';
import { compile, expectClean, expectOne, spanOf, variant, withCode } from './helpers.js';

const gate = (condition: string) =>
  variant(['every member study_hours >= 45 hours\n      and participation_rate >= 95%', condition]);

describe('check-satisfiable', () => {
  test('a percent above 100 can never be reached', () => {
    const d = expectOne(gate('participation_rate >= 101%'), 'PG401', 'participation_rate >= 101%');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('a percent lies between 0% and 100%');
  });

  test('a share of members above 100%', () => {
    expectOne(
      gate('share of members with study_hours >= 45 hours >= 120%'),
      'PG401',
      'share of members with study_hours >= 45 hours >= 120%',
    );
  });

  test('a negative bound on a metric that is never negative', () => {
    const d = expectOne(gate('every member study_hours < 0 hours'), 'PG401', 'every member study_hours < 0 hours');
    expect(d.message).toContain('for any member');
    expect(d.message).toContain('hours are never negative');
  });

  test('the inner comparison of a share that no member can meet', () => {
    const text = gate('share of members with study_hours < -1 hours >= 50%');
    expectOne(text, 'PG401', 'study_hours < -1 hours');
  });

  test('a count of members is a whole number', () => {
    expectOne(gate('count of members with exams >= 1 == 0.5'), 'PG401', 'count of members with exams >= 1 == 0.5');
    expectClean(gate('count of members with exams >= 1 >= 0.5'));
  });

  test('comparisons that contradict each other under `and`', () => {
    const text = gate('participation_rate >= 90% and participation_rate < 80%');
    const d = expectOne(text, 'PG401', 'participation_rate < 80%');
    expect(d.related?.[0].span).toEqual(spanOf(text, 'participation_rate >= 90%'));
  });

  test('alternatives under `or` are not contradictions', () => {
    expectClean(gate('participation_rate >= 90% or participation_rate < 80%'));
  });

  test('a comparison that always holds is a warning', () => {
    const text = gate('participation_rate <= 100% and concentrated_days >= 0 days');
    const { ir, diagnostics } = compile(text);
    const found = withCode(diagnostics, 'PG402');
    expect(found.map((d) => d.span)).toEqual([
      spanOf(text, 'participation_rate <= 100%'),
      spanOf(text, 'concentrated_days >= 0 days'),
    ]);
    expect(found.every((d) => d.severity === 'warning')).toBe(true);
    expect(ir).toBeDefined();
  });

  test('ordinary thresholds raise nothing', () => {
    expectClean(gate('participation_rate >= 100% and every member study_hours > 0 hours and average study_hours != 3'));
  });

  test('checkpoint item conditions are checked too', () => {
    const text = variant(['requires task expert_talk done', 'requires participation_rate > 100%']);
    expectOne(text, 'PG401', 'participation_rate > 100%');
  });
});
