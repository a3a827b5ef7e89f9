/**
 * `@phasegate/dsl`: the `.phase` language — parsing, printing diagnostics, formatting.
 *
 * The syntax tree types are the contract with the compiler; see `ast.ts` for each node.
 */
export { parse, parseAmendment } from './parse.js';
export { spanOf } from './ast.js';
export type { ParseResult, AmendmentResult } from './parse.js';
export { format, formatText, FormatError, FORMAT_WIDTH } from './format.js';
export type { FormatResult } from './format.js';
export { renderDiagnostic, diagnosticToJson, PLAIN } from './render-diagnostic.js';
export type { DiagnosticJson, DiagnosticStyle, JsonPosition } from './render-diagnostic.js';
export { lineColumn, LineIndex } from './line-index.js';
export type { LineColumn } from './line-index.js';
export { textWidth } from './text-width.js';
export { closest } from './suggest.js';
export type { ClosestOptions } from './suggest.js';
export { detachSpans, hasErrors, inSourceOrder } from './diagnostic.js';
export type { Diagnostic, DiagnosticCode, RelatedSpan, Severity } from './diagnostic.js';
export type {
  AmendAction,
  AmendmentNode,
  AndCondition,
  CampaignMember,
  CampaignNode,
  CheckpointItemNode,
  CheckpointNode,
  CompareCondition,
  CompareOp,
  Condition,
  DateLiteral,
  DeliverableNode,
  DeliverableSubmittedCondition,
  DocumentNode,
  GateNode,
  GroupNode,
  Identifier,
  Label,
  LatePolicyNode,
  MetricLevel,
  MetricNode,
  MetricUnit,
  ObligationNode,
  ObligationSchedule,
  OrCondition,
  PhaseMember,
  PhaseNode,
  Quantity,
  RequirementNode,
  RoleCapability,
  RoleNode,
  SourceFile,
  Span,
  StepMember,
  StepNode,
  Subject,
  TaskDoneCondition,
  TaskNode,
  TimezoneNode,
  Weekday,
  WindowNode,
} from './ast.js';
