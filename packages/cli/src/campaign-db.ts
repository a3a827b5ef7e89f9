/**
 * The CLI's side of a campaign database: which campaign it holds (source and IR in the store's
 * metadata), whether a .phase file may keep writing to it, and opening it for reading.
 */
import type { CampaignIR } from '@phasegate/compiler';
import { sqliteStore, StoreError, type Store } from '@phasegate/runtime';
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
 * Names a new IR drops that the old one had: events in the log may refer to any of them, so a
 * database can only move to an IR that keeps them all (windows, thresholds and labels may change).
 */
export function removedNames(before: CampaignIR, after: CampaignIR): string[] {
  const names = (ir: CampaignIR): string[] => [
    ...ir.roles.map((r) => `role \`${r.id}\``),
    ...ir.metrics.map((m) => `${m.level} metric \`${m.id}\``),
    ...ir.documents.map((d) => `document \`${d.id}\``),
    ...ir.obligations.map((o) => `obligation \`${o.id}\``),
    ...ir.phases.flatMap((p) => [
      `phase \`${p.id}\``,
      ...p.steps.flatMap((s) => [
        `step \`${p.id}.${s.id}\``,
        ...s.tasks.map((t) => `task \`${t.id}\``),
        ...s.deliverables.map((d) => `deliverable \`${d.id}\``),
      ]),
      ...p.checkpoints.flatMap((c) => [`checkpoint \`${c.id}\``, ...c.items.map((i) => `checkpoint item \`${c.id}.${i.id}\``)]),
    ]),
  ];
  const kept = new Set(names(after));
  return names(before).filter((n) => !kept.has(n));
}

/**
 * Records the campaign in a database on first use; afterwards refuses a different campaign, or
 * a new version of the same one that drops names the log may use. Returns what happened.
 */
export function bindCampaign(store: Store, dbPath: string, ir: CampaignIR, source: string, sourcePath: string): 'created' | 'same' | 'updated' {
  const storedId = store.getMeta(META.campaign);
  if (storedId !== undefined && storedId !== ir.id) {
    throw new CliError(
      `${dbPath} holds campaign \`${storedId}\`, but ${sourcePath} declares campaign \`${ir.id}\`. A database runs one campaign: give --db a new file for \`${ir.id}\`.`,
    );
  }
  const irJson = JSON.stringify(ir);
  const previous = store.getMeta(META.ir);
  if (previous === irJson) return 'same';
  if (previous !== undefined && store.lastSeq() > 0) {
    const removed = removedNames(JSON.parse(previous) as CampaignIR, ir);
    if (removed.length > 0) {
      const shown = removed.slice(0, 5).join(', ') + (removed.length > 5 ? ` and ${removed.length - 5} more` : '');
      throw new CliError(
        `${sourcePath} is not compatible with the campaign in ${dbPath}: it removes ${shown}, which events already in the log may refer to. Put ${removed.length === 1 ? 'it' : 'them'} back, or give --db a new file.`,
      );
    }
  }
  store.setMeta(META.campaign, ir.id);
  store.setMeta(META.source, source);
  store.setMeta(META.sourcePath, sourcePath);
  store.setMeta(META.ir, irJson);
  return previous === undefined ? 'created' : 'updated';
}
