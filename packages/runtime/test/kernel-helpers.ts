/**
 * Shared by the kernel tests: compiling the example campaigns, random event streams for
 * property tests, and translating the kernel's resolved events into the reference machine's.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  compileSource,
  type CampaignIR,
  type CompareOp,
  type ConditionIR,
  type MetricIR,
  type PhaseIR,
  type UnitEvent,
} from '@phasegate/compiler';
import { fromThousandths } from '@phasegate/compiler/semantics';
import fc from 'fast-check';
import type { KernelEvent } from '../src/kernel/events.js';
import { UnitView } from '../src/kernel/explain.js';
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
  /**
   * How a fact's value is chosen (absent: `quarters / 4`): 0 `quarters / 4`, 1 a decimal such as
   * 0.1 or 1/3, 2 a threshold the campaign compares that metric with, 3 a whole number.
   */
  readonly value?: number;
  /** A fact's exact value, chosen by `progress` to meet a comparison. */
  readonly exact?: number;
  /** Name the member by its roster id when the unit's members have ids. */
  readonly byId?: boolean;
  /** An amendment's action (absent: by `add`): 0 extendDays, 1 moveDays, 2 extendTo. */
  readonly amendAction?: number;
  /**
   * Where an amendment takes effect: 0 (and absent) near the event, 1 not given (the event's
   * time), 2 days before the window opens, 3 days after it closes.
   */
  readonly effective?: number;
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

const eventSpecModel = {
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
};

export const eventSpec: fc.Arbitrary<EventSpec> = fc.record(eventSpecModel);

/**
 * Steps for random campaigns: units up to 20, fact values that are not all multiples of 0.25
 * (0.1, 1/3, the campaign's own thresholds, whole numbers), members named by id, and every
 * kind of run-time amendment.
 */
export const richEventSpec: fc.Arbitrary<EventSpec> = fc.record({
  ...eventSpecModel,
  // Shrinks toward `clock`: an event a failure does not need becomes a tick at the same time, so
  // the events after it keep their times.
  kind: fc.oneof(
    { withCrossShrink: true },
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
      weight: 5,
    },
    { arbitrary: fc.constant<EventSpec['kind']>('progress'), weight: 9 },
    { arbitrary: fc.constantFrom<EventSpec['kind']>('issue', 'acknowledge', 'report'), weight: 1 },
  ),
  unit: fc.nat({ max: 19 }),
  hours: fc.oneof(
    { arbitrary: fc.integer({ min: -12, max: 16 }), weight: 10 },
    { arbitrary: fc.integer({ min: 0, max: 96 }), weight: 1 },
  ),
  value: fc.nat({ max: 3 }),
  byId: fc.boolean(),
  amendAction: fc.nat({ max: 2 }),
  effective: fc.nat({ max: 3 }),
});

/**
 * How long one of `richEventSpec`'s hours lasts in a campaign, so that a stream of `events`
 * events runs from a few days before the first window to a little after the last one: a long
 * campaign is not left unfinished and a short one not long overdue. (6.2 is the mean of `hours`.)
 * Between half an hour and four hours, in quarter hours.
 */
export function pace(ir: CampaignIR, events: number): number {
  const start = Math.min(...ir.windows.map((w) => w.start));
  const end = Math.max(...ir.windows.map((w) => w.end), ...ir.amendments.map((a) => a.end));
  const wanted = 1.3 * (end - start + 3 * DAY);
  // Whole quarter hours: events then land exactly on window edges and deadlines now and then.
  const quarters = Math.round((4 * wanted) / (events * 6.2 * HOUR));
  return (Math.min(16, Math.max(2, quarters)) * HOUR) / 4;
}

/**
 * Arrays of exactly `length` items that shrink like any array, shortest tail first: a property
 * that fails at the i-th event of a stream needs nothing after it, while fast-check's own array
 * shrinker drops items from the front first.
 */
