import type { Command } from 'commander';
import type { CliIO, ExitCode } from './io.js';

/** What a command does once commander has parsed its line: positional arguments, then options. */
export type CommandRun = (args: readonly unknown[], options: CommandOptions, io: CliIO) => Promise<ExitCode> | ExitCode;

/**
 * A command's options as commander hands them over, for the kinds of option the commands declare:
 * `--name <value>` gives the string typed, a flag `true`, a repeatable option (one with a
 * collecting parser) an array of strings; an option not given is absent. A new kind of option
 * (a number parser, say) must be added here.
 */
export type CommandOptions = Readonly<Record<string, OptionValue>>;
export type OptionValue = string | boolean | readonly string[] | undefined;

/** One line at the end of a command's `--help`: a command line and what it does. */
export interface CommandExample {
  readonly command: string;
  readonly says: string;
}

/**
 * One subcommand: `define` declares its arguments and options on the commander `Command` it is
 * given; `load` brings its implementation when it runs, so that `phasegate --version`, `--help`
 * and the authoring commands start without the compiler, the runtime or the simulator.
 * Options are parsed by commander (unknown options are rejected with a hint); `run` validates
 * their values and throws `CliError` for anything the user must fix.
 */
export interface CommandDescriptor {
  readonly name: string;
  readonly summary: string;
  /** Two or three, shown at the end of the command's `--help`. */
  readonly examples: readonly CommandExample[];
  define(cmd: Command): void;
  load(): Promise<{ readonly run: CommandRun }>;
}
