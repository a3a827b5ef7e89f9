/**
 * The parser's combinators over parsimmon: running a parser at an offset without parsimmon's
 * O(n) line/column bookkeeping, and sequence / choice / option combinators whose failure merging
 * does not sort (parsimmon's does, on every merge, which dominated profiles).
 *
 * Every parser here is a parsimmon parser (its `_` returns a `Reply`), and the tokens and the
 * combinators also carry a fast path, `fast`: the same parse, leaving its result in one shared
 * object (`OUT`) instead of allocating a reply. Tokens are most of what a parse allocates, so
 * combinators call their children's fast paths when they have one. The one rule: read `OUT`
 * right after the call that filled it, before calling any other parser.
 */
import P from 'parsimmon';
import { skipTrivia } from './lexical.js';

/** What parsimmon returns internally: the furthest failure is kept even on success. */
export interface Reply<T> {
  readonly status: boolean;
  readonly index: number;
  readonly value: T;
  readonly furthest: number;
  readonly expected: string[];
}

/** Runs `p` at offset `i`. (`parse()` would append `eof` and compute line/column: not wanted.) */
export function run<T>(p: P.Parser<T>, input: string, i: number): Reply<T> {
  return (p as unknown as { _: (input: string, i: number) => Reply<T> })._(input, i);
}

/** Keeps the furthest failure of two replies, as parsimmon's own combinators do. */
export function merge<T>(reply: Reply<T>, previous: Reply<unknown> | undefined): Reply<T> {
  if (!previous || reply.furthest > previous.furthest) return reply;
  // The common case, a success after a success: nothing to merge, so nothing to allocate.
  if (reply.furthest === previous.furthest && reply.expected === previous.expected) return reply;
  const expected =
    reply.furthest === previous.furthest && reply.expected.length > 0
      ? previous.expected.concat(reply.expected)
      : previous.expected;
  return { status: reply.status, index: reply.index, value: reply.value, furthest: previous.furthest, expected };
}

/** Shared by every success: expectations are never mutated, only concatenated into new arrays. */
const NOTHING_EXPECTED: string[] = [];

/** Where a fast path leaves its result: its value, and the furthest failure it saw. */
interface Out {
  value: unknown;
  furthest: number;
  expected: string[];
}

const OUT: Out = { value: undefined, furthest: -1, expected: NOTHING_EXPECTED };

/** What the last `runFast` left, for code outside this module (read it at once). */
export const LAST: Readonly<Out> = OUT;

/** A fast path: parses at `i` and returns the offset after it, or -1 on failure; fills `OUT`. */
export type FastPath = (input: string, i: number) => number;

interface WithFastPath {
  readonly fast?: FastPath;
}

/** A success of a token: `value`, no failure seen. Returns `at`, for `return ok(…)`. */
export function ok(at: number, value: unknown): number {
  OUT.value = value;
  OUT.furthest = -1;
  OUT.expected = NOTHING_EXPECTED;
  return at;
}

/** A failure at `at`. Pass a prebuilt array: a token fails often (every optional part that is absent). */
export function fail(at: number, expected: string[]): number {
  OUT.value = null;
  OUT.furthest = at;
  OUT.expected = expected;
  return -1;
}

/** A parser from a fast path; its parsimmon form makes a reply from what the fast path leaves. */
export function fastParser<T>(fast: FastPath): P.Parser<T> {
  const p = parser<T>((input, i) => {
    const at = fast(input, i);
    return {
      status: at >= 0,
      index: at,
      value: (at >= 0 ? OUT.value : null) as T,
      furthest: OUT.furthest,
      expected: OUT.expected,
    };
  });
  (p as unknown as { fast: FastPath }).fast = fast;
  return p;
}

/** The fast path of a parser made by `fastParser` (to call it directly, from a fused member parser). */
export function fastPathOf(p: P.Parser<unknown>): FastPath {
  const fast = (p as unknown as WithFastPath).fast;
  if (!fast) throw new Error('fastPathOf: not a parser made by fastParser');
  return fast;
}

