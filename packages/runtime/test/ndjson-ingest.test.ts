/**
 * Bulk NDJSON ingest into a kernel: the state it leaves is exactly the state left by validating
 * and applying the same events one by one (`resolveEvent` + `apply`), whatever the batch size and
 * chunking; a batch with a problem is undone whole and every problem in it is named by line and
 * field; earlier batches stay.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../src/kernel/kernel.js';
import { ingestNdjson } from '../src/ndjson/ingest-ndjson.js';
import { resolveEvent, timeBounds } from '../src/resolve-event.js';
import { compile, DAY, eventSpecs, exampleCampaigns, HOUR, materialize, memberCounts } from './kernel-helpers.js';

// eslint-disable-next-line @typescript-eslint/require-await -- on purpose: stands in for a stream (ingest takes an AsyncIterable); the bytes are in memory
async function* chunked(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('ingestNdjson', () => {
  for (const { name, ir } of exampleCampaigns()) {
    it(`leaves the state that one-by-one validation leaves (${name})`, async () => {
      let fast = 0;
      await fc.assert(
        fc.asyncProperty(
          memberCounts,
          eventSpecs,
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 7, max: 500 }),
          async (members, specs, batchSize, chunk) => {
            const units = members.map((n, i) => ({ id: `u${i}`, members: n, memberIds: null }));
            const reference = new Kernel(ir);
            reference.register(units);
            const bounds = timeBounds(ir);
            const lines: string[] = [];
            let time = Math.min(...ir.windows.map((w) => w.start)) - 3 * DAY;
            specs.forEach((spec, i) => {
              time = Math.max(bounds.min, time + spec.hours * HOUR);
              const raw = materialize(spec, ir, reference, `e${i}`, time);
              const r = resolveEvent(raw, reference, bounds);
              if (!r.ok) return;
              reference.apply(r.event);
              // Whole-second times without a fraction: the form the fast path reads (facts take it).
              lines.push(JSON.stringify(raw).replace('.000Z"', 'Z"'));
              if (i % 17 === 0) lines.push('   ');
            });
            const k = new Kernel(ir);
            k.register(units);
            const result = await ingestNdjson(k, chunked(lines.join('\n') + '\n', chunk), { batchSize });
            expect(result.problems).toEqual([]);
            expect(result.applied).toBe(lines.filter((l) => l.trim() !== '').length);
            expect(Buffer.from(k.snapshot()).equals(Buffer.from(reference.snapshot()))).toBe(true);
            fast += result.fast;
          },
        ),
        { numRuns: 40 },
      );
      expect(fast).toBeGreaterThan(100);
    });
  }

  it('undoes the batch with a problem, names every problem in it, and keeps the batches before', async () => {
    const ir = compile('first-batch.phase');
    const fact = (id: string, unit: string, member: number, hours: number) =>
      JSON.stringify({
        id,
        type: 'fact',
        time: '2005-02-24T10:00',
        actor: { user: 'li', role: 'unit_admin' },
        unit,
        metric: 'study_hours',
        member,
        value: hours,
        mode: 'add',
      });
    const lines = [
      fact('e1', 'edu', 0, 2),
      fact('e2', 'edu', 1, 2),
      fact('e3', 'edu', 2, 2),
      fact('e4', 'edu', 0, 3),
      fact('e5', 'edu', 1, 3),
      fact('e6', 'edu', 2, 3),
      fact('e7', 'edu', 0, 4),
      fact('e8', 'eduu', 0, 4),
      '{"id":"e9","type":"fact",',
      fact('e10', 'edu', 9, 1),
    ];
    const k = new Kernel(ir);
    k.register([{ id: 'edu', members: 3, memberIds: null }]);
    const result = await ingestNdjson(k, chunked(lines.join('\r\n'), 64), { batchSize: 3 });
    expect(result.applied).toBe(6);
    expect(result.committedThroughLine).toBe(6);
    expect(result.problems.map((p) => [p.line, p.eventId, p.field])).toEqual([
      [8, 'e8', 'unit'],
      [9, null, ''],
    ]);
    expect(result.problems[0].message).toMatch(/unknown unit "eduu"; did you mean "edu"\?/);
    expect(result.problems[1].message).toMatch(/^not valid JSON/);
    // Members 0–2 have 5 hours each (held as thousandths): e7 (line 7) was undone with its batch.
    const study = k.plan.metrics[k.plan.metricIndex.get('study_hours')!].column;
    expect(Array.from(k.cols.member[study].subarray(0, 3))).toEqual([5000, 5000, 5000]);
  });
});
