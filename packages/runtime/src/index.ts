// Stores and rosters (durability lane).
export { sqliteStore, type SqliteStoreOptions } from './store/sqlite-store.js';
export { memoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export { overlayStore } from './store/overlay-store.js';
export { StoreError, type StoreErrorCode } from './store/store-error.js';
export type { Store, StoredEvent, StoredUnit, StoredSnapshot, CommitBatch } from './store/store.js';
export { parseRoster, formatRosterProblem, type RosterProblem, type RosterProblemCode, type RosterResult, type RosterOptions } from './roster.js';