/**
 * Sets the value of a success, leaving the failure information in `OUT` as the parse left it
 * (`value` is built from values already read and runs no parser); returns `at`.
 */
export function succeed(at: number, value: unknown): number {
  OUT.value = value;
  return at;
}

/** A success that carries the furthest failure seen on the way (an optional part that was absent). */
export function succeedPast(at: number, value: unknown, furthest: number, expected: string[]): number {
  OUT.value = value;
  OUT.furthest = furthest;
  OUT.expected = expected;
  return at;
}

/** Runs `p` at `i` by its fast path when it has one, filling `OUT`; returns the offset after it, or -1. */
export function runFast(p: P.Parser<unknown>, input: string, i: number): number {
  const fast = (p as unknown as WithFastPath).fast;
  if (fast) return fast(input, i);
  const r = run(p, input, i);
  OUT.value = r.value;
  OUT.furthest = r.furthest;
  OUT.expected = r.expected;
  return r.status ? r.index : -1;
}

/**
 * The expectations of a sequence or a choice once the failure its last child left in `OUT` is
 * added to the furthest one seen so far: what merging the replies would compute, kept in the
 * loop's locals instead of a new reply per step. Duplicates are left in (messages deduplicate);
 * parsimmon's own merge sorts on every call.
 */
export function mergeExpected(furthest: number, expected: string[]): string[] {
  if (OUT.furthest > furthest) return OUT.expected;
  if (OUT.furthest === furthest && OUT.expected !== expected && OUT.expected.length > 0)
    return expected.concat(OUT.expected);
  return expected;
}

/**
 * Runs `parsers` one after another from `i`, storing their values in `values`; returns the
 * offset after the last, or -1 when one fails. `OUT` is left with the furthest failure seen on
 * the way (which a success still carries, as in parsimmon).
 */
function runSeq(parsers: readonly P.Parser<unknown>[], input: string, i: number, values: unknown[]): number {
  let at = i;
  let furthest = -1;
  let expected = NOTHING_EXPECTED;
  for (let k = 0; k < parsers.length; k++) {
    const next = runFast(parsers[k], input, at);
    expected = mergeExpected(furthest, expected);
    if (OUT.furthest > furthest) furthest = OUT.furthest;
    if (next < 0) return fail(furthest, expected);
    values[k] = OUT.value;
    at = next;
  }
  OUT.furthest = furthest;
  OUT.expected = expected;
  return at;
}

/** Parsers in sequence, yielding the tuple of their values. */
export function seq<T extends unknown[]>(...parsers: { [K in keyof T]: P.Parser<T[K]> }): P.Parser<T> {
  const ps = parsers as readonly P.Parser<unknown>[];
  return fastParser((input, i) => {
    const values = new Array<unknown>(ps.length);
    const at = runSeq(ps, input, i, values);
    if (at >= 0) OUT.value = values;
    return at;
  });
}

