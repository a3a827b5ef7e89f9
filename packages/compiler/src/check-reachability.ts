import type { Diagnostic, RelatedSpan, Span } from '@phasegate/dsl';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';
import { conditionVerdict } from './condition-analysis.js';
import { error } from './diag.js';
import type { CampaignIR, MetricIR, RequirementIR } from './ir.js';
import { createPositionMachine } from './machine.js';
import type { ReachSpans } from './reach-spans.js';

/**
 * Reachability (PG600): builds the unit machine's positions phase by phase
 * (`createPositionMachine`: the unit machine without the substates a unit settles into while it
 * waits), takes each machine's structure with `toDirectedGraph` from `xstate/graph`, drops the
 * transitions whose guard can never hold (a step requirement with an empty or hopeless `any of`,
 * a gate or checkpoint item the satisfiability analysis proves impossible), and reports the first
 * position no path reaches, with the reason. It needs only the IR and the spans to point at
 * (`reachSpans`), not the syntax tree, which can be collected meanwhile.
 */
export function checkReachability(ir: CampaignIR, spans: ReachSpans): Diagnostic[] {
  const positions = campaignReach(ir);
  const out: Diagnostic[] = [];
  for (let i = 1; i < positions.length; i++) {
    const pos = positions[i];
    const prev = positions[i - 1];
    if (!pos.present || pos.reached || !prev.present || !prev.reached) continue;
    // Entering a phase at all is what fails when its first position is cut off: name the phase.
    const phaseCut = pos.phase !== undefined && (pos.step ?? 0) === 0 && !pos.phaseReached;
    const later = describeLater(
      ir,
      positions.slice(i + 1).filter((q) => q.present && !q.reached),
      pos.phase,
      phaseCut,
    );
    out.push(unreachable(ir, spans, phaseCut ? { phase: pos.phase } : pos, phaseCut, prev.stuck, later));
  }
  return out;
}

/**
 * Which positions of the campaign a unit can reach, in the order a unit passes them, walking one
 * position machine per phase. Phases follow one another: a phase is entered only where the
 * previous phase's transfer leads, so the walk of a phase starts only if the previous walk
 * reached its exit, and nothing after a cut is walked.
 *
 * A phase's position machine depends only on its shape, how many steps it has and whether it is
 * the last (`emitPositionConfig` counts phases from the machine's first, in state keys and in
 * guard parameters alike), so each shape is built once per call, and walked once per phase of
 * that shape: a few machines of a dozen state nodes for a campaign of thousands of phases.
 * Nothing is kept between calls.
 */
export function campaignReach(ir: CampaignIR): PositionReach[] {
  const n = ir.phases.length;
  const shapes = new Map<string, PositionGraph>();
  const metrics = new Map<string, MetricIR>(ir.metrics.map((m) => [m.id, m]));
  // With no phase, the machine is its final state alone.
  if (n === 0) return walkPositions(positionGraph(createPositionMachine(ir)), ir, metrics, 0, 0).positions;
  const positions: PositionReach[] = [];
  for (let p = 0; p < n; p++) {
    const shape = `${ir.phases[p].steps.length}${p === n - 1 ? ' last' : ''}`;
    let graph = shapes.get(shape);
    if (!graph) shapes.set(shape, (graph = positionGraph(createPositionMachine(ir, p, p + 1))));
    const part = walkPositions(graph, ir, metrics, p, p + 1);
    if (p === n - 1) {
      positions.push(...part.positions);
      break;
    }
    // The last entry stands for where the transfer leads: the next phase's first position.
    positions.push(...part.positions.slice(0, -1));
    if (!part.leaves) {
      positions.push(...notReached(ir, p + 1, n));
      break;
    }
  }
  return positions;
}

/** A position of a unit (a step, a phase's transfer, or the end), as the walk found it. */
export interface PositionReach {
  /** Undefined for the end of the campaign. */
  readonly phase?: number;
  /** Undefined for a transfer and for the end. */
  readonly step?: number;
  /** False when the machine has no state for it (an emitted machine always has). */
  readonly present: boolean;
  /** Some path from the initial state enters it. */
  readonly reached: boolean;
  /** Some path enters its phase's state. */
  readonly phaseReached: boolean;
  /** Why a unit that is here can never move on, when that is so. */
  readonly stuck?: DeadReason;
}

