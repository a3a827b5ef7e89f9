/**
 * One shard of the national run (national.bench.ts), in a worker thread: its own kernel over a
 * contiguous range of units, driven by the campaign model over the whole calendar, day by day
 * (the day's clock event, then the day's records). Units never interact, so shards need no
 * coordination; the calendar is the campaign's and the same in every shard.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSource } from '@phasegate/compiler';
import { Kernel, summaryStateOf } from '@phasegate/runtime/kernel';
import { CampaignModel } from './campaign-model.js';

export interface ShardInput {
  readonly source: string;
  readonly firstUnit: number;
  readonly units: number;
  readonly members: number;
  /** Post progress every this many simulated days. */
  readonly reportEvery: number;
}

export type ShardMessage =
  | { readonly type: 'built'; readonly ms: number }
  | { readonly type: 'progress'; readonly day: number; readonly events: number }
  | {
      readonly type: 'done';
      readonly buildMs: number;
      readonly runMs: number;
      readonly clockMs: number;
      readonly events: number;
      readonly days: number;
      readonly byState: Record<string, number>;
      readonly byPosition: Record<string, number>;
      readonly lateByPhase: Record<string, number>;
      readonly bytesPerUnit: number;
      readonly bytesPerMember: number;
    };

const input = workerData as ShardInput;
const post = (m: ShardMessage): void => parentPort!.postMessage(m);

const { ir } = compileSource(input.source, 'campaign.phase');
if (!ir) throw new Error('the campaign does not compile');

let t = performance.now();
const k = new Kernel(ir);
k.cols.reserve(input.units, input.units * input.members);
k.ledger.reserve(input.units);
const chunk = 65_536;
for (let from = 0; from < input.units; from += chunk) {
  const n = Math.min(chunk, input.units - from);
  // Ids as a real roster would carry them: one string per unit (the directory keeps ~45 B each).
  k.register(
    Array.from({ length: n }, (_, i) => ({
      id: `org-${input.firstUnit + from + i}`,
      members: input.members,
      memberIds: null,
    })),
  );
}
const buildMs = performance.now() - t;
post({ type: 'built', ms: buildMs });

const model = new CampaignModel(ir, { units: input.units, membersPerUnit: input.members, firstUnit: input.firstUnit });
const sink = {
  clock: (time: number) => k.apply({ kind: 'clock', time }),
  memberFact: (u: number, metric: number, member: number, value: number, add: boolean, time: number) =>
    k.applyMemberFact(u, metric, member, value, add, time),
  unitFact: (u: number, metric: number, value: number, add: boolean, time: number) =>
    k.applyUnitFact(u, metric, value, add, time),
  task: (u: number, task: number, time: number) => k.applyTask(u, task, time),
  deliverable: (u: number, deliverable: number, time: number) => k.applyDeliverable(u, deliverable, time),
  signoff: (u: number, item: number, time: number) => k.applySignoff(u, item, true, time),
};

t = performance.now();
let events = 0;
let clockMs = 0;
for (let d = 0; d < model.days.length; d++) {
  const c = performance.now();
  sink.clock(model.days[d]);
  clockMs += performance.now() - c;
  events += model.runDay(d, sink);
  if ((d + 1) % input.reportEvery === 0) post({ type: 'progress', day: d + 1, events });
}
const runMs = performance.now() - t;

const byState: Record<string, number> = {};
const byPosition: Record<string, number> = {};
k.plan.positions.forEach((p, pos) => {
  for (let sub = 0; sub < 4; sub++) {
    const n = k.counts[pos * 4 + sub];
    if (n === 0) continue;
    const state = summaryStateOf(k, pos, sub);
    byState[state] = (byState[state] ?? 0) + n;
    byPosition[p.path] = (byPosition[p.path] ?? 0) + n;
  }
});
const lateByPhase: Record<string, number> = {};
ir.phases.forEach((p, i) => {
  let n = 0;
  for (let u = 0; u < k.unitCount; u++) if (k.transferredLate(u, i)) n++;
  lateByPhase[p.id] = n;
});
const sizes = k.cols.bytesPer();
post({
  type: 'done',
  buildMs,
  runMs,
  clockMs,
  events,
  days: model.days.length,
  byState,
  byPosition,
  lateByPhase,
  bytesPerUnit: sizes.unit,
  bytesPerMember: sizes.member,
});
