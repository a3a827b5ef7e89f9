import { describe, expect, test } from 'vitest';
import { compile, expectClean, expectOne, spanOf, variant, withCode } from './helpers.js';

describe('check-names', () => {
  test('a duplicate metric points at the repeat, with the first declaration related', () => {
    const text = variant([
      'metric exams "Exams passed" count per member',
      'metric exams "Exams passed" count per member\n  metric study_hours "Again" hours per member',
    ]);
    const d = expectOne(text, 'PG201', 'study_hours', 1);
    expect(d.related?.[0].span).toEqual(spanOf(text, 'study_hours', 0));
    expect(d.message).toContain('declared twice');
  });

  test('duplicate steps in a phase and duplicate tasks across the campaign', () => {
    const steps = variant(['step discussion "Discussion"', 'step talks "Discussion"']);
    expectOne(steps, 'PG201', 'talks', 1);
    const tasks = variant([
      'deliverable analysis "Analysis"',
      'task self_talk "Again"\n      deliverable analysis "Analysis"',
    ]);
    const d = expectOne(tasks, 'PG201', 'self_talk', 1);
    expect(d.related?.[0].span).toEqual(spanOf(tasks, 'self_talk', 0));
  });

  test('a second window in a phase is a duplicate', () => {
    const text = variant([
      'window 2005-03-06 .. 2005-04-30\n',
      'window 2005-03-06 .. 2005-04-30\n    window 2005-03-07 .. 2005-04-30\n',
    ]);
    expectOne(text, 'PG201', 'window 2005-03-07 .. 2005-04-30');
  });

  test('an unknown metric suggests the closest name', () => {
    const text = variant(['every member study_hours >= 45 hours', 'every member study_hour >= 45 hours']);
    const d = expectOne(text, 'PG200', 'study_hour', 1);
    expect(d.hint).toBe('did you mean `study_hours`?');
  });

  test('an unknown task in a checkpoint item', () => {
    const text = variant(['requires task expert_talk done', 'requires task expert_tlak done']);
    const d = expectOne(text, 'PG200', 'expert_tlak');
    expect(d.hint).toBe('did you mean `expert_talk`?');
    expect(d.message).toContain('item lectures of checkpoint checks');
  });

  test('a deliverable tested as a task is the wrong kind of name', () => {
    const text = variant(['requires task expert_talk done', 'requires task standard done']);
    const d = expectOne(text, 'PG202', 'standard', 1);
    expect(d.hint).toBe('write `deliverable standard submitted`');
  });

  test('a task tested as a deliverable is the wrong kind of name', () => {
    const text = variant(['requires task expert_talk done', 'requires deliverable expert_talk submitted']);
    expectOne(text, 'PG202', 'expert_talk', 1);
  });

  test('an obligation owed by an unknown role', () => {
    const text = variant([
      '  phase appraisal',
      '  obligation weekly "Weekly" by supervisr every friday from 2005-02-25 until 2005-03-04 at 18:00\n\n  phase appraisal',
    ]);
    const d = expectOne(text, 'PG200', 'supervisr');
    expect(d.hint).toBe('did you mean `supervisor`?');
  });

  test('a phase called `completed` is reserved', () => {
    const text = variant(['phase appraisal "Appraisal"', 'phase completed "Appraisal"']);
    expectOne(text, 'PG203', 'completed');
  });

  test('well-named campaigns raise nothing', () => {
    expectClean(
      variant(['requires task expert_talk done', 'requires task self_talk done and deliverable standard submitted']),
    );
  });

  test('no unknown-name noise after a syntax error', () => {
    const { diagnostics } = compile(
      variant(['metric exams "Exams passed" count per member', 'metric exams "Exams passed count per member']),
    );
    expect(withCode(diagnostics, 'PG200')).toEqual([]);
    expect(diagnostics.some((d) => d.code.startsWith('PG1'))).toBe(true);
  });
});
