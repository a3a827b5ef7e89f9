import { effectiveWindow } from './semantics/windows.js';
import { stepSubstate, transferSubstate, type StepSubstate, type TransferSubstate } from './semantics/substates.js';
import { checkpointComplete, evaluateCondition, requirementHolds } from './semantics/conditions.js';
import type { CampaignIR } from './ir.js';
import type { UnitContext } from './machine-context.js';

/** Guard parameters as they appear in the emitted machine config (indices into `ir.phases`). */
export interface StepGuardParams {
  readonly phase: number;
  readonly step: number;
}
export interface PhaseGuardParams {
  readonly phase: number;
}
export interface StepSubstateParams extends StepGuardParams {
  readonly substate: StepSubstate;
}
export interface TransferSubstateParams extends PhaseGuardParams {
  readonly substate: TransferSubstate;
}

/**
 * The named guards of a unit machine, closed over the campaign's IR. Each reads only the
 * context (never the current state), so the order in which XState tries eventless transitions
 * does not change where a unit settles.
 */
export function createGuards(ir: CampaignIR) {
  const stepWindow = (ctx: UnitContext, p: StepGuardParams) =>
    effectiveWindow(ctx.windows, ctx.amendments, ir.phases[p.phase].steps[p.step].window, ctx.now);
  const phaseWindow = (ctx: UnitContext, phase: number) =>
    effectiveWindow(ctx.windows, ctx.amendments, ir.phases[phase].window, ctx.now);

  return {
    /** The step's window has opened and its requirement holds: the unit moves on. */
    stepComplete: ({ context }: { context: UnitContext }, p: StepGuardParams): boolean =>
      context.now >= stepWindow(context, p).start &&
      requirementHolds(ir.phases[p.phase].steps[p.step].requirement, context),

    /** The phase's window has opened, every gate holds and every checkpoint is complete. */
    transferReady: ({ context }: { context: UnitContext }, p: PhaseGuardParams): boolean => {
      const phase = ir.phases[p.phase];
      return (
        context.now >= phaseWindow(context, p.phase).start &&
        phase.gates.every((g) => evaluateCondition(g.condition, context)) &&
        phase.checkpoints.every((c) => checkpointComplete(c, context.signoffs, context))
      );
    },

    /** The substate a unit at this step should be in now. */
    stepSubstateIs: ({ context }: { context: UnitContext }, p: StepSubstateParams): boolean =>
      stepSubstate(context.now, stepWindow(context, p), phaseWindow(context, p.phase)) === p.substate,

    /** The substate a unit at this phase's transfer should be in now. */
    transferSubstateIs: ({ context }: { context: UnitContext }, p: TransferSubstateParams): boolean =>
      transferSubstate(context.now, phaseWindow(context, p.phase)) === p.substate,
  };
}

export type GuardName = keyof ReturnType<typeof createGuards>;
