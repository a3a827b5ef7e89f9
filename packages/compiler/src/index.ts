/**
 * @phasegate/compiler: checks a parsed campaign, lowers it to IR v1, and emits its unit machine
 * (XState v5) and a Mermaid diagram. See docs/architecture.md.
 *
 * The rules a unit moves by are in `@phasegate/compiler/semantics`, date arithmetic in the
 * campaign's zone in `@phasegate/compiler/calendar`, and the unit machine as a live XState machine
 * in `@phasegate/compiler/machine`.
 *
 * @example
 * import { compileSource, emitMermaid } from '@phasegate/compiler';
 *
 * const { ir, diagnostics } = compileSource(text, 'first-batch.phase');
 * if (ir) process.stdout.write(emitMermaid(ir));
 */
export { compileSource, compileFile, type CompileResult, type CompileOptions } from './compile.js';
export { applyAmendment, type AmendResult } from './amend.js';
export * from './ir.js';

export {
  emitMachineConfig,
  TRANSFER_STATE,
  COMPLETED_STATE,
  TAGS,
  type MachineConfigJSON,
  type StateJSON,
  type TransitionJSON,
  type NamedRef,
} from './emit-xstate.js';
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
export { UNIT_EVENT_TYPES } from './machine-events.js';
export { emitMermaid } from './emit-mermaid.js';
