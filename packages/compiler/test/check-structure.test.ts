import { describe, expect, test } from 'vitest';
import { compile, expectOne, spanOf, variant } from './helpers.js';

describe('check-structure', () => {
  test('an empty step', () => {
    const text = variant(['      deliverable analysis "Analysis" due 2005-04-10 18:00\n', '']);
    const d = expectOne(text, 'PG501', 'review', 0);
    expect(d.message).toContain('nothing to do');
  });

  test('an empty `any of` group points at its keywords', () => {
    const text = variant([
      '      task self_talk "Self talk"\n',
      '      task self_talk "Self talk"\n      any of "Either" { }\n',
    ]);
    const { diagnostics } = compile(text);
    const d = diagnostics.find((x) => x.code === 'PG501');
    expect(d?.span).toEqual(spanOf(text, 'any of'));
    expect(d?.message).toContain('can never be met');
  });

  test('a phase without steps is a warning', () => {
    const text = variant([
      '    step review "Review" window 2005-03-06 .. 2005-04-30 {\n      deliverable analysis "Analysis" due 2005-04-10 18:00\n    }\n',
      '',
    ]);
    const d = expectOne(text, 'PG601', 'appraisal');
    expect(d.severity).toBe('warning');
    expect(compile(text).ir?.phases[1].steps).toEqual([]);
  });
});
