/**
 * Bulk ingest with the lines read in worker threads: the kernel is left byte for byte as the
 * in-thread path leaves it, and the result (lines, applied, problems by line and field, the last
 * committed line) is the same, whatever the batch size, the chunking of the source, the size of the
 * chunks handed to the workers and their number; a worker that dies fails the ingest with the open
 * batch undone, without hanging; workers are terminated however ingest ends. The workers load their
 * TypeScript both under vitest and under `node --import tsx`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../src/kernel/kernel.js';
import { factVocabulary } from '../src/ndjson/fast-fact.js';
import { applyParsed, ingestNdjson } from '../src/ndjson/ingest-ndjson.js';
import { parseInWorkers, spawnParseWorker } from '../src/ndjson/parse-in-workers.js';
import { resolveEvent, timeBounds } from '../src/resolve-event.js';
import { compile, DAY, eventSpecs, HOUR, materialize, memberCounts } from './kernel-helpers.js';

// eslint-disable-next-line @typescript-eslint/require-await -- on purpose: stands in for a stream (ingest takes an AsyncIterable); the bytes are in memory
async function* chunked(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

const fact = (id: string, unit: string, member: number, hours: number): string =>
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

describe('ingestNdjson with worker threads', () => {
  for (const name of ['first-batch.phase', 'grant-programme.phase']) {
    it(`leaves the kernel and the result the in-thread path leaves (${name})`, async () => {
      const ir = compile(name);
      let fast = 0;
      await fc.assert(
        fc.asyncProperty(
          memberCounts,
          eventSpecs,
          fc.record({
            batchSize: fc.integer({ min: 1, max: 40 }),
            piece: fc.integer({ min: 7, max: 900 }),
            chunkBytes: fc.integer({ min: 16, max: 2000 }),
            workers: fc.integer({ min: 1, max: 2 }),
            lineEnd: fc.constantFrom('\n', '\r\n'),
            finalEnd: fc.boolean(),
            runaway: fc.boolean(),
            onlyValid: fc.boolean(),
          }),
          async (members, specs, o) => {
            const units = members.map((n, i) => ({ id: `u${i}`, members: n, memberIds: null }));
            const scratch = new Kernel(ir);
            scratch.register(units);
            const bounds = timeBounds(ir);
            let time = Math.min(...ir.windows.map((w) => w.start)) - 3 * DAY;
            // Valid lines only (the whole input is applied), or every line (the validator's verdicts
            // must be the same both ways, and the same batch undone); a few blank.
            const lines: string[] = [];
            specs.forEach((spec, i) => {
              time = Math.max(bounds.min, time + spec.hours * HOUR);
              const raw = materialize(spec, ir, scratch, `e${i}`, time);
              const r = resolveEvent(raw, scratch, bounds);
              if (r.ok) scratch.apply(r.event);
              if (r.ok || !o.onlyValid) lines.push(JSON.stringify(raw).replace('.000Z"', 'Z"'));
            });
            lines.splice(lines.length >> 1, 0, '', '  ');
            // A line that runs past the bound without a line end, after the others.
            const text =
              lines.join(o.lineEnd) +
              (o.finalEnd ? o.lineEnd : '') +
              (o.runaway ? `${o.finalEnd ? '' : o.lineEnd}{"id":"${'x'.repeat(1500)}` : '');
            const options = { batchSize: o.batchSize, maxLineBytes: 1000 };

            const inThread = new Kernel(ir);
            inThread.register(units);
            const expected = await ingestNdjson(inThread, chunked(text, o.piece), options);

            const k = new Kernel(ir);
            k.register(units);
            const parsed = parseInWorkers(chunked(text, o.piece), factVocabulary(k), {
              workers: o.workers,
              maxLineBytes: options.maxLineBytes,
              chunkBytes: o.chunkBytes,
            });
            const got = await applyParsed(k, parsed, bounds, options);
            expect(got).toEqual(expected);
            expect(Buffer.from(k.snapshot()).equals(Buffer.from(inThread.snapshot()))).toBe(true);
            fast += got.fast;
            if (o.onlyValid)
              expect(got.problems.map((p) => p.message)).toEqual(
                o.runaway ? [expect.stringMatching(/is longer than 1000 bytes without a line end/)] : [],
              );
          },
        ),
        { numRuns: 12 },
      );
      // The workers' fast path was taken, not only the validator.
      expect(fast).toBeGreaterThan(20);
    });
  }

  it('undoes the batch with a problem and names every problem in it by line and field', async () => {
    const ir = compile('first-batch.phase');
    const lines = [
      fact('e1', 'edu', 0, 2),
      fact('e2', 'edu', 1, 2),
      fact('e3', 'edu', 2, 2),
      fact('e4', 'edu', 0, 3),
      fact('e5', 'eduu', 1, 3),
      '{"id":"e6","type":"fact",',
      fact('e7', 'edu', 0, 4),
    ];
    const k = new Kernel(ir);
    k.register([{ id: 'edu', members: 3, memberIds: null }]);
    const result = await ingestNdjson(k, chunked(lines.join('\n'), 50), { batchSize: 3, workers: 1 });
    expect(result.applied).toBe(3);
    expect(result.committedThroughLine).toBe(3);
    expect(result.problems.map((p) => [p.line, p.eventId, p.field])).toEqual([
      [5, 'e5', 'unit'],
      [6, null, ''],
    ]);
    expect(result.problems[0].message).toMatch(/unknown unit "eduu"; did you mean "edu"\?/);
  });

  it('fails, with the open batch undone, when a worker exits or throws; no hang', async () => {
    const ir = compile('first-batch.phase');
    const text = Array.from({ length: 40 }, (_, i) => fact(`e${i}`, 'edu', i % 3, 1)).join('\n');
    const dying = [
      { spawn: () => new Worker('process.exit(7)', { eval: true }), error: /exit code 7/ },
      {
        spawn: () =>
          new Worker(
            "require('node:worker_threads').parentPort.on('message', () => { throw new Error('parser broke'); });",
            { eval: true },
          ),
        error: /parser broke/,
      },
    ];
    for (const { spawn, error } of dying) {
      const k = new Kernel(ir);
      k.register([{ id: 'edu', members: 3, memberIds: null }]);
      const before = Buffer.from(k.snapshot());
      const parsed = parseInWorkers(chunked(text, 100), factVocabulary(k), { workers: 1, chunkBytes: 64, spawn });
      await expect(applyParsed(k, parsed, timeBounds(ir), { batchSize: 1000 })).rejects.toThrow(error);
      expect(Buffer.from(k.snapshot()).equals(before)).toBe(true);
    }
  });

  it('terminates its workers when it finishes, stops at a problem, or the source fails', async () => {
    const ir = compile('first-batch.phase');
    const good = Array.from({ length: 30 }, (_, i) => fact(`e${i}`, 'edu', i % 3, 1));
    // eslint-disable-next-line @typescript-eslint/require-await -- on purpose: stands in for a stream (ingest takes an AsyncIterable); it fails after one chunk, with no I/O
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from(good.join('\n') + '\n');
      throw new Error('disk went away');
    }
    const runs: { source: () => AsyncIterable<Buffer>; outcome: (r: Promise<unknown>) => Promise<unknown> }[] = [
      {
        source: () => chunked(good.join('\n'), 120),
        outcome: (r) => expect(r).resolves.toMatchObject({ applied: 30, problems: [] }),
      },
      {
        source: () => chunked([...good, '{', ...good].join('\n'), 120),
        outcome: (r) => expect(r).resolves.toMatchObject({ applied: 0, problems: [{ line: 31 }] }),
      },
      { source: failing, outcome: (r) => expect(r).rejects.toThrow(/disk went away/) },
    ];
    for (const run of runs) {
      const exits: Promise<unknown>[] = [];
      const spawn = (vocabulary: Parameters<typeof spawnParseWorker>[0]): Worker => {
        const w = spawnParseWorker(vocabulary);
        exits.push(new Promise((resolve) => w.once('exit', resolve)));
        return w;
      };
      const k = new Kernel(ir);
      k.register([{ id: 'edu', members: 3, memberIds: null }]);
      await run.outcome(
        applyParsed(
          k,
          parseInWorkers(run.source(), factVocabulary(k), { workers: 2, chunkBytes: 256, spawn }),
          timeBounds(ir),
          { batchSize: 100 },
        ),
      );
      expect(exits).toHaveLength(2);
      await Promise.all(exits);
    }
  });

  it('loads its workers under node --import tsx as under vitest, with the same outcome', async () => {
    const ir = compile('first-batch.phase');
    const text = Array.from({ length: 50 }, (_, i) => fact(`e${i}`, i % 7 === 6 ? 'nowhere' : 'edu', i % 3, 0.5)).join(
      '\n',
    );
    const k = new Kernel(ir);
    k.register([{ id: 'edu', members: 3, memberIds: null }]);
    const expected = await ingestNdjson(k, chunked(text, 64), { batchSize: 7 });
    const url = (path: string): string => new URL(path, import.meta.url).href;
    const script = `
      import { readFileSync } from 'node:fs';
      import { compileSource } from ${JSON.stringify(url('../../compiler/src/index.ts'))};
      import { Kernel } from ${JSON.stringify(url('../src/kernel/kernel.ts'))};
      import { ingestNdjson } from ${JSON.stringify(url('../src/ndjson/ingest-ndjson.ts'))};
      const { ir } = compileSource(readFileSync(new URL(${JSON.stringify(url('../../../dsl-examples/first-batch.phase'))}), 'utf8'), 'first-batch.phase');
      const k = new Kernel(ir);
      k.register([{ id: 'edu', members: 3, memberIds: null }]);
      const result = await ingestNdjson(k, [Buffer.from(${JSON.stringify(text)})], { batchSize: 7, workers: 1 });
      console.log(JSON.stringify({ result, snapshot: Buffer.from(k.snapshot()).toString('base64') }));
    `;
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const child = spawnSync(
      process.execPath,
      ['--conditions=@phasegate/source', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    const out = JSON.parse(child.stdout) as { result: unknown; snapshot: string };
    expect(out.result).toEqual(expected);
    expect(out.result).toMatchObject({ problems: [{ line: 7, field: 'unit' }] });
    expect(out.snapshot).toBe(Buffer.from(k.snapshot()).toString('base64'));
  });
});
