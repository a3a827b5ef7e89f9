import type { AmendmentNode, CampaignNode, SourceFile, Span } from './ast.js';
import { inSourceOrder, type Diagnostic } from './diagnostic.js';
import { explainFailure, foundAt } from './explain-failure.js';
import { scanTrivia, skipTrivia, wordAt } from './lexical.js';
import { CAMPAIGN_KEYWORDS } from './parse-block-loop.js';
import { grammar } from './parse-grammar.js';
import { indentOf } from './parse-recovery.js';
import { ParseContext } from './parse-context.js';
import { code, punct } from './parse-tokens.js';
import { merge, run } from './parser-combinators.js';
import { closest } from './suggest.js';

export interface ParseResult {
  readonly file: SourceFile;
  /** Syntax errors (PG1xx), in source order. */
  readonly diagnostics: Diagnostic[];
}

function reportUnterminated(ctx: ParseContext, unterminated: readonly Span[]): void {
  for (const span of unterminated) {
    ctx.report({
      code: 'PG101',
      severity: 'error',
      message: 'this label is never closed',
      span,
      hint: 'end it with `"` on the same line; write a quote inside a label as \\" and a backslash as \\\\',
    });
  }
}

/**
 * Parses the text of a `.phase` file into its syntax tree. Never throws: every problem becomes a
 * diagnostic, and parsing resumes after a broken member so that all problems are reported at
 * once. `file.campaign` is absent only when no campaign header could be read.
 *
 * @example
 * const { file, diagnostics } = parse(readFileSync('first-batch.phase', 'utf8'), 'first-batch.phase');
 * if (hasErrors(diagnostics)) {
 *   for (const d of diagnostics) console.error(renderDiagnostic(d, file.text, file.path));
 * } else {
 *   console.log(file.campaign?.id.name); // "first_batch"
 * }
 */
export function parse(text: string, path: string): ParseResult {
  return parseWith(text, path, true);
}

/**
 * `parse`, with or without the fused fast paths of the commonest members
 * (`parse-fast-members.ts`): without them the parser is combinators throughout, which the tests
 * compare the fused parser against. Internal (not exported from the package).
 */
export function parseWith(text: string, path: string, fusedPaths: boolean): ParseResult {
  const ctx = new ParseContext(text);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    // A NUL byte never occurs in text: this is a binary file (or UTF-16), and parsing it would
    // only bury the point under a screenful of noise.
    ctx.report({
      code: 'PG105',
      severity: 'error',
      message: 'this is not a text file (it holds NUL bytes); a .phase file is UTF-8 text',
      span: { start: nul, end: nul + 1 },
      hint: 'check the path; if the file was saved as UTF-16, save it again as UTF-8',
    });
    return { file: { path, text, campaign: undefined, comments: [] }, diagnostics: ctx.diagnostics };
  }
  const trivia = scanTrivia(text);
  reportUnterminated(ctx, trivia.unterminated);
  let campaign: CampaignNode | undefined;
  try {
    campaign = parseCampaign(ctx, text, fusedPaths);
  } catch (err) {
    // The grammar is written not to throw; if a bug makes it, the user still gets a diagnostic
    // instead of a crash, and the bug is named as one.
    ctx.report({
      code: 'PG100',
      severity: 'error',
      message: `the parser failed unexpectedly (${err instanceof Error ? err.message : String(err)}); this is a bug in phasegate`,
      span: { start: 0, end: 0 },
    });
  }
  return { file: { path, text, campaign, comments: trivia.comments }, diagnostics: inSourceOrder(ctx.diagnostics) };
}

