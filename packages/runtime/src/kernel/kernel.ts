import { COMPLETED_STATE, type CampaignIR, type ConditionIR } from '@phasegate/compiler';
import {
  compareByCode,
  opCode,
  thresholdInThousandths,
  toThousandths,
  OPEN,
  OVERDUE,
  stepSubstateCode,
  STEP_SUBSTATES,
  transferSubstateCode,
  WAITING,
} from '@phasegate/compiler/semantics';
import { Calendar } from './calendar.js';
import { UnitColumns, type TypedArray } from './columns.js';
import { ConditionCompiler, type UnitTest } from './compile-condition.js';
import type { KernelEvent } from './events.js';
import { ObligationLedger } from './obligations.js';
import { buildPlan, stateCode, type Plan } from './plan.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot.js';
import { UnitDirectory, type UnitEntry } from './units.js';

/** Told about every unit whose state code (position × 4 + substate) changed. */
export type TransitionSink = (unit: number, from: number, to: number) => void;

const KIND_STEP = 0;
const KIND_TRANSFER = 1;
const KIND_COMPLETED = 2;

/**
 * The execution kernel: every unit of a campaign advanced per docs/semantics.md, in columns.
 *
 * One campaign clock (the latest `clock`/`amend` time, events that go to every unit) plus, per unit,
 * the latest time of an event sent to it alone: the unit's `now` is the larger of the two, which is
 * exactly the reference machine's `now = max(now, event.time)` over the events that unit received.
 * A clock event costs O(1) unless it crosses a window edge or an amendment's effective time; then
 * every unit is settled once.
 *
 * Batches: between `begin()` and `commit()` every overwritten cell is journaled (array, index, old
 * value), so `rollback()` undoes a batch in time proportional to what it changed, not to the
 * campaign, and the hot path pays a few stores per event for it.
 *
 * @example
 * const k = new Kernel(ir);
 * k.register([{ id: 'edu', members: 148, memberIds: null }]);
 * k.apply({ kind: 'task', unit: 0, task: k.plan.taskIndex.get('expert_talk')!, time: Date.parse('2005-02-24T09:00+08:00') });
 * k.machineState(0); // 'study.four_talks.open'
 */
export class Kernel {
  readonly plan: Plan;
  readonly calendar: Calendar;
  readonly conditions: ConditionCompiler;
  readonly cols: UnitColumns;
  readonly ledger: ObligationLedger;
  readonly units = new UnitDirectory();
  /** The campaign clock: the latest time of an event sent to every unit. */
  clock = -Infinity;
  /** The latest time of any applied event (the runtime's "as of"). */
  latest = -Infinity;
  sink: TransitionSink | null = null;

  /** Per position: its criteria (step requirement, or every gate and checkpoint at transfer). */
  readonly criteria: readonly UnitTest[];
  /** Per position: the gates' and checkpoints' tests, for explanations. */
  private readonly posKind: Uint8Array;
  private readonly posWindow: Int32Array;
  private readonly posPhaseWindow: Int32Array;
  private readonly posPhase: Int32Array;
  /** `reads[pos * metrics + metric]`: a fact on that metric can change that position's criteria. */
  private readonly reads: Uint8Array;
  /** Units per state code: the summary in O(positions). */
  readonly counts: Float64Array;
  /** Per metric: its column among the metrics of its level. */
  private readonly metricColumn: Int32Array;
  private readonly metricCount: number;
  /**
   * Member comparisons flattened for the hot path: those on member column `m` are
   * `cmpStart[m] .. cmpStart[m + 1]`, each with its operator code, threshold and counter index.
   */
  private readonly cmpStart: Int32Array;
  private readonly cmpOp: Uint8Array;
  private readonly cmpValue: Float64Array;
  private readonly cmpIndex: Int32Array;

  /** Per member column: 1 when a `total`/`average`/`min`/`max` reads its values directly. */
  private readonly rawColumn: Uint8Array;

  // The undo journal of an open batch: one entry per overwritten cell (array id, index, old value).
  private journaling = false;
  private jArray: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private jIndex: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private jOld: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private jCount = 0;
  private undos: (() => void)[] = [];
  private savedClock = -Infinity;
  private savedLatest = -Infinity;

