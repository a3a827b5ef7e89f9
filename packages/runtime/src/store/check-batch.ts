import type { CommitBatch } from './store.js';
import { StoreError } from './store-error.js';

/**
 * The checks every store makes before writing a batch, shared so that SQLite and memory refuse
 * exactly the same batches with exactly the same messages. Throws `StoreError`; writes nothing.
 *
 * @param lastSeq the log's last position before this batch
 * @param known   which of the given ids are already in the log
 */
export function checkBatch(batch: CommitBatch, lastSeq: number, known: (ids: readonly string[]) => Set<string>): void {
  const events = batch.events ?? [];
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event.id !== 'string' || event.id === '') {
      throw new StoreError(
        'duplicate-event',
        'An event without an id cannot be logged: every event needs a non-empty, unique `id`.',
      );
    }
    if (seen.has(event.id)) {
      throw new StoreError(
        'duplicate-event',
        `Event id "${event.id}" appears twice in one commit. Event ids are unique; drop the repeat before committing.`,
      );
    }
    seen.add(event.id);
  }
  if (events.length > 0) {
    const already = known(events.map((e) => e.id));
    const first = events.find((e) => already.has(e.id));
    if (first) {
      throw new StoreError(
        'duplicate-event',
        `Event id "${first.id}" is already in the log. Check ids with knownEventIds() and leave repeats out of the commit.`,
      );
    }
  }
  const snapshot = batch.snapshot;
  if (snapshot) {
    const end = lastSeq + events.length;
    if (!Number.isInteger(snapshot.seq) || snapshot.seq < 0 || snapshot.seq > end) {
      throw new StoreError(
        'bad-snapshot',
        `A snapshot claims log position ${snapshot.seq}, but the log ends at ${end} after this commit. A snapshot must reflect events already in the log.`,
      );
    }
  }
}
