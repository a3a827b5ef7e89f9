import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { compileSource } from '@phasegate/compiler';
import { diagnosticToJson, renderDiagnostic, type Diagnostic, type DiagnosticJson } from '@phasegate/dsl';
import type { CommandDescriptor } from '../command.js';
import { fileErrorReason } from '../input-file.js';
import { CliError, EXIT, type CliIO } from '../io.js';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface FileReport {
  readonly path: string;
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads and checks one file; an unreadable file becomes a PG900 diagnostic, not an exception. */
async function checkFile(path: string, io: CliIO): Promise<FileReport> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    const why = fileErrorReason(err);
    const diagnostic: Diagnostic = {
      code: 'PG900',
      severity: 'error',
      message: `cannot read ${path}: ${why}`,
      span: { start: 0, end: 0 },
      hint: 'give the path of a .phase file, relative to the current directory',
    };
    return { path, text: '', diagnostics: [diagnostic] };
  }
  return { path, text, diagnostics: compileSource(text, path).diagnostics };
}

function count(diagnostics: readonly Diagnostic[], severity: 'error' | 'warning'): number {
  return diagnostics.filter((d) => d.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function renderText(reports: readonly FileReport[], io: CliIO): void {
  for (const r of reports) {
    for (const d of r.diagnostics) {
      if (d.code === 'PG900') io.stdout.write(`${r.path}: error[PG900]: ${d.message}\nhelp: ${d.hint}\n\n`);
      else io.stdout.write(`${renderDiagnostic(d, r.text, r.path)}\n\n`);
    }
  }
  for (const r of reports) {
    const errors = count(r.diagnostics, 'error');
    const warnings = count(r.diagnostics, 'warning');
    const status = errors > 0 ? plural(errors, 'error') : 'ok';
    io.stdout.write(`${r.path}: ${status}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}\n`);
  }
  const errors = reports.reduce((n, r) => n + count(r.diagnostics, 'error'), 0);
  if (reports.length > 1) {
    const failed = reports.filter((r) => count(r.diagnostics, 'error') > 0).length;
    io.stdout.write(errors === 0 ? `all ${reports.length} files ok\n` : `${plural(failed, 'file')} of ${reports.length} with errors\n`);
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

/**
 * `phasegate check <files…> [--format text|json]`: parses and checks each file and prints every
 * problem (errors and warnings) with its code, place and how to fix it. Exit 0 when no file has
 * an error (warnings allowed), 1 otherwise (an unreadable file counts), 2 on a usage mistake.
 */
export const checkCommand: CommandDescriptor = {
  name: 'check',
  summary: 'Check .phase files and report every problem with its place and a fix',
  define(cmd) {
    cmd
      .argument('<files...>', 'the .phase files to check')
      .option('--format <format>', 'text (for people) or json (for tools)', 'text');
  },
  async run(args, options, io) {
    const format = String(options.format ?? 'text');
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new CliError(`--format ${format} is not a format check knows; use --format text or --format json.`, EXIT.usage);
    }
    const paths = (args[0] as string[]).map(String);
    const reports: FileReport[] = [];
    for (const path of paths) reports.push(await checkFile(path, io));
    if ((format as Format) === 'json') io.stdout.write(`${JSON.stringify(toJson(reports), null, 2)}\n`);
    else renderText(reports, io);
    return reports.some((r) => count(r.diagnostics, 'error') > 0) ? EXIT.failure : EXIT.ok;
  },
};