/** Parsers in sequence, their values passed to `fn`. */
export function seqMap<A, B, R>(a: P.Parser<A>, b: P.Parser<B>, fn: (a: A, b: B) => R): P.Parser<R>;
export function seqMap<A, B, C, R>(
  a: P.Parser<A>,
  b: P.Parser<B>,
  c: P.Parser<C>,
  fn: (a: A, b: B, c: C) => R,
): P.Parser<R>;
export function seqMap<A, B, C, D, R>(
  a: P.Parser<A>,
  b: P.Parser<B>,
  c: P.Parser<C>,
  d: P.Parser<D>,
  fn: (a: A, b: B, c: C, d: D) => R,
): P.Parser<R>;
export function seqMap<A, B, C, D, E, R>(
  a: P.Parser<A>,
  b: P.Parser<B>,
  c: P.Parser<C>,
  d: P.Parser<D>,
  e: P.Parser<E>,
  fn: (a: A, b: B, c: C, d: D, e: E) => R,
): P.Parser<R>;
export function seqMap<A, B, C, D, E, F, R>(
  a: P.Parser<A>,
  b: P.Parser<B>,
  c: P.Parser<C>,
  d: P.Parser<D>,
  e: P.Parser<E>,
  f: P.Parser<F>,
  fn: (a: A, b: B, c: C, d: D, e: E, f: F) => R,
): P.Parser<R>;
export function seqMap<A, B, C, D, E, F, G, R>(
  a: P.Parser<A>,
  b: P.Parser<B>,
  c: P.Parser<C>,
  d: P.Parser<D>,
  e: P.Parser<E>,
  f: P.Parser<F>,
  g: P.Parser<G>,
  fn: (a: A, b: B, c: C, d: D, e: E, f: F, g: G) => R,
): P.Parser<R>;
export function seqMap(...args: unknown[]): P.Parser<unknown> {
  const fn = args[args.length - 1] as (...values: unknown[]) => unknown;
  const ps = args.slice(0, -1) as P.Parser<unknown>[];
  return fastParser((input, i) => {
    const values = new Array<unknown>(ps.length);
    const at = runSeq(ps, input, i, values);
    if (at < 0) return -1;
    return succeed(at, fn(...values));
  });
}

/** `p` with its value passed through `fn` (parsimmon's own `.map` sorts expectations on every call). */
export function map<A, B>(p: P.Parser<A>, fn: (a: A) => B): P.Parser<B> {
  return fastParser((input, i) => {
    const at = runFast(p, input, i);
    if (at < 0) return -1;
    return succeed(at, fn(OUT.value as A));
  });
}

/** The first parser that succeeds; failures are merged so messages list every alternative. */
export function alt<Ps extends P.Parser<unknown>[]>(
  ...parsers: Ps
): P.Parser<Ps[number] extends P.Parser<infer T> ? T : never> {
  return fastParser((input, i) => {
    let furthest = -1;
    let expected = NOTHING_EXPECTED;
    for (const p of parsers) {
      const at = runFast(p, input, i);
      expected = mergeExpected(furthest, expected);
      if (OUT.furthest > furthest) furthest = OUT.furthest;
      if (at >= 0) {
        OUT.furthest = furthest;
        OUT.expected = expected;
        return at;
      }
    }
    return fail(furthest, expected);
  });
}

export function success<T>(index: number, value: T): Reply<T> {
  return { status: true, index, value, furthest: -1, expected: NOTHING_EXPECTED };
}

/** A failure at `at`; pass a prebuilt array from hot tokens to avoid allocating one per call. */
export function failure<T>(at: number, expected: string | string[]): Reply<T> {
  return {
    status: false,
    index: -1,
    value: null as T,
    furthest: at,
    expected: typeof expected === 'string' ? [expected] : expected,
  };
}

/** Builds a parser from a raw function (parsimmon's constructor, typed with our `Reply`). */
export function parser<T>(fn: (input: string, i: number) => Reply<T>): P.Parser<T> {
  return P(fn as unknown as (input: string, i: number) => P.Reply<T>);
}

/** `p`, or nothing (merging `p`'s failure so "expected" lists stay complete). */
export function opt<T>(p: P.Parser<T>): P.Parser<T | undefined> {
  return fastParser((input, i) => {
    const at = runFast(p, input, i);
    if (at >= 0) return at;
    OUT.value = undefined; // a success here, still carrying `p`'s failure
    return i;
  });
}

/**
 * Replaces the expectations of `p` with one description, but only when `p` failed right at its
 * first token: a failure deeper inside keeps its precise expectations.
 */
export function describe<T>(p: P.Parser<T>, description: string): P.Parser<T> {
  const expected = [description];
  return fastParser((input, i) => {
    const at = runFast(p, input, i);
    if (at >= 0) return at;
    const j = skipTrivia(input, i);
    return OUT.furthest === j ? fail(j, expected) : -1;
  });
}
