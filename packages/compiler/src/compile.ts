import { inSourceOrder, parse, type Diagnostic, type SourceFile } from '@phasegate/dsl';
import { checkReachability } from './check-reachability.js';
import { createContext } from './context.js';
import type { CampaignIR } from './ir.js';
import { lower } from './lower.js';
import { CHECK_PASSES, LOWERABLE_ERRORS } from './passes.js';

export interface CompileResult {
  /** Present only when there is no error (warnings allowed). */
  readonly ir?: CampaignIR;
  /** Every problem found, in the order of the file (by where it starts; ties in pass order). */
  readonly diagnostics: Diagnostic[];
}

export interface CompileOptions {
  /** Skip the reachability pass (it builds XState machines; the rest of the pipeline does not). */
  readonly reachability?: boolean;
}

/**
 * The whole pipeline for a `.phase` text: parse → check passes → lower to IR v1 → build the unit
 * machine's positions and check that every one can be reached. Never throws; a user sees every
 * problem at once.
 *
 * @example
 * const { ir, diagnostics } = compileSource(text, 'first-batch.phase');
 * if (!ir) for (const d of diagnostics) console.error(renderDiagnostic(d, text, 'first-batch.phase'));
 */
export function compileSource(text: string, path: string, options: CompileOptions = {}): CompileResult {
  const parsed = parse(text, path);
  // After a syntax error the tree lacks the broken member, and checking it would only add
  // confusing follow-on errors (an "unknown" metric whose declaration did not parse).
  if (parsed.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('PG1'))) return { diagnostics: parsed.diagnostics };
  const result = compileFile(parsed.file, options);
  // The parser already reports impossible dates (PG300); keep its report, not a second one.
  const parserDates = parsed.diagnostics.filter((d) => d.code === 'PG300');
  const own = result.diagnostics.filter(
    (d) => d.code !== 'PG300' || !parserDates.some((p) => p.span.start < d.span.end && d.span.start < p.span.end),
  );
  const diagnostics = inSourceOrder([...parsed.diagnostics, ...own]);
  const failed = diagnostics.some((d) => d.severity === 'error');
  return failed || !result.ir ? { diagnostics } : { ir: result.ir, diagnostics };
}

/**
 * Checks and lowers an already-parsed file (its parse diagnostics are the caller's). Without a
 * campaign there is nothing to check and no diagnostic is added.
 */
export function compileFile(file: SourceFile, options: CompileOptions = {}): CompileResult {
  const campaign = file.campaign;
  if (!campaign) return { diagnostics: [] };
  const ctx = createContext(file, campaign);
  const diagnostics: Diagnostic[] = [];
  for (const pass of CHECK_PASSES) diagnostics.push(...pass.run(ctx));

  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.some((d) => !LOWERABLE_ERRORS.has(d.code))) return { diagnostics: inSourceOrder(diagnostics) };
  const ir = lower(ctx);
  if (!ir) return { diagnostics: inSourceOrder(diagnostics) };
  if (options.reachability !== false) diagnostics.push(...checkReachability({ ...ctx, ir }));
  const ordered = inSourceOrder(diagnostics);
  return ordered.some((d) => d.severity === 'error') ? { diagnostics: ordered } : { ir, diagnostics: ordered };
}
