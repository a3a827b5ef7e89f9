import type { CampaignIR } from '@phasegate/compiler';
import { streamFor } from './prng.js';
import { dayIndexOf, type DayTable } from '../calendar.js';
import { buildCalendar, type CampaignCalendar } from '../driver/campaign-calendar.js';
import { resolveExplicitEvents } from './explicit-events.js';
import { planAccrual, type AccrualSeries } from './plan-accrual.js';
import { planWork } from './plan-work.js';
import { planObligations } from './plan-obligations.js';
import { resolveRoles } from './roles.js';
import type { PlanContext, PlannedEvent, Roles } from './plan-types.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * Every event of a run decided in advance, by simulated day, and the accrual series. Tallies of
 * accrued totals and sign-offs are decided during the run.
 */
export interface Plan {
  /** Events dated before the first simulated day: sent first, in time order. */
  readonly prelude: readonly PlannedEvent[];
  /** Events of each simulated day, in time order. */
  readonly byDay: readonly (readonly PlannedEvent[])[];
  /** What members accrue day by day; tallied into facts by the driver (see `Tallies`). */
  readonly accrual: readonly AccrualSeries[];
  readonly lagging: ReadonlySet<string>;
  readonly roles: Roles;
  readonly calendar: CampaignCalendar;
  readonly context: PlanContext;
}

/**
 * Plans a run: resolves the scenario's explicit events, picks the units that lag badly, draws
 * every member's study, every task, deliverable, acknowledgement and report from the behaviour
 * models, and sorts them into days. Pure: the same inputs and seed give the same plan.
 *
 * @param whatIf ids of the amendments in `ir.amendments` added by `--amend`
 */
export function planRun(
  ir: CampaignIR,
  scenario: Scenario,
  days: DayTable,
  whatIf: ReadonlySet<string> = new Set(),
): Plan {
  const roles = resolveRoles(ir, scenario.actors);
  const explicit = resolveExplicitEvents(scenario, ir, roles);
  const calendar = buildCalendar(ir, whatIf, explicit.amendments);
  const issued = new Map<string, number>();
  for (const d of ir.documents) if (d.issued !== null) issued.set(d.id, d.issued);
  for (const [d, at] of explicit.issued) if (!issued.has(d)) issued.set(d, at);
  const context: PlanContext = {
    ir,
    scenario,
    calendar,
    days,
    lagging: pickLagging(scenario),
    roles,
    explicit: explicit.covered,
    issued,
  };
  const all: PlannedEvent[] = [...explicit.events];
  const accrual = planAccrual(context);
  planWork(context, all);
  planObligations(context, all);
  // Whole minutes read better in logs. The sort is stable: equal times keep planning order.
  for (const e of all) e.at = Math.round(e.at / 60_000) * 60_000;
  all.sort((a, b) => a.at - b.at);
  const prelude: PlannedEvent[] = [];
  const byDay: PlannedEvent[][] = days.dates.map(() => []);
  for (const e of all) {
    const d = dayIndexOf(days, e.at);
    if (d < 0) prelude.push(e);
    else if (d < byDay.length) byDay[d].push(e);
  }
  return { prelude, byDay, accrual, lagging: context.lagging, roles, calendar, context };
}

/** The units that lag badly: those named, plus `share` of the rest chosen with the seed. */
function pickLagging(scenario: Scenario): Set<string> {
  const model = scenario.behaviour.lagging;
  const chosen = new Set(model?.units ?? []);
  const share = model?.share ?? 0;
  const want = Math.round(share * scenario.units.length) - chosen.size;
  if (want > 0) {
    const rest = scenario.units.map((u) => u.id).filter((id) => !chosen.has(id));
    const rng = streamFor(scenario.seed, 'lagging');
    for (let i = 0; i < want && i < rest.length; i++) {
      const j = i + Math.floor(rng.next() * (rest.length - i));
      [rest[i], rest[j]] = [rest[j], rest[i]];
      chosen.add(rest[i]);
    }
  }
  return chosen;
}
