import { textWidth } from '@phasegate/dsl';
import { dayLabel, outcomeText, percent, positionLabel, STATE_SHORT, STATE_WORDS } from './render-shared.js';
import { padEnd, padStart, truncate, wrap } from './text-width.js';
import { UNIT_STATES, type DayRecord, type SimulationResult } from '../result.js';

export interface TableOptions {
  /** Line width; 100 by default. */
  readonly columns?: number;
  /** Only timeline rows from / to these dates (inclusive); the whole run by default. */
  readonly timelineFrom?: string;
  readonly timelineTo?: string;
  /** Which sections to print (all by default). */
  readonly sections?: readonly ('header' | 'timeline' | 'units' | 'overdue' | 'outcomes' | 'blockers')[];
}

/**
 * The terminal view of a simulation: a day-by-day timeline (units per phase step and per state,
 * identical days collapsed), then one line per unit (where it is, its state, how each phase
 * ended, what blocks it in words), then the overdue lists and a summary. Fits `columns` (100);
 * Chinese labels are aligned and truncated by display width.
 *
 * @example
 * process.stdout.write(renderTable(result, { columns: 100 }));
 */
export function renderTable(result: SimulationResult, options: TableOptions = {}): string {
  const columns = Math.max(60, options.columns ?? 100);
  const sections = new Set(options.sections ?? ['header', 'timeline', 'units', 'overdue', 'outcomes', 'blockers']);
  const out: string[] = [];
  if (sections.has('header')) out.push(...renderHeader(result, columns), '');
  if (sections.has('timeline'))
    out.push(...renderTimeline(result, columns, options.timelineFrom, options.timelineTo), '');
  if (sections.has('units')) out.push(...renderUnits(result, columns), '');
  if (sections.has('overdue')) out.push(...renderOverdue(result, columns), '');
  if (sections.has('outcomes')) out.push(...renderOutcomes(result, columns), '');
  if (sections.has('blockers') && result.blockers.length > 0) out.push(...renderBlockers(result, columns), '');
  return out.join('\n');
}

export function renderHeader(result: SimulationResult, columns: number): string[] {
  const t = result.totals;
  const lines = [
    truncate(`${result.campaign.label} (${result.campaign.id}) — simulated with ${result.scenario.label}`, columns),
    truncate(
      `${t.units} units · ${t.members.toLocaleString('en-US')} members · ${result.from} → ${result.to} · seed ${result.scenario.seed} · ` +
        `${t.events.toLocaleString('en-US')} events, ${t.signoffs.toLocaleString('en-US')} sign-offs`,
      columns,
    ),
  ];
  for (const w of result.whatIf) lines.push(truncate(`what-if: amend ${w}`, columns));
  return lines;
}

interface Column {
  readonly head: string;
  readonly value: (d: DayRecord) => number;
}

