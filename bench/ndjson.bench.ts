/**
 * NDJSON ingest: events per second from a file into the kernel (`ingestNdjson`: chunks of whole
 * lines, the byte-level fast path for facts, JSON.parse + resolveEvent for the rest, atomic
 * batches of 10 000), on generated files of 2 and 8 million events of the reference campaign (the
 * campaign model's stream: weekly member study records, unit metrics, tasks, deliverables,
 * sign-offs, one clock event per day), 100k units × 20 members. Each ingest runs in a fresh
 * process (ndjson-child.ts): constant memory is its peak RSS above the RSS after building the
 * kernel, compared between the two file sizes.
 * Side by side on each file: the lines read in the ingesting thread (`workers: 0`, the default)
 * and in a worker thread (`workers: 1`), alternating, twice each (`--ndjson-workers=0,1,2` and
 * `--ndjson-repeat=3` to choose).
 * For comparison, the same lines through JSON.parse + resolveEvent + apply only (no fast path).
 *
 * `npm run bench -- ndjson` (add `--ndjson-sizes=2000000,8000000` to choose sizes, and
 * `--ndjson-dir=DIR` to keep the generated files in DIR and reuse them on the next run, for
 * profiling `ndjson-child.ts` by hand).
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { once } from 'node:events';
import { compileSource, type CampaignIR } from '@phasegate/compiler';
import { formatLocal } from '@phasegate/compiler/calendar';
import { Kernel, lineBatches, resolveEvent, timeBounds } from '@phasegate/runtime/kernel';
import { readFileSync } from 'node:fs';
import { CampaignModel, type UnitSink } from './campaign-model.js';

const UNITS = 100_000;
const MEMBERS = 20;
type Out = (line: string) => void;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

/** Writes the model's events as NDJSON lines until `count` events are written. */
async function writeEvents(ir: CampaignIR, file: string, count: number): Promise<number> {
  const model = new CampaignModel(ir, { units: UNITS, membersPerUnit: MEMBERS });
  const times = new Map<number, string>();
  const local = (ms: number): string => {
    let t = times.get(ms);
    if (t === undefined) {
      t = formatLocal(ir.timezone, ms).replace(' ', 'T');
      times.set(ms, t);
    }
    return t;
  };
  const metrics = ir.metrics.map((m) => m.id);
  const tasks = ir.phases.flatMap((p) => p.steps.flatMap((s) => s.tasks.map((t) => t.id)));
  const deliverables = ir.phases.flatMap((p) => p.steps.flatMap((s) => s.deliverables.map((d) => d.id)));
  const items = ir.phases.flatMap((p) =>
    p.checkpoints.flatMap((c) => c.items.map((i) => ({ c: c.id, i: i.id, signer: c.signer }))),
  );
  const admin =
    ir.roles.find(
      (r) => !r.canAmend && !r.canIssue && !ir.phases.some((p) => p.checkpoints.some((c) => c.signer === r.id)),
    )?.id ?? ir.roles[0].id;
  const office = ir.roles.find((r) => r.canAmend)?.id ?? admin;
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let n = 0;
  let pending: string[] = [];
  const push = (line: string): void => {
    pending.push(line);
    n++;
  };
  const actor = `{"user":"admin","role":"${admin}"}`;
  const sink: UnitSink = {
    clock: (time) =>
      push(`{"id":"e${n}","type":"clock","time":"${local(time)}","actor":{"user":"clock","role":"${office}"}}`),
    memberFact: (u, metric, member, value, add, time) =>
      push(
        `{"id":"e${n}","type":"fact","time":"${local(time)}","actor":${actor},"unit":"u${u}","metric":"${metrics[metric]}","member":${member},"value":${value},"mode":"${add ? 'add' : 'set'}"}`,
      ),
    unitFact: (u, metric, value, add, time) =>
      push(
        `{"id":"e${n}","type":"fact","time":"${local(time)}","actor":${actor},"unit":"u${u}","metric":"${metrics[metric]}","value":${value},"mode":"${add ? 'add' : 'set'}"}`,
      ),
    task: (u, task, time) =>
      push(
        `{"id":"e${n}","type":"task","time":"${local(time)}","actor":${actor},"unit":"u${u}","task":"${tasks[task]}"}`,
      ),
    deliverable: (u, d, time) =>
      push(
        `{"id":"e${n}","type":"deliverable","time":"${local(time)}","actor":${actor},"unit":"u${u}","deliverable":"${deliverables[d]}"}`,
      ),
    signoff: (u, item, time) => {
      const it = items[item];
      push(
        `{"id":"e${n}","type":"signoff","time":"${local(time)}","actor":{"user":"sup","role":"${it.signer}"},"unit":"u${u}","checkpoint":"${it.c}","item":"${it.i}"}`,
      );
    },
  };
  for (let d = 0; d < model.days.length && n < count; d++) {
    sink.clock(model.days[d]);
    model.runDay(d, sink);
    // A day is ~300k lines at this size: flushed in pieces so the generator stays small too.
    for (let i = 0; i < pending.length; i += 10_000) {
      if (!out.write(pending.slice(i, i + 10_000).join('\n') + '\n')) await once(out, 'drain');
    }
    pending = [];
  }
  out.end();
  await once(out, 'finish');
  return n;
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const b of lineBatches(createReadStream(file, { highWaterMark: 1 << 20 }))) n += b.count;
  return n;
}

