/**
 * The kernel against the reference semantics (docs/semantics.md), event by event. One campaign,
 * a roster and a stream of `EventSpec`s are driven through the columnar kernel, as the runtime
 * drives it (`resolveEvent`, batches, rollbacks, a snapshot restore, units joining late), and
 * through the compiler's XState machine, one actor per unit (XState's pure `transition` builds an
 * actor on every call: twice as slow). After every event, for every unit it reached (every unit
 * after an event sent to all; state and clock of every unit after any event), they must agree on:
 *
 * - the state value, the clock, the transfers (and whether on time), the tags, the summary state;
 * - the verdict of every comparison, gate, checkpoint and step requirement of the campaign: the
 *   kernel's compiled test against `evaluateCondition` / `checkpointComplete` /
 *   `requirementHolds` on the machine's context;
 * - late deliverables;
 * - the blockers `unitStatus` lists: none exactly when the unit's criteria hold, and exactly
 *   those reference-blockers.ts derives from the machine's context;
 * - the state changes the kernel reports (what `ingest` returns), and its units per state.
 *
 * The first difference throws a `Disagreement` naming the event, the unit and both sides, with
 * the events applied so far.
 */
import { specCheckpoint, specHolds, specRequirement } from './spec-oracle.js';
import type { CampaignIR, UnitEvent } from '@phasegate/compiler';
import { createUnitMachine, type UnitMachine } from '@phasegate/compiler/machine';
import {
  checkpointComplete,
  effectiveWindows,
  evaluateCondition,
  requirementHolds,
} from '@phasegate/compiler/semantics';
import fc from 'fast-check';
import { createActor, type Actor } from 'xstate';
import type { CampaignEvent } from '../src/index.js';
import type { UnitTest } from '../src/kernel/compile-condition.js';
import { unitStatus } from '../src/kernel/explain.js';
import { Kernel } from '../src/kernel/kernel.js';
import { resolveEvent, timeBounds } from '../src/resolve-event.js';
import {
  addressee,
  conditionLeaves,
  DAY,
  dotted,
  HOUR,
  materialize,
  phaseConditions,
  toUnitEvent,
  type EventSpec,
} from './kernel-helpers.js';
import { blockerKey, referenceBlockers, referencePosition } from './reference-blockers.js';

/** One unit of the roster: its member count, whether its members have ids, and when it joins. */
export interface UnitSetup {
  readonly members: number;
  readonly ids: boolean;
  /** Registered just before this event (at the campaign clock); absent or null: from the start. */
  readonly joinsAt?: number | null;
}

/**
 * How the kernel is driven besides its events, as the runtime drives it: events in batches
 * between `begin` and `commit`; some batches first applied and rolled back (what `check` does,
 * and `ingest` when a batch has a rejected event), so that the undo journal must restore exactly
 * what was there; and once, the kernel replaced by one restored from its snapshot (a reopen).
 */
export interface KernelOps {
  /** Events per batch. */
  readonly batch: number;
  /** Every `dryRun`-th batch is first applied and rolled back; 0: never. */
  readonly dryRun: number;
  /** The kernel is replaced by its restored snapshot before the batch that holds this event. */
  readonly restoreAt: number | null;
}

export const PLAIN_OPS: KernelOps = { batch: 1, dryRun: 0, restoreAt: null };

/** Batches of 1 to 8 events, dry runs now and then, and a restore in half the runs. */
export const kernelOps: fc.Arbitrary<KernelOps> = fc.record({
  batch: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 8 })),
  dryRun: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 2 }),
  restoreAt: fc.option(fc.nat({ max: 199 }), { freq: 2 }),
});

/** The kernel and the reference machine differ. */
export class Disagreement extends Error {
  override name = 'Disagreement';
}

