export { parse, parseAmendment } from './parse.js';
export type { ParseResult, AmendmentResult } from './parse.js';
export { hasErrors } from './diagnostic.js';
export type { Diagnostic, DiagnosticCode, RelatedSpan, Severity } from './diagnostic.js';
export type * from './ast.js';
