import type { CampaignIR } from '@phasegate/compiler';
import { memoryStore, openRuntime, type CampaignEvent, type Runtime, type UnitStatus } from '@phasegate/runtime';
import { dayIndexOf, dayTable, formatInstant, localDateOf, type DayTable } from '../calendar.js';
import { DayFormatter } from './format-time.js';
import { planRun, type Plan } from '../behaviour/plan.js';
import type { PlannedEvent } from '../behaviour/plan-types.js';
import { Supervisors } from '../behaviour/supervisors.js';
import { Tallies } from './tallies.js';
import { unitActor } from '../behaviour/plan-types.js';
import { blockerKey, positionKey } from './blocker-keys.js';
import { assembleResult } from './assemble-result.js';
import type { PreparedCampaign } from './prepare-campaign.js';
import {
  UNIT_STATES,
  type DayRecord,
  type LaneSegment,
  type OverdueGroupInfo,
  type OverdueSnapshot,
  type SimulationResult,
  type UnitState,
} from '../result.js';
import type { LocalDate, Scenario } from '../scenario/scenario.js';

/** Supervisors visit in office hours: from 09:00. */
const OFFICE_OPENS = 9 * 3_600_000;
/** Offices tally accrued totals at the end of the working day. */
const TALLY_HOUR = 17 * 3_600_000;

