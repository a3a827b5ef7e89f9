/**
 * The loop that parses the members of a `{ … }` block with recovery, and the header-plus-block
 * shape shared by campaign, phase, step, group and checkpoint. The loop dispatches on a member's
 * first word, so each member is attempted once (parsimmon does not memoise; nothing is retried),
 * and a failing member is reported and skipped without losing the rest of the block.
 */
import type P from 'parsimmon';
import type { Span } from './ast.js';
import { explainFailure, listOf } from './explain-failure.js';
import { skipTrivia, wordAt, wordEnd } from './lexical.js';
import type { ParseContext } from './parse-context.js';
import { indentOf, resumeAfter, startsLine } from './parse-recovery.js';
import { code, punct } from './parse-tokens.js';
import { LAST, fail, fastParser, mergeExpected, ok, runFast } from './parser-combinators.js';
import { closest } from './suggest.js';

// ─── Which keyword may start a member where ───────────────────────────────────────────────────

export const CAMPAIGN_KEYWORDS = ['timezone', 'role', 'metric', 'document', 'phase', 'obligation', 'amend'] as const;
export const PHASE_KEYWORDS = ['window', 'amend', 'step', 'gate', 'checkpoint', 'when'] as const;
export const STEP_KEYWORDS = ['task', 'deliverable', 'any', 'all', 'amend'] as const;
export const GROUP_KEYWORDS = ['task', 'deliverable', 'any', 'all'] as const;
export const CHECKPOINT_KEYWORDS = ['item'] as const;

/** Every word that can start a member anywhere (recovery stops at these). */
export const MEMBER_KEYWORDS: ReadonlySet<string> = new Set<string>([
  'campaign',
  ...CAMPAIGN_KEYWORDS,
  ...PHASE_KEYWORDS,
  ...STEP_KEYWORDS,
  ...CHECKPOINT_KEYWORDS,
]);

/** A failure already reported (nesting too deep): no expectations, so no second message. */
const NO_EXPECTATIONS: string[] = [];

/** Where each keyword belongs, for "`gate` belongs in a phase". */
const HOME: Record<string, string> = {
  timezone: 'the campaign',
  role: 'the campaign',
  metric: 'the campaign',
  document: 'the campaign',
  phase: 'the campaign',
  obligation: 'the campaign',
  window: 'a phase',
  step: 'a phase',
  gate: 'a phase',
  checkpoint: 'a phase',
  when: 'a phase',
  task: 'a step',
  deliverable: 'a step',
  any: 'a step',
  all: 'a step',
  item: 'a checkpoint',
  amend: 'the campaign, a phase or a step',
};

export interface BlockSpec<M> {
  /** `phase`, `step`, … (for messages: "the phase must be closed"). */
  readonly noun: string;
  /** The keyword that starts each member and its parser, matched in place against the text. */
  readonly members: readonly (readonly [string, P.Parser<M>])[];
  /** The keywords alone, for messages ("expected `task`, `deliverable` …"). */
  readonly words: readonly string[];
  /** Keywords of enclosing blocks that are not members here: seeing one means a missing `}`. */
  readonly outer: ReadonlySet<string>;
}

/** A block's members: the keyword that starts each and its parser. */
export function blockSpec<M>(
  noun: string,
  members: readonly (readonly [string, P.Parser<M>])[],
  outer: ReadonlySet<string>,
): BlockSpec<M> {
  return { noun, members, words: members.map(([word]) => word), outer };
}

/**
 * The block being parsed, for messages. Its title ("phase `study`") is made only when a message
 * needs it, from the header it was parsed with: blocks are many, messages few.
 */
export interface Owner<H = unknown> {
  readonly header: H;
  readonly title: (header: H) => string;
  readonly brace: Span;
  readonly indent: number;
}

function titleOf<H>(owner: Owner<H>): string {
  return owner.title(owner.header);
}

export interface BlockResult<M> {
  readonly members: M[];
  /** Where parsing resumes. */
  readonly index: number;
  /** End of the block's span: after `}`, or after the last member when `}` is missing. */
  readonly end: number;
}

