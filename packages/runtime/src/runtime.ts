import type { CampaignIR } from '@phasegate/compiler';
import { parseEventTime } from './event-time.js';
import { summaryStateOf, unitStatus } from './kernel/explain.js';
import { isoTime } from './kernel/format.js';
import { Kernel } from './kernel/kernel.js';
import type { UnitEntry } from './kernel/units.js';
import { resolveEvent, timeBounds, type TimeBounds } from './resolve-event.js';
import { RuntimeError } from './runtime-error.js';
import type { Store, StoredUnit } from './store/store.js';
import type {
  CampaignEvent,
  CampaignSummary,
  EventRejection,
  IngestResult,
  OverdueEntry,
  OverdueList,
  Runtime,
  RuntimeListener,
  SummaryState,
  TransitionRecord,
  UnitSpec,
  UnitStatus,
} from './types.js';

export interface RuntimeOptions {
  /** The compiled campaign (`compileSource(text, path).ir`). */
  readonly ir: CampaignIR;
  /** Where the log, units and snapshots live: `sqliteStore(path)` or `memoryStore()`. */
  readonly store: Store;
  /**
   * Write a snapshot of the whole state with the commit that brings the number of events since the
   * last one to this many (default 10 000; 0 never). Reopening restores the latest snapshot and
   * replays only the events after it.
   */
  readonly snapshotEvery?: number;
}

const DEFAULT_SNAPSHOT_EVERY = 10_000;

/**
 * Opens a running campaign on a store: restores the latest snapshot and replays the events logged
 * after it (or the whole log), so the state is exactly what ingesting the log from empty gives.
 *
 * @example
 * import { compileSource } from '@phasegate/compiler';
 * import { openRuntime } from '@phasegate/runtime';
 * import { sqliteStore } from '@phasegate/runtime/sqlite';
 *
 * const { ir } = compileSource(text, 'first-batch.phase');
 * const runtime = openRuntime({ ir: ir!, store: sqliteStore('campaign.db') });
 * runtime.registerUnits([{ id: 'edu', label: 'Education Bureau', members: 148 }]);
 * runtime.ingest([{ id: 'e1', type: 'fact', time: '2005-03-01T09:00', unit: 'edu',
 *   metric: 'study_hours', member: 0, value: 46, actor: { user: 'li', role: 'unit_admin', unit: 'edu' } }]);
 * runtime.status('edu').blockers.map((b) => b.message);
 * runtime.close();
 */
export function openRuntime(options: RuntimeOptions): Runtime {
  return new KernelRuntime(options.ir, options.store, options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY);
}

/** A registered unit as stored: the UnitSpec plus the log position it was registered at. */
interface StoredUnitJson extends UnitSpec {
  /** How many events the log held when the unit was registered (replay registers it there). */
  readonly logSeq?: number;
}

type Listeners = {
  transition: Set<RuntimeListener<TransitionRecord>>;
  unblocked: Set<RuntimeListener<{ unit: string; eventId: string; time: string }>>;
  overdue: Set<RuntimeListener<OverdueEntry>>;
};

class KernelRuntime implements Runtime {
  readonly campaign: { readonly id: string; readonly label: string; readonly timezone: string };
  private k: Kernel;
  private readonly bounds: TimeBounds;
  private readonly listeners: Listeners = { transition: new Set(), unblocked: new Set(), overdue: new Set() };
  private sinceSnapshot = 0;
  private closed = false;

  constructor(
    private readonly ir: CampaignIR,
    private readonly store: Store,
    private readonly snapshotEvery: number,
  ) {
    this.campaign = { id: ir.id, label: ir.label, timezone: ir.timezone };
    this.bounds = timeBounds(ir);
    this.k = new Kernel(ir);
    this.load();
  }

  // ---- opening ---------------------------------------------------------------------------------

