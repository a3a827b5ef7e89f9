import type { CommandRun } from '../command.js';
import { EXIT } from '../io.js';
import { formatOf } from '../output-format.js';
import { openStore, storedCampaign } from '../campaign-db.js';
import { parseAt, requireUnit, runtimeAt } from '../read-campaign.js';
import { renderSummary, renderUnitLines, renderUnitStatus } from '../render-status.js';

/** `phasegate status`, once its command line is parsed (see status.ts). Reads only. */
export const run: CommandRun = (_args, options, io) => {
  const json = formatOf(options, ['text', 'json'], 'status') === 'json';
  const at = parseAt(options['at']);
  const dbPath = String(options['db']);
  const store = openStore(dbPath, io.cwd, false);
  try {
    const ir = storedCampaign(store, dbPath);
    if (options['unit'] !== undefined) requireUnit(store, String(options['unit']), dbPath);
    const runtime = runtimeAt(ir, store, at);
    try {
      if (options['unit'] !== undefined) {
        const status = runtime.status(String(options['unit']));
        io.stdout.write(json ? `${JSON.stringify(status, null, 2)}\n` : renderUnitStatus(status));
      } else if (json) {
        const summary = runtime.summary();
        const out = options['units'] ? { ...summary, statuses: [...runtime.statuses()] } : summary;
        io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        io.stdout.write(renderSummary(runtime, runtime.summary()));
        if (options['units']) io.stdout.write(`\n${renderUnitLines(runtime.statuses())}`);
      }
    } finally {
      runtime.close();
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
};
