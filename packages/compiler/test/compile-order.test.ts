import { describe, expect, test } from 'vitest';
import { compileSource } from '@phasegate/compiler';

describe('compileSource', () => {
  test('lists its diagnostics in the order of the file, whichever pass found them', () => {
    // The zone, an unknown metric, an unknown signer and a unit mismatch: four passes that run in
    // another order (zone, names, units, checkpoints).
    const text = `campaign c "C" {
  timezone Asia/Shangai
  role supervisor "S"
  metric study_hours "H" hours per member
  phase p "P" {
    window 2005-01-20 .. 2005-03-05
    step s "S" window 2005-02-23 .. 2005-03-01 {
      task t "T"
    }
    checkpoint k "K" signed by supervisr {
      item i "I" requires every member study_hours >= 120 days
    }
    gate g "G" { every member study_hour >= 45 hours }
  }
}
`;
    const { diagnostics } = compileSource(text, 'order.phase');
    const starts = diagnostics.map((d) => d.span.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(diagnostics.map((d) => d.code)).toEqual(['PG301', 'PG200', 'PG400', 'PG200']);
  });
});
