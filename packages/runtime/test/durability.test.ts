/**
 * What the runtime promises about its log: replaying it reproduces the live state, a repeated
 * event is a no-op, a bad batch changes nothing, and an acknowledged event survives SIGKILL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileSource, type CampaignIR } from '@phasegate/compiler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  memoryStore,
  openRuntime,
  type CampaignEvent,
  type Runtime,
  type Store,
  type UnitSpec,
} from '@phasegate/runtime';
import { sqliteStore } from '@phasegate/runtime/sqlite';
import { countyUnits, eventStream, referenceSource } from '../../../test/fixtures/county.js';

const dir = mkdtempSync(join(tmpdir(), 'phasegate-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let ir: CampaignIR;
beforeAll(() => {
  const compiled = compileSource(referenceSource(), 'first-batch.phase');
  if (!compiled.ir)
    throw new Error(`reference campaign does not compile: ${compiled.diagnostics.map((d) => d.message).join('; ')}`);
  ir = compiled.ir;
});

const units = countyUnits();
/** Every unit's status, plus the campaign summary and overdue list, as JSON: what a user can see. */
const observe = (runtime: Runtime, at = '2005-07-01T00:00') =>
  JSON.stringify({ statuses: [...runtime.statuses()], summary: runtime.summary(), overdue: runtime.overdue(at) });

function ingestAll(runtime: Runtime, events: readonly CampaignEvent[], batch: number): void {
  for (let i = 0; i < events.length; i += batch) {
    const result = runtime.ingest(events.slice(i, i + batch));
    expect(result.rejected).toEqual([]);
  }
}

/** A fresh memory runtime fed the units and events found in `store`'s log, from nothing. */
function replayOf(store: Store): Runtime {
  const fresh = openRuntime({ ir, store: memoryStore() });
  fresh.registerUnits([...store.units()].map((u) => JSON.parse(u.json) as UnitSpec));
  const events = [...store.events()].map((e) => JSON.parse(e.json) as CampaignEvent);
  ingestAll(fresh, events, 500);
  return fresh;
}