export interface RunOptions {
  /** The campaign, compiled with its what-if amendments by `prepareCampaign`. */
  readonly campaign: PreparedCampaign;
  readonly scenario: Scenario;
  /** Another range than the scenario's (`--from`, `--to`). */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  /**
   * Opens the runtime the campaign runs on. Default: the production runtime on a memory store,
   * without snapshots (the log is never reopened).
   */
  readonly openRuntime?: (ir: CampaignIR) => Runtime;
  /** Called after each simulated day. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The runtime refused an event the simulator sent: a mistake in the scenario's explicit events, or a bug. */
export class SimulationError extends Error {}

/** The simulated range: the scenario's or the options', defaulting to the campaign's windows. */
export function simulationRange(
  ir: CampaignIR,
  scenario: Scenario,
  from?: LocalDate,
  to?: LocalDate,
): { from: LocalDate; to: LocalDate } {
  const zone = ir.timezone;
  const starts = ir.windows.map((w) => w.start);
  const ends = [...ir.windows.map((w) => w.end), ...ir.amendments.map((a) => a.end)];
  return {
    from: from ?? scenario.from ?? localDateOf(Math.min(...starts), zone),
    to: to ?? scenario.to ?? localDateOf(Math.max(...ends) - 1, zone),
  };
}

/**
 * Runs a campaign forward day by day on the same runtime as production: each simulated day it
 * sends the day's planned events, lets supervisors sign off units whose gates now hold (the same
 * day when the lag allows), sends a clock event at the end of the local day, and samples every
 * unit's status and the overdue lists. Deterministic for a given scenario and seed: no system
 * clock, no Math.random.
 *
 * @example
 * const campaign = prepareCampaign(text, 'first-batch.phase');
 * if (!('ir' in campaign)) throw new Error('the campaign has errors');
 * const result = runSimulation({ campaign, scenario });
 * result.totals.outcomes.study['on-time']; // units that moved on from the study phase on time
 */
export function runSimulation(options: RunOptions): SimulationResult {
  const { scenario } = options;
  const { ir } = options.campaign;
  const zone = ir.timezone;
  const { from, to } = simulationRange(ir, scenario, options.from, options.to);
  const days = dayTable(from, to, zone);
  const plan = planRun(ir, scenario, days, options.campaign.whatIfIds);
  const runtime = (options.openRuntime ?? inMemory)(ir);
  try {
    return drive(options, plan, runtime, days, from, to);
  } finally {
    runtime.close();
  }
}

function inMemory(ir: CampaignIR): Runtime {
  return openRuntime({ ir, store: memoryStore(), snapshotEvery: 0 });
}

function drive(
  options: RunOptions,
  plan: Plan,
  runtime: Runtime,
  days: DayTable,
  from: LocalDate,
  to: LocalDate,
): SimulationResult {
  const { scenario } = options;
  const { ir } = options.campaign;
  const zone = ir.timezone;
  runtime.registerUnits(
    scenario.units.map((u) => ({
      id: u.id,
      members: u.memberIds ?? u.members,
      ...(u.label !== undefined ? { label: u.label } : {}),
      ...(u.kind !== undefined ? { kind: u.kind } : {}),
      ...(u.parent !== undefined ? { parent: u.parent } : {}),
    })),
  );
  const fmt = new DayFormatter(zone);
  let seq = 0;
  let sent = 0;
  // Units whose status may have changed since it was last read: those that received an event or
  // moved (a transition, the clock's included). Others keep their last status: re-reading every
  // unit after every batch would cost more than the rest of the simulation.
  const touched = new Set<string>();
  /** The time of each unit's latest event today: supervisors hear of a unit from then on. */
  const lastEvent = new Map<string, number>();
  const send = (planned: readonly PlannedEvent[], format: (ms: number) => string): void => {
    if (planned.length === 0) return;
    const events = planned.map((p) => ({ ...p.body, id: `sim-${++seq}`, time: format(p.at), actor: p.actor }));
    const result = runtime.ingest(events);
    if (result.rejected.length > 0) throw rejection(result.rejected, events);
    sent += planned.length;
    for (const p of planned) {
      const unit = (p.body as { unit?: string }).unit;
      if (unit !== undefined) {
        touched.add(unit);
        lastEvent.set(unit, p.at);
      }
      // An amendment or an issued document can change every unit.
      if (p.body.type === 'amend' || p.body.type === 'issue') for (const u of scenario.units) touched.add(u.id);
    }
    for (const t of result.transitions) touched.add(t.unit);
  };
  const current = new Map<string, UnitStatus>();
  const refresh = (): void => {
    for (const id of touched) if (current.has(id)) current.set(id, runtime.status(id));
    touched.clear();
  };

  send(plan.prelude, (ms) => formatInstant(ms, zone));
  for (const st of runtime.statuses()) current.set(st.id, st);
  touched.clear();

  const supervisors = new Supervisors(scenario.behaviour.signoffs, scenario.units, plan.lagging, scenario.seed);
  const tallies = new Tallies(plan.accrual, (unit) => unitActor(plan.context, unit));
  const accrued = tallies.metrics;
  /**
   * For a unit held at a transfer point (as of the last status read): the accrued metrics a gate
   * fails on, each with its per-member threshold when the gate asks `every member … >= n`.
   */
  const blockedOn = (unit: string): ReadonlyMap<string, number | null> | undefined => {
    const st = current.get(unit);
    if (!st || st.position !== 'transfer') return undefined;
    const metrics = new Map<string, number | null>();
    for (const b of st.blockers) {
      // A checklist item whose condition fails may hang on any accrued metric: count them all.
      if (b.kind === 'checkpoint' && b.missing.some((m) => m.reason === 'condition'))
        for (const m of accrued) metrics.set(m, null);
      if (b.kind !== 'gate') continue;
      for (const g of b.failing) {
        if (g.metric === null || !accrued.has(g.metric)) continue;
        const threshold = g.aggregate === 'every' && (g.op === '>=' || g.op === '>') ? g.target : null;
        const known = metrics.get(g.metric);
        metrics.set(
          g.metric,
          known === undefined ? threshold : known === null || threshold === null ? null : Math.max(known, threshold),
        );
      }
    }
    return metrics.size > 0 ? metrics : undefined;
  };
  const later: PlannedEvent[][] = days.dates.map(() => []);
  const schedule = (events: readonly PlannedEvent[], today: number, sendNow: PlannedEvent[]): void => {
    for (const e of events) {
      const day = dayIndexOf(days, e.at);
      if (day <= today) sendNow.push(e);
      else if (day < days.dates.length) later[day].push(e);
    }
  };

  const lanes = new Map<string, LaneSegment[]>(scenario.units.map((u) => [u.id, []]));
  const lastPosition = new Map<string, string>();
  const waitedDays = new Map<string, number>();
  const groupInfo = new Map<string, OverdueGroupInfo>();
  const snapshotDates = new Set(scenario.snapshots);
  const snapshots: OverdueSnapshot[] = [];
  const records: DayRecord[] = [];
  const blockerLabels = new Map<string, { kind: string; label: string }>();
  const labelOf = new Map(scenario.units.map((u) => [u.id, u.label ?? u.id]));

  for (let d = 0; d < days.dates.length; d++) {
    const dayStartMs = days.starts[d];
    const dayEndMs = days.starts[d + 1];
    fmt.setDay(dayStartMs, dayEndMs);
    lastEvent.clear();
    const counted = tallies.facts(d, dayStartMs + TALLY_HOUR, blockedOn);
    const todays = mergeByTime(plan.byDay[d], later[d], counted);
    send(todays, (ms) => fmt.format(ms));
    let count = todays.length;

    // Units that came to a transfer point today, held by accrued hours: their office counts today.
    let changed = [...touched];
    refresh();
    const counts: PlannedEvent[] = [];
    for (const id of changed) {
      const short = blockedOn(id);
      if (short)
        counts.push(...tallies.unitFacts(id, d, Math.max(lastEvent.get(id) ?? 0, dayStartMs + TALLY_HOUR), short));
    }
    if (counts.length > 0) {
      counts.sort((a, b) => a.at - b.at);
      send(counts, (ms) => fmt.format(ms));
      count += counts.length;
      changed = [...new Set([...changed, ...touched])];
      refresh();
    }
    // Units ready for their checklist after today's events: the group can still come today.
    const sameDay: PlannedEvent[] = [];
    for (const id of changed) {
      const st = current.get(id);
      if (st)
        schedule(
          supervisors.visit(st, Math.max(lastEvent.get(id) ?? dayStartMs, dayStartMs + OFFICE_OPENS)),
          d,
          sameDay,
        );
    }
    sameDay.sort((a, b) => a.at - b.at);
    send(sameDay, (ms) => fmt.format(ms));
    count += sameDay.length;

    // The end of the local day: one second before midnight, so windows ending at midnight are still open.
    const clock = runtime.ingest([
      {
        type: 'clock',
        id: `sim-clock-${d}`,
        time: fmt.format(dayEndMs - 1000),
        actor: { user: 'sim:clock', role: plan.roles.office },
      },
    ]);
    for (const t of clock.transitions) touched.add(t.unit);
    const moved = [...touched];
    refresh();
    // Units that became ready with the clock are visited from the next morning.
    for (const id of moved) {
      const st = current.get(id);
      if (st) schedule(supervisors.visit(st, dayEndMs + OFFICE_OPENS), d, []);
    }

    const byState = Object.fromEntries(UNIT_STATES.map((s) => [s, 0])) as Record<UnitState, number>;
    const byPosition: Record<string, number> = {};
    let movedToday = 0;
    for (const st of current.values()) {
      const position = positionKey(st);
      const state = st.state;
      byState[state] = (byState[state] ?? 0) + 1;
      byPosition[position] = (byPosition[position] ?? 0) + 1;
      if (lastPosition.has(st.id) && lastPosition.get(st.id) !== position) movedToday++;
      lastPosition.set(st.id, position);
      const waiting = state === 'awaiting-transfer' || state === 'late' || state === 'remediation';
      const keys = st.blockers.map((b) => blockerKey(b, position, ir, blockerLabels));
      if (waiting) for (const k of keys) waitedDays.set(k, (waitedDays.get(k) ?? 0) + 1);
      const blocker = waiting && keys.length > 0 ? keys[0] : null;
      const lane = lanes.get(st.id)!;
      const last = lane[lane.length - 1];
      if (last && last.position === position && last.state === state && last.blocker === blocker && last.to === d - 1)
        lane[lane.length - 1] = { ...last, to: d };
      else lane.push({ from: d, to: d, position, state, blocker });
    }

    const overdue = runtime.overdue(fmt.format(dayEndMs - 1000));
    const overdueCounts: Record<string, number> = {};
    for (const g of overdue.groups) {
      const key = g.subject ? `${g.obligation}/${g.subject}` : g.obligation;
      overdueCounts[key] = g.entries.length;
      if (!groupInfo.has(key))
        groupInfo.set(key, { key, obligation: g.obligation, label: g.label, subject: g.subject, due: g.due });
    }
    const date = days.dates[d];
    if (snapshotDates.has(date) || d === days.dates.length - 1) {
      snapshots.push({
        date,
        groups: overdue.groups.map((g) => ({
          key: g.subject ? `${g.obligation}/${g.subject}` : g.obligation,
          label: g.label,
          subject: g.subject,
          due: g.due,
          message: g.message,
          entries: g.entries.map((e) => ({
            unit: e.unit,
            label: e.unit ? (labelOf.get(e.unit) ?? e.unit) : (e.role ?? ''),
            daysLate: e.daysLate,
          })),
        })),
      });
    }
    records.push({ date, byState, byPosition, overdue: overdueCounts, events: count, moved: movedToday });
    options.onProgress?.(d + 1, days.dates.length);
  }

  return assembleResult(
    options,
    plan,
    days,
    from,
    to,
    records,
    lanes,
    [...current.values()],
    snapshots,
    groupInfo,
    waitedDays,
    blockerLabels,
    sent,
    supervisors.count,
  );
}

function rejection(
  rejected: readonly { index: number; field: string; message: string }[],
  events: readonly CampaignEvent[],
): SimulationError {
  const lines = rejected
    .slice(0, 5)
    .map((r) => `  ${describeEvent(events[r.index])}: ${r.field ? `${r.field}: ` : ''}${r.message}`);
  return new SimulationError(
    `the runtime rejected ${rejected.length} simulated event${rejected.length === 1 ? '' : 's'}:\n${lines.join('\n')}` +
      `${rejected.length > 5 ? `\n  … and ${rejected.length - 5} more` : ''}\n` +
      'Check the explicit events of the scenario against the campaign (unit ids, member indexes, names).',
  );
}

function describeEvent(e: CampaignEvent | undefined): string {
  if (!e) return 'an event';
  const what = Object.entries(e)
    .filter(([k]) => k !== 'id' && k !== 'actor')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return `{${what}}`;
}

function mergeByTime(...lists: readonly (readonly PlannedEvent[])[]): PlannedEvent[] {
  const all = lists.flat();
  // Stable: equal times keep the lists' order.
  return lists.filter((l) => l.length > 0).length > 1 ? all.sort((x, y) => x.at - y.at) : all;
}
