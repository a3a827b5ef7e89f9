import { checkBatch } from './check-batch.js';
import type { CommitBatch, Store, StoredEvent, StoredSnapshot, StoredUnit } from './store.js';
import { StoreError } from './store-error.js';

/**
 * A store that reads through to `base` and keeps every write in memory: a scratch copy of a
 * campaign for "what if" questions (`phasegate status --at` advances the clock on one) that never
 * touches the database. The base is read, never written, and only up to the log position it had
 * when the overlay was made. `close()` closes the overlay, not the base.
 *
 * @example
 * const scratch = openRuntime({ ir, store: overlayStore(sqliteStore('campaign.db')) });
 * scratch.ingest([{ id: 'what-if', type: 'clock', time: '2005-03-16T00:00', actor }]);
 */
export function overlayStore(base: Store, options: { keepSnapshots?: number } = {}): Store {
  const keep = Math.max(1, options.keepSnapshots ?? 3);
  const baseLast = base.lastSeq();
  const meta = new Map<string, string>();
  const units = new Map<string, string>();
  const events: StoredEvent[] = [];
  const ids = new Set<string>();
  let snapshots: StoredSnapshot[] = [];
  let open = true;

  const live = (): void => {
    if (!open) throw new StoreError('closed', 'The store was used after close(). Open it again to read or write.');
  };
  const known = (wanted: readonly string[]): Set<string> => {
    const found = base.knownEventIds(wanted);
    for (const id of wanted) if (ids.has(id)) found.add(id);
    return found;
  };
  const lastSeq = (): number => baseLast + events.length;

  return {
    getMeta(key) {
      live();
      return meta.has(key) ? meta.get(key) : base.getMeta(key);
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
      checkBatch(batch, lastSeq(), known);
      for (const unit of batch.units ?? []) units.set(unit.id, unit.json);
      for (const event of batch.events ?? []) {
        events.push({ seq: lastSeq() + 1, id: event.id, json: event.json });
        ids.add(event.id);
      }
      if (batch.snapshot) {
        const copy: StoredSnapshot = { seq: batch.snapshot.seq, data: Uint8Array.from(batch.snapshot.data) };
        snapshots = [...snapshots.filter((s) => s.seq !== copy.seq), copy].sort((a, b) => a.seq - b.seq).slice(-keep);
      }
      return lastSeq();
    },
    units(): StoredUnit[] {
      live();
      const merged = [...base.units()].map((u) =>
        units.has(u.id) ? { id: u.id, json: units.get(u.id) as string } : u,
      );
      const inBase = new Set(merged.map((u) => u.id));
      for (const [id, json] of units) if (!inBase.has(id)) merged.push({ id, json });
      return merged;
    },
    *events(after = 0): Iterable<StoredEvent> {
      live();
      if (after < baseLast) {
        for (const event of base.events(after)) {
          if (event.seq > baseLast) break;
          yield event;
        }
      }
      for (const event of events) if (event.seq > after) yield event;
    },
    latestSnapshot() {
      live();
      const last = snapshots[snapshots.length - 1];
      if (last) return { seq: last.seq, data: Uint8Array.from(last.data) };
      const fromBase = base.latestSnapshot();
      return fromBase && fromBase.seq <= baseLast ? fromBase : undefined;
    },
    lastSeq() {
      live();
      return lastSeq();
    },
    close() {
      open = false;
    },
  };
}
