import { describe, expect, test } from 'vitest';
import type { CampaignIR } from '@phasegate/compiler';
import { expectClean } from './helpers.js';

const H = 3_600_000;

/** A one-phase campaign in `zone`; `extra` goes inside the phase, `top` at campaign level. */
function campaign(
  zone: string,
  opts: { window?: string; due?: string; extra?: string; top?: string } = {},
): CampaignIR {
  const window = opts.window ?? '2005-04-01 .. 2005-04-05';
  const due = opts.due ? ` due ${opts.due}` : '';
  return expectClean(`campaign t "T" {
  timezone ${zone}
  role office "Office"
  phase p "P" {
    window ${window}
    ${opts.extra ?? ''}
    step s "S" {
      deliverable d "D"${due}
    }
  }
  ${opts.top ?? ''}
}
`);
}

describe('windows in a zone with daylight saving time', () => {
  test('America/New_York 2005-04-03, the 23-hour day: a date-only window is whole local days', () => {
    const ir = campaign('America/New_York', { window: '2005-04-03 .. 2005-04-03' });
    expect(ir.windows[0].start).toBe(Date.UTC(2005, 3, 3, 5)); // 00:00 EST
    expect(ir.windows[0].end).toBe(Date.UTC(2005, 3, 4, 4)); // next midnight, EDT
    expect(ir.windows[0].end - ir.windows[0].start).toBe(23 * H);
  });

  test('America/New_York 2005-10-30, the 25-hour day', () => {
    const ir = campaign('America/New_York', { window: '2005-10-30 .. 2005-10-30' });
    expect(ir.windows[0].start).toBe(Date.UTC(2005, 9, 30, 4)); // 00:00 EDT
    expect(ir.windows[0].end).toBe(Date.UTC(2005, 9, 31, 5)); // next midnight, EST
  });

  test('a wall time in the spring-forward gap moves forward by the gap', () => {
    const ir = campaign('America/New_York', { window: '2005-04-01 .. 2005-04-05', due: '2005-04-03 02:30' });
    expect(ir.phases[0].steps[0].deliverables[0].due).toBe(Date.UTC(2005, 3, 3, 7, 30)); // 03:30 EDT
  });

  test('a wall time in the fall-back hour takes the first (earlier) occurrence', () => {
    const ir = campaign('America/New_York', { window: '2005-10-28 .. 2005-10-31', due: '2005-10-30 01:30' });
    expect(ir.phases[0].steps[0].deliverables[0].due).toBe(Date.UTC(2005, 9, 30, 5, 30)); // 01:30 EDT
  });

  test('Europe/London: the gap and the repeated hour', () => {
    const spring = campaign('Europe/London', { window: '2005-03-25 .. 2005-03-28', due: '2005-03-27 01:30' });
    expect(spring.phases[0].steps[0].deliverables[0].due).toBe(Date.UTC(2005, 2, 27, 1, 30)); // 02:30 BST
    const autumn = campaign('Europe/London', { window: '2005-10-28 .. 2005-10-31', due: '2005-10-30 01:30' });
    expect(autumn.phases[0].steps[0].deliverables[0].due).toBe(Date.UTC(2005, 9, 30, 0, 30)); // 01:30 BST
  });

  test('extending by days counts local calendar days, not 24-hour periods', () => {
    const ir = campaign('America/New_York', {
      window: '2005-03-28 .. 2005-04-02',
      extra: 'amend extend 1 days effective 2005-03-30',
    });
    expect(ir.windows[0].end).toBe(Date.UTC(2005, 3, 3, 5)); // 2005-04-03 00:00 EST
    expect(ir.amendments[0].end).toBe(Date.UTC(2005, 3, 4, 4)); // 2005-04-04 00:00 EDT: 23 hours later
  });
});

describe('half-hour zones', () => {
  test('Asia/Kolkata, UTC+05:30', () => {
    const ir = campaign('Asia/Kolkata', { window: '2005-03-10 .. 2005-03-15', due: '2005-03-15 18:00' });
    expect(ir.windows[0].start).toBe(Date.UTC(2005, 2, 9, 18, 30));
    expect(ir.windows[0].end).toBe(Date.UTC(2005, 2, 15, 18, 30));
    expect(ir.phases[0].steps[0].deliverables[0].due).toBe(Date.UTC(2005, 2, 15, 12, 30));
  });

  test('Australia/Adelaide, +09:30 and +10:30 in summer: DST starts 2005-10-30', () => {
    const ir = campaign('Australia/Adelaide', { window: '2005-10-30 .. 2005-10-30', due: '2005-10-30 02:30' });
    expect(ir.windows[0].start).toBe(Date.UTC(2005, 9, 29, 14, 30));
    expect(ir.windows[0].end).toBe(Date.UTC(2005, 9, 30, 13, 30));
    expect(ir.phases[0].steps[0].deliverables[0].due).toBe(Date.UTC(2005, 9, 29, 17, 0)); // 03:30 ACDT
  });

  test('Australia/Adelaide: the repeated hour when DST ends, 2005-03-27', () => {
    const ir = campaign('Australia/Adelaide', { window: '2005-03-25 .. 2005-03-28', due: '2005-03-27 02:30' });
    expect(ir.phases[0].steps[0].deliverables[0].due).toBe(Date.UTC(2005, 2, 26, 16, 0)); // 02:30 ACDT
  });
});

describe('deadlines', () => {
  test('a date-only deadline is the end of that local day', () => {
    const ir = campaign('Asia/Shanghai', { window: '2005-03-10 .. 2005-03-15', due: '2005-03-15' });
    expect(ir.phases[0].steps[0].deliverables[0].due).toBe(Date.UTC(2005, 2, 15, 16));
  });

  test('weekly obligations are every occurrence, DST-safe, at the given time', () => {
    const ir = campaign('America/New_York', {
      window: '2005-03-20 .. 2005-04-20',
      top: 'obligation weekly "Weekly" by office every sunday from 2005-03-20 until 2005-04-10 at 18:00',
    });
    const ob = ir.obligations[0];
    expect(ob.kind).toBe('recurring');
    if (ob.kind !== 'recurring') return;
    expect(ob.dues).toEqual([
      Date.UTC(2005, 2, 20, 23), // 18:00 EST
      Date.UTC(2005, 2, 27, 23),
      Date.UTC(2005, 3, 3, 22), // 18:00 EDT
      Date.UTC(2005, 3, 10, 22),
    ]);
    expect(ob.rule).toBe('every sunday from 2005-03-20 until 2005-04-10 at 18:00');
  });

  test('without `at`, each occurrence is due at the end of its local day; without `until`, until the campaign ends', () => {
    const ir = campaign('Asia/Shanghai', {
      window: '2005-02-25 .. 2005-03-15',
      top: 'obligation weekly "Weekly" by office every friday from 2005-02-25',
    });
    const ob = ir.obligations[0];
    if (ob.kind !== 'recurring') throw new Error('expected a recurring obligation');
    expect(ob.dues).toEqual([Date.UTC(2005, 1, 25, 16), Date.UTC(2005, 2, 4, 16), Date.UTC(2005, 2, 11, 16)]);
    expect(ob.rule).toBe('every friday from 2005-02-25 until 2005-03-15');
  });
});
