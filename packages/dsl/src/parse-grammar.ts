/**
 * The grammar of the blocks: which members each block holds, gates (a block around one
 * condition), and the campaign and command-line amendment entry points.
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
} from './ast.js';
import { skipTrivia, wordAt } from './lexical.js';
import {
  CAMPAIGN_KEYWORDS,
  CHECKPOINT_KEYWORDS,
  GROUP_KEYWORDS,
  PHASE_KEYWORDS,
  STEP_KEYWORDS,
  blockMember,
  blockSpec,
  missingBrace,
  outerOf,
  runBlock,
  type BlockResult,
  type BlockSpec,
} from './parse-block-loop.js';
import type { ParseContext } from './parse-context.js';
import { conditionParser } from './parse-condition.js';
import { fastGroupHeader, fastStepHeader, fusedIf, type StepHeader } from './parse-fast-members.js';
import { memberParsers } from './parse-members.js';
import { indentOf, startsLine } from './parse-recovery.js';
import { ident, kw, kwOneOf, label, punct } from './parse-tokens.js';
import { map, merge, opt, parser, run, success, type Reply, seq, seqMap } from './parser-combinators.js';

export interface Grammar {
  readonly campaignHeader: P.Parser<{ keyword: Identifier; id: Identifier; label?: Label }>;
  /** Parses a campaign's block after its header: `from` is just after the `{`. */
  campaignBody(
    input: string,
    from: number,
    owner: { id: Identifier; brace: Span; indent: number },
  ): BlockResult<CampaignMember>;
  /** `[amend] phase P [step S] … effective … [reason …]` as written on the command line. */
  readonly commandLineAmendment: P.Parser<AmendmentNode>;
}

/**
 * The grammar for one parse. `fusedPaths` (the default) uses the fused fast paths of
 * `parse-fast-members.ts`; without it everything is combinators, which they are tested against.
 */
