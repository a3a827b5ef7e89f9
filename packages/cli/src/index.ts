/**
 * @phasegate/cli: the `phasegate` command as a function, for tests and for tools that embed it.
 * The bin file (`bin/phasegate.js`) only wires `main` to the process.
 */
export { main } from './main.js';
export { EXIT, CliError, type CliIO, type ExitCode, type Writable } from './io.js';
