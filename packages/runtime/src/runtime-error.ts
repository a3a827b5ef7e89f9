import type { IngestResult } from './types.js';

/**
 * Why a runtime call was refused. Codes are stable: applications and the CLI match on them;
 * messages say what to do.
 */
export type RuntimeErrorCode =
  /** `status` of a unit that is not registered. */
  | 'unknown-unit'
  /** `registerUnits` with malformed units, or units that conflict with registered ones. */
  | 'invalid-units'
  /** A time argument (`overdue(at)`) that cannot be read. */
  | 'invalid-time'
  /** `ingest` called with something other than an array of events. */
  | 'invalid-batch'
  /** The log no longer fits the campaign (the campaign file changed in a way its events cannot follow). */
  | 'replay-failed'
  /** The runtime was used after `close()`. */
  | 'closed'
  /**
   * A subscription listener threw. The batch was applied and logged before listeners ran (the
   * error's `result` is the batch's result), and every other listener was still called.
   */
  | 'listener-failed';

export class RuntimeError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
    options?: { readonly cause?: unknown; readonly result?: IngestResult },
  ) {
    super(message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'RuntimeError';
    if (options?.result !== undefined) this.result = options.result;
  }

  /** For `listener-failed`: what `ingest` returned for the batch, which was applied and logged. */
  readonly result?: IngestResult;
}
