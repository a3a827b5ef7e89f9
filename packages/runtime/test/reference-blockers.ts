/**
 * What explain.ts must list as a unit's blockers, derived from the reference machine's context
 * with the compiler's semantics functions, and the kernel's blockers in the same one-line form, so
 * that the differential test (differential.ts) can compare the two lists.
 */
import type {
  CampaignIR,
  CheckpointIR,
  CompareOp,
  ConditionIR,
  DeliverableIR,
  RequirementIR,
  UnitContext,
} from '@phasegate/compiler';
import { evaluateCondition, requirementHolds } from '@phasegate/compiler/semantics';
import type { StateValue } from 'xstate';
import type { Blocker, ConditionGap } from '../src/index.js';

export type Position =
  | {
      readonly kind: 'step';
      readonly phase: CampaignIR['phases'][number];
      readonly window: number;
      readonly requirement: RequirementIR;
    }
  | { readonly kind: 'transfer'; readonly phase: CampaignIR['phases'][number]; readonly window: number };

/** Where the reference machine's state value puts the unit (not completed). */
export function referencePosition(ir: CampaignIR, value: StateValue): Position {
  const [phaseId, inner] = Object.entries(value)[0];
  const phase = ir.phases.find((p) => p.id === phaseId)!;
  const [stepId] = Object.keys(inner as object);
  const step = phase.steps.find((s) => s.id === stepId);
  return step
    ? { kind: 'step', phase, window: step.window, requirement: step.requirement }
    : { kind: 'transfer', phase, window: phase.window };
}

/**
 * The blockers explain.ts must list, from the reference machine's context (`opens`: when the
 * position's window opens, as amended): the window if it has not opened, each unmet top-level
 * item of the step's requirement, each failing gate of the phase (at a step too: its blockers run
 * to the end of the phase), each incomplete checkpoint. One line each, in that order (see
 * `blockerKey` for the kernel's side).
 */
export function referenceBlockers(ir: CampaignIR, position: Position, ctx: UnitContext, opens: number): string[] {
  const out: string[] = [];
  if (ctx.now < opens) out.push(`window opens ${opens}`);
  if (position.kind === 'step') {
    const req = position.requirement;
    const items = req.kind === 'all' && req.label === null ? req.items : [req];
    const deliverables = new Map<string, DeliverableIR>(
      ir.phases.flatMap((p) => p.steps.flatMap((s) => s.deliverables.map((d) => [d.id, d] as const))),
    );
    for (const item of items) {
      if (requirementHolds(item, ctx)) continue;
      if (item.kind === 'task') out.push(`task ${item.task}`);
      else if (item.kind === 'deliverable') {
        const due = deliverables.get(item.deliverable)!.due;
        out.push(`deliverable ${item.deliverable}${due !== null && ctx.now > due ? ' overdue' : ''}`);
      } else {
        const done = item.items.filter((i) => requirementHolds(i, ctx)).length;
        out.push(`group ${item.kind} ${done}/${item.items.length}`);
      }
    }
  }
  for (const gate of position.phase.gates) {
    const failing = referenceGaps(gate.condition, ctx);
    if (failing.length > 0) out.push(`gate ${gate.id}: ${failing.join('; ')}`);
  }
  for (const cp of position.phase.checkpoints) {
    const missing = referenceMissing(cp, ctx);
    if (missing.length > 0) out.push(`checkpoint ${cp.id}: ${missing.join(', ')}`);
  }
  return out;
}

function referenceMissing(cp: CheckpointIR, ctx: UnitContext): string[] {
  const signed = Object.hasOwn(ctx.signoffs, cp.id) ? ctx.signoffs[cp.id] : {};
  return cp.items.flatMap((item) => {
    if (!(Object.hasOwn(signed, item.id) && signed[item.id] === true)) return [`#${item.number} ${item.id} unsigned`];
    if (item.requires !== null && !evaluateCondition(item.requires, ctx))
      return [`#${item.number} ${item.id} condition`];
    return [];
  });
}

