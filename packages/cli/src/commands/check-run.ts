import { compileSource } from '@phasegate/compiler';
import { diagnosticToJson, renderDiagnostic, type Diagnostic, type DiagnosticJson } from '@phasegate/dsl';
import type { CommandRun } from '../command.js';
import { displayName, fileErrorReason, readInput } from '../input-file.js';
import { CliError, EXIT, type CliIO } from '../io.js';
import { formatOf } from '../output-format.js';
import { stylesFor, type Styles } from '../style.js';

interface FileReport {
  readonly path: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads and checks one file; an unreadable file becomes a PG900 diagnostic, not an exception. */
async function checkFile(path: string, io: CliIO): Promise<FileReport> {
  let text: string;
  const name = displayName(path);
  try {
    text = await readInput(path, io, 'a .phase file');
  } catch (err) {
    // Standard input that cannot be read (or a second `-`) stops the command.
    if (err instanceof CliError) throw err;
    const diagnostic: Diagnostic = {
      code: 'PG900',
      severity: 'error',
      message: `cannot read ${name}: ${fileErrorReason(err)}`,
      span: { start: 0, end: 0 },
      hint: 'give the path of a .phase file, relative to the current directory',
    };
    return { path: name, text: '', diagnostics: [diagnostic] };
  }
  return { path: name, text, diagnostics: compileSource(text, name).diagnostics };
}

function count(diagnostics: readonly Diagnostic[], severity: 'error' | 'warning'): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function renderText(reports: readonly FileReport[], io: CliIO, s: Styles): void {
  for (const r of reports) {
    for (const d of r.diagnostics) {
      if (d.code === 'PG900')
        io.stdout.write(
          `${r.path}: ${s.diagnostic.error('error[PG900]')}: ${d.message}\n${s.diagnostic.help('help')}: ${d.hint}\n\n`,
        );
      else io.stdout.write(`${renderDiagnostic(d, r.text, r.path, s.diagnostic)}\n\n`);
    }
  }
  for (const r of reports) {
    const errors = count(r.diagnostics, 'error');
    const warnings = count(r.diagnostics, 'warning');
    const status = errors > 0 ? s.bad(plural(errors, 'error')) : s.good('ok');
    io.stdout.write(`${r.path}: ${status}${warnings > 0 ? `, ${s.warn(plural(warnings, 'warning'))}` : ''}\n`);
  }
  const errors = reports.reduce((n, r) => n + count(r.diagnostics, 'error'), 0);
  if (reports.length > 1) {
    const failed = reports.filter((r) => count(r.diagnostics, 'error') > 0).length;
    io.stdout.write(
      errors === 0
        ? s.good(`all ${reports.length} files ok\n`)
        : s.bad(`${plural(failed, 'file')} of ${reports.length} with errors`) + '\n',
    );
  }
}

/** The `--format json` document: one entry per file, every diagnostic with lines and columns. */
export interface CheckJson {
  readonly ok: boolean;
  readonly files: readonly {
    readonly path: string;
    readonly ok: boolean;
    readonly errors: number;
    readonly warnings: number;
    readonly diagnostics: readonly DiagnosticJson[];
  }[];
}

function toJson(reports: readonly FileReport[]): CheckJson {
  const files = reports.map((r) => ({
    path: r.path,
    ok: count(r.diagnostics, 'error') === 0,
    errors: count(r.diagnostics, 'error'),
    warnings: count(r.diagnostics, 'warning'),
    diagnostics: r.diagnostics.map((d) => diagnosticToJson(d, r.text, r.path)),
  }));
  return { ok: files.every((f) => f.ok), files };
}

/** `phasegate check`, once its command line is parsed (see check.ts). */
export const run: CommandRun = async (args, options, io) => {
  const format = formatOf(options, ['text', 'json'], 'check');
  const paths = (args[0] as string[]).map(String);
  const reports: FileReport[] = [];
  for (const path of paths) reports.push(await checkFile(path, io));
  if (format === 'json') io.stdout.write(`${JSON.stringify(toJson(reports), null, 2)}\n`);
  else renderText(reports, io, stylesFor(io.stdout, io.env));
  return reports.some((r) => count(r.diagnostics, 'error') > 0) ? EXIT.failure : EXIT.ok;
};
