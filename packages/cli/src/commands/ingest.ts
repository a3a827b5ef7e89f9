import type { CommandDescriptor } from '../command.js';

/**
 * `phasegate ingest <campaign.phase> --db campaign.db [--roster units.csv] [events.ndjson | -]`:
 * compiles the campaign, opens (or creates) its database, registers the roster's units, and
 * appends the events, one JSON object per line, in atomic batches. Each batch is on disk before
 * the next is read; a batch with a malformed or rejected event is not applied, and ingest stops
 * there. Running the same command again is safe: events already in the log are skipped.
 */
export const ingestCommand: CommandDescriptor = {
  name: 'ingest',
  summary: 'Append events (NDJSON) to a campaign database, durably, in atomic batches',
  define(cmd) {
    cmd
      .argument('<campaign>', 'the .phase file of the campaign')
      .argument('[events]', 'events, one JSON object per line; - reads standard input')
      .requiredOption('--db <file>', 'the campaign database (SQLite; created on first use)')
      .option('--roster <file>', 'register these units first (CSV: id,label,kind,members,parent)')
      .option('--batch <n>', 'events per atomic batch', '1000');
  },
  async run(args, options, io) {
    // The runtime and its SQLite store load only when this command runs (see simulate.ts).
    const { runIngest } = await import('./ingest-run.js');
    return runIngest(args, options, io);
  },
};
