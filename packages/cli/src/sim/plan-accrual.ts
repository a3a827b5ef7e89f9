import { sample } from './distribution.js';
import { streamFor } from './prng.js';
import { addDays, daysBetween, dayStart, localDateOf } from './calendar.js';
import { choose, unitActor, type PlanContext, type PlannedEvent } from './plan-types.js';
import { anchorTime } from './plan-anchor.js';
import type { AccrualModel, LocalDate, RosterUnit } from './scenario.js';

const HOUR_MS = 3_600_000;
/** Records are written at the end of the working day. */
const RECORD_HOUR = 17;

/**
 * Plans the facts of the accrual models: each member (or unit, for unit metrics) gains a number
 * of hours (or days, …) every week, drawn from the unit's distribution, scaled by holidays.
 * Members absent at first gain nothing until their unit's make-up sessions, then catch up at
 * `catchUp` times their pace until they are level with where they would have been. Running
 * totals are recorded as `set` facts (only when changed) on the last day of every step window,
 * `every` days after the previous record, and on the last day.
 */
export function planAccrual(ctx: PlanContext, out: PlannedEvent[]): void {
  const { scenario, ir } = ctx;
  const seed = scenario.seed;
  const simFrom = ctx.days.dates[0]!;
  const simTo = ctx.days.dates[ctx.days.dates.length - 1]!;
  const absence = scenario.behaviour.absence;
  for (const model of scenario.behaviour.accrual ?? []) {
    const metric = ir.metrics.find((m) => m.id === model.metric);
    if (!metric) continue;
    const from = model.from ?? simFrom;
    const until = model.until !== undefined && model.until < simTo ? model.until : simTo;
    const length = daysBetween(from, until) + 1;
    if (length <= 0) continue;
    const factors = holidayFactors(ctx, from, length);
    const recordAt = recordTimes(ctx, from, length, model.every ?? 7);
    const round = model.round ?? 0.5;
    for (const unit of scenario.units) {
      const lagging = ctx.lagging.has(unit.id);
      const dist = choose(model, model.perWeek, unit, lagging);
      const perMember = metric.level === 'member';
      const members = perMember ? unit.members : 1;
      // Absent members and the day (index from `from`) their unit's make-up sessions start.
      let absent: Set<number> = new Set();
      let makeUpDay = Infinity;
      if (perMember && absence) {
        const share = Math.min(1, Math.max(0, sample(choose(absence, absence.share, unit, lagging), streamFor(seed, 'absence-share', unit.id))));
        const count = Math.round(share * members);
        absent = pickMembers(members, count, streamFor(seed, 'absent', unit.id));
        const t = anchorTime(ctx, absence.makeUp, streamFor(seed, 'make-up', unit.id));
        makeUpDay = Number.isFinite(t) ? Math.max(0, Math.ceil((t - dayStart(from, ir.timezone)) / 86_400_000)) : Infinity;
      }
      const catchUp = absence?.catchUp ?? 2;
      // One uniform draw per unit, shared by every accrual model (a unit's seriousness).
      const pace = model.unitFactor === undefined ? 1 : Math.max(0, sample(model.unitFactor, streamFor(seed, 'unit-pace', unit.id)));
      for (let m = 0; m < members; m++) {
        accrueOne(ctx, model, unit, perMember ? m : undefined, dist, pace, factors, recordAt, round, absent.has(m) ? makeUpDay : 0, catchUp, out);
      }
    }
  }
}

function accrueOne(
  ctx: PlanContext,
  model: AccrualModel,
  unit: RosterUnit,
  member: number | undefined,
  dist: Parameters<typeof sample>[0],
  pace: number,
  factors: readonly number[],
  recordAt: readonly (number | undefined)[],
  round: number,
  presentFrom: number,
  catchUp: number,
  out: PlannedEvent[],
): void {
  const rng = streamFor(ctx.scenario.seed, 'accrual', model.metric, unit.id, member ?? -1);
  let actual = 0;
  let shadow = 0;
  let daily = 0;
  let recorded = 0;
  for (let d = 0; d < factors.length; d++) {
    if (d % 7 === 0) daily = (pace * Math.max(0, sample(dist, rng))) / 7;
    const gain = daily * factors[d]!;
    shadow += gain;
    if (d >= presentFrom) {
      // Make-up sessions: faster than usual until level with the pace they missed.
      if (actual < shadow) actual += Math.min(gain * catchUp, shadow - actual);
    }
    const at = recordAt[d];
    if (at !== undefined) {
      const value = Math.floor(actual / round + 1e-9) * round;
      if (value !== recorded) {
        recorded = value;
        out.push({
          at,
          body: { type: 'fact', unit: unit.id, metric: model.metric, ...(member !== undefined ? { member } : {}), value: Number(value.toFixed(6)), mode: 'set' },
          actor: unitActor(ctx, unit.id),
        });
      }
    }
  }
}

/** The accrual multiplier of each day from `from` (1 outside holidays). */
function holidayFactors(ctx: PlanContext, from: LocalDate, length: number): number[] {
  const factors = new Array<number>(length).fill(1);
  for (const h of ctx.scenario.behaviour.holidays ?? []) {
    const a = Math.max(0, daysBetween(from, h.from));
    const b = Math.min(length - 1, daysBetween(from, h.to));
    for (let d = a; d <= b; d++) factors[d] = factors[d]! * h.factor;
  }
  return factors;
}

/**
 * The instant running totals are recorded on day `d`, or undefined when not recorded that day:
 * on the last day of every step window (units tally before a step is judged), otherwise `every`
 * days after the previous record, and on the last day.
 */
function recordTimes(ctx: PlanContext, from: LocalDate, length: number, every: number): (number | undefined)[] {
  const zone = ctx.ir.timezone;
  const stepEnds = new Set<number>();
  for (const [owner, bounds] of ctx.calendar.byOwner) {
    if (owner.includes('.')) stepEnds.add(daysBetween(from, localDateOf(bounds.end - 1, zone)));
  }
  const times: (number | undefined)[] = new Array(length).fill(undefined);
  let last = -1;
  for (let d = 0; d < length; d++) {
    if (stepEnds.has(d) || d - last >= every || d === length - 1) {
      times[d] = dayStart(addDays(from, d), zone) + RECORD_HOUR * HOUR_MS;
      last = d;
    }
  }
  return times;
}

/** `count` distinct member indexes out of `members`, chosen at random (partial Fisher–Yates). */
function pickMembers(members: number, count: number, rng: { next(): number }): Set<number> {
  const all = Array.from({ length: members }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (members - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return new Set(all.slice(0, count));
}
