import type { CampaignIR } from '@phasegate/compiler';
import { closest } from '@phasegate/dsl';
import { isValidDate, parseScenarioTime } from '../calendar.js';
import type { Locate } from './parse-scenario.js';
import { formatPath, type ScenarioProblem } from './scenario-problem.js';
import type { Anchor, RosterUnit, Scenario } from './scenario.js';

/**
 * Checks a schema-valid scenario against the campaign it runs on: every unit, metric, task,
 * deliverable, checklist item, document, obligation, phase, step and role it names must exist,
 * with the right level; dates must be real dates. Returns every problem (empty when fine).
 *
 * @example
 * const problems = checkScenario(scenario, ir, locate);
 * // [{ path: 'events[4].task', message: 'unknown task "expert_talks"; did you mean …' }]
 */
export function checkScenario(scenario: Scenario, ir: CampaignIR, locate: Locate): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const at = (path: (string | number)[], message: string): void => {
    problems.push({ path: formatPath(path), message, ...locate(path) });
  };
  const units = new Set(scenario.units.map((u) => u.id));
  const kinds = new Set(scenario.units.flatMap((u) => (u.kind ? [u.kind] : [])));
  const metrics = new Map(ir.metrics.map((m) => [m.id, m]));
  const steps = ir.phases.flatMap((p) => p.steps.map((s) => ({ phase: p, step: s })));
  const tasks = new Set(steps.flatMap(({ step }) => step.tasks.map((t) => t.id)));
  const deliverables = new Set(steps.flatMap(({ step }) => step.deliverables.map((d) => d.id)));
  const phases = new Set(ir.phases.map((p) => p.id));
  const stepKeys = new Set(steps.map(({ phase, step }) => `${phase.id}.${step.id}`));
  const documents = new Set(ir.documents.map((d) => d.id));
  const obligations = new Set(ir.obligations.map((o) => o.id));
  const roles = new Set(ir.roles.map((r) => r.id));
  const checkpoints = new Map(
    ir.phases.flatMap((p) => p.checkpoints.map((c) => [c.id, new Set(c.items.map((i) => i.id))] as const)),
  );
  for (const e of scenario.events) {
    if (e.type === 'issue') documents.add(String(e['document']));
  }

  const known = (
    set: { has(k: string): boolean } & Iterable<string>,
    what: string,
    value: string,
    path: (string | number)[],
  ): boolean => {
    if (set.has(value)) return true;
    const [near] = closest(value, set);
    at(
      path,
      `unknown ${what} "${value}"${near ? `; did you mean "${near}"?` : `; the campaign has: ${[...set].slice(0, 8).join(', ')}${[...set].length > 8 ? ', …' : ''}`}`,
    );
    return false;
  };
  const unitRef = (value: unknown, path: (string | number)[]): void => {
    if (value === '*') return;
    known(units, 'unit', String(value), path);
  };

  scenario.events.forEach((e, i) => {
    const p = (field: string) => ['events', i, field];
    if (Number.isNaN(parseScenarioTime(e.time, ir.timezone)))
      at(p('time'), `"${e.time}" is not a valid date or date-time`);
    if ('unit' in e && e.unit !== undefined) unitRef(e.unit, p('unit'));
    switch (e.type) {
      case 'fact': {
        const metric = String(e['metric']);
        if (known(new Set(metrics.keys()), 'metric', metric, p('metric'))) {
          const level = metrics.get(metric)!.level;
          if (level === 'member' && e['member'] === undefined && e['unit'] !== '*') {
            // A member metric without a member would be rejected by the runtime.
            at(
              p('member'),
              `metric "${metric}" is recorded per member; give "member" (an index from 0, or a member id)`,
            );
          }
          if (level === 'unit' && e['member'] !== undefined)
            at(p('member'), `metric "${metric}" is recorded per unit; remove "member"`);
          if (level === 'member' && e['member'] !== undefined) {
            const targets = e['unit'] === '*' ? scenario.units : scenario.units.filter((u) => u.id === e['unit']);
            for (const u of targets) {
              const problem = memberProblem(e['member'], u);
              if (problem) {
                at(p('member'), problem);
                break;
              }
            }
          }
        }
        break;
      }
      case 'task':
        known(tasks, 'task', String(e['task']), p('task'));
        break;
      case 'deliverable':
        known(deliverables, 'deliverable', String(e['deliverable']), p('deliverable'));
        break;
      case 'signoff':
      case 'revoke': {
        const cp = String(e['checkpoint']);
        if (known(new Set(checkpoints.keys()), 'checkpoint', cp, p('checkpoint')))
          known(checkpoints.get(cp)!, `item of checkpoint "${cp}"`, String(e['item']), p('item'));
        break;
      }
      case 'acknowledge':
        known(documents, 'document', String(e['document']), p('document'));
        break;
      case 'report':
        known(obligations, 'obligation', String(e['obligation']), p('obligation'));
        break;
      case 'amend':
        // The schema makes `step` a string when it is there.
        if (known(phases, 'phase', String(e['phase']), p('phase')) && typeof e['step'] === 'string') {
          known(stepKeys, 'step', `${String(e['phase'])}.${e['step']}`, p('step'));
        }
        for (const f of ['effective', 'extendTo'] as const) {
          const v = e[f];
          if (typeof v === 'string' && Number.isNaN(parseScenarioTime(v, ir.timezone)))
            at(p(f), `"${v}" is not a valid date or date-time`);
        }
        break;
    }
  });

  const b = scenario.behaviour;
  const table = (
    t: Readonly<Record<string, unknown>> | undefined,
    set: Set<string>,
    what: string,
    path: (string | number)[],
  ): void => {
    for (const k of Object.keys(t ?? {})) known(set, what, k, [...path, k]);
  };
  const perUnit = (
    m: { byUnit?: Record<string, unknown>; byKind?: Record<string, unknown> } | undefined,
    path: (string | number)[],
  ): void => {
    table(m?.byUnit, units, 'unit', [...path, 'byUnit']);
    table(m?.byKind, kinds, 'unit kind (no unit in the roster has it)', [...path, 'byKind']);
  };
  const anchor = (a: Anchor, path: (string | number)[]): void => {
    if ('step' in a) known(stepKeys, 'step', a.step, [...path, 'step']);
    else if ('phase' in a) known(phases, 'phase', a.phase, [...path, 'phase']);
    else if (!isValidDate(a.date)) at([...path, 'date'], `"${a.date}" is not a calendar date`);
  };
  b.lagging?.units?.forEach((u, i) => known(units, 'unit', u, ['behaviour', 'lagging', 'units', i]));
  b.holidays?.forEach((h, i) => {
    for (const f of ['from', 'to'] as const)
      if (!isValidDate(h[f])) at(['behaviour', 'holidays', i, f], `"${h[f]}" is not a calendar date`);
  });
  b.accrual?.forEach((m, i) => {
    const path = ['behaviour', 'accrual', i];
    known(new Set(metrics.keys()), 'metric', m.metric, [...path, 'metric']);
    for (const f of ['from', 'until'] as const) {
      const v = m[f];
      if (v !== undefined && !isValidDate(v)) at([...path, f], `"${v}" is not a calendar date`);
    }
    perUnit(m, path);
  });
  b.levels?.forEach((m, i) => {
    const path = ['behaviour', 'levels', i];
    if (
      known(new Set(metrics.keys()), 'metric', m.metric, [...path, 'metric']) &&
      metrics.get(m.metric)!.level !== 'unit'
    ) {
      at(
        [...path, 'metric'],
        `metric "${m.metric}" is recorded per member; levels set unit metrics — use "accrual" for member metrics`,
      );
    }
    anchor(m.at, [...path, 'at']);
    perUnit(m, path);
  });
  if (b.absence) {
    anchor(b.absence.makeUp, ['behaviour', 'absence', 'makeUp']);
    perUnit(b.absence, ['behaviour', 'absence']);
  }
  if (b.tasks) {
    table(b.tasks.byTask, tasks, 'task', ['behaviour', 'tasks', 'byTask']);
    perUnit(b.tasks, ['behaviour', 'tasks']);
  }
  if (b.deliverables) {
    table(b.deliverables.byDeliverable, deliverables, 'deliverable', ['behaviour', 'deliverables', 'byDeliverable']);
    perUnit(b.deliverables, ['behaviour', 'deliverables']);
  }
  if (b.acknowledgements) {
    table(b.acknowledgements.byDocument, documents, 'document', ['behaviour', 'acknowledgements', 'byDocument']);
    perUnit(b.acknowledgements, ['behaviour', 'acknowledgements']);
  }
  if (b.reports) {
    table(b.reports.byObligation, obligations, 'obligation', ['behaviour', 'reports', 'byObligation']);
    perUnit(b.reports, ['behaviour', 'reports']);
  }
  if (b.signoffs) perUnit(b.signoffs, ['behaviour', 'signoffs']);
  for (const f of ['unit', 'office'] as const) {
    const r = scenario.actors[f];
    if (r !== undefined) known(roles, 'role', r, ['actors', f]);
  }
  return problems;
}

/** Why `member` does not name a member of the unit, or null when it does. */
function memberProblem(member: unknown, unit: RosterUnit): string | null {
  if (typeof member === 'string' && unit.memberIds) {
    return unit.memberIds.includes(member)
      ? null
      : `unit "${unit.id}" has no member "${member}"; its roster lists ${unit.memberIds.length} member ids`;
  }
  const index = typeof member === 'number' ? member : /^\d+$/.test(String(member)) ? Number(member) : NaN;
  if (Number.isNaN(index))
    return `unit "${unit.id}" names its members by index: give a number from 0 to ${unit.members - 1}`;
  if (index >= unit.members) {
    return unit.members === 0
      ? `unit "${unit.id}" has no members`
      : `member ${index} is out of range: unit "${unit.id}" has ${unit.members} members, 0 to ${unit.members - 1}`;
  }
  return null;
}
