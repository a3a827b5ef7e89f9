/**
 * One measured NDJSON ingest, in a process of its own (ndjson.bench.ts spawns it), so that its RSS
 * is the ingest's alone: builds the kernel (100k units × 20 members, reference campaign), notes
 * RSS, streams the file through `ingestNdjson`, and prints one JSON line with the figures.
 * Usage: node --expose-gc --import tsx bench/ndjson-child.ts <events.ndjson> [--workers=N]
 * (`--workers=0`, the default, parses in the ingesting thread; N parses in N worker threads).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { compileSource } from '@phasegate/compiler';
import { ingestNdjson, Kernel } from '@phasegate/runtime/kernel';

const file = process.argv[2];
const workers = Number(process.argv.find((a) => a.startsWith('--workers='))?.slice('--workers='.length) ?? 0);
const source = readFileSync(new URL('../dsl-examples/first-batch.phase', import.meta.url), 'utf8');
const { ir } = compileSource(source, 'first-batch.phase');
if (!ir || !file) throw new Error('usage: ndjson-child.ts <events.ndjson>');
const k = new Kernel(ir);
k.register(Array.from({ length: 100_000 }, (_, i) => ({ id: `u${i}`, members: 20, memberIds: null })));
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const t = performance.now();
const result = await ingestNdjson(k, createReadStream(file, { highWaterMark: 1 << 20 }), { workers });
const ms = performance.now() - t;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const problem = result.problems[0];
console.log(
  JSON.stringify({
    applied: result.applied,
    fast: result.fast,
    ms,
    before,
    peak,
    maxRss: process.resourceUsage().maxRSS * 1024,
    problem: problem ? `line ${problem.line}: ${problem.field}: ${problem.message}` : null,
  }),
);
