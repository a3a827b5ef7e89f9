/**
 * Where a runtime keeps what must survive a crash: the append-only event log, unit registrations,
 * and periodic unit snapshots. Two implementations: SQLite (the embedded default, one file) and
 * memory (tests and simulation). All methods are synchronous.
 *
 * Durability contract: `commit` writes its whole batch in one transaction. When it returns, the
 * batch is on disk (SQLite in WAL mode with synchronous=FULL) — that is the acknowledgement.
 */
export interface StoredEvent {
  /** Position in the log, 1-based, assigned by the store. */
  readonly seq: number;
  readonly id: string;
  /** The event exactly as accepted, JSON. */
  readonly json: string;
}

export interface StoredUnit {
  readonly id: string;
  /** The UnitSpec as registered, JSON. */
  readonly json: string;
}

export interface StoredSnapshot {
  /** The log position the snapshot reflects: every event with seq <= this is in it. */
  readonly seq: number;
  /** The runtime's whole state as bytes (format owned by the kernel). */
  readonly data: Uint8Array;
}

export interface CommitBatch {
  readonly units?: readonly StoredUnit[];
  /** Events to append, in order. Ids must not be present already (the caller checks). */
  readonly events?: readonly { readonly id: string; readonly json: string }[];
  readonly snapshot?: StoredSnapshot;
}

export interface Store {
  /** Campaign metadata: the source text and IR the log was written against. */
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /** Which of these event ids are already in the log. */
  knownEventIds(ids: readonly string[]): Set<string>;
  /** Appends everything in one transaction; returns the seq of the last event (or the current last seq). */
  commit(batch: CommitBatch): number;
  units(): Iterable<StoredUnit>;
  /** Events with seq > after, in order. */
  events(after?: number): Iterable<StoredEvent>;
  latestSnapshot(): StoredSnapshot | undefined;
  lastSeq(): number;
  close(): void;
}
