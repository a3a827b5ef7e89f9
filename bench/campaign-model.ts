/**
 * A deterministic behaviour model of a whole campaign, shared by the scale benchmark and the
 * national run: which unit records what, day by day, over the campaign calendar. It is generic
 * over the IR (every step's tasks and deliverables, every checkpoint's items, every metric), and
 * it talks to a `UnitSink` with dense indices (the kernel's numbering, `buildPlan`), so the same
 * stream can drive the columnar kernel or one XState actor per unit.
 *
 * Behaviour, per unit (hash of its global index, so a shard of units behaves exactly as those
 * units do in an unsharded run):
 * - a weekly study session on the unit's weekday: every member's hours on every member metric
 *   (mode add: 7 hours, then 6 on the next metric); 1 member in 200 (1 in 7 in lagging units)
 *   studies half as much until the first phase has ended, then catches up in make-up sessions;
 * - on session days, unit metrics: `days` metrics add 1 (first four sessions), `percent` metrics
 *   are set (participation from the members present, awareness rising week by week);
 * - every task of a step on its window's first day plus the unit's delay (0–1 days for 70% of
 *   units, 2–4 for 20%, 5–12 for 10%), deliverables a day later, checkpoint items signed a day
 *   after the phase's last step opened (plus the delay).
 * The numbers are multiples of 0.5: exact in the kernel's Float32 member columns.
 */
import { type CampaignIR } from '@phasegate/compiler';
import { addLocalDays } from '@phasegate/compiler/calendar';

const HOUR = 3_600_000;

/** Where the model's events go: the kernel's typed entry points, or XState actors. */
export interface UnitSink {
  clock(time: number): void;
  memberFact(unit: number, metric: number, member: number, value: number, add: boolean, time: number): void;
  unitFact(unit: number, metric: number, value: number, add: boolean, time: number): void;
  task(unit: number, task: number, time: number): void;
  deliverable(unit: number, deliverable: number, time: number): void;
  signoff(unit: number, item: number, time: number): void;
}

export interface ModelOptions {
  /** Units this model drives (indices 0 .. units-1 of its sink). */
  readonly units: number;
  readonly membersPerUnit: number;
  /** Global index of unit 0 (for shards): behaviour depends on the global index only. */
  readonly firstUnit?: number;
  /** Days after the last window closes that the calendar runs on (late units catching up). */
  readonly tailDays?: number;
}

interface Action {
  readonly kind: 'task' | 'deliverable' | 'signoff';
  readonly index: number;
  /** Day index on which units with delay 0 do it. */
  readonly day: number;
}

