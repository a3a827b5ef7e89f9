/**
 * The calendar caches each zone's offset per UTC day (in chunks of days), read from Intl's zone
 * name rather than through luxon. Whatever the cache holds, the offset it gives must be luxon's,
 * at any instant: before 1970 (negative day numbers), across chunk edges, on days with a
 * transition, in local mean time (offsets with seconds), and far outside any calendar.
 */
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, test } from 'vitest';
import { zoneOffsetMinutes } from '@phasegate/compiler/calendar';
// White-box: the reader the cache fills itself from.
import { offsetReader } from '../src/zone-offset-reader.js';

const ZONES = [
  'Asia/Shanghai',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'Europe/London',
  'America/St_Johns',
  'UTC',
];
const DAY = 86_400_000;
const YEAR_1000 = Date.UTC(1000, 0, 1);
const YEAR_9999 = Date.UTC(9999, 11, 31);

describe('zone offsets', () => {
  test('equal luxon at random instants from year 1000 to 9999, in every zone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: YEAR_1000, max: YEAR_9999 }), (zone, ms) => {
        expect(zoneOffsetMinutes(zone, ms)).toBe(IANAZone.create(zone).offset(ms));
      }),
      { numRuns: 3000 },
    );
  });

  test('equal luxon on both sides of a chunk edge and of 1970, and around transitions', () => {
    const edges = [
      0,
      1024 * DAY,
      -1024 * DAY,
      -1,
      Date.UTC(2005, 3, 3, 6, 59),
      Date.UTC(2005, 3, 3, 7, 0),
      Date.UTC(2005, 9, 30, 5, 30),
      Date.UTC(1883, 10, 18, 17),
    ];
    for (const zone of ZONES)
      for (const ms of edges)
        for (const d of [-60_000, 0, 60_000])
          expect(zoneOffsetMinutes(zone, ms + d)).toBe(IANAZone.create(zone).offset(ms + d));
  });

  test('instants no calendar reaches are passed to luxon', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', 8.64e15)).toBe(IANAZone.create('Asia/Shanghai').offset(8.64e15));
    expect(Number.isNaN(zoneOffsetMinutes('Asia/Shanghai', Number.NaN))).toBe(
      Number.isNaN(IANAZone.create('Asia/Shanghai').offset(Number.NaN)),
    );
  });

  test("the reader gives luxon's offset to the bit, seconds offsets and all", () => {
    const zones = [
      ...ZONES,
      'Africa/Monrovia',
      'Europe/Amsterdam',
      'Pacific/Chatham',
      'Asia/Kathmandu',
      'Etc/GMT+5',
      'America/Caracas',
    ];
    const readers = new Map(zones.map((z) => [z, offsetReader(IANAZone.create(z))]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: YEAR_1000 - DAY, max: Date.UTC(10000, 0, 2) }),
        (zone, ms) => {
          expect(readers.get(zone)!(ms)).toBe(IANAZone.create(zone).offset(ms));
        },
      ),
      { numRuns: 3000 },
    );
    // Local mean time: Monrovia was GMT−0:43:08, Kolkata +5:53:28 (a fraction of a minute).
    expect(readers.get('Africa/Monrovia')!(Date.UTC(1890, 0, 1))).toBe(
      IANAZone.create('Africa/Monrovia').offset(Date.UTC(1890, 0, 1)),
    );
    expect(readers.get('Asia/Kolkata')!(Date.UTC(1000, 0, 1)) % 1).not.toBe(0);
    // Past year 9999, and not a number: luxon's answer.
    expect(readers.get('Asia/Shanghai')!(8.64e15)).toBe(IANAZone.create('Asia/Shanghai').offset(8.64e15));
    expect(readers.get('UTC')!(Number.NaN)).toBeNaN();
  });
});