export function stream<T>(item: fc.Arbitrary<T>, length: number): fc.Arbitrary<T[]> {
  const generated = fc.array(item, { minLength: length, maxLength: length });
  const shrunk = fc.array(item, { maxLength: length });
  return new (class extends fc.Arbitrary<T[]> {
    generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T[]> {
      // Without context: `shrunk` shrinks what `generated` made from the value alone.
      return new fc.Value(generated.generate(mrng, biasFactor).value, undefined);
    }
    canShrinkWithoutContext(value: unknown): value is T[] {
      return shrunk.canShrinkWithoutContext(value);
    }
    shrink(value: T[], context: unknown): fc.Stream<fc.Value<T[]>> {
      const n = value.length;
      const cuts: number[] = [];
      for (let keep = n >> 1; keep < n; keep = keep + ((n - keep + 1) >> 1)) cuts.push(keep);
      return fc.Stream.of(...cuts)
        .map((keep) => new fc.Value(value.slice(0, keep), undefined))
        .join(shrunk.shrink(value, context));
    }
  })();
}

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
      const value = spec.exact ?? factValue(spec, metric, ir);
      const mode = spec.exact === undefined && spec.add ? 'add' : 'set';
      if (metric.level === 'member') {
        if (n === 0) break;
        const ids = spec.byId ? k.units.memberIds.get(u) : undefined;
        const member = ids ? ids[spec.member % n] : spec.member % n;
        return { id, type: 'fact', time: at, actor, unit, metric: metric.id, member, value, mode };
      }
      return { id, type: 'fact', time: at, actor, unit, metric: metric.id, value, mode };
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
      const window = k.calendar.at(time);
      const w = step ? step.window : phase.window;
      const effectiveAt = [
        time + (spec.hours % 48) * HOUR,
        null,
        window.start[w] - spec.days * DAY,
        window.end[w] + spec.days * DAY,
      ][spec.effective ?? 0];
      const base = {
        id,
        type: 'amend' as const,
        time: at,
        actor: { user: 'o', role: amender.id },
        phase: phase.id,
        ...(step ? { step: step.id } : {}),
        ...(effectiveAt === null ? {} : { effective: new Date(effectiveAt).toISOString() }),
      };
      const action = spec.amendAction ?? (spec.add ? 0 : 1);
      if (action === 0) return { ...base, extendDays: spec.days };
      if (action === 1) return { ...base, moveDays: spec.days };
      // A date (the end of that local day) or an instant, some days after the window's end.
      const to = new Date(window.end[w] + spec.days * DAY).toISOString();
      return { ...base, extendTo: spec.add ? to.slice(0, 10) : to };
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

/** Decimals where binary floating point is not exact, and shares of three members. */
const DECIMALS = [
  0.1,
  0.2,
  0.3,
  0.7,
  0.15,
  0.001,
  0.999,
  1 / 3,
  2 / 3,
  0.33,
  0.333,
  0.67,
  1.1,
  12.5,
  33.33,
  100 / 3,
  66.67,
  200 / 3,
  99.99,
  99.999,
];

/** A fact's value for a spec without `exact` (see `EventSpec.value`). */
function factValue(spec: EventSpec, metric: MetricIR, ir: CampaignIR): number {
  switch (spec.value) {
    case 1:
      return DECIMALS[spec.quarters % DECIMALS.length];
    case 2: {
      const values = thresholds(ir, metric.id);
      return values.length === 0 ? spec.quarters / 4 : values[spec.quarters % values.length];
    }
    case 3:
      return metric.unit === 'percent' && spec.quarters % 4 === 0 ? 100 : spec.quarters % 13;
    default:
      return spec.quarters / 4;
  }
}

/** Every value the campaign compares a metric with (inner thresholds of shares and counts included). */
function thresholds(ir: CampaignIR, metric: string): number[] {
  const out: number[] = [];
  for (const c of comparisons(ir)) {
    if (c.metric !== metric) continue;
    out.push(c.kind === 'share' || c.kind === 'count' ? c.inner.value : c.value);
  }
  return out;
}

type Comparison = Exclude<ConditionIR, { kind: 'and' | 'or' | 'task-done' | 'deliverable-submitted' }>;
type Leaf = Exclude<ConditionIR, { kind: 'and' | 'or' }>;

/** The leaves of conditions (comparisons, tasks and deliverables), in order. */
export function conditionLeaves(conditions: readonly ConditionIR[]): Leaf[] {
  const out: Leaf[] = [];
  const walk = (c: ConditionIR): void => {
    if ('items' in c) c.items.forEach(walk);
    else out.push(c);
  };
  conditions.forEach(walk);
  return out;
}

/** Every gate's and item's condition of a phase (or of the campaign). */
export function phaseConditions(phases: readonly PhaseIR[]): ConditionIR[] {
  return phases.flatMap((p) => [
    ...p.gates.map((g) => g.condition),
    ...p.checkpoints.flatMap((c) => c.items.flatMap((i) => (i.requires ? [i.requires] : []))),
  ]);
}

function comparisons(ir: CampaignIR): Comparison[] {
  return conditionLeaves(phaseConditions(ir.phases)).filter(
    (c): c is Comparison => c.kind !== 'task-done' && c.kind !== 'deliverable-submitted',
  );
}

/**
 * Turns a `progress` spec into a spec that moves the unit toward leaving its position: one of the
 * step's tasks or deliverables not yet recorded, or at transfer a sign-off of an unsigned item, or
 * a fact that makes a failing comparison of the phase's gates and items hold, whatever its
 * operator (`pick` selects which; one time in five a value that may still fall short).
 */
