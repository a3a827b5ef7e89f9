/**
 * The national run: the reference campaign over every grassroots organisation of the country
 * (3.5 million units, 70 million members at full scale), with member-level study records every
 * week, unit metrics, every task, deliverable and sign-off, over the whole campaign calendar
 * with a clock event per day — sharded over worker threads (one kernel per shard, units split by
 * index, summaries merged). The behaviour is campaign-model.ts: the same units behave the same
 * whatever the sharding.
 *
 *   npm run bench -- national                       # 100k units (what `npm run bench` runs)
 *   npm run bench -- national --units=3500000       # the whole country
 *   options: --units=N  --members=20  --shards=2  --rss-limit-gib=16
 *
 * Prints wall time, events per second over all shards, per-shard build and run times, the peak
 * RSS of the process (workers are threads of it: one figure covers them all, sampled every
 * 200 ms and taken from getrusage at the end), and the merged summary. If the sampled RSS passes
 * the limit, the shards are stopped and the run reported as such.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ShardInput, ShardMessage } from './national-shard.js';

type Out = (line: string) => void;
type Done = Extract<ShardMessage, { type: 'done' }>;

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const value = Number(arg.slice(name.length + 3).replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name}=${arg.slice(name.length + 3)} is not a positive number`);
  return value;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

export default async function bench(out: Out): Promise<void> {
  const units = Math.floor(option('units', 100_000));
  const members = Math.floor(option('members', 20));
  const shards = Math.max(1, Math.floor(option('shards', 2)));
  const limit = option('rss-limit-gib', 16) * 2 ** 30;
  const source = readFileSync(new URL('../dsl-examples/first-batch.phase', import.meta.url), 'utf8');

  out(
    `national run: ${fmt(units)} units × ${members} members = ${fmt(units * members)} members, reference campaign, ${shards} shard${shards === 1 ? '' : 's'} (worker threads)`,
  );
  const started = performance.now();
  let peak = process.memoryUsage().rss;
  let stopped: string | null = null;
  const workers: Worker[] = [];
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
    if (rss > limit && stopped === null) {
      stopped = `RSS reached ${gib(rss)}, past the ${gib(limit)} limit`;
      for (const w of workers) void w.terminate();
    }
  }, 200);

  // Worker threads do not inherit tsx's loader: each shard registers it before importing its code.
  const tsx = import.meta.resolve('tsx/esm/api');
  const shard = new URL('./national-shard.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(shard)}); });`;

  const progress = new Array<number>(shards).fill(0);
  const eventsSoFar = new Array<number>(shards).fill(0);
  let reported = 0;
  const results = await Promise.all(
    Array.from({ length: shards }, (_, s) => {
      const first = Math.floor((units * s) / shards);
      const count = Math.floor((units * (s + 1)) / shards) - first;
      const data: ShardInput = { source, firstUnit: first, units: count, members, reportEvery: 7 };
      const worker = new Worker(bootstrap, { eval: true, workerData: data });
      workers.push(worker);
      return new Promise<Done | null>((resolve, reject) => {
        let done: Done | null = null;
        worker.on('message', (m: ShardMessage) => {
          if (m.type === 'built') out(`  shard ${s}: ${fmt(count)} units registered in ${(m.ms / 1000).toFixed(1)} s`);
          else if (m.type === 'progress') {
            progress[s] = m.day;
            eventsSoFar[s] = m.events;
            const day = Math.min(...progress);
            if (day > reported && day % 28 === 0) {
              reported = day;
              const total = eventsSoFar.reduce((a, b) => a + b, 0);
              out(
                `  day ${String(day).padStart(3)}: ${fmt(total)} unit events so far, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${gib(process.memoryUsage().rss)}`,
              );
            }
          } else done = m;
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve(done));
      });
    }),
  );
  clearInterval(sampler);
  const wallMs = performance.now() - started;
  const peakRss = Math.max(peak, process.resourceUsage().maxRSS * 1024);

  if (stopped !== null || results.some((r) => r === null)) {
    out(
      `stopped: ${stopped ?? 'a shard exited without a result'}; wall ${(wallMs / 1000).toFixed(1)} s, peak RSS ${gib(peakRss)}`,
    );
    return;
  }
  const done = results as Done[];
  const events = done.reduce((n, r) => n + r.events, 0);
  const merge = (pick: (r: Done) => Record<string, number>): Record<string, number> => {
    const all: Record<string, number> = {};
    for (const r of done) for (const [key, n] of Object.entries(pick(r))) all[key] = (all[key] ?? 0) + n;
    return all;
  };
  const list = (m: Record<string, number>): string =>
    Object.entries(m)
      .map(([key, n]) => `${key} ${fmt(n)}`)
      .join(', ');

  out(
    `wall time      ${(wallMs / 1000).toFixed(1)} s (registration ${(Math.max(...done.map((r) => r.buildMs)) / 1000).toFixed(1)} s, calendar ${(Math.max(...done.map((r) => r.runMs)) / 1000).toFixed(1)} s, ${done[0].days} days)`,
  );
  out(
    `unit events    ${fmt(events)} (${fmt((events / Math.max(...done.map((r) => r.runMs))) * 1000)}/s over all shards)`,
  );
  out(
    `clock events   ${done[0].days} per shard, ${(done.reduce((n, r) => n + r.clockMs, 0) / done.length / done[0].days).toFixed(1)} ms per simulated day (mean per shard)`,
  );
  out(
    `peak RSS       ${gib(peakRss)} (columns: ${done[0].bytesPerUnit} B per unit, ${done[0].bytesPerMember} B per member)`,
  );
  out(`summary        ${list(merge((r) => r.byState))}`);
  out(`positions      ${list(merge((r) => r.byPosition))}`);
  out(`left late      ${list(merge((r) => r.lateByPhase))}`);
}
