import type { AmendmentNode, DateLiteral, WindowNode } from '@phasegate/dsl';
import { amendedWindow, type WindowChange } from './amend-window.js';
import { dateProblem, endInstant, startInstant } from './calendar.js';
import type { AmendmentSite, PhaseInfo, StepInfo, Symbols } from './symbols.js';

/** A half-open interval of epoch ms: `[start, end)`. */
export interface Bounds {
  readonly start: number;
  readonly end: number;
}

/**
 * One window of the campaign as written and as amended by the file.
 * `base` is null when the window is missing or one of its dates is invalid (other passes report
 * that); `final` is the window after every amendment in the file.
 */
export interface ScheduledWindow {
  /** `study` or `study.four_talks`. */
  readonly owner: string;
  readonly node?: WindowNode;
  readonly base: Bounds | null;
  final: Bounds | null;
  readonly text: string;
}

export interface ScheduledAmendment {
  readonly site: AmendmentSite;
  readonly node: AmendmentNode;
  /** File order, 0-based. */
  readonly order: number;
  /** The window it changes; null when it targets nothing. */
  readonly window: ScheduledWindow | null;
  readonly effective: number | null;
  /** The window in force just before it and the one it produces (null when not computable). */
  readonly before: Bounds | null;
  readonly after: Bounds | null;
}

export interface Schedule {
  readonly phases: ReadonlyMap<PhaseInfo, ScheduledWindow>;
  readonly steps: ReadonlyMap<StepInfo, ScheduledWindow>;
  /** Amendments sorted by effective time (file order for equal times and unknown times last). */
  readonly amendments: readonly ScheduledAmendment[];
}

function validDate(d: DateLiteral | undefined): d is DateLiteral {
  return d !== undefined && dateProblem(d) === null;
}

/** The bounds of a written window, or null when a date is invalid. */
export function windowBounds(zone: string, w: WindowNode | undefined): Bounds | null {
  if (!w || !validDate(w.start) || !validDate(w.end)) return null;
  return { start: startInstant(zone, w.start), end: endInstant(zone, w.end) };
}

/** `2005-02-23 .. 2005-03-01`, as the author wrote it. */
export function windowText(w: WindowNode): string {
  return `${w.start.text} .. ${w.end.text}`;
}

/**
 * Resolves every window of the campaign in `zone` and replays the file's amendments in effective
 * order, so that passes can compare windows as the campaign will really run.
 */
export function buildSchedule(zone: string, symbols: Symbols): Schedule {
  const phases = new Map<PhaseInfo, ScheduledWindow>();
  const steps = new Map<StepInfo, ScheduledWindow>();
  for (const phase of symbols.phaseList) {
    const base = windowBounds(zone, phase.window);
    const pw: ScheduledWindow = {
      owner: phase.id,
      node: phase.window,
      base,
      final: base,
      text: phase.window ? windowText(phase.window) : '',
    };
    phases.set(phase, pw);
    for (const step of phase.steps) {
      const w = step.node.window;
      if (!w && phase.steps.length === 1) {
        // A phase's only step may leave out its window: it then shares the phase's (same object,
        // so amendments of either apply to both).
        steps.set(step, pw);
        continue;
      }
      const b = windowBounds(zone, w);
      steps.set(step, { owner: `${phase.id}.${step.id}`, node: w, base: b, final: b, text: w ? windowText(w) : '' });
    }
  }

  const resolved = symbols.amendments.map((site, order) => {
    const window = targetWindow(site, symbols, phases, steps);
    const effective = validDate(site.node.effective) ? startInstant(zone, site.node.effective) : null;
    return { site, order, window, effective };
  });
  const sorted = [...resolved].sort((a, b) => {
    const ea = a.effective ?? Infinity;
    const eb = b.effective ?? Infinity;
    return ea === eb ? a.order - b.order : ea - eb;
  });
  const amendments: ScheduledAmendment[] = sorted.map(({ site, order, window, effective }) => {
    const before = window?.final ?? null;
    const after = before ? amendedBounds(zone, before, site.node) : null;
    if (window && after) window.final = after;
    return { site, node: site.node, order, window, effective, before, after };
  });
  return { phases, steps, amendments };
}

function targetWindow(
  site: AmendmentSite,
  symbols: Symbols,
  phases: Map<PhaseInfo, ScheduledWindow>,
  steps: Map<StepInfo, ScheduledWindow>,
): ScheduledWindow | null {
  const target = site.node.target;
  if (target) {
    const phase = symbols.phases.get(target.phase.name);
    if (!phase) return null;
    if (!target.step) return phases.get(phase) ?? null;
    const step = phase.stepsById.get(target.step.name);
    return step ? (steps.get(step) ?? null) : null;
  }
  if (site.step) return steps.get(site.step) ?? null;
  if (site.phase) return phases.get(site.phase) ?? null;
  return null;
}

/** The change an amendment node describes, with its dates resolved; null when a date is invalid. */
export function changeOf(zone: string, node: AmendmentNode): WindowChange | null {
  const a = node.action;
  switch (a.kind) {
    case 'extend-by':
    case 'move-by':
      return { kind: a.kind, days: a.days };
    case 'extend-to':
      return validDate(a.date) ? { kind: 'extend-to', end: endInstant(zone, a.date) } : null;
    case 'move-to':
      return validDate(a.date) ? { kind: 'move-to', start: startInstant(zone, a.date) } : null;
  }
}

/** The window an amendment produces from `current` (see `amendedWindow`), or null. */
export function amendedBounds(zone: string, current: Bounds, node: AmendmentNode): Bounds | null {
  const change = changeOf(zone, node);
  return change ? amendedWindow(zone, current, change) : null;
}

/** `extend 10 days`, `extend to 2005-03-15`, `move -3 days`, `move to 2005-03-20`. */
export function describeAmendment(node: AmendmentNode): string {
  const a = node.action;
  switch (a.kind) {
    case 'extend-by':
      return `extend ${a.days} ${a.days === 1 ? 'day' : 'days'}`;
    case 'extend-to':
      return `extend to ${a.date.text}`;
    case 'move-by':
      return `move ${a.days} ${Math.abs(a.days) === 1 ? 'day' : 'days'}`;
    case 'move-to':
      return `move to ${a.date.text}`;
  }
}
