/**
 * One semantics, proven on random campaigns: the kernel and the reference machine agree on a
 * thousand random valid campaigns (random-campaign.ts), each with up to 20 units and a stream of
 * 200 random events, compared after every event (differential.ts): state, clock, transfers, tags,
 * the verdict of every comparison, gate, checkpoint and step requirement, late deliverables, the
 * blockers `unitStatus` lists, and the kernel's reported transitions and counts, with the kernel
 * in batches, rolled back and restored as the runtime drives it. A new random seed every run.
 *
 * A failure prints the shrunk campaign's source text, the roster, how the kernel was driven, the
 * events as applied, and fast-check's seed and path (pass them to `fc.assert` to replay it).
 * `PHASEGATE_COVERAGE=1` prints what the run exercised (how many comparisons of each aggregate
 * and operator were seen both true and false); `PHASEGATE_RUNS=50` runs fewer campaigns.
 */
import { compileSource } from '@phasegate/compiler';
import { renderDiagnostic } from '@phasegate/dsl';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  Disagreement,
  emptyCoverage,
  kernelOps,
  runDifferential,
  type Coverage,
  type UnitSetup,
} from './differential.js';
import { pace, richEventSpec, stream } from './kernel-helpers.js';
import { campaigns } from './random-campaign.js';

const unit = fc.record({
  members: fc.nat({ max: 5 }),
  ids: fc.boolean(),
  // Now and then a unit joins while the campaign runs.
  joinsAt: fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant(null), weight: 6 },
    { arbitrary: fc.integer({ min: 1, max: 199 }), weight: 1 },
  ),
});
/** Up to 20 units, mostly a few: each then gets enough events to move through the campaign. */
const rosters: fc.Arbitrary<UnitSetup[]> = fc.oneof(
  { arbitrary: fc.array(unit, { minLength: 1, maxLength: 6, size: 'max' }), weight: 3 },
  { arbitrary: fc.array(unit, { minLength: 1, maxLength: 20, size: 'max' }), weight: 1 },
);

const events = stream(richEventSpec, 200);

describe('kernel ≡ reference machine on random campaigns (docs/semantics.md)', () => {
  // Generous: passing runs take well under a minute, shrinking a failure can take longer.
  it('agrees on 1,000 random campaigns, 200 events each', { timeout: 900_000 }, () => {
    const coverage = process.env.PHASEGATE_COVERAGE ? emptyCoverage() : undefined;
    fc.assert(
      fc.property(campaigns, rosters, events, kernelOps, (campaign, units, specs, ops) => {
        const { ir, diagnostics } = compileSource(campaign.source, 'random.phase');
        if (!ir) {
          const shown = diagnostics.map((d) => renderDiagnostic(d, campaign.source, 'random.phase')).join('\n');
          throw new Error(`The generator made a campaign that does not compile:\n${shown}\n${campaign.source}`);
        }
        try {
          runDifferential(ir, units, specs, { coverage, hour: pace(ir, 200), ops });
        } catch (e) {
          const message =
            e instanceof Disagreement ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e);
          throw new Error(
            `${message}\n\nCampaign (random.phase):\n${campaign.source}\nRoster: ${JSON.stringify(units)}`,
            { cause: e },
          );
        }
      }),
      { numRuns: Number(process.env.PHASEGATE_RUNS ?? 1000) },
    );
    if (coverage) console.log(coverageTable(coverage));
  });
});

/** What a run exercised, as a Markdown table. */
function coverageTable(c: Coverage): string {
  const lines = [
    `${c.campaigns} campaigns, ${c.units} units (${c.joined} joined while running), ${c.rollbacks} batches rolled back, ${c.restores} kernels restored from a snapshot`,
    `events accepted: ${JSON.stringify(c.events.accepted)}`,
    `events rejected: ${JSON.stringify(c.events.rejected)}`,
    `unit states compared: ${JSON.stringify(c.states)}`,
    `transfers: ${c.transfers.onTime} on time, ${c.transfers.late} late`,
    `blockers seen: ${JSON.stringify(c.blockers)}`,
    `gates seen true and false: ${c.verdicts.gatesBoth} of ${c.verdicts.gates}; checkpoints ${c.verdicts.checkpointsBoth} of ${c.verdicts.checkpoints}; steps ${c.verdicts.stepsBoth} of ${c.verdicts.steps}`,
    '',
    '| comparison | in campaigns | seen true and false | evaluations true | evaluations false |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(c.comparisons)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `| ${k} | ${v.leaves} | ${v.both} | ${v.true} | ${v.false} |`),
  ];
  return lines.join('\n');
}
