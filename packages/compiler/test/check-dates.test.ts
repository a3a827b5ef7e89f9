import { describe, expect, test } from 'vitest';
import { compile, spanOf, variant, withCode } from './helpers.js';

describe('check-dates', () => {
  test('2005-02-30 is reported once (by the parser), pointing at the date', () => {
    const text = variant(['window 2005-02-23 .. 2005-03-01', 'window 2005-02-23 .. 2005-02-30']);
    const { diagnostics, ir } = compile(text);
    const found = withCode(diagnostics, 'PG300');
    expect(found).toHaveLength(1);
    expect(found[0].span.start).toBeGreaterThanOrEqual(spanOf(text, '2005-02-30').start);
    expect(found[0].span.end).toBeLessThanOrEqual(spanOf(text, '2005-02-30').end);
    expect(ir).toBeUndefined();
  });

  test('25:00 is not a time', () => {
    const text = variant(['due 2005-03-05 18:00', 'due 2005-03-05 25:00']);
    const found = withCode(compile(text).diagnostics, 'PG300');
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].span.start, found[0].span.end)).toContain('25:00');
  });

  test('a recurring obligation that ends before it starts', () => {
    const text = variant([
      '  phase appraisal',
      '  obligation weekly "Weekly" by supervisor every friday from 2005-03-25 until 2005-03-04\n\n  phase appraisal',
    ]);
    const found = withCode(compile(text).diagnostics, 'PG303');
    expect(found).toHaveLength(1);
    expect(found[0].span).toEqual(spanOf(text, '2005-03-04'));
    expect(found[0].related?.[0].span).toEqual(spanOf(text, '2005-03-25'));
  });
});
