import { describe, expect, test } from 'vitest';
import { emitMermaid } from '@phasegate/compiler';
import { expectClean, readExample } from './helpers.js';

describe('emitMermaid', () => {
  const text = emitMermaid(expectClean(readExample('first-batch.phase')));
  const lines = text.split('\n');

  test('phases are composite states with their steps, a transfer gate and the way out', () => {
    expect(lines[0]).toBe('stateDiagram-v2');
    expect(lines).toContain('  [*] --> p0');
    expect(lines).toContain('  state "学习动员阶段 (study)" as p0');
    expect(lines).toContain('  state p0 {');
    expect(lines).toContain('    [*] --> p0s0');
    expect(lines).toContain('    state "四讲与查漏补缺 (four_talks)" as p0s0');
    expect(lines).toContain('    p0s0 --> p0s1: 5 tasks');
    // The step called `transfer` and the transfer gate are different states.
    expect(lines).toContain('    state "总结上报与转段申请 (transfer)" as p0s3');
    expect(lines).toContain('    p0s3 --> p0t: 1 task, 2 deliverables');
    expect(lines).toContain('    state "transfer gate" as p0t');
    expect(lines).toContain(
      '  p0 --> p1: gate study_training, gate concentrated_study, checkpoint six_checks (supervisor), checkpoint transfer_approval (office)',
    );
    expect(lines).toContain('  p2 --> completed: gate satisfaction, checkpoint final_checks (supervisor)');
    expect(lines).toContain('  completed --> [*]');
  });

  test('notes carry the windows, the study phase as amended', () => {
    // Block notes: a one-line note would end at the first colon of a time.
    const note = (state: string) =>
      lines
        .slice(
          lines.findIndex((l) => l.trim() === `note right of ${state}`),
          undefined,
        )
        .slice(0, 3)
        .map((l) => l.trim());
    expect(note('p0s0')).toEqual(['note right of p0s0', '2005-02-23 00:00 to 2005-03-01 24:00', 'end note']);
    expect(note('p0')).toEqual(['note right of p0', '2005-01-20 00:00 to 2005-03-15 24:00 (amended)', 'end note']);
    expect(note('p1')).toEqual(['note right of p1', '2005-03-16 00:00 to 2005-04-30 24:00', 'end note']);
  });

  test('braces balance', () => {
    expect(text.split('{').length).toBe(text.split('}').length);
  });
});
