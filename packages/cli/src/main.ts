import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { CliError, EXIT, type CliIO, type ExitCode } from './io.js';
import { VERSION } from './version.js';

/**
 * Runs the `phasegate` command line with the given arguments (without `node` and the script) and
 * returns the exit code. Never throws and never calls `process.exit`: the bin file does that.
 *
 * @example
 * const code = await main(['check', 'dsl-examples/first-batch.phase'], { stdout, stderr, cwd });
 */
export async function main(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Command('phasegate')
    .description('Check, format, compile, run and simulate phased campaigns written in .phase files.')
    .version(VERSION, '-V, --version', 'print the version of phasegate')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  program.configureHelp({ helpWidth: Math.min(io.stdout.columns ?? 100, 100) });

  for (const descriptor of commands) {
    const cmd = program.command(descriptor.name).description(descriptor.summary);
    cmd
      .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
      .showSuggestionAfterError(true)
      .exitOverride();
    descriptor.define(cmd);
    cmd.action(async (...all: unknown[]) => {
      // commander passes positional arguments, then the options object, then the command.
      const positional = all.slice(0, -2);
      const options = all[all.length - 2] as Record<string, unknown>;
      exitCode = await descriptor.run(positional, options, io);
    });
  }

  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes were already printed.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliError) {
      io.stderr.write(`phasegate: ${err.message}\n`);
      return err.exitCode;
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.stderr.write(`phasegate: internal error: ${detail}\nThis is a bug in phasegate; please report it with the command you ran.\n`);
    return EXIT.internal;
  }
}
