/**
 * The parser's combinators over parsimmon: running a parser at an offset without parsimmon's
 * O(n) line/column bookkeeping, and sequence / choice / option combinators whose failure merging
 * does not sort (parsimmon's does, on every merge, which dominated profiles).
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
    reply.furthest === previous.furthest && reply.expected.length > 0 ? previous.expected.concat(reply.expected) : previous.expected;
  return { status: reply.status, index: reply.index, value: reply.value, furthest: previous.furthest, expected };
}

/** Shared by every success: expectations are never mutated, only concatenated into new arrays. */
const NOTHING_EXPECTED: string[] = [];

/**
 * The furthest failure seen so far by a sequence or a choice: what merging each reply into the
 * previous one computes, kept in two fields instead of a new reply per step (sequences run for
 * every member of every block). Duplicates are left in (messages deduplicate); parsimmon's own
 * merge sorts on every call.
 */
class Furthest {
  at = -1;
  expected: string[] = NOTHING_EXPECTED;

  add(r: Reply<unknown>): void {
    if (r.furthest > this.at) {
      this.at = r.furthest;
      this.expected = r.expected;
    } else if (r.furthest === this.at && r.expected !== this.expected && r.expected.length > 0) {
      this.expected = this.expected.concat(r.expected);
    }
  }

  failure<T>(): Reply<T> {
    return { status: false, index: -1, value: null as T, furthest: this.at, expected: this.expected };
  }

  success<T>(index: number, value: T): Reply<T> {
    return { status: true, index, value, furthest: this.at, expected: this.expected };
  }
}

/**
 * Runs `parsers` one after another from `i`, storing their values in `values`; returns the
 * offset after the last, or -1 when one fails. Failures seen on the way are added to `furthest`.
 */
function runSeq(parsers: readonly P.Parser<unknown>[], input: string, i: number, values: unknown[], furthest: Furthest): number {
  let at = i;
  for (let k = 0; k < parsers.length; k++) {
    const r = run(parsers[k], input, at);
    furthest.add(r);
    if (!r.status) return -1;
    values[k] = r.value;
    at = r.index;
  }
  return at;
}

/** Parsers in sequence, yielding the tuple of their values. */
export function seq<T extends unknown[]>(...parsers: { [K in keyof T]: P.Parser<T[K]> }): P.Parser<T> {
  const ps = parsers as readonly P.Parser<unknown>[];
  return parser((input, i) => {
    const values = new Array<unknown>(ps.length);
    const furthest = new Furthest();
    const at = runSeq(ps, input, i, values, furthest);
    return at < 0 ? furthest.failure() : furthest.success(at, values as T);
  });
}

/** Parsers in sequence, their values passed to `fn`. */
export function seqMap<A, B, R>(a: P.Parser<A>, b: P.Parser<B>, fn: (a: A, b: B) => R): P.Parser<R>;
export function seqMap<A, B, C, R>(a: P.Parser<A>, b: P.Parser<B>, c: P.Parser<C>, fn: (a: A, b: B, c: C) => R): P.Parser<R>;
export function seqMap<A, B, C, D, R>(a: P.Parser<A>, b: P.Parser<B>, c: P.Parser<C>, d: P.Parser<D>, fn: (a: A, b: B, c: C, d: D) => R): P.Parser<R>;
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
  return parser((input, i) => {
    const values = new Array<unknown>(ps.length);
    const furthest = new Furthest();
    const at = runSeq(ps, input, i, values, furthest);
    return at < 0 ? furthest.failure() : furthest.success(at, fn(...values));
  });
}

/** `p` with its value passed through `fn` (parsimmon's own `.map` sorts expectations on every call). */
export function map<A, B>(p: P.Parser<A>, fn: (a: A) => B): P.Parser<B> {
  return parser((input, i) => {
    const r = run(p, input, i);
    if (!r.status) return r as unknown as Reply<B>;
    return { status: true, index: r.index, value: fn(r.value), furthest: r.furthest, expected: r.expected };
  });
}

/** The first parser that succeeds; failures are merged so messages list every alternative. */
export function alt<Ps extends P.Parser<unknown>[]>(...parsers: Ps): P.Parser<Ps[number] extends P.Parser<infer T> ? T : never> {
  type T = Ps[number] extends P.Parser<infer V> ? V : never;
  return parser<T>((input, i) => {
    const furthest = new Furthest();
    for (const p of parsers) {
      const r = run(p as P.Parser<T>, input, i);
      furthest.add(r);
      if (r.status) return furthest.at === r.furthest && furthest.expected === r.expected ? r : furthest.success(r.index, r.value);
    }
    return furthest.failure();
  });
}

export function success<T>(index: number, value: T): Reply<T> {
  return { status: true, index, value, furthest: -1, expected: NOTHING_EXPECTED };
}

/** A failure at `at`; pass a prebuilt array from hot tokens to avoid allocating one per call. */
export function failure<T>(at: number, expected: string | string[]): Reply<T> {
  return { status: false, index: -1, value: null as T, furthest: at, expected: typeof expected === 'string' ? [expected] : expected };
}

/** Builds a parser from a raw function (parsimmon's constructor, typed with our `Reply`). */
export function parser<T>(fn: (input: string, i: number) => Reply<T>): P.Parser<T> {
  return P(fn as unknown as (input: string, i: number) => P.Reply<T>);
}

/** `p`, or nothing (merging `p`'s failure so "expected" lists stay complete). */
export function opt<T>(p: P.Parser<T>): P.Parser<T | undefined> {
  return parser((input, i) => {
    const r = run(p, input, i);
    if (r.status) return r as Reply<T | undefined>;
    return { status: true, index: i, value: undefined, furthest: r.furthest, expected: r.expected };
  });
}

/**
 * Replaces the expectations of `p` with one description, but only when `p` failed right at its
 * first token: a failure deeper inside keeps its precise expectations.
 */
export function describe<T>(p: P.Parser<T>, description: string): P.Parser<T> {
  return parser((input, i) => {
    const r = run(p, input, i);
    if (r.status) return r;
    const j = skipTrivia(input, i);
    if (r.furthest === j) return failure(j, description);
    return r;
  });
}
