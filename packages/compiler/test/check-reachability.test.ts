import { describe, expect, test } from 'vitest';
import { compile, readExample, spanIn, spanOf, variant, withCode } from './helpers.js';

describe('check-reachability', () => {
  test('an empty `any of` cuts off the steps after it', () => {
    const text = variant(['      task self_talk "Self talk"\n', '      task self_talk "Self talk"\n      any of "Either" { }\n']);
    const [d, ...rest] = withCode(compile(text).diagnostics, 'PG600');
    expect(rest).toEqual([]);
    expect(d.span).toEqual(spanOf(text, 'discussion'));
    expect(d.message).toContain('step `discussion` of phase `study`');
    expect(d.message).toContain('step `talks` can never be completed');
    expect(d.message).toContain('Nothing after it is reached either: the transfer out of phase `study`, phase `appraisal` and the end of the campaign.');
    expect(d.related?.[0].span).toEqual(spanOf(text, 'any of'));
  });

  test('a gate that can never hold cuts off the next phase', () => {
    const text = variant(['and participation_rate >= 95%', 'and participation_rate >= 101%']);
    const [d, ...rest] = withCode(compile(text).diagnostics, 'PG600');
    expect(rest).toEqual([]);
    expect(d.span).toEqual(spanIn(text, 'phase appraisal', 'appraisal'));
    expect(d.message).toContain('phase `appraisal`: gate `training` of phase `study` can never hold');
    expect(d.related?.[0].span).toEqual(spanOf(text, 'training'));
  });

  test('contradicting comparisons are as dead as impossible ones', () => {
    const text = variant(['and participation_rate >= 95%', 'and participation_rate >= 95% and participation_rate < 90%']);
    expect(withCode(compile(text).diagnostics, 'PG600')).toHaveLength(1);
  });

  test('a checkpoint item that can never be met', () => {
    const text = variant(['requires task expert_talk done', 'requires participation_rate > 100%']);
    const [d] = withCode(compile(text).diagnostics, 'PG600');
    expect(d.message).toContain('item `lectures` of checkpoint `checks`');
    expect(d.related?.[0].span).toEqual(spanOf(text, 'lectures'));
  });

  test('an impossible gate in the last phase: no unit completes the campaign', () => {
    const text = variant(['    step review "Review"', '    gate done "Done" { participation_rate < 0% }\n\n    step review "Review"']);
    const [d] = withCode(compile(text).diagnostics, 'PG600');
    expect(d.span).toEqual(spanIn(text, ' c "C"', 'c'));
    expect(d.message).toContain('the end of the campaign');
  });

  test('the reference campaign reaches every position', () => {
    const { ir, diagnostics } = compile(readExample('first-batch.phase'));
    expect(ir).toBeDefined();
    expect(withCode(diagnostics, 'PG600')).toEqual([]);
  });
});
