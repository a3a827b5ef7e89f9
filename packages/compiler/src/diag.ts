import { detachSpans, type Diagnostic, type DiagnosticCode, type RelatedSpan, type Span } from '@phasegate/dsl';

/**
 * Builds an error diagnostic; `extra` adds related spans and a hint. A span may be given as the
 * syntax-tree node itself: the diagnostic keeps only its offsets.
 */
export function error(
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra: { related?: readonly RelatedSpan[]; hint?: string } = {},
): Diagnostic {
  return detachSpans({ code, severity: 'error', message, span, ...clean(extra) });
}

/** Builds a warning diagnostic: reported, but compilation goes on. */
export function warning(
  code: DiagnosticCode,
  span: Span,
  message: string,
  extra: { related?: readonly RelatedSpan[]; hint?: string } = {},
): Diagnostic {
  return detachSpans({ code, severity: 'warning', message, span, ...clean(extra) });
}

function clean(extra: { related?: readonly RelatedSpan[]; hint?: string }) {
  const out: { related?: readonly RelatedSpan[]; hint?: string } = {};
  if (extra.related && extra.related.length > 0) out.related = extra.related;
  if (extra.hint) out.hint = extra.hint;
  return out;
}
