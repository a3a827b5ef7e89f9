import type { CommandDescriptor } from '../command.js';
import { EXIT } from '../io.js';
import { storeTools } from '../store-tools.js';

/**
 * `phasegate overdue --db campaign.db [--at DATE] [--json]`: who is late on what, since when —
 * acknowledgements, reports and deliverables past their deadline, grouped by obligation.
 */
export const overdueCommand: CommandDescriptor = {
  name: 'overdue',
  summary: 'List who is late on what, and since when',
  define(cmd) {
    cmd
      .requiredOption('--db <file>', 'the campaign database written by `phasegate ingest`')
      .option('--at <date>', 'judge deadlines at this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, campaign time zone)')
      .option('--json', 'print the OverdueList as JSON (see docs/embedding.md)');
  },
  async run(_args, options, io) {
    const { openStore, storedCampaign, parseAt, runtimeAt, renderOverdue } = await storeTools();
    const at = parseAt(options.at);
    const dbPath = String(options.db);
    const store = openStore(dbPath, io.cwd, false);
    try {
      const ir = storedCampaign(store, dbPath);
      const runtime = runtimeAt(ir, store, at);
      try {
        const list = runtime.overdue(at);
        io.stdout.write(options.json ? `${JSON.stringify(list, null, 2)}\n` : renderOverdue(list));
      } finally {
        runtime.close();
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
