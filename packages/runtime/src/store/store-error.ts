/**
 * Why a store refused to open or to write. `code` is stable (tools and tests match on it);
 * `message` names the file and says what to do, and is meant to be shown to a user as is.
 */
export type StoreErrorCode =
  /** The path does not exist and the store was opened with `create: false`. */
  | 'not-found'
  /** The file exists but is not an SQLite database at all. */
  | 'not-sqlite'
  /** An SQLite database, but not one phasegate created. */
  | 'not-phasegate'
  /** A phasegate database written by a different schema version. */
  | 'schema-version'
  /** Another connection holds the write lock longer than the busy timeout. */
  | 'locked'
  /** The file or its directory cannot be written (permissions, read-only disk, a directory). */
  | 'unwritable'
  /** Another process appended to the log since this store last read it. */
  | 'concurrent-writer'
  /** A commit tried to append an event id that is already in the log (or twice in one batch). */
  | 'duplicate-event'
  /** A snapshot claims a log position the log does not have. */
  | 'bad-snapshot'
  /** The store was used after `close()`. */
  | 'closed'
  /** Any other I/O failure (disk full, corruption); the message carries SQLite's own words. */
  | 'io';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
