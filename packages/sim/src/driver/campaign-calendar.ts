import { DateTime } from 'luxon';
import type { CampaignIR } from '@phasegate/compiler';
import type { CalendarBar } from '../result.js';
import { localDateOf } from '../calendar.js';

/** A run-time amendment (an `amend` event of the scenario), with its instants resolved. */
export interface RuntimeAmendment {
  readonly phase: string;
  readonly step?: string;
  readonly extendDays?: number;
  /** Epoch ms of the new end (exclusive). */
  readonly extendToEnd?: number;
  readonly moveDays?: number;
  readonly effective: number;
  readonly reason?: string;
}

/** A window's bounds as epoch ms, half-open. */
export interface Bounds {
  readonly start: number;
  readonly end: number;
}

/**
 * The campaign calendar the simulator plans with: every window after all amendments — the
 * file's (which include what-if `--amend` amendments, appended to the IR), then the scenario's
 * run-time `amend` events in time order — plus the bars drawn in the report's Gantt chart.
 */
export interface CampaignCalendar {
  /** Final bounds per `CampaignIR.windows` index. */
  readonly windows: readonly Bounds[];
  /** Final bounds by owner: `study`, `study.four_talks`. */
  readonly byOwner: ReadonlyMap<string, Bounds>;
  readonly bars: readonly CalendarBar[];
}

/**
 * Replays the amendments on the IR's windows.
 *
 * @param whatIf ids of the amendments in `ir.amendments` that were added by `--amend` (drawn as
 *   what-if amendments); the others come from the .phase file.
 */
export function buildCalendar(
  ir: CampaignIR,
  whatIf: ReadonlySet<string>,
  runtime: readonly RuntimeAmendment[],
): CampaignCalendar {
  const zone = ir.timezone;
  const windows: Bounds[] = ir.windows.map((w) => ({ start: w.start, end: w.end }));
  const notes: CalendarBar['amendments'][number][][] = ir.windows.map(() => []);
  const irOrder = ir.amendments.map((a, i) => ({ a, i })).sort((x, y) => x.a.effective - y.a.effective || x.i - y.i);
  for (const { a } of irOrder) {
    windows[a.window] = { start: a.start, end: a.end };
    notes[a.window].push({
      effective: localDateOf(a.effective, zone),
      action: a.action,
      reason: a.reason,
      source: whatIf.has(a.id) ? 'what-if' : 'campaign',
    });
  }
  const indexOf = new Map(ir.windows.map((w, i) => [w.owner, i]));
  for (const am of [...runtime].sort((x, y) => x.effective - y.effective)) {
    const owner = am.step ? `${am.phase}.${am.step}` : am.phase;
    const i = indexOf.get(owner);
    if (i === undefined) continue;
    const w = windows[i];
    let next: Bounds = w;
    let action = '';
    if (am.extendDays !== undefined) {
      next = { start: w.start, end: plusDays(w.end, am.extendDays, zone) };
      action = `extend ${am.extendDays} days`;
    } else if (am.extendToEnd !== undefined) {
      next = { start: w.start, end: Math.max(w.end, am.extendToEnd) };
      action = `extend to ${localDateOf(am.extendToEnd - 1, zone)}`;
    } else if (am.moveDays !== undefined) {
      next = { start: plusDays(w.start, am.moveDays, zone), end: plusDays(w.end, am.moveDays, zone) };
      action = `move ${am.moveDays} days`;
    }
    windows[i] = next;
    notes[i].push({ effective: localDateOf(am.effective, zone), action, reason: am.reason ?? '', source: 'scenario' });
  }
  const byOwner = new Map(ir.windows.map((w, i) => [w.owner, windows[i]]));
  const span = (b: Bounds) => ({ start: localDateOf(b.start, zone), end: localDateOf(b.end - 1, zone) });
  const bars: CalendarBar[] = [];
  for (const phase of ir.phases) {
    const w = phase.window;
    bars.push({
      id: phase.id,
      label: phase.label,
      kind: 'phase',
      phase: phase.id,
      original: span(ir.windows[w]),
      effective: span(windows[w]),
      amendments: notes[w],
    });
    for (const step of phase.steps) {
      bars.push({
        id: `${phase.id}.${step.id}`,
        label: step.label,
        kind: 'step',
        phase: phase.id,
        original: span(ir.windows[step.window]),
        effective: span(windows[step.window]),
        amendments: notes[step.window],
      });
    }
  }
  return { windows, byOwner, bars };
}

function plusDays(ms: number, days: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).plus({ days }).toMillis();
}
