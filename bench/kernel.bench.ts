/**
 * The execution kernel: fact events per second applied to 10k and 100k units with members, side
 * by side with one XState actor per unit (the compiler's reference machine, `actor.send`), and
 * the bytes each holds per unit and per member. Ratios are the point: absolute figures move with
 * the machine.
 *
 * Where a unit stands matters: at a step, a fact cannot change anything the step reads (its
 * requirement is tasks and deliverables), so only the member counters move; at transfer a fact
 * re-evaluates the phase's gates and checkpoints when it moves a counter (a member crossing 45
 * hours) or changes a unit metric they read — the last column forces that on every event.
 *
 * Side by side, in the same run, with the kernel before the semantics module (commit BEFORE: its
 * own comparisons, 32-bit member values, maintained sums), from a checkout under node_modules/.cache:
 * the same streams through both, interleaved three times, medians.
 *
 * `PHASEGATE_BENCH_NATIONAL=1` also runs the national target: 3.5 M units, 70 M members.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileSource, type CampaignIR, type UnitEvent } from '@phasegate/compiler';
import { createUnitMachine } from '@phasegate/compiler/machine';
import { Kernel, type KernelEvent } from '@phasegate/runtime/kernel';
import { createActor } from 'xstate';
import { checkoutBefore } from './before.js';

/** The last commit before the kernel called the semantics module for every rule. */
const BEFORE = 'c63d5252dcf9';

/** What the benchmark needs of a kernel: today's, or the one at BEFORE. */
type KernelClass = new (ir: CampaignIR) => Kernel;

const source = readFileSync(new URL('../dsl-examples/first-batch.phase', import.meta.url), 'utf8');
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const memory = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const MEMBERS = 20;
const START = Date.parse('2005-02-23T09:00:00+08:00');
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A deterministic stream of member facts: unit, member, value (hours, added), time (1 s apart). */
function factStream(units: number, count: number, seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const unit = new Uint32Array(count);
  const member = new Uint8Array(count);
  const value = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    unit[i] = Math.floor(next() * units);
    member[i] = Math.floor(next() * MEMBERS);
    value[i] = 0.5 * (1 + Math.floor(next() * 4));
  }
  return { unit, member, value, count, time: (i: number) => START + i * 1000 };
}

/** Everything the study phase's steps ask, so that units wait at transfer (gates unmet). */
function toTransfer(ir: CampaignIR, k: Kernel): void {
  const time = Date.parse('2005-02-24T10:00:00+08:00');
  const phase = ir.phases[0];
  for (let u = 0; u < k.unitCount; u++) {
    for (const step of phase.steps) {
      for (const t of step.tasks) k.apply({ kind: 'task', time, unit: u, task: k.plan.taskIndex.get(t.id)! });
      for (const d of step.deliverables)
        k.apply({ kind: 'deliverable', time, unit: u, deliverable: k.plan.deliverableIndex.get(d.id)! });
    }
  }
  k.apply({ kind: 'clock', time: Date.parse('2005-03-13T09:00:00+08:00') });
}

function unitEvents(ir: CampaignIR): UnitEvent[] {
  const time = Date.parse('2005-02-24T10:00:00+08:00');
  const phase = ir.phases[0];
  return [
    ...phase.steps.flatMap((s) => [
      ...s.tasks.map((t): UnitEvent => ({ type: 'task', time, task: t.id })),
      ...s.deliverables.map((d): UnitEvent => ({ type: 'deliverable', time, deliverable: d.id })),
    ]),
    { type: 'clock', time: Date.parse('2005-03-13T09:00:00+08:00') },
  ];
}

interface KernelRun {
  readonly stepRate: number;
  readonly sessionRate: number;
  readonly transferRate: number;
  readonly evaluateRate: number;
  readonly batchedRate: number;
  readonly unitBytes: number;
  readonly memberBytes: number;
  readonly measuredPerUnit: number;
}

