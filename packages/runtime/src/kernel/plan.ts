import { TRANSFER_STATE } from '@phasegate/compiler';
import type {
  CampaignIR,
  CheckpointIR,
  CheckpointItemIR,
  ConditionIR,
  DeliverableIR,
  MetricIR,
  PhaseIR,
  StepIR,
  TaskIR,
} from '@phasegate/compiler';

/**
 * The kernel's static view of a campaign: every name in the IR turned into a dense index once,
 * so that the per-unit state can live in typed arrays and events can carry numbers.
 *
 * Positions are numbered in campaign order: the steps of phase 0, its transfer point, the steps
 * of phase 1, …, and `completed` last. A position code fits a Uint16.
 */
export interface Plan {
  readonly ir: CampaignIR;
  readonly metrics: readonly PlanMetric[];
  readonly metricIndex: ReadonlyMap<string, number>;
  /** Number of unit-level and member-level metric columns. */
  readonly unitMetricCount: number;
  readonly memberMetricCount: number;
  readonly tasks: readonly PlanTask[];
  readonly taskIndex: ReadonlyMap<string, number>;
  readonly deliverables: readonly PlanDeliverable[];
  readonly deliverableIndex: ReadonlyMap<string, number>;
  readonly checkpoints: readonly PlanCheckpoint[];
  readonly checkpointIndex: ReadonlyMap<string, number>;
  /** Every checkpoint item of the campaign, checkpoint by checkpoint: the sign-off bit index. */
  readonly items: readonly PlanItem[];
  readonly positions: readonly PlanPosition[];
  /** The code of `completed`. */
  readonly completed: number;
  /** Per phase: the code of its first position (first step, or transfer when it has none). */
  readonly phaseEntry: readonly number[];
  readonly phaseIndex: ReadonlyMap<string, number>;
  /** Uint32 words per unit in each bitset. */
  readonly taskWords: number;
  readonly deliverableWords: number;
  readonly itemWords: number;
  readonly phaseWords: number;
  readonly documents: ReadonlyMap<string, number>;
  readonly obligations: ReadonlyMap<string, number>;
  readonly roles: ReadonlyMap<string, number>;
}

export interface PlanMetric {
  readonly ir: MetricIR;
  readonly level: 'unit' | 'member';
  /** Index of its column among the metrics of its level. */
  readonly column: number;
}

export interface PlanTask {
  readonly ir: TaskIR;
  readonly phase: number;
  readonly step: number;
}

export interface PlanDeliverable {
  readonly ir: DeliverableIR;
  readonly phase: number;
  readonly step: number;
}

export interface PlanCheckpoint {
  readonly ir: CheckpointIR;
  readonly phase: number;
  /** Index of its first item in `Plan.items`. */
  readonly firstItem: number;
}

export interface PlanItem {
  readonly ir: CheckpointItemIR;
  readonly checkpoint: number;
}

export type PositionKind = 'step' | 'transfer' | 'completed';

export interface PlanPosition {
  readonly kind: PositionKind;
  /** -1 for completed. */
  readonly phase: number;
  /** Index of the step inside its phase; -1 for transfer and completed. */
  readonly step: number;
  /** The window that decides waiting/open: the step's, or the phase's at transfer; -1 for completed. */
  readonly window: number;
  /** The phase's window (behind/overdue); -1 for completed. */
  readonly phaseWindow: number;
  /** Dotted path without the substate: `study.four_talks`, `study.@transfer`, `completed` (XState state keys). */
  readonly path: string;
  /** The position the unit moves to when this one is done. */
  readonly next: number;
  readonly phaseIr: PhaseIR | null;
  readonly stepIr: StepIR | null;
  /** Unit and member metric ids that the criteria of this position read (facts elsewhere cannot unblock it). */
  readonly reads: ReadonlySet<string>;
}

/**
 * Builds the plan. The IR is trusted (the compiler checked it), so this never reports problems.
 *
 * @example
 * const plan = buildPlan(ir);
 * plan.positions[plan.phaseEntry[0]].path; // 'study.four_talks'
 */