export function outerOf(own: readonly string[], ...enclosing: (readonly string[])[]): ReadonlySet<string> {
  const mine = new Set(own);
  return new Set(enclosing.flat().filter((k) => !mine.has(k)));
}

export function missingBrace<H>(ctx: ParseContext, owner: Owner<H>, noun: string, at: Span, word: string | undefined) {
  const title = titleOf(owner);
  ctx.report({
    code: 'PG102',
    severity: 'error',
    message: `missing \`}\` to close ${title}`,
    span: owner.brace,
    related: [
      {
        span: at,
        message:
          word === undefined
            ? 'the file ends here'
            : `\`${word}\` cannot appear inside a ${noun}, so the ${noun} must be closed before it`,
      },
    ],
    hint: word === undefined ? `add \`}\` at the end of ${title}` : `add \`}\` on its own line before this \`${word}\``,
  });
}

/**
 * The parser of the member whose keyword starts exactly at `j`, or undefined. The keyword is
 * compared in place: cutting it out of the text would allocate a string for every member.
 */
function memberAt<M>(input: string, j: number, spec: BlockSpec<M>): P.Parser<M> | undefined {
  const end = wordEnd(input, j);
  if (end < 0) return undefined;
  const members = spec.members;
  for (let k = 0; k < members.length; k++) {
    const word = members[k][0];
    if (word.length === end - j && input.startsWith(word, j)) return members[k][1];
  }
  return undefined;
}

/** Reports a word that cannot start a member of this block (with a guess at what was meant). */
function reportUnexpected<M, H>(
  ctx: ParseContext,
  input: string,
  at: number,
  w: string | undefined,
  spec: BlockSpec<M>,
  owner: Owner<H>,
): void {
  const here = spec.words;
  const where = `in ${titleOf(owner)}`;
  const elsewhere = w !== undefined && closest(w, here).length === 0 ? closest(w, Object.keys(HOME))[0] : undefined;
  ctx.report(
    elsewhere !== undefined
      ? {
          code: 'PG100',
          severity: 'error',
          message: `\`${w}\` is not a keyword; did you mean \`${elsewhere}\`? It belongs in ${HOME[elsewhere]}, not in ${titleOf(owner)}`,
          span: { start: at, end: at + (w?.length ?? 1) },
          hint: `${where}, expected ${listOf(here.map(code))}`,
        }
      : explainFailure(input, at, here.map(code), where),
  );
}

