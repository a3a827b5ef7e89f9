import type { CommandRun } from '../command.js';
import { EXIT } from '../io.js';
import { formatOf } from '../output-format.js';
import { openStore, storedCampaign } from '../campaign-db.js';
import { parseAt, requireUnit, runtimeAt } from '../read-campaign.js';
import { renderExplain } from '../render-status.js';

/** `phasegate explain`, once its command line is parsed (see explain.ts). Reads only. */
export const run: CommandRun = (_args, options, io) => {
  const json = formatOf(options, ['text', 'json'], 'explain') === 'json';
  const at = parseAt(options['at']);
  const dbPath = String(options['db']);
  const unit = String(options['unit']);
  const store = openStore(dbPath, io.cwd, false);
  try {
    const ir = storedCampaign(store, dbPath);
    requireUnit(store, unit, dbPath);
    const runtime = runtimeAt(ir, store, at);
    try {
      const status = runtime.status(unit);
      io.stdout.write(json ? `${JSON.stringify(status, null, 2)}\n` : renderExplain(status));
    } finally {
      runtime.close();
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
};
