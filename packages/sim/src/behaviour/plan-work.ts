import { fromThousandths, toThousandths } from '@phasegate/compiler/semantics';
import type { RequirementIR, StepIR } from '@phasegate/compiler';
import { sample } from './distribution.js';
import { streamFor, type Rng } from './prng.js';
import { DAY_MS } from '../calendar.js';
import { anchorTime } from './plan-anchor.js';
import { choose, unitActor, type PlanContext, type PlannedEvent } from './plan-types.js';

/**
 * Plans the units' own work: each task and deliverable of each step, done `lag` days (or
 * fractions of the window, with `scale: window`) after the step's window opens (in an `any of` group the unit does one option, chosen at random), and
 * each measured level (a rate, a count of days) at its anchor.
 */
export function planWork(ctx: PlanContext, out: PlannedEvent[]): void {
  const { scenario, ir } = ctx;
  const { tasks, deliverables, levels } = scenario.behaviour;
  const seed = scenario.seed;
  for (const unit of scenario.units) {
    const lagging = ctx.lagging.has(unit.id);
    const actor = unitActor(ctx, unit.id);
    for (const phase of ir.phases) {
      for (const step of phase.steps) {
        const window = ctx.calendar.byOwner.get(`${phase.id}.${step.id}`) ?? ir.windows[step.window];
        const opens = window.start;
        const taskUnit = tasks?.scale === 'window' ? window.end - window.start : DAY_MS;
        const deliverableUnit = deliverables?.scale === 'window' ? window.end - window.start : DAY_MS;
        const chosen = chosenItems(step, streamFor(seed, 'any-of', unit.id, phase.id, step.id));
        if (tasks) {
          for (const task of chosen.tasks) {
            if (ctx.explicit.has(`task:${unit.id}:${task}`)) continue;
            const lag = sample(
              choose(tasks, tasks.lag, unit, lagging, tasks.byTask, task),
              streamFor(seed, 'task', unit.id, task),
            );
            if (Number.isFinite(lag))
              out.push({ at: opens + Math.max(0, lag) * taskUnit, body: { type: 'task', unit: unit.id, task }, actor });
          }
        }
        if (deliverables) {
          for (const deliverable of chosen.deliverables) {
            if (ctx.explicit.has(`deliverable:${unit.id}:${deliverable}`)) continue;
            const d = choose(deliverables, deliverables.lag, unit, lagging, deliverables.byDeliverable, deliverable);
            const lag = sample(d, streamFor(seed, 'deliverable', unit.id, deliverable));
            if (Number.isFinite(lag)) {
              out.push({
                at: opens + Math.max(0, lag) * deliverableUnit,
                body: { type: 'deliverable', unit: unit.id, deliverable },
                actor,
              });
            }
          }
        }
      }
    }
    (levels ?? []).forEach((level, i) => {
      const metric = ir.metrics.find((m) => m.id === level.metric);
      if (!metric) return;
      const at = anchorTime(ctx, level.at, streamFor(seed, 'level-at', i, unit.id));
      if (!Number.isFinite(at)) return;
      const raw = sample(choose(level, level.value, unit, lagging), streamFor(seed, 'level', i, unit.id));
      const round = level.round ?? (metric.unit === 'days' || metric.unit === 'count' ? 1 : 0.1);
      // A fact carries a value a metric holds: kept to the thousandth.
      const value = fromThousandths(toThousandths(Math.round(raw / round) * round));
      out.push({ at, body: { type: 'fact', unit: unit.id, metric: level.metric, value, mode: 'set' }, actor });
    });
  }
}

/** The tasks and deliverables this unit will do in a step: everything, but one option per `any of`. */
function chosenItems(step: StepIR, rng: Rng): { tasks: string[]; deliverables: string[] } {
  const tasks: string[] = [];
  const deliverables: string[] = [];
  const walk = (r: RequirementIR): void => {
    if (r.kind === 'task') tasks.push(r.task);
    else if (r.kind === 'deliverable') deliverables.push(r.deliverable);
    else if (r.kind === 'all') r.items.forEach(walk);
    else if (r.items.length > 0) walk(r.items[Math.floor(rng.next() * r.items.length)]);
  };
  walk(step.requirement);
  // Declared items outside the requirement tree (none today) are still done.
  for (const t of step.tasks) if (!tasks.includes(t.id) && !inTree(step.requirement, 'task', t.id)) tasks.push(t.id);
  for (const d of step.deliverables) {
    if (!deliverables.includes(d.id) && !inTree(step.requirement, 'deliverable', d.id)) deliverables.push(d.id);
  }
  return { tasks, deliverables };
}

function inTree(r: RequirementIR, kind: 'task' | 'deliverable', id: string): boolean {
  if (r.kind === 'task') return kind === 'task' && r.task === id;
  if (r.kind === 'deliverable') return kind === 'deliverable' && r.deliverable === id;
  return r.items.some((i) => inTree(i, kind, id));
}
