import type { AmendmentNode, DateLiteral, WindowNode } from '@phasegate/dsl';
import { amendedWindow, type WindowChange } from './amend-window.js';
import { dateProblem, endInstant, startInstant } from './calendar.js';
import type { AmendmentSite, Symbols } from './symbols.js';

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
  /** Position in `Schedule.windows`, which is the order of the IR's window table. */
  readonly index: number;
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
  /** Every window once: each phase's, then its steps' (a phase's only step may share the phase's). */
  readonly windows: readonly ScheduledWindow[];
  /** Each phase's window, by `PhaseInfo.index`. */
  readonly phases: readonly ScheduledWindow[];
  /** Each step's window, by `PhaseInfo.index` then `StepInfo.index`. */
  readonly steps: readonly (readonly ScheduledWindow[])[];
  /** Amendments sorted by effective time (file order for equal times and unknown times last). */
  readonly amendments: readonly ScheduledAmendment[];
}

function validDate(d: DateLiteral | undefined): d is DateLiteral {
  return d !== undefined && dateProblem(d) === null;
}

/** The bounds of a written window, or null when a date is invalid. */
export function windowBounds(zone: string, w: WindowNode | undefined): Bounds | null {
  if (!w || !validDate(w.opens) || !validDate(w.closes)) return null;
  return { start: startInstant(zone, w.opens), end: endInstant(zone, w.closes) };
}

/** `2005-02-23 .. 2005-03-01`, as the author wrote it. */
export function windowText(w: WindowNode): string {
  return `${w.opens.text} .. ${w.closes.text}`;
}

/**
 * Resolves every window of the campaign in `zone` and replays the file's amendments in effective
 * order, so that passes can compare windows as the campaign will really run.
 */
export function buildSchedule(zone: string, symbols: Symbols): Schedule {
  const windows: ScheduledWindow[] = [];
  const phases: ScheduledWindow[] = [];
  const steps: ScheduledWindow[][] = [];
  const add = (owner: string, node: WindowNode | undefined): ScheduledWindow => {
    const base = windowBounds(zone, node);
    const w: ScheduledWindow = {
      owner,
      node,
      base,
      final: base,
      text: node ? windowText(node) : '',
      index: windows.length,
    };
    windows.push(w);
    return w;
  };
  for (const phase of symbols.phaseList) {
    const pw = add(phase.id, phase.window);
    const own: ScheduledWindow[] = [];
    for (const step of phase.steps) {
      const w = step.node.window;
      // A phase's only step may leave out its window: it then shares the phase's (same object,
      // so amendments of either apply to both).
      own.push(!w && phase.steps.length === 1 ? pw : add(`${phase.id}.${step.id}`, w));
    }
    phases.push(pw);
    steps.push(own);
  }

  const amendments: Mutable<ScheduledAmendment>[] = symbols.amendments.map((site, order) => ({
    site,
    node: site.node,
    order,
    window: targetWindow(site, symbols, phases, steps),
    effective: validDate(site.node.effective) ? startInstant(zone, site.node.effective) : null,
    before: null,
    after: null,
  }));
  amendments.sort((a, b) => {
    const ea = a.effective ?? Infinity;
    const eb = b.effective ?? Infinity;
    return ea === eb ? a.order - b.order : ea - eb;
  });
  // Replayed in effective order: each one starts from the window the previous ones left.
  for (const a of amendments) {
    const window = a.window;
    a.before = window?.final ?? null;
    a.after = a.before ? amendedBounds(zone, a.before, a.node) : null;
    if (window && a.after) window.final = a.after;
  }
  return { windows, phases, steps, amendments };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The window an amendment changes: the one it names, or the one it is written in. */
function targetWindow(
  site: AmendmentSite,
  symbols: Symbols,
  phases: readonly ScheduledWindow[],
  steps: readonly (readonly ScheduledWindow[])[],
): ScheduledWindow | null {
  const target = site.node.target;
  if (target) {
    const phase = symbols.phases.get(target.phase.name);
    if (!phase) return null;
    if (!target.step) return phases[phase.index];
    const step = phase.stepsById.get(target.step.name);
    return step ? steps[phase.index][step.index] : null;
  }
  // Written inside a phase whose id repeats an earlier one: that phase is not scheduled.
  const phase = site.phase;
  if (!phase || phase.index < 0) return null;
  return site.step ? steps[phase.index][site.step.index] : phases[phase.index];
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
