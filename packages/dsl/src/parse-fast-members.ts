/**
 * Fused fast paths for the commonest members (`task`, `deliverable`, `window`, and the headers of
 * steps and groups): the same parse as their combinator forms in `parse-members.ts` and
 * `parse-grammar.ts`, written out as one function each that calls the token fast paths directly.
 * A combinator sequence runs every child through one shared loop, so each call site there sees
 * every kind of token (megamorphic) and every member allocates a value array and a token object
 * per keyword; here each call site sees one token.
 *
 * The rule that keeps them honest: a fused path handles only the shapes it is sure of, and for
 * anything else (a missing name, a malformed date, a missing `..`) it runs the combinator form
 * from the start, so every failure and every message is exactly the combinator's. On success it
 * leaves in `LAST` the same value and the same furthest failure (`furthest`, `expected`) the
 * combinator form would: `parse-fast-members.test.ts` checks that on random inputs.
 */
import type P from 'parsimmon';
import type { DateLiteral, DeliverableNode, Identifier, Label, Span, TaskNode, WindowNode } from './ast.js';
import { skipTrivia, wordEnd } from './lexical.js';
import type { ParseContext } from './parse-context.js';
import { code, date, label, punct } from './parse-tokens.js';
import { LAST, fastParser, fastPathOf, runFast, succeed, succeedPast, type FastPath } from './parser-combinators.js';

/** `make(slow)` when the fused paths are on, else `slow` itself (the combinator form). */
export function fusedIf<T>(on: boolean, make: (slow: P.Parser<T>) => P.Parser<T>, slow: P.Parser<T>): P.Parser<T> {
  return on ? make(slow) : slow;
}

/** The end of `word` as a whole word at exactly `j` (no trivia), or -1. */
function keywordEnd(input: string, j: number, word: string): number {
  return input.startsWith(word, j) && wordEnd(input, j) === j + word.length ? j + word.length : -1;
}

/** Where the last `keywordAndName` found its keyword and its name (read right after the call). */
const HEAD = { keyword: 0, name: 0 };

/** `word name` from `i` (trivia first): the end of the name, or -1; `HEAD` says where each starts. */
function keywordAndName(input: string, i: number, word: string): number {
  const k = skipTrivia(input, i);
  const a = keywordEnd(input, k, word);
  const n = a < 0 ? -1 : skipTrivia(input, a);
  HEAD.keyword = k;
  HEAD.name = n;
  return n < 0 ? -1 : wordEnd(input, n);
}

/** `task name "label"?`, fused; `slow` is its combinator form. */
export function fastTask(ctx: ParseContext, slow: P.Parser<TaskNode>): P.Parser<TaskNode> {
  const readLabel = fastPathOf(label(ctx));
  return fastParser((input, i) => {
    const e = keywordAndName(input, i, 'task');
    if (e < 0) return runFast(slow, input, i);
    const { keyword: k, name: n } = HEAD;
    const id = { name: input.slice(n, e), start: n, end: e };
    const at = readLabel(input, e);
    // Without a label the label's failure stays in LAST, as `opt(label)` leaves it.
    if (at < 0) return succeed(e, { kind: 'task', id, label: undefined, start: k, end: e } satisfies TaskNode);
    const l = LAST.value as Label;
    return succeed(at, { kind: 'task', id, label: l, start: k, end: at } satisfies TaskNode);
  });
}

const EXPECTED_DUE = [code('due')];

/** `deliverable name "label" [due DATE]`, fused when the label is there; `slow` is its combinator form. */
export function fastDeliverable(ctx: ParseContext, slow: P.Parser<DeliverableNode>): P.Parser<DeliverableNode> {
  const readLabel = fastPathOf(label(ctx));
  const readDate: FastPath = fastPathOf(date());
  return fastParser((input, i) => {
    const e = keywordAndName(input, i, 'deliverable');
    const { keyword: k, name: n } = HEAD;
    const at = e < 0 ? -1 : readLabel(input, e);
    if (at < 0) return runFast(slow, input, i);
    const id = { name: input.slice(n, e), start: n, end: e };
    const l = LAST.value as Label;
    const q = skipTrivia(input, at);
    const d = keywordEnd(input, q, 'due');
    if (d < 0) {
      // No `due`: its failure is what the member leaves, as `opt(seq(kw('due'), date))` does.
      return succeedPast(
        at,
        { kind: 'deliverable', id, label: l, due: undefined, start: k, end: at } satisfies DeliverableNode,
        q,
        EXPECTED_DUE,
      );
    }
    const end = readDate(input, d);
    if (end < 0) return runFast(slow, input, i);
    const due = LAST.value as DateLiteral;
    return succeed(end, { kind: 'deliverable', id, label: l, due, start: k, end } satisfies DeliverableNode);
  });
}

