/**
 * The `{ … }` blocks (campaign, phase, step, `any of`/`all of`, checkpoint, gate) and the loop
 * that parses their members with recovery. The loop dispatches on the member's first word, so a
 * member is attempted once (parsimmon does not memoise: no alternatives are retried per member),
 * and a failing member is reported and skipped without losing the rest of the block.
 */
import P from 'parsimmon';
import type {
  AmendmentNode,
  CampaignMember,
  CheckpointItemNode,
  CheckpointNode,
  GateNode,
  GroupNode,
  Identifier,
  Label,
  PhaseMember,
  PhaseNode,
  RequirementNode,
  Span,
  StepMember,
  StepNode,
  WindowNode,
} from './ast.js';
import { explainFailure, listOf } from './explain-failure.js';
import { closest } from './suggest.js';
import { skipTrivia, wordAt } from './lexical.js';
import { conditionParser } from './parse-condition.js';
import { memberParsers } from './parse-members.js';
import { indentOf, resumeAfter, startsLine } from './parse-recovery.js';
import {
  code,
  ident,
  kw,
  kwOneOf,
  label,
  merge,
  opt,
  parser,
  punct,
  run,
  success,
  type ParseContext,
  type Reply,
  alt,
  seq,
  seqMap,
} from './parser-kit.js';

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

interface BlockSpec<M> {
  /** `phase`, `step`, … (for messages: "the phase must be closed"). */
  readonly noun: string;
  readonly parsers: ReadonlyMap<string, P.Parser<M>>;
  /** Keywords of enclosing blocks that are not members here: seeing one means a missing `}`. */
  readonly outer: ReadonlySet<string>;
}

interface Owner {
  /** "phase `study`" */
  readonly title: string;
  readonly brace: Span;
  readonly indent: number;
}

interface BlockResult<M> {
  readonly members: M[];
  /** Where parsing resumes. */
  readonly index: number;
  /** End of the block's span: after `}`, or after the last member when `}` is missing. */
  readonly end: number;
}

function outerOf(own: readonly string[], ...enclosing: (readonly string[])[]): ReadonlySet<string> {
  const mine = new Set(own);
  return new Set(enclosing.flat().filter((k) => !mine.has(k)));
}

function missingBrace(ctx: ParseContext, owner: Owner, noun: string, at: Span, word: string | undefined) {
  ctx.report({
    code: 'PG102',
    severity: 'error',
    message: `missing \`}\` to close ${owner.title}`,
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
    hint: word === undefined ? `add \`}\` at the end of ${owner.title}` : `add \`}\` on its own line before this \`${word}\``,
  });
}

