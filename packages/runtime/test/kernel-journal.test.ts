/**
 * The kernel's batch journal and snapshots, as properties over random streams on every example:
 * a rolled-back batch leaves the state byte for byte as it was; a snapshot restored into a fresh
 * kernel carries on exactly like the kernel it was taken from.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CampaignIR } from '@phasegate/compiler';
import { Kernel } from '../src/kernel/kernel.js';
import { resolveEvent, timeBounds } from '../src/resolve-event.js';
import {
  DAY,
  HOUR,
  eventSpecs,
  exampleCampaigns,
  materialize,
  memberCounts,
  type EventSpec,
} from './kernel-helpers.js';

function kernelWith(ir: CampaignIR, members: number[]): Kernel {
  const k = new Kernel(ir);
  k.register(
    members.map((n, i) => ({
      id: `u${i}`,
      label: `Unit ${i}`,
      members: n,
      memberIds: i === 0 ? Array.from({ length: n }, (_, m) => `m${m}`) : null,
    })),
  );
  return k;
}

/** Feeds `specs` (resolved against `k`) to every kernel in `ks`; returns the clock after the last. */
function feed(ks: Kernel[], ir: CampaignIR, specs: readonly EventSpec[], time: number, prefix: string): number {
  const bounds = timeBounds(ir);
  specs.forEach((spec, i) => {
    time = Math.max(bounds.min, time + spec.hours * HOUR);
    const r = resolveEvent(materialize(spec, ir, ks[0], `${prefix}${i}`, time), ks[0], bounds);
    if (r.ok) for (const k of ks) k.apply(r.event);
  });
  return time;
}

const start = (ir: CampaignIR): number => Math.min(...ir.windows.map((w) => w.start)) - 3 * DAY;

describe('kernel batches and snapshots', () => {
  for (const { name, ir } of exampleCampaigns()) {
    it(`rollback restores the state exactly: ${name}`, () => {
      fc.assert(
        fc.property(memberCounts, eventSpecs, fc.nat(), (members, specs, cut) => {
          const k = kernelWith(ir, members);
          const at = cut % (specs.length + 1);
          const time = feed([k], ir, specs.slice(0, at), start(ir), 'a');
          const before = k.snapshot();
          const counts = Float64Array.from(k.counts);
          k.begin();
          feed([k], ir, specs.slice(at), time, 'b');
          k.rollback();
          expect(Buffer.from(k.snapshot()).equals(Buffer.from(before))).toBe(true);
          expect([...k.counts]).toEqual([...counts]);
        }),
        { numRuns: 25 },
      );
    });

    it(`a restored snapshot carries on like the original: ${name}`, () => {
      fc.assert(
        fc.property(memberCounts, eventSpecs, fc.nat(), (members, specs, cut) => {
          const k = kernelWith(ir, members);
          const at = cut % (specs.length + 1);
          const time = feed([k], ir, specs.slice(0, at), start(ir), 'a');
          const copy = new Kernel(ir);
          expect(copy.restore(k.snapshot())).toBeNull();
          expect(Buffer.from(copy.snapshot()).equals(Buffer.from(k.snapshot()))).toBe(true);
          feed([k, copy], ir, specs.slice(at), time, 'b');
          expect(Buffer.from(copy.snapshot()).equals(Buffer.from(k.snapshot()))).toBe(true);
          for (let u = 0; u < k.unitCount; u++) expect(copy.machineState(u)).toBe(k.machineState(u));
          expect([...copy.counts]).toEqual([...k.counts]);
        }),
        { numRuns: 25 },
      );
    });
  }

  it('refuses a snapshot of another campaign, and bytes that are not a snapshot', () => {
    const [a, b] = exampleCampaigns();
    const k = kernelWith(a.ir, [2]);
    expect(new Kernel(b.ir).restore(k.snapshot())).toBe('it was written for another version of the campaign');
    expect(new Kernel(a.ir).restore(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe(
      'it is not a phasegate kernel snapshot',
    );
    expect(new Kernel(a.ir).restore(k.snapshot().subarray(0, 40))).toBe('it is truncated');
  });
});