describe('durability', () => {
  it('(a) replaying the log from empty gives the live state, for every unit', () => {
    // Three weeks of campaign: units end up spread over steps, transfers and states.
    const events = eventStream(ir, units, { count: 3000, seed: 3, minutesApart: 10 });
    for (const [name, store] of [
      ['memory', memoryStore()],
      ['sqlite', sqliteStore(join(dir, 'a.db'))],
    ] as const) {
      const live = openRuntime({ ir, store, snapshotEvery: 700 });
      live.registerUnits(units);
      // Uneven batches, so batch boundaries fall everywhere.
      let i = 0;
      for (const size of [1, 7, 250, 13, 1000, 2]) {
        ingestAll(live, events.slice(i, i + size), size);
        i += size;
      }
      ingestAll(live, events.slice(i), 400);
      const seen = observe(live);
      expect(JSON.parse(seen).statuses, name).toHaveLength(units.length);
      // The reopen below starts from a snapshot, not from the beginning of the log.
      expect(store.latestSnapshot()?.seq, name).toBeGreaterThan(2000);

      // Replay without any snapshot, through a different store...
      const replayed = replayOf(store);
      expect(observe(replayed), name).toBe(seen);
      replayed.close();
      // ...and by opening a second runtime on the same log (snapshot + tail of the log).
      const reopened = openRuntime({ ir, store: name === 'memory' ? store : sqliteStore(join(dir, 'a.db')) });
      expect(observe(reopened), name).toBe(seen);
      reopened.close();
      live.close();
    }
  });

  it('(b) an event id seen before is a no-op, and the result says so', () => {
    const store = memoryStore();
    const runtime = openRuntime({ ir, store });
    runtime.registerUnits(units);
    const events = eventStream(ir, units, { count: 200, seed: 5 });
    ingestAll(runtime, events, 50);
    const before = observe(runtime);
    const seq = store.lastSeq();

    const again = runtime.ingest(events.slice(10, 20));
    expect(again.applied).toBe(0);
    expect(again.duplicates).toEqual(events.slice(10, 20).map((e) => e.id));
    expect(again.transitions).toEqual([]);
    // Same id, different content: still the same event, still a no-op.
    const changed = { ...events[0], time: '2005-06-30T00:00' } as CampaignEvent;
    expect(runtime.ingest([changed]).duplicates).toEqual([events[0].id]);

    expect(store.lastSeq()).toBe(seq);
    expect(observe(runtime)).toBe(before);
    runtime.close();
  });

  it('(c) a batch with one bad event changes nothing, in the store or in the state', () => {
    const store = sqliteStore(join(dir, 'c.db'));
    const runtime = openRuntime({ ir, store });
    runtime.registerUnits(units);
    const events = eventStream(ir, units, { count: 300, seed: 9 });
    ingestAll(runtime, events.slice(0, 100), 100);
    const before = observe(runtime);
    const seq = store.lastSeq();
    const transitions: unknown[] = [];
    const off = runtime.on('transition', (t) => transitions.push(t));

    const good = events.slice(100, 200);
    const bad = { ...good[50], id: 'bad-1', unit: 'no-such-unit' } as CampaignEvent;
    const result = runtime.ingest([...good.slice(0, 50), bad, ...good.slice(50)]);
    expect(result.applied).toBe(0);
    expect(result.transitions).toEqual([]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ index: 50, eventId: 'bad-1', field: 'unit' });
    expect(result.rejected[0].message).toMatch(/no-such-unit/);

    expect(store.lastSeq()).toBe(seq);
    expect(store.knownEventIds(good.map((e) => e.id)).size).toBe(0);
    expect(observe(runtime)).toBe(before);
    expect(transitions).toEqual([]);

    // The same events without the bad one go through.
    expect(runtime.ingest(good).applied).toBe(100);
    expect(store.lastSeq()).toBe(seq + 100);
    off();
    runtime.close();
  });

  it.each([150, 600])(
    '(d) every event acknowledged before SIGKILL (after %i acks) is in the log, and the reopened state equals a replay',
    async (killAfter) => {
      const db = join(dir, `killed-${killAfter}.db`);
      const child = spawn(
        process.execPath,
        [
          '--conditions=@phasegate/source',
          '--import',
          'tsx',
          fileURLToPath(new URL('./durability-child.ts', import.meta.url)),
          db,
          '200000',
          '5',
          '100',
        ],
        {
          cwd: fileURLToPath(new URL('../../..', import.meta.url)),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.on('exit', (code, signal) => done({ code, signal })),
      );
      await new Promise<void>((killed, failed) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          // Kill mid-stream, wherever the child happens to be: between commits or inside one.
          if ((out.match(/^ack /gm)?.length ?? 0) >= killAfter && !child.killed) {
            child.kill('SIGKILL');
            killed();
          }
        });
        child.on('exit', () =>
          child.killed ? killed() : failed(new Error(`child ended before it was killed: ${err || out.slice(-500)}`)),
        );
      });
      expect((await exited).signal).toBe('SIGKILL');

      // Only complete lines count: a torn last line was never an acknowledgement.
      const acked = out
        .split('\n')
        .slice(0, -1)
        .filter((l) => l.startsWith('ack '))
        .map((l) => l.slice(4));
      expect(acked.length).toBeGreaterThanOrEqual(killAfter);
      expect(out).not.toContain('done');

      const store = sqliteStore(db, { create: false });
      expect(store.knownEventIds(acked).size).toBe(acked.length);
      // The log is a prefix of the stream: nothing lost in the middle, nothing out of order.
      const logged = [...store.events()].map((e) => e.id);
      expect(logged.length).toBeGreaterThanOrEqual(acked.length);
      expect(logged).toEqual(Array.from({ length: logged.length }, (_, i) => `e${i}`));

      // The child snapshots every 100 events: reopening restores one and replays the rest.
      expect(store.latestSnapshot()?.seq).toBeGreaterThanOrEqual(100);
      const reopened = openRuntime({ ir, store });
      const replayed = replayOf(store);
      expect(observe(reopened)).toBe(observe(replayed));
      replayed.close();
      reopened.close();
    },
  );
});
