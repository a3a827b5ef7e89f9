import type { CommandDescriptor } from '../command.js';
import { formatOption } from '../output-format.js';

/**
 * `phasegate explain --db campaign.db --unit ID [--at DATE] [--format text|json]`: why a unit
 * cannot move on, blocker by blocker, with the numbers (hours short, items unsigned, days overdue).
 */
export const explainCommand: CommandDescriptor = {
  name: 'explain',
  summary: 'Say why a unit cannot move on, item by item, with the numbers',
  examples: [
    { command: 'phasegate explain --db campaign.db --unit edu', says: 'what stands between the unit and moving on' },
    {
      command: 'phasegate explain --db campaign.db --unit edu --at 2005-03-01',
      says: 'the same, as it stood on a day',
    },
    {
      command: 'phasegate explain --db campaign.db --unit edu --format json',
      says: 'its UnitStatus, blockers with their numbers',
    },
  ],
  define(cmd) {
    cmd
      .requiredOption('--db <file>', 'the campaign database written by `phasegate ingest`')
      .requiredOption('--unit <id>', 'the unit to explain')
      .option('--at <date>', 'as the unit stood at this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, campaign time zone)');
    formatOption(cmd, ['text', 'json'], "json prints the unit's UnitStatus");
  },
  load: () => import('./explain-run.js'),
};
