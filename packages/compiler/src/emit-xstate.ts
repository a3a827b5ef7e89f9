import type { CampaignIR } from './ir.js';
import { initialContext, type UnitContext } from './machine-context.js';

/** The state key of a phase's transfer position. `@` cannot start an identifier, so no step collides with it. */
export const TRANSFER_STATE = '@transfer';
/** The final state. A phase may not be called this (PG203). */
export const COMPLETED_STATE = 'completed';

/** Tags a unit's state carries (docs/semantics.md). */
export const TAGS = {
  waiting: 'waiting',
  active: 'active',
  late: 'late',
  remediation: 'remediation',
  awaitingTransfer: 'awaiting-transfer',
  blocked: 'blocked',
} as const;

/** A guard or action reference in the config: a name and JSON parameters. */
export interface NamedRef {
  readonly type: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface TransitionJSON {
  readonly target?: string;
  readonly guard?: NamedRef;
  readonly actions?: NamedRef | string | readonly (NamedRef | string)[];
}

export interface StateJSON {
  readonly description?: string;
  readonly type?: 'final';
  readonly initial?: string;
  readonly tags?: readonly string[];
  readonly always?: readonly TransitionJSON[];
  readonly on?: Readonly<Record<string, TransitionJSON>>;
  readonly states?: Readonly<Record<string, StateJSON>>;
}

/** The emitted machine: plain JSON that `createMachine` accepts as it is. */
export interface MachineConfigJSON extends StateJSON {
  readonly id: string;
  /** The context of a unit with no members at time 0; `createUnitMachine` replaces it from input. */
  readonly context: UnitContext;
}

const STEP_SUBSTATES = ['waiting', 'open', 'behind', 'overdue'] as const;
const TRANSFER_SUBSTATES = ['waiting', 'open', 'overdue'] as const;

/**
 * Emits the XState v5 machine config of one unit of a campaign (docs/semantics.md is the
 * reference). Guards and actions are referenced by name with JSON parameters; `createUnitMachine`
 * supplies their implementations. Time enters only through events: there are no `after` delays,
 * so the same machine runs on a simulated calendar and with XState's pure `transition`.
 *
 * Shape: `{ <phase>: { <step>: <substate> } }`, `{ <phase>: { '@transfer': <substate> } }` or
 * `'completed'`. The position moves by eventless `always` transitions on the step and transfer
 * nodes; each substate node has `always` transitions to its siblings so that it settles on what
 * the calendar says (in both directions: an extension moves `overdue` back to `open`).
 *
 * Tags: every settled position other than `completed` is `blocked` (at a step or transfer that is
 * not `waiting` the unit would have moved on if its criteria held; a `waiting` one is blocked by
 * its window).
 *
 * @example
 * const config = emitMachineConfig(ir);
 * JSON.stringify(config); // what `phasegate compile --target xstate` prints
 */
export function emitMachineConfig(ir: CampaignIR): MachineConfigJSON {
  const { id, description, initial, on, states } = emitUnitStates(ir, true);
  return { id, description, context: initialContext(ir, { members: 0 }), initial, on, states };
}

/**
 * Part of the unit machine, positions only: the config `emitMachineConfig` emits, from the same
 * code, for phases `from` to `to - 1`, without the substates a unit settles into while it waits
 * at a step or transfer (and without the example context or descriptions). Every transition that
 * moves a unit between positions is there as emitted. Where the last transfer leads (the next
 * phase, or `completed`) is a final state, so the part ends where the next one begins.
 *
 * States are keyed by number within the part (`p0`, `p1` … for phases, `s0`, `s1` … for steps;
 * `@transfer` and `completed` as in the unit machine), in the same order as the unit machine's.
 * Each phase's `states` object then has the same keys as the others, so V8 gives all of them
 * one hidden class, where names of their own cost a new hidden class per key in XState's
 * `mapValues` and make every later lookup of a child megamorphic: about 15 % of the pass.
 *
 * Guard and action parameters count phases from `from` as well (`phase: 0` is phase `from`), so
 * the config of one phase depends only on how many steps it has and whether it is the last: the
 * reachability pass builds one machine per such shape and walks it for every phase of that shape,
 * adding `from` back. A position machine is for walking, not for running: its guards would read
 * the wrong phase.
 *
 * The reachability pass (PG600) walks these: a substate's `always` transitions only lead to its
 * siblings, so they cannot change which positions are reached, and they are nine in ten of the
 * machine's transitions (XState takes microseconds to build each one).
 */
export function emitPositionConfig(
  ir: CampaignIR,
  from = 0,
  to = ir.phases.length,
): Omit<MachineConfigJSON, 'context'> {
  return emitUnitStates(ir, false, from, to);
}

function emitUnitStates(
  ir: CampaignIR,
  substates: boolean,
  from = 0,
  to = ir.phases.length,
): Omit<MachineConfigJSON, 'context'> {
  const root = ir.id;
  const n = ir.phases.length;
  // State keys: names in the unit machine, numbers in a position machine (see above).
  const phaseKey = (p: number) => (p === n ? COMPLETED_STATE : substates ? ir.phases[p].id : `p${p - from}`);
  const stepKey = (p: number, s: number) => {
    const steps = ir.phases[p].steps;
    return s === steps.length ? TRANSFER_STATE : substates ? steps[s].id : `s${s}`;
  };
  const states: Record<string, StateJSON> = {};
  for (let p = from; p < to; p++) {
    const phase = ir.phases[p];
    const next = `#${root}.${phaseKey(p + 1)}`;
    const phaseStates: Record<string, StateJSON> = {};
    phase.steps.forEach((step, s) => {
      // Within a phase a step names its sibling (XState resolves a bare key with one lookup; an
      // absolute `#campaign.phase.step` is split character by character); a transfer leaves the
      // phase, so it names its target by id. Parameters count phases from `from` (in the unit
      // machine, `from` is 0: the campaign's index).
      const always = [
        transition({
          guard: { type: 'stepComplete', params: { phase: p - from, step: s } },
          target: stepKey(p, s + 1),
        }),
      ];
      if (!substates) {
        phaseStates[stepKey(p, s)] = { always };
        return;
      }
      const subs = settling(
        STEP_SUBSTATES,
        (sub) => stepTags(sub, phase.late.action),
        (o) => ({ type: 'stepSubstateIs', params: { phase: p, step: s, substate: o } }),
      );
      const description = `${step.label} (${ir.windows[step.window].text})`;
      phaseStates[step.id] = { description, initial: 'waiting', always, states: subs };
    });
    const always = [
      transition({
        guard: { type: 'transferReady', params: { phase: p - from } },
        target: next,
        actions: { type: 'recordTransfer', params: { phase: p - from } },
      }),
    ];
    if (!substates) {
      phaseStates[TRANSFER_STATE] = { always };
      states[phaseKey(p)] = { initial: stepKey(p, 0), states: phaseStates };
      continue;
    }
    const transferStates = settling(
      TRANSFER_SUBSTATES,
      (sub) => transferTags(sub, phase.late.action),
      (o) => ({ type: 'transferSubstateIs', params: { phase: p, substate: o } }),
    );
    const description = `Transfer out of ${phase.label}: gates and checkpoints`;
    phaseStates[TRANSFER_STATE] = { description, initial: 'waiting', always, states: transferStates };
    states[phase.id] = {
      description: `${phase.label} (${ir.windows[phase.window].text})`,
      initial: stepKey(p, 0),
      states: phaseStates,
    };
  }
  states[phaseKey(to)] = to === n ? { description: 'Every phase done', type: 'final' } : { type: 'final' };

  return {
    id: root,
    description: ir.label,
    initial: phaseKey(from),
    on: {
      clock: { actions: 'applyClock' },
      fact: { actions: 'applyFact' },
      task: { actions: 'applyTask' },
      deliverable: { actions: 'applyDeliverable' },
      signoff: { actions: 'applySignoff' },
      revoke: { actions: 'applySignoff' },
      amend: { actions: 'applyAmend' },
    },
    states,
  };
}

/**
 * The substates a unit settles into at a position (`waiting`, `open`, …), each with `always`
 * transitions to every other one, taken when `guard` says the calendar now puts the unit there.
 */
function settling<S extends string>(
  subs: readonly S[],
  tags: (sub: S) => string[],
  guard: (to: S) => NamedRef,
): Record<string, StateJSON> {
  const out: Record<string, StateJSON> = {};
  for (const sub of subs) {
    out[sub] = {
      tags: tags(sub),
      always: subs.filter((o) => o !== sub).map((o) => transition({ guard: guard(o), target: o })),
    };
  }
  return out;
}

/**
 * A transition of the config, frozen. Besides saying that the emitted config is not to be
 * changed, this matters for speed: XState's `formatTransition` copies each transition config
 * with an object spread, and on Node 20's V8 the spread of an ordinary object literal gives every
 * resulting transition a hidden class of its own (about 15 µs each to make, and every later read
 * of a transition's fields goes megamorphic), while the spread of a frozen object goes through
 * V8's generic copy, whose results all share one. Measured on 20,000 transitions: 314 → 71 ms.
 */
function transition(config: TransitionJSON): TransitionJSON {
  return Object.freeze(config);
}

function stepTags(sub: (typeof STEP_SUBSTATES)[number], late: 'remediate' | 'mark-late'): string[] {
  switch (sub) {
    case 'waiting':
      return [TAGS.waiting, TAGS.blocked];
    case 'open':
      return [TAGS.active, TAGS.blocked];
    case 'behind':
      return [TAGS.late, TAGS.blocked];
    case 'overdue':
      return late === 'remediate' ? [TAGS.late, TAGS.remediation, TAGS.blocked] : [TAGS.late, TAGS.blocked];
  }
}

function transferTags(sub: (typeof TRANSFER_SUBSTATES)[number], late: 'remediate' | 'mark-late'): string[] {
  return [...stepTags(sub, late), TAGS.awaitingTransfer];
}
