import Database from 'better-sqlite3';
import { accessSync, constants, closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkBatch } from './check-batch.js';
import { createSchema, inspectSchema, SCHEMA_VERSION } from './sqlite-schema.js';
import type { CommitBatch, Store, StoredEvent, StoredSnapshot, StoredUnit } from './store.js';
import { StoreError } from './store-error.js';

export interface SqliteStoreOptions {
  /** Create the file when it does not exist (default true). `false` gives a `not-found` error instead. */
  readonly create?: boolean;
  /** How many snapshots to keep; older ones are deleted in the commit that adds a new one. Default 3. */
  readonly keepSnapshots?: number;
  /** How long to wait for another connection's write lock before failing with `locked`. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** Rows per query when reading the log: bounded memory, and no statement stays open between pages. */
const PAGE = 1024;

/**
 * Opens (or creates) a phasegate database: one SQLite file holding the event log, the registered
 * units, campaign metadata and the latest few snapshots.
 *
 * Durability: the file is in WAL mode with `synchronous = FULL`. WAL lets `status` read while an
 * `ingest` writes; FULL makes SQLite fsync the WAL at every commit, so when `commit` returns the
 * batch survives a process kill *and* a power loss or OS crash. (`NORMAL`, SQLite's usual WAL
 * setting, survives a process kill but may lose the last commits on power loss, which would break
 * the promise that an acknowledged event is never lost.) The price is one fsync per commit: batch
 * events to amortise it (see bench/ingest.bench.ts).
 *
 * One writer at a time: a commit fails with `concurrent-writer` if another process appended to
 * the log since this store last read it, because the runtime's state in memory would no longer
 * match the log.
 *
 * Throws `StoreError` (never a raw SQLite error) when the file is not SQLite, is another
 * application's database or another schema version, is locked, or cannot be written.
 *
 * @example
 * const store = sqliteStore('campaign.db');
 * const runtime = openRuntime({ ir, store });
 */
export function sqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
  const file = path === ':memory:' ? path : resolve(path);
  const create = options.create ?? true;
  const keep = Math.max(1, Math.floor(options.keepSnapshots ?? 3));
  if (file !== ':memory:') preflight(file, create);

  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: !create, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (err) {
    throw translate(err, file, 'open');
  }
  try {
    const found = inspectSchema(db);
    if (found.kind === 'foreign') {
      throw new StoreError(
        'not-phasegate',
        `${file} is an SQLite database, but not a phasegate one (it has tables ${found.tables.map((t) => `"${t}"`).join(', ') || 'but no phasegate schema'}). Give --db a new file name; phasegate will create it.`,
      );
    }
    if (found.kind === 'ours' && found.version !== SCHEMA_VERSION) {
      throw new StoreError(
        'schema-version',
        found.version > SCHEMA_VERSION
          ? `${file} was written by a newer phasegate (schema version ${found.version}); this one reads version ${SCHEMA_VERSION}. Upgrade phasegate to open it.`
          : `${file} uses phasegate schema version ${found.version}; this phasegate reads version ${SCHEMA_VERSION} and cannot convert it. Re-ingest the events into a new file.`,
      );
    }
    // Only now, knowing the file is ours or empty, change its journal mode.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    if (found.kind === 'empty') createSchema(db);
  } catch (err) {
    db.close();
    throw err instanceof StoreError ? err : translate(err, file, 'open');
  }

