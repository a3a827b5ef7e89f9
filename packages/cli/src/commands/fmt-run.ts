import { formatText, renderDiagnostic } from '@phasegate/dsl';
import type { CommandRun } from '../command.js';
import { displayName, readInputFile, STDIN } from '../input-file.js';
import { CliError, EXIT } from '../io.js';
import { writeOutputFile } from '../output-file.js';
import { stylesFor } from '../style.js';

/** `phasegate fmt`, once its command line is parsed (see fmt.ts). */
export const run: CommandRun = async (args, options, io) => {
  const path = String(args[0]);
  const name = displayName(path);
  if (options['check'] && options['write']) {
    throw new CliError(
      '--check and --write cannot be used together: --check only reports, --write rewrites.',
      EXIT.usage,
    );
  }
  if (options['write'] && path === STDIN) {
    throw new CliError(
      '--write rewrites a file in place, and standard input is not a file: drop --write to print the formatted text.',
      EXIT.usage,
    );
  }
  const text = await readInputFile(path, io, 'a .phase file');
  const { formatted, diagnostics } = formatText(text, name);
  if (formatted === undefined) {
    const style = stylesFor(io.stderr, io.env).diagnostic;
    for (const d of diagnostics) io.stderr.write(`${renderDiagnostic(d, text, name, style)}\n\n`);
    const n = diagnostics.length;
    io.stderr.write(`phasegate: ${name} was not formatted: ${n} syntax error${n === 1 ? '' : 's'} to fix first.\n`);
    return EXIT.failure;
  }
  if (options['check']) {
    if (formatted === text) return EXIT.ok;
    io.stderr.write(`${name} is not formatted; run \`phasegate fmt --write ${path}\` to format it.\n`);
    return EXIT.failure;
  }
  if (options['write']) {
    if (formatted !== text) {
      await writeOutputFile(path, io.cwd, formatted);
      io.stdout.write(`formatted ${path}\n`);
    }
    return EXIT.ok;
  }
  io.stdout.write(formatted);
  return EXIT.ok;
};