  private load(): void {
    const units = [...this.store.units()].map(parseStoredUnit);
    let from = 0;
    const snap = this.store.latestSnapshot();
    if (snap) {
      const why = this.k.restore(snap.data);
      const fits =
        why === null && this.k.unitCount <= units.length && this.k.units.ids.every((id, i) => units[i].entry.id === id);
      if (fits) from = snap.seq;
      else this.k = new Kernel(this.ir);
    }
    let next = this.k.unitCount;
    const registerUpTo = (seq: number): void => {
      const batch: UnitEntry[] = [];
      while (next < units.length && units[next].logSeq <= seq) batch.push(units[next++].entry);
      if (batch.length > 0) this.k.register(batch);
    };
    for (const stored of this.store.events(from)) {
      registerUpTo(stored.seq - 1);
      let raw: unknown;
      try {
        raw = JSON.parse(stored.json);
      } catch {
        throw new RuntimeError(
          'replay-failed',
          `Event ${stored.id} (log position ${stored.seq}) is not valid JSON; the database is damaged.`,
        );
      }
      const r = resolveEvent(raw, this.k, this.bounds);
      if (!r.ok) {
        const why = r.problems.map((p) => `${p.field ? `${p.field}: ` : ''}${p.message}`).join(' ');
        throw new RuntimeError(
          'replay-failed',
          `Event ${stored.id} (log position ${stored.seq}) no longer fits the campaign: ${why} The campaign changed since it was ingested; open the database with the campaign file it was written with, or re-ingest into a new database.`,
        );
      }
      this.k.apply(r.event);
      this.sinceSnapshot++;
    }
    registerUpTo(Infinity);
  }

  // ---- units -----------------------------------------------------------------------------------

  registerUnits(specs: readonly UnitSpec[]): void {
    this.live();
    if (!Array.isArray(specs))
      throw new RuntimeError(
        'invalid-units',
        'registerUnits takes an array of units: [{ id, members, label?, kind?, parent? }].',
      );
    const problems: string[] = [];
    const fresh: UnitEntry[] = [];
    const inBatch = new Map<string, UnitEntry>();
    specs.forEach((spec, i) => {
      const entry = normalizeUnit(spec, `unit ${i + 1}`, problems);
      if (!entry) return;
      const known = this.k.units.index.get(entry.id);
      const existing = known !== undefined ? this.k.units.entry(known, this.members(known)) : inBatch.get(entry.id);
      if (existing) {
        const diff = difference(existing, entry);
        if (diff)
          problems.push(
            `unit "${entry.id}" is already registered with ${diff}; a unit cannot change once registered (register it under a new id).`,
          );
        return;
      }
      inBatch.set(entry.id, entry);
      fresh.push(entry);
    });
    for (const e of fresh) {
      if (e.parent !== undefined && !this.k.units.index.has(e.parent) && !inBatch.has(e.parent)) {
        problems.push(
          `unit "${e.id}" names parent "${e.parent}", which is not registered; register the parent in the same call or before.`,
        );
      }
    }
    if (problems.length > 0)
      throw new RuntimeError('invalid-units', `Cannot register units:\n- ${problems.join('\n- ')}`);
    if (fresh.length === 0) return;
    const before = this.k.unitCount;
    const logSeq = this.store.lastSeq();
    this.k.register(fresh);
    try {
      this.store.commit({ units: fresh.map((e) => ({ id: e.id, json: JSON.stringify(storedJson(e, logSeq)) })) });
    } catch (err) {
      this.k.unregisterFrom(before);
      throw err;
    }
  }

  private members(u: number): number {
    return this.k.cols.memberStart[u + 1] - this.k.cols.memberStart[u];
  }

  // ---- events ----------------------------------------------------------------------------------

  ingest(events: readonly CampaignEvent[]): IngestResult {
    return this.run(events, 'ingest');
  }

  check(events: readonly CampaignEvent[]): IngestResult {
    return this.run(events, 'check');
  }