  constructor(readonly ir: CampaignIR) {
    this.plan = buildPlan(ir);
    this.calendar = new Calendar(ir);
    this.conditions = new ConditionCompiler(this.plan);
    this.cols = new UnitColumns(this.plan, this.conditions.comparisons.length);
    this.ledger = new ObligationLedger(ir, (fn) => {
      if (this.journaling) this.undos.push(fn);
    });
    const positions = this.plan.positions;
    this.posKind = Uint8Array.from(positions, (p) =>
      p.kind === 'step' ? KIND_STEP : p.kind === 'transfer' ? KIND_TRANSFER : KIND_COMPLETED,
    );
    this.posWindow = Int32Array.from(positions, (p) => p.window);
    this.posPhaseWindow = Int32Array.from(positions, (p) => p.phaseWindow);
    this.posPhase = Int32Array.from(positions, (p) => p.phase);
    this.criteria = positions.map((p) => {
      if (p.kind === 'completed') return () => true;
      if (p.kind === 'step') return this.conditions.requirement(p.stepIr!.requirement);
      const phase = p.phaseIr!;
      const tests: UnitTest[] = phase.gates.map((g) => this.conditions.condition(g.condition));
      for (const cp of phase.checkpoints) tests.push(this.checkpointTest(this.plan.checkpointIndex.get(cp.id)!));
      return (c, u) => {
        for (let i = 0; i < tests.length; i++) if (!tests[i](c, u)) return false;
        return true;
      };
    });
    const metricCount = this.plan.metrics.length;
    this.reads = new Uint8Array(positions.length * Math.max(1, metricCount));
    positions.forEach((p, code) => {
      for (const id of p.reads) this.reads[code * metricCount + this.plan.metricIndex.get(id)!] = 1;
    });
    this.counts = new Float64Array(positions.length * 4);
    this.metricCount = metricCount;
    this.metricColumn = Int32Array.from(this.plan.metrics, (m) => m.column);
    const byColumn = this.conditions.comparisonsByColumn;
    this.cmpStart = new Int32Array(byColumn.length + 1);
    byColumn.forEach((ks, m) => (this.cmpStart[m + 1] = this.cmpStart[m] + ks.length));
    const flat = byColumn.flat();
    this.cmpIndex = Int32Array.from(flat);
    this.cmpOp = Uint8Array.from(flat, (k) => opCode(this.conditions.comparisons[k].op));
    // Member values are held in thousandths, so the thresholds they are compared with are too.
    this.cmpValue = Float64Array.from(flat, (k) => thresholdInThousandths(this.conditions.comparisons[k].value));
    this.rawColumn = new Uint8Array(this.plan.memberMetricCount);
    const scan = (cond: ConditionIR): void => {
      if (cond.kind === 'and' || cond.kind === 'or') cond.items.forEach(scan);
      else if (cond.kind === 'total' || cond.kind === 'average' || cond.kind === 'min' || cond.kind === 'max') {
        this.rawColumn[this.plan.metrics[this.plan.metricIndex.get(cond.metric)!].column] = 1;
      }
    };
    for (const phase of ir.phases) {
      for (const g of phase.gates) scan(g.condition);
      for (const c of phase.checkpoints) for (const i of c.items) if (i.requires) scan(i.requires);
    }
    this.memberBase = J_FIXED + this.plan.unitMetricCount + this.conditions.comparisons.length;
  }

  /** Journal id of the first member column (see `journalArrays`). */
  private readonly memberBase: number;

