/**
 * The byte-level event time reader of bulk ingest against `parseEventTime`: whenever it answers,
 * it gives exactly the same instant; it declines (NaN) only what it does not handle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEventTime } from '../src/event-time.js';
import { FastEventTime } from '../src/ndjson/fast-time.js';

const zones = ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Europe/London'] as const;
const two = (n: number): string => String(n).padStart(2, '0');

/** Near-valid times: fields sometimes out of range, every suffix form, days around DST switches. */
const timeText = fc
  .record({
    year: fc.constantFrom(2004, 2005, 2006, 999, 2000),
    month: fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 12 }), weight: 8 },
      { arbitrary: fc.constantFrom(0, 13), weight: 1 },
    ),
    day: fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 28 }), weight: 6 },
      { arbitrary: fc.constantFrom(0, 29, 30, 31, 32), weight: 2 },
    ),
    hour: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 23 }), weight: 8 },
      { arbitrary: fc.constantFrom(24, 25), weight: 1 },
    ),
    minute: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 59 }), weight: 8 },
      { arbitrary: fc.constant(60), weight: 1 },
    ),
    second: fc.option(fc.integer({ min: 0, max: 60 })),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,4}$/)),
    suffix: fc.oneof(
      { arbitrary: fc.constant(''), weight: 4 },
      { arbitrary: fc.constant('Z'), weight: 1 },
      {
        arbitrary: fc
          .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 16 }), fc.constantFrom(0, 30, 45, 60))
          .map(([s, h, m]) => `${s}${two(h)}:${two(m)}`),
        weight: 2,
      },
      { arbitrary: fc.constantFrom('z', '+0800', ' ', 'T'), weight: 1 },
    ),
  })
  .map((t) => {
    let text = `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}`;
    if (t.second !== null) text += `:${two(t.second)}${t.fraction !== null ? `.${t.fraction}` : ''}`;
    return text + t.suffix;
  });

/** Local times on the days clocks change in the test zones (gaps and repeated hours). */
const switchDays = fc
  .record({
    date: fc.constantFrom('2005-04-03', '2005-10-30', '2005-03-27', '2005-03-26', '2005-10-29', '2006-04-02'),
    hour: fc.integer({ min: 0, max: 4 }),
    minute: fc.integer({ min: 0, max: 59 }),
  })
  .map((t) => `${t.date}T${two(t.hour)}:${two(t.minute)}`);

describe('fast event times', () => {
  for (const zone of zones) {
    it(`agree with parseEventTime in ${zone}`, () => {
      const fast = new FastEventTime(zone);
      fc.assert(
        fc.property(fc.oneof(timeText, switchDays), (text) => {
          const buf = Buffer.from(`"${text}"`);
          const ms = fast.parse(buf, 1, buf.length - 1);
          if (Number.isNaN(ms)) return;
          const ref = parseEventTime(text, zone);
          expect(ref.ok, text).toBe(true);
          if (ref.ok) expect(ms, text).toBe(ref.ms);
        }),
        { numRuns: 3000 },
      );
    });
  }

  it('handle the common forms themselves (no fallback)', () => {
    const fast = new FastEventTime('Asia/Shanghai');
    for (const text of [
      '2005-03-01T09:00',
      '2005-03-01T09:00:30',
      '2005-03-01T09:00:30.25',
      '2005-03-01T09:00:00+08:00',
      '2005-03-01T01:00:00Z',
      '2005-02-28T23:59',
    ]) {
      const buf = Buffer.from(text);
      const ref = parseEventTime(text, 'Asia/Shanghai');
      expect(ref.ok).toBe(true);
      expect(fast.parse(buf, 0, buf.length), text).toBe(ref.ok ? ref.ms : NaN);
    }
  });

  it('decline an hour that a zone shifts by half an hour inside', () => {
    // Lord Howe Island moves its clocks by 30 minutes at 02:00.
    const fast = new FastEventTime('Australia/Lord_Howe');
    const shifted = Buffer.from('2005-10-30T02:15');
    expect(fast.parse(shifted, 0, shifted.length)).toBeNaN();
    const ordinary = Buffer.from('2005-10-30T05:15');
    const ref = parseEventTime('2005-10-30T05:15', 'Australia/Lord_Howe');
    expect(fast.parse(ordinary, 0, ordinary.length)).toBe(ref.ok ? ref.ms : 'not ok');
  });
});
