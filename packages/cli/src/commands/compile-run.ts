import { applyAmendment, compileSource, emitMachineConfig, emitMermaid, type CampaignIR } from '@phasegate/compiler';
import { parseAmendment, renderDiagnostic } from '@phasegate/dsl';
import type { CommandRun } from '../command.js';
import { displayName, readInputFile } from '../input-file.js';
import { CliError, EXIT } from '../io.js';
import { stylesFor } from '../style.js';

const TARGETS = ['ir', 'xstate', 'mermaid'] as const;

/** `phasegate compile`, once its command line is parsed (see compile.ts). */
export const run: CommandRun = async (args, options, io) => {
  const path = String(args[0]);
  const name = displayName(path);
  const target = String(options['target'] ?? 'ir');
  if (!(TARGETS as readonly string[]).includes(target)) {
    throw new CliError(`--target ${target} is not a target compile knows; use ir, xstate or mermaid.`, EXIT.usage);
  }
  const style = stylesFor(io.stderr, io.env).diagnostic;
  const text = await readInputFile(path, io, 'a .phase file');
  const { ir, diagnostics } = compileSource(text, name);
  for (const d of diagnostics) io.stderr.write(`${renderDiagnostic(d, text, name, style)}\n\n`);
  if (!ir) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    io.stderr.write(
      `phasegate: ${name} was not compiled: ${errors} error${errors === 1 ? '' : 's'} to fix first (run \`phasegate check ${path}\`).\n`,
    );
    return EXIT.failure;
  }

  let amended: CampaignIR = ir;
  for (const amendment of (options['amend'] as string[] | undefined) ?? []) {
    const parsed = parseAmendment(amendment);
    const result =
      parsed.amendment && parsed.diagnostics.length === 0
        ? applyAmendment(amended, parsed.amendment)
        : { diagnostics: parsed.diagnostics };
    if (!result.ir) {
      for (const d of result.diagnostics) io.stderr.write(`${renderDiagnostic(d, amendment, '--amend', style)}\n\n`);
      io.stderr.write(`phasegate: the amendment ${JSON.stringify(amendment)} was not applied; nothing was compiled.\n`);
      return EXIT.failure;
    }
    amended = result.ir;
  }

  if (target === 'mermaid') io.stdout.write(emitMermaid(amended));
  else io.stdout.write(`${JSON.stringify(target === 'ir' ? amended : emitMachineConfig(amended), null, 2)}\n`);
  return EXIT.ok;
};
