import { describe, expect, test } from 'vitest';
import { compile, expectClean, expectOne, spanOf, variant, withCode } from './helpers.js';

describe('check-windows', () => {
  test('a phase without a window', () => {
    const text = variant(['    window 2005-03-06 .. 2005-04-30\n', '']);
    const d = expectOne(text, 'PG307', 'appraisal');
    expect(d.message).toContain('window 2005-03-16 .. 2005-04-30');
  });

  test('a step without a window in a phase with several steps', () => {
    const text = variant([
      'step discussion "Discussion" window 2005-03-02 .. 2005-03-05 {',
      'step discussion "Discussion" {',
    ]);
    expectOne(text, 'PG307', 'discussion');
  });

  test("a phase's only step may share the phase's window", () => {
    const ir = expectClean(
      variant(['step review "Review" window 2005-03-06 .. 2005-04-30 {', 'step review "Review" {']),
    );
    expect(ir.phases[1].steps[0].window).toBe(ir.phases[1].window);
  });

  test('a window that ends before it starts', () => {
    const text = variant(['window 2005-02-23 .. 2005-03-01', 'window 2005-03-01 .. 2005-02-23']);
    const d = expectOne(text, 'PG303', 'window 2005-03-01 .. 2005-02-23');
    expect(d.message).toContain('ends (2005-02-23) before it starts (2005-03-01)');
  });

  test('a one-day window is fine', () => {
    expectClean(
      variant(
        ['window 2005-03-02 .. 2005-03-05 {', 'window 2005-03-05 .. 2005-03-05 {'],
        ['due 2005-03-05 18:00', 'due 2005-03-05 12:00'],
      ),
    );
  });

  test('a step outside its phase window, with the phase window related', () => {
    const text = variant([
      'step discussion "Discussion" window 2005-03-02 .. 2005-03-05',
      'step discussion "Discussion" window 2005-03-02 .. 2005-03-07',
    ]);
    const { diagnostics } = compile(text);
    const d = withCode(diagnostics, 'PG304');
    expect(d).toHaveLength(1);
    expect(d[0].span).toEqual(spanOf(text, 'window 2005-03-02 .. 2005-03-07'));
    expect(d[0].related?.[0].span).toEqual(spanOf(text, 'window 2005-01-20 .. 2005-03-05'));
    expect(d[0].message).toContain('to 2005-03-07 24:00');
  });

  test('a step inside the phase window as amended by the file is fine', () => {
    expectClean(
      variant(
        [
          'step discussion "Discussion" window 2005-03-02 .. 2005-03-05',
          'step discussion "Discussion" window 2005-03-02 .. 2005-03-05',
        ],
        [
          '    window 2005-01-20 .. 2005-03-05\n',
          '    window 2005-01-20 .. 2005-02-28\n    amend extend 5 days effective 2005-02-21\n',
        ],
      ),
    );
  });

  test('overlapping steps', () => {
    const text = variant([
      'step discussion "Discussion" window 2005-03-02 .. 2005-03-05',
      'step discussion "Discussion" window 2005-03-01 .. 2005-03-05',
    ]);
    const d = expectOne(text, 'PG305', 'window 2005-03-01 .. 2005-03-05');
    expect(d.related?.[0].span).toEqual(spanOf(text, 'window 2005-02-23 .. 2005-03-01'));
    expect(d.message).toContain('before step `talks` ends (2005-03-01 24:00)');
  });

  test('steps out of order', () => {
    const text = variant(
      [
        'step discussion "Discussion" window 2005-03-02 .. 2005-03-05',
        'step discussion "Discussion" window 2005-02-21 .. 2005-02-22',
      ],
      ['due 2005-03-05 18:00', 'due 2005-02-22 18:00'],
    );
    expectOne(text, 'PG306', 'window 2005-02-21 .. 2005-02-22');
  });

  test('overlapping phases', () => {
    const text = variant(
      ['window 2005-03-06 .. 2005-04-30\n', 'window 2005-03-05 .. 2005-04-30\n'],
      ['step review "Review" window 2005-03-06', 'step review "Review" window 2005-03-05'],
    );
    expectOne(text, 'PG305', 'window 2005-03-05 .. 2005-04-30');
  });

  test('phases out of order', () => {
    const text = variant(
      ['window 2005-03-06 .. 2005-04-30\n', 'window 2005-01-01 .. 2005-01-10\n'],
      ['step review "Review" window 2005-03-06 .. 2005-04-30', 'step review "Review" window 2005-01-01 .. 2005-01-10'],
      ['due 2005-04-10 18:00', 'due 2005-01-10 18:00'],
    );
    expectOne(text, 'PG306', 'window 2005-01-01 .. 2005-01-10');
  });

  test('a deliverable due outside its step is a warning, and the IR is still produced', () => {
    const text = variant(['due 2005-04-10 18:00', 'due 2005-05-10 18:00']);
    const d = expectOne(text, 'PG310', '2005-05-10 18:00');
    expect(d.severity).toBe('warning');
    expect(compile(text).ir).toBeDefined();
  });

  test('a date-only due date at the end of the step is inside it', () => {
    expectClean(variant(['due 2005-04-10 18:00', 'due 2005-04-30']));
  });
});