  /** Validates and applies a batch in the kernel's journal; `ingest` commits it, `check` rolls it back. */
  private run(events: readonly CampaignEvent[], mode: 'ingest' | 'check'): IngestResult {
    this.live();
    // For JavaScript callers; checked on an `unknown` alias so that `events` keeps its type
    // (Array.isArray would narrow the readonly array to any[]).
    const batch: unknown = events;
    if (!Array.isArray(batch))
      throw new RuntimeError(
        'invalid-batch',
        `${mode} takes an array of events (a batch); wrap a single event in [ ].`,
      );
    const k = this.k;
    const ids = events.map((e) =>
      typeof e === 'object' && e !== null && typeof e.id === 'string' && e.id !== '' ? e.id : null,
    );
    const known = this.store.knownEventIds(ids.filter((id): id is string => id !== null));
    const seen = new Set<string>();
    const duplicates: string[] = [];
    const rejected: EventRejection[] = [];
    const accepted: { id: string; json: string }[] = [];
    const changes: { unit: number; from: number; to: number; event: number; time: number }[] = [];
    let current = -1;
    let currentTime = 0;
    const latestBefore = k.latest;

    k.begin();
    k.sink = (unit, from, to) => changes.push({ unit, from, to, event: current, time: currentTime });
    try {
      events.forEach((raw, index) => {
        const id = ids[index];
        if (id !== null && (known.has(id) || seen.has(id))) {
          duplicates.push(id);
          return;
        }
        if (id !== null) seen.add(id);
        const r = resolveEvent(raw, k, this.bounds);
        if (!r.ok) {
          for (const p of r.problems) rejected.push({ index, eventId: r.id, field: p.field, message: p.message });
          return;
        }
        // Applied even after a rejection, so that later events are checked against the state
        // their predecessors leave; the whole batch is rolled back below anyway.
        current = index;
        currentTime = r.event.time;
        k.apply(r.event);
        accepted.push({ id: r.id, json: JSON.stringify(raw) });
      });
    } catch (err) {
      k.sink = null;
      k.rollback();
      throw err;
    }
    k.sink = null;

    if (rejected.length > 0 || accepted.length === 0) {
      k.rollback();
      return { applied: 0, duplicates, rejected, transitions: [] };
    }
    if (mode === 'check') {
      const transitions = this.transitionRecords(changes, ids);
      k.rollback();
      return { applied: accepted.length, duplicates, rejected: [], transitions };
    }
    const snapshotNow = this.snapshotEvery > 0 && this.sinceSnapshot + accepted.length >= this.snapshotEvery;
    try {
      const snapshot = snapshotNow ? { seq: this.store.lastSeq() + accepted.length, data: k.snapshot() } : undefined;
      this.store.commit({ events: accepted, ...(snapshot ? { snapshot } : {}) });
    } catch (err) {
      k.rollback();
      throw err;
    }
    k.commit();
    this.sinceSnapshot = snapshotNow ? 0 : this.sinceSnapshot + accepted.length;

    const transitions = this.transitionRecords(changes, ids);
    const result: IngestResult = { applied: accepted.length, duplicates, rejected: [], transitions };
    const failure = this.notify(transitions, changes, latestBefore);
    if (failure) {
      const why = failure.error instanceof Error ? failure.error.message : String(failure.error);
      throw new RuntimeError(
        'listener-failed',
        `The batch was applied and logged (${result.applied} event${result.applied === 1 ? '' : 's'}), but a "${failure.kind}" listener threw: ${why}. ` +
          'The other listeners were called; sending the batch again is a no-op (its ids are logged).',
        { cause: failure.error, result },
      );
    }
    return result;
  }

  private transitionRecords(
    changes: readonly { unit: number; from: number; to: number; event: number; time: number }[],
    ids: readonly (string | null)[],
  ): TransitionRecord[] {
    const k = this.k;
    const zone = this.ir.timezone;
    return changes.map((c) => ({
      unit: k.units.ids[c.unit],
      eventId: ids[c.event]!,
      time: isoTime(c.time, zone),
      from: k.codeName(c.from),
      to: k.codeName(c.to),
    }));
  }

