/**
 * `@phasegate/runtime/sqlite`: the durable store, one SQLite file per campaign (better-sqlite3).
 * A subpath of its own so that the main entry stays free of Node's built-ins and of the native
 * binding, and runs in a browser on `memoryStore`; Node applications take the store from here and
 * everything else (`openRuntime`, `StoreError`, the `Store` types) from `@phasegate/runtime`.
 * See docs/embedding.md, "Stores" and "Durability".
 *
 * @example
 * import { compileSource } from '@phasegate/compiler';
 * import { openRuntime } from '@phasegate/runtime';
 * import { sqliteStore } from '@phasegate/runtime/sqlite';
 *
 * const { ir } = compileSource(source, 'first-batch.phase');
 * const runtime = openRuntime({ ir: ir!, store: sqliteStore('campaign.db') });
 */
export { sqliteStore, type SqliteStoreOptions } from './store/sqlite-store.js';
