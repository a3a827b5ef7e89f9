export { main } from './main.js';
export { EXIT, CliError, type CliIO, type ExitCode, type Writable } from './io.js';
export type { CommandDescriptor } from './command.js';