export function buildPlan(ir: CampaignIR): Plan {
  const metrics: PlanMetric[] = [];
  let unitMetricCount = 0;
  let memberMetricCount = 0;
  for (const m of ir.metrics) {
    metrics.push({ ir: m, level: m.level, column: m.level === 'unit' ? unitMetricCount++ : memberMetricCount++ });
  }

  const tasks: PlanTask[] = [];
  const deliverables: PlanDeliverable[] = [];
  const checkpoints: PlanCheckpoint[] = [];
  const items: PlanItem[] = [];
  const positions: PlanPosition[] = [];
  const phaseEntry: number[] = [];

  ir.phases.forEach((phase, p) => {
    phase.steps.forEach((step, s) => {
      for (const t of step.tasks) tasks.push({ ir: t, phase: p, step: s });
      for (const d of step.deliverables) deliverables.push({ ir: d, phase: p, step: s });
    });
    for (const c of phase.checkpoints) {
      checkpoints.push({ ir: c, phase: p, firstItem: items.length });
      for (const item of c.items) items.push({ ir: item, checkpoint: checkpoints.length - 1 });
    }
  });

  // Positions: codes are assigned in order, so `next` of a position is simply code + 1.
  ir.phases.forEach((phase, p) => {
    phaseEntry.push(positions.length);
    phase.steps.forEach((step, s) => {
      positions.push({
        kind: 'step',
        phase: p,
        step: s,
        window: step.window,
        phaseWindow: phase.window,
        path: `${phase.id}.${step.id}`,
        next: positions.length + 1,
        phaseIr: phase,
        stepIr: step,
        reads: new Set(),
      });
    });
    const reads = new Set<string>();
    for (const g of phase.gates) collectMetrics(g.condition, reads);
    for (const c of phase.checkpoints) for (const i of c.items) if (i.requires) collectMetrics(i.requires, reads);
    positions.push({
      kind: 'transfer',
      phase: p,
      step: -1,
      window: phase.window,
      phaseWindow: phase.window,
      path: `${phase.id}.${TRANSFER_STATE}`,
      next: positions.length + 1,
      phaseIr: phase,
      stepIr: null,
      reads,
    });
  });
  const completed = positions.length;
  positions.push({
    kind: 'completed',
    phase: -1,
    step: -1,
    window: -1,
    phaseWindow: -1,
    path: 'completed',
    next: completed,
    phaseIr: null,
    stepIr: null,
    reads: new Set(),
  });

  const words = (n: number): number => Math.max(1, Math.ceil(n / 32));
  const indexOf = <T>(list: readonly T[], id: (t: T) => string): Map<string, number> =>
    new Map(list.map((t, i) => [id(t), i]));
  return {
    ir,
    metrics,
    metricIndex: indexOf(metrics, (m) => m.ir.id),
    unitMetricCount,
    memberMetricCount,
    tasks,
    taskIndex: indexOf(tasks, (t) => t.ir.id),
    deliverables,
    deliverableIndex: indexOf(deliverables, (d) => d.ir.id),
    checkpoints,
    checkpointIndex: indexOf(checkpoints, (c) => c.ir.id),
    items,
    positions,
    completed,
    phaseEntry,
    phaseIndex: indexOf(ir.phases, (p) => p.id),
    taskWords: words(tasks.length),
    deliverableWords: words(deliverables.length),
    itemWords: words(items.length),
    phaseWords: words(ir.phases.length),
    documents: indexOf(ir.documents, (d) => d.id),
    obligations: indexOf(ir.obligations, (o) => o.id),
    roles: indexOf(ir.roles, (r) => r.id),
  };
}

function collectMetrics(c: ConditionIR, into: Set<string>): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      for (const i of c.items) collectMetrics(i, into);
      return;
    case 'task-done':
    case 'deliverable-submitted':
      return;
    default:
      into.add(c.metric);
  }
}

/** Encodes a position and substate as one small number, as transitions and summaries count them. */
export const stateCode = (position: number, substate: number): number => position * 4 + substate;
