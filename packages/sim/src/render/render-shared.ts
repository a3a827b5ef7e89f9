import type { PhaseOutcome, SimulationResult, UnitState } from '../result.js';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `02-23 Wed` */
export function dayLabel(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${date.slice(5)} ${WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]}`;
}

export const STATE_SHORT: Readonly<Record<UnitState, string>> = {
  waiting: 'wait',
  active: 'act',
  'awaiting-transfer': 'xfer',
  late: 'late',
  remediation: 'rem',
  completed: 'done',
};

export const STATE_WORDS: Readonly<Record<UnitState, string>> = {
  waiting: 'waiting',
  active: 'active',
  'awaiting-transfer': 'awaiting',
  late: 'late',
  remediation: 'remediation',
  completed: 'completed',
};

/** The label of a position key: the step's label, `T: <phase>` for transfer points (T as in the timeline). */
export function positionLabel(result: SimulationResult, key: string): string {
  if (key === 'completed') return 'completed';
  const p = result.positions.find((x) => x.key === key);
  if (!p) return key;
  if (key.endsWith('.@transfer')) {
    const phase = result.phases.find((ph) => ph.id === p.phase);
    return `T: ${phase?.label ?? p.phase}`;
  }
  return p.label;
}

/** `03-14 ok`, `03-20 late`, `overdue`, `open`. */
export function outcomeText(result: SimulationResult, unit: SimulationResult['units'][number], phase: string): string {
  const outcome: PhaseOutcome | undefined = unit.outcomes[phase];
  const t = unit.transfers.find((x) => x.phase === phase);
  if (outcome === 'on-time' && t) return `${localDay(t.at)} ok`;
  if (outcome === 'late' && t) return `${localDay(t.at)} late`;
  return outcome ?? '';
}

/** `MM-DD` of an ISO instant as written (its own offset: the campaign zone's). */
export function localDay(iso: string): string {
  return iso.slice(5, 10);
}

export function percent(n: number, of: number): string {
  return of === 0 ? '—' : `${Math.round((100 * n) / of)}%`;
}

/** On-time share of a phase, 0–1. */
export function onTimeRate(result: SimulationResult, phase: string): number {
  const o = result.totals.outcomes[phase];
  return o && result.totals.units > 0 ? o['on-time'] / result.totals.units : 0;
}