/** Parses members from `from` up to the closing `}`, reporting and skipping broken ones. */
function runBlock<M>(ctx: ParseContext, input: string, from: number, spec: BlockSpec<M>, owner: Owner): BlockResult<M> {
  const members: M[] = [];
  let i = from;
  let lastEnd = owner.brace.end;
  const where = `in ${owner.title}`;
  const here = [...spec.parsers.keys()];
  const reportUnexpected = (at: number, w: string | undefined): void => {
    const elsewhere = w !== undefined && closest(w, here) === undefined ? closest(w, Object.keys(HOME)) : undefined;
    ctx.report(
      elsewhere !== undefined
        ? {
            code: 'PG100',
            severity: 'error',
            message: `\`${w}\` is not a keyword; did you mean \`${elsewhere}\`? It belongs in ${HOME[elsewhere]}, not in ${owner.title}`,
            span: { start: at, end: at + (w?.length ?? 1) },
            hint: `${where}, expected ${listOf(here.map(code))}`,
          }
        : explainFailure(input, at, here.map(code), where),
    );
  };
  for (;;) {
    const j = skipTrivia(input, i);
    if (j >= input.length) {
      missingBrace(ctx, owner, spec.noun, { start: j, end: j }, undefined);
      return { members, index: j, end: lastEnd };
    }
    if (input.charCodeAt(j) === 125 /* } */) return { members, index: j + 1, end: j + 1 };
    const w = wordAt(input, j);
    const p = w === undefined ? undefined : spec.parsers.get(w);
    if (p) {
      const r = run(p, input, j);
      if (!r.status) {
        // No expectations: the failure was already reported (nesting too deep).
        if (r.expected.length > 0) ctx.report(explainFailure(input, r.furthest, r.expected, where));
        i = resumeAfter(input, j, r.furthest, MEMBER_KEYWORDS);
        continue;
      }
      members.push(r.value);
      i = lastEnd = r.index;
      // The member parsed, but if what follows cannot start a member, an optional tail of it
      // (`can …`, `requires …`, a unit) was probably meant and broken: report that failure,
      // which says more than "unexpected `requires`".
      const next = skipTrivia(input, r.index);
      if (next >= input.length || input.charCodeAt(next) === 125) continue;
      const nextWord = wordAt(input, next);
      if (nextWord !== undefined && (spec.parsers.has(nextWord) || spec.outer.has(nextWord))) continue;
      const at = Math.max(r.furthest, next);
      const expected = r.furthest === next ? [...r.expected, ...[...spec.parsers.keys()].map(code)] : r.expected;
      if (r.furthest < next || expected.length === 0) {
        reportUnexpected(next, nextWord);
      } else {
        ctx.report(explainFailure(input, at, expected, where));
      }
      i = resumeAfter(input, j, at, MEMBER_KEYWORDS);
      continue;
    }
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
        hint: `move it out of ${owner.title}, or check for a missing \`}\` above`,
      });
    } else {
      reportUnexpected(j, w);
    }
    i = resumeAfter(input, j, j, MEMBER_KEYWORDS);
  }
}

/**
 * A member made of a header and a block: `phase study "…" { … }`. When the `{` is missing but
 * the next line starts with a member of the block, the `{` is reported and assumed, so the
 * block's members are still parsed (and the block's `}` does not close the enclosing block).
 */
function blockMember<H, M, N>(
  ctx: ParseContext,
  header: P.Parser<H>,
  spec: () => BlockSpec<M>,
  title: (h: H) => string,
  build: (h: H, members: M[], span: Span) => N,
): P.Parser<N> {
  const open = punct('{');
  return parser((input, i) => {
    const h = run(header, input, i);
    if (!h.status) return h as unknown as Reply<N>;
    const start = skipTrivia(input, i);
    const s = spec();
    const o = merge(run(open, input, h.index), h);
    let brace: Span;
    let from: number;
    if (o.status) {
      brace = { start: o.index - 1, end: o.index };
      from = o.index;
    } else {
      const j = o.furthest;
      const w = wordAt(input, j);
      if (w === undefined || !s.parsers.has(w) || !startsLine(input, j)) return o as unknown as Reply<N>;
      brace = { start: h.index, end: h.index };
      ctx.report({
        code: 'PG100',
        severity: 'error',
        message: `expected \`{\` to open ${title(h.value)}, found \`${w}\``,
        span: brace,
        hint: `add \` {\` at the end of this line`,
      });
      from = j;
    }
    const owner: Owner = { title: title(h.value), brace, indent: indentOf(input, start) };
    const body = parser((input2, at) => success(0, runBlock(ctx, input2, at, s, owner)));
    const b = ctx.nested(body, input, from, brace.start, 'blocks');
    if (!b.status) return b as unknown as Reply<N>;
    return success(b.value.index, build(h.value, b.value.members, { start, end: b.value.end }));
  });
}

export interface Grammar {
  readonly campaignHeader: P.Parser<{ keyword: Identifier; id: Identifier; label?: Label }>;
  /** Parses a campaign's block after its header: `from` is just after the `{`. */
  campaignBody(input: string, from: number, owner: { id: Identifier; brace: Span; indent: number }): BlockResult<CampaignMember>;
  /** `[amend] phase P [step S] … effective … [reason …]` as written on the command line. */
  readonly commandLineAmendment: P.Parser<AmendmentNode>;
}

