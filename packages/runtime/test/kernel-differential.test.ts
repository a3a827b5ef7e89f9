/**
 * The kernel against the reference semantics: random event streams on every example campaign,
 * driven through the columnar kernel and through one XState actor per unit (the compiler's
 * `createUnitMachine`), compared after every event: state value, clock, transfers, tags, the
 * verdict of every gate, checkpoint and step requirement, and late submissions.
 */
import { type CampaignIR } from '@phasegate/compiler';
import { createUnitMachine } from '@phasegate/compiler/machine';
import { checkpointComplete, evaluateCondition, requirementHolds } from '@phasegate/compiler/semantics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, type AnyActorRef } from 'xstate';
import { summaryState } from '../src/kernel/explain.js';
import { Kernel } from '../src/kernel/kernel.js';
import { BEHIND, OVERDUE } from '@phasegate/compiler/semantics';
import { resolveEvent, timeBounds } from '../src/resolve-event.js';
import {
  addressee,
  DAY,
  dotted,
  eventSpecs,
  exampleCampaigns,
  HOUR,
  materialize,
  memberCounts,
  toUnitEvent,
  type EventSpec,
} from './kernel-helpers.js';

interface Snapshot {
  value: unknown;
  status: string;
  context: {
    now: number;
    transfers: { phase: string; at: number; onTime: boolean }[];
    deliverables: Record<string, number>;
    signoffs: Record<string, Record<string, boolean>>;
  } & Parameters<typeof evaluateCondition>[1];
  hasTag(tag: string): boolean;
}

function run(ir: CampaignIR, members: number[], specs: EventSpec[]): void {
  const k = new Kernel(ir);
  k.register(members.map((n, i) => ({ id: `u${i}`, members: n, memberIds: null })));
  const machine = createUnitMachine(ir);
  const actors: AnyActorRef[] = members.map((n) => createActor(machine, { input: { members: n } }).start());
  const bounds = timeBounds(ir);

  // Compiled once: every gate, checkpoint and step requirement of the campaign.
  const gates = ir.phases.flatMap((p) => p.gates.map((g) => ({ ir: g, test: k.conditions.condition(g.condition) })));
  const checkpoints = ir.phases.flatMap((p) =>
    p.checkpoints.map((c) => ({ ir: c, test: k.checkpointTest(k.plan.checkpointIndex.get(c.id)!) })),
  );
  const steps = ir.phases.flatMap((p) =>
    p.steps.map((s) => ({ ir: s, test: k.conditions.requirement(s.requirement) })),
  );

  const compare = (where: string): void => {
    members.forEach((_, u) => {
      const snap = actors[u].getSnapshot() as Snapshot;
      const ctx = snap.context;
      const at = `${where}, unit u${u}`;
      expect(k.machineState(u), at).toBe(dotted(snap.value));
      const transfers = ir.phases.flatMap((p, i) =>
        Number.isNaN(k.transferredAt(u, i))
          ? []
          : [{ phase: p.id, at: k.transferredAt(u, i), onTime: !k.transferredLate(u, i) }],
      );
      expect(transfers, `${at}: transfers`).toEqual(ctx.transfers);
      // A finished XState actor takes no more events: its clock and facts stop there, while the
      // kernel keeps recording them (they no longer matter to a completed unit).
      if (snap.status !== 'active') return;
      expect(Math.max(0, k.now(u)), `${at}: now`).toBe(ctx.now);
      const state = summaryState(k, u);
      const sub = k.cols.sub[u];
      const done = k.cols.pos[u] === k.plan.completed;
      expect(snap.hasTag('remediation'), `${at}: remediation tag`).toBe(state === 'remediation');
      expect(snap.hasTag('late'), `${at}: late tag`).toBe(!done && (sub === BEHIND || sub === OVERDUE));
      expect(snap.hasTag('awaiting-transfer'), `${at}: awaiting-transfer tag`).toBe(
        !done && k.plan.positions[k.cols.pos[u]].kind === 'transfer',
      );
      expect(snap.hasTag('blocked'), `${at}: blocked tag`).toBe(k.isBlocked(u));
      for (const g of gates)
        expect(g.test(k.cols, u), `${at}: gate ${g.ir.id}`).toBe(evaluateCondition(g.ir.condition, ctx));
      for (const c of checkpoints)
        expect(c.test(k.cols, u), `${at}: checkpoint ${c.ir.id}`).toBe(checkpointComplete(c.ir, ctx.signoffs, ctx));
      for (const s of steps)
        expect(s.test(k.cols, u), `${at}: step ${s.ir.id}`).toBe(requirementHolds(s.ir.requirement, ctx));
      k.plan.deliverables.forEach((d, i) => {
        const submitted = ctx.deliverables[d.ir.id];
        const late = (k.cols.deliverableLate[u * k.plan.deliverableWords + (i >>> 5)] & (1 << (i & 31))) !== 0;
        expect(late, `${at}: deliverable ${d.ir.id} late`).toBe(
          submitted !== undefined && d.ir.due !== null && submitted > d.ir.due,
        );
      });
    });
  };

  compare('after registration');
  let time = Math.min(...ir.windows.map((w) => w.start)) - 3 * DAY;
  specs.forEach((spec, i) => {
    time = Math.max(bounds.min, time + spec.hours * HOUR);
    const raw = materialize(spec, ir, k, `e${i}`, time);
    const r = resolveEvent(raw, k, bounds);
    if (!r.ok) return;
    k.apply(r.event);
    const event = toUnitEvent(r.event, k);
    if (!event) return;
    const to = addressee(r.event);
    for (const [u, a] of actors.entries())
      if ((to < 0 || to === u) && a.getSnapshot().status === 'active') a.send(event);
    compare(`event ${i} ${JSON.stringify(raw)}`);
  });
}

describe('kernel ≡ reference machine (docs/semantics.md)', () => {
  for (const { name, ir } of exampleCampaigns()) {
    it(`agrees on random event streams: ${name}`, () => {
      fc.assert(
        fc.property(memberCounts, eventSpecs, (members, specs) => run(ir, members, specs)),
        { numRuns: 40, interruptAfterTimeLimit: 60_000 },
      );
    });
  }
});