  /** A checkpoint is complete when every item is signed and its `requires` holds. */
  checkpointTest(checkpoint: number): UnitTest {
    const cp = this.plan.checkpoints[checkpoint];
    const words = this.plan.itemWords;
    const items = cp.ir.items.map((item, i) => {
      const bit = cp.firstItem + i;
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      const requires = item.requires ? this.conditions.condition(item.requires) : null;
      return { word, mask, requires };
    });
    return (c, u) => {
      const base = u * words;
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        if ((c.signBits[base + it.word] & it.mask) === 0) return false;
        if (it.requires !== null && !it.requires(c, u)) return false;
      }
      return true;
    };
  }

  get unitCount(): number {
    return this.cols.count;
  }

  /** The unit's clock: max(campaign clock, its own latest event). */
  now(u: number): number {
    const last = this.cols.last[u];
    return last > this.clock ? last : this.clock;
  }

  /** Adds units at the campaign clock, each at its first position, settled. Not journaled. */
  register(entries: readonly UnitEntry[]): void {
    const c = this.cols;
    let members = 0;
    for (const e of entries) members += e.members;
    c.reserve(entries.length, members);
    this.ledger.reserve(c.capacity);
    const entry = this.plan.phaseEntry.length > 0 ? this.plan.phaseEntry[0] : this.plan.completed;
    const comparisons = this.conditions.comparisons;
    for (const e of entries) {
      const u = c.count;
      this.units.add(e);
      c.count++;
      c.memberStart[u + 1] = c.memberStart[u] + e.members;
      c.memberCount += e.members;
      c.pos[u] = entry;
      c.sub[u] = WAITING;
      c.last[u] = -Infinity;
      // A member never recorded has value 0: count the comparisons 0 satisfies.
      for (let k = 0; k < comparisons.length; k++) c.pass[k][u] = comparisons[k].test(0) ? e.members : 0;
      this.counts[stateCode(entry, WAITING)]++;
      const sink = this.sink;
      this.sink = null;
      this.refresh(u, this.now(u), true);
      this.sink = sink;
    }
  }

  /** Forgets units from `count` on: the undo of `register` when its commit failed. */
  unregisterFrom(count: number): void {
    for (let u = count; u < this.cols.count; u++) this.counts[stateCode(this.cols.pos[u], this.cols.sub[u])]--;
    this.cols.truncate(count);
    this.ledger.truncate(count);
    this.units.truncate(count);
  }

  /** Applies one validated event. */
  apply(e: KernelEvent): void {
    if (e.time > this.latest) this.latest = e.time;
    switch (e.kind) {
      case 'clock':
        this.advanceClock(e.time);
        return;
      case 'fact':
        if (e.member < 0) this.applyUnitFact(e.unit, e.metric, e.value, e.add, e.time);
        else this.applyMemberFact(e.unit, e.metric, e.member, e.value, e.add, e.time);
        return;
      case 'task':
        this.applyTask(e.unit, e.task, e.time);
        return;
      case 'deliverable':
        this.applyDeliverable(e.unit, e.deliverable, e.time);
        return;
      case 'signoff':
      case 'revoke':
        this.applySignoff(e.unit, e.item, e.kind === 'signoff', e.time);
        return;
      case 'amend':
        this.amend(e);
        return;
      case 'issue':
        this.ledger.issue(e.document, e.time);
        return;
      case 'acknowledge':
        this.ledger.acknowledge(e.unit, e.document, e.role, e.time);
        return;
      case 'report':
        this.ledger.report(e.obligation, e.unit, e.time);
        return;
    }
  }

  /**
   * The hot path: one member's metric set or incremented, counters adjusted in O(comparisons on
   * it). Takes numbers only and allocates nothing, so bulk drivers (simulations, NDJSON ingest,
   * benchmarks) call it directly instead of building a `FactKernelEvent` per record.
   *
   * A unit is re-settled only when its criteria may have changed (a metric its position reads)
   * or its clock crossed a window edge or amendment: between two edges its substate cannot move.
   */
  applyMemberFact(u: number, metric: number, member: number, value: number, add: boolean, time: number): void {
    if (time > this.latest) this.latest = time;
    const c = this.cols;
    const journal = this.journaling;
    const last = c.last[u];
    const clock = this.clock;
    const nowBefore = last > clock ? last : clock;
    if (time > last) {
      if (journal) this.log(J_LAST, u, last);
      c.last[u] = time;
    }
    const nowAfter = time > nowBefore ? time : nowBefore;
    const column = this.metricColumn[metric];
    const col = c.member[column];
    const off = c.memberStart[u] + member;
    const old = col[off];
    const v = toThousandths(value);
    col[off] = add ? old + v : v;
    const now = col[off];
    let evaluate = false;
    if (now !== old) {
      if (journal) this.log(this.memberBase + column, off, old);
      // Criteria read a member metric through the counters (every/share/count) or its raw values
      // (total/average/min/max): when no counter moved and none reads it raw, nothing can change.
      let moved = this.rawColumn[column] === 1;
      const cmpOp = this.cmpOp;
      const cmpValue = this.cmpValue;
      for (let i = this.cmpStart[column], end = this.cmpStart[column + 1]; i < end; i++) {
        const before = compareByCode(cmpOp[i], old, cmpValue[i]);
        if (before !== compareByCode(cmpOp[i], now, cmpValue[i])) {
          const k = this.cmpIndex[i];
          const counts = c.pass[k];
          if (journal) this.log(J_FIXED + this.plan.unitMetricCount + k, u, counts[u]);
          counts[u] += before ? -1 : 1;
          moved = true;
        }
      }
      evaluate = moved && this.reads[c.pos[u] * this.metricCount + metric] === 1;
    }
    if (evaluate || (nowAfter !== nowBefore && this.calendar.crosses(nowBefore, nowAfter)))
      this.refresh(u, nowAfter, evaluate);
  }

  /** A unit metric set or incremented (`metric` indexes `Plan.metrics`). */
  applyUnitFact(u: number, metric: number, value: number, add: boolean, time: number): void {
    if (time > this.latest) this.latest = time;
    const c = this.cols;
    const last = c.last[u];
    const clock = this.clock;
    const nowBefore = last > clock ? last : clock;
    if (time > last) {
      if (this.journaling) this.log(J_LAST, u, last);
      c.last[u] = time;
    }
    const nowAfter = time > nowBefore ? time : nowBefore;
    const col = c.unitMetric[this.metricColumn[metric]];
    const old = col[u];
    if (this.journaling) this.log(J_FIXED + this.metricColumn[metric], u, old);
    const v = toThousandths(value);
    col[u] = add ? old + v : v;
    const evaluate = col[u] !== old && this.reads[c.pos[u] * this.metricCount + metric] === 1;
    if (evaluate || (nowAfter !== nowBefore && this.calendar.crosses(nowBefore, nowAfter)))
      this.refresh(u, nowAfter, evaluate);
  }

  /** Marks a task (index into `Plan.tasks`) done. Like `applyMemberFact`, allocates nothing. */
  applyTask(u: number, task: number, time: number): void {
    if (time > this.latest) this.latest = time;
    const w = u * this.plan.taskWords + (task >>> 5);
    this.setBit(this.cols.taskBits, J_TASK, u, w, 1 << (task & 31), true, time);
  }

  /** Marks a deliverable (index into `Plan.deliverables`) submitted; the first submission's lateness sticks. */
  applyDeliverable(u: number, deliverable: number, time: number): void {
    if (time > this.latest) this.latest = time;
    const c = this.cols;
    const w = u * this.plan.deliverableWords + (deliverable >>> 5);
    const mask = 1 << (deliverable & 31);
    if ((c.deliverableBits[w] & mask) === 0) {
      // Submitted at the unit's clock after this event (as the reference machine records it).
      const due = this.plan.deliverables[deliverable].ir.due;
      const at = Math.max(this.now(u), time);
      if (due !== null && at > due) {
        if (this.journaling) this.log(J_DELIVERABLE_LATE, w, c.deliverableLate[w]);
        c.deliverableLate[w] |= mask;
      }
    }
    this.setBit(c.deliverableBits, J_DELIVERABLE, u, w, mask, true, time);
  }

  /** Signs (`on`) or revokes a checkpoint item (index into `Plan.items`). */
  applySignoff(u: number, item: number, on: boolean, time: number): void {
    if (time > this.latest) this.latest = time;
    const w = u * this.plan.itemWords + (item >>> 5);
    this.setBit(this.cols.signBits, J_SIGN, u, w, 1 << (item & 31), on, time);
  }

  private setBit(
    bits: Uint32Array,
    id: number,
    u: number,
    word: number,
    mask: number,
    on: boolean,
    time: number,
  ): void {
    const c = this.cols;
    const last = c.last[u];
    const nowBefore = last > this.clock ? last : this.clock;
    if (time > last) {
      if (this.journaling) this.log(J_LAST, u, last);
      c.last[u] = time;
    }
    const nowAfter = time > nowBefore ? time : nowBefore;
    const before = bits[word];
    bits[word] = on ? before | mask : before & ~mask;
    const evaluate = bits[word] !== before;
    if (evaluate && this.journaling) this.log(id, word, before);
    if (evaluate || (nowAfter !== nowBefore && this.calendar.crosses(nowBefore, nowAfter)))
      this.refresh(u, nowAfter, evaluate);
  }

  private advanceClock(time: number): void {
    const old = this.clock;
    if (!(time > old)) return;
    this.clock = time;
    if (!this.calendar.crosses(old, time)) return;
    const c = this.cols;
    const n = c.count;
    for (let u = 0; u < n; u++) {
      const last = c.last[u];
      const before = last > old ? last : old;
      const after = last > time ? last : time;
      if (after > before && this.calendar.crosses(before, after)) this.refresh(u, after, false);
    }
  }

  private amend(e: KernelEvent & { kind: 'amend' }): void {
    this.calendar.add({
      window: e.window,
      start: e.start,
      end: e.end,
      effective: e.effective,
      action: e.action,
      reason: e.reason,
      source: e.source,
    });
    if (this.journaling) this.undos.push(() => this.calendar.removeLast());
    if (e.time > this.clock) this.clock = e.time;
    const n = this.cols.count;
    for (let u = 0; u < n; u++) this.refresh(u, this.now(u), false);
  }

  /**
   * Advances a unit as far as it can at `now`, then settles its substate.
   * `evaluate` says its facts changed since its criteria were last evaluated. Without it, a unit
   * still at a position it was not waiting at keeps its (failed) verdict: criteria read facts
   * only, never the clock, and a unit that stays at an open position has unmet criteria.
   */
  private refresh(u: number, now: number, evaluate: boolean): void {
    const c = this.cols;
    const cal = this.calendar.at(now);
    const pos0 = c.pos[u];
    const sub0 = c.sub[u];
    const completed = this.plan.completed;
    let pos = pos0;
    while (pos !== completed) {
      if (now < cal.start[this.posWindow[pos]]) break;
      if (!evaluate && pos === pos0 && sub0 !== WAITING) break;
      if (!this.criteria[pos](c, u)) break;
      if (this.posKind[pos] === KIND_TRANSFER) {
        const p = this.posPhase[pos];
        const at = u * this.plan.ir.phases.length + p;
        const w = u * this.plan.phaseWords + (p >>> 5);
        if (this.journaling) {
          this.log(J_TRANSFER_AT, at, c.transferAt[at]);
          this.log(J_TRANSFER_LATE, w, c.transferLate[w]);
        }
        c.transferAt[at] = now;
        if (now < cal.end[this.posPhaseWindow[pos]]) c.transferLate[w] &= ~(1 << (p & 31));
        else c.transferLate[w] |= 1 << (p & 31);
      }
      pos++;
    }
    let sub = OPEN;
    if (pos !== completed) {
      const pw = this.posPhaseWindow[pos];
      if (this.posKind[pos] === KIND_STEP) {
        const w = this.posWindow[pos];
        sub = stepSubstateCode(now, cal.start[w], cal.end[w], cal.end[pw]);
      } else {
        sub = transferSubstateCode(now, cal.start[pw], cal.end[pw]);
      }
    }
    if (pos === pos0 && sub === sub0) return;
    const from = stateCode(pos0, sub0);
    const to = stateCode(pos, sub);
    if (this.journaling) {
      this.log(J_POS, u, pos0);
      this.log(J_SUB, u, sub0);
      this.log(this.memberBase + this.plan.memberMetricCount, from, this.counts[from]);
      this.log(this.memberBase + this.plan.memberMetricCount, to, this.counts[to]);
    }
    c.pos[u] = pos;
    c.sub[u] = sub;
    this.counts[from]--;
    this.counts[to]++;
    if (this.sink !== null) this.sink(u, from, to);
  }

  // ---- reading state ---------------------------------------------------------------------------

  /** Every position but `completed` carries the `blocked` tag (as in the reference machine). */
  isBlocked(u: number): boolean {
    return this.cols.pos[u] !== this.plan.completed;
  }

  /** The reference machine's state value as a dotted path: `study.four_talks.open`, `completed`. */
  machineState(u: number): string {
    return this.codeName(stateCode(this.cols.pos[u], this.cols.sub[u]));
  }

  /** The dotted name of a state code. */
  codeName(code: number): string {
    const pos = code >> 2;
    if (pos === this.plan.completed) return COMPLETED_STATE;
    return `${this.plan.positions[pos].path}.${STEP_SUBSTATES[code & 3]}`;
  }

  /** Whether the unit left phase `p` late (false if it has not left it). */
  transferredLate(u: number, p: number): boolean {
    return (this.cols.transferLate[u * this.plan.phaseWords + (p >>> 5)] & (1 << (p & 31))) !== 0;
  }

  /** When the unit left phase `p`, or NaN. */
  transferredAt(u: number, p: number): number {
    return this.cols.transferAt[u * this.plan.ir.phases.length + p];
  }

  /** The phase's late policy applies and the unit is overdue. */
  inRemediation(u: number): boolean {
    const pos = this.cols.pos[u];
    return this.cols.sub[u] === OVERDUE && this.plan.positions[pos].phaseIr?.late.action === 'remediate';
  }

  // ---- batches ----------------------------------------------------------------------------------

  /** Starts journaling: every change until `commit` or `rollback` can be undone. */
  begin(): void {
    if (this.journaling) throw new Error('Kernel.begin: a batch is already open');
    this.journaling = true;
    this.jCount = 0;
    this.undos = [];
    this.savedClock = this.clock;
    this.savedLatest = this.latest;
  }

  /** Keeps the batch's changes. */
  commit(): void {
    this.journaling = false;
    this.jCount = 0;
    this.undos = [];
  }

  /** Undoes every change since `begin`, newest first. */
  rollback(): void {
    if (!this.journaling) throw new Error('Kernel.rollback: no batch is open');
    const arrays = this.journalArrays();
    for (let i = this.jCount - 1; i >= 0; i--) arrays[this.jArray[i]][this.jIndex[i]] = this.jOld[i];
    for (let i = this.undos.length - 1; i >= 0; i--) this.undos[i]();
    this.clock = this.savedClock;
    this.latest = this.savedLatest;
    this.journaling = false;
    this.jCount = 0;
    this.undos = [];
  }

  /**
   * Every array the journal may name, by id: the fixed per-unit columns (J_* ids), then unit
   * metrics, member-comparison counters, member sums, member columns, and the state counts.
   * Rebuilt when asked: registration (which may grow the columns) never happens inside a batch.
   */
  private journalArrays(): (TypedArray | Float64Array)[] {
    const c = this.cols;
    return [
      c.pos,
      c.sub,
      c.last,
      c.transferAt,
      c.transferLate,
      c.taskBits,
      c.deliverableBits,
      c.deliverableLate,
      c.signBits,
      ...c.unitMetric,
      ...c.pass,
      ...c.member,
      this.counts,
    ];
  }

  /** Records that `array[index]` held `old` before this write. */
  private log(array: number, index: number, old: number): void {
    const n = this.jCount;
    if (n === this.jArray.length) {
      const grow = <T extends Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(
        a: T,
        make: (n: number) => T,
      ): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.jArray = grow(this.jArray, (m) => new Int32Array(m));
      this.jIndex = grow(this.jIndex, (m) => new Uint32Array(m));
      this.jOld = grow(this.jOld, (m) => new Float64Array(m));
    }
    this.jArray[n] = array;
    this.jIndex[n] = index;
    this.jOld[n] = old;
    this.jCount = n + 1;
  }

  /** The whole state as bytes (see snapshot.ts), including an open batch's changes. */
  snapshot(): Uint8Array {
    return encodeSnapshot(this);
  }

  /** Loads a snapshot into this kernel, which must have no units. Null, or why it cannot be used. */
  restore(bytes: Uint8Array): string | null {
    return decodeSnapshot(this, bytes);
  }

  /** Recounts units per state code (after a restore). */
  recount(): void {
    this.counts.fill(0);
    for (let u = 0; u < this.cols.count; u++) this.counts[stateCode(this.cols.pos[u], this.cols.sub[u])]++;
  }
}

// Journal ids of the fixed per-unit columns, in the order of `journalArrays`.
const J_POS = 0;
const J_SUB = 1;
const J_LAST = 2;
const J_TRANSFER_AT = 3;
const J_TRANSFER_LATE = 4;
const J_TASK = 5;
const J_DELIVERABLE = 6;
const J_DELIVERABLE_LATE = 7;
const J_SIGN = 8;
const J_FIXED = 9;