export function grammar(ctx: ParseContext, fusedPaths = true): Grammar {
  const m = memberParsers(ctx, fusedPaths);
  const condition = conditionParser(ctx);
  const lbl = opt(label(ctx));
  const named = (noun: string, id: Identifier): string => `${noun} \`${id.name}\``;

  const localAmend = map(m.amend, (a): AmendmentNode => {
    if (!a.target) return a;
    ctx.report({
      code: 'PG100',
      severity: 'error',
      message: 'an `amend` inside a phase or step changes that window; it does not name a target',
      span: a.target,
      hint: `remove \`${ctx.text.slice(a.target.start, a.target.end)}\`, or move the amendment to campaign level`,
    });
    const { target: _dropped, ...rest } = a;
    return rest;
  });

  const campaignAmend = map(m.amend, (a): AmendmentNode => {
    if (a.target) return a;
    ctx.report({
      code: 'PG100',
      severity: 'error',
      message: 'an `amend` at campaign level must say which window it changes',
      span: { start: a.start, end: a.start + 'amend'.length },
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
    const node = (end: number): GateNode => ({ kind: 'gate', id, label: l, condition: c.value, start: k.start, end });
    const e = merge(run(close, input, c.index), c);
    if (e.status) return merge(success(e.index, node(e.index)), e);
    const j = skipTrivia(input, c.index);
    const w = wordAt(input, j);
    if (
      j >= input.length ||
      (w !== undefined && gateEnders.has(w) && startsLine(input, j) && indentOf(input, j) <= indentOf(input, k.start))
    ) {
      const owner = { header: id, title: (g: Identifier) => named('gate', g), brace, indent: 0 };
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
      start: k.start,
      end: (req?.[1] ?? l ?? id).end,
    }),
  );
  const checkpointSpec = blockSpec<CheckpointItemNode>(
    'checkpoint',
    [['item', item]],
    outerOf(CHECKPOINT_KEYWORDS, PHASE_KEYWORDS, CAMPAIGN_KEYWORDS),
  );
  const checkpoint = blockMember(
    ctx,
    seq(kw('checkpoint'), ident('a checkpoint name'), lbl, opt(seq(kw('signed'), kw('by'), ident('a role name')))),
    () => checkpointSpec,
    ([, id]) => named('checkpoint', id),
    ([, id, l, signed], items, start, end): CheckpointNode => ({
      kind: 'checkpoint',
      id,
      label: l,
      signer: signed?.[2],
      items,
      start,
      end,
    }),
  );

  // ── requirements: task, deliverable, any of / all of ──
  const groupHeader = fusedIf(
    fusedPaths,
    (slow) => fastGroupHeader(ctx, slow),
    seq(kwOneOf(['any', 'all'] as const), kw('of'), lbl),
  );
  // eslint-disable-next-line prefer-const
  let groupSpec: BlockSpec<RequirementNode>;
  const group: P.Parser<GroupNode> = blockMember(
    ctx,
    groupHeader,
    () => groupSpec,
    ([mode]) => `\`${mode.word} of\` group`,
    ([mode, of, l], items, start, end): GroupNode => ({
      kind: 'group',
      mode: mode.word,
      label: l,
      items,
      start,
      end,
      keywordSpan: { start: mode.start, end: of.end },
    }),
  );
  groupSpec = blockSpec<RequirementNode>(
    'group',
    [
      ['task', m.task],
      ['deliverable', m.deliverable],
      ['any', group],
      ['all', group],
    ],
    outerOf(GROUP_KEYWORDS, STEP_KEYWORDS, PHASE_KEYWORDS, CAMPAIGN_KEYWORDS),
  );

  // ── step ──
  const stepSpec = blockSpec<StepMember>(
    'step',
    [
      ['task', m.task],
      ['deliverable', m.deliverable],
      ['any', group],
      ['all', group],
      ['amend', localAmend],
    ],
    outerOf(STEP_KEYWORDS, PHASE_KEYWORDS, CAMPAIGN_KEYWORDS),
  );
  const step = blockMember(
    ctx,
    fusedIf(
      fusedPaths,
      (slow) => fastStepHeader(ctx, m.window, slow),
      seq(kw('step'), ident('a step name'), lbl, opt(m.window)) as P.Parser<StepHeader>,
    ),
    () => stepSpec,
    ([, id]) => named('step', id),
    ([, id, l, w], members, start, end): StepNode => ({
      kind: 'step',
      id,
      label: l,
      window: w,
      start,
      end,
      members,
    }),
  );

  // ── phase ──
  const phaseSpec = blockSpec<PhaseMember>(
    'phase',
    [
      ['window', m.window],
      ['amend', localAmend],
      ['step', step],
      ['gate', gate],
      ['checkpoint', checkpoint],
      ['when', m.latePolicy],
    ],
    outerOf(PHASE_KEYWORDS, CAMPAIGN_KEYWORDS),
  );
  const phase = blockMember(
    ctx,
    seq(kw('phase'), ident('a phase name'), lbl),
    () => phaseSpec,
    ([, id]) => named('phase', id),
    ([, id, l], members, start, end): PhaseNode => ({ kind: 'phase', id, label: l, start, end, members }),
  );

  // ── campaign ──
  const campaignSpec = blockSpec<CampaignMember>(
    'campaign',
    [
      ['timezone', m.timezone],
      ['role', m.role],
      ['metric', m.metric],
      ['document', m.document],
      ['phase', phase],
      ['obligation', m.obligation],
      ['amend', campaignAmend],
    ],
    new Set(['campaign']),
  );
  const campaignHeader = seqMap(ident('`campaign`'), ident('a campaign name'), lbl, (keyword, id, l) => ({
    keyword,
    id,
    label: l,
  }));

  const amendRest = m.amendRest;
  const commandLineAmendment = seqMap(opt(kw('amend')), amendRest, (k, a): AmendmentNode => {
    const node = k ? { ...a, start: k.start } : a;
    if (!node.target) {
      ctx.report({
        code: 'PG100',
        severity: 'error',
        message: 'the amendment must say which window it changes',
        span: k ? k : node.action,
        hint: 'start with `phase <phase>` or `phase <phase> step <step>`, e.g. `phase study extend 10 days effective 2005-02-21`',
      });
    }
    return node;
  });

  return {
    campaignHeader,
    campaignBody: (input, from, owner) =>
      runBlock(ctx, input, from, campaignSpec, {
        header: owner.id,
        title: (id: Identifier) => named('campaign', id),
        brace: owner.brace,
        indent: owner.indent,
      }),
    commandLineAmendment,
  };
}
