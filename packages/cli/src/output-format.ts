import { Option, type Command } from 'commander';
import type { CommandOptions } from './command.js';
import { CliError, EXIT } from './io.js';

/**
 * `--format <format>` on a command that prints results, with the formats it knows (the first is
 * the default), and the older `--json` as a hidden alias of `--format json`.
 */
export function formatOption(cmd: Command, formats: readonly string[], describe: string): Command {
  return cmd
    .option('-f, --format <format>', `${describe} (${formats.join(', ')}; default ${formats[0]})`)
    .addOption(new Option('--json', 'same as --format json').hideHelp());
}

/** The format asked for: checked against the command's formats, `--json` read as `--format json`. */
export function formatOf<F extends string>(options: CommandOptions, formats: readonly F[], command: string): F {
  const given = options['format'];
  if (options['json'] === true) {
    if (given !== undefined && given !== 'json') {
      throw new CliError(
        `--json and --format ${String(given)} disagree; give one of them (--json is --format json).`,
        EXIT.usage,
      );
    }
    if (!(formats as readonly string[]).includes('json'))
      throw new CliError(`${command} has no JSON output; use --format ${formats.join(' or ')}.`, EXIT.usage);
    return 'json' as F;
  }
  if (given === undefined) return formats[0];
  const format = String(given);
  if (!(formats as readonly string[]).includes(format)) {
    const list =
      formats.length === 2
        ? `${formats[0]} or ${formats[1]}`
        : `${formats.slice(0, -1).join(', ')} or ${formats[formats.length - 1]}`;
    throw new CliError(`--format ${format} is not a format ${command} knows; use --format ${list}.`, EXIT.usage);
  }
  return format as F;
}
