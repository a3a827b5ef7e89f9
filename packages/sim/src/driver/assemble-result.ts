import type { UnitStatus } from '@phasegate/runtime';
import type { DayTable } from '../calendar.js';
import type { Plan } from '../behaviour/plan.js';
import type { RunOptions } from './run-simulation.js';
import { blockerDetails, blockerKey, positionKey } from './blocker-keys.js';
import {
  RESULT_FORMAT,
  type BlockerCount,
  type DayRecord,
  type LaneSegment,
  type OverdueGroupInfo,
  type OverdueSnapshot,
  type PhaseOutcome,
  type SimulationResult,
  type UnitResult,
} from '../result.js';
import type { LocalDate } from '../scenario/scenario.js';

/**
 * Builds the `SimulationResult` at the end of a run: each unit's final status, lane and phase
 * outcomes, the blocker breakdown, the positions and calendar, the totals.
 */
export function assembleResult(
  options: RunOptions,
  plan: Plan,
  days: DayTable,
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
  const { scenario } = options;
  const { ir } = options.campaign;
  const end = days.starts[days.starts.length - 1];
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
      outcomesTotal[p.id][outcome]++;
    }
    // Only units waiting at the end count as held; a unit at work in an open step is not.
    const waiting =
      st !== undefined && (st.state === 'awaiting-transfer' || st.state === 'late' || st.state === 'remediation');
    const blockers = (st?.blockers ?? []).map((b) => {
      const key = blockerKey(b, position, ir, blockerLabels);
      if (waiting) {
        const entry = finalBlockers.get(key) ?? { units: 0, details: new Map<string, number>() };
        entry.units++;
        for (const text of blockerDetails(b, ir)) entry.details.set(text, (entry.details.get(text) ?? 0) + 1);
        finalBlockers.set(key, entry);
      }
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
      state: st?.state ?? 'waiting',
      onTime: st?.onTime ?? true,
      transfers: st?.transfers ?? [],
      outcomes,
      blockers,
    };
  });

  const keys = new Set([...finalBlockers.keys(), ...waitedDays.keys()]);
  const blockers: BlockerCount[] = [...keys]
    .map((key) => {
      const info = blockerLabels.get(key) ?? { kind: key.split(':')[0], label: key };
      const fin = finalBlockers.get(key);
      return {
        key,
        kind: info.kind,
        label: info.label,
        units: fin?.units ?? 0,
        unitDays: waitedDays.get(key) ?? 0,
        details: [...(fin?.details ?? new Map<string, number>())]
          .map(([text, n]) => ({ text, units: n }))
          .sort((a, b) => b.units - a.units),
      };
    })
    .sort((a, b) => b.units - a.units || b.unitDays - a.unitDays || a.key.localeCompare(b.key));

  const positions: { key: string; phase: string | null; label: string }[] = ir.phases.flatMap((p) => [
    ...p.steps.map((s) => ({ key: `${p.id}.${s.id}`, phase: p.id, label: s.label })),
    { key: `${p.id}.@transfer`, phase: p.id, label: 'transfer' },
  ]);
  positions.push({ key: 'completed', phase: null, label: 'completed' });

  return {
    format: RESULT_FORMAT,
    campaign: { id: ir.id, label: ir.label, timezone: ir.timezone, file: options.campaign.file },
    scenario: { id: scenario.id, label: scenario.label, file: scenario.file, seed: scenario.seed },
    whatIf: options.campaign.whatIf,
    from,
    to,
    calendar: plan.calendar.bars,
    positions,
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