/** What a run exercised, summed over runs (for the coverage table; see random-campaigns.test.ts). */
export interface Coverage {
  campaigns: number;
  units: number;
  /** Units registered after the first event, rollbacks, restores. */
  joined: number;
  rollbacks: number;
  restores: number;
  events: { accepted: Record<string, number>; rejected: Record<string, number> };
  /** Per `aggregate op` (`share >=`): comparisons in campaigns, those seen both true and false, evaluations. */
  comparisons: Record<string, { leaves: number; both: number; true: number; false: number }>;
  /** Unit compares by reference substate (`step.open`, `transfer.overdue`, `completed`). */
  states: Record<string, number>;
  transfers: { onTime: number; late: number };
  /** Blockers seen, by kind. */
  blockers: Record<string, number>;
  /** Steps, gates, checkpoints whose verdict was seen both ways. */
  verdicts: {
    gates: number;
    gatesBoth: number;
    checkpoints: number;
    checkpointsBoth: number;
    steps: number;
    stepsBoth: number;
  };
}

export function emptyCoverage(): Coverage {
  return {
    campaigns: 0,
    units: 0,
    joined: 0,
    rollbacks: 0,
    restores: 0,
    events: { accepted: {}, rejected: {} },
    comparisons: {},
    states: {},
    transfers: { onTime: 0, late: 0 },
    blockers: {},
    verdicts: { gates: 0, gatesBoth: 0, checkpoints: 0, checkpointsBoth: 0, steps: 0, stepsBoth: 0 },
  };
}

type Leaf = ReturnType<typeof conditionLeaves>[number];

/** A kernel test of a comparison, gate, checkpoint or step requirement, and what the reference said of it. */
interface Judged<T> {
  readonly ir: T;
  readonly name: string;
  test: UnitTest;
  seen: number;
}

const TRUE = 1;
const FALSE = 2;

/**
 * Drives `specs` through the kernel and the reference machine on `ir` with `roster` registered,
 * comparing after every event; throws a `Disagreement` at the first difference.
 */