function parseCampaign(ctx: ParseContext, text: string, fusedPaths: boolean): CampaignNode | undefined {
  const g = grammar(ctx, fusedPaths);
  const start = skipTrivia(text, 0);
  if (start >= text.length) {
    ctx.report({
      code: 'PG103',
      severity: 'error',
      message: 'this file holds no campaign',
      span: { start, end: start },
      hint: 'a .phase file holds one campaign: campaign my_campaign "My campaign" { … }',
    });
    return undefined;
  }
  const first = wordAt(text, start);
  if (first !== 'campaign') {
    const found = foundAt(text, start);
    if (first !== undefined && closest(first, ['campaign']).length > 0) {
      ctx.report({
        code: 'PG100',
        severity: 'error',
        message: `\`${first}\` is not a keyword here; did you mean \`campaign\`?`,
        span: found.span,
      });
    } else {
      ctx.report({
        code: 'PG103',
        severity: 'error',
        message: `expected \`campaign\` at the start of the file, found ${found.shown}`,
        span: found.span,
        hint: 'a .phase file holds one campaign: campaign my_campaign "My campaign" { … } — everything else goes inside its braces',
      });
      return undefined;
    }
  }
  const h = run(g.campaignHeader, text, start);
  const o = h.status ? merge(run(punct('{'), text, h.index), h) : h;
  let brace: Span;
  let from: number;
  if (h.status && o.status) {
    brace = { start: o.index - 1, end: o.index };
    from = o.index;
  } else if (h.status && (CAMPAIGN_KEYWORDS as readonly string[]).includes(wordAt(text, o.furthest) ?? '')) {
    // `campaign c` then members on the next lines: report the `{` and read on as if it were there.
    brace = { start: h.index, end: h.index };
    from = o.furthest;
    ctx.report({
      code: 'PG100',
      severity: 'error',
      message: `expected \`{\` to open campaign \`${h.value.id.name}\`, found \`${wordAt(text, o.furthest)}\``,
      span: brace,
      hint: 'add ` {` at the end of the campaign line',
    });
  } else {
    ctx.report(explainFailure(text, o.furthest, o.expected, 'in the campaign header'));
    return undefined;
  }
  const { id, label } = h.value;
  const body = g.campaignBody(text, from, { id, brace, indent: indentOf(text, start) });
  const after = skipTrivia(text, body.index);
  if (after < text.length) {
    const found = foundAt(text, after);
    const again = wordAt(text, after) === 'campaign';
    ctx.report({
      code: 'PG100',
      severity: 'error',
      message: again
        ? 'a file holds one campaign; this is a second one'
        : `unexpected ${found.shown} after the end of campaign \`${id.name}\``,
      span: found.span,
      hint: again
        ? 'put each campaign in its own .phase file'
        : 'everything in the file belongs inside the campaign’s braces; check for an extra `}` above',
    });
  }
  return { kind: 'campaign', id, label, start, end: body.end, members: body.members };
}

export interface AmendmentResult {
  /** Present when the text is an amendment, even if it had errors that were recovered. */
  readonly amendment?: AmendmentNode;
  readonly diagnostics: Diagnostic[];
}

/**
 * Parses one campaign-level amendment as given on the command line (`phasegate run --amend …`).
 * The leading `amend` is optional, and labels may also be written in single quotes so that the
 * whole amendment fits in one double-quoted shell argument. Spans are offsets into `text`.
 *
 * @example
 * const { amendment, diagnostics } = parseAmendment(
 *   "phase study extend 10 days effective 2005-02-21 reason '上级通知延长'",
 * );
 * amendment?.action; // { kind: 'extend-by', days: 10, start: 7, end: 21 }
 */
export function parseAmendment(text: string): AmendmentResult {
  const ctx = new ParseContext(text, { singleQuotes: true });
  try {
    const g = grammar(ctx);
    const r = run(g.commandLineAmendment, text, 0);
    if (!r.status) {
      ctx.report(explainFailure(text, r.furthest, r.expected, 'in the amendment'));
      return { diagnostics: inSourceOrder(ctx.diagnostics) };
    }
    const after = skipTrivia(text, r.index);
    if (after < text.length) {
      const expected = r.furthest === after ? r.expected : ['the end of the amendment'];
      ctx.report(explainFailure(text, after, expected.length ? expected : [code('reason')], 'in the amendment'));
    }
    return { amendment: r.value, diagnostics: inSourceOrder(ctx.diagnostics) };
  } catch (err) {
    ctx.report({
      code: 'PG100',
      severity: 'error',
      message: `the parser failed unexpectedly (${err instanceof Error ? err.message : String(err)}); this is a bug in phasegate`,
      span: { start: 0, end: 0 },
    });
    return { diagnostics: ctx.diagnostics };
  }
}