/** `window DATE .. DATE`, fused; `slow` is its combinator form. */
export function fastWindow(slow: P.Parser<WindowNode>): P.Parser<WindowNode> {
  const readDate: FastPath = fastPathOf(date());
  const readDots: FastPath = fastPathOf(punct('..'));
  return fastParser((input, i) => {
    const k = skipTrivia(input, i);
    const a = keywordEnd(input, k, 'window');
    const b = a < 0 ? -1 : readDate(input, a);
    if (b < 0) return runFast(slow, input, i);
    const opens = LAST.value as DateLiteral;
    const c = readDots(input, b);
    const e = c < 0 ? -1 : readDate(input, c);
    if (e < 0) return runFast(slow, input, i);
    const closes = LAST.value as DateLiteral;
    return succeed(e, { kind: 'window', opens, closes, start: k, end: e } satisfies WindowNode);
  });
}

const EXPECTED_WINDOW = [code('window')];

/** What a step's header yields: the `step` keyword, the name, the label and the inline window. */
export type StepHeader = [Span, Identifier, Label | undefined, WindowNode | undefined];

/** `step name "label" [window …]`, fused when the label is there; `slow` is its combinator form. */
export function fastStepHeader(
  ctx: ParseContext,
  window: P.Parser<WindowNode>,
  slow: P.Parser<StepHeader>,
): P.Parser<StepHeader> {
  const readLabel = fastPathOf(label(ctx));
  const readWindow = fastPathOf(window);
  return fastParser((input, i) => {
    const e = keywordAndName(input, i, 'step');
    const { keyword: k, name: n } = HEAD;
    const at = e < 0 ? -1 : readLabel(input, e);
    if (at < 0) return runFast(slow, input, i);
    const l = LAST.value as Label;
    const id = { name: input.slice(n, e), start: n, end: e };
    const q = skipTrivia(input, at);
    // No window: its keyword's failure is what the header leaves, as `opt(window)` does.
    if (keywordEnd(input, q, 'window') < 0)
      return succeedPast(
        at,
        [{ start: k, end: k + 'step'.length }, id, l, undefined] satisfies StepHeader,
        q,
        EXPECTED_WINDOW,
      );
    const end = readWindow(input, at);
    if (end < 0) return runFast(slow, input, i);
    const w = LAST.value as WindowNode;
    return succeed(end, [{ start: k, end: k + 'step'.length }, id, l, w] satisfies StepHeader);
  });
}

/** What a group's header yields: `any`/`all`, `of` and the label. */
export type GroupHeader = [{ word: 'any' | 'all' } & Span, Span, Label | undefined];

/** `any of "label"` / `all of "label"`, fused; `slow` is its combinator form. */
export function fastGroupHeader(ctx: ParseContext, slow: P.Parser<GroupHeader>): P.Parser<GroupHeader> {
  const readLabel = fastPathOf(label(ctx));
  return fastParser((input, i) => {
    const k = skipTrivia(input, i);
    const any = keywordEnd(input, k, 'any');
    const m = any >= 0 ? any : keywordEnd(input, k, 'all');
    const o = m < 0 ? -1 : skipTrivia(input, m);
    const e = o < 0 ? -1 : keywordEnd(input, o, 'of');
    if (e < 0) return runFast(slow, input, i);
    const mode = { word: any >= 0 ? ('any' as const) : ('all' as const), start: k, end: m };
    const of = { start: o, end: e };
    const at = readLabel(input, e);
    // Without a label the label's failure stays in LAST, as `opt(label)` leaves it.
    if (at < 0) return succeed(e, [mode, of, undefined] satisfies GroupHeader);
    return succeed(at, [mode, of, LAST.value as Label] satisfies GroupHeader);
  });
}