/** Parses members from `from` up to the closing `}`, reporting and skipping broken ones. */
export function runBlock<M, H>(
  ctx: ParseContext,
  input: string,
  from: number,
  spec: BlockSpec<M>,
  owner: Owner<H>,
): BlockResult<M> {
  const members: M[] = [];
  let i = from;
  let lastEnd = owner.brace.end;
  // The member parser found at `i` while looking past the previous member (`i` is then already
  // past any trivia), so neither the blanks nor the keyword are read twice.
  let ahead: P.Parser<M> | undefined;
  for (;;) {
    const j = ahead ? i : skipTrivia(input, i);
    if (j >= input.length) {
      missingBrace(ctx, owner, spec.noun, { start: j, end: j }, undefined);
      return { members, index: j, end: lastEnd };
    }
    if (input.charCodeAt(j) === 125 /* } */) return { members, index: j + 1, end: j + 1 };
    const p = ahead ?? memberAt(input, j, spec);
    ahead = undefined;
    if (p) {
      const index = runFast(p, input, j);
      // What the member's parse left (read now: the next parser run overwrites it).
      const { value, furthest, expected: lastExpected } = LAST;
      if (index < 0) {
        // No expectations: the failure was already reported (nesting too deep).
        if (lastExpected.length > 0) ctx.report(explainFailure(input, furthest, lastExpected, `in ${titleOf(owner)}`));
        i = resumeAfter(input, j, furthest, MEMBER_KEYWORDS);
        continue;
      }
      members.push(value as M);
      i = lastEnd = index;
      // The member parsed, but if what follows cannot start a member, an optional tail of it
      // (`can …`, `requires …`, a unit) was probably meant and broken: report that failure,
      // which says more than "unexpected `requires`".
      const next = skipTrivia(input, index);
      if (next >= input.length || input.charCodeAt(next) === 125) {
        i = next;
        continue;
      }
      ahead = memberAt(input, next, spec);
      if (ahead) {
        i = next;
        continue;
      }
      const nextWord = wordAt(input, next);
      if (nextWord !== undefined && spec.outer.has(nextWord)) continue;
      const at = Math.max(furthest, next);
      const expected = furthest === next ? [...lastExpected, ...spec.words.map(code)] : lastExpected;
      if (furthest < next || expected.length === 0) {
        reportUnexpected(ctx, input, next, nextWord, spec, owner);
      } else {
        ctx.report(explainFailure(input, at, expected, `in ${titleOf(owner)}`));
      }
      i = resumeAfter(input, j, at, MEMBER_KEYWORDS);
      continue;
    }
    const w = wordAt(input, j);
    const wordSpan = { start: j, end: j + (w?.length ?? 1) };
    if (w !== undefined && spec.outer.has(w)) {
      if (startsLine(input, j) && indentOf(input, j) <= owner.indent) {
        missingBrace(ctx, owner, spec.noun, wordSpan, w);
        return { members, index: j, end: lastEnd };
      }
      ctx.report({
        code: 'PG100',
        severity: 'error',
        message: `\`${w}\` cannot appear inside a ${spec.noun}; it belongs in ${HOME[w]}`,
        span: wordSpan,
        hint: `move it out of ${titleOf(owner)}, or check for a missing \`}\` above`,
      });
    } else {
      reportUnexpected(ctx, input, j, w, spec, owner);
    }
    i = resumeAfter(input, j, j, MEMBER_KEYWORDS);
  }
}

/**
 * A member made of a header and a block: `phase study "…" { … }`. When the `{` is missing but
 * the next line starts with a member of the block, the `{` is reported and assumed, so the
 * block's members are still parsed (and the block's `}` does not close the enclosing block).
 */
export function blockMember<H, M, N>(
  ctx: ParseContext,
  header: P.Parser<H>,
  spec: () => BlockSpec<M>,
  title: (h: H) => string,
  build: (h: H, members: M[], start: number, end: number) => N,
): P.Parser<N> {
  const open = punct('{');
  // A fast path (see parser-combinators.ts): a block member is parsed for every step, group,
  // phase and checkpoint, and replies would be three objects each. `LAST` is read right after
  // each call, as the fast-path rule says.
  return fastParser((input, i) => {
    const hEnd = runFast(header, input, i);
    if (hEnd < 0) return -1;
    const hValue = LAST.value as H;
    const start = skipTrivia(input, i);
    const s = spec();
    // The `{`'s failure merged with the header's, as a sequence merges its children's.
    const hFurthest = LAST.furthest;
    const hExpected = LAST.expected;
    const oEnd = runFast(open, input, hEnd);
    const expected = mergeExpected(hFurthest, hExpected);
    const furthest = Math.max(hFurthest, LAST.furthest);
    let brace: Span;
    let from: number;
    if (oEnd >= 0) {
      brace = { start: oEnd - 1, end: oEnd };
      from = oEnd;
    } else {
      const j = furthest;
      const w = wordAt(input, j);
      if (w === undefined || !memberAt(input, j, s) || !startsLine(input, j)) return fail(furthest, expected);
      brace = { start: hEnd, end: hEnd };
      ctx.report({
        code: 'PG100',
        severity: 'error',
        message: `expected \`{\` to open ${title(hValue)}, found \`${w}\``,
        span: brace,
        hint: `add \` {\` at the end of this line`,
      });
      from = j;
    }
    if (!ctx.enter(brace.start, 'blocks')) return fail(brace.start, NO_EXPECTATIONS);
    try {
      const owner: Owner<H> = { header: hValue, title, brace, indent: indentOf(input, start) };
      const b = runBlock(ctx, input, from, s, owner);
      return ok(b.index, build(hValue, b.members, start, b.end));
    } finally {
      ctx.leave();
    }
  });
}