function runKernel(ir: CampaignIR, units: number, events: number, Engine: KernelClass = Kernel): KernelRun {
  const before = memory();
  const k = new Engine(ir);
  const t0 = performance.now();
  const batch = 10_000;
  for (let i = 0; i < units; i += batch) {
    k.register(
      Array.from({ length: Math.min(batch, units - i) }, (_, j) => ({
        id: `u${i + j}`,
        members: MEMBERS,
        memberIds: null,
      })),
    );
  }
  const registerMs = performance.now() - t0;
  const measuredPerUnit = (memory() - before) / units;
  const layout = k.cols.bytesPer();
  const metric = k.plan.metricIndex.get('study_hours')!;
  const s = factStream(units, events, units);

  // 1. At a step: the direct entry point, no journal (simulation, replay).
  let t = performance.now();
  for (let i = 0; i < s.count; i++) k.applyMemberFact(s.unit[i], metric, s.member[i], s.value[i], true, s.time(i));
  const stepRate = s.count / ((performance.now() - t) / 1000);

  // 1b. The same, as units record a study session: all of a unit's members in a row, units in random order.
  const sessions = Math.floor(events / MEMBERS);
  const base1 = s.time(s.count);
  t = performance.now();
  for (let i = 0; i < sessions; i++) {
    const u = s.unit[i];
    const time = base1 + i * 1000;
    for (let m = 0; m < MEMBERS; m++) k.applyMemberFact(u, metric, m, 0.5, true, time);
  }
  const sessionRate = (sessions * MEMBERS) / ((performance.now() - t) / 1000);

  // 2. At transfer: every fact re-evaluates the gates, in journaled batches of 1000 as `ingest` runs them.
  toTransfer(ir, k);
  const s2 = factStream(units, events, units + 1);
  const base = Date.parse('2005-03-13T10:00:00+08:00');
  t = performance.now();
  for (let i = 0; i < s2.count; i++)
    k.applyMemberFact(s2.unit[i], metric, s2.member[i], s2.value[i] / 100, true, base + i);
  const transferRate = s2.count / ((performance.now() - t) / 1000);

  // 3. At transfer, a unit metric the gates read, changed by every event: every event re-evaluates.
  const rate = k.plan.metricIndex.get('participation_rate')!;
  const base3 = base + s2.count;
  t = performance.now();
  for (let i = 0; i < s2.count; i++) k.applyUnitFact(s2.unit[i], rate, 90 + (i & 7), false, base3 + i);
  const evaluateRate = s2.count / ((performance.now() - t) / 1000);

  const objects: KernelEvent[] = Array.from({ length: Math.min(events, 1_000_000) }, (_, i) => ({
    kind: 'fact',
    time: base3 + events + i,
    unit: s2.unit[i],
    metric,
    member: s2.member[i],
    value: s2.value[i] / 100,
    add: true,
  }));
  t = performance.now();
  for (let i = 0; i < objects.length; i += 1000) {
    k.begin();
    for (let j = i; j < i + 1000 && j < objects.length; j++) k.apply(objects[j]);
    k.commit();
  }
  const batchedRate = objects.length / ((performance.now() - t) / 1000);
  void registerMs;
  return {
    stepRate,
    sessionRate,
    transferRate,
    evaluateRate,
    batchedRate,
    unitBytes: layout.unit,
    memberBytes: layout.member,
    measuredPerUnit,
  };
}

interface XStateRun {
  readonly stepRate: number;
  readonly transferRate: number | null;
  readonly perUnit: number;
}

function runXState(ir: CampaignIR, units: number, events: number, transfer: boolean): XStateRun {
  const machine = createUnitMachine(ir);
  const before = memory();
  const actors: ReturnType<typeof createActor>[] = [];
  for (let u = 0; u < units; u++) actors.push(createActor(machine, { input: { members: MEMBERS } }).start());
  const perUnit = (memory() - before) / units;
  const s = factStream(units, events, units);
  let t = performance.now();
  for (let i = 0; i < s.count; i++)
    actors[s.unit[i]].send({
      type: 'fact',
      time: s.time(i),
      metric: 'study_hours',
      member: s.member[i],
      value: s.value[i],
      mode: 'add',
    });
  const stepRate = s.count / ((performance.now() - t) / 1000);
  let transferRate: number | null = null;
  if (transfer) {
    const setup = unitEvents(ir);
    for (const a of actors) for (const e of setup) a.send(e);
    const s2 = factStream(units, events, units + 1);
    const base = Date.parse('2005-03-13T10:00:00+08:00');
    t = performance.now();
    for (let i = 0; i < s2.count; i++)
      actors[s2.unit[i]].send({
        type: 'fact',
        time: base + i,
        metric: 'study_hours',
        member: s2.member[i],
        value: s2.value[i] / 100,
        mode: 'add',
      });
    transferRate = s2.count / ((performance.now() - t) / 1000);
  }
  if (actors.length !== units) throw new Error('unreachable: keeps the actors alive until measured');
  return { stepRate, transferRate, perUnit };
}

