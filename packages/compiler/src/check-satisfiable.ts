import type { CompareCondition, Condition, Diagnostic, MetricNode, Span } from '@phasegate/dsl';
import {
  aggregateDomain,
  compareVerdict,
  conjunctionEmpty,
  COUNT_DOMAIN,
  metricDomain,
  SHARE_DOMAIN,
  type Domain,
} from './condition-analysis.js';
import type { CheckContext } from './context.js';
import { error, warning } from './diag.js';
import { quote } from './walk.js';

/**
 * Conditions that can never hold (PG401: `participation_rate >= 101%`, `study_hours < 0 hours`,
 * `count of members … == 0.5`, or `x >= 50 and x < 40`) and comparisons that always hold
 * (PG402, warning: `awareness_rate <= 100%`). A unit facing a condition that never holds is
 * blocked for good; one that always holds checks nothing. Comparisons with a wrong unit or level
 * are left to `check-units`.
 */
export function checkSatisfiable(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = ctx.file.text;

  /** The metric a well-formed comparison measures, or null to skip it. */
  const measured = (c: CompareCondition): MetricNode | null => {
    const metric = ctx.symbols.metrics.get(c.subject.metric.name);
    return metric && wellFormed(c, metric) ? metric : null;
  };

  /** Reports on one comparison; true when it can never hold. */
  const leaf = (c: CompareCondition): boolean => {
    const metric = measured(c);
    if (!metric) return false;
    const s = c.subject;
    if (s.kind === 'share' || s.kind === 'count') {
      const innerDomain = metricDomain(metric.unit);
      const inner = compareVerdict(innerDomain, s.op, s.threshold.value);
      if (inner !== 'maybe') {
        const innerSpan: Span = { start: s.metric.start, end: s.threshold.end };
        if (inner === 'never') {
          out.push(never(innerSpan, `No member can ever have \`${quote(text, innerSpan)}\`: ${innerDomain.why}`));
          return true;
        }
        out.push(always(innerSpan, `Every member always has \`${quote(text, innerSpan)}\` (${innerDomain.why})`));
      }
    }
    const domain = domainOf(c, metric);
    const verdict = compareVerdict(domain, c.op, c.value.value);
    if (verdict === 'never') {
      const who = s.kind === 'every' ? ' for any member' : '';
      out.push(never(c, `\`${quote(text, c)}\` can never hold${who}: ${domain.why}`));
      return true;
    }
    if (verdict === 'always')
      out.push(always(c, `\`${quote(text, c)}\` always holds (${domain.why}), so it checks nothing`));
    return false;
  };

  /** Walks a condition; true when it can never hold (already reported). */
  const walk = (c: Condition): boolean => {
    switch (c.kind) {
      case 'compare':
        return leaf(c);
      case 'task-done':
      case 'deliverable-submitted':
        return false;
      case 'or': {
        // Every alternative is walked (and reported), even after one that may hold.
        let never = c.items.length > 0;
        for (const item of c.items) if (!walk(item)) never = false;
        return never;
      }
      case 'and': {
        let never = false;
        for (const item of c.items) if (walk(item)) never = true;
        return never || conflict(c);
      }
    }
  };

  /** Comparisons directly under an `and` (nested `and`s included) that contradict each other. */
  const conflict = (c: Condition & { kind: 'and' }): boolean => {
    // Grouped by quantity, groups in order of first appearance; few per condition, so a list.
    const groups: { domain: Domain; items: CompareCondition[] }[] = [];
    const collect = (x: Condition) => {
      if (x.kind === 'and') {
        for (const item of x.items) collect(item);
      } else if (x.kind === 'compare') {
        const metric = measured(x);
        if (!metric) return;
        const g = groups.find((g) => sameQuantity(g.items[0], x));
        if (g) g.items.push(x);
        else groups.push({ domain: domainOf(x, metric), items: [x] });
      }
    };
    collect(c);
    for (const g of groups) {
      if (g.items.length < 2) continue;
      if (
        !conjunctionEmpty(
          g.domain,
          g.items.map((i) => ({ op: i.op, value: i.value.value })),
        )
      )
        continue;
      const last = g.items[g.items.length - 1];
      out.push(
        error(
          'PG401',
          last,
          `These comparisons cannot all hold at once: ${g.items.map((i) => `\`${quote(text, i)}\``).join(' and ')}. A unit would be blocked here for good; fix one of them.`,
          { related: g.items.slice(0, -1).map((i) => ({ span: i, message: 'contradicted by this comparison' })) },
        ),
      );
      return true;
    }
    return false;
  };

  for (const site of ctx.conditions) walk(site.condition);
  return out;
}

function never(span: Span, what: string): Diagnostic {
  return error('PG401', span, `${what}. A unit would be blocked here for good; fix the number or the comparison.`);
}

function always(span: Span, what: string): Diagnostic {
  return warning('PG402', span, `${what}. Did you mean a different number or comparison?`);
}

/**
 * Whether the comparison fits its metric: the right level (a unit metric directly, a member
 * metric through members) and values in the right unit. Others are `check-units`' to report.
 */
function wellFormed(c: CompareCondition, metric: MetricNode): boolean {
  const s = c.subject;
  if ((s.kind === 'metric') !== (metric.level === 'unit')) return false;
  if (s.kind === 'share' || s.kind === 'count') {
    if (s.threshold.unit && s.threshold.unit !== metric.unit) return false;
    return !c.value.unit || c.value.unit === (s.kind === 'share' ? 'percent' : 'count');
  }
  return !c.value.unit || c.value.unit === metric.unit;
}

/** The values the compared quantity can take. */
function domainOf(c: CompareCondition, metric: MetricNode): Domain {
  const s = c.subject;
  switch (s.kind) {
    case 'metric':
    case 'every':
      return metricDomain(metric.unit);
    case 'share':
      return SHARE_DOMAIN;
    case 'count':
      return COUNT_DOMAIN;
    default:
      return aggregateDomain(s.kind, metric.unit);
  }
}

/**
 * Whether two well-formed comparisons measure the same quantity: the same subject of the same
 * metric (for a share or count, with the same inner comparison).
 */
function sameQuantity(a: CompareCondition, b: CompareCondition): boolean {
  const x = a.subject;
  const y = b.subject;
  if (x.kind !== y.kind || x.metric.name !== y.metric.name) return false;
  if ((x.kind === 'share' || x.kind === 'count') && (y.kind === 'share' || y.kind === 'count')) {
    return x.op === y.op && x.threshold.value === y.threshold.value;
  }
  return true;
}
