/**
 * Conditions of gates and checkpoint items:
 *
 *   condition  = and-chain { "or" and-chain }
 *   and-chain  = atom { "and" atom }          (so `and` binds tighter than `or`)
 *   atom       = "(" condition ")" | "task" name "done" | "deliverable" name "submitted"
 *              | subject compare quantity
 *   subject    = "every" "member" name
 *              | ("share" | "count") "of" "members" "with" name compare quantity
 *              | ("total" | "average" | "min" | "max") name
 *              | name
 *   quantity   = number [ "hours" | "days" | "percent" | "count" | "%" ]
 *
 * A chain of the same operator is one node with many items; parentheses nest a node, and the
 * formatter prints them back for any nested `and`/`or`, so the tree survives formatting.
 */
import P from 'parsimmon';
import { skipTrivia } from './lexical.js';
import type { Condition, MetricUnit, Quantity, Span, Subject } from './ast.js';
import { type ParseContext } from './parse-context.js';
import { EXPECT, compareOp, ident, kw, kwOneOf, number, punct } from './parse-tokens.js';
import { describe, map, merge, opt, parser, run, success, type Reply, alt, seqMap } from './parser-combinators.js';

/** A condition and its extent including any parentheses around it (for the parent's span). */
interface Located {
  readonly node: Condition;
  readonly outer: Span;
}

const UNITS: readonly MetricUnit[] = ['hours', 'days', 'percent', 'count'];
const UNIT_ALIASES: Record<string, MetricUnit> = { hour: 'hours', day: 'days' };

/** `45 hours`, `95%`, `95 percent`, `3`. */
export function quantityParser(ctx: ParseContext): P.Parser<Quantity> {
  const num = number(ctx);
  const percentSign = map(punct('%'), (sign): { word: MetricUnit } & Span => ({
    word: 'percent',
    start: sign.start,
    end: sign.end,
  }));
  const unit = opt(alt(percentSign, kwOneOf(UNITS, UNIT_ALIASES)));
  return seqMap(num, unit, (n, u) => {
    const start = n.start;
    const end = u ? u.end : n.end;
    const text = ctx.text.slice(start, end);
    return u ? { value: n.value, unit: u.word, text, start, end } : { value: n.value, text, start, end };
  });
}

export function conditionParser(ctx: ParseContext): P.Parser<Condition> {
  const name = ident('a metric name');
  const quantity = quantityParser(ctx);

  const every: P.Parser<Subject> = seqMap(kw('every'), kw('member'), name, (k, _m, metric) => ({
    kind: 'every',
    metric,
    start: k.start,
    end: metric.end,
  }));

  const shareOrCount: P.Parser<Subject> = seqMap(
    kwOneOf(['share', 'count'] as const),
    kw('of'),
    kw('members'),
    kw('with'),
    name,
    compareOp,
    quantity,
    (k, _of, _members, _with, metric, op, threshold) => ({
      kind: k.word,
      metric,
      op: op.op,
      threshold,
      start: k.start,
      end: threshold.end,
    }),
  );

  const aggregate: P.Parser<Subject> = seqMap(
    kwOneOf(['total', 'average', 'min', 'max'] as const),
    name,
    (k, metric) => ({ kind: k.word, metric, start: k.start, end: metric.end }),
  );

  const plainMetric: P.Parser<Subject> = map(name, (metric) => ({
    kind: 'metric',
    metric,
    start: metric.start,
    end: metric.end,
  }));

  // Keyword-led subjects first; a metric that happens to be called `count` still parses as a
  // plain metric because the keyword form fails and we fall through.
  const subject = alt(every, shareOrCount, aggregate, plainMetric);

  const compare: P.Parser<Located> = seqMap(subject, compareOp, quantity, (s, op, value) => {
    const node: Condition = {
      kind: 'compare',
      subject: s,
      op: op.op,
      value,
      start: s.start,
      end: value.end,
    };
    return { node, outer: node };
  });

  const taskDone: P.Parser<Located> = seqMap(kw('task'), ident('a task name'), kw('done'), (k, task, d) => {
    const node: Condition = { kind: 'task-done', task, start: k.start, end: d.end };
    return { node, outer: node };
  });

  const submitted: P.Parser<Located> = seqMap(
    kw('deliverable'),
    ident('a deliverable name'),
    kw('submitted'),
    (k, deliverable, d) => {
      const node: Condition = { kind: 'deliverable-submitted', deliverable, start: k.start, end: d.end };
      return { node, outer: node };
    },
  );

  // eslint-disable-next-line prefer-const
  let orChain: P.Parser<Located>;
  const inParens: P.Parser<Located> = seqMap(
    punct('('),
    P.lazy(() => orChain),
    punct(')'),
    (open, inner, close) => ({ node: inner.node, outer: { start: open.start, end: close.end } }),
  );
  const parens = parser<Located>((input, i) => {
    const j = skipTrivia(input, i);
    if (input.charCodeAt(j) !== 40 /* ( */) return run(inParens, input, i);
    return ctx.nested(inParens, input, i, j, 'parentheses');
  });

  // A `(` can only open a group, so nothing else is tried there (this also keeps a "nested too
  // deep" failure from being merged with other expectations).
  const other = describe(alt(taskDone, submitted, compare), EXPECT.condition);
  const atom = parser<Located>((input, i) =>
    input.charCodeAt(skipTrivia(input, i)) === 40 ? run(parens, input, i) : run(other, input, i),
  );

  const chain = (item: P.Parser<Located>, word: 'and' | 'or'): P.Parser<Located> => {
    const op = kw(word);
    return parser((input, i) => {
      let r: Reply<unknown> = run(item, input, i);
      if (!r.status) return r as Reply<Located>;
      const items: Located[] = [r.value as Located];
      let at = r.index;
      for (;;) {
        const o = merge(run(op, input, at), r);
        if (!o.status) {
          r = o;
          break;
        }
        const next = merge(run(item, input, o.index), o);
        if (!next.status) return next;
        items.push(next.value);
        at = next.index;
        r = next;
      }
      if (items.length === 1) return merge(success(at, items[0]), r);
      const node: Condition = {
        kind: word,
        items: items.map((x) => x.node),
        start: items[0].outer.start,
        end: items[items.length - 1].outer.end,
      };
      return merge(success(at, { node, outer: node }), r);
    });
  };

  orChain = chain(chain(atom, 'and'), 'or');
  return map(orChain, (x) => x.node);
}
