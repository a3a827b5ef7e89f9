import type { CommandDescriptor } from '../command.js';
import { formatOption } from '../output-format.js';

/**
 * `phasegate overdue --db campaign.db [--at DATE] [--format text|json]`: who is late on what,
 * since when — acknowledgements, reports and deliverables past their deadline, by obligation.
 */
export const overdueCommand: CommandDescriptor = {
  name: 'overdue',
  summary: 'List who is late on what, and since when',
  examples: [
    { command: 'phasegate overdue --db campaign.db', says: 'who is late now (at the latest event)' },
    { command: 'phasegate overdue --db campaign.db --at 2005-02-23', says: 'who was late on a given day' },
    { command: 'phasegate overdue --db campaign.db --format json', says: 'the OverdueList as JSON' },
  ],
  define(cmd) {
    cmd
      .requiredOption('--db <file>', 'the campaign database written by `phasegate ingest`')
      .option('--at <date>', 'judge deadlines at this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, campaign time zone)');
    formatOption(cmd, ['text', 'json'], 'json prints the OverdueList (docs/embedding.md)');
  },
  load: () => import('./overdue-run.js'),
};
