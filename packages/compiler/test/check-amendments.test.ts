import { describe, expect, test } from 'vitest';
import { compile, expectClean, expectOne, spanIn, variant } from './helpers.js';

const inPhase = (amend: string) =>
  variant(['    window 2005-01-20 .. 2005-03-05\n', `    window 2005-01-20 .. 2005-03-05\n    ${amend}\n`]);
const atTop = (amend: string) => variant(['  phase appraisal', `  ${amend}\n\n  phase appraisal`]);

describe('check-amendments', () => {
  test('extending by zero days changes nothing', () => {
    const d = expectOne(inPhase('amend extend 0 days effective 2005-02-21'), 'PG308', 'extend 0 days');
    expect(d.message).toContain('does not change');
  });

  test('extending by a negative number of days shortens the window', () => {
    expectOne(inPhase('amend extend -2 days effective 2005-02-21'), 'PG308', 'extend -2 days');
  });

  test('extending to a date before the current end', () => {
    const text = inPhase('amend extend to 2005-03-01 effective 2005-02-21');
    const d = expectOne(text, 'PG308', spanIn(text, 'extend to 2005-03-01', '2005-03-01'));
    expect(d.message).toContain('earlier than its current end, 2005-03-05 24:00');
  });

  test('extending to the current end', () => {
    const text = inPhase('amend extend to 2005-03-05 effective 2005-02-21');
    expect(expectOne(text, 'PG308', spanIn(text, 'extend to 2005-03-05', '2005-03-05')).message).toContain(
      'exactly where it already ends',
    );
  });

  test('a second extension is compared with the first one, not with the base window', () => {
    const text = inPhase(
      'amend extend 10 days effective 2005-02-21\n    amend extend to 2005-03-10 effective 2005-02-25',
    );
    const d = expectOne(text, 'PG308', '2005-03-10');
    expect(d.message).toContain('2005-03-15 24:00');
  });

  test('moving a window earlier is refused', () => {
    expectOne(atTop('amend phase appraisal move -2 days effective 2005-03-01'), 'PG308', 'move -2 days');
  });

  test('a campaign-level amendment without a target is refused (by the parser) and not reported twice', () => {
    const { ir, diagnostics } = compile(atTop('amend extend 3 days effective 2005-03-01'));
    expect(ir).toBeUndefined();
    expect(diagnostics.length).toBe(1);
  });

  test('an unknown phase or step', () => {
    const phase = atTop('amend phase apraisal extend 3 days effective 2005-03-01');
    expect(expectOne(phase, 'PG309', 'apraisal').hint).toBe('did you mean `appraisal`?');
    const step = atTop('amend phase study step talk extend 3 days effective 2005-03-01');
    expect(expectOne(step, 'PG309', spanIn(step, 'step talk extend', 'talk')).hint).toBe('did you mean `talks`?');
  });

  test('valid amendments at every level', () => {
    const ir = expectClean(
      variant(
        [
          '    window 2005-01-20 .. 2005-03-05\n',
          '    window 2005-01-20 .. 2005-03-05\n    amend extend 10 days effective 2005-02-21\n',
        ],
        [
          '      task self_talk "Self talk"\n',
          '      task self_talk "Self talk"\n      amend extend 1 days effective 2005-02-25\n',
        ],
        [
          '  phase appraisal',
          '  amend phase appraisal step review move 1 days effective 2005-03-01\n  amend phase appraisal move 1 days effective 2005-03-01\n\n  phase appraisal',
        ],
      ),
    );
    expect(ir.amendments.map((a) => [a.id, ir.windows[a.window].owner])).toEqual([
      ['amend-1', 'study'],
      ['amend-2', 'study.talks'],
      ['amend-3', 'appraisal.review'],
      ['amend-4', 'appraisal'],
    ]);
    expect(compile(atTop('amend phase appraisal extend 3 days effective 2005-03-01')).ir).toBeDefined();
  });
});
