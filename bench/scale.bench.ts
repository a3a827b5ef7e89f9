/**
 * Scale: the reference campaign (dsl-examples/first-batch.phase, 20 members per unit) run over its
 * whole calendar, day by day, at 10k, 100k and 1M units, through the kernel's typed entry points
 * (`applyMemberFact`, `applyTask`, … — numbers in, nothing allocated per event). Per size:
 * - unit events/s: the model's events (campaign-model.ts: weekly study records per member, unit
 *   metrics, tasks, deliverables, sign-offs), in the order a day's log would carry them;
 * - random-order events/s: member facts to random units (no locality at all: the memory floor);
 * - ms per simulated day: the day's clock event with the settles it causes (mean, and the worst
 *   day: a window edge, where every unit is settled);
 * - bytes per unit and per member: resident (heap + array buffers, after gc, around building and
 *   registering) and computed from the column sizes; again after the whole calendar has run;
 * - RSS of the process right after the run, the kernel still alive (and, at the end, the peak RSS
 *   of the process: with other benchmarks before it in one process, that peak may be theirs).
 * Then the baseline, side by side in the same run: one XState actor per unit
 * (`createActor(createUnitMachine(ir))`, `send` per event) at 10k units, against a fresh kernel on
 * exactly the same events (the first phase of the calendar), and the ratio.
 *
 * `npm run bench -- scale` (add `--scale-sizes=10000,100000` to choose sizes).
 */
import { readFileSync } from 'node:fs';
import { compileSource, type CampaignIR } from '@phasegate/compiler';
import { createUnitMachine } from '@phasegate/compiler/machine';
import { Kernel } from '@phasegate/runtime/kernel';
import { createActor as xstateCreateActor } from 'xstate';
import { CampaignModel, mix32, type UnitSink } from './campaign-model.js';

const MEMBERS = 20;
const BASELINE_UNITS = 10_000;

type Out = (line: string) => void;
const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
};
const resident = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const peakRssMiB = (): number => process.resourceUsage().maxRSS / 1024;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The kernel's typed entry points as a sink. */
class KernelSink implements UnitSink {
  constructor(readonly k: Kernel) {}
  clock(time: number): void {
    this.k.apply({ kind: 'clock', time });
  }
  memberFact(u: number, metric: number, member: number, value: number, add: boolean, time: number): void {
    this.k.applyMemberFact(u, metric, member, value, add, time);
  }
  unitFact(u: number, metric: number, value: number, add: boolean, time: number): void {
    this.k.applyUnitFact(u, metric, value, add, time);
  }
  task(u: number, task: number, time: number): void {
    this.k.applyTask(u, task, time);
  }
  deliverable(u: number, deliverable: number, time: number): void {
    this.k.applyDeliverable(u, deliverable, time);
  }
  signoff(u: number, item: number, time: number): void {
    this.k.applySignoff(u, item, true, time);
  }
}

interface Actor {
  send(event: unknown): void;
}
type CreateActor = (machine: unknown, options: { input: { members: number } }) => { start(): Actor };

/** The obvious design: one XState actor per unit, an event object per `send`. */
class ActorSink implements UnitSink {
  readonly actors: Actor[];
  private readonly metrics: string[];
  private readonly tasks: string[];
  private readonly deliverables: string[];
  private readonly items: { checkpoint: string; item: string }[];
  constructor(ir: CampaignIR, createActor: CreateActor, units: number) {
    const machine = createUnitMachine(ir);
    this.actors = Array.from({ length: units }, () => createActor(machine, { input: { members: MEMBERS } }).start());
    this.metrics = ir.metrics.map((m) => m.id);
    this.tasks = ir.phases.flatMap((p) => p.steps.flatMap((s) => s.tasks.map((t) => t.id)));
    this.deliverables = ir.phases.flatMap((p) => p.steps.flatMap((s) => s.deliverables.map((d) => d.id)));
    this.items = ir.phases.flatMap((p) =>
      p.checkpoints.flatMap((c) => c.items.map((i) => ({ checkpoint: c.id, item: i.id }))),
    );
  }
  clock(time: number): void {
    for (const a of this.actors) a.send({ type: 'clock', time });
  }
  memberFact(u: number, metric: number, member: number, value: number, add: boolean, time: number): void {
    this.actors[u].send({ type: 'fact', time, metric: this.metrics[metric], member, value, mode: add ? 'add' : 'set' });
  }
  unitFact(u: number, metric: number, value: number, add: boolean, time: number): void {
    this.actors[u].send({ type: 'fact', time, metric: this.metrics[metric], value, mode: add ? 'add' : 'set' });
  }
  task(u: number, task: number, time: number): void {
    this.actors[u].send({ type: 'task', time, task: this.tasks[task] });
  }
  deliverable(u: number, deliverable: number, time: number): void {
    this.actors[u].send({ type: 'deliverable', time, deliverable: this.deliverables[deliverable] });
  }
  signoff(u: number, item: number, time: number): void {
    const it = this.items[item];
    this.actors[u].send({ type: 'signoff', time, checkpoint: it.checkpoint, item: it.item });
  }
}

