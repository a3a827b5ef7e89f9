import type { CompareCondition, Diagnostic, MetricNode, MetricUnit, Quantity } from '@phasegate/dsl';
import type { CheckContext } from './context.js';
import { error } from './diag.js';

const UNIT_WORDS: Record<MetricUnit, string> = {
  hours: 'in hours',
  days: 'in days',
  percent: 'a percent',
  count: 'a plain count',
};

/** `45 hours`, `95%`, `3`: how to write a value of this unit. */
function example(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'percent':
      return `${value}%`;
    case 'count':
      return `${value}`;
    default:
      return `${value} ${unit}`;
  }
}

/**
 * Units and levels: a quantity compared with a metric is in that metric's unit (PG400:
 * `study_hours >= 45 days`, `95%` against an hours metric; a plain number is taken in the
 * metric's unit), a share is compared with a percent and a count with a number; a member metric
 * is only used through `every member` / `share of members` / aggregates, and a unit metric only
 * directly (PG202).
 */
export function checkUnits(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const site of ctx.conditions) {
    for (const leaf of site.leaves) {
      if (leaf.kind !== 'compare') continue;
      const metric = ctx.symbols.metrics.get(leaf.subject.metric.name);
      if (!metric) continue; // check-names reports it
      const level = levelProblem(leaf, metric);
      if (level) {
        out.push(level);
        continue;
      }
      unitProblems(out, leaf, metric);
    }
  }
  return out;
}

function levelProblem(c: CompareCondition, metric: MetricNode): Diagnostic | null {
  const name = metric.id.name;
  const span = c.subject.metric;
  if (c.subject.kind === 'metric' && metric.level === 'member') {
    return error(
      'PG202',
      span,
      `\`${name}\` is recorded for each member, not once for the unit, so it cannot be compared on its own. Say which members count: \`every member ${name} …\`, \`share of members with ${name} … >= 100%\`, or an aggregate such as \`average ${name} …\`.`,
      { related: [{ span: metric, message: `\`${name}\` is declared per member here` }] },
    );
  }
  if (c.subject.kind !== 'metric' && metric.level === 'unit') {
    const how =
      c.subject.kind === 'every'
        ? '`every member`'
        : c.subject.kind === 'share' || c.subject.kind === 'count'
          ? `\`${c.subject.kind} of members\``
          : `\`${c.subject.kind}\``;
    return error(
      'PG202',
      span,
      `\`${name}\` is recorded once per unit, not for each member, so ${how} does not apply to it. Compare it directly: \`${name} ${c.op} ${c.value.text}\`.`,
      { related: [{ span: metric, message: `\`${name}\` is declared per unit here` }] },
    );
  }
  return null;
}

/** Reports the values of `c` written in the wrong unit. */
function unitProblems(out: Diagnostic[], c: CompareCondition, metric: MetricNode): void {
  const s = c.subject;
  if (s.kind === 'share' || s.kind === 'count') {
    if (s.threshold.unit && s.threshold.unit !== metric.unit) out.push(mismatch(s.threshold, metric));
    const expected: MetricUnit = s.kind === 'share' ? 'percent' : 'count';
    if (c.value.unit && c.value.unit !== expected) {
      out.push(
        error(
          'PG400',
          c.value,
          s.kind === 'share'
            ? `A share of members is a percent, so compare it with a percent such as \`100%\`, not \`${c.value.text}\`.`
            : `A count of members is a number of members, so compare it with a plain number such as \`3\`, not \`${c.value.text}\`.`,
        ),
      );
    }
  } else if (c.value.unit && c.value.unit !== metric.unit) {
    out.push(mismatch(c.value, metric));
  }
}

/** PG400 for a value `q` whose unit is not `metric`'s. */
function mismatch(q: Quantity, metric: MetricNode): Diagnostic {
  const name = metric.id.name;
  return error(
    'PG400',
    q,
    `\`${q.text}\` is ${UNIT_WORDS[q.unit!]}, but \`${name}\` is measured in ${metric.unit === 'percent' ? 'percent' : metric.unit === 'count' ? 'plain numbers' : metric.unit}. Write the value in the metric's unit, e.g. \`${example(metric.unit, q.value)}\`, or compare a different metric.`,
    { related: [{ span: metric, message: `\`${name}\` is declared in ${metric.unit} here` }] },
  );
}
