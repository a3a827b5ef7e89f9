import type { CommandExample, CommandOptions } from './command.js';
import { CliError, EXIT, type CliIO, type ExitCode } from './io.js';
import { stylesFor, type Styles } from './style.js';
import { VERSION } from './version.js';

/** The examples at the end of `phasegate --help`. */
const EXAMPLES: readonly CommandExample[] = [
  { command: 'phasegate check dsl-examples/*.phase', says: 'every problem in each file, with its place and a fix' },
  {
    command: 'phasegate simulate campaign.phase --scenario county.yaml --report report.html',
    says: 'run a campaign forward and get a report',
  },
  {
    command: 'phasegate ingest campaign.phase --db campaign.db --roster units.csv events.ndjson',
    says: 'record what happened, durably',
  },
];

/** `Examples:` and one command line each, with what it does below it, for the end of a `--help`. */
function examplesText(examples: readonly CommandExample[], s: Styles): string {
  const lines = examples.flatMap((e) => [`  $ ${e.command}`, s.faint(`    ${e.says}`)]);
  return `\n${s.strong('Examples:')}\n${lines.join('\n')}\n`;
}

/**
 * Runs the `phasegate` command line with the given arguments (without `node` and the script) and
 * returns the exit code. Never throws and never calls `process.exit`: the bin file does that.
 *
 * @example
 * const code = await main(['check', 'dsl-examples/first-batch.phase'], { stdout, stderr, cwd });
 */
export async function main(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  // Asked for the version alone, answer before loading the command line parser and the command
  // table: scripts and bug reports run this, and it is most of what they would wait for.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const [{ Command, CommanderError }, { commands }] = await Promise.all([
    import('commander'),
    import('./commands/index.js'),
  ]);
  let exitCode: ExitCode = EXIT.ok;
  const out = stylesFor(io.stdout, io.env);
  const err = stylesFor(io.stderr, io.env);
  const program = new Command('phasegate')
    .description('Check, format, compile, run and simulate phased campaigns written in .phase files.')
    .version(VERSION, '-V, --version', 'print the version of phasegate')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .addHelpText('after', () => examplesText(EXAMPLES, out));
  program.configureHelp({ helpWidth: Math.min(io.stdout.columns ?? 100, 100) });

  for (const descriptor of commands) {
    const cmd = program.command(descriptor.name).description(descriptor.summary);
    cmd
      .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
      .showSuggestionAfterError(true)
      .exitOverride()
      .addHelpText('after', () => examplesText(descriptor.examples, out));
    descriptor.define(cmd);
    cmd.action(async (...all: unknown[]) => {
      // commander passes positional arguments, then the options object, then the command.
      const positional = all.slice(0, -2);
      const options = all[all.length - 2] as CommandOptions;
      const { run } = await descriptor.load();
      exitCode = await run(positional, options, io);
    });
  }

  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage mistakes were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`${err.bad('phasegate:')} ${error.message}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `${err.bad('phasegate: internal error:')} ${detail}\nThis is a bug in phasegate; please report it with the command you ran.\n`,
    );
    return EXIT.internal;
  }
}