export default async function bench(out: (line: string) => void): Promise<void> {
  const { ir } = compileSource(source, 'first-batch.phase');
  if (!ir) throw new Error('the reference campaign does not compile');
  out(
    `kernel vs one XState actor per unit — reference campaign, ${MEMBERS} members per unit, member facts (study_hours, add)`,
  );
  out('');
  out("(at step: facts in random unit order; sessions: a unit's members in a row, as a session is recorded)");
  out(
    'units     engine   events      at step ev/s   sessions ev/s   at transfer ev/s   re-evaluating ev/s   journaled batches ev/s   bytes/unit   bytes/member',
  );
  const rows: { units: number; k: KernelRun; x: XStateRun }[] = [];
  for (const units of [10_000, 100_000]) {
    const k = runKernel(ir, units, 5_000_000);
    gc();
    const x = runXState(ir, units, units === 10_000 ? 200_000 : 100_000, units === 10_000);
    gc();
    rows.push({ units, k, x });
    out(
      `${fmt(units).padStart(7)}   kernel   ${fmt(5_000_000).padStart(9)}   ${fmt(k.stepRate).padStart(14)}   ${fmt(k.sessionRate).padStart(13)}   ${fmt(k.transferRate).padStart(16)}   ${fmt(k.evaluateRate).padStart(18)}   ${fmt(k.batchedRate).padStart(22)}   ${String(k.unitBytes).padStart(10)}   ${String(k.memberBytes).padStart(12)}`,
    );
    out(
      `${fmt(units).padStart(7)}   xstate   ${fmt(units === 10_000 ? 200_000 : 100_000).padStart(9)}   ${fmt(x.stepRate).padStart(14)}   ${'-'.padStart(13)}   ${(x.transferRate === null ? '-' : fmt(x.transferRate)).padStart(16)}   ${'-'.padStart(18)}   ${'-'.padStart(22)}   ${fmt(x.perUnit).padStart(10)}   ${'(in unit)'.padStart(12)}`,
    );
  }
  out('');
  for (const { units, k, x } of rows) {
    out(
      `${fmt(units)} units: kernel/xstate events per second ×${fmt(k.stepRate / x.stepRate)} at a step${x.transferRate ? `, ×${fmt(k.transferRate / x.transferRate)} at transfer` : ''}; ` +
        `memory per unit with its ${MEMBERS} members: kernel ${fmt(k.measuredPerUnit)} B measured (${k.unitBytes} + ${MEMBERS} × ${k.memberBytes} B of columns, the rest ids and spare capacity), xstate ${fmt(x.perUnit)} B before any fact — ×${(x.perUnit / k.measuredPerUnit).toFixed(0)}`,
    );
  }
  const { k } = rows[0];
  out('');
  out(
    `national target (3.5 M units, 70 M members): columns ${fmt((3_500_000 * k.unitBytes + 70_000_000 * k.memberBytes) / 2 ** 20)} MiB ` +
      `(${k.unitBytes} B/unit ≤ 150, ${k.memberBytes} B/member ≤ 12); target rate 10 M unit events/s, measured at 100k units ${(rows[1].k.stepRate / 1e6).toFixed(1)} M/s in random order, ${(rows[1].k.sessionRate / 1e6).toFixed(1)} M/s by session, ${(rows[1].k.evaluateRate / 1e6).toFixed(1)} M/s re-evaluating every event, on one core`,
  );

  out('');
  await compareBefore(ir, out);

  if (process.env.PHASEGATE_BENCH_NATIONAL === '1') {
    out('');
    const t = performance.now();
    const national = runKernel(ir, 3_500_000, 20_000_000);
    out(
      `national run: 3.5 M units × ${MEMBERS} members, 20 M facts: at step ${fmt(national.stepRate)} ev/s, by session ${fmt(national.sessionRate)} ev/s, at transfer ${fmt(national.transferRate)} ev/s, re-evaluating ${fmt(national.evaluateRate)} ev/s, ` +
        `${fmt(national.measuredPerUnit)} B per unit measured (with members), ${((performance.now() - t) / 1000).toFixed(0)} s in all`,
    );
  }
}

/** Today's kernel and the kernel at BEFORE on the same streams, interleaved (see the module comment). */
export async function compareBefore(ir: CampaignIR, out: (line: string) => void): Promise<void> {
  const old = checkoutBefore(BEFORE);
  if ('why' in old) out(`(the kernel before, ${BEFORE}, was not measured: ${old.why})`);
  else {
    const url = pathToFileURL(join(old.dir, 'packages/runtime/src/kernel/kernel.ts')).href;
    const { Kernel: Before } = (await import(url)) as { Kernel: KernelClass };
    out(
      `today's kernel vs the kernel before the semantics module (${BEFORE}), 100,000 units, 5 M events each, interleaved, medians of 3:`,
    );
    const today: KernelRun[] = [];
    const then: KernelRun[] = [];
    for (let i = 0; i < 3; i++) {
      today.push(runKernel(ir, 100_000, 5_000_000));
      gc();
      then.push(runKernel(ir, 100_000, 5_000_000, Before));
      gc();
    }
    const med = (runs: KernelRun[], f: (r: KernelRun) => number): number => runs.map(f).sort((a, b) => a - b)[1];
    const columns: [string, (r: KernelRun) => number][] = [
      ['at step', (r) => r.stepRate],
      ['sessions', (r) => r.sessionRate],
      ['at transfer', (r) => r.transferRate],
      ['re-evaluating', (r) => r.evaluateRate],
      ['journaled batches', (r) => r.batchedRate],
    ];
    for (const [name, f] of columns) {
      const a = med(today, f);
      const b = med(then, f);
      out(
        `  ${name.padEnd(18)} today ${fmt(a).padStart(12)} ev/s   before ${fmt(b).padStart(12)} ev/s   today/before ${(a / b).toFixed(2)}`,
      );
    }
    out(`  bytes per member   today ${today[0].memberBytes}   before ${then[0].memberBytes}`);
  }
}
