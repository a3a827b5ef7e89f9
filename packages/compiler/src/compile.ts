import { inSourceOrder, parse, type Diagnostic, type SourceFile } from '@phasegate/dsl';
import { checkReachability } from './check-reachability.js';
import { createContext } from './context.js';
import type { CampaignIR } from './ir.js';
import { lower } from './lower.js';
import { CHECK_PASSES, LOWERABLE_ERRORS } from './passes.js';
import { reachSpans, type ReachSpans } from './reach-spans.js';

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
  // Checking happens in its own call, so that nothing here holds the syntax tree while the
  // reachability pass builds its machines: the tree can be collected by then (see reach-spans.ts).
  return withReachability(checkSource(text, path, options.reachability !== false));
}

/**
 * Checks and lowers an already-parsed file (its parse diagnostics are the caller's), then checks
 * reachability. Without a campaign there is nothing to check and no diagnostic is added.
 */
export function compileFile(file: SourceFile, options: CompileOptions = {}): CompileResult {
  return withReachability(checkFile(file, options.reachability !== false));
}

/** What the checks found, and the lowered campaign when it could be lowered (errors or not). */
interface Checked {
  readonly diagnostics: readonly Diagnostic[];
  readonly lowered?: { readonly ir: CampaignIR; readonly spans?: ReachSpans };
}

function checkSource(text: string, path: string, withSpans: boolean): Checked {
  const parsed = parse(text, path);
  // After a syntax error the tree lacks the broken member, and checking it would only add
  // confusing follow-on errors (an "unknown" metric whose declaration did not parse).
  if (parsed.diagnostics.some((d) => d.severity === 'error' && d.code.startsWith('PG1')))
    return { diagnostics: parsed.diagnostics };
  const checked = checkFile(parsed.file, withSpans);
  // The parser already reports impossible dates (PG300); keep its report, not a second one.
  const parserDates = parsed.diagnostics.filter((d) => d.code === 'PG300');
  const own = checked.diagnostics.filter(
    (d) => d.code !== 'PG300' || !parserDates.some((p) => p.span.start < d.span.end && d.span.start < p.span.end),
  );
  return { diagnostics: [...parsed.diagnostics, ...own], lowered: checked.lowered };
}

function checkFile(file: SourceFile, withSpans: boolean): Checked {
  const campaign = file.campaign;
  if (!campaign) return { diagnostics: [] };
  const ctx = createContext(file, campaign);
  const diagnostics: Diagnostic[] = [];
  for (const pass of CHECK_PASSES) diagnostics.push(...pass.run(ctx));

  if (diagnostics.some((d) => d.severity === 'error' && !LOWERABLE_ERRORS.has(d.code))) return { diagnostics };
  const ir = lower(ctx);
  if (!ir) return { diagnostics };
  return { diagnostics, lowered: { ir, spans: withSpans ? reachSpans(ctx, ir) : undefined } };
}

/** Adds the reachability pass's findings (unless switched off) and puts everything in file order. */
function withReachability(checked: Checked): CompileResult {
  const { lowered } = checked;
  // Spans are collected only when reachability is on (`withSpans`), so they say whether to run it.
  const reach = lowered?.spans ? checkReachability(lowered.ir, lowered.spans) : [];
  const diagnostics = inSourceOrder([...checked.diagnostics, ...reach]);
  return lowered && !diagnostics.some((d) => d.severity === 'error')
    ? { ir: lowered.ir, diagnostics }
    : { diagnostics };
}