/** What a walk of one machine found. */
export interface PartReach {
  /**
   * The positions of phases `from` to `to - 1` in the order a unit passes them, then where the
   * last transfer leads (the end of the campaign, or the next phase).
   */
  readonly positions: PositionReach[];
  /** Some path reaches where the last transfer leads. */
  readonly leaves: boolean;
}

/**
 * Which positions of `machine` (the unit machine, or a position machine of phases `from` to
 * `to - 1`) a unit can reach, in the order a unit passes them. Bounded by the size of the machine:
 * it walks state nodes and their transitions only, never snapshots or context (so no
 * `getShortestPaths`-style traversal of serialised states).
 */
export function positionReach(machine: AnyStateMachine, ir: CampaignIR, from = 0, to = ir.phases.length): PartReach {
  const metrics = new Map<string, MetricIR>(ir.metrics.map((m) => [m.id, m]));
  return walkPositions(positionGraph(machine), ir, metrics, from, to);
}

/** A machine's structure as the walk reads it, taken once per machine. */
interface PositionGraph {
  readonly root: AnyStateNode;
  /** Event transitions (`toDirectedGraph`'s edges) by state node `order` (document order). */
  readonly edgesOf: readonly DirectedGraphNode['edges'][];
  /** The root's children in order: the phases, then where the last transfer leads. */
  readonly phaseNodes: readonly AnyStateNode[];
  /** Each phase node's children in order: its steps, then its transfer. */
  readonly stepNodes: readonly (readonly AnyStateNode[])[];
}

function positionGraph(machine: AnyStateMachine): PositionGraph {
  const graph = toDirectedGraph(machine);
  const edgesOf: DirectedGraphNode['edges'][] = [];
  const collect = (n: DirectedGraphNode) => {
    edgesOf[n.stateNode.order] = n.edges;
    for (const c of n.children) collect(c);
  };
  collect(graph);
  // The machine's phases, and each phase's steps and transfer, are its children in order (a
  // position machine keys them by number, the unit machine by name).
  const root = graph.stateNode;
  const phaseNodes = Object.values(root.states) as AnyStateNode[];
  return { root, edgesOf, phaseNodes, stepNodes: phaseNodes.map((psn) => Object.values(psn.states) as AnyStateNode[]) };
}

/**
 * The walk. `toDirectedGraph` lists event transitions only, so the eventless `always`
 * transitions, which are how a unit moves, are read from each state node as well. Guard
 * parameters count phases from `from` (see `emitPositionConfig`).
 */
function walkPositions(
  graph: PositionGraph,
  ir: CampaignIR,
  metrics: ReadonlyMap<string, MetricIR>,
  from: number,
  to: number,
): PartReach {
  const walk = new Walk(graph, ir, metrics, from);
  walk.run();
  const positions: PositionReach[] = [];
  for (let p = from; p < to; p++) {
    const steps = ir.phases[p].steps.length;
    const psn = graph.phaseNodes[p - from] as AnyStateNode | undefined;
    const stepNodes = graph.stepNodes[p - from] ?? [];
    for (let s = 0; s < steps; s++) positions.push(walk.position(stepNodes[s], psn, p, s));
    positions.push(walk.position(stepNodes[steps], psn, p));
  }
  const exit = graph.phaseNodes[to - from] as AnyStateNode | undefined;
  positions.push(walk.position(exit, exit));
  return { positions, leaves: exit !== undefined && walk.reached[exit.order] === 1 };
}

/** One walk of a machine for the phases from `from`: what can be entered, and why not. */
class Walk {
  /** By state node `order`: 1 once some path enters it. */
  readonly reached: Uint8Array;
  /** By state node `order`: why a transition out of it can never be taken. */
  readonly dead: (DeadReason | undefined)[] = [];
  private readonly work: AnyStateNode[] = [];

