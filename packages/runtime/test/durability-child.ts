/**
 * The process the SIGKILL test kills: ingests the reference event stream into a SQLite file in
 * small batches and prints `ack <id>` for every event of a batch only after `ingest` returned
 * (stdout to a pipe is synchronous on Linux, so an ack on the pipe means the commit happened).
 *
 * Usage: node --import tsx durability-child.ts <db> <events> <batch> <snapshotEvery>
 */
import { compileSource } from '@phasegate/compiler';
import { openRuntime } from '@phasegate/runtime';
import { sqliteStore } from '@phasegate/runtime/sqlite';
import { countyUnits, eventStream, referenceSource } from '../../../test/fixtures/county.js';

const [db, countText, batchText, snapshotText] = process.argv.slice(2);
const { ir } = compileSource(referenceSource(), 'first-batch.phase');
if (!ir) throw new Error('the reference campaign does not compile');
const units = countyUnits();
const events = eventStream(ir, units, { count: Number(countText), seed: 42, minutesApart: 1 });
const batch = Number(batchText);

const runtime = openRuntime({ ir, store: sqliteStore(db), snapshotEvery: Number(snapshotText) });
runtime.registerUnits(units);
process.stdout.write('ready\n');
for (let i = 0; i < events.length; i += batch) {
  const slice = events.slice(i, i + batch);
  const result = runtime.ingest(slice);
  if (result.rejected.length > 0) {
    process.stderr.write(`rejected: ${JSON.stringify(result.rejected)}\n`);
    process.exit(3);
  }
  process.stdout.write(slice.map((e) => `ack ${e.id}\n`).join(''));
}
runtime.close();
process.stdout.write('done\n');
