import type { Command } from 'commander';
import type { CliIO, ExitCode } from './io.js';

/**
 * One subcommand: `define` declares its arguments and options on the commander `Command` it is
 * given; `run` does the work with the parsed values and returns the exit code.
 * Options are parsed by commander (unknown options are rejected with a hint); `run` validates
 * their values and throws `CliError` for anything the user must fix.
 */
export interface CommandDescriptor {
  readonly name: string;
  readonly summary: string;
  define(cmd: Command): void;
  run(args: readonly unknown[], options: Record<string, unknown>, io: CliIO): Promise<ExitCode> | ExitCode;
}
