import { applyAmendment, compileSource, emitMachineConfig, emitMermaid, type CampaignIR } from '@phasegate/compiler';
import { parseAmendment, renderDiagnostic } from '@phasegate/dsl';
import type { CommandDescriptor } from '../command.js';
import { readInputFile } from '../input-file.js';
import { CliError, EXIT } from '../io.js';

const TARGETS = ['ir', 'xstate', 'mermaid'] as const;

/**
 * `phasegate compile <file> --target ir|xstate|mermaid [--amend "<amendment>"]…`: checks the
 * file and prints its IR (JSON), its unit machine config (JSON, for XState's `createMachine`)
 * or a Mermaid state diagram. Each `--amend` adds an amendment to the schedule first, written as
 * in a file after `amend`: `--amend "phase study extend 10 days effective 2005-02-21"`.
 * Diagnostics go to stderr; on any error nothing is printed to stdout and the exit code is 1.
 */
export const compileCommand: CommandDescriptor = {
  name: 'compile',
  summary: 'Compile a .phase file to its IR, XState machine config or Mermaid diagram',
  define(cmd) {
    cmd
      .argument('<file>', 'the .phase file to compile')
      .option('--target <target>', 'ir, xstate or mermaid', 'ir')
      .option(
        '--amend <amendment>',
        'add an amendment before compiling, e.g. "phase study extend 10 days effective 2005-02-21" (repeatable)',
        (value: string, previous: string[] = []) => [...previous, value],
      );
  },
  async run(args, options, io) {
    const path = String(args[0]);
    const target = String(options.target ?? 'ir');
    if (!(TARGETS as readonly string[]).includes(target)) {
      throw new CliError(`--target ${target} is not a target compile knows; use ir, xstate or mermaid.`, EXIT.usage);
    }
    const text = await readInputFile(path, io, 'a .phase file');
    const { ir, diagnostics } = compileSource(text, path);
    for (const d of diagnostics) io.stderr.write(`${renderDiagnostic(d, text, path)}\n\n`);
    if (!ir) {
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      io.stderr.write(`phasegate: ${path} was not compiled: ${errors} error${errors === 1 ? '' : 's'} to fix first (run \`phasegate check ${path}\`).\n`);
      return EXIT.failure;
    }

    let amended: CampaignIR = ir;
    for (const amendment of (options.amend as string[] | undefined) ?? []) {
      const parsed = parseAmendment(amendment);
      const result = parsed.amendment && parsed.diagnostics.length === 0 ? applyAmendment(amended, parsed.amendment) : { diagnostics: parsed.diagnostics };
      if (!result.ir) {
        for (const d of result.diagnostics) io.stderr.write(`${renderDiagnostic(d, amendment, '--amend')}\n\n`);
        io.stderr.write(`phasegate: the amendment ${JSON.stringify(amendment)} was not applied; nothing was compiled.\n`);
        return EXIT.failure;
      }
      amended = result.ir;
    }

    if (target === 'mermaid') io.stdout.write(emitMermaid(amended));
    else io.stdout.write(`${JSON.stringify(target === 'ir' ? amended : emitMachineConfig(amended), null, 2)}\n`);
    return EXIT.ok;
  },
};