/** 32-bit integer hash (lowbias32): uncorrelated bits from consecutive indices. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const MAX_DELAY = 12;

export class CampaignModel {
  /** Local midnight of every simulated day, epoch ms. */
  readonly days: Float64Array;
  private readonly first: number;
  private readonly units: number;
  private readonly members: number;
  private readonly actions: Action[] = [];
  /** Units by delay in days: `byDelay[d]` lists the units that act `d` days after a window opens. */
  private readonly byDelay: Int32Array[];
  private readonly lagging: Uint8Array;
  private readonly memberMetrics: { index: number; weekly: number }[] = [];
  private readonly countMetrics: number[] = [];
  private readonly percentMetrics: { index: number; participation: boolean }[] = [];
  /** The day from which weak members catch up: when the first phase's window ends. */
  private readonly catchUpDay: number;

  constructor(
    readonly ir: CampaignIR,
    options: ModelOptions,
  ) {
    this.first = options.firstUnit ?? 0;
    this.units = options.units;
    this.members = options.membersPerUnit;
    const zone = ir.timezone;
    const starts = ir.windows.map((w) => w.start);
    const ends = [...ir.windows.map((w) => w.end), ...ir.amendments.map((a) => a.end)];
    const begin = Math.min(...starts);
    const finish = addLocalDays(zone, Math.max(...ends), options.tailDays ?? 14);
    const days: number[] = [];
    for (let t = begin; t < finish; t = addLocalDays(zone, t, 1)) days.push(t);
    this.days = Float64Array.from(days);
    const dayOf = (ms: number): number => {
      let d = 0;
      while (d + 1 < days.length && days[d + 1] <= ms) d++;
      return d;
    };

    // Metric indices follow IR order, as the kernel's plan numbers them.
    ir.metrics.forEach((m, i) => {
      if (m.level === 'member') this.memberMetrics.push({ index: i, weekly: this.memberMetrics.length === 0 ? 7 : 6 });
      else if (m.unit === 'percent')
        this.percentMetrics.push({ index: i, participation: this.percentMetrics.length === 0 });
      else this.countMetrics.push(i);
    });

    let task = 0;
    let deliverable = 0;
    let item = 0;
    for (const phase of ir.phases) {
      let lastStepDay = dayOf(ir.windows[phase.window].start);
      for (const step of phase.steps) {
        const day = dayOf(ir.windows[step.window].start);
        lastStepDay = Math.max(lastStepDay, day);
        for (let i = 0; i < step.tasks.length; i++) this.actions.push({ kind: 'task', index: task++, day });
        for (let i = 0; i < step.deliverables.length; i++)
          this.actions.push({ kind: 'deliverable', index: deliverable++, day: day + 1 });
      }
      for (const cp of phase.checkpoints)
        for (let i = 0; i < cp.items.length; i++)
          this.actions.push({ kind: 'signoff', index: item++, day: lastStepDay + 1 });
    }
    const firstPhase = ir.phases[0];
    const amended = firstPhase ? ir.amendments.filter((a) => a.window === firstPhase.window) : [];
    this.catchUpDay = !firstPhase
      ? 0
      : dayOf(amended.length > 0 ? amended[amended.length - 1].end : ir.windows[firstPhase.window].end);

    this.lagging = new Uint8Array(this.units);
    const delays = new Uint8Array(this.units);
    const counts = new Int32Array(MAX_DELAY + 1);
    for (let u = 0; u < this.units; u++) {
      const h = mix32(this.first + u) % 100;
      const r = mix32((this.first + u) ^ 0x9e3779b9);
      const delay = h < 70 ? r % 2 : h < 90 ? 2 + (r % 3) : 5 + (r % 8);
      delays[u] = delay;
      this.lagging[u] = delay >= 5 ? 1 : 0;
      counts[delay]++;
    }
    this.byDelay = Array.from(counts, (n) => new Int32Array(n));
    const fill = new Int32Array(MAX_DELAY + 1);
    for (let u = 0; u < this.units; u++) this.byDelay[delays[u]][fill[delays[u]]++] = u;
  }

  /** Days from the start through the end of the first phase's window (its amendments applied). */
  firstPhaseDays(): number {
    return Math.min(this.days.length, this.catchUpDay + 1);
  }

  /** Bytes this model holds per run (to leave out of resident measures of the engine). */
  residentBytes(): number {
    return this.lagging.byteLength + this.byDelay.reduce((n, a) => n + a.byteLength, 0) + this.days.byteLength;
  }

  /** Emits the events of day `d` (not its clock event) and returns how many unit events it sent. */
  runDay(d: number, sink: UnitSink): number {
    const dayStart = this.days[d];
    let sent = 0;

    // Weekly study sessions: units whose weekday is today.
    const week = Math.floor(d / 7);
    const members = this.members;
    const catchingUp = d >= this.catchUpDay;
    const mm = this.memberMetrics;
    for (let u = (((d - this.first) % 7) + 7) % 7; u < this.units; u += 7) {
      const g = this.first + u;
      const time = dayStart + (9 + (g & 7)) * HOUR;
      const weakEvery = this.lagging[u] === 1 ? 7 : 200;
      let present = 0;
      for (let m = 0; m < members; m++) {
        const weak = mix32(g * 64 + m) % weakEvery === 0;
        const factor = weak ? (catchingUp ? 1.5 : 0.5) : 1;
        if (!weak) present++;
        for (let i = 0; i < mm.length; i++) sink.memberFact(u, mm[i].index, m, mm[i].weekly * factor, true, time);
        sent += mm.length;
      }
      if (week < 4) {
        for (let i = 0; i < this.countMetrics.length; i++) sink.unitFact(u, this.countMetrics[i], 1, true, time + HOUR);
        sent += this.countMetrics.length;
      }
      for (const p of this.percentMetrics) {
        const value = p.participation
          ? members === 0
            ? 100
            : Math.min(100, 90 + Math.round((present * 10) / members))
          : Math.min(95, 70 + 3 * week);
        sink.unitFact(u, p.index, value, false, time + HOUR);
        sent++;
      }
    }

    // Tasks, deliverables and sign-offs: each unit acts on the action's day plus its delay.
    const time = dayStart + 10 * HOUR;
    for (const a of this.actions) {
      const delay = d - a.day;
      if (delay < 0 || delay > MAX_DELAY) continue;
      const list = this.byDelay[delay];
      if (a.kind === 'task') for (let i = 0; i < list.length; i++) sink.task(list[i], a.index, time);
      else if (a.kind === 'deliverable') for (let i = 0; i < list.length; i++) sink.deliverable(list[i], a.index, time);
      else for (let i = 0; i < list.length; i++) sink.signoff(list[i], a.index, time + HOUR);
      sent += list.length;
    }
    return sent;
  }
}