  /**
   * Calls the listeners for a committed batch. A listener that throws does not stop the others:
   * the first error is returned, for `ingest` to report once everyone has been told.
   */
  private notify(
    transitions: readonly TransitionRecord[],
    changes: readonly { from: number; to: number }[],
    latestBefore: number,
  ): { kind: keyof Listeners; error: unknown } | undefined {
    const { transition, unblocked, overdue } = this.listeners;
    let failure: { kind: keyof Listeners; error: unknown } | undefined;
    const call = <T>(kind: keyof Listeners, l: RuntimeListener<T>, value: T) => {
      try {
        l(value);
      } catch (error) {
        failure ??= { kind, error };
      }
    };
    if (transition.size > 0) for (const t of transitions) for (const l of [...transition]) call('transition', l, t);
    if (unblocked.size > 0) {
      transitions.forEach((t, i) => {
        // Unblocked: the unit's criteria came to hold and it moved on from its position.
        if (changes[i].from >> 2 === changes[i].to >> 2) return;
        for (const l of [...unblocked]) call('unblocked', l, { unit: t.unit, eventId: t.eventId, time: t.time });
      });
    }
    if (overdue.size > 0 && this.k.latest > latestBefore) {
      const list = this.k.ledger.overdue(this.k.latest, { count: this.k.unitCount, id: (u) => this.k.units.ids[u] });
      for (const g of list.groups) {
        for (const e of g.entries) {
          // Only what became overdue with this batch: its deadline fell between the old and new time.
          if (Date.parse(e.due) > latestBefore) for (const l of [...overdue]) call('overdue', l, e);
        }
      }
    }
    return failure;
  }

  // ---- reading ---------------------------------------------------------------------------------

  status(unit: string): UnitStatus {
    this.live();
    const u = this.k.units.index.get(unit);
    if (u === undefined) {
      throw new RuntimeError(
        'unknown-unit',
        `There is no unit "${unit}" in this campaign; register it first, or check the id (${this.k.unitCount} units are registered).`,
      );
    }
    return unitStatus(this.k, u);
  }

  *statuses(): Iterable<UnitStatus> {
    this.live();
    for (let u = 0; u < this.k.unitCount; u++) yield unitStatus(this.k, u);
  }

  summary(): CampaignSummary {
    this.live();
    const k = this.k;
    const byState: Record<SummaryState, number> = {
      waiting: 0,
      active: 0,
      'awaiting-transfer': 0,
      late: 0,
      remediation: 0,
      completed: 0,
    };
    const byPosition: Record<string, number> = {};
    k.plan.positions.forEach((p, pos) => {
      let n = 0;
      for (let sub = 0; sub < 4; sub++) {
        const count = k.counts[pos * 4 + sub];
        if (count === 0) continue;
        n += count;
        byState[summaryStateOf(k, pos, sub)] += count;
      }
      byPosition[p.path] = n;
    });
    return {
      at: Number.isFinite(k.latest) ? isoTime(k.latest, this.ir.timezone) : '',
      units: k.unitCount,
      byState,
      byPosition,
    };
  }

  overdue(at?: string): OverdueList {
    this.live();
    let when = this.k.latest;
    if (at !== undefined) {
      const t = parseEventTime(at, this.ir.timezone);
      if (!t.ok) throw new RuntimeError('invalid-time', `overdue(at): ${t.reason}`);
      when = t.ms;
    }
    if (!Number.isFinite(when)) return { at: '', groups: [] };
    return this.k.ledger.overdue(when, { count: this.k.unitCount, id: (u) => this.k.units.ids[u] });
  }

  on(event: 'transition', listener: RuntimeListener<TransitionRecord>): () => void;
  on(event: 'unblocked', listener: RuntimeListener<{ unit: string; eventId: string; time: string }>): () => void;
  on(event: 'overdue', listener: RuntimeListener<OverdueEntry>): () => void;
  on(event: keyof Listeners, listener: RuntimeListener<never>): () => void {
    const set = this.listeners[event] as Set<RuntimeListener<never>> | undefined;
    if (!set) throw new TypeError(`There is no "${String(event)}" event; listen to transition, unblocked or overdue.`);
    set.add(listener);
    return () => set.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.store.close();
  }

