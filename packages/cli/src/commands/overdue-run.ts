import type { CommandRun } from '../command.js';
import { EXIT } from '../io.js';
import { formatOf } from '../output-format.js';
import { openStore, storedCampaign } from '../campaign-db.js';
import { parseAt, runtimeAt } from '../read-campaign.js';
import { renderOverdue } from '../render-status.js';

/** `phasegate overdue`, once its command line is parsed (see overdue.ts). Reads only. */
export const run: CommandRun = (_args, options, io) => {
  const json = formatOf(options, ['text', 'json'], 'overdue') === 'json';
  const at = parseAt(options['at']);
  const dbPath = String(options['db']);
  const store = openStore(dbPath, io.cwd, false);
  try {
    const ir = storedCampaign(store, dbPath);
    const runtime = runtimeAt(ir, store, at);
    try {
      const list = runtime.overdue(at);
      io.stdout.write(json ? `${JSON.stringify(list, null, 2)}\n` : renderOverdue(list));
    } finally {
      runtime.close();
    }
    return EXIT.ok;
  } finally {
    store.close();
  }
};
