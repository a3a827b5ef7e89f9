/** What only the SQLite store has: a file that persists, and files it must refuse. */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteStore } from '../src/store/sqlite-store.js';
import { StoreError } from '../src/store/store-error.js';

const dir = mkdtempSync(join(tmpdir(), 'phasegate-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `f${++n}.db`);
const ev = (id: string) => ({ id, json: JSON.stringify({ id, type: 'clock' }) });

function failure(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

describe('sqliteStore', () => {
  it('persists log, units, metadata and snapshot across reopen', () => {
    const file = fresh();
    const a = sqliteStore(file);
    a.setMeta('campaign', 'first_batch');
    a.commit({
      units: [{ id: 'u1', json: '{"id":"u1"}' }],
      events: [ev('e1'), ev('e2')],
      snapshot: { seq: 2, data: Uint8Array.from([1, 2, 3]) },
    });
    a.close();
    const b = sqliteStore(file, { create: false });
    expect(b.getMeta('campaign')).toBe('first_batch');
    expect([...b.units()]).toEqual([{ id: 'u1', json: '{"id":"u1"}' }]);
    expect([...b.events()].map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(b.latestSnapshot()).toEqual({ seq: 2, data: Uint8Array.from([1, 2, 3]) });
    expect(b.commit({ events: [ev('e3')] })).toBe(3);
    b.close();
  });

  it('writes a WAL-mode file that says it is phasegate', () => {
    const file = fresh();
    sqliteStore(file).close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('application_id', { simple: true })).toBe(0x50474154);
    expect(raw.prepare('SELECT app, version FROM phasegate_schema').get()).toEqual({ app: 'phasegate', version: 1 });
    raw.close();
  });

  it('opens an empty (zero-byte) file as a new database', () => {
    const file = fresh();
    writeFileSync(file, '');
    const s = sqliteStore(file);
    expect(s.commit({ events: [ev('a')] })).toBe(1);
    s.close();
  });

  it('refuses a file that is not SQLite, naming it', () => {
    const file = fresh();
    writeFileSync(file, '{"id":"e1","type":"clock"}\n');
    const err = failure(() => sqliteStore(file));
    expect(err.code).toBe('not-sqlite');
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/new file name/);
    expect(readFileSync(file, 'utf8')).toBe('{"id":"e1","type":"clock"}\n');
  });

  it("refuses another application's SQLite database and leaves it untouched", () => {
    const file = fresh();
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    other.close();
    const err = failure(() => sqliteStore(file));
    expect(err.code).toBe('not-phasegate');
    expect(err.message).toContain('"invoices"');
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
  });

  it('refuses a phasegate file of another schema version, saying what to do', () => {
    const file = fresh();
    sqliteStore(file).close();
    const raw = new Database(file);
    raw.prepare('UPDATE phasegate_schema SET version = 2').run();
    raw.close();
    const err = failure(() => sqliteStore(file));
    expect(err.code).toBe('schema-version');
    expect(err.message).toMatch(/newer phasegate \(schema version 2\).*Upgrade/);
  });

  it('with create: false, refuses a missing file instead of creating it', () => {
    const file = fresh();
    const err = failure(() => sqliteStore(file, { create: false }));
    expect(err.code).toBe('not-found');
    expect(err.message).toContain('phasegate ingest');
    expect(() => readFileSync(file)).toThrow();
  });

  it('refuses a directory, or a path in a directory that does not exist', () => {
    const sub = join(dir, 'adir');
    mkdirSync(sub);
    expect(failure(() => sqliteStore(sub)).message).toMatch(/is a directory/);
    const err = failure(() => sqliteStore(join(dir, 'missing', 'x.db')));
    expect(err.code).toBe('unwritable');
    expect(err.message).toMatch(/does not exist/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a read-only file', async () => {
    const { chmodSync } = await import('node:fs');
    const file = fresh();
    sqliteStore(file).close();
    chmodSync(file, 0o444);
    expect(failure(() => sqliteStore(file)).code).toBe('unwritable');
  });

  it('reports a lock held by another connection as "locked", and writes nothing', () => {
    const file = fresh();
    const s = sqliteStore(file, { busyTimeoutMs: 50 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const err = failure(() => s.commit({ events: [ev('a')] }));
    expect(err.code).toBe('locked');
    expect(err.message).toMatch(/locked by another process/);
    other.exec('ROLLBACK');
    other.close();
    expect(s.lastSeq()).toBe(0);
    expect(s.commit({ events: [ev('a')] })).toBe(1);
    s.close();
  });

  it('refuses to append when another writer changed the log since this handle read it', () => {
    const file = fresh();
    const a = sqliteStore(file);
    const b = sqliteStore(file);
    a.commit({ events: [ev('a1')] });
    const err = failure(() => b.commit({ events: [ev('b1')] }));
    expect(err.code).toBe('concurrent-writer');
    expect(err.message).toMatch(/Only one process may ingest/);
    // Once b has read what a wrote, it may write again.
    expect([...b.events()].map((e) => e.id)).toEqual(['a1']);
    expect(b.commit({ events: [ev('b1')] })).toBe(2);
    a.close();
    b.close();
  });
});