/** Every failing comparison of a condition (an `or` fails only when every branch does). */
function referenceGaps(c: ConditionIR, ctx: UnitContext): string[] {
  if ('items' in c) {
    const each = c.items.map((i) => referenceGaps(i, ctx));
    if (c.kind === 'and') return each.flat();
    return each.some((g) => g.length === 0) ? [] : each.flat();
  }
  if (evaluateCondition(c, ctx)) return [];
  switch (c.kind) {
    case 'task-done':
      return [`task ${c.task} not done`];
    case 'deliverable-submitted':
      return [`deliverable ${c.deliverable} not submitted`];
    case 'metric': {
      const actual = Object.hasOwn(ctx.unitMetrics, c.metric) ? ctx.unitMetrics[c.metric] : 0;
      return [`metric ${c.metric} ${c.op} ${c.value}, actual ${actual}`];
    }
    case 'every':
    case 'share':
    case 'count': {
      const inner = c.kind === 'every' ? { op: c.op, value: c.value } : c.inner;
      const passing = memberValues(ctx, c.metric).filter((x) => holds(x, inner.op, inner.value)).length;
      const failing = ctx.members - passing;
      const actual = c.kind === 'count' ? `, actual ${passing}` : '';
      return [`${c.kind} ${c.metric} ${c.op} ${c.value}${actual}, ${failing} of ${ctx.members} failing`];
    }
    case 'min':
    case 'max': {
      const values = memberValues(ctx, c.metric);
      const actual = values.length === 0 ? 0 : c.kind === 'min' ? Math.min(...values) : Math.max(...values);
      return [`${c.kind} ${c.metric} ${c.op} ${c.value}, actual ${actual}`];
    }
    default:
      // A total or an average is shown as a number, but compared exactly: the number is not checked.
      return [`${c.kind} ${c.metric} ${c.op} ${c.value}`];
  }
}

/** `x op v` as the reference semantics compares a unit metric. */
function holds(x: number, op: CompareOp, value: number): boolean {
  return evaluateCondition({ kind: 'metric', metric: 'x', op, value }, { ...NO_FACTS, unitMetrics: { x } });
}

const NO_FACTS = { members: 0, unitMetrics: {}, memberMetrics: {}, tasks: {}, deliverables: {} };

function memberValues(ctx: UnitContext, metric: string): number[] {
  const values = Object.hasOwn(ctx.memberMetrics, metric) ? ctx.memberMetrics[metric] : [];
  return Array.from({ length: ctx.members }, (_, i) => values[i] ?? 0);
}

/** The kernel's blocker in the form of `referenceBlockers`. */
export function blockerKey(b: Blocker): string {
  switch (b.kind) {
    case 'window':
      return `window opens ${Date.parse(b.opens)}`;
    case 'task':
      return `task ${b.task}`;
    case 'deliverable':
      return `deliverable ${b.deliverable}${b.overdue ? ' overdue' : ''}`;
    case 'group':
      return `group ${b.mode} ${b.done}/${b.of}`;
    case 'gate':
      return `gate ${b.gate}: ${b.failing.map(gapKey).join('; ')}`;
    case 'checkpoint':
      return `checkpoint ${b.checkpoint}: ${b.missing.map((m) => `#${m.number} ${m.item} ${m.reason}`).join(', ')}`;
  }
}

function gapKey(g: ConditionGap): string {
  switch (g.aggregate) {
    case 'task-done':
    case 'deliverable-submitted':
      // The gap names its task or deliverable in its message only.
      return g.message;
    case 'every':
    case 'share':
    case 'count': {
      const actual = g.aggregate === 'count' ? `, actual ${g.actual}` : '';
      return `${g.aggregate} ${g.metric} ${g.op} ${g.target}${actual}, ${g.membersFailing} of ${g.members} failing`;
    }
    case 'total':
    case 'average':
      return `${g.aggregate} ${g.metric} ${g.op} ${g.target}`;
    default:
      return `${g.aggregate} ${g.metric} ${g.op} ${g.target}, actual ${g.actual}`;
  }
}