function freshKernel(ir: CampaignIR): Kernel {
  const k = new Kernel(ir);
  k.register(Array.from({ length: UNITS }, (_, i) => ({ id: `u${i}`, members: MEMBERS, memberIds: null })));
  return k;
}

export default async function bench(out: Out): Promise<void> {
  const source = readFileSync(new URL('../dsl-examples/first-batch.phase', import.meta.url), 'utf8');
  const { ir } = compileSource(source, 'first-batch.phase');
  if (!ir) throw new Error('the reference campaign does not compile');
  const arg = process.argv.find((a) => a.startsWith('--ndjson-sizes='));
  const sizes = arg ? arg.slice('--ndjson-sizes='.length).split(',').map(Number) : [2_000_000, 8_000_000];
  const keep = process.argv.find((a) => a.startsWith('--ndjson-dir='))?.slice('--ndjson-dir='.length);
  if (keep) mkdirSync(keep, { recursive: true });
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'phasegate-ndjson-bench-'));
  try {
    out(
      `NDJSON → kernel (ingestNdjson, batches of 10 000), ${fmt(UNITS)} units × ${MEMBERS} members, reference campaign`,
    );
    const workerCounts = (
      process.argv.find((a) => a.startsWith('--ndjson-workers='))?.slice('--ndjson-workers='.length) ?? '0,1'
    )
      .split(',')
      .map(Number);
    const repeat = Number(
      process.argv.find((a) => a.startsWith('--ndjson-repeat='))?.slice('--ndjson-repeat='.length) ?? 2,
    );
    out(
      'events (lines)   file MiB   workers   events/s   fast path   RSS before MiB   peak RSS MiB   peak − before MiB',
    );
    let sample: string | null = null;
    for (const size of sizes) {
      const file = join(dir, `events-${size}.ndjson`);
      const written = keep && existsSync(file) ? await countLines(file) : await writeEvents(ir, file, size);
      sample ??= file;
      const rates = new Map<number, number[]>();
      for (let round = 0; round < repeat; round++) {
        for (const workers of workerCounts) {
          // Measured in a fresh process: its RSS is the kernel's and the ingest's, nothing else.
          const child = spawnSync(
            process.execPath,
            [
              '--expose-gc',
              '--conditions=@phasegate/source',
              '--import',
              'tsx',
              fileURLToPath(new URL('./ndjson-child.ts', import.meta.url)),
              file,
              `--workers=${workers}`,
            ],
            { encoding: 'utf8' },
          );
          if (child.status !== 0) throw new Error(`ndjson-child failed: ${child.stderr}`);
          const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
            applied: number;
            fast: number;
            ms: number;
            before: number;
            peak: number;
            maxRss: number;
            problem: string | null;
          };
          if (r.problem) throw new Error(`bench events rejected: ${r.problem}`);
          const peak = Math.max(r.peak, r.maxRss);
          const rate = (r.applied / r.ms) * 1000;
          rates.set(workers, [...(rates.get(workers) ?? []), rate]);
          out(
            `${fmt(written).padStart(14)}   ${mib(statSync(file).size).padStart(8)}   ${String(workers).padStart(7)}   ${fmt(rate).padStart(9)}   ${((r.fast / r.applied) * 100).toFixed(1).padStart(8)}%   ${mib(r.before).padStart(14)}   ${mib(peak).padStart(12)}   ${mib(peak - r.before).padStart(17)}`,
          );
        }
      }
      const best = (w: number): number => Math.max(...(rates.get(w) ?? [NaN]));
      const base = best(workerCounts[0]);
      out(
        `  best of ${repeat}: ${workerCounts.map((w) => `workers ${w}: ${fmt(best(w))}/s${w === workerCounts[0] ? '' : ` (${(best(w) / base).toFixed(2)}×)`}`).join(', ')}`,
      );
    }

    // The same lines without the fast path: JSON.parse + resolveEvent + apply, first 1M lines.
    if (sample) {
      const k = freshKernel(ir);
      const bounds = timeBounds(ir);
      let n = 0;
      const t = performance.now();
      outer: for await (const b of lineBatches(createReadStream(sample, { highWaterMark: 1 << 20 }))) {
        for (let i = 0; i < b.count; i++) {
          const r = resolveEvent(JSON.parse(b.buffer.toString('utf8', b.starts[i], b.ends[i])), k, bounds);
          if (!r.ok) throw new Error(r.problems[0].message);
          k.apply(r.event);
          if (++n === 1_000_000) break outer;
        }
      }
      out(
        `without the fast path (JSON.parse + resolveEvent + apply, first ${fmt(n)} lines): ${fmt((n / (performance.now() - t)) * 1000)} events/s`,
      );
    }
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