/** The timeline: one row per day, runs of identical days collapsed into one row. */
export function renderTimeline(result: SimulationResult, columns: number, from?: string, to?: string): string[] {
  const dateWidth = 12;
  // Narrow count columns: as wide as the largest count, plus a space.
  const cell = Math.max(3, String(result.totals.units).length + 1);
  const phases = result.phases;
  const positionsOf = (phase: string) => result.positions.filter((p) => p.phase === phase);
  // Per step when it fits, else one column per phase.
  const perStepWidth = phases.reduce((s, p) => s + positionsOf(p.id).length * cell + 2, 0) + cell + 3;
  const stateWidth = (UNIT_STATES.length - 1) * 5 + 2;
  const perStep = dateWidth + perStepWidth + stateWidth + 8 <= columns;

  const groups: { label: string; cols: Column[] }[] = phases.map((p) => {
    const keys = positionsOf(p.id);
    if (!perStep)
      return {
        label: p.label,
        cols: [{ head: 'units', value: (d) => keys.reduce((s, k) => s + (d.byPosition[k.key] ?? 0), 0) }],
      };
    return {
      label: p.label,
      cols: keys.map((k, i) => ({
        head: k.key.endsWith('.@transfer') ? 'T' : String(i + 1),
        value: (d: DayRecord) => d.byPosition[k.key] ?? 0,
      })),
    };
  });
  const num = (n: number, w: number) => padStart(n === 0 ? '·' : String(n), w);
  const overdueTotal = (d: DayRecord) => Object.values(d.overdue).reduce((s, n) => s + n, 0);

  const lines: string[] = [];
  lines.push(
    truncate(
      perStep
        ? 'Timeline — units at each step (1, 2, … = the phase’s steps; T = steps done, awaiting transfer)'
        : 'Timeline — units in each phase',
      columns,
    ),
  );
  let top = ' '.repeat(dateWidth);
  let head = padEnd('date', dateWidth);
  for (const g of groups) {
    const w = g.cols.length * cell;
    top += padEnd(` ${g.label}`, w + 1) + ' ';
    head += g.cols.map((c) => padStart(c.head, cell)).join('') + ' │';
  }
  top += padStart('', cell) + '  ' + padEnd(' units per state', stateWidth);
  head +=
    padStart('done', cell + 1) +
    ' │' +
    UNIT_STATES.filter((s) => s !== 'completed')
      .map((s) => padStart(STATE_SHORT[s], 5))
      .join('') +
    ' │' +
    padStart('overdue', 8);
  lines.push(truncate(top.trimEnd(), columns), truncate(head, columns));

  const notes = new Map<string, string[]>();
  for (const bar of result.calendar) {
    for (const a of bar.amendments) {
      const list = notes.get(a.effective) ?? [];
      list.push(
        `${a.source === 'what-if' ? 'what-if: ' : ''}${bar.label} — ${a.action} (${bar.original.end} → ${bar.effective.end})`,
      );
      notes.set(a.effective, list);
    }
  }
  for (const s of result.snapshots) {
    if (s.date === result.to) continue;
    const list = notes.get(s.date) ?? [];
    list.push('snapshot: overdue lists below');
    notes.set(s.date, list);
  }

  const rowKey = (d: DayRecord) => JSON.stringify([d.byPosition, d.byState, overdueTotal(d)]);
  const days = result.days.filter((d) => (from === undefined || d.date >= from) && (to === undefined || d.date <= to));
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (
      j + 1 < days.length &&
      rowKey(days[j + 1]) === rowKey(days[i]) &&
      !notes.has(days[j + 1].date) &&
      !notes.has(days[i].date)
    )
      j++;
    const d = days[i];
    const date = i === j ? dayLabel(d.date) : `${d.date.slice(5)}…${days[j].date.slice(5)}`;
    let row = padEnd(date, dateWidth);
    for (const g of groups) row += g.cols.map((c) => num(c.value(d), cell)).join('') + ' │';
    row += num(d.byPosition['completed'] ?? 0, cell + 1) + ' │';
    row +=
      UNIT_STATES.filter((s) => s !== 'completed')
        .map((s) => num(d.byState[s], 5))
        .join('') + ' │';
    row += num(overdueTotal(d), 8);
    lines.push(truncate(row, columns));
    for (const note of notes.get(d.date) ?? []) lines.push(truncate(`${' '.repeat(dateWidth - 2)}↳ ${note}`, columns));
    i = j + 1;
  }
  if (perStep) {
    lines.push('');
    for (const p of phases) {
      const steps = positionsOf(p.id).filter((k) => !k.key.endsWith('.@transfer'));
      lines.push(
        ...wrap(
          steps.map((s, n) => `${n + 1} ${s.label}`),
          columns,
          `  ${truncate(p.label, 20)}: `,
          ' ·',
        ),
      );
    }
    if (from !== undefined || to !== undefined) {
      lines.push(`  (rows from ${from ?? result.from} to ${to ?? result.to} of the run ${result.from} … ${result.to})`);
    }
  }
  return lines;
}

