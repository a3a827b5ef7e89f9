import type { CommandDescriptor } from '../command.js';

/**
 * `phasegate fmt <file> [--check | --write]`: prints the file in canonical layout. `--check`
 * only says whether it already is (exit 1 if not, for CI); `--write` rewrites it in place. A file
 * with syntax errors is never formatted: its diagnostics go to stderr and the exit code is 1.
 */
export const fmtCommand: CommandDescriptor = {
  name: 'fmt',
  summary: 'Print a .phase file in canonical layout (or check or rewrite it)',
  examples: [
    { command: 'phasegate fmt --write campaign.phase', says: 'rewrite the file in canonical layout' },
    { command: 'phasegate fmt --check campaign.phase', says: 'for CI: exit 1 if the file is not formatted' },
    { command: 'pbpaste | phasegate fmt -', says: 'format text from standard input and print it' },
  ],
  define(cmd) {
    cmd
      .argument('<file>', 'the .phase file to format (- for standard input)')
      .option('--check', 'do not print; exit 1 and name the file if it is not formatted')
      .option('--write', 'rewrite the file in place (only when it parses without errors)');
  },
  load: () => import('./fmt-run.js'),
};