interface RunFigures {
  events: number;
  eventMs: number;
  days: number;
  clockMs: number;
  worstDayMs: number;
}

/** Runs days `[0, days)` of the model into a sink, timing events and clock events apart. */
function runCalendar(model: CampaignModel, sink: UnitSink, days: number): RunFigures {
  let events = 0;
  let eventMs = 0;
  let clockMs = 0;
  let worstDayMs = 0;
  for (let d = 0; d < days; d++) {
    let t = performance.now();
    sink.clock(model.days[d]);
    const c = performance.now() - t;
    clockMs += c;
    if (c > worstDayMs) worstDayMs = c;
    t = performance.now();
    events += model.runDay(d, sink);
    eventMs += performance.now() - t;
  }
  return { events, eventMs, days, clockMs, worstDayMs };
}

function buildKernel(ir: CampaignIR, units: number): Kernel {
  const k = new Kernel(ir);
  // Registered in chunks so that the entry objects stay small garbage, not part of the measure.
  k.cols.reserve(units, units * MEMBERS);
  k.ledger.reserve(units);
  const chunk = 65_536;
  for (let from = 0; from < units; from += chunk) {
    const n = Math.min(chunk, units - from);
    k.register(Array.from({ length: n }, (_, i) => ({ id: `u${from + i}`, members: MEMBERS, memberIds: null })));
  }
  return k;
}

/** Member facts to uniformly random units and members, after the calendar: the no-locality floor. */
function randomOrder(k: Kernel, events: number): number {
  const n = k.unitCount;
  const metric = k.plan.metrics.findIndex((m) => m.level === 'member');
  const time = k.latest;
  let x = 0x2545f491;
  const t = performance.now();
  for (let i = 0; i < events; i++) {
    x = mix32(x + i);
    k.applyMemberFact(x % n, metric, (x >>> 24) % MEMBERS, 0.5, true, time);
  }
  return (events / (performance.now() - t)) * 1000;
}

function sizesFromArgs(): number[] {
  const arg = process.argv.find((a) => a.startsWith('--scale-sizes='));
  if (!arg) return [10_000, 100_000, 1_000_000];
  return arg
    .slice('--scale-sizes='.length)
    .split(',')
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n > 0);
}

