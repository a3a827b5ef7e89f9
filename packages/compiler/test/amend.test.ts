import { describe, expect, test } from 'vitest';
import { parseAmendment } from '@phasegate/dsl';
import { applyAmendment, type CampaignIR } from '@phasegate/compiler';
import { expectClean, readExample } from './helpers.js';

const ir: CampaignIR = expectClean(readExample('first-batch.phase'));

function amend(text: string) {
  const { amendment, diagnostics } = parseAmendment(text);
  expect(diagnostics).toEqual([]);
  return applyAmendment(ir, amendment!);
}

describe('applyAmendment (the CLI --amend)', () => {
  test('extends a step window from the window in force, in local days', () => {
    const { ir: out, diagnostics } = amend(
      "phase study step transfer extend 2 days effective 2005-03-14 reason 'late notice'",
    );
    expect(diagnostics).toEqual([]);
    const added = out!.amendments[1];
    expect(out!.windows[added.window].owner).toBe('study.transfer');
    expect(new Date(added.end).toISOString()).toBe('2005-03-17T16:00:00.000Z');
    expect(added).toMatchObject({ id: 'amend-2', action: 'extend 2 days', reason: 'late notice' });
    expect(ir.amendments).toHaveLength(1); // the input is not changed
  });

  test('a second extension of the study phase builds on the first', () => {
    const { ir: out } = amend('phase study extend 5 days effective 2005-03-01');
    expect(new Date(out!.amendments[1].end).toISOString()).toBe('2005-03-20T16:00:00.000Z');
  });

  test('an amendment effective before the file one is inserted in effective order', () => {
    const { ir: out } = amend('phase study extend 1 days effective 2005-02-01');
    expect(out!.amendments.map((a) => a.action)).toEqual(['extend 1 day', 'extend 10 days']);
  });

  test('unknown targets and shortening are reported with spans into the amendment text', () => {
    const text = 'phase studdy extend 2 days effective 2005-03-01';
    const unknown = amend(text);
    expect(unknown.ir).toBeUndefined();
    expect(unknown.diagnostics[0]).toMatchObject({
      code: 'PG309',
      span: { start: 6, end: 12 },
      hint: 'did you mean `study`?',
    });
    const shorter = amend('phase study extend to 2005-03-10 effective 2005-03-01');
    expect(shorter.diagnostics[0].code).toBe('PG308');
    expect(shorter.diagnostics[0].message).toContain('before its current end, 2005-03-15 24:00');
  });
});
