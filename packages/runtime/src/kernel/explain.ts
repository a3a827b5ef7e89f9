import type { CompareOp, ConditionIR, MetricIR, RequirementIR } from '@phasegate/compiler';
import type { Blocker, ConditionGap, SummaryState, Timing, UnitStatus } from '../types.js';
import { formatNumber, formatQuantity, humanize, isoTime, shortDateTime } from './format.js';
import type { Kernel } from './kernel.js';
import {
  aggregateHolds,
  aggregateValue,
  BEHIND,
  compare,
  everyHolds,
  fromThousandths,
  memberExtreme,
  OPEN,
  OVERDUE,
  requirementHolds,
  shareHolds,
  sharePercent,
  valueHolds,
  WAITING,
  type FactsView,
} from '@phasegate/compiler/semantics';

/**
 * Status and blockers of one unit, in words and numbers. Reads the kernel, never changes it, and
 * is not on the event path (it may allocate and format freely).
 */
export function unitStatus(k: Kernel, u: number): UnitStatus {
  const plan = k.plan;
  const ir = plan.ir;
  const zone = ir.timezone;
  const pos = k.cols.pos[u];
  const sub = k.cols.sub[u];
  const info = plan.positions[pos];
  const transfers: { phase: string; at: string; onTime: boolean }[] = [];
  let lateTransfer = false;
  ir.phases.forEach((phase, p) => {
    const at = k.transferredAt(u, p);
    if (Number.isNaN(at)) return;
    const late = k.transferredLate(u, p);
    lateTransfer ||= late;
    transfers.push({ phase: phase.id, at: isoTime(at, zone), onTime: !late });
  });
  const completed = info.kind === 'completed';
  const lateNow = !completed && (sub === BEHIND || sub === OVERDUE);
  return {
    id: k.units.ids[u],
    label: k.units.labels[u] ?? k.units.ids[u],
    phase: info.phaseIr?.id ?? null,
    step: info.stepIr?.id ?? null,
    position: info.kind,
    machineState: k.machineState(u),
    state: summaryState(k, u),
    timing: completed ? (lateTransfer ? 'overdue' : 'on-time') : TIMING[sub],
    onTime: !lateNow && !lateTransfer,
    transfers,
    blockers: completed ? [] : blockers(k, u),
  };
}

const TIMING: readonly Timing[] = ['waiting', 'on-time', 'behind', 'overdue'];

/** docs/semantics.md, "The unit's summary state": the first that applies. */
export function summaryState(k: Kernel, u: number): SummaryState {
  return summaryStateOf(k, k.cols.pos[u], k.cols.sub[u]);
}

/** The summary state of a position and substate (the same for every unit there). */
export function summaryStateOf(k: Kernel, pos: number, sub: number): SummaryState {
  const info = k.plan.positions[pos];
  if (info.kind === 'completed') return 'completed';
  const remediate = info.phaseIr!.late.action === 'remediate';
  if (sub === OVERDUE && remediate) return 'remediation';
  if (sub === BEHIND || sub === OVERDUE) return 'late';
  if (info.kind === 'transfer' && sub === OPEN) return 'awaiting-transfer';
  if (sub === WAITING) return 'waiting';
  return 'active';
}

/**
 * What stands between the unit and moving on: the window if it has not opened, the current step's
 * unmet requirements, then the phase's unmet gates and incomplete checkpoints (its transfer
 * criteria), each with the numbers behind it.
 */
