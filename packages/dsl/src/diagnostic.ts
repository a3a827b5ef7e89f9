import { spanOf, type Span } from './ast.js';

/**
 * Every diagnostic code phasegate can report. Codes are stable: tools and tests match on them.
 * `PG1xx` syntax, `PG2xx` names, `PG3xx` dates and windows, `PG4xx` conditions and units,
 * `PG5xx` checkpoints and roles, `PG6xx` machine structure, `PG9xx` input outside a .phase file.
 */
export type DiagnosticCode =
  // syntax
  | 'PG100' // unexpected input
  | 'PG101' // unterminated string
  | 'PG102' // missing closing brace
  | 'PG103' // missing campaign
  | 'PG104' // invalid number
  | 'PG105' // not a text file
  // names
  | 'PG200' // unknown name (metric, role, task, deliverable, phase, step, document)
  | 'PG201' // duplicate name
  | 'PG202' // wrong kind of name (e.g. a member metric used as a unit metric)
  | 'PG203' // reserved name (a phase called `completed`)
  // dates and windows
  | 'PG300' // invalid date or time
  | 'PG301' // unknown time zone
  | 'PG302' // missing time zone
  | 'PG303' // window ends before it starts
  | 'PG304' // step window outside its phase window
  | 'PG305' // overlapping windows
  | 'PG306' // windows out of order
  | 'PG307' // missing window
  | 'PG308' // amendment shortens a window
  | 'PG309' // amendment targets nothing
  | 'PG310' // deadline outside its window (warning)
  // conditions and units
  | 'PG400' // unit does not match metric
  | 'PG401' // condition can never hold
  | 'PG402' // condition always holds (warning)
  // checkpoints and roles
  | 'PG500' // checkpoint without a signing role
  | 'PG501' // empty checkpoint or step
  // machine structure
  | 'PG600' // unreachable state
  | 'PG601' // phase without steps (warning)
  // outside a .phase file
  | 'PG900'; // cannot read file

export type Severity = 'error' | 'warning' | 'note';

export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

/**
 * One problem found in a source file. `message` says what is wrong and how to fix it, in words a
 * policy author understands. Spans are offsets; line and column are derived when printing.
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedSpan[];
  /** An optional concrete suggestion ("did you mean `study_hours`?"). */
  readonly hint?: string;
}

/**
 * `d` with its spans copied out of whatever they were given as. A syntax-tree node is its own
 * span, so a check may point a diagnostic at a node; what it keeps must be the offsets alone, or
 * the diagnostic would hold the tree (and `--format json` would print it).
 */
export function detachSpans(d: Diagnostic): Diagnostic {
  const span = spanOf(d.span);
  return d.related
    ? { ...d, span, related: d.related.map((r) => ({ span: spanOf(r.span), message: r.message })) }
    : { ...d, span };
}

/**
 * True when any diagnostic is an error (warnings do not stop compilation).
 *
 * @example
 * const { file, diagnostics } = parse(text, 'campaign.phase');
 * if (hasErrors(diagnostics)) process.exitCode = 1;
 */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * The diagnostics in the order an author reads the file: by where they start, then by where
 * they end; diagnostics at the same place keep the order the passes found them in.
 *
 * @example
 * for (const d of inSourceOrder(diagnostics)) console.error(renderDiagnostic(d, text, path));
 */
export function inSourceOrder(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  // Array.prototype.sort is stable: ties keep the passes' order.
  return [...diagnostics].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
