import type { CommandDescriptor } from '../command.js';
import { EXIT } from '../io.js';
import { storeTools } from '../store-tools.js';

/**
 * `phasegate status --db campaign.db [--unit ID] [--at DATE] [--units] [--json]`: the campaign by
 * state and by phase and step, or one unit. Reads only; the database is never written.
 */
export const statusCommand: CommandDescriptor = {
  name: 'status',
  summary: 'Show where the campaign stands: units per state and step, or one unit',
  define(cmd) {
    cmd
      .requiredOption('--db <file>', 'the campaign database written by `phasegate ingest`')
      .option('--unit <id>', 'show one unit')
      .option('--at <date>', 'as the campaign stood at this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, campaign time zone)')
      .option('--units', 'also list every unit, one line each')
      .option('--json', 'print JSON: a UnitStatus with --unit, else a CampaignSummary (see docs/embedding.md)');
  },
  async run(_args, options, io) {
    const { openStore, storedCampaign, parseAt, requireUnit, runtimeAt, renderSummary, renderUnitLines, renderUnitStatus } = await storeTools();
    const at = parseAt(options.at);
    const dbPath = String(options.db);
    const store = openStore(dbPath, io.cwd, false);
    try {
      const ir = storedCampaign(store, dbPath);
      if (options.unit !== undefined) requireUnit(store, String(options.unit), dbPath);
      const runtime = runtimeAt(ir, store, at);
      try {
        if (options.unit !== undefined) {
          const status = runtime.status(String(options.unit));
          io.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : renderUnitStatus(status));
        } else if (options.json) {
          const summary = runtime.summary();
          const out = options.units ? { ...summary, statuses: [...runtime.statuses()] } : summary;
          io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        } else {
          io.stdout.write(renderSummary(runtime, runtime.summary()));
          if (options.units) io.stdout.write(`\n${renderUnitLines(runtime.statuses())}`);
        }
      } finally {
        runtime.close();
      }
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