  constructor(
    private readonly graph: PositionGraph,
    private readonly ir: CampaignIR,
    private readonly metrics: ReadonlyMap<string, MetricIR>,
    private readonly from: number,
  ) {
    this.reached = new Uint8Array(graph.edgesOf.length);
  }

  /** Enters the root and follows every transition that can be taken. */
  run(): void {
    this.enter(this.graph.root);
    while (this.work.length > 0) {
      const sn = this.work.pop()!;
      for (const e of this.graph.edgesOf[sn.order] ?? [])
        if (!this.blocked(sn, e.transition.guard)) this.enter(e.target);
      for (const t of sn.always ?? [])
        if (!this.blocked(sn, t.guard)) for (const target of t.target ?? []) this.enter(target);
    }
  }

  position(sn: AnyStateNode | undefined, psn: AnyStateNode | undefined, phase?: number, step?: number): PositionReach {
    return {
      phase,
      step,
      present: sn !== undefined,
      reached: sn !== undefined && this.reached[sn.order] === 1,
      phaseReached: psn !== undefined && this.reached[psn.order] === 1,
      stuck: sn && this.dead[sn.order],
    };
  }

  private enter(sn: AnyStateNode): void {
    for (let p: AnyStateNode | undefined = sn; p && !this.reached[p.order]; p = p.parent) {
      this.reached[p.order] = 1;
      this.work.push(p);
    }
    // Entering a compound state enters its initial child (only compound states have one).
    if (sn.type === 'compound') this.enter(initialChild(sn));
  }

  /** A transition whose guard can never hold is not followed; the reason is kept for its source. */
  private blocked(source: AnyStateNode, guard: unknown): boolean {
    const reason = deadReason(guard, this.ir, this.metrics, this.from);
    if (reason) this.dead[source.order] = reason;
    return reason !== undefined;
  }
}

/** Why a guard can never hold, or undefined. Its `phase` parameter counts from `from`. */
function deadReason(
  guard: unknown,
  ir: CampaignIR,
  metrics: ReadonlyMap<string, MetricIR>,
  from: number,
): DeadReason | undefined {
  if (!guard || typeof guard !== 'object') return undefined;
  const { type, params } = guard as { type?: string; params?: { phase?: number; step?: number } };
  if (params?.phase === undefined) return undefined;
  const p = from + params.phase;
  if (type === 'stepComplete' && params.step !== undefined) {
    const step = ir.phases[p].steps[params.step];
    return requirementNever(step.requirement) ? { kind: 'step', phase: p, step: params.step } : undefined;
  }
  if (type === 'transferReady') {
    const phase = ir.phases[p];
    for (const gate of phase.gates)
      if (conditionVerdict(gate.condition, metrics) === 'never') return { kind: 'gate', phase: p, id: gate.id };
    for (const cp of phase.checkpoints) {
      for (const item of cp.items) {
        if (item.requires !== null && conditionVerdict(item.requires, metrics) === 'never')
          return { kind: 'item', phase: p, checkpoint: cp.id, id: item.id };
      }
    }
  }
  return undefined;
}

/**
 * The child a compound state node starts in, read from its config (the emitted configs name it
 * by key) rather than from XState's `initial` getter. The getter memoises its transition in a
 * module-wide `WeakMap`, and V8's young-generation collector keeps every value of a `WeakMap`
 * alive whether or not its key is: a memoised transition points back into its machine, so every
 * position machine would survive each collection until the next full one, and be copied and
 * promoted on the way (measured: about 4 MB promoted per scavenge, a quarter of the pass's time
 * in garbage collection).
 */
function initialChild(sn: AnyStateNode): AnyStateNode {
  const key = sn.config.initial;
  return typeof key === 'string' && key in sn.states ? sn.states[key] : sn.initial.target[0];
}