export function blockers(k: Kernel, u: number): Blocker[] {
  const plan = k.plan;
  const ir = plan.ir;
  const zone = ir.timezone;
  const now = k.now(u);
  const cal = k.calendar.at(now);
  const info = plan.positions[k.cols.pos[u]];
  const phase = info.phaseIr!;
  const out: Blocker[] = [];
  const view = new UnitView(k, u);

  const start = cal.start[info.window];
  if (now < start) {
    const what =
      info.kind === 'step' ? `step ${info.stepIr!.id} (${info.stepIr!.label})` : `phase ${phase.id} (${phase.label})`;
    out.push({ kind: 'window', message: `${what} opens ${shortDateTime(start, zone)}`, opens: isoTime(start, zone) });
  }

  if (info.kind === 'step') {
    const req = info.stepIr!.requirement;
    const items = req.kind === 'all' && req.label === null ? req.items : [req];
    for (const item of items) requirementBlocker(item, view, now, zone, out);
  }

  for (const gate of phase.gates) {
    const failing = gaps(gate.condition, view);
    if (failing.length === 0) continue;
    out.push({
      kind: 'gate',
      gate: gate.id,
      failing,
      message: `gate ${gate.id} (${gate.label}) not met: ${failing.map((g) => g.message).join('; ')}`,
    });
  }

  for (const cp of phase.checkpoints) {
    const missing: { number: number; item: string; label: string; reason: 'unsigned' | 'condition' }[] = [];
    const notes: string[] = [];
    for (const item of cp.items) {
      const signed = view.signed(cp.id, item.id);
      const why = item.requires ? gaps(item.requires, view) : [];
      if (!signed) {
        missing.push({ number: item.number, item: item.id, label: item.label, reason: 'unsigned' });
        notes.push(`#${item.number} ${item.id}`);
      } else if (why.length > 0) {
        missing.push({ number: item.number, item: item.id, label: item.label, reason: 'condition' });
        notes.push(`#${item.number} ${item.id} (signed, but ${why.map((g) => g.message).join('; ')})`);
      }
    }
    if (missing.length === 0) continue;
    const signer = ir.roles.find((r) => r.id === cp.signer)?.label ?? cp.signer;
    const complete = cp.items.length - missing.length;
    out.push({
      kind: 'checkpoint',
      checkpoint: cp.id,
      signer: cp.signer,
      signed: complete,
      of: cp.items.length,
      missing,
      message: `${humanize(cp.id)}: ${complete} of ${cp.items.length} signed; missing ${notes.join(', ')} (signer: ${signer})`,
    });
  }
  return out;
}

function requirementBlocker(req: RequirementIR, view: UnitView, now: number, zone: string, out: Blocker[]): void {
  if (req.kind === 'task') {
    if (view.taskDone(req.task)) return;
    const label = view.k.plan.tasks[view.k.plan.taskIndex.get(req.task)!].ir.label;
    out.push({ kind: 'task', task: req.task, message: `task ${req.task} (${label}) not done` });
    return;
  }
  if (req.kind === 'deliverable') {
    if (view.submitted(req.deliverable)) return;
    const d = view.k.plan.deliverables[view.k.plan.deliverableIndex.get(req.deliverable)!].ir;
    const overdue = d.due !== null && now > d.due;
    const due = d.due === null ? '' : ` due ${shortDateTime(d.due, zone)}`;
    out.push({
      kind: 'deliverable',
      deliverable: d.id,
      due: d.due === null ? null : isoTime(d.due, zone),
      overdue,
      message: `deliverable ${d.id} (${d.label})${due}, not submitted${overdue ? ' (overdue)' : ''}`,
    });
    return;
  }
  const facts = view.facts();
  if (requirementHolds(req, facts)) return;
  const done = req.items.filter((i) => requirementHolds(i, facts)).length;
  const name = req.label ? `"${req.label}"` : `${req.kind} of (${req.items.map(describeRequirement).join(', ')})`;
  const message =
    req.kind === 'any'
      ? `${name}: none of ${req.items.length} done (any one is enough: ${req.items.map(describeRequirement).join(', ')})`
      : `${name}: ${done} of ${req.items.length} done`;
  out.push({ kind: 'group', mode: req.kind, done, of: req.items.length, message });
}

function describeRequirement(r: RequirementIR): string {
  switch (r.kind) {
    case 'task':
      return r.task;
    case 'deliverable':
      return r.deliverable;
    default:
      return r.label ?? `${r.kind} of ${r.items.length}`;
  }
}