/** One line per unit: where it is, its state, each phase's outcome, and its blockers in words. */
export function renderUnits(result: SimulationResult, columns: number): string[] {
  const unitW = Math.min(14, Math.max(6, ...result.units.map((u) => textWidth(u.label))));
  const whereW = 18;
  const stateW = 12;
  const outW = 10;
  const fixed = unitW + 1 + whereW + 1 + stateW + 1;
  const maxPhases = Math.max(0, Math.floor((columns - fixed - 20) / (outW + 1)));
  // Phases that had not begun by the end say nothing yet: their column goes to the blockers.
  const begun = result.phases.filter(
    (p) => (result.calendar.find((b) => b.id === p.id)?.effective.start ?? '') <= result.to,
  );
  const phases = begun.slice(0, maxPhases);
  const blockW = Math.max(10, columns - fixed - phases.length * (outW + 1));
  const lines: string[] = [
    'Units — where each stands at the end, how each phase ended (date it moved on), what blocks it',
  ];
  lines.push(
    padEnd('unit', unitW) +
      ' ' +
      padEnd('now at', whereW) +
      ' ' +
      padEnd('state', stateW) +
      ' ' +
      phases.map((p) => padEnd(p.label, outW) + ' ').join('') +
      'blockers',
  );
  for (const u of result.units) {
    const blockers = u.blockers.length === 0 ? '—' : u.blockers.map((b) => b.message).join('; ');
    lines.push(
      truncate(
        padEnd(u.label, unitW) +
          ' ' +
          padEnd(positionLabel(result, u.position), whereW) +
          ' ' +
          padEnd(STATE_WORDS[u.state] + (u.lagging ? '*' : ''), stateW) +
          ' ' +
          phases.map((p) => padEnd(outcomeText(result, u, p.id), outW) + ' ').join('') +
          truncate(blockers, blockW),
        columns,
      ),
    );
  }
  lines.push(
    `T: at the phase's transfer point (all steps done). ${result.units.some((u) => u.lagging) ? '* a unit the scenario made lag badly.' : ''}`.trimEnd(),
  );
  return lines;
}

/** The overdue lists on each snapshot day and on the last day: who is late, on what, since when. */
export function renderOverdue(result: SimulationResult, columns: number): string[] {
  const lines: string[] = [];
  for (const s of result.snapshots) {
    lines.push(`Overdue on ${s.date}${s.date === result.to ? ' (last simulated day)' : ''}`);
    if (s.groups.length === 0) lines.push('  nothing overdue');
    for (const g of s.groups) {
      lines.push(truncate(`  ${g.message}`, columns));
      lines.push(
        ...wrap(
          g.entries.map((e) => `${e.label} ${e.daysLate}d`),
          columns,
          '      ',
          ',',
        ),
      );
    }
    lines.push('');
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** How each phase ended: units on time, late, overdue, still open. */
export function renderOutcomes(result: SimulationResult, columns: number): string[] {
  const lines: string[] = [`How each phase ended (as of ${result.to})`];
  const labelW = Math.min(20, Math.max(...result.phases.map((p) => textWidth(p.label))));
  for (const p of result.phases) {
    const o = result.totals.outcomes[p.id];
    lines.push(
      truncate(
        `  ${padEnd(p.label, labelW)}  ${padStart(String(o['on-time']), 4)} on time ·${padStart(String(o.late), 4)} late ·` +
          `${padStart(String(o.overdue), 4)} overdue ·${padStart(String(o.open), 4)} still open   ${padStart(percent(o['on-time'], result.totals.units), 4)} on time`,
        columns,
      ),
    );
  }
  return lines;
}

/** The blocker breakdown: units held at the end, unit-days waited, and the failing parts. */
export function renderBlockers(result: SimulationResult, columns: number): string[] {
  const lines = ['Blockers — units waiting on it at the end · unit-days spent waiting on it during the run'];
  for (const b of result.blockers.slice(0, 12)) {
    lines.push(
      truncate(
        `  ${padEnd(`${b.label} (${b.kind})`, 40)} ${padStart(String(b.units), 4)} ${unitsWord(b.units)} · ${padStart(String(b.unitDays), 5)} unit-days`,
        columns,
      ),
    );
    for (const d of b.details.slice(0, 6))
      lines.push(
        truncate(
          `      ${padEnd(d.text, 54)} ${padStart(String(d.units), 4)} ${unitsWord(d.units).trimEnd()}`,
          columns,
        ),
      );
  }
  return lines;
}

/** `unit` or `units`, with the padding that keeps the columns after it in line. */
function unitsWord(n: number): string {
  return n === 1 ? 'unit ' : 'units';
}
