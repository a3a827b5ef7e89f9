import { describe, expect, test } from 'vitest';
import { compile, expectClean, expectOne, spanIn, variant } from './helpers.js';

const gate = (condition: string) =>
  variant(['every member study_hours >= 45 hours\n      and participation_rate >= 95%', condition]);

describe('check-units', () => {
  test('days against an hours metric', () => {
    const text = gate('every member study_hours >= 45 days');
    const d = expectOne(text, 'PG400', '45 days');
    expect(d.message).toContain('`45 hours`');
    expect(d.related?.[0].message).toContain('declared in hours');
  });

  test('a percent against an hours metric', () => {
    expectOne(gate('every member study_hours >= 45%'), 'PG400', '45%');
  });

  test('hours against a percent metric', () => {
    const d = expectOne(gate('participation_rate >= 95 hours'), 'PG400', '95 hours');
    expect(d.message).toContain('`95%`');
  });

  test('a plain number is taken in the metric unit', () => {
    expectClean(gate('every member study_hours >= 45 and concentrated_days >= 3'));
  });

  test('a share is compared with a percent, a count with a number', () => {
    const share = gate('share of members with study_hours >= 45 hours >= 3 hours');
    expectOne(share, 'PG400', '3 hours');
    const count = gate('count of members with exams >= 1 >= 50%');
    expectOne(count, 'PG400', '50%');
    const inner = gate('share of members with study_hours >= 45 days >= 100%');
    expectOne(inner, 'PG400', '45 days');
    expectClean(gate('share of members with study_hours >= 45 hours >= 90% and count of members with exams >= 1 >= 3'));
  });

  test('a member metric used as a unit metric', () => {
    const text = gate('study_hours >= 45 hours');
    const d = expectOne(text, 'PG202', spanIn(text, 'study_hours >= 45 hours', 'study_hours'));
    expect(d.message).toContain('every member study_hours');
  });

  test('a unit metric used as a member metric', () => {
    const text = gate('every member participation_rate >= 95%');
    const d = expectOne(text, 'PG202', spanIn(text, 'every member participation_rate', 'participation_rate'));
    expect(d.message).toContain('participation_rate >= 95%');
    expectOne(
      gate('average concentrated_days >= 3 days'),
      'PG202',
      spanIn(gate('average concentrated_days >= 3 days'), 'average concentrated_days', 'concentrated_days'),
    );
  });

  test('unit errors stop the IR but not the other checks', () => {
    const { ir, diagnostics } = compile(gate('every member study_hours >= 45 days and participation_rate >= 101%'));
    expect(ir).toBeUndefined();
    // PG600: the impossible gate also cuts off the next phase (see check-reachability).
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['PG400', 'PG401', 'PG600']);
  });
});