  private live(): void {
    if (this.closed)
      throw new RuntimeError('closed', 'The runtime was used after close(). Open it again with openRuntime.');
  }
}

function parseStoredUnit(stored: StoredUnit): { entry: UnitEntry; logSeq: number } {
  let spec: StoredUnitJson;
  try {
    spec = JSON.parse(stored.json) as StoredUnitJson;
  } catch {
    throw new RuntimeError(
      'replay-failed',
      `The stored unit "${stored.id}" is not valid JSON; the database is damaged.`,
    );
  }
  const problems: string[] = [];
  const entry = normalizeUnit(spec, `stored unit "${stored.id}"`, problems);
  if (!entry)
    throw new RuntimeError('replay-failed', `The stored unit "${stored.id}" cannot be read: ${problems.join('; ')}`);
  return { entry, logSeq: typeof spec.logSeq === 'number' && spec.logSeq >= 0 ? spec.logSeq : 0 };
}

function storedJson(e: UnitEntry, logSeq: number): StoredUnitJson {
  return {
    id: e.id,
    ...(e.label !== undefined ? { label: e.label } : {}),
    ...(e.kind !== undefined ? { kind: e.kind } : {}),
    ...(e.parent !== undefined ? { parent: e.parent } : {}),
    members: e.memberIds ?? e.members,
    logSeq,
  };
}

/** Checks one untrusted UnitSpec; null (with problems) when it is unusable. */
function normalizeUnit(spec: unknown, where: string, problems: string[]): UnitEntry | null {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    problems.push(`${where} is not an object; give { id, members, label?, kind?, parent? }.`);
    return null;
  }
  const s = spec as Record<string, unknown>;
  const before = problems.length;
  const id = s.id;
  // eslint-disable-next-line no-control-regex -- on purpose: an id with a control character (a newline, say) is refused
  if (typeof id !== 'string' || id.trim() === '' || /[\u0000-\u001f]/.test(id)) {
    problems.push(`${where} has no usable id; an id is a non-empty line of text.`);
    return null;
  }
  const text = (field: string): string | undefined => {
    const v = s[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      problems.push(`unit "${id}": ${field} must be text.`);
      return undefined;
    }
    return v;
  };
  const label = text('label');
  const kind = text('kind');
  const parent = text('parent');
  if (parent === id) problems.push(`unit "${id}" names itself as its parent.`);
  let members = 0;
  let memberIds: string[] | null = null;
  if (typeof s.members === 'number') {
    if (!Number.isInteger(s.members) || s.members < 0)
      problems.push(`unit "${id}": members must be a whole number of members (0 or more), or a list of member ids.`);
    else members = s.members;
  } else if (Array.isArray(s.members)) {
    const seen = new Set<string>();
    for (const m of s.members as unknown[]) {
      if (typeof m !== 'string' || m === '') problems.push(`unit "${id}": every member id must be non-empty text.`);
      else if (seen.has(m)) problems.push(`unit "${id}": member "${m}" is listed twice.`);
      else seen.add(m);
    }
    memberIds = s.members as string[];
    members = memberIds.length;
  } else {
    problems.push(`unit "${id}": members is missing; give a count or a list of member ids.`);
  }
  if (problems.length > before) return null;
  return {
    id,
    ...(label !== undefined ? { label } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(parent !== undefined ? { parent } : {}),
    members,
    memberIds,
  };
}

/** What differs between two registrations of a unit, in words, or null. */
function difference(a: UnitEntry, b: UnitEntry): string | null {
  for (const field of ['label', 'kind', 'parent'] as const) {
    if (a[field] !== b[field])
      return `${field} ${JSON.stringify(a[field] ?? null)} (now ${JSON.stringify(b[field] ?? null)})`;
  }
  const ma = a.memberIds ? JSON.stringify(a.memberIds) : String(a.members);
  const mb = b.memberIds ? JSON.stringify(b.memberIds) : String(b.members);
  if (ma !== mb) return `members ${ma} (now ${mb})`;
  return null;
}
