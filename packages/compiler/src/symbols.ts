import type {
  AmendmentNode,
  CampaignNode,
  CheckpointNode,
  DeliverableNode,
  DocumentNode,
  GateNode,
  Identifier,
  LatePolicyNode,
  MetricNode,
  ObligationNode,
  PhaseNode,
  RequirementNode,
  RoleNode,
  StepMember,
  StepNode,
  TaskNode,
  TimezoneNode,
  WindowNode,
} from '@phasegate/dsl';

/**
 * The declarations of a campaign, collected once and shared by every pass. The first declaration
 * of a name wins; later ones are kept in `duplicates` for `check-names` to report.
 */
export interface Symbols {
  readonly timezones: readonly TimezoneNode[];
  readonly roles: ReadonlyMap<string, RoleNode>;
  readonly metrics: ReadonlyMap<string, MetricNode>;
  readonly documents: ReadonlyMap<string, DocumentNode>;
  /** Phases by id, first declaration only. */
  readonly phases: ReadonlyMap<string, PhaseInfo>;
  /** Phases in source order, first declaration of each id only. */
  readonly phaseList: readonly PhaseInfo[];
  /** Tasks by id, first declaration only. */
  readonly tasks: ReadonlyMap<string, TaskNode>;
  /** Deliverables by id, first declaration only. */
  readonly deliverables: ReadonlyMap<string, DeliverableNode>;
  readonly gates: ReadonlyMap<string, { readonly node: GateNode; readonly phase: PhaseInfo }>;
  readonly checkpoints: ReadonlyMap<string, { readonly node: CheckpointNode; readonly phase: PhaseInfo }>;
  readonly obligations: ReadonlyMap<string, ObligationNode>;
  /** Every amendment in file order, with the phase and step it is written in (if any). */
  readonly amendments: readonly AmendmentSite[];
  readonly duplicates: readonly Duplicate[];
}

export interface PhaseInfo {
  readonly node: PhaseNode;
  readonly id: string;
  /**
   * Position in `Symbols.phaseList` (the schedule keeps per-phase data in arrays by this index);
   * -1 for a phase whose id repeats an earlier one, which is not in the list.
   */
  readonly index: number;
  /** The first `window` line; later ones are duplicates. */
  readonly window?: WindowNode;
  readonly steps: readonly StepInfo[];
  readonly stepsById: ReadonlyMap<string, StepInfo>;
  readonly gates: readonly GateNode[];
  readonly checkpoints: readonly CheckpointNode[];
  readonly late?: LatePolicyNode;
}

export interface StepInfo {
  readonly node: StepNode;
  readonly id: string;
  readonly phase: PhaseInfo;
  /** Position among the phase's (unique) steps. */
  readonly index: number;
  readonly requirements: readonly RequirementNode[];
  /** Every task and deliverable of the step, out of groups, in source order (computed once). */
  readonly items: readonly (TaskNode | DeliverableNode)[];
}

export interface AmendmentSite {
  readonly node: AmendmentNode;
  readonly phase?: PhaseInfo;
  readonly step?: StepInfo;
}

export interface Duplicate {
  /** What kind of thing: `metric`, `step`, `window`, … */
  readonly what: string;
  readonly name: string;
  /** The first declaration's name span. */
  readonly first: { readonly start: number; readonly end: number };
  /** The repeated declaration's name span. */
  readonly again: { readonly start: number; readonly end: number };
  /** Where names must be unique, for the message: `in the campaign`, `in phase study`. */
  readonly scope: string;
}

