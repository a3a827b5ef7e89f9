import type { CommandDescriptor } from '../command.js';
import { formatOption } from '../output-format.js';

/**
 * `phasegate check <files…> [--format text|json]`: parses and checks each file and prints every
 * problem (errors and warnings) with its code, place and how to fix it. Exit 0 when no file has
 * an error (warnings allowed), 1 otherwise (an unreadable file counts), 2 on a usage mistake.
 */
export const checkCommand: CommandDescriptor = {
  name: 'check',
  summary: 'Check .phase files and report every problem with its place and a fix',
  examples: [
    { command: 'phasegate check dsl-examples/*.phase', says: 'check every example; exit 1 if any has an error' },
    {
      command: 'phasegate check campaign.phase --format json',
      says: 'the same problems as JSON, with lines, columns and offsets',
    },
    { command: 'cat campaign.phase | phasegate check -', says: 'check text from standard input' },
  ],
  define(cmd) {
    cmd.argument('<files...>', 'the .phase files to check (- for standard input)');
    formatOption(cmd, ['text', 'json'], 'text for people, json for tools');
  },
  load: () => import('./check-run.js'),
};
