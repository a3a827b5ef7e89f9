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
  readonly tasks: ReadonlyMap<string, RequirementInfo<TaskNode>>;
  readonly deliverables: ReadonlyMap<string, RequirementInfo<DeliverableNode>>;
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

export interface RequirementInfo<T> {
  readonly node: T;
  readonly step: StepInfo;
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
  const tasks = new Map<string, RequirementInfo<TaskNode>>();
  const deliverables = new Map<string, RequirementInfo<DeliverableNode>>();
  const gates = new Map<string, { node: GateNode; phase: PhaseInfo }>();
  const checkpoints = new Map<string, { node: CheckpointNode; phase: PhaseInfo }>();
  const obligations = new Map<string, ObligationNode>();
  const amendments: AmendmentSite[] = [];

  const declare = <T>(map: Map<string, T>, id: Identifier, value: T, what: string, scope: string, firstSpan: (t: T) => Identifier) => {
    const existing = map.get(id.name);
    if (existing !== undefined) {
      duplicates.push({ what, name: id.name, first: firstSpan(existing).span, again: id.span, scope });
      return false;
    }
    map.set(id.name, value);
    return true;
  };

  for (const member of campaign.members) {
    switch (member.kind) {
      case 'timezone':
        timezones.push(member);
        break;
      case 'role':
        declare(roles, member.id, member, 'role', 'in the campaign', (r) => r.id);
        break;
      case 'metric':
        declare(metrics, member.id, member, 'metric', 'in the campaign', (m) => m.id);
        break;
      case 'document':
        declare(documents, member.id, member, 'document', 'in the campaign', (d) => d.id);
        break;
      case 'obligation':
        declare(obligations, member.id, member, 'obligation', 'in the campaign', (o) => o.id);
        break;
      case 'amendment':
        amendments.push({ node: member });
        break;
      case 'phase': {
        const info = collectPhase(member, duplicates, amendments);
        if (declare(phases, member.id, info, 'phase', 'in the campaign', (p) => p.node.id)) {
          phaseList.push(info);
          for (const step of info.steps) collectRequirements(step, tasks, deliverables, duplicates);
          for (const gate of info.gates) declare(gates, gate.id, { node: gate, phase: info }, 'gate', 'in the campaign', (g) => g.node.id);
          for (const cp of info.checkpoints) {
            declare(checkpoints, cp.id, { node: cp, phase: info }, 'checkpoint', 'in the campaign', (c) => c.node.id);
            const items = new Map<string, { id: Identifier }>();
            for (const item of cp.items) declare(items, item.id, item, 'item', `in checkpoint ${cp.id.name}`, (i) => i.id);
          }
        }
        break;
      }
    }
  }
  return { timezones, roles, metrics, documents, phases, phaseList, tasks, deliverables, gates, checkpoints, obligations, amendments, duplicates };
}

function collectPhase(node: PhaseNode, duplicates: Duplicate[], amendments: AmendmentSite[]): PhaseInfo {
  let window: WindowNode | undefined;
  let late: LatePolicyNode | undefined;
  const steps: StepInfo[] = [];
  const stepsById = new Map<string, StepInfo>();
  const gates: GateNode[] = [];
  const checkpoints: CheckpointNode[] = [];
  const info: PhaseInfo = {
    node,
    id: node.id.name,
    get window() {
      return window;
    },
    get late() {
      return late;
    },
    steps,
    stepsById,
    gates,
    checkpoints,
  };
  const scope = `in phase ${node.id.name}`;
  for (const member of node.members) {
    switch (member.kind) {
      case 'window':
        if (window) duplicates.push({ what: 'window', name: 'window', first: window.span, again: member.span, scope });
        else window = member;
        break;
      case 'late-policy':
        if (late) duplicates.push({ what: '`when late` line', name: 'when late', first: late.span, again: member.span, scope });
        else late = member;
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
          duplicates.push({ what: 'step', name: member.id.name, first: existing.node.id.span, again: member.id.span, scope });
          break;
        }
        const requirements: RequirementNode[] = [];
        const items: (TaskNode | DeliverableNode)[] = [];
        const step: StepInfo = { node: member, id: member.id.name, phase: info, index: steps.length, requirements, items };
        for (const m of member.members) {
          if (m.kind === 'amendment') amendments.push({ node: m, phase: info, step });
          else requirements.push(m);
        }
        flattenInto(requirements, items);
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
  tasks: Map<string, RequirementInfo<TaskNode>>,
  deliverables: Map<string, RequirementInfo<DeliverableNode>>,
  duplicates: Duplicate[],
): void {
  for (const item of step.items) {
    const map = (item.kind === 'task' ? tasks : deliverables) as Map<string, RequirementInfo<TaskNode | DeliverableNode>>;
    const existing = map.get(item.id.name);
    if (existing) {
      duplicates.push({ what: item.kind, name: item.id.name, first: existing.node.id.span, again: item.id.span, scope: 'in the campaign' });
    } else {
      map.set(item.id.name, { node: item, step });
    }
  }
}

/** Appends every task and deliverable of `items` to `out`, out of groups, in source order. */
function flattenInto(items: readonly RequirementNode[], out: (TaskNode | DeliverableNode)[]): (TaskNode | DeliverableNode)[] {
  for (const item of items) {
    if (item.kind === 'group') flattenInto(item.items, out);
    else out.push(item);
  }
  return out;
}
