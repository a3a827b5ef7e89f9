/**
 * The kernel against the reference semantics on every example campaign: random event streams
 * driven through the columnar kernel and through the compiler's XState machine, compared after
 * every event by differential.ts — state value, clock, transfers, tags, summary state, the verdict
 * of every comparison, gate, checkpoint and step requirement, late submissions, blockers, the
 * transitions the kernel reports and its units per state — with the kernel in batches, rolled
 * back and restored from its snapshot as the runtime drives it. Random campaigns:
 * random-campaigns.test.ts.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { kernelOps, runDifferential } from './differential.js';
import { eventSpecs, exampleCampaigns, memberCounts } from './kernel-helpers.js';

describe('kernel ≡ reference machine (docs/semantics.md)', () => {
  for (const { name, ir } of exampleCampaigns()) {
    it(`agrees on random event streams: ${name}`, () => {
      fc.assert(
        fc.property(memberCounts, eventSpecs, kernelOps, (members, specs, ops) =>
          runDifferential(
            ir,
            members.map((n) => ({ members: n, ids: false })),
            specs,
            { ops },
          ),
        ),
        { numRuns: 40, interruptAfterTimeLimit: 60_000 },
      );
    });
  }
});
