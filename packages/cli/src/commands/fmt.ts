import { formatText, renderDiagnostic } from '@phasegate/dsl';
import type { CommandDescriptor } from '../command.js';
import { readInputFile } from '../input-file.js';
import { writeOutputFile } from '../output-file.js';
import { CliError, EXIT } from '../io.js';

/**
 * `phasegate fmt <file> [--check | --write]`: prints the file in canonical layout. `--check`
 * only says whether it already is (exit 1 if not, for CI); `--write` rewrites it in place. A file
 * with syntax errors is never formatted: its diagnostics go to stderr and the exit code is 1.
 */
export const fmtCommand: CommandDescriptor = {
  name: 'fmt',
  summary: 'Print a .phase file in canonical layout (or check or rewrite it)',
  define(cmd) {
    cmd
      .argument('<file>', 'the .phase file to format')
      .option('--check', 'do not print; exit 1 and name the file if it is not formatted')
      .option('--write', 'rewrite the file in place (only when it parses without errors)');
  },
  async run(args, options, io) {
    const path = String(args[0]);
    if (options.check && options.write) {
      throw new CliError('--check and --write cannot be used together: --check only reports, --write rewrites.', EXIT.usage);
    }
    const text = await readInputFile(path, io, 'a .phase file');
    const { formatted, diagnostics } = formatText(text, path);
    if (formatted === undefined) {
      for (const d of diagnostics) io.stderr.write(`${renderDiagnostic(d, text, path)}\n\n`);
      const n = diagnostics.length;
      io.stderr.write(`phasegate: ${path} was not formatted: ${n} syntax error${n === 1 ? '' : 's'} to fix first.\n`);
      return EXIT.failure;
    }
    if (options.check) {
      if (formatted === text) return EXIT.ok;
      io.stderr.write(`${path} is not formatted; run \`phasegate fmt --write ${path}\` to format it.\n`);
      return EXIT.failure;
    }
    if (options.write) {
      if (formatted !== text) {
        await writeOutputFile(path, io.cwd, formatted);
        io.stdout.write(`formatted ${path}\n`);
      }
      return EXIT.ok;
    }
    io.stdout.write(formatted);
    return EXIT.ok;
  },
};