/** Every failing comparison inside a condition; empty when it holds. */
export function gaps(cond: ConditionIR, view: UnitView): ConditionGap[] {
  switch (cond.kind) {
    case 'and':
      return cond.items.flatMap((c) => gaps(c, view));
    case 'or': {
      const each = cond.items.map((c) => gaps(c, view));
      // An `or` fails only when every branch does; then every branch's gaps explain it.
      return each.some((g) => g.length === 0) ? [] : each.flat();
    }
    default: {
      const gap = leafGap(cond, view);
      return gap ? [gap] : [];
    }
  }
}

const AT_LEAST: Record<CompareOp, string> = {
  '>=': 'at least',
  '>': 'more than',
  '<=': 'at most',
  '<': 'less than',
  '==': 'exactly',
  '!=': 'anything but',
};
/** How a member that fails `op value` stands: `below 45 hours`. */
const FAILING: Record<CompareOp, string> = {
  '>=': 'below',
  '>': 'at or below',
  '<=': 'above',
  '<': 'at or above',
  '==': 'not at',
  '!=': 'at',
};
/** How a member that passes `op value` stands: `at 45 hours or more`. */
const PASSING: Record<CompareOp, (q: string) => string> = {
  '>=': (q) => `at ${q} or more`,
  '>': (q) => `above ${q}`,
  '<=': (q) => `at ${q} or less`,
  '<': (q) => `below ${q}`,
  '==': (q) => `at exactly ${q}`,
  '!=': (q) => `not at ${q}`,
};

function leafGap(cond: Exclude<ConditionIR, { kind: 'and' | 'or' }>, view: UnitView): ConditionGap | null {
  const k = view.k;
  if (cond.kind === 'task-done') {
    if (view.taskDone(cond.task)) return null;
    return {
      message: `task ${cond.task} not done`,
      metric: null,
      aggregate: 'task-done',
      op: '==',
      target: 1,
      actual: 0,
    };
  }
  if (cond.kind === 'deliverable-submitted') {
    if (view.submitted(cond.deliverable)) return null;
    return {
      message: `deliverable ${cond.deliverable} not submitted`,
      metric: null,
      aggregate: 'deliverable-submitted',
      op: '==',
      target: 1,
      actual: 0,
    };
  }
  const metric = k.plan.metrics[k.plan.metricIndex.get(cond.metric)!];
  const m: MetricIR = metric.ir;
  const name = humanize(m.id);
  const q = (x: number): string => formatQuantity(x, m.unit);
  if (cond.kind === 'metric') {
    const held = k.cols.unitMetric[metric.column][view.u];
    if (valueHolds(held, cond.op, cond.value)) return null;
    const actual = fromThousandths(held);
    return {
      message: `${name} ${q(actual)}, needs ${AT_LEAST[cond.op]} ${q(cond.value)}`,
      metric: m.id,
      aggregate: 'metric',
      op: cond.op,
      target: cond.value,
      actual,
    };
  }
  const n = view.members;
  const values = k.cols.member[metric.column];
  const from = k.cols.memberStart[view.u];
  const to = k.cols.memberStart[view.u + 1];
  const lowest = fromThousandths(memberExtreme(values, from, to, true));
  const highest = fromThousandths(memberExtreme(values, from, to, false));
  if (cond.kind === 'every' || cond.kind === 'share' || cond.kind === 'count') {
    const inner = cond.kind === 'every' ? { op: cond.op, value: cond.value } : cond.inner;
    const passing = view.passing(m.id, inner.op, inner.value);
    const failing = n - passing;
    const extreme =
      inner.op === '<=' || inner.op === '<' ? `highest ${formatNumber(highest)}` : `lowest ${formatNumber(lowest)}`;
    const detail =
      n === 0 ? 'no members' : `${failing} of ${n} members ${FAILING[inner.op]} ${q(inner.value)} (${extreme})`;
    if (cond.kind === 'every') {
      if (everyHolds(passing, n)) return null;
      const actual =
        inner.op === '<=' || inner.op === '<' ? highest : inner.op === '>=' || inner.op === '>' ? lowest : passing;
      return {
        message: `${name}: ${detail}`,
        metric: m.id,
        aggregate: 'every',
        op: cond.op,
        target: cond.value,
        actual,
        membersFailing: failing,
        members: n,
        lowest,
      };
    }
    if (cond.kind === 'share') {
      if (shareHolds(passing, n, cond.op, cond.value)) return null;
      const share = sharePercent(passing, n);
      return {
        message: `${name}: ${formatNumber(share)}% of members ${PASSING[inner.op](q(inner.value))}, needs ${AT_LEAST[cond.op]} ${formatNumber(cond.value)}% (${detail})`,
        metric: m.id,
        aggregate: 'share',
        op: cond.op,
        target: cond.value,
        actual: share,
        membersFailing: failing,
        members: n,
        lowest,
      };
    }
    if (compare(passing, cond.op, cond.value)) return null;
    return {
      message: `${name}: ${passing} members ${PASSING[inner.op](q(inner.value))}, needs ${AT_LEAST[cond.op]} ${formatNumber(cond.value)} (${detail})`,
      metric: m.id,
      aggregate: 'count',
      op: cond.op,
      target: cond.value,
      actual: passing,
      membersFailing: failing,
      members: n,
      lowest,
    };
  }
  if (aggregateHolds(cond.kind, values, from, to, cond.op, cond.value)) return null;
  const actual = aggregateValue(cond.kind, values, from, to);
  return {
    message: `${cond.kind} ${name} ${q(actual)}, needs ${AT_LEAST[cond.op]} ${q(cond.value)}`,
    metric: m.id,
    aggregate: cond.kind,
    op: cond.op,
    target: cond.value,
    actual,
    members: n,
    lowest,
  };
}

