/**
 * `@phasegate/runtime/kernel`: the columnar kernel under `openRuntime`, for programs that drive
 * many units at once without a store or a log — benchmarks and tools that measure the engine.
 * Applications use `openRuntime` (the main entry), which validates, authorises and logs every
 * event before the kernel applies it. See docs/architecture.md, "The kernel".
 *
 * @example
 * import { compileSource } from '@phasegate/compiler';
 * import { Kernel, summaryStateOf } from '@phasegate/runtime/kernel';
 *
 * const { ir } = compileSource(source, 'first-batch.phase');
 * const kernel = new Kernel(ir!);
 */
export { Kernel, type TransitionSink } from './kernel.js';
export type {
  KernelEvent,
  ClockKernelEvent,
  FactKernelEvent,
  TaskKernelEvent,
  DeliverableKernelEvent,
  SignoffKernelEvent,
  AmendKernelEvent,
  IssueKernelEvent,
  AcknowledgeKernelEvent,
  ReportKernelEvent,
} from './events.js';
export { summaryStateOf } from './explain.js';
export { resolveEvent, timeBounds, type Resolution, type TimeBounds, type EventProblem } from '../resolve-event.js';
export {
  ingestNdjson,
  type NdjsonIngestOptions,
  type NdjsonIngestResult,
  type NdjsonProblem,
} from '../ndjson/ingest-ndjson.js';
export { lineBatches, NdjsonLineError, type LineBatch, type LineBatchOptions } from '../ndjson/line-batches.js';
