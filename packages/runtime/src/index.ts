/**
 * @phasegate/runtime: runs a compiled campaign. Units advance per docs/semantics.md on facts,
 * sign-offs and the calendar; every accepted event is logged before it is acknowledged; status,
 * blockers and overdue lists are read back in words and numbers.
 *
 * This entry imports none of Node's built-ins, so it runs in a browser too (on `memoryStore`);
 * the SQLite store, which needs Node, is `@phasegate/runtime/sqlite`.
 *
 * @example
 * import { compileSource } from '@phasegate/compiler';
 * import { openRuntime } from '@phasegate/runtime';
 * import { sqliteStore } from '@phasegate/runtime/sqlite';
 *
 * const { ir } = compileSource(source, 'first-batch.phase');
 * const runtime = openRuntime({ ir: ir!, store: sqliteStore('campaign.db') });
 * runtime.registerUnits([{ id: 'edu', label: 'Education Bureau', members: 148 }]);
 * const result = runtime.ingest([
 *   { id: 'e1', type: 'task', time: '2005-02-24T10:00', unit: 'edu', task: 'expert_talk',
 *     actor: { user: 'li', role: 'unit_admin', unit: 'edu' } },
 * ]);
 * result.rejected;                    // [] — or every problem, and nothing applied
 * runtime.status('edu').blockers;     // what stands between the unit and moving on
 * runtime.overdue('2005-02-20T00:00'); // who is late, on what, since when
 * runtime.close();
 */

export { openRuntime, type RuntimeOptions } from './runtime.js';
export { RuntimeError, type RuntimeErrorCode } from './runtime-error.js';
export type {
  Actor,
  CampaignEvent,
  FactEvent,
  TaskEvent,
  DeliverableEvent,
  SignoffEvent,
  IssueEvent,
  AcknowledgeEvent,
  ReportEvent,
  AmendEvent,
  ClockEvent,
  UnitSpec,
  Timing,
  SummaryState,
  Blocker,
  ConditionGap,
  UnitStatus,
  EventRejection,
  IngestResult,
  TransitionRecord,
  CampaignSummary,
  OverdueEntry,
  OverdueList,
  RuntimeListener,
  Runtime,
} from './types.js';

// Stores: where the log, the units and the snapshots live. The SQLite store is a subpath of its
// own (`@phasegate/runtime/sqlite`), so that this entry stays browser-safe.
export type { Store, StoredEvent, StoredUnit, StoredSnapshot, CommitBatch } from './store/store.js';
export { memoryStore, type MemoryStoreOptions } from './store/memory-store.js';
export { overlayStore } from './store/overlay-store.js';
export { StoreError, type StoreErrorCode } from './store/store-error.js';

// Rosters: units from a CSV file.
export {
  parseRoster,
  formatRosterProblem,
  type RosterProblem,
  type RosterProblemCode,
  type RosterResult,
  type RosterOptions,
} from './roster.js';
