/**
 * The CLI's side of a campaign database: which campaign it holds (source and IR in the store's
 * metadata), whether a .phase file may keep writing to it, and opening it for reading.
 */
import type { CampaignIR } from '@phasegate/compiler';
import { StoreError, type Store } from '@phasegate/runtime';
import { sqliteStore } from '@phasegate/runtime/sqlite';
import { resolve } from 'node:path';
import { CliError, EXIT } from './io.js';

/** Metadata keys the CLI writes into a database. */
export const META = {
  campaign: 'phasegate.campaign',
  source: 'phasegate.source',
  sourcePath: 'phasegate.source-path',
  ir: 'phasegate.ir',
} as const;

/** Opens a database file, turning every store error into a message for the user. */
export function openStore(path: string, cwd: string, create: boolean): Store {
  try {
    return sqliteStore(resolve(cwd, path), { create });
  } catch (err) {
    if (err instanceof StoreError) throw new CliError(err.message, EXIT.failure);
    throw err;
  }
}

/** The campaign a database was created for, as `phasegate ingest` stored it. */
export function storedCampaign(store: Store, dbPath: string): CampaignIR {
  const json = store.getMeta(META.ir);
  if (json === undefined) {
    throw new CliError(
      `${dbPath} holds no campaign: it was not created by \`phasegate ingest\`. Run \`phasegate ingest <campaign.phase> --db ${dbPath} <events>\` first.`,
    );
  }
  return JSON.parse(json) as CampaignIR;
}

/**
 * Checks that a database may run this campaign: refuses one created for another campaign id.
 * Returns whether the database is new, holds this exact IR, or holds another version of it (the
 * caller then replays the log under the new IR, which refuses events the new version cannot
 * follow, before recording it with `recordCampaign`).
 */
export function checkCampaign(
  store: Store,
  dbPath: string,
  ir: CampaignIR,
  sourcePath: string,
): 'new' | 'same' | 'changed' {
  const storedId = store.getMeta(META.campaign);
  if (storedId !== undefined && storedId !== ir.id) {
    throw new CliError(
      `${dbPath} holds campaign \`${storedId}\`, but ${sourcePath} declares campaign \`${ir.id}\`. A database runs one campaign: give --db a new file for \`${ir.id}\`.`,
    );
  }
  const previous = store.getMeta(META.ir);
  if (previous === undefined) return 'new';
  return previous === JSON.stringify(ir) ? 'same' : 'changed';
}

/** Stores the campaign's source and IR in the database, so the read-only commands need no .phase file. */
export function recordCampaign(store: Store, ir: CampaignIR, source: string, sourcePath: string): void {
  store.setMeta(META.campaign, ir.id);
  store.setMeta(META.source, source);
  store.setMeta(META.sourcePath, sourcePath);
  store.setMeta(META.ir, JSON.stringify(ir));
}