export default function bench(out: Out): Promise<void> {
  const source = readFileSync(new URL('../dsl-examples/first-batch.phase', import.meta.url), 'utf8');
  const { ir } = compileSource(source, 'first-batch.phase');
  if (!ir) throw new Error('the reference campaign does not compile');
  const createActor = xstateCreateActor as unknown as CreateActor;

  out(
    `reference campaign, ${MEMBERS} members per unit, whole calendar day by day; kernel through its typed entry points`,
  );
  out(
    'units      events      unit ev/s  random ev/s  ms/day mean  ms/day worst  B/unit res  B/unit cols  B/member  B/unit after run  RSS MiB',
  );
  for (const units of sizesFromArgs()) {
    gc();
    const before = resident();
    let k: Kernel | null = buildKernel(ir, units);
    gc();
    const built = resident() - before;
    const memberBytes = k.cols.member.reduce((n, col) => n + col.byteLength, 0);
    const members = k.cols.memberCount;
    const computed = k.cols.bytesPer();

    const model = new CampaignModel(ir, { units, membersPerUnit: MEMBERS });
    const run = runCalendar(model, new KernelSink(k), model.days.length);
    gc();
    const after = resident() - before - model.residentBytes();
    const random = randomOrder(k, Math.min(20_000_000, units * 100));
    out(
      [
        fmt(units).padStart(9),
        fmt(run.events).padStart(12),
        fmt((run.events / run.eventMs) * 1000).padStart(12),
        fmt(random).padStart(12),
        (run.clockMs / run.days).toFixed(2).padStart(12),
        run.worstDayMs.toFixed(1).padStart(13),
        ((built - memberBytes) / units).toFixed(0).padStart(11),
        String(computed.unit).padStart(12),
        (memberBytes / members).toFixed(1).padStart(9),
        ((after - memberBytes) / units).toFixed(0).padStart(17),
        (process.memoryUsage().rss / 2 ** 20).toFixed(0).padStart(8),
      ].join(' '),
    );
    out(`           summary: ${summaryLine(k)}`);
    // eslint-disable-next-line no-useless-assignment -- on purpose: drops the kernel so that gc() frees it before the next size
    k = null;
    gc();
  }

  // Baseline: the same events, first phase of the calendar, 10k units, side by side.
  const model = new CampaignModel(ir, { units: BASELINE_UNITS, membersPerUnit: MEMBERS });
  const days = model.firstPhaseDays();
  // The kernel's figure is the median of three fresh runs: the machine is shared and noisy, and a
  // single sub-second run is at the mercy of one GC or one neighbour (the baseline runs ~15 s).
  const kernelRuns = [0, 1, 2].map(() => runCalendar(model, new KernelSink(buildKernel(ir, BASELINE_UNITS)), days));
  const kernelRun = kernelRuns.sort((a, b) => a.eventMs - b.eventMs)[1];
  gc();
  const before = resident();
  const actors = new ActorSink(ir, createActor, BASELINE_UNITS);
  gc();
  const perActor = (resident() - before) / BASELINE_UNITS;
  const actorRun = runCalendar(model, actors, days);
  const kernelRate = (kernelRun.events / kernelRun.eventMs) * 1000;
  const actorRate = (actorRun.events / actorRun.eventMs) * 1000;
  out('');
  out(
    `baseline: ${fmt(BASELINE_UNITS)} units, the first ${days} days (${fmt(actorRun.events)} unit events, the same for both)`,
  );
  out('engine                      unit ev/s   ms/day mean   bytes per unit (resident)');
  out(
    `XState actor per unit   ${fmt(actorRate).padStart(12)}   ${(actorRun.clockMs / days).toFixed(2).padStart(11)}   ${fmt(perActor).padStart(8)}`,
  );
  out(
    `kernel, typed entries   ${fmt(kernelRate).padStart(12)}   ${(kernelRun.clockMs / days).toFixed(2).padStart(11)}`,
  );
  out(
    `ratio: the kernel is ${(kernelRate / actorRate).toFixed(0)}× the actor-per-unit baseline on unit events (target ≥ 40×), ${(actorRun.clockMs / Math.max(1e-6, kernelRun.clockMs)).toFixed(0)}× on clock days`,
  );
  out(`peak RSS of this process so far: ${peakRssMiB().toFixed(0)} MiB`);
  return Promise.resolve();
}

/** Units per summary position at the end of the run, for a glance that the model behaves. */
function summaryLine(k: Kernel): string {
  const parts: string[] = [];
  k.plan.positions.forEach((p, pos) => {
    let n = 0;
    for (let sub = 0; sub < 4; sub++) n += k.counts[pos * 4 + sub];
    if (n > 0) parts.push(`${p.path} ${fmt(n)}`);
  });
  const late = k.ir.phases.map((p, i) => {
    let n = 0;
    for (let u = 0; u < k.unitCount; u++) if (k.transferredLate(u, i)) n++;
    return `${p.id} ${fmt(n)}`;
  });
  return `${parts.join(', ')}; left late: ${late.join(', ')}`;
}
