/**
 * `@phasegate/compiler/machine`: a campaign's unit machine as a live XState v5 machine, for
 * `createActor`, `transition` and the graph utilities. A subpath of its own so that the main
 * entry's types never load XState's (see docs/architecture.md): the emitted config, plain JSON,
 * is `emitMachineConfig` in the main entry.
 *
 * @example
 * import { createActor } from 'xstate';
 * import { createUnitMachine } from '@phasegate/compiler/machine';
 *
 * const unit = createActor(createUnitMachine(ir), { input: { members: 30 } }).start();
 * unit.send({ type: 'clock', time: Date.UTC(2005, 1, 23) });
 */
export { createUnitMachine, type UnitMachine } from './machine.js';
export { initialContext, type UnitContext, type UnitInput, type TransferRecord } from './machine-context.js';
export type {
  UnitEvent,
  ClockEvent,
  FactEvent,
  TaskEvent,
  DeliverableEvent,
  SignoffEvent,
  RevokeEvent,
  AmendEvent,
} from './machine-events.js';
