import type Database from 'better-sqlite3';

/**
 * The on-disk layout of a phasegate database, version 1. Bump `SCHEMA_VERSION` on any change an
 * older phasegate would misread; `openSqlite` refuses files of another version rather than guess.
 */
export const SCHEMA_VERSION = 1;

/** `PRAGMA application_id`: "PGAT" in ASCII, so `file(1)` and our own check can tell the file apart. */
export const APPLICATION_ID = 0x50474154;

export const SCHEMA_TABLE = 'phasegate_schema';

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS ${SCHEMA_TABLE} (
  app     TEXT    NOT NULL,
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- Registration order is the rowid order (upserts keep the rowid).
CREATE TABLE IF NOT EXISTS units (
  id   TEXT PRIMARY KEY,
  json TEXT NOT NULL
);
-- The append-only log. seq is the rowid: 1-based, dense, never reused because rows are never deleted.
CREATE TABLE IF NOT EXISTS events (
  seq  INTEGER PRIMARY KEY,
  id   TEXT    NOT NULL UNIQUE,
  json TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS snapshots (
  seq  INTEGER PRIMARY KEY,
  data BLOB    NOT NULL
);
`;

/** What an opened SQLite file turned out to be. */
export type SchemaCheck =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ours'; readonly version: number }
  | { readonly kind: 'foreign'; readonly tables: readonly string[] };

/** Reads, without writing anything, whether the file is empty, ours (and which version), or someone else's. */
export function inspectSchema(db: Database.Database): SchemaCheck {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]
  ).map((r) => r.name);
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (tables.length === 0 && (appId === 0 || appId === APPLICATION_ID)) return { kind: 'empty' };
  if (!tables.includes(SCHEMA_TABLE) || (appId !== 0 && appId !== APPLICATION_ID)) return { kind: 'foreign', tables };
  const row = db.prepare(`SELECT app, version FROM ${SCHEMA_TABLE} LIMIT 1`).get() as
    { app: string; version: number } | undefined;
  if (!row || row.app !== 'phasegate') return { kind: 'foreign', tables };
  return { kind: 'ours', version: row.version };
}

/** Creates the tables in one immediate transaction (safe if two processes create the file at once). */
export function createSchema(db: Database.Database): void {
  db.transaction(() => {
    db.exec(SCHEMA_SQL);
    const present = db.prepare(`SELECT count(*) AS n FROM ${SCHEMA_TABLE}`).get() as { n: number };
    if (present.n === 0)
      db.prepare(`INSERT INTO ${SCHEMA_TABLE} (app, version) VALUES ('phasegate', ?)`).run(SCHEMA_VERSION);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  }).immediate();
}
