import { recordedValue } from './semantics/metric-values.js';
import { effectiveWindow } from './semantics/windows.js';
import type { CampaignIR } from './ir.js';
import type { UnitContext } from './machine-context.js';
import type { UnitEvent } from './machine-events.js';

type Ctx = UnitContext;

/**
 * What each named action of a unit machine does to the context, as pure functions returning the
 * changed fields (`machine.ts` wraps them in `assign`). Every event action first advances `now`;
 * updates are immutable (new objects), as XState's pure `transition` expects.
 */
export function createReducers(ir: CampaignIR) {
  const levels = new Map(ir.metrics.map((m) => [m.id, m.level]));
  const tick = (ctx: Ctx, e: UnitEvent) => (Number.isFinite(e.time) && e.time > ctx.now ? e.time : ctx.now);

  return {
    applyClock: (context: Ctx, event: UnitEvent): Partial<Ctx> => ({ now: tick(context, event) }),

    applyFact: (context: Ctx, event: UnitEvent): Partial<Ctx> => {
      const now = tick(context, event);
      if (event.type !== 'fact' || !Number.isFinite(event.value)) return { now };
      const level = levels.get(event.metric);
      const add = event.mode === 'add';
      if (event.member === undefined) {
        if (level !== 'unit') return { now };
        const old = Object.hasOwn(context.unitMetrics, event.metric) ? context.unitMetrics[event.metric] : 0;
        return { now, unitMetrics: { ...context.unitMetrics, [event.metric]: recordedValue(old, event.value, add) } };
      }
      const m = event.member;
      if (level !== 'member' || !Number.isInteger(m) || m < 0 || m >= context.members) return { now };
      const values = Object.hasOwn(context.memberMetrics, event.metric) ? [...context.memberMetrics[event.metric]] : [];
      while (values.length <= m) values.push(0);
      values[m] = recordedValue(values[m], event.value, add);
      return { now, memberMetrics: { ...context.memberMetrics, [event.metric]: values } };
    },

    applyTask: (context: Ctx, event: UnitEvent): Partial<Ctx> => {
      const now = tick(context, event);
      if (event.type !== 'task' || context.tasks[event.task] === true) return { now };
      return { now, tasks: { ...context.tasks, [event.task]: true } };
    },

    applyDeliverable: (context: Ctx, event: UnitEvent): Partial<Ctx> => {
      const now = tick(context, event);
      if (event.type !== 'deliverable' || Object.hasOwn(context.deliverables, event.deliverable)) return { now };
      return { now, deliverables: { ...context.deliverables, [event.deliverable]: now } };
    },

    applySignoff: (context: Ctx, event: UnitEvent): Partial<Ctx> => {
      const now = tick(context, event);
      if (event.type !== 'signoff' && event.type !== 'revoke') return { now };
      const signed = Object.hasOwn(context.signoffs, event.checkpoint) ? context.signoffs[event.checkpoint] : {};
      const next = { ...signed };
      if (event.type === 'signoff') next[event.item] = true;
      else delete next[event.item];
      return { now, signoffs: { ...context.signoffs, [event.checkpoint]: next } };
    },

    applyAmend: (context: Ctx, event: UnitEvent): Partial<Ctx> => {
      const now = tick(context, event);
      if (event.type !== 'amend') return { now };
      const { window, start, end, effective } = event;
      if (!Number.isInteger(window) || window < 0 || window >= context.windows.length) return { now };
      if (![start, end, effective].every(Number.isFinite)) return { now };
      return { now, amendments: [...context.amendments, { window, start, end, effective }] };
    },

    /** Leaving a phase: on time when the phase's window has not closed yet. */
    recordTransfer: (context: Ctx, p: { phase: number }): Partial<Ctx> => {
      const phase = ir.phases[p.phase];
      const w = effectiveWindow(context.windows, context.amendments, phase.window, context.now);
      return { transfers: [...context.transfers, { phase: phase.id, at: context.now, onTime: context.now < w.end }] };
    },
  };
}