/** Collects every declaration of `campaign`. Never throws. */
export function collectSymbols(campaign: CampaignNode): Symbols {
  const duplicates: Duplicate[] = [];
  const timezones: TimezoneNode[] = [];
  const roles = new Map<string, RoleNode>();
  const metrics = new Map<string, MetricNode>();
  const documents = new Map<string, DocumentNode>();
  const phases = new Map<string, PhaseInfo>();
  const phaseList: PhaseInfo[] = [];
  const tasks = new Map<string, TaskNode>();
  const deliverables = new Map<string, DeliverableNode>();
  const gates = new Map<string, { node: GateNode; phase: PhaseInfo }>();
  const checkpoints = new Map<string, { node: CheckpointNode; phase: PhaseInfo }>();
  const obligations = new Map<string, ObligationNode>();
  const amendments: AmendmentSite[] = [];
  let itemCount = 0;

  for (const member of campaign.members) {
    switch (member.kind) {
      case 'timezone':
        timezones.push(member);
        break;
      case 'role':
        declare(roles, member.id, member, ownId, 'role', duplicates);
        break;
      case 'metric':
        declare(metrics, member.id, member, ownId, 'metric', duplicates);
        break;
      case 'document':
        declare(documents, member.id, member, ownId, 'document', duplicates);
        break;
      case 'obligation':
        declare(obligations, member.id, member, ownId, 'obligation', duplicates);
        break;
      case 'amendment':
        amendments.push({ node: member });
        break;
      case 'phase': {
        const index = phases.has(member.id.name) ? -1 : phaseList.length;
        const info = collectPhase(member, index, duplicates, amendments);
        if (declare(phases, member.id, info, nodeId, 'phase', duplicates)) {
          phaseList.push(info);
          for (const step of info.steps) {
            for (const item of step.items) {
              if (item.kind === 'task') tasks.set(item.id.name, item);
              else deliverables.set(item.id.name, item);
            }
            itemCount += step.items.length;
          }
          for (const gate of info.gates)
            declare(gates, gate.id, { node: gate, phase: info }, nodeId, 'gate', duplicates);
          for (const cp of info.checkpoints) {
            declare(checkpoints, cp.id, { node: cp, phase: info }, nodeId, 'checkpoint', duplicates);
            collectItems(cp, duplicates);
          }
        }
        break;
      }
    }
  }
  // Tasks and deliverables were put in their maps without looking first (two thirds of the
  // names of a large campaign are theirs, and a lookup costs as much as an insert). Fewer entries
  // than items means a name repeats: then they are collected again, first declaration first.
  if (tasks.size + deliverables.size < itemCount) {
    tasks.clear();
    deliverables.clear();
    for (const phase of phaseList)
      for (const step of phase.steps) collectRequirements(step, tasks, deliverables, duplicates);
  }
  return {
    timezones,
    roles,
    metrics,
    documents,
    phases,
    phaseList,
    tasks,
    deliverables,
    gates,
    checkpoints,
    obligations,
    amendments,
    duplicates,
  };
}

// How to find the declaring identifier of what a map holds (module-level, so no closure per call).
const ownId = (n: { readonly id: Identifier }): Identifier => n.id;
const nodeId = (x: { readonly node: { readonly id: Identifier } }): Identifier => x.node.id;

/**
 * Adds `value` under `id` to a campaign-wide map, or records a duplicate of the first
 * declaration (found through `idOf`). True when it was added.
 */
function declare<T>(
  map: Map<string, T>,
  id: Identifier,
  value: T,
  idOf: (t: T) => Identifier,
  what: string,
  duplicates: Duplicate[],
): boolean {
  const existing = map.get(id.name);
  if (existing !== undefined) {
    duplicates.push({ what, name: id.name, first: idOf(existing), again: id, scope: 'in the campaign' });
    return false;
  }
  map.set(id.name, value);
  return true;
}

/** Item names are unique within their checkpoint. */
function collectItems(cp: CheckpointNode, duplicates: Duplicate[]): void {
  if (cp.items.length < 2) return;
  const seen = new Map<string, Identifier>();
  for (const item of cp.items) {
    const first = seen.get(item.id.name);
    if (first === undefined) seen.set(item.id.name, item.id);
    else
      duplicates.push({
        what: 'item',
        name: item.id.name,
        first,
        again: item.id,
        scope: `in checkpoint ${cp.id.name}`,
      });
  }
}

/** Where a phase's members must be unique, for the message (built only for a duplicate). */
function phaseScope(node: PhaseNode): string {
  return `in phase ${node.id.name}`;
}

