/**
 * A syntax-tree node is its own span, so checks point diagnostics at nodes; what a diagnostic
 * keeps must be the offsets alone (`--format json` prints it, and it must not hold the tree).
 */
import { describe, expect, test } from 'vitest';
import { parse } from '@phasegate/dsl';
import { compileSource } from '@phasegate/compiler';
import { BASE, variant } from './helpers.js';

const broken: [string, string][] = [
  [
    'unknown metric (with a related span)',
    variant(['every member study_hours >= 45 hours', 'every member study_hour >= 45 hours']),
  ],
  ['duplicate step (related: the first one)', variant(['step discussion "Discussion"', 'step talks "Discussion"'])],
  ['impossible date', variant(['due 2005-03-05 18:00', 'due 2005-02-30 18:00'])],
  ['window out of its phase', variant(['window 2005-03-02 .. 2005-03-05 {', 'window 2005-03-02 .. 2005-05-05 {'])],
  [
    'gate that can never hold, cutting off what follows',
    variant(['and participation_rate >= 95%', 'and participation_rate >= 120%']),
  ],
  [
    'unsigned checkpoint',
    variant(['checkpoint checks "Checks" signed by supervisor {', 'checkpoint checks "Checks" {']),
  ],
];

describe('diagnostics keep offsets, not tree nodes', () => {
  test.each(broken)('%s', (_name, text) => {
    const { diagnostics } = compileSource(text, 'c.phase');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      for (const span of [d.span, ...(d.related ?? []).map((r) => r.span)])
        expect(Object.keys(span).sort()).toEqual(['end', 'start']);
    }
  });

  test('parser diagnostics too', () => {
    const { diagnostics } = parse(BASE.replace('task self_talk "Self talk"', 'task self_talk "Self talk'), 'c.phase');
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(Object.keys(d.span).sort()).toEqual(['end', 'start']);
  });
});
