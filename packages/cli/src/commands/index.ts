import type { CommandDescriptor } from '../command.js';
import { checkCommand } from './check.js';
import { compileCommand } from './compile.js';
import { fmtCommand } from './fmt.js';
import { ingestCommand } from './ingest.js';
import { statusCommand } from './status.js';
import { explainCommand } from './explain.js';
import { overdueCommand } from './overdue.js';
import { simulateCommand } from './simulate.js';
import { demoCommand } from './demo.js';

/**
 * Every subcommand, in the order `phasegate --help` lists them. Each lives in its own file as a
 * small descriptor; add a new one here.
 */
export const commands: readonly CommandDescriptor[] = [
  checkCommand,
  compileCommand,
  fmtCommand,
  ingestCommand,
  statusCommand,
  explainCommand,
  overdueCommand,
  simulateCommand,
  demoCommand,
];