/** A phase's info under construction: `window` and `late` are set once its members are read. */
type MutablePhaseInfo = { -readonly [K in keyof PhaseInfo]: PhaseInfo[K] };

function collectPhase(node: PhaseNode, index: number, duplicates: Duplicate[], amendments: AmendmentSite[]): PhaseInfo {
  const steps: StepInfo[] = [];
  const stepsById = new Map<string, StepInfo>();
  const info: MutablePhaseInfo = {
    node,
    id: node.id.name,
    index,
    window: undefined,
    steps,
    stepsById,
    gates: [],
    checkpoints: [],
    late: undefined,
  };
  const gates = info.gates as GateNode[];
  const checkpoints = info.checkpoints as CheckpointNode[];
  for (const member of node.members) {
    switch (member.kind) {
      case 'window':
        if (info.window)
          duplicates.push({
            what: 'window',
            name: 'window',
            first: info.window,
            again: member,
            scope: phaseScope(node),
          });
        else info.window = member;
        break;
      case 'late-policy':
        if (info.late)
          duplicates.push({
            what: '`when late` line',
            name: 'when late',
            first: info.late,
            again: member,
            scope: phaseScope(node),
          });
        else info.late = member;
        break;
      case 'gate':
        gates.push(member);
        break;
      case 'checkpoint':
        checkpoints.push(member);
        break;
      case 'amendment':
        amendments.push({ node: member, phase: info });
        break;
      case 'step': {
        const existing = stepsById.get(member.id.name);
        if (existing) {
          duplicates.push({
            what: 'step',
            name: member.id.name,
            first: existing.node.id,
            again: member.id,
            scope: phaseScope(node),
          });
          break;
        }
        const requirements = requirementsOf(member);
        const step: StepInfo = {
          node: member,
          id: member.id.name,
          phase: info,
          index: steps.length,
          requirements,
          items: flatten(requirements),
        };
        for (const m of member.members) if (m.kind === 'amendment') amendments.push({ node: m, phase: info, step });
        steps.push(step);
        stepsById.set(step.id, step);
        break;
      }
    }
  }
  return info;
}

function collectRequirements(
  step: StepInfo,
  tasks: Map<string, TaskNode>,
  deliverables: Map<string, DeliverableNode>,
  duplicates: Duplicate[],
): void {
  for (const item of step.items) {
    const map = (item.kind === 'task' ? tasks : deliverables) as Map<string, TaskNode | DeliverableNode>;
    const existing = map.get(item.id.name);
    if (existing) {
      duplicates.push({
        what: item.kind,
        name: item.id.name,
        first: existing.id,
        again: item.id,
        scope: 'in the campaign',
      });
    } else {
      map.set(item.id.name, item);
    }
  }
}

/**
 * A step's members without its amendments. Most steps have none: then it is the tree's own
 * array (read-only everywhere), rather than a copy that every compilation would keep alive.
 */
function requirementsOf(step: StepNode): readonly RequirementNode[] {
  if (!step.members.some(isAmendment)) return step.members as readonly RequirementNode[];
  const out: RequirementNode[] = [];
  for (const m of step.members) if (m.kind !== 'amendment') out.push(m);
  return out;
}

const isAmendment = (m: StepMember): boolean => m.kind === 'amendment';
const isGroup = (r: RequirementNode): boolean => r.kind === 'group';

/** Every task and deliverable of `items`, out of groups, in source order (`items` itself when it has no group). */
function flatten(items: readonly RequirementNode[]): readonly (TaskNode | DeliverableNode)[] {
  if (!items.some(isGroup)) return items as readonly (TaskNode | DeliverableNode)[];
  return flattenInto(items, []);
}

/** Appends every task and deliverable of `items` to `out`, out of groups, in source order. */
function flattenInto(
  items: readonly RequirementNode[],
  out: (TaskNode | DeliverableNode)[],
): (TaskNode | DeliverableNode)[] {
  for (const item of items) {
    if (item.kind === 'group') flattenInto(item.items, out);
    else out.push(item);
  }
  return out;
}
