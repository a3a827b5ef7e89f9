import { compileSource, applyAmendment, type CampaignIR } from '@phasegate/compiler';
import { parseAmendment, type Diagnostic } from '@phasegate/dsl';

/** A campaign ready to simulate: its IR with any what-if amendments added. */
export interface PreparedCampaign {
  readonly file: string;
  readonly ir: CampaignIR;
  /** The `--amend` texts, as given. */
  readonly whatIf: readonly string[];
  /** Ids of the amendments they added to `ir.amendments`. */
  readonly whatIfIds: ReadonlySet<string>;
}

/** Why a campaign could not be prepared: diagnostics against the file or against one `--amend` text. */
export type PrepareFailure =
  | {
      readonly kind: 'campaign';
      readonly file: string;
      readonly text: string;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly kind: 'amend'; readonly text: string; readonly diagnostics: readonly Diagnostic[] };

/**
 * Compiles a campaign and applies what-if amendments in order. Returns the prepared campaign or
 * the diagnostics to show (never throws for user mistakes).
 *
 * @example
 * const r = prepareCampaign(text, 'first-batch.phase', ['phase study extend 5 days effective 2005-03-01']);
 * if ('ir' in r) r.ir.amendments.length; // 2
 */
export function prepareCampaign(
  text: string,
  file: string,
  amendments: readonly string[] = [],
): PreparedCampaign | PrepareFailure {
  const compiled = compileSource(text, file);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (!compiled.ir || errors.length > 0)
    return { kind: 'campaign', file, text, diagnostics: errors.length ? errors : compiled.diagnostics };
  let ir = compiled.ir;
  const whatIfIds = new Set<string>();
  for (const source of amendments) {
    const parsed = parseAmendment(source);
    const parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (!parsed.amendment || parseErrors.length > 0) return { kind: 'amend', text: source, diagnostics: parseErrors };
    const before = new Set(ir.amendments.map((a) => a.id));
    const applied = applyAmendment(ir, parsed.amendment);
    if (!applied.ir) return { kind: 'amend', text: source, diagnostics: applied.diagnostics };
    ir = applied.ir;
    for (const a of ir.amendments) if (!before.has(a.id)) whatIfIds.add(a.id);
  }
  return { file, ir, whatIf: amendments, whatIfIds };
}
