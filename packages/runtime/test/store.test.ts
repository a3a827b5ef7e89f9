/**
 * The Store contract, run against every implementation: whatever a runtime can observe through
 * a Store must be the same in memory, in SQLite, and in an overlay.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../src/store/memory-store.js';
import { overlayStore } from '../src/store/overlay-store.js';
import { sqliteStore } from '../src/store/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { StoreError } from '../src/store/store-error.js';

const dir = mkdtempSync(join(tmpdir(), 'phasegate-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const kinds: [string, (opts?: { keepSnapshots?: number }) => Store][] = [
  ['memory', (opts) => memoryStore(opts)],
  ['sqlite', (opts) => sqliteStore(join(dir, `s${++n}.db`), opts)],
  ['overlay on an empty', (opts) => overlayStore(memoryStore(), opts)],
];

const ev = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  json: JSON.stringify({ id, type: 'clock', ...extra }),
});
const bytes = (...xs: number[]) => Uint8Array.from(xs);

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return (err as StoreError).code;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

describe.each(kinds)('%s store', (_name, make) => {
  it('starts empty', () => {
    const s = make();
    expect(s.lastSeq()).toBe(0);
    expect([...s.events()]).toEqual([]);
    expect([...s.units()]).toEqual([]);
    expect(s.latestSnapshot()).toBeUndefined();
    expect(s.getMeta('campaign')).toBeUndefined();
    expect(s.knownEventIds(['a'])).toEqual(new Set());
    expect(s.commit({})).toBe(0);
    s.close();
  });

  it('keeps metadata, last write wins', () => {
    const s = make();
    s.setMeta('source', 'campaign x {}');
    s.setMeta('source', 'campaign y {}');
    s.setMeta('ir', '{"id":"y"}');
    expect(s.getMeta('source')).toBe('campaign y {}');
    expect(s.getMeta('ir')).toBe('{"id":"y"}');
    s.close();
  });

  it('appends events with dense 1-based positions and reads them back in order', () => {
    const s = make();
    expect(s.commit({ events: [ev('a'), ev('b')] })).toBe(2);
    expect(s.commit({ events: [ev('c')] })).toBe(3);
    expect(s.lastSeq()).toBe(3);
    expect([...s.events()].map((e) => [e.seq, e.id])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect([...s.events(2)].map((e) => e.id)).toEqual(['c']);
    expect([...s.events(3)]).toEqual([]);
    expect(JSON.parse([...s.events()][0].json)).toEqual({ id: 'a', type: 'clock' });
    expect(s.knownEventIds(['a', 'x', 'c'])).toEqual(new Set(['a', 'c']));
    expect(s.commit({})).toBe(3);
    s.close();
  });

  it('reads a long log completely (past any internal page size)', () => {
    const s = make();
    const events = Array.from({ length: 2500 }, (_, i) => ev(`e${i}`));
    expect(s.commit({ events })).toBe(2500);
    const seen = [...s.events()];
    expect(seen).toHaveLength(2500);
    expect(seen.every((e, i) => e.seq === i + 1 && e.id === `e${i}`)).toBe(true);
    expect([...s.events(1024)][0].seq).toBe(1025);
    s.close();
  });

  it('refuses an event id already in the log, and writes nothing of that batch', () => {
    const s = make();
    s.commit({ events: [ev('a')] });
    expect(
      codeOf(() =>
        s.commit({
          units: [{ id: 'u1', json: '{}' }],
          events: [ev('b'), ev('a')],
          snapshot: { seq: 1, data: bytes(1) },
        }),
      ),
    ).toBe('duplicate-event');
    expect(s.lastSeq()).toBe(1);
    expect([...s.units()]).toEqual([]);
    expect(s.latestSnapshot()).toBeUndefined();
    expect(s.knownEventIds(['b'])).toEqual(new Set());
    s.close();
  });

  it('refuses an id repeated inside one batch', () => {
    const s = make();
    let message = '';
    try {
      s.commit({ events: [ev('a'), ev('a')] });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('"a" appears twice');
    expect(s.lastSeq()).toBe(0);
    s.close();
  });

  it('refuses a snapshot of a log position that does not exist', () => {
    const s = make();
    s.commit({ events: [ev('a')] });
    expect(codeOf(() => s.commit({ events: [ev('b')], snapshot: { seq: 3, data: bytes(1) } }))).toBe('bad-snapshot');
    expect(s.lastSeq()).toBe(1);
    // A snapshot may cover events of its own batch.
    expect(s.commit({ events: [ev('b')], snapshot: { seq: 2, data: bytes(2) } })).toBe(2);
    expect(s.latestSnapshot()).toEqual({ seq: 2, data: bytes(2) });
    s.close();
  });

  it('keeps only the latest few snapshots and returns the newest', () => {
    const s = make({ keepSnapshots: 2 });
    const input = bytes(9, 9);
    for (let i = 1; i <= 4; i++)
      s.commit({ events: [ev(`e${i}`)], snapshot: { seq: i, data: Uint8Array.from([i, 0, 255]) } });
    expect(s.latestSnapshot()).toEqual({ seq: 4, data: bytes(4, 0, 255) });
    // The stored bytes are a copy: changing the caller's buffer later changes nothing.
    s.commit({ snapshot: { seq: 4, data: input } });
    input[0] = 1;
    expect(s.latestSnapshot()).toEqual({ seq: 4, data: bytes(9, 9) });
    s.close();
  });

  it('registers units in order; re-registering replaces the JSON in place', () => {
    const s = make();
    s.commit({
      units: [
        { id: 'b', json: '{"id":"b"}' },
        { id: 'a', json: '{"id":"a"}' },
      ],
    });
    s.commit({
      units: [
        { id: 'b', json: '{"id":"b","label":"B"}' },
        { id: 'c', json: '{"id":"c"}' },
      ],
    });
    expect([...s.units()]).toEqual([
      { id: 'b', json: '{"id":"b","label":"B"}' },
      { id: 'a', json: '{"id":"a"}' },
      { id: 'c', json: '{"id":"c"}' },
    ]);
    s.close();
  });

  it('refuses any use after close, with a message', () => {
    const s = make();
    s.close();
    s.close(); // closing twice is harmless
    expect(codeOf(() => s.lastSeq())).toBe('closed');
    expect(codeOf(() => s.commit({ events: [ev('a')] }))).toBe('closed');
    expect(codeOf(() => [...s.events()])).toBe('closed');
  });
});

describe('overlayStore', () => {
  it('reads through to its base and never writes to it', () => {
    const base = sqliteStore(join(dir, `o${++n}.db`));
    base.setMeta('campaign', 'first_batch');
    base.commit({
      units: [{ id: 'a', json: '{"id":"a"}' }],
      events: [ev('b1'), ev('b2')],
      snapshot: { seq: 2, data: bytes(2) },
    });
    const o = overlayStore(base);
    expect(o.getMeta('campaign')).toBe('first_batch');
    expect(o.latestSnapshot()).toEqual({ seq: 2, data: bytes(2) });
    expect(codeOf(() => o.commit({ events: [ev('b1')] }))).toBe('duplicate-event');
    expect(
      o.commit({
        units: [
          { id: 'a', json: '{"id":"a","label":"A"}' },
          { id: 'z', json: '{}' },
        ],
        events: [ev('o1')],
        snapshot: { seq: 3, data: bytes(3) },
      }),
    ).toBe(3);
    o.setMeta('campaign', 'changed');
    expect([...o.events(1)].map((e) => [e.seq, e.id])).toEqual([
      [2, 'b2'],
      [3, 'o1'],
    ]);
    expect([...o.units()].map((u) => u.json)).toEqual(['{"id":"a","label":"A"}', '{}']);
    expect(o.latestSnapshot()).toEqual({ seq: 3, data: bytes(3) });
    expect(o.knownEventIds(['b2', 'o1', 'x'])).toEqual(new Set(['b2', 'o1']));
    o.close();
    // The base saw none of it, and is still open.
    expect(base.lastSeq()).toBe(2);
    expect(base.getMeta('campaign')).toBe('first_batch');
    expect([...base.units()]).toEqual([{ id: 'a', json: '{"id":"a"}' }]);
    expect(base.latestSnapshot()?.seq).toBe(2);
    base.close();
  });
});