/** The positions of phases `from` to the last, and the end of the campaign: none reached. */
function notReached(ir: CampaignIR, from: number, to: number): PositionReach[] {
  const positions: PositionReach[] = [];
  const none = (phase?: number, step?: number): PositionReach => ({
    phase,
    step,
    present: true,
    reached: false,
    phaseReached: false,
  });
  for (let p = from; p < to; p++) {
    ir.phases[p].steps.forEach((_, s) => positions.push(none(p, s)));
    positions.push(none(p));
  }
  positions.push(none());
  return positions;
}

export type DeadReason =
  | { kind: 'step'; phase: number; step: number }
  | { kind: 'gate'; phase: number; id: string }
  | { kind: 'item'; phase: number; checkpoint: string; id: string };

/** True when a requirement can never be met: an `any of` with no way to meet it. */
export function requirementNever(r: RequirementIR): boolean {
  switch (r.kind) {
    case 'task':
    case 'deliverable':
      return false;
    case 'all':
      return r.items.some(requirementNever);
    case 'any':
      return r.items.length === 0 || r.items.every(requirementNever);
  }
}

function unreachable(
  ir: CampaignIR,
  spans: ReachSpans,
  pos: { phase?: number; step?: number },
  wholePhase: boolean,
  reason: DeadReason | undefined,
  later: string,
): Diagnostic {
  let span: Span = spans.campaign;
  let what = 'the end of the campaign';
  if (pos.phase !== undefined) {
    const phase = ir.phases[pos.phase];
    const at = spans.phases[pos.phase];
    if (pos.step !== undefined) {
      span = at?.steps[pos.step] ?? span;
      what = `step \`${phase.steps[pos.step].id}\` of phase \`${phase.id}\``;
    } else {
      span = at?.id ?? span;
      what = wholePhase ? `phase \`${phase.id}\`` : `the transfer out of phase \`${phase.id}\``;
    }
  }
  const related: RelatedSpan[] = [];
  let because = '';
  if (reason) {
    const phase = ir.phases[reason.phase];
    const at = spans.phases[reason.phase];
    if (reason.kind === 'step') {
      const step = phase.steps[reason.step];
      because = `: step \`${step.id}\` can never be completed, because one of its \`any of\` groups can never be met`;
      const group = spans.hopeless.get(`${reason.phase}.${reason.step}`);
      if (group) related.push({ span: group, message: 'this group can never be met' });
    } else if (reason.kind === 'gate') {
      because = `: gate \`${reason.id}\` of phase \`${phase.id}\` can never hold`;
      const gate = at?.gates.find((g) => g.name === reason.id);
      if (gate) related.push({ span: gate, message: 'this gate can never hold' });
    } else {
      because = `: item \`${reason.id}\` of checkpoint \`${reason.checkpoint}\` requires a condition that can never hold`;
      const item = at?.checkpoints
        .find((c) => c.id.name === reason.checkpoint)
        ?.items.find((i) => i.name === reason.id);
      if (item) related.push({ span: item, message: 'this item can never be completed' });
    }
  }
  const tail = later ? ` Nothing after it is reached either: ${later}.` : '';
  return error('PG600', span, `No unit can ever reach ${what}${because}.${tail} Fix the cause and this goes away.`, {
    related,
  });
}

/** `step effect_test, phase appraisal and the end of the campaign` (at most five names). */
function describeLater(
  ir: CampaignIR,
  later: readonly { phase?: number; step?: number }[],
  cutPhase: number | undefined,
  wholePhase: boolean,
): string {
  const names: string[] = [];
  const seen = new Set<number>();
  for (const q of later) {
    if (q.phase === undefined) names.push('the end of the campaign');
    else if (q.phase === cutPhase) {
      if (wholePhase) continue;
      if (q.step !== undefined) names.push(`step \`${ir.phases[q.phase].steps[q.step].id}\``);
      else names.push(`the transfer out of phase \`${ir.phases[q.phase].id}\``);
    } else if (!seen.has(q.phase)) {
      seen.add(q.phase);
      names.push(`phase \`${ir.phases[q.phase].id}\``);
    }
  }
  const shown = names.length > 5 ? [...names.slice(0, 4), `${names.length - 4} more`] : names;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
