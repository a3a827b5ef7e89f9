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
  | 'closed';

export class RuntimeError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}
