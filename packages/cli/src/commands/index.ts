import type { CommandDescriptor } from '../command.js';
import { checkCommand } from './check.js';
import { compileCommand } from './compile.js';
import { demoCommand } from './demo.js';
import { explainCommand } from './explain.js';
import { fmtCommand } from './fmt.js';
import { ingestCommand } from './ingest.js';
import { overdueCommand } from './overdue.js';
import { simulateCommand } from './simulate.js';
import { statusCommand } from './status.js';

/**
 * Every subcommand, in the order `phasegate --help` lists them. Each is a small descriptor in its
 * own file, with its implementation in `<name>-run.ts`, loaded when it runs; add a new one here.
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
