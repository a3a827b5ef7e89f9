/**
 * Shared by the kernel tests: compiling the example campaigns, random event streams for
 * property tests, and translating the kernel's resolved events into the reference machine's.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileSource, type CampaignIR, type ConditionIR, type UnitEvent } from '@phasegate/compiler';
import fc from 'fast-check';
import type { KernelEvent } from '../src/kernel/events.js';
import type { Kernel } from '../src/kernel/kernel.js';
import {
  memoryStore,
  openRuntime,
  type Actor,
  type CampaignEvent,
  type Store,
  type UnitSpec,
} from '@phasegate/runtime';

const examples = fileURLToPath(new URL('../../../dsl-examples/', import.meta.url));

/** Every example campaign, compiled. */
export function exampleCampaigns(): { name: string; ir: CampaignIR }[] {
  return readdirSync(examples)
    .filter((f) => f.endsWith('.phase'))
    .sort()
    .map((name) => ({ name, ir: compile(name) }));
}

export function compile(name: string): CampaignIR {
  const { ir, diagnostics } = compileSource(readFileSync(`${examples}${name}`, 'utf8'), name);
  if (!ir) throw new Error(`${name} does not compile: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return ir;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** One random step of a stream; turned into a concrete event against a campaign by `materialize`. */
export interface EventSpec {
  /** `progress`: whatever the unit's current position lacks (a task, a sign-off, a fact that meets a gate). */
  readonly kind:
    | 'clock'
    | 'fact'
    | 'task'
    | 'deliverable'
    | 'signoff'
    | 'revoke'
    | 'amend'
    | 'progress'
    | 'issue'
    | 'acknowledge'
    | 'report';
  readonly unit: number;
  readonly pick: number;
  readonly member: number;
  readonly quarters: number;
  readonly add: boolean;
  /** Hours from the previous event; negative sometimes, so events arrive out of order. */
  readonly hours: number;
  readonly days: number;
}

const kinds = fc.oneof(
  { arbitrary: fc.constant<EventSpec['kind']>('progress'), weight: 10 },
  {
    arbitrary: fc.constantFrom<EventSpec['kind']>(
      'clock',
      'fact',
      'fact',
      'fact',
      'task',
      'deliverable',
      'signoff',
      'revoke',
      'amend',
    ),
    weight: 8,
  },
  { arbitrary: fc.constantFrom<EventSpec['kind']>('issue', 'acknowledge', 'report'), weight: 1 },
);

export const eventSpec: fc.Arbitrary<EventSpec> = fc.record({
  kind: kinds,
  unit: fc.nat({ max: 7 }),
  pick: fc.nat({ max: 1000 }),
  member: fc.nat({ max: 9 }),
  // Multiples of 0.25 up to 100: exact in Float32 and in every sum the tests make.
  quarters: fc.oneof(fc.nat({ max: 400 }), fc.constantFrom(160, 180, 200, 320, 380, 400)),
  add: fc.boolean(),
  hours: fc.oneof(
    { arbitrary: fc.integer({ min: -24, max: 60 }), weight: 8 },
    { arbitrary: fc.integer({ min: 0, max: 500 }), weight: 1 },
  ),
  days: fc.integer({ min: -2, max: 12 }),
});

/** A stream long enough to carry units through several phases. */
export const eventSpecs = fc.array(eventSpec, { minLength: 20, maxLength: 220, size: 'max' });

/** Member counts of the units a property test registers. */
export const memberCounts = fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 4 });

/**
 * A concrete `CampaignEvent` for a spec, drawn from the campaign's names, against the kernel's
 * registered units. `time` is advanced by the spec. Some events are invalid on purpose (an add
 * that takes a percent past 100, a shortening amendment): the caller's resolver rejects them.
 */
export function materialize(spec: EventSpec, ir: CampaignIR, k: Kernel, id: string, time: number): CampaignEvent {
  if (spec.kind === 'progress') spec = progress(spec, ir, k);
  const unit = k.units.ids[spec.unit % k.unitCount];
  const at = new Date(time).toISOString();
  const adminRole = ir.roles.find((r) => !r.canAmend)?.id ?? ir.roles[0]?.id ?? 'admin';
  const actor = { user: 'u', role: adminRole };
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[spec.pick % xs.length]);
  switch (spec.kind) {
    case 'fact': {
      const metric = pick(ir.metrics);
      if (!metric) break;
      const u = k.units.index.get(unit)!;
      const n = k.cols.memberStart[u + 1] - k.cols.memberStart[u];
      const value = spec.quarters / 4;
      if (metric.level === 'member') {
        if (n === 0) break;
        return {
          id,
          type: 'fact',
          time: at,
          actor,
          unit,
          metric: metric.id,
          member: spec.member % n,
          value,
          mode: spec.add ? 'add' : 'set',
        };
      }
      return { id, type: 'fact', time: at, actor, unit, metric: metric.id, value, mode: spec.add ? 'add' : 'set' };
    }
    case 'task': {
      const task = pick(ir.phases.flatMap((p) => p.steps.flatMap((s) => s.tasks)));
      if (task) return { id, type: 'task', time: at, actor, unit, task: task.id };
      break;
    }
    case 'deliverable': {
      const d = pick(ir.phases.flatMap((p) => p.steps.flatMap((s) => s.deliverables)));
      if (d) return { id, type: 'deliverable', time: at, actor, unit, deliverable: d.id };
      break;
    }
    case 'signoff':
    case 'revoke': {
      const item = pick(ir.phases.flatMap((p) => p.checkpoints.flatMap((c) => c.items.map((i) => ({ c, i })))));
      if (item)
        return {
          id,
          type: spec.kind,
          time: at,
          actor: { user: 's', role: item.c.signer },
          unit,
          checkpoint: item.c.id,
          item: item.i.id,
        };
      break;
    }
    case 'amend': {
      const amender = ir.roles.find((r) => r.canAmend);
      const phase = pick(ir.phases);
      if (!amender || !phase) break;
      const step = spec.member % 3 === 0 ? undefined : phase.steps[spec.member % Math.max(1, phase.steps.length)];
      const effective = new Date(time + (spec.hours % 48) * HOUR).toISOString();
      const base = {
        id,
        type: 'amend' as const,
        time: at,
        actor: { user: 'o', role: amender.id },
        phase: phase.id,
        ...(step ? { step: step.id } : {}),
        effective,
      };
      return spec.add ? { ...base, extendDays: spec.days } : { ...base, moveDays: spec.days };
    }
    case 'issue': {
      const doc = pick(ir.documents);
      const issuer = ir.roles.find((r) => r.canIssue);
      if (doc && issuer)
        return { id, type: 'issue', time: at, actor: { user: 'o', role: issuer.id }, document: doc.id };
      break;
    }
    case 'acknowledge': {
      const doc = pick(ir.documents);
      if (doc) return { id, type: 'acknowledge', time: at, actor, unit, document: doc.id };
      break;
    }
    case 'report': {
      const o = pick(ir.obligations.filter((x) => x.kind !== 'acknowledge'));
      if (!o) break;
      if (o.owedBy.kind === 'role')
        return { id, type: 'report', time: at, actor: { user: 'r', role: o.owedBy.role }, obligation: o.id };
      return { id, type: 'report', time: at, actor, unit, obligation: o.id };
    }
    case 'clock':
    case 'progress':
      break;
  }
  return { id, type: 'clock', time: at, actor: { user: 'c', role: adminRole } };
}

/**
 * Turns a `progress` spec into a spec that moves the unit toward leaving its position: one of the
 * step's tasks or deliverables, or at transfer a sign-off or a fact with a value high enough for
 * the usual `>=` thresholds (`pick` selects which; sometimes a value that still falls short).
 */
function progress(spec: EventSpec, ir: CampaignIR, k: Kernel): EventSpec {
  const u = spec.unit % k.unitCount;
  const info = k.plan.positions[k.cols.pos[u]];
  if (info.kind === 'completed') return { ...spec, kind: 'clock' };
  const phase = info.phaseIr!;
  const index = <T>(all: readonly T[], some: readonly T[]): number => all.indexOf(some[spec.pick % some.length]);
  if (info.kind === 'step') {
    const step = info.stepIr!;
    const tasks = ir.phases.flatMap((p) => p.steps.flatMap((s) => s.tasks));
    const delivs = ir.phases.flatMap((p) => p.steps.flatMap((s) => s.deliverables));
    const mine = [
      ...step.tasks.map((t) => ({ kind: 'task' as const, at: tasks.indexOf(t) })),
      ...step.deliverables.map((d) => ({ kind: 'deliverable' as const, at: delivs.indexOf(d) })),
    ];
    const chosen = mine[spec.pick % mine.length];
    return { ...spec, kind: chosen.kind, pick: chosen.at };
  }
  const items = ir.phases.flatMap((p) => p.checkpoints.flatMap((c) => c.items));
  const phaseItems = phase.checkpoints.flatMap((c) => c.items);
  const metrics = new Set<string>();
  const collect = (c: ConditionIR): void => {
    if (c.kind === 'and' || c.kind === 'or') c.items.forEach(collect);
    else if ('metric' in c) metrics.add(c.metric);
  };
  phase.gates.forEach((g) => collect(g.condition));
  phaseItems.forEach((i) => i.requires && collect(i.requires));
  const used = ir.metrics.filter((m) => metrics.has(m.id));
  if (phaseItems.length > 0 && (used.length === 0 || spec.pick % 3 === 0))
    return { ...spec, kind: 'signoff', pick: index(items, phaseItems) };
  if (used.length === 0) return { ...spec, kind: 'clock' };
  const metric = used[spec.pick % used.length];
  const high = metric.unit === 'percent' ? 100 : metric.unit === 'count' ? 12 : 60;
  const quarters = spec.pick % 5 === 0 ? spec.quarters % (high * 4) : high * 4;
  return { ...spec, kind: 'fact', pick: ir.metrics.indexOf(metric), quarters, add: false };
}

/** The reference machine's event for a resolved kernel event (null for ledger-only events). */
export function toUnitEvent(e: KernelEvent, k: Kernel): UnitEvent | null {
  const plan = k.plan;
  switch (e.kind) {
    case 'clock':
      return { type: 'clock', time: e.time };
    case 'fact': {
      const metric = plan.metrics[e.metric].ir.id;
      const mode = e.add ? 'add' : 'set';
      return e.member < 0
        ? { type: 'fact', time: e.time, metric, value: e.value, mode }
        : { type: 'fact', time: e.time, metric, member: e.member, value: e.value, mode };
    }
    case 'task':
      return { type: 'task', time: e.time, task: plan.tasks[e.task].ir.id };
    case 'deliverable':
      return { type: 'deliverable', time: e.time, deliverable: plan.deliverables[e.deliverable].ir.id };
    case 'signoff':
    case 'revoke': {
      const item = plan.items[e.item];
      return { type: e.kind, time: e.time, checkpoint: plan.checkpoints[item.checkpoint].ir.id, item: item.ir.id };
    }
    case 'amend':
      return { type: 'amend', time: e.time, window: e.window, start: e.start, end: e.end, effective: e.effective };
    default:
      return null;
  }
}

/** The unit an event is addressed to, or -1 for every unit. */
export function addressee(e: KernelEvent): number {
  return 'unit' in e && e.kind !== 'acknowledge' && e.kind !== 'report' ? e.unit : -1;
}

/** An XState state value as a dotted path: `{ study: { four_talks: 'open' } }` → `study.four_talks.open`. */
export function dotted(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key] = Object.keys(value as object);
  return `${key}.${dotted((value as Record<string, unknown>)[key])}`;
}

// ---- the reference campaign through the public facade -------------------------------------------

type EventBody = { readonly type: CampaignEvent['type'] } & Record<string, unknown>;

/**
 * A runtime on a compiled example with units registered, and a `send` that fills in ids and
 * actors: unit events come from the unit's admin, sign-offs from the checkpoint's signer,
 * amendments, issues and clock ticks from a role that can amend (override with `actor`).
 */
export function referenceRuntime(
  file = 'first-batch.phase',
  units: readonly UnitSpec[] = [{ id: 'edu', members: 3 }],
  store: Store = memoryStore(),
  snapshotEvery?: number,
) {
  const ir = compile(file);
  const runtime = openRuntime({ ir, store, ...(snapshotEvery !== undefined ? { snapshotEvery } : {}) });
  runtime.registerUnits(units);
  let n = 0;
  const unitRole = ir.roles.find((r) => r.id === 'unit_admin')?.id ?? ir.roles.find((r) => !r.canAmend)?.id ?? 'admin';
  const officeRole = ir.roles.find((r) => r.canAmend)?.id ?? unitRole;
  const signer = (checkpoint: unknown): string =>
    ir.phases.flatMap((p) => p.checkpoints).find((c) => c.id === checkpoint)?.signer ?? 'supervisor';
  const actorFor = (e: EventBody): Actor => {
    if (e.type === 'signoff' || e.type === 'revoke') return { user: 'sup-1', role: signer(e.checkpoint) };
    if (e.type === 'amend' || e.type === 'issue' || e.type === 'clock') return { user: 'office-1', role: officeRole };
    const unit = typeof e.unit === 'string' ? e.unit : undefined;
    return { user: `${unit ?? 'x'}-admin`, role: unitRole, ...(unit ? { unit } : {}) };
  };
  const events = (...bodies: EventBody[]): CampaignEvent[] =>
    bodies.map((b) => ({ id: `t${n++}`, actor: actorFor(b), ...b }) as unknown as CampaignEvent);
  const send = (...bodies: EventBody[]) => runtime.ingest(events(...bodies));
  return { ir, runtime, store, events, send };
}

/** Everything the study phase of first-batch.phase asks of a unit, recorded at `time`. */
export function studyDone(unit: string, members: number, time: string, hours = 46): EventBody[] {
  const tasks = [
    'leaders_talk',
    'expert_talk',
    'exemplar_talk',
    'self_talk',
    'remedial_study',
    'notes_exchange',
    'transfer_meeting',
  ];
  const deliverables = [
    'advanced_standard',
    'unqualified_criteria',
    'phase_summary',
    'stage_summary',
    'transfer_application',
  ];
  const items = ['leadership', 'key_work', 'lectures', 'standards', 'requirements', 'rectification'];
  return [
    ...tasks.map((task) => ({ type: 'task' as const, time, unit, task })),
    ...deliverables.map((deliverable) => ({ type: 'deliverable' as const, time, unit, deliverable })),
    ...Array.from({ length: members }, (_, member) => [
      { type: 'fact' as const, time, unit, metric: 'study_hours', member, value: hours },
      { type: 'fact' as const, time, unit, metric: 'concentrated_hours', member, value: 41 },
    ]).flat(),
    { type: 'fact', time, unit, metric: 'concentrated_days', value: 3 },
    { type: 'fact', time, unit, metric: 'participation_rate', value: 96 },
    { type: 'fact', time, unit, metric: 'awareness_rate', value: 85 },
    ...items.map((item) => ({ type: 'signoff' as const, time, unit, checkpoint: 'six_checks', item })),
    { type: 'signoff', time, unit, checkpoint: 'transfer_approval', item: 'application_approved' },
  ];
}

export const clock = (time: string): EventBody => ({ type: 'clock', time });

/** XState's `createActor`, for the kernel benchmark (bench/ cannot resolve `xstate` itself). */
export { createActor } from 'xstate';
