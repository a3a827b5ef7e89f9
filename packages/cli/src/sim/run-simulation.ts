import type { CampaignIR } from '@phasegate/compiler';
import type { Blocker, CampaignEvent, Runtime, UnitStatus } from '@phasegate/runtime';
import { sample } from './distribution.js';
import { streamFor } from './prng.js';
import { DAY_MS, dayTable, formatInstant, localDateOf } from './calendar.js';
import { DayFormatter } from './format-time.js';
import { planRun, type Plan } from './plan.js';
import type { PlannedEvent } from './plan-types.js';
import { choose } from './plan-types.js';
import {
  RESULT_FORMAT,
  UNIT_STATES,
  type BlockerCount,
  type DayRecord,
  type LaneSegment,
  type OverdueGroupInfo,
  type OverdueSnapshot,
  type PhaseOutcome,
  type SimulationResult,
  type UnitResult,
  type UnitState,
} from './result.js';
import type { LocalDate, Scenario } from './scenario.js';

export interface RunOptions {
  readonly ir: CampaignIR;
  /** The campaign file, for the result's header. */
  readonly campaignFile: string;
  readonly scenario: Scenario;
  /** Overrides of the scenario's range (`--from`, `--to`). */
  readonly from?: LocalDate;
  readonly to?: LocalDate;
  /** The `--amend` texts applied to the IR, for the result's header. */
  readonly whatIf?: readonly string[];
  /** Ids of the amendments in `ir.amendments` that the `--amend` texts added. */
  readonly whatIfIds?: ReadonlySet<string>;
  /** Opens the runtime (an in-memory store) for the campaign. */
  readonly openRuntime: (ir: CampaignIR) => Runtime;
  /** Called after each simulated day. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The runtime refused an event the simulator sent: a mistake in the scenario's explicit events, or a bug. */
export class SimulationError extends Error {}

/** The simulated range: the scenario's or the options', defaulting to the campaign's windows. */
export function simulationRange(ir: CampaignIR, scenario: Scenario, from?: LocalDate, to?: LocalDate): { from: LocalDate; to: LocalDate } {
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
 * sends the day's planned events, then a clock event at the end of the local day, samples every
 * unit's status and the overdue lists, and lets supervisors schedule sign-offs for units whose
 * gates hold. Deterministic for a given scenario and seed: no system clock, no Math.random.
 *
 * @example
 * const result = runSimulation({ ir, campaignFile, scenario, openRuntime: (ir) => openRuntime({ ir, store: 'memory' }) });
 * result.totals.outcomes.study['on-time']; // units that moved on from the study phase on time
 */
export function runSimulation(options: RunOptions): SimulationResult {
  const { ir, scenario } = options;
  const zone = ir.timezone;
  const { from, to } = simulationRange(ir, scenario, options.from, options.to);
  const days = dayTable(from, to, zone);
  const plan = planRun(ir, scenario, days, options.whatIfIds);
  const runtime = options.openRuntime(ir);
  try {
    return drive(options, plan, runtime, days, from, to);
  } finally {
    runtime.close();
  }
}

function drive(options: RunOptions, plan: Plan, runtime: Runtime, days: ReturnType<typeof dayTable>, from: LocalDate, to: LocalDate): SimulationResult {
  const { ir, scenario } = options;
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
  let seq = 0;
  let sent = 0;
  const fmt = new DayFormatter(zone);
  const send = (planned: readonly PlannedEvent[], format: (ms: number) => string): void => {
    if (planned.length === 0) return;
    const events = planned.map((p) => ({ ...p.body, id: `sim-${++seq}`, time: format(p.at), actor: p.actor }) as CampaignEvent);
    const result = runtime.ingest(events);
    if (result.rejected.length > 0) {
      const lines = result.rejected.slice(0, 5).map((r) => {
        const e = events[r.index];
        return `  ${describeEvent(e)}: ${r.field ? `${r.field}: ` : ''}${r.message}`;
      });
      throw new SimulationError(
        `the runtime rejected ${result.rejected.length} simulated event${result.rejected.length === 1 ? '' : 's'}:\n${lines.join('\n')}` +
          `${result.rejected.length > 5 ? `\n  … and ${result.rejected.length - 5} more` : ''}\n` +
          'Check the explicit events of the scenario against the campaign (unit ids, member indexes, names).',
      );
    }
    sent += planned.length;
  };

  send(plan.prelude, (ms) => formatInstant(ms, zone));

  const unitIds = scenario.units.map((u) => u.id);
  const lanes = new Map<string, LaneSegment[]>(unitIds.map((id) => [id, []]));
  const lastPosition = new Map<string, string>();
  const signoffsByDay: PlannedEvent[][] = days.dates.map(() => []);
  const signoffScheduled = new Set<string>();
  const waitedDays = new Map<string, number>();
  const groupInfo = new Map<string, OverdueGroupInfo>();
  const snapshotDates = new Set(scenario.snapshots);
  const snapshots: OverdueSnapshot[] = [];
  const records: DayRecord[] = [];
  const blockerLabels = new Map<string, { kind: string; label: string }>();
  const signoffs = scenario.behaviour.signoffs;
  let signoffCount = 0;
  let finalStatuses: UnitStatus[] = [];

  for (let d = 0; d < days.dates.length; d++) {
    const dayStartMs = days.starts[d]!;
    const dayEndMs = days.starts[d + 1]!;
    fmt.setDay(dayStartMs, dayEndMs);
    const todays = mergeByTime(plan.byDay[d]!, signoffsByDay[d]!);
    send(todays, (ms) => fmt.format(ms));
    // The end of the local day: one second before midnight, so windows ending at midnight are still open.
    runtime.ingest([{ type: 'clock', id: `sim-clock-${d}`, time: fmt.format(dayEndMs - 1000), actor: { user: 'sim:clock', role: plan.roles.office } }]);

    const byState = Object.fromEntries(UNIT_STATES.map((s) => [s, 0])) as Record<UnitState, number>;
    const byPosition: Record<string, number> = {};
    let moved = 0;
    const statuses = [...runtime.statuses()];
    for (const st of statuses) {
      const position = positionKey(st);
      const state = st.state as UnitState;
      byState[state] = (byState[state] ?? 0) + 1;
      byPosition[position] = (byPosition[position] ?? 0) + 1;
      if (lastPosition.has(st.id) && lastPosition.get(st.id) !== position) moved++;
      lastPosition.set(st.id, position);
      const waiting = state === 'awaiting-transfer' || state === 'late' || state === 'remediation';
      const keys = st.blockers.map((b) => blockerKey(b, position, ir, blockerLabels));
      if (waiting) for (const k of keys) waitedDays.set(k, (waitedDays.get(k) ?? 0) + 1);
      const blocker = waiting && keys.length > 0 ? keys[0]! : null;
      const lane = lanes.get(st.id);
      if (lane) {
        const last = lane[lane.length - 1];
        if (last && last.position === position && last.state === state && last.blocker === blocker && last.to === d - 1) {
          lane[lane.length - 1] = { ...last, to: d };
        } else lane.push({ from: d, to: d, position, state, blocker });
      }
      // Supervisors visit once every gate holds and only their checklist is missing.
      if (signoffs && st.position === 'transfer' && st.blockers.length > 0 && st.blockers.every((b) => b.kind === 'checkpoint')) {
        const key = `${st.id}\u0000${st.phase}`;
        if (!signoffScheduled.has(key)) {
          signoffScheduled.add(key);
          const unit = scenario.units.find((u) => u.id === st.id);
          if (unit) {
            const lag = sample(choose(signoffs, signoffs.lag, unit, plan.lagging.has(unit.id)), streamFor(scenario.seed, 'signoff', unit.id, st.phase ?? ''));
            if (Number.isFinite(lag)) {
              const at = dayEndMs + Math.max(0, lag) * DAY_MS;
              const day = days.starts.findIndex((s, i) => i < days.dates.length && s <= at && at < days.starts[i + 1]!);
              if (day >= 0) {
                for (const b of st.blockers) {
                  if (b.kind !== 'checkpoint') continue;
                  for (const m of b.missing) {
                    if (m.reason !== 'unsigned') continue;
                    signoffsByDay[day]!.push({
                      at,
                      body: { type: 'signoff', unit: st.id, checkpoint: b.checkpoint, item: m.item },
                      actor: { user: 'sim:supervisor', role: b.signer },
                    });
                    signoffCount++;
                  }
                }
              }
            }
          }
        }
      }
    }
    const overdue = runtime.overdue(fmt.format(dayEndMs - 1000));
    const overdueCounts: Record<string, number> = {};
    for (const g of overdue.groups) {
      const key = g.subject ? `${g.obligation}/${g.subject}` : g.obligation;
      overdueCounts[key] = g.entries.length;
      if (!groupInfo.has(key)) groupInfo.set(key, { key, obligation: g.obligation, label: g.label, subject: g.subject, due: g.due });
    }
    const date = days.dates[d]!;
    if (snapshotDates.has(date) || d === days.dates.length - 1) {
      const labelOf = new Map(scenario.units.map((u) => [u.id, u.label ?? u.id]));
      snapshots.push({
        date,
        groups: overdue.groups.map((g) => ({
          key: g.subject ? `${g.obligation}/${g.subject}` : g.obligation,
          label: g.label,
          subject: g.subject,
          due: g.due,
          message: g.message,
          entries: g.entries.map((e) => ({ unit: e.unit, label: e.unit ? (labelOf.get(e.unit) ?? e.unit) : (e.role ?? ''), daysLate: e.daysLate })),
        })),
      });
    }
    records.push({ date, byState, byPosition, overdue: overdueCounts, events: todays.length, moved });
    finalStatuses = statuses;
    options.onProgress?.(d + 1, days.dates.length);
  }

  return assemble(options, plan, days, from, to, records, lanes, finalStatuses, snapshots, groupInfo, waitedDays, blockerLabels, sent, signoffCount);
}

function assemble(
  options: RunOptions,
  plan: Plan,
  days: ReturnType<typeof dayTable>,
  from: LocalDate,
  to: LocalDate,
  records: DayRecord[],
  lanes: Map<string, LaneSegment[]>,
  statuses: UnitStatus[],
  snapshots: OverdueSnapshot[],
  groupInfo: Map<string, OverdueGroupInfo>,
  waitedDays: Map<string, number>,
  blockerLabels: Map<string, { kind: string; label: string }>,
  events: number,
  signoffs: number,
): SimulationResult {
  const { ir, scenario } = options;
  const end = days.starts[days.starts.length - 1]!;
  const statusOf = new Map(statuses.map((s) => [s.id, s]));
  const outcomesTotal: Record<string, Record<PhaseOutcome, number>> = {};
  for (const p of ir.phases) outcomesTotal[p.id] = { 'on-time': 0, late: 0, overdue: 0, open: 0 };
  const finalBlockers = new Map<string, { units: number; details: Map<string, number> }>();

  const units: UnitResult[] = scenario.units.map((u) => {
    const st = statusOf.get(u.id);
    const position = st ? positionKey(st) : 'unknown';
    const outcomes: Record<string, PhaseOutcome> = {};
    for (const p of ir.phases) {
      const t = st?.transfers.find((x) => x.phase === p.id);
      let outcome: PhaseOutcome;
      if (t) outcome = t.onTime ? 'on-time' : 'late';
      else {
        const window = plan.calendar.byOwner.get(p.id);
        outcome = window && window.end <= end ? 'overdue' : 'open';
      }
      outcomes[p.id] = outcome;
      outcomesTotal[p.id]![outcome]++;
    }
    const blockers = (st?.blockers ?? []).map((b) => {
      const key = blockerKey(b, position, ir, blockerLabels);
      const entry = finalBlockers.get(key) ?? { units: 0, details: new Map<string, number>() };
      entry.units++;
      for (const text of blockerDetails(b, ir)) entry.details.set(text, (entry.details.get(text) ?? 0) + 1);
      finalBlockers.set(key, entry);
      return { key, message: b.message };
    });
    return {
      id: u.id,
      label: u.label ?? u.id,
      kind: u.kind ?? null,
      parent: u.parent ?? null,
      members: u.members,
      lagging: plan.lagging.has(u.id),
      lane: lanes.get(u.id) ?? [],
      position,
      state: (st?.state ?? 'waiting') as UnitState,
      onTime: st?.onTime ?? true,
      transfers: st?.transfers ?? [],
      outcomes,
      blockers,
    };
  });

  const keys = new Set([...finalBlockers.keys(), ...waitedDays.keys()]);
  const blockers: BlockerCount[] = [...keys]
    .map((key) => {
      const info = blockerLabels.get(key) ?? { kind: key.split(':')[0]!, label: key };
      const fin = finalBlockers.get(key);
      return {
        key,
        kind: info.kind,
        label: info.label,
        units: fin?.units ?? 0,
        unitDays: waitedDays.get(key) ?? 0,
        details: [...(fin?.details ?? new Map<string, number>())].map(([text, n]) => ({ text, units: n })).sort((a, b) => b.units - a.units),
      };
    })
    .sort((a, b) => b.units - a.units || b.unitDays - a.unitDays || a.key.localeCompare(b.key));

  const positions = ir.phases.flatMap((p) => [
    ...p.steps.map((s) => ({ key: `${p.id}.${s.id}`, phase: p.id, label: s.label })),
    { key: `${p.id}.@transfer`, phase: p.id, label: 'transfer' },
  ]);
  positions.push({ key: 'completed', phase: null as unknown as string, label: 'completed' });

  return {
    format: RESULT_FORMAT,
    campaign: { id: ir.id, label: ir.label, timezone: ir.timezone, file: options.campaignFile },
    scenario: { id: scenario.id, label: scenario.label, file: scenario.file, seed: scenario.seed },
    whatIf: options.whatIf ?? [],
    from,
    to,
    calendar: plan.calendar.bars,
    positions: positions.map((p) => ({ ...p, phase: p.key === 'completed' ? null : p.phase })),
    phases: ir.phases.map((p) => ({ id: p.id, label: p.label })),
    overdueGroups: [...groupInfo.values()].sort((a, b) => a.due.localeCompare(b.due) || a.key.localeCompare(b.key)),
    days: records,
    units,
    snapshots,
    blockers,
    totals: {
      units: units.length,
      members: scenario.units.reduce((s, u) => s + u.members, 0),
      events,
      signoffs,
      outcomes: outcomesTotal,
    },
  };
}

/** `study.four_talks`, `study.@transfer` (the transfer point: `@` cannot start a step id) or `completed`. */
export function positionKey(st: UnitStatus): string {
  if (st.position === 'completed' || st.phase === null) return 'completed';
  return st.position === 'transfer' ? `${st.phase}.@transfer` : `${st.phase}.${st.step}`;
}

function blockerKey(b: Blocker, position: string, ir: CampaignIR, labels: Map<string, { kind: string; label: string }>): string {
  let key: string;
  let label: string;
  switch (b.kind) {
    case 'window':
      key = `window:${position}`;
      label = `window of ${position} not open`;
      break;
    case 'task':
      key = `task:${b.task}`;
      label = findLabel(ir, 'task', b.task) ?? b.task;
      break;
    case 'deliverable':
      key = `deliverable:${b.deliverable}`;
      label = findLabel(ir, 'deliverable', b.deliverable) ?? b.deliverable;
      break;
    case 'group':
      key = `group:${position}`;
      label = `${b.mode} of (${position})`;
      break;
    case 'gate':
      key = `gate:${b.gate}`;
      label = ir.phases.flatMap((p) => p.gates).find((g) => g.id === b.gate)?.label ?? b.gate;
      break;
    case 'checkpoint':
      key = `checkpoint:${b.checkpoint}`;
      label = ir.phases.flatMap((p) => p.checkpoints).find((c) => c.id === b.checkpoint)?.label ?? b.checkpoint;
      break;
  }
  if (!labels.has(key)) labels.set(key, { kind: b.kind, label });
  return key;
}

function findLabel(ir: CampaignIR, kind: 'task' | 'deliverable', id: string): string | undefined {
  for (const p of ir.phases) {
    for (const s of p.steps) {
      const found = kind === 'task' ? s.tasks.find((t) => t.id === id) : s.deliverables.find((d) => d.id === id);
      if (found) return found.label;
    }
  }
  return undefined;
}

/** The parts of a blocker that are counted across units: failing conditions, missing items. */
function blockerDetails(b: Blocker, ir: CampaignIR): string[] {
  if (b.kind === 'gate') {
    return b.failing.map((g) => {
      const metric = g.metric ? (ir.metrics.find((m) => m.id === g.metric)?.label ?? g.metric) : '';
      const subject = g.aggregate === 'every' ? `every member ${metric}` : g.aggregate === 'metric' ? metric : `${g.aggregate} ${metric}`.trim();
      return `${subject} ${g.op} ${g.target}`;
    });
  }
  if (b.kind === 'checkpoint') return b.missing.map((m) => `#${m.number} ${m.label}${m.reason === 'condition' ? ' (signed, condition unmet)' : ''}`);
  return [];
}

function describeEvent(e: CampaignEvent | undefined): string {
  if (!e) return 'an event';
  const what = Object.entries(e)
    .filter(([k]) => k !== 'id' && k !== 'actor')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return `{${what}}`;
}

function mergeByTime(a: readonly PlannedEvent[], b: readonly PlannedEvent[]): PlannedEvent[] {
  if (b.length === 0) return [...a];
  return [...a, ...b].sort((x, y) => x.at - y.at);
}