function progress(spec: EventSpec, ir: CampaignIR, k: Kernel): EventSpec {
  const u = spec.unit % k.unitCount;
  const info = k.plan.positions[k.cols.pos[u]];
  if (info.kind === 'completed') return { ...spec, kind: 'clock' };
  const phase = info.phaseIr!;
  const view = new UnitView(k, u);
  /** What is still missing, or everything when nothing is. */
  const wanting = <T>(all: readonly T[], missing: (x: T) => boolean): readonly T[] => {
    const some = all.filter(missing);
    return some.length > 0 ? some : all;
  };
  if (info.kind === 'step') {
    const step = info.stepIr!;
    const mine = wanting(
      [
        ...step.tasks.map((t) => ({
          kind: 'task' as const,
          at: k.plan.taskIndex.get(t.id)!,
          done: view.taskDone(t.id),
        })),
        ...step.deliverables.map((d) => ({
          kind: 'deliverable' as const,
          at: k.plan.deliverableIndex.get(d.id)!,
          done: view.submitted(d.id),
        })),
      ],
      (x) => !x.done,
    );
    const chosen = mine[spec.pick % mine.length];
    return { ...spec, kind: chosen.kind, pick: chosen.at };
  }
  const items = ir.phases.flatMap((p) => p.checkpoints.flatMap((c) => c.items));
  const phaseItems = wanting(
    phase.checkpoints.flatMap((c) => c.items.map((item) => ({ c, item }))),
    ({ c, item }) => !view.signed(c.id, item.id),
  );
  const leaves = wanting(conditionLeaves(phaseConditions([phase])), (leaf) => !k.conditions.condition(leaf)(k.cols, u));
  const sign = (): EventSpec => ({
    ...spec,
    kind: 'signoff',
    pick: items.indexOf(phaseItems[spec.pick % phaseItems.length].item),
  });
  if (phaseItems.length > 0 && (leaves.length === 0 || spec.pick % 3 === 0)) return sign();
  if (leaves.length === 0) return { ...spec, kind: 'clock' };
  const leaf = leaves[spec.pick % leaves.length];
  if (leaf.kind === 'task-done') return { ...spec, kind: 'task', pick: k.plan.taskIndex.get(leaf.task)! };
  if (leaf.kind === 'deliverable-submitted')
    return { ...spec, kind: 'deliverable', pick: k.plan.deliverableIndex.get(leaf.deliverable)! };
  const metric = k.plan.metricIndex.get(leaf.metric)!;
  const step = spec.pick % 5 === 0 ? null : toward(leaf, k, u, spec.member);
  if (step === null) return phaseItems.length > 0 ? sign() : { ...spec, kind: 'fact', pick: metric, add: false };
  // Metrics hold thousandths: a finer value would be refused.
  const exact = Math.round(step.value * 1000) / 1000;
  return { ...spec, kind: 'fact', pick: metric, member: step.member, exact, add: false };
}

const NEGATE: Record<CompareOp, CompareOp> = { '>=': '<', '>': '<=', '<=': '>', '<': '>=', '==': '!=', '!=': '==' };

/**
 * A member (or -1 for the unit) and a value that make `leaf` hold, or bring it one member closer;
 * null when no single fact can help (a share of a unit without members).
 */
function toward(leaf: Comparison, k: Kernel, u: number, member: number): { member: number; value: number } | null {
  const m = k.plan.metrics[k.plan.metricIndex.get(leaf.metric)!];
  const max = m.ir.unit === 'percent' ? 100 : Infinity;
  /** A value `x` with `x op v`, inside the metric's range. */
  const hit = (op: CompareOp, v: number): number =>
    op === '>' ? Math.min(v + 1, max) : op === '<' ? 0 : op === '!=' ? (v === 0 ? 1 : 0) : v;
  if (leaf.kind === 'metric') return { member: -1, value: hit(leaf.op, leaf.value) };
  const from = k.cols.memberStart[u];
  const n = k.cols.memberStart[u + 1] - from;
  if (n === 0) return null;
  // The kernel holds thousandths; this only steers the stream, so reading its columns is fine.
  const values = Array.from({ length: n }, (_, i) => fromThousandths(k.cols.member[m.column][from + i]));
  const holds = (x: number, op: CompareOp, v: number): boolean =>
    op === '>='
      ? x >= v
      : op === '>'
        ? x > v
        : op === '<='
          ? x <= v
          : op === '<'
            ? x < v
            : op === '=='
              ? x === v
              : x !== v;
  switch (leaf.kind) {
    case 'every':
    case 'min':
    case 'max': {
      const failing = values.findIndex((x) => !holds(x, leaf.op, leaf.value));
      return { member: failing >= 0 ? failing : member % n, value: hit(leaf.op, leaf.value) };
    }
    case 'total':
    case 'average': {
      const i = member % n;
      const others = values.reduce((a, b) => a + b, 0) - values[i];
      const target = leaf.kind === 'total' ? hit(leaf.op, leaf.value) : hit(leaf.op, leaf.value) * n;
      return { member: i, value: Math.min(max, Math.max(0, target - others)) };
    }
    case 'share':
    case 'count': {
      const { op, value } = leaf.inner;
      const passing = values.filter((x) => holds(x, op, value)).length;
      const measure = (c: number): number => (leaf.kind === 'count' ? c : (c * 100) / n);
      let best = -1;
      for (let c = 0; c <= n; c++)
        if (holds(measure(c), leaf.op, leaf.value) && (best < 0 || Math.abs(c - passing) < Math.abs(best - passing)))
          best = c;
      if (best < 0 || best === passing) return { member: member % n, value: hit(op, value) };
      const up = best > passing;
      const i = values.findIndex((x) => holds(x, op, value) !== up);
      return { member: i, value: hit(up ? op : NEGATE[op], value) };
    }
  }
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
