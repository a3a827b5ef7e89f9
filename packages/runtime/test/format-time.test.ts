import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoTime, localDate, shortDate, shortDateTime } from '../src/kernel/format.js';

/**
 * The runtime writes times without luxon on its hot paths (status reads, transitions); these
 * properties hold it to luxon's output, in zones with DST, half-hour and negative offsets, UTC
 * itself and a zone at offset 0 that is not UTC, across DST days and around the year edges.
 */
const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'Europe/London',
  'UTC',
  'Etc/UTC',
  'America/St_Johns',
  'Pacific/Chatham',
];

const instants = fc.oneof(
  fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
  // Around the 2005 DST changes in New York and London, to the millisecond.
  fc.integer({ min: Date.UTC(2005, 3, 3, 5), max: Date.UTC(2005, 3, 3, 8) }),
  fc.integer({ min: Date.UTC(2005, 9, 30, 0), max: Date.UTC(2005, 9, 30, 8) }),
  fc.constantFrom(
    Date.UTC(2005, 2, 15, 10),
    Date.UTC(1, 0, 1),
    Date.UTC(9999, 11, 31, 23, 59),
    -62198755200000,
    253402300799999,
    0,
  ),
);

describe('times in the campaign zone, without luxon', () => {
  it('match luxon exactly', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (ms, zone) => {
        const dt = DateTime.fromMillis(ms, { zone });
        expect(isoTime(ms, zone)).toBe(dt.toISO({ suppressMilliseconds: true }));
        expect(shortDateTime(ms, zone)).toBe(dt.toFormat('MM-dd HH:mm'));
        expect(shortDate(ms, zone)).toBe(dt.toFormat('MM-dd'));
        expect(localDate(ms, zone)).toBe(dt.toFormat('yyyy-MM-dd'));
      }),
      { numRuns: 3000 },
    );
  });

  it('write the reference case as the docs show it', () => {
    expect(isoTime(Date.UTC(2005, 2, 15, 10), 'Asia/Shanghai')).toBe('2005-03-15T18:00:00+08:00');
    expect(isoTime(Date.UTC(2026, 6, 31, 11, 30), 'Asia/Kolkata')).toBe('2026-07-31T17:00:00+05:30');
    expect(isoTime(Date.UTC(2005, 2, 15, 10, 0, 0, 250), 'UTC')).toBe('2005-03-15T10:00:00.250Z');
    expect(isoTime(Number.NaN, 'UTC')).toBe('');
  });
});
