import type { CommandDescriptor } from '../command.js';
import { EXIT } from '../io.js';
import { storeTools } from '../store-tools.js';

/**
 * `phasegate explain --db campaign.db --unit ID [--at DATE] [--json]`: why a unit cannot move on,
 * blocker by blocker, with the numbers (hours short, items unsigned, days overdue).
 */
export const explainCommand: CommandDescriptor = {
  name: 'explain',
  summary: 'Say why a unit cannot move on, item by item, with the numbers',
  define(cmd) {
    cmd
      .requiredOption('--db <file>', 'the campaign database written by `phasegate ingest`')
      .requiredOption('--unit <id>', 'the unit to explain')
      .option('--at <date>', 'as the unit stood at this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, campaign time zone)')
      .option('--json', "print the unit's UnitStatus as JSON (blockers with their numbers)");
  },
  async run(_args, options, io) {
    const { openStore, storedCampaign, parseAt, requireUnit, runtimeAt, renderExplain } = await storeTools();
    const at = parseAt(options.at);
    const dbPath = String(options.db);
    const unit = String(options.unit);
    const store = openStore(dbPath, io.cwd, false);
    try {
      const ir = storedCampaign(store, dbPath);
      requireUnit(store, unit, dbPath);
      const runtime = runtimeAt(ir, store, at);
      try {
        const status = runtime.status(unit);
        io.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : renderExplain(status));
      } finally {
        runtime.close();
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
