import type { CommandDescriptor } from '../command.js';
import { formatOption } from '../output-format.js';

/**
 * `phasegate status --db campaign.db [--unit ID] [--at DATE] [--units] [--format text|json]`:
 * the campaign by state and by phase and step, or one unit. Reads only; the database is never
 * written.
 */
export const statusCommand: CommandDescriptor = {
  name: 'status',
  summary: 'Show where the campaign stands: units per state and step, or one unit',
  examples: [
    { command: 'phasegate status --db campaign.db', says: 'units per state and per phase and step' },
    { command: 'phasegate status --db campaign.db --unit edu --at 2005-03-16', says: 'one unit, as it stood on a day' },
    {
      command: 'phasegate status --db campaign.db --units --format json',
      says: 'the CampaignSummary and every UnitStatus, as JSON',
    },
  ],
  define(cmd) {
    cmd
      .requiredOption('--db <file>', 'the campaign database written by `phasegate ingest`')
      .option('--unit <id>', 'show one unit')
      .option('--at <date>', 'as the campaign stood at this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, campaign time zone)')
      .option('--units', 'also list every unit, one line each');
    formatOption(
      cmd,
      ['text', 'json'],
      'json prints a UnitStatus with --unit, else a CampaignSummary (docs/embedding.md)',
    );
  },
  load: () => import('./status-run.js'),
};
