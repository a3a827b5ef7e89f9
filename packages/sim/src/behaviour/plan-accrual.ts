import { fromThousandths, toThousandths } from '@phasegate/compiler/semantics';
import { sample } from './distribution.js';
import { streamFor } from './prng.js';
import { daysBetween, dayStart } from '../calendar.js';
import { choose, type PlanContext } from './plan-types.js';
import { anchorTime } from './plan-anchor.js';
import type { AccrualModel, LocalDate, RosterUnit } from '../scenario/scenario.js';

/**
 * What one unit accrued on one metric: every member's running total (rounded down to the
 * model's `round`) at the end of every simulated day, and the days its office tallies them.
 */
export interface AccrualSeries {
  readonly metric: string;
  readonly unit: string;
  /** Members, or 1 for a unit metric (`perMember` false). */
  readonly members: number;
  readonly perMember: boolean;
  /** `values[day * members + member]`: the total at the end of simulated day `day`. */
  readonly values: Float32Array;
  /** Simulated days on which the totals are tallied (sent as facts) whatever the unit's state. */
  readonly tallyDays: Uint8Array;
  /** While a gate on this metric holds the unit back, tally at least this often (days). */
  readonly blockedEvery: number;
}

/**
 * Draws the accrual models: each member (or unit, for unit metrics) gains a number of hours (or
 * days, …) every week, drawn from the unit's distribution, scaled by holidays and by the unit's
 * `unitFactor`. Members absent at first gain nothing until their unit's make-up sessions, then
 * catch up at `catchUp` times their pace until level with where they would have been.
 *
 * The totals reach the runtime as tallies (see `Tallies`): when a unit stands at a transfer
 * point and a gate or checklist condition on the metric fails, then every `blockedEvery` days
 * while it still does; every `every` days when the model asks; and on the last day.
 */
export function planAccrual(ctx: PlanContext): AccrualSeries[] {
  const { scenario, ir } = ctx;
  const seed = scenario.seed;
  const simFrom = ctx.days.dates[0];
  const days = ctx.days.dates.length;
  const absence = scenario.behaviour.absence;
  const out: AccrualSeries[] = [];
  for (const model of scenario.behaviour.accrual ?? []) {
    const metric = ir.metrics.find((m) => m.id === model.metric);
    if (!metric) continue;
    const from = model.from ?? simFrom;
    // Day indexes relative to the simulation; the model may start before it.
    const first = daysBetween(simFrom, from);
    const last = model.until === undefined ? days - 1 : Math.min(days - 1, daysBetween(simFrom, model.until));
    if (last < Math.max(0, first)) continue;
    const factors = holidayFactors(ctx, from, last - first + 1);
    const tallyDays = tallySchedule(days, Math.max(0, first), last, model.every);
    const round = model.round ?? 0.5;
    const fromStart = dayStart(from, ir.timezone);
    for (const unit of scenario.units) {
      const lagging = ctx.lagging.has(unit.id);
      const dist = choose(model, model.perWeek, unit, lagging);
      const perMember = metric.level === 'member';
      const members = perMember ? unit.members : 1;
      // Absent members and the day (from `from`) their unit's make-up sessions start.
      let absent = new Set<number>();
      let makeUpDay = Infinity;
      if (perMember && absence) {
        const share = Math.min(
          1,
          Math.max(0, sample(choose(absence, absence.share, unit, lagging), streamFor(seed, 'absence-share', unit.id))),
        );
        absent = pickMembers(members, Math.round(share * members), streamFor(seed, 'absent', unit.id));
        const t = anchorTime(ctx, absence.makeUp, streamFor(seed, 'make-up', unit.id));
        makeUpDay = Number.isFinite(t) ? Math.max(0, Math.ceil((t - fromStart) / 86_400_000)) : Infinity;
      }
      const catchUp = absence?.catchUp ?? 2;
      // One draw per unit, shared by every accrual model (the unit's seriousness).
      const pace =
        model.unitFactor === undefined
          ? 1
          : Math.max(0, sample(model.unitFactor, streamFor(seed, 'unit-pace', unit.id)));
      const values = new Float32Array(days * members);
      for (let m = 0; m < members; m++) {
        accrueOne(
          model,
          unit,
          perMember ? m : -1,
          seed,
          dist,
          pace,
          factors,
          first,
          days,
          round,
          absent.has(m) ? makeUpDay : 0,
          catchUp,
          (day, v) => {
            values[day * members + m] = v;
          },
        );
      }
      out.push({
        metric: model.metric,
        unit: unit.id,
        members,
        perMember,
        values,
        tallyDays,
        blockedEvery: model.blockedEvery ?? 3,
      });
    }
  }
  return out;
}

function accrueOne(
  model: AccrualModel,
  unit: RosterUnit,
  member: number,
  seed: number,
  dist: Parameters<typeof sample>[0],
  pace: number,
  factors: readonly number[],
  first: number,
  days: number,
  round: number,
  presentFrom: number,
  catchUp: number,
  set: (day: number, value: number) => void,
): void {
  const rng = streamFor(seed, 'accrual', model.metric, unit.id, member);
  let actual = 0;
  let shadow = 0;
  let daily = 0;
  for (let d = 0; d < factors.length; d++) {
    if (d % 7 === 0) daily = (pace * Math.max(0, sample(dist, rng))) / 7;
    const gain = daily * factors[d];
    shadow += gain;
    // Make-up sessions: faster than usual until level with the pace they missed.
    if (d >= presentFrom && actual < shadow) actual += Math.min(gain * catchUp, shadow - actual);
    const day = first + d;
    if (day >= 0 && day < days) set(day, kept(Math.floor(actual / round + 1e-9) * round));
  }
  // After `until` the total stays where it was.
  const end = kept(Math.floor(actual / round + 1e-9) * round);
  for (let day = Math.max(0, first + factors.length); day < days; day++) set(day, end);
}

/** The accrual multiplier of each day from `from` (1 outside holidays). */
function holidayFactors(ctx: PlanContext, from: LocalDate, length: number): number[] {
  const factors = new Array<number>(length).fill(1);
  for (const h of ctx.scenario.behaviour.holidays ?? []) {
    const a = Math.max(0, daysBetween(from, h.from));
    const b = Math.min(length - 1, daysBetween(from, h.to));
    for (let d = a; d <= b; d++) factors[d] = factors[d] * h.factor;
  }
  return factors;
}

/**
 * The days totals are tallied whatever happens: every `every` days (when given) after the
 * start, and the last day, so that the run ends with every total known.
 */
function tallySchedule(days: number, first: number, last: number, every: number | undefined): Uint8Array {
  const tally = new Uint8Array(days);
  if (every !== undefined) for (let d = first + every - 1; d <= last; d += every) tally[d] = 1;
  tally[last] = 1;
  return tally;
}

/** `count` distinct member indexes out of `members`, chosen at random (partial Fisher–Yates). */
function pickMembers(members: number, count: number, rng: { next(): number }): Set<number> {
  const all = Array.from({ length: members }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (members - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return new Set(all.slice(0, count));
}

/** A total as a metric holds it: kept to the thousandth (a round of 0.1 would leave 0.30000000000000004). */
function kept(value: number): number {
  return fromThousandths(toThousandths(value));
}