export function runDifferential(
  ir: CampaignIR,
  roster: readonly UnitSetup[],
  specs: readonly EventSpec[],
  options: { coverage?: Coverage; hour?: number; ops?: KernelOps } = {},
): void {
  const { coverage, hour = HOUR, ops = PLAIN_OPS } = options;
  const machine = createUnitMachine(ir);
  const bounds = timeBounds(ir);
  const fileAmendments = ir.amendments.length;
  let k = new Kernel(ir);
  /** Registered units, in the kernel's order, each with its reference actor. */
  const units: UnitSetup[] = [];
  const actors: Actor<UnitMachine>[] = [];
  /** Each unit's reference state value when last compared (`study.four_talks.open`). */
  const states: string[] = [];
  /** Per unit: the event it was registered before (-1: from the start). */
  const joinedBefore: number[] = [];
  /** Run-time amendments accepted so far: a unit that joins later gets the calendar too. */
  const amendments: UnitEvent[] = [];
  const log: { raw: CampaignEvent; problem: string | null }[] = [];
  /** The state changes the kernel reported during the current event (its `sink`, what `ingest` returns). */
  const moves: { unit: number; from: number; to: number }[] = [];

  const judged = <T>(ir: T, name: string, test: UnitTest): Judged<T> => ({ ir, name, test, seen: 0 });
  const leaves = [...new Set(conditionLeaves(phaseConditions(ir.phases)))].map((c) =>
    judged(c, describeLeaf(c), k.conditions.condition(c)),
  );
  const gates = ir.phases.flatMap((p) =>
    p.gates.map((g) => judged(g, `gate ${g.id}`, k.conditions.condition(g.condition))),
  );
  const checkpoints = ir.phases.flatMap((p) =>
    p.checkpoints.map((c) => judged(c, `checkpoint ${c.id}`, k.checkpointTest(k.plan.checkpointIndex.get(c.id)!))),
  );
  const steps = ir.phases.flatMap((p) =>
    p.steps.map((s) => judged(s, `step ${s.id}`, k.conditions.requirement(s.requirement))),
  );
  /** After a restore: the tests compiled by the new kernel. */
  const recompile = (): void => {
    for (const j of leaves) j.test = k.conditions.condition(j.ir);
    for (const j of gates) j.test = k.conditions.condition(j.ir.condition);
    for (const j of checkpoints) j.test = k.checkpointTest(k.plan.checkpointIndex.get(j.ir.id)!);
    for (const j of steps) j.test = k.conditions.requirement(j.ir.requirement);
  };

  const disagree = (where: string, u: number, what: string, reference: unknown, kernel: unknown): never => {
    const show = (x: unknown): string => (typeof x === 'string' ? x : JSON.stringify(x));
    const events = log.map(
      (e, i) => `  #${i} ${e.problem === null ? '' : `(rejected: ${e.problem}) `}${JSON.stringify(e.raw)}`,
    );
    const joins = joinedBefore.flatMap((e, u) => (e < 0 ? [] : [`u${u} before #${e}`]));
    throw new Disagreement(
      `${where}, ${u < 0 ? 'the campaign' : `unit u${u} (${units[u].members} members)`}: ${what}\n` +
        `  reference: ${show(reference)}\n  kernel:    ${show(kernel)}\n\n` +
        `Kernel driven in batches of ${ops.batch}${ops.dryRun > 0 ? `, ${ordinal(ops.dryRun)} applied and rolled back first` : ''}` +
        `${ops.restoreAt === null ? '' : `, restored from its snapshot before the batch of #${ops.restoreAt}`}` +
        `${joins.length > 0 ? `; units joining: ${joins.join(', ')}` : ''}.\n` +
        `Events (times UTC; unit events reach only their unit):\n${events.join('\n') || '  (none)'}`,
    );
  };

  /** State value and clock: cheap, compared for every unit after every event. */
  const compareState = (u: number, where: string): void => {
    const snap = actors[u].getSnapshot();
    const reference = dotted(snap.value);
    states[u] = reference;
    const state = k.machineState(u);
    if (state !== reference) disagree(where, u, 'state', reference, state);
    if (snap.status === 'active' && Math.max(0, k.now(u)) !== snap.context.now)
      disagree(where, u, 'now', snap.context.now, k.now(u));
  };

  const compareUnit = (u: number, where: string): void => {
    compareState(u, where);
    const snap = actors[u].getSnapshot();
    const ctx = snap.context;
    const transfers = ir.phases.flatMap((p, i) =>
      Number.isNaN(k.transferredAt(u, i))
        ? []
        : [`${p.id}@${k.transferredAt(u, i)}${k.transferredLate(u, i) ? ' late' : ''}`],
    );
    const expected = ctx.transfers.map((t) => `${t.phase}@${t.at}${t.onTime ? '' : ' late'}`);
    if (transfers.join() !== expected.join()) disagree(where, u, 'transfers', expected, transfers);
    const status = unitStatus(k, u);
    const blockers = status.blockers;
    if (coverage) for (const b of blockers) coverage.blockers[b.kind] = (coverage.blockers[b.kind] ?? 0) + 1;
    // docs/semantics.md, "The unit's summary state": the first that applies.
    const summary =
      snap.status !== 'active'
        ? 'completed'
        : snap.hasTag('remediation')
          ? 'remediation'
          : snap.hasTag('late')
            ? 'late'
            : snap.hasTag('awaiting-transfer') && snap.hasTag('active')
              ? 'awaiting-transfer'
              : snap.hasTag('waiting')
                ? 'waiting'
                : 'active';
    if (status.state !== summary) disagree(where, u, 'summary state', summary, status.state);
    const onTime = !snap.hasTag('late') && ctx.transfers.every((t) => t.onTime);
    if (status.onTime !== onTime) disagree(where, u, 'onTime', onTime, status.onTime);
    // A finished actor takes no more events: its clock and facts stop there, while the kernel
    // keeps recording them (they no longer matter to a completed unit).
    if (snap.status !== 'active') {
      if (coverage) coverage.states.completed = (coverage.states.completed ?? 0) + 1;
      if (blockers.length > 0) disagree(where, u, 'blockers of a completed unit', [], blockers.map(blockerKey));
      return;
    }
    const position = referencePosition(ir, snap.value);
    if (coverage) {
      const key = `${position.kind}.${dotted(snap.value).split('.').pop()}`;
      coverage.states[key] = (coverage.states[key] ?? 0) + 1;
    }
    const tags: [string, boolean][] = [
      ['waiting', status.timing === 'waiting'],
      ['active', status.timing === 'on-time'],
      ['late', status.timing === 'behind' || status.timing === 'overdue'],
      ['remediation', status.state === 'remediation'],
      ['awaiting-transfer', status.position === 'transfer'],
      ['blocked', k.isBlocked(u)],
    ];
    for (const [tag, kernel] of tags)
      if (snap.hasTag(tag) !== kernel) disagree(where, u, `tag ${tag}`, !kernel, kernel);

    const verdict = <T>(list: Judged<T>[], reference: (x: T) => boolean): void => {
      for (const j of list) {
        const expect = reference(j.ir);
        const kernel = j.test(k.cols, u);
        if (kernel !== expect) disagree(where, u, j.name, expect, kernel);
        j.seen |= expect ? TRUE : FALSE;
      }
    };
    // Each comparison against the machine's reading (the semantics module) and against
    // docs/semantics.md read independently (spec-oracle.ts): a mistake in the shared module, which
    // both engines would make alike, disagrees with the second.
    verdict(leaves, (c) => evaluateCondition(c, ctx));
    verdict(leaves, (c) => specHolds(c, ctx));
    if (coverage) {
      for (const leaf of leaves) {
        const c = comparisonCoverage(coverage, leaf.ir);
        if (leaf.test(k.cols, u)) c.true++;
        else c.false++;
      }
    }
    verdict(gates, (g) => evaluateCondition(g.condition, ctx));
    verdict(checkpoints, (c) => checkpointComplete(c, ctx.signoffs, ctx));
    verdict(steps, (s) => requirementHolds(s.requirement, ctx));

    k.plan.deliverables.forEach((d, i) => {
      const submitted = Object.hasOwn(ctx.deliverables, d.ir.id) ? ctx.deliverables[d.ir.id] : undefined;
      const late = (k.cols.deliverableLate[u * k.plan.deliverableWords + (i >>> 5)] & (1 << (i & 31))) !== 0;
      const expect = submitted !== undefined && d.ir.due !== null && submitted > d.ir.due;
      if (late !== expect) disagree(where, u, `deliverable ${d.ir.id} late`, expect, late);
    });

    // The calendar in force: the file's amendments and the run-time ones the unit received.
    const opens = effectiveWindows(ir, ctx.amendments.slice(fileAmendments), ctx.now)[position.window].start;
    // The unit's criteria by the spec oracle, independent of the code both engines share.
    const criteria =
      ctx.now >= opens &&
      (position.kind === 'transfer' || specRequirement(position.requirement, ctx)) &&
      position.phase.gates.every((g) => specHolds(g.condition, ctx)) &&
      position.phase.checkpoints.every((c) => specCheckpoint(c, ctx.signoffs, ctx));
    if ((blockers.length === 0) !== criteria)
      disagree(where, u, 'no blockers exactly when the criteria hold', criteria, blockers.map(blockerKey));
    const expectedBlockers = referenceBlockers(ir, position, ctx, opens);
    const kernelBlockers = blockers.map(blockerKey);
    if (expectedBlockers.join('\n') !== kernelBlockers.join('\n'))
      disagree(where, u, 'blockers', expectedBlockers, kernelBlockers);
  };

  /** Units per state, as the kernel counts them for summaries, against the reference's states. */
  const compareCounts = (where: string): void => {
    const reference = new Map<string, number>();
    for (const s of states) reference.set(s, (reference.get(s) ?? 0) + 1);
    const kernel = new Map<string, number>();
    k.counts.forEach((n, code) => {
      if (n !== 0) kernel.set(k.codeName(code), (kernel.get(k.codeName(code)) ?? 0) + n);
    });
    const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => a.localeCompare(b));
    if (JSON.stringify(sorted(reference)) !== JSON.stringify(sorted(kernel)))
      disagree(where, -1, 'units per state', Object.fromEntries(sorted(reference)), Object.fromEntries(sorted(kernel)));
  };

  /** The changes reported for a unit lead from its state before the event to its state after. */
  const compareMoves = (u: number, before: string, after: string, where: string): void => {
    let at = before;
    for (const m of moves) {
      if (m.unit !== u) continue;
      const from = k.codeName(m.from);
      if (from !== at) disagree(where, u, 'reported transition starts where the unit was', at, from);
      at = k.codeName(m.to);
    }
    if (at !== after) disagree(where, u, 'reported transitions end where the unit is', after, at);
  };

  const register = (setups: readonly UnitSetup[], before: number, where: string): void => {
    if (setups.length === 0) return;
    const first = units.length;
    k.register(
      setups.map((s, j) => ({
        id: `u${first + j}`,
        members: s.members,
        memberIds: s.ids ? Array.from({ length: s.members }, (_, m) => `u${first + j}-m${m}`) : null,
      })),
    );
    for (const s of setups) {
      units.push(s);
      joinedBefore.push(before);
      // At time 0 no window is open: the unit takes the calendar as it is, then the campaign
      // clock, as the kernel registers it (at the clock, on today's calendar).
      const actor = createActor(machine, { input: { members: s.members } }).start();
      for (const a of amendments) actor.send({ ...a, time: 0 });
      if (Number.isFinite(k.clock)) actor.send({ type: 'clock', time: k.clock });
      actors.push(actor);
    }
    for (let u = first; u < units.length; u++) compareUnit(u, where);
  };

  // The first unit is always there from the start; the others join before their event.
  const joinsLater = (s: UnitSetup, i: number): boolean => i > 0 && typeof s.joinsAt === 'number' && s.joinsAt > 0;
  register(
    roster.filter((s, i) => !joinsLater(s, i)),
    -1,
    'after registration',
  );
  const pending = roster.filter(joinsLater);
  let time = Math.min(...ir.windows.map((w) => w.start)) - 3 * DAY;
  let batchNumber = 0;
  let restored = false;
  for (let from = 0; from < specs.length; from += ops.batch) {
    const to = Math.min(specs.length, from + ops.batch);
    const where = `before event #${from}`;
    const joining = pending.filter((s) => s.joinsAt! <= from);
    if (joining.length > 0) {
      pending.splice(0, pending.length, ...pending.filter((s) => s.joinsAt! > from));
      register(joining, from, `${where}, registered`);
      if (coverage) coverage.joined += joining.length;
    }
    if (!restored && ops.restoreAt !== null && ops.restoreAt < to) {
      restored = true;
      const copy = new Kernel(ir);
      const why = copy.restore(k.snapshot());
      if (why !== null) disagree(where, -1, 'restoring the snapshot', 'restored', why);
      k = copy;
      recompile();
      if (coverage) coverage.restores++;
      for (let u = 0; u < units.length; u++) compareUnit(u, `${where}, restored from the snapshot`);
      compareCounts(`${where}, restored from the snapshot`);
    }
    if (ops.dryRun > 0 && batchNumber % ops.dryRun === ops.dryRun - 1) {
      // As `check` does: apply, then undo. The events are made again below, from the same state.
      k.begin();
      let t = time;
      for (let i = from; i < to; i++) {
        t = Math.max(bounds.min, t + specs[i].hours * hour);
        const r = resolveEvent(materialize(specs[i], ir, k, `e${i}`, t), k, bounds);
        if (r.ok) k.apply(r.event);
      }
      k.rollback();
      if (coverage) coverage.rollbacks++;
      // What the rollback missed shows here, or in the full comparisons after the batch below.
      for (let u = 0; u < units.length; u++) compareState(u, `${where}, rolled back`);
      compareCounts(`${where}, rolled back`);
    }
    batchNumber++;

    k.begin();
    k.sink = (unit, from, to) => moves.push({ unit, from, to });
    for (let i = from; i < to; i++) {
      moves.length = 0;
      time = Math.max(bounds.min, time + specs[i].hours * hour);
      const raw = materialize(specs[i], ir, k, `e${i}`, time);
      const r = resolveEvent(raw, k, bounds);
      log.push({ raw, problem: r.ok ? null : r.problems.map((p) => `${p.field} ${p.message}`).join('; ') });
      if (coverage) {
        const tally = r.ok ? coverage.events.accepted : coverage.events.rejected;
        tally[raw.type] = (tally[raw.type] ?? 0) + 1;
      }
      if (!r.ok) continue;
      const before = [...states];
      k.apply(r.event);
      const event: UnitEvent | null = toUnitEvent(r.event, k);
      const reached = addressee(r.event);
      const where = `after event #${i} (${raw.type})`;
      if (event?.type === 'amend') amendments.push(event);
      if (event) {
        for (let u = 0; u < units.length; u++) {
          if ((reached < 0 || reached === u) && actors[u].getSnapshot().status === 'active') actors[u].send(event);
        }
      }
      // Units the event did not reach changed in neither engine; their state and clock are still
      // compared, the rest when an event reaches them and after the last event.
      for (let u = 0; u < units.length; u++) {
        if (event !== null && (reached < 0 || reached === u)) compareUnit(u, where);
        else compareState(u, where);
        compareMoves(u, before[u], states[u], where);
      }
    }
    k.sink = null;
    k.commit();
    compareCounts(`after the batch ending with event #${to - 1}`);
  }
  for (let u = 0; u < units.length; u++) compareUnit(u, 'after the last event');

  if (coverage) {
    coverage.campaigns++;
    coverage.units += units.length;
    for (const leaf of leaves) {
      const c = comparisonCoverage(coverage, leaf.ir);
      c.leaves++;
      if (leaf.seen === (TRUE | FALSE)) c.both++;
    }
    const both = (list: Judged<unknown>[]) => list.filter((j) => j.seen === (TRUE | FALSE)).length;
    coverage.verdicts.gates += gates.length;
    coverage.verdicts.gatesBoth += both(gates);
    coverage.verdicts.checkpoints += checkpoints.length;
    coverage.verdicts.checkpointsBoth += both(checkpoints);
    coverage.verdicts.steps += steps.length;
    coverage.verdicts.stepsBoth += both(steps);
    for (const actor of actors) {
      for (const t of actor.getSnapshot().context.transfers) {
        if (t.onTime) coverage.transfers.onTime++;
        else coverage.transfers.late++;
      }
    }
  }
}

/** `every batch`, `every 2nd batch`, … */
function ordinal(n: number): string {
  return n === 1 ? 'every batch' : `every ${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'} batch`;
}

function comparisonCoverage(coverage: Coverage, leaf: Leaf): Coverage['comparisons'][string] {
  const key = 'op' in leaf ? `${leaf.kind} ${leaf.op}` : leaf.kind;
  return (coverage.comparisons[key] ??= { leaves: 0, both: 0, true: 0, false: 0 });
}

function describeLeaf(c: Leaf): string {
  switch (c.kind) {
    case 'task-done':
      return `comparison \`task ${c.task} done\``;
    case 'deliverable-submitted':
      return `comparison \`deliverable ${c.deliverable} submitted\``;
    case 'share':
    case 'count':
      return `comparison \`${c.kind} of members with ${c.metric} ${c.inner.op} ${c.inner.value} ${c.op} ${c.value}\``;
    case 'metric':
      return `comparison \`${c.metric} ${c.op} ${c.value}\``;
    case 'every':
      return `comparison \`every member ${c.metric} ${c.op} ${c.value}\``;
    default:
      return `comparison \`${c.kind} ${c.metric} ${c.op} ${c.value}\``;
  }
}
