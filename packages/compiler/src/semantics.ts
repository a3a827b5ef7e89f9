/**
 * `@phasegate/compiler/semantics`: the rules by which a unit moves (docs/semantics.md), each
 * written once, as pure functions: how each comparison and aggregate is judged (shares and
 * averages exactly, in whole numbers), what values a metric holds (decimals to the thousandth,
 * held as whole numbers of thousandths), how conditions, requirements
 * and checkpoints are judged on a unit's facts, the window in force after amendments, and the
 * substate a step or a transfer is in at a moment. The emitted XState machine and the runtime's
 * kernel both call them, and a test over random campaigns proves the two engines equal.
 *
 * @example
 * import { effectiveWindows, shareHolds, stepSubstate } from '@phasegate/compiler/semantics';
 *
 * shareHolds(1, 3, '>=', 33.33); // true: a third of the members is more than 33.33%
 * const windows = effectiveWindows(ir, [], now); // the file's amendments in force at `now`
 * const study = ir.phases[0]!;
 * stepSubstate(now, windows[study.steps[0]!.window]!, windows[study.window]!); // 'open'
 */
export { COMPARE_OPS, compare, comparer, compareByCode, opCode } from './semantics/operators.js';
export { decimalFraction, ratioHolds, type Fraction } from './semantics/exact.js';
export {
  aggregateHolds,
  aggregateValue,
  everyHolds,
  memberExtreme,
  memberTotal,
  shareHolds,
  sharePercent,
  thresholdInThousandths,
  valueComparer,
  valueHolds,
  type AggregateKind,
} from './semantics/aggregates.js';
export {
  METRIC_MAX,
  METRIC_SCALE,
  fromThousandths,
  metricRange,
  metricValueProblem,
  recordedValue,
  toThousandths,
  type MetricRange,
  type MetricValueProblem,
} from './semantics/metric-values.js';
export {
  evaluateCondition,
  requirementHolds,
  checkpointComplete,
  type FactsView,
  type SignoffsView,
} from './semantics/conditions.js';
export {
  effectiveWindows,
  effectiveWindow,
  applyAmendments,
  type WindowBounds,
  type WindowAmendment,
} from './semantics/windows.js';
export {
  STEP_SUBSTATES,
  TRANSFER_SUBSTATES,
  WAITING,
  OPEN,
  BEHIND,
  OVERDUE,
  stepSubstate,
  stepSubstateCode,
  transferSubstate,
  transferSubstateCode,
  type StepSubstate,
  type TransferSubstate,
} from './semantics/substates.js';
export { amendedWindow, type WindowChange } from './amend-window.js';
export { conditionVerdict, type Verdict } from './condition-analysis.js';
