import type { CommandDescriptor } from '../command.js';
import { formatOption } from '../output-format.js';

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
  examples: [
    {
      command: 'phasegate ingest campaign.phase --db campaign.db --roster units.csv',
      says: 'create the database and register the units',
    },
    {
      command: 'phasegate ingest campaign.phase --db campaign.db events.ndjson',
      says: 'append events; running it again skips those already logged',
    },
    {
      command: 'produce-events | phasegate ingest campaign.phase --db campaign.db - --format json',
      says: 'events from standard input, the tally as JSON',
    },
  ],
  define(cmd) {
    cmd
      .argument('<campaign>', 'the .phase file of the campaign (- for standard input)')
      .argument('[events]', 'events, one JSON object per line (- for standard input)')
      .requiredOption('--db <file>', 'the campaign database (SQLite; created on first use)')
      .option('--roster <file>', 'register these units first (CSV: id,label,kind,members,parent; - for standard input)')
      .option('--batch <n>', 'events per atomic batch', '1000');
    formatOption(cmd, ['text', 'json'], 'how to print the tally');
  },
  load: () => import('./ingest-run.js'),
};
