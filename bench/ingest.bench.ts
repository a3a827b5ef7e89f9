/**
 * Durable ingest: events per second into SQLite (WAL, synchronous=FULL: one fsync per commit) at
 * batch sizes 1, 100 and 1000, through the runtime (validation + kernel + store) and through the
 * store alone (the floor set by SQLite and the disk); and the snapshot size per unit.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSource } from '@phasegate/compiler';
import { openRuntime } from '@phasegate/runtime';
import { sqliteStore } from '@phasegate/runtime/sqlite';
import { countyUnits, eventStream } from '../test/fixtures/county.js';

const source = readFileSync(new URL('../dsl-examples/first-batch.phase', import.meta.url), 'utf8');

export default function bench(out: (line: string) => void): Promise<void> {
  const { ir } = compileSource(source, 'first-batch.phase');
  if (!ir) throw new Error('the reference campaign does not compile');
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-ingest-bench-'));
  try {
    const units = countyUnits(20, 5); // 120 units
    out(`durable ingest (SQLite, WAL, synchronous=FULL), ${units.length} units, reference campaign`);
    out('batch   events   runtime ev/s   store-only ev/s   ms per commit (runtime)');
    for (const batch of [1, 100, 1000]) {
      const count = batch === 1 ? 2_000 : 50_000;
      const events = eventStream(ir, units, { count, seed: batch, minutesApart: 2 });

      const runtimeFile = join(dir, `runtime-${batch}.db`);
      const runtime = openRuntime({ ir, store: sqliteStore(runtimeFile) });
      runtime.registerUnits(units);
      let t = performance.now();
      for (let i = 0; i < events.length; i += batch) {
        const result = runtime.ingest(events.slice(i, i + batch));
        if (result.rejected.length > 0) throw new Error(`bench events rejected: ${result.rejected[0].message}`);
      }
      const runtimeMs = performance.now() - t;
      runtime.close();

      const store = sqliteStore(join(dir, `store-${batch}.db`));
      const rows = events.map((e) => ({ id: e.id, json: JSON.stringify(e) }));
      t = performance.now();
      for (let i = 0; i < rows.length; i += batch) {
        const slice = rows.slice(i, i + batch);
        store.knownEventIds(slice.map((r) => r.id));
        store.commit({ events: slice });
      }
      const storeMs = performance.now() - t;
      store.close();

      const rate = (ms: number) =>
        Math.round((count / ms) * 1000)
          .toLocaleString('en-US')
          .padStart(12);
      out(
        `${String(batch).padStart(5)}  ${String(count).padStart(7)}  ${rate(runtimeMs)}  ${rate(storeMs)}      ${(runtimeMs / Math.ceil(count / batch)).toFixed(2).padStart(8)}`,
      );
      (globalThis as { gc?: () => void }).gc?.();
    }

    // Snapshot size: the latest snapshot a runtime wrote, per registered unit, at two campaign sizes.
    out('');
    out('units   snapshot bytes   bytes per unit   db file bytes');
    for (const [bureaus, branches] of [
      [20, 5],
      [200, 10],
    ] as const) {
      const many = countyUnits(bureaus, branches);
      const file = join(dir, `snap-${many.length}.db`);
      const runtime = openRuntime({ ir, store: sqliteStore(file) });
      runtime.registerUnits(many);
      const events = eventStream(ir, many, { count: 20_000, seed: 7, minutesApart: 3 });
      for (let i = 0; i < events.length; i += 1000) runtime.ingest(events.slice(i, i + 1000));
      runtime.close();
      const store = sqliteStore(file, { create: false });
      const snapshot = store.latestSnapshot();
      store.close();
      const size = snapshot?.data.byteLength ?? 0;
      out(
        `${String(many.length).padStart(5)}   ${String(size || 'none written').padStart(14)}   ${size ? (size / many.length).toFixed(0).padStart(14) : '             -'}   ${String(statSync(file).size).padStart(13)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Promise.resolve();
}
