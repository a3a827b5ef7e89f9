import { assign, setup } from 'xstate';
import { emitMachineConfig, emitPositionConfig } from './emit-xstate.js';
import { createGuards } from './guards.js';
import type { CampaignIR } from './ir.js';
import { createReducers } from './machine-actions.js';
import { initialContext, type UnitContext, type UnitInput } from './machine-context.js';
import type { UnitEvent } from './machine-events.js';

/**
 * The XState v5 machine of one unit of a campaign: the emitted config (see `emitMachineConfig`)
 * with its guards and actions, and a context built from `input`. It is the reference semantics
 * (docs/semantics.md) that the runtime's kernel is tested against.
 *
 * @example
 * const machine = createUnitMachine(ir);
 * const actor = createActor(machine, { input: { members: 30 } }).start();
 * actor.send({ type: 'clock', time: Date.UTC(2005, 1, 23) });
 * actor.getSnapshot().value; // { study: { four_talks: 'open' } }
 * // or purely: const [s0] = initialTransition(machine, { members: 30 }); transition(machine, s0, event)
 */
export function createUnitMachine(ir: CampaignIR) {
  const { context: _example, ...config } = emitMachineConfig(ir);
  return unitSetup(ir).createMachine({
    // The emitted config is plain JSON with named guards and actions; XState's config type
    // cannot see that the names match `setup`, so it is passed through `unknown`.
    ...(config as unknown as Record<string, never>),
    context: ({ input }: { input: UnitInput }) => initialContext(ir, input),
  });
}

/**
 * Part of the unit machine, positions only (`emitPositionConfig`: phases `from` to `to - 1`, no
 * substates, phases counted from `from` in state keys and guard parameters), with the same guards
 * and actions: what the reachability pass walks, one phase shape at a time. For walking, not for
 * running: its guards would read phase `from` as phase 0. Internal.
 */
export function createPositionMachine(ir: CampaignIR, from = 0, to = ir.phases.length) {
  return unitSetup(ir).createMachine({
    ...(emitPositionConfig(ir, from, to) as unknown as Record<string, never>),
    context: ({ input }: { input: UnitInput }) => initialContext(ir, input),
  });
}

function unitSetup(ir: CampaignIR) {
  const r = createReducers(ir);
  type Args = { context: UnitContext; event: UnitEvent };
  return setup({
    types: { context: {} as UnitContext, events: {} as UnitEvent, input: {} as UnitInput },
    guards: createGuards(ir),
    actions: {
      applyClock: assign(({ context, event }: Args) => r.applyClock(context, event)),
      applyFact: assign(({ context, event }: Args) => r.applyFact(context, event)),
      applyTask: assign(({ context, event }: Args) => r.applyTask(context, event)),
      applyDeliverable: assign(({ context, event }: Args) => r.applyDeliverable(context, event)),
      applySignoff: assign(({ context, event }: Args) => r.applySignoff(context, event)),
      applyAmend: assign(({ context, event }: Args) => r.applyAmend(context, event)),
      recordTransfer: assign(({ context }: Args, params: { phase: number }) => r.recordTransfer(context, params)),
    },
  });
}

export type UnitMachine = ReturnType<typeof createUnitMachine>;
