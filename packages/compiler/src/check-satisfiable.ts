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
import { conditionSites, quote } from './walk.js';

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

  /** The quantity a well-formed comparison measures, or null to skip it. */
  const measure = (c: CompareCondition): { key: string; domain: Domain; metric: MetricNode } | null => {
    const metric = ctx.symbols.metrics.get(c.subject.metric.name);
    if (!metric) return null;
    const s = c.subject;
    if ((s.kind === 'metric') !== (metric.level === 'unit')) return null;
    switch (s.kind) {
      case 'metric':
      case 'every':
        if (c.value.unit && c.value.unit !== metric.unit) return null;
        return { key: `${s.kind}:${metric.id.name}`, domain: metricDomain(metric.unit), metric };
      case 'share':
      case 'count':
        if (s.threshold.unit && s.threshold.unit !== metric.unit) return null;
        if (c.value.unit && c.value.unit !== (s.kind === 'share' ? 'percent' : 'count')) return null;
        return {
          key: `${s.kind}:${metric.id.name}:${s.op}:${s.threshold.value}`,
          domain: s.kind === 'share' ? SHARE_DOMAIN : COUNT_DOMAIN,
          metric,
        };
      default:
        if (c.value.unit && c.value.unit !== metric.unit) return null;
        return { key: `${s.kind}:${metric.id.name}`, domain: aggregateDomain(s.kind, metric.unit), metric };
    }
  };

  /** Reports on one comparison; true when it can never hold. */
  const leaf = (c: CompareCondition): boolean => {
    const m = measure(c);
    if (!m) return false;
    const s = c.subject;
    if (s.kind === 'share' || s.kind === 'count') {
      const innerDomain = metricDomain(m.metric.unit);
      const innerSpan: Span = { start: s.metric.span.start, end: s.threshold.span.end };
      const inner = compareVerdict(innerDomain, s.op, s.threshold.value);
      if (inner === 'never') {
        out.push(never(innerSpan, `No member can ever have \`${quote(text, innerSpan)}\`: ${innerDomain.why}`));
        return true;
      }
      if (inner === 'always') out.push(always(innerSpan, `Every member always has \`${quote(text, innerSpan)}\` (${innerDomain.why})`));
    }
    const verdict = compareVerdict(m.domain, c.op, c.value.value);
    if (verdict === 'never') {
      const who = s.kind === 'every' ? ' for any member' : '';
      out.push(never(c.span, `\`${quote(text, c.span)}\` can never hold${who}: ${m.domain.why}`));
      return true;
    }
    if (verdict === 'always') out.push(always(c.span, `\`${quote(text, c.span)}\` always holds (${m.domain.why}), so it checks nothing`));
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
        const results = c.items.map(walk);
        return results.length > 0 && results.every(Boolean);
      }
      case 'and': {
        const results = c.items.map(walk);
        if (results.some(Boolean)) return true;
        return conflict(c);
      }
    }
  };

  /** Comparisons directly under an `and` (nested `and`s included) that contradict each other. */
  const conflict = (c: Condition & { kind: 'and' }): boolean => {
    const groups = new Map<string, { domain: Domain; items: CompareCondition[] }>();
    const collect = (x: Condition) => {
      if (x.kind === 'and') x.items.forEach(collect);
      else if (x.kind === 'compare') {
        const m = measure(x);
        if (!m) return;
        const g = groups.get(m.key) ?? { domain: m.domain, items: [] };
        g.items.push(x);
        groups.set(m.key, g);
      }
    };
    collect(c);
    for (const g of groups.values()) {
      if (g.items.length < 2) continue;
      if (!conjunctionEmpty(g.domain, g.items.map((i) => ({ op: i.op, value: i.value.value })))) continue;
      const last = g.items[g.items.length - 1];
      out.push(
        error(
          'PG401',
          last.span,
          `These comparisons cannot all hold at once: ${g.items.map((i) => `\`${quote(text, i.span)}\``).join(' and ')}. A unit would be blocked here for good; fix one of them.`,
          { related: g.items.slice(0, -1).map((i) => ({ span: i.span, message: 'contradicted by this comparison' })) },
        ),
      );
      return true;
    }
    return false;
  };

  for (const site of conditionSites(ctx.symbols)) walk(site.condition);
  return out;
}

function never(span: Span, what: string): Diagnostic {
  return error('PG401', span, `${what}. A unit would be blocked here for good; fix the number or the comparison.`);
}

function always(span: Span, what: string): Diagnostic {
  return warning('PG402', span, `${what}. Did you mean a different number or comparison?`);
}
