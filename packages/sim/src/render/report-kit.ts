import { truncate } from './text-width.js';
import { daysBetween } from '../calendar.js';
import type { SimulationResult, UnitState } from '../result.js';

/** Shared pieces of the HTML report: escaping, the time scale, colours, axes. */

export function esc(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Number formatting without locale surprises. */
export function n(x: number): string {
  return x.toLocaleString('en-US');
}

export const STATE_COLOURS: Readonly<Record<UnitState, string>> = {
  waiting: '#cbd5e1',
  active: '#60a5fa',
  'awaiting-transfer': '#a78bfa',
  late: '#f59e0b',
  remediation: '#ef4444',
  completed: '#34d399',
};

export const STATE_NAMES: Readonly<Record<UnitState, string>> = {
  waiting: 'waiting for a window',
  active: 'working in an open step',
  'awaiting-transfer': 'awaiting transfer',
  late: 'late',
  remediation: 'in remediation',
  completed: 'completed',
};

const PHASE_COLOURS = ['#2563eb', '#7c3aed', '#0d9488', '#c2410c', '#be185d', '#4d7c0f'];

export function phaseColour(result: SimulationResult, phase: string): string {
  const i = Math.max(
    0,
    result.phases.findIndex((p) => p.id === phase),
  );
  return PHASE_COLOURS[i % PHASE_COLOURS.length];
}

/** Maps simulated days to x positions: day `i` spans `[x(i), x(i + 1))`. */
export interface TimeScale {
  readonly left: number;
  readonly width: number;
  readonly days: number;
  x(dayIndex: number): number;
  /** x of the start of a local date (clamped to the plot). */
  xDate(date: string): number;
  /** Day index of a date (may be outside 0..days). */
  index(date: string): number;
}

export function timeScale(result: SimulationResult, left: number, width: number): TimeScale {
  const days = result.days.length;
  const x = (i: number) => left + (width * i) / Math.max(1, days);
  const index = (date: string) => daysBetween(result.from, date);
  return {
    left,
    width,
    days,
    x,
    index,
    xDate: (date) => x(Math.min(days, Math.max(0, index(date)))),
  };
}

/** Vertical grid lines and labels: the 1st of each month (bold) and each Monday. */
export function timeAxis(result: SimulationResult, scale: TimeScale, top: number, bottom: number): string {
  const parts: string[] = [];
  result.days.forEach((d, i) => {
    const day = Number(d.date.slice(8, 10));
    const [y, m, dd] = d.date.split('-').map(Number) as [number, number, number];
    const monday = new Date(Date.UTC(y, m - 1, dd)).getUTCDay() === 1;
    const x = scale.x(i).toFixed(1);
    if (day === 1) {
      parts.push(`<line class="grid month" x1="${x}" x2="${x}" y1="${top}" y2="${bottom}"/>`);
      parts.push(`<text class="tick month" x="${x}" y="${top - 6}">${esc(d.date.slice(0, 7))}</text>`);
    } else if (monday) {
      parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${top}" y2="${bottom}"/>`);
      if ((scale.width / Math.max(1, scale.days)) * 7 > 34)
        parts.push(`<text class="tick" x="${x}" y="${bottom + 14}">${esc(d.date.slice(5))}</text>`);
    }
  });
  return parts.join('');
}

/** Dashed lines on the snapshot days, labelled. */
export function snapshotLines(
  result: SimulationResult,
  scale: TimeScale,
  top: number,
  bottom: number,
  labels: boolean,
): string {
  return result.snapshots
    .filter((s) => s.date !== result.to)
    .map((s) => {
      const x = (scale.x(scale.index(s.date)) + scale.x(scale.index(s.date) + 1)) / 2;
      return (
        `<line class="snapshot" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${top}" y2="${bottom}"/>` +
        (labels
          ? `<text class="snapshot-label" x="${(x + 4).toFixed(1)}" y="${top + 10}">${esc(s.date.slice(5))}</text>`
          : '')
      );
    })
    .join('');
}

/** A label cut to fit a column of the given display width (CJK counts double). */
export function fit(text: string, columns: number): string {
  return esc(truncate(text, columns));
}