/** One unit's facts, read by name (explanations only). */
export class UnitView {
  readonly members: number;
  constructor(
    readonly k: Kernel,
    readonly u: number,
  ) {
    this.members = k.cols.memberStart[u + 1] - k.cols.memberStart[u];
  }

  taskDone(task: string): boolean {
    const t = this.k.plan.taskIndex.get(task)!;
    return (this.k.cols.taskBits[this.u * this.k.plan.taskWords + (t >>> 5)] & (1 << (t & 31))) !== 0;
  }

  submitted(deliverable: string): boolean {
    const d = this.k.plan.deliverableIndex.get(deliverable)!;
    return (this.k.cols.deliverableBits[this.u * this.k.plan.deliverableWords + (d >>> 5)] & (1 << (d & 31))) !== 0;
  }

  signed(checkpoint: string, item: string): boolean {
    const cp = this.k.plan.checkpoints[this.k.plan.checkpointIndex.get(checkpoint)!];
    const bit = cp.firstItem + cp.ir.items.findIndex((i) => i.id === item);
    return (this.k.cols.signBits[this.u * this.k.plan.itemWords + (bit >>> 5)] & (1 << (bit & 31))) !== 0;
  }

  /**
   * The unit's tasks and deliverables as the semantics module's `FactsView` reads them, so that
   * requirements are judged by its `requirementHolds` (metrics are not needed there, and left out).
   */
  facts(): FactsView {
    const plan = this.k.plan;
    const tasks: Record<string, boolean> = {};
    for (const t of plan.tasks) if (this.taskDone(t.ir.id)) tasks[t.ir.id] = true;
    const deliverables: Record<string, number> = {};
    for (const d of plan.deliverables) if (this.submitted(d.ir.id)) deliverables[d.ir.id] = 0;
    return { members: this.members, unitMetrics: {}, memberMetrics: {}, tasks, deliverables };
  }

  /** Members satisfying `metric op value` (from the maintained counter). */
  passing(metric: string, op: CompareOp, value: number): number {
    return this.k.cols.pass[this.k.conditions.comparisonIndex(metric, op, value)][this.u];
  }
}