export function grammar(ctx: ParseContext): Grammar {
  const m = memberParsers(ctx);
  const condition = conditionParser(ctx);
  const lbl = opt(label(ctx));
  const named = (noun: string, id: Identifier): string => `${noun} \`${id.name}\``;

  const localAmend = m.amend.map((a): AmendmentNode => {
    if (!a.target) return a;
    ctx.report({
      code: 'PG100',
      severity: 'error',
      message: 'an `amend` inside a phase or step changes that window; it does not name a target',
      span: a.target.span,
      hint: `remove \`${ctx.text.slice(a.target.span.start, a.target.span.end)}\`, or move the amendment to campaign level`,
    });
    const { target: _dropped, ...rest } = a;
    return rest;
  });

  const campaignAmend = m.amend.map((a): AmendmentNode => {
    if (a.target) return a;
    ctx.report({
      code: 'PG100',
      severity: 'error',
      message: 'an `amend` at campaign level must say which window it changes',
      span: { start: a.span.start, end: a.span.start + 'amend'.length },
      hint: 'write `amend phase <phase> …` or `amend phase <phase> step <step> …`, or move it inside the phase',
    });
    return a;
  });

  // ── gate: a block holding one condition ──
  const gateHeader = seq(kw('gate'), ident('a gate name'), lbl, punct('{'));
  const close = punct('}');
  const gateEnders = new Set<string>([...CAMPAIGN_KEYWORDS, ...PHASE_KEYWORDS]);
  const gate = parser<GateNode>((input, i) => {
    const h = run(gateHeader, input, i);
    if (!h.status) return h as unknown as Reply<GateNode>;
    const [k, id, l, brace] = h.value;
    const c = merge(run(condition, input, h.index), h);
    if (!c.status) return c as unknown as Reply<GateNode>;
    const node = (end: number): GateNode => ({ kind: 'gate', id, label: l, condition: c.value, span: { start: k.start, end } });
    const e = merge(run(close, input, c.index), c);
    if (e.status) return merge(success(e.index, node(e.index)), e);
    const j = skipTrivia(input, c.index);
    const w = wordAt(input, j);
    if (j >= input.length || (w !== undefined && gateEnders.has(w) && startsLine(input, j) && indentOf(input, j) <= indentOf(input, k.start))) {
      const owner = { title: named('gate', id), brace, indent: 0 };
      missingBrace(ctx, owner, 'gate', { start: j, end: j + (w?.length ?? 0) }, w);
      return success(c.index, node(c.index));
    }
    return e as unknown as Reply<GateNode>;
  });

  // ── checkpoint ──
  const item = seqMap(
    kw('item'),
    ident('an item name'),
    lbl,
    opt(seq(kw('requires'), condition)),
    (k, id, l, req): CheckpointItemNode => ({
      kind: 'item',
      id,
      label: l,
      requires: req?.[1],
      span: { start: k.start, end: (req?.[1] ?? l ?? id).span.end },
    }),
  );
  const checkpointSpec: BlockSpec<CheckpointItemNode> = {
    noun: 'checkpoint',
    parsers: new Map([['item', item]]),
    outer: outerOf(CHECKPOINT_KEYWORDS, PHASE_KEYWORDS, CAMPAIGN_KEYWORDS),
  };
  const checkpoint = blockMember(
    ctx,
    seq(kw('checkpoint'), ident('a checkpoint name'), lbl, opt(seq(kw('signed'), kw('by'), ident('a role name')))),
    () => checkpointSpec,
    ([, id]) => named('checkpoint', id),
    ([, id, l, signed], items, span): CheckpointNode => ({ kind: 'checkpoint', id, label: l, signer: signed?.[2], items, span }),
  );

  // ── requirements: task, deliverable, any of / all of ──
  const groupHeader = seq(kwOneOf(['any', 'all'] as const), kw('of'), lbl);
  // eslint-disable-next-line prefer-const
  let groupSpec: BlockSpec<RequirementNode>;
  const group: P.Parser<GroupNode> = blockMember(
    ctx,
    groupHeader,
    () => groupSpec,
    ([mode]) => `\`${mode.word} of\` group`,
    ([mode, of, l], items, span): GroupNode => ({
      kind: 'group',
      mode: mode.word,
      label: l,
      items,
      span,
      keywordSpan: { start: mode.span.start, end: of.end },
    }),
  );
  groupSpec = {
    noun: 'group',
    parsers: new Map<string, P.Parser<RequirementNode>>([
      ['task', m.task],
      ['deliverable', m.deliverable],
      ['any', group],
      ['all', group],
    ]),
    outer: outerOf(GROUP_KEYWORDS, STEP_KEYWORDS, PHASE_KEYWORDS, CAMPAIGN_KEYWORDS),
  };

  // ── step ──
  const stepSpec: BlockSpec<StepMember> = {
    noun: 'step',
    parsers: new Map<string, P.Parser<StepMember>>([
      ['task', m.task],
      ['deliverable', m.deliverable],
      ['any', group],
      ['all', group],
      ['amend', localAmend],
    ]),
    outer: outerOf(STEP_KEYWORDS, PHASE_KEYWORDS, CAMPAIGN_KEYWORDS),
  };
  const step = blockMember(
    ctx,
    seq(kw('step'), ident('a step name'), lbl, opt(m.window)),
    () => stepSpec,
    ([, id]) => named('step', id),
    ([, id, l, w], members, span): StepNode => ({ kind: 'step', id, label: l, window: w as WindowNode | undefined, span, members }),
  );

  // ── phase ──
  const phaseSpec: BlockSpec<PhaseMember> = {
    noun: 'phase',
    parsers: new Map<string, P.Parser<PhaseMember>>([
      ['window', m.window],
      ['amend', localAmend],
      ['step', step],
      ['gate', gate],
      ['checkpoint', checkpoint],
      ['when', m.latePolicy],
    ]),
    outer: outerOf(PHASE_KEYWORDS, CAMPAIGN_KEYWORDS),
  };
  const phase = blockMember(
    ctx,
    seq(kw('phase'), ident('a phase name'), lbl),
    () => phaseSpec,
    ([, id]) => named('phase', id),
    ([, id, l], members, span): PhaseNode => ({ kind: 'phase', id, label: l, span, members }),
  );

  // ── campaign ──
  const campaignSpec: BlockSpec<CampaignMember> = {
    noun: 'campaign',
    parsers: new Map<string, P.Parser<CampaignMember>>([
      ['timezone', m.timezone],
      ['role', m.role],
      ['metric', m.metric],
      ['document', m.document],
      ['phase', phase],
      ['obligation', m.obligation],
      ['amend', campaignAmend],
    ]),
    outer: new Set(['campaign']),
  };
  const campaignHeader = seqMap(ident('`campaign`'), ident('a campaign name'), lbl, (keyword, id, l) => ({ keyword, id, label: l }));

  const amendRest = m.amendRest;
  const commandLineAmendment = seqMap(opt(kw('amend')), amendRest, (k, a): AmendmentNode => {
    const node = k ? { ...a, span: { start: k.start, end: a.span.end } } : a;
    if (!node.target) {
      ctx.report({
        code: 'PG100',
        severity: 'error',
        message: 'the amendment must say which window it changes',
        span: k ? k : node.action.span,
        hint: 'start with `phase <phase>` or `phase <phase> step <step>`, e.g. `phase study extend 10 days effective 2005-02-21`',
      });
    }
    return node;
  });

  return {
    campaignHeader,
    campaignBody: (input, from, owner) =>
      runBlock(ctx, input, from, campaignSpec, { title: named('campaign', owner.id), brace: owner.brace, indent: owner.indent }),
    commandLineAmendment,
  };
}