  const stmt = {
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    known: db.prepare<[string], { id: string }>('SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?))'),
    putUnit: db.prepare(
      'INSERT INTO units (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json',
    ),
    units: db.prepare<[], StoredUnit>('SELECT id, json FROM units ORDER BY rowid'),
    append: db.prepare('INSERT INTO events (id, json) VALUES (?, ?)'),
    page: db.prepare<[number, number], StoredEvent>(
      'SELECT seq, id, json FROM events WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    lastSeq: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events'),
    putSnapshot: db.prepare('INSERT OR REPLACE INTO snapshots (seq, data) VALUES (?, ?)'),
    prune: db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)'),
    latest: db.prepare<[], { seq: number; data: Buffer }>('SELECT seq, data FROM snapshots ORDER BY seq DESC LIMIT 1'),
  };

  let open = true;
  const lastSeq = (): number => stmt.lastSeq.get()?.seq ?? 0;
  /** The last log position this handle knows the runtime has seen (opened at, read up to, or wrote). */
  let observed = lastSeq();

  const known = (ids: readonly string[]): Set<string> =>
    new Set(ids.length === 0 ? [] : stmt.known.all(JSON.stringify(ids)).map((r) => r.id));

  const commitTx = db.transaction((batch: CommitBatch): number => {
    const before = lastSeq();
    if (before !== observed) {
      throw new StoreError(
        'concurrent-writer',
        `Another process appended to ${file} (the log is at ${before}, this runtime last saw ${observed}). Only one process may ingest into a database at a time; stop the other one and reopen.`,
      );
    }
    checkBatch(batch, before, known);
    for (const unit of batch.units ?? []) stmt.putUnit.run(unit.id, unit.json);
    let last = before;
    for (const event of batch.events ?? []) last = Number(stmt.append.run(event.id, event.json).lastInsertRowid);
    if (batch.snapshot) {
      stmt.putSnapshot.run(batch.snapshot.seq, Buffer.from(batch.snapshot.data));
      stmt.prune.run(keep);
    }
    return last;
  });

  /** Runs `fn`, turning SQLite's errors into StoreErrors that name the file. */
  const guarded = <T>(what: string, fn: () => T): T => {
    if (!open)
      throw new StoreError('closed', `The store for ${file} was used after close(). Open it again to read or write.`);
    try {
      return fn();
    } catch (err) {
      throw err instanceof StoreError ? err : translate(err, file, what);
    }
  };

  return {
    getMeta: (key) => guarded('read', () => stmt.getMeta.get(key)?.value),
    setMeta: (key, value) => guarded('write', () => void stmt.setMeta.run(key, String(value))),
    knownEventIds: (ids) => guarded('read', () => known(ids)),
    commit: (batch) =>
      guarded('write', () => {
        // IMMEDIATE takes the write lock up front, so a busy database waits (busy timeout)
        // instead of failing half-way when a read lock would have to be upgraded.
        const last = commitTx.immediate(batch);
        observed = last;
        return last;
      }),
    units: () => guarded('read', () => stmt.units.all()),
    events(after = 0): Iterable<StoredEvent> {
      guarded('read', () => undefined);
      return (function* () {
        let from = Math.max(0, Math.floor(after));
        for (;;) {
          const rows = guarded('read', () => stmt.page.all(from, PAGE));
          for (const row of rows) {
            if (row.seq > observed) observed = row.seq;
            yield row;
          }
          if (rows.length < PAGE) return;
          from = rows[rows.length - 1].seq;
        }
      })();
    },
    latestSnapshot: () =>
      guarded('read', (): StoredSnapshot | undefined => {
        const row = stmt.latest.get();
        return row && { seq: row.seq, data: new Uint8Array(row.data) };
      }),
    lastSeq: () => guarded('read', lastSeq),
    close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}

/** Checks what can be checked before SQLite touches the file, to give a precise message. */
function preflight(file: string, create: boolean): void {
  let isFile = false;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      throw new StoreError(
        'unwritable',
        `${file} is a directory. Give a file path for the database, such as ${file}/campaign.db.`,
      );
    }
    isFile = true;
  } catch (err) {
    if (err instanceof StoreError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw translate(err, file, 'open');
  }
  if (!isFile) {
    if (!create) {
      throw new StoreError(
        'not-found',
        `There is no database at ${file}. Create one with \`phasegate ingest <campaign.phase> --db ${file} …\`.`,
      );
    }
    const dir = dirname(file);
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    } catch {
      throw new StoreError(
        'unwritable',
        `Cannot create ${file}: the directory ${dir} does not exist. Create it first, or choose another path.`,
      );
    }
    writable(dir, `Cannot create ${file}: the directory ${dir} is not writable. Choose a directory you can write to.`);
    return;
  }
  const head = Buffer.alloc(16);
  let read: number;
  try {
    const fd = openSync(file, 'r');
    try {
      read = readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw translate(err, file, 'open');
  }
  // An empty file is a valid, empty SQLite database; anything else must carry SQLite's header.
  if (read > 0 && head.subarray(0, read).toString('latin1') !== SQLITE_MAGIC.slice(0, read)) {
    throw new StoreError(
      'not-sqlite',
      `${file} is not an SQLite database (it does not start with the SQLite header). Is --db pointing at the wrong file? Give a new file name and phasegate will create it.`,
    );
  }
  if (read > 0 && read < 16) {
    throw new StoreError(
      'not-sqlite',
      `${file} is too short to be an SQLite database (${read} bytes). Give a new file name and phasegate will create it.`,
    );
  }
  writable(file, `${file} is not writable. Check its permissions, or copy it somewhere you can write.`);
  // WAL needs to create ${file}-wal and -shm beside it.
  writable(
    dirname(file),
    `The directory of ${file} is not writable, and SQLite needs to create its journal files there. Check the directory's permissions.`,
  );
}

function writable(path: string, message: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new StoreError('unwritable', message);
  }
}

/** SQLite and file-system errors in words a user can act on. */
function translate(err: unknown, file: string, what: string): StoreError {
  const code = (err as { code?: string }).code ?? '';
  const detail = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return new StoreError(
      'locked',
      `${file} is locked by another process (SQLite: ${detail}). Wait for it to finish, or stop it, then retry.`,
    );
  }
  if (code === 'SQLITE_NOTADB') {
    return new StoreError(
      'not-sqlite',
      `${file} is not an SQLite database (SQLite: ${detail}). Give a new file name and phasegate will create it.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StoreError(
      'unwritable',
      `Cannot ${what} ${file}: it is read-only (${detail}). Check the permissions of the file and its directory.`,
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT') {
    return new StoreError(
      'unwritable',
      `Cannot ${what} ${file} (${detail}). Check that the path exists and that you can write to its directory.`,
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new StoreError(
      'io',
      `Cannot ${what} ${file}: the disk is full. Nothing from this batch was written; free space and retry.`,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError(
      'io',
      `${file} is damaged (SQLite: ${detail}). Restore it from a backup, or re-ingest the events into a new file.`,
    );
  }
  return new StoreError('io', `Cannot ${what} ${file}: ${detail}`);
}
