/**
 * @phasegate/compiler: checks a parsed campaign, lowers it to IR v1, and emits its unit machine
 * (XState v5) and a Mermaid diagram. See docs/architecture.md.
 */
export { compileSource, compileFile, type CompileResult, type CompileOptions } from './compile.js';
export { applyAmendment, type AmendResult } from './amend.js';
export { CHECK_PASSES } from './passes.js';
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
export { UNIT_EVENT_TYPES } from './machine-events.js';
export { emitMermaid } from './emit-mermaid.js';

export {
  evaluateCondition,
  requirementHolds,
  checkpointComplete,
  aggregate,
  compare,
  type FactsView,
  type SignoffsView,
} from './evaluate-condition.js';
export {
  effectiveWindows,
  effectiveWindow,
  applyAmendments,
  stepSubstate,
  transferSubstate,
  type WindowBounds,
  type WindowAmendment,
  type StepSubstate,
  type TransferSubstate,
} from './effective-windows.js';
export { amendedWindow, type WindowChange } from './amend-window.js';
export {
  localToEpoch,
  addLocalDays,
  formatLocal,
  isValidZone,
  zoneOffsetMinutes,
  clearZoneOffsetCache,
} from './calendar.js';
export { conditionVerdict, type Verdict } from './condition-analysis.js';
