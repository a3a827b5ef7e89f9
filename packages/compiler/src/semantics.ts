/**
 * `@phasegate/compiler/semantics`: the rules by which a unit moves (docs/semantics.md), as pure
 * functions over the IR — how a condition, a requirement and a checkpoint are judged, a window
 * after its amendments, and the substate a step or a transfer is in at a moment. The emitted
 * XState machine calls them; the runtime's kernel is proven equal to that machine. For engines
 * and tools that must agree with phasegate exactly.
 *
 * @example
 * import { effectiveWindows, stepSubstate } from '@phasegate/compiler/semantics';
 *
 * const windows = effectiveWindows(ir, [], now); // the file's amendments in force at `now`
 * const study = ir.phases[0]!;
 * stepSubstate(now, windows[study.steps[0]!.window]!, windows[study.window]!); // 'open'
 */
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
export { conditionVerdict, type Verdict } from './condition-analysis.js';
