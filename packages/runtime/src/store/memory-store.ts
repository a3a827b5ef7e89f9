import { checkBatch } from './check-batch.js';
import type { CommitBatch, Store, StoredEvent, StoredSnapshot, StoredUnit } from './store.js';
import { StoreError } from './store-error.js';

export interface MemoryStoreOptions {
  /** How many snapshots to keep; older ones are dropped on commit. Default 3, as SQLite. */
  readonly keepSnapshots?: number;
}

/**
 * A store that lives in the process: for tests, simulation, and replay checks. It behaves like
 * `sqliteStore` in every observable way (same ordering, same refusals, same messages) except
 * that nothing survives the process. The shared store test suite runs against both.
 *
 * @example
 * const runtime = openRuntime({ ir, store: memoryStore() });
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  const keep = Math.max(1, options.keepSnapshots ?? 3);
  const meta = new Map<string, string>();
  const units = new Map<string, string>();
  const events: StoredEvent[] = [];
  const ids = new Set<string>();
  let snapshots: StoredSnapshot[] = [];
  let open = true;

  const live = (): void => {
    if (!open) throw new StoreError('closed', 'The store was used after close(). Open it again to read or write.');
  };
  const known = (wanted: readonly string[]): Set<string> => new Set(wanted.filter((id) => ids.has(id)));

  return {
    getMeta(key) {
      live();
      return meta.get(key);
    },
    setMeta(key, value) {
      live();
      meta.set(key, String(value));
    },
    knownEventIds(wanted) {
      live();
      return known(wanted);
    },
    commit(batch: CommitBatch) {
      live();
      checkBatch(batch, events.length, known);
      for (const unit of batch.units ?? []) units.set(unit.id, unit.json);
      for (const event of batch.events ?? []) {
        events.push({ seq: events.length + 1, id: event.id, json: event.json });
        ids.add(event.id);
      }
      if (batch.snapshot) {
        // Copy: the caller may reuse its buffer, and SQLite would not see later changes either.
        const copy: StoredSnapshot = { seq: batch.snapshot.seq, data: Uint8Array.from(batch.snapshot.data) };
        snapshots = [...snapshots.filter((s) => s.seq !== copy.seq), copy].sort((a, b) => a.seq - b.seq).slice(-keep);
      }
      return events.length;
    },
    units(): StoredUnit[] {
      live();
      return [...units].map(([id, json]) => ({ id, json }));
    },
    *events(after = 0): Iterable<StoredEvent> {
      live();
      for (let i = Math.max(0, Math.floor(after)); i < events.length; i++) yield events[i];
    },
    latestSnapshot() {
      live();
      const last = snapshots[snapshots.length - 1];
      return last && { seq: last.seq, data: Uint8Array.from(last.data) };
    },
    lastSeq() {
      live();
      return events.length;
    },
    close() {
      open = false;
    },
  };
}
