import { stringify } from 'csv-stringify/sync';
import type { Comparison } from '../compare.js';
import type { SimulationResult } from '../result.js';

/**
 * `--format json`: the run's `SimulationResult` (docs/simulation.md, "JSON"); with a what-if,
 * `{ format, before, after, comparison }`.
 */
export function renderJson(
  result: SimulationResult,
  what?: { before: SimulationResult; comparison: Comparison },
): string {
  if (!what) return `${JSON.stringify(result, null, 2)}\n`;
  return `${JSON.stringify({ format: 'phasegate-simulation-comparison/1', before: what.before, after: result, comparison: what.comparison }, null, 2)}\n`;
}

/** How to write the CSV. */
export interface CsvOptions {
  /** Begin with a UTF-8 byte-order mark, so that Excel reads the labels right. */
  readonly bom?: boolean;
}

const HEADER = ['run', 'table', 'date', 'until', 'unit', 'key', 'value', 'note'] as const;

/**
 * `--format csv`: the same data as one tidy table with the columns
 * `run,table,date,until,unit,key,value,note` (docs/simulation.md, "CSV"):
 * - `timeline`: per day, `state.<state>`, `position.<key>`, `overdue.<group>`, `events`, `moved`;
 * - `lane`: per unit, each stretch `date`…`until` at a position (`key`) in a state (`value`),
 *   with the blocker it waited on in `note`;
 * - `unit`: per unit, its fields and `outcome.<phase>` / `transfer.<phase>`;
 * - `blocker`: `<key>.units` and `<key>.unit_days`, the label in `note`;
 * - `overdue`: per snapshot day and unit, the overdue group (`key`) and days late (`value`);
 * - `comparison` (what-if only): `<phase>.on_time` before (`run` = before) and after, and each
 *   changed outcome.
 * `run` is `after` for the main run and `before` for the baseline of a what-if (empty otherwise).
 */
export function renderCsv(
  result: SimulationResult,
  what?: { before: SimulationResult; comparison: Comparison },
  options: CsvOptions = {},
): string {
  const rows: (string | number)[][] = [[...HEADER]];
  const runs: [string, SimulationResult][] = what
    ? [
        ['before', what.before],
        ['after', result],
      ]
    : [['', result]];
  for (const [run, r] of runs) {
    const push = (
      table: string,
      date: string,
      until: string,
      unit: string,
      key: string,
      value: string | number,
      note = '',
    ) => rows.push([run, table, date, until, unit, key, value, note]);
    for (const d of r.days) {
      for (const [s, v] of Object.entries(d.byState)) push('timeline', d.date, '', '', `state.${s}`, v);
      for (const [p, v] of Object.entries(d.byPosition)) push('timeline', d.date, '', '', `position.${p}`, v);
      for (const [g, v] of Object.entries(d.overdue)) push('timeline', d.date, '', '', `overdue.${g}`, v);
      push('timeline', d.date, '', '', 'events', d.events);
      push('timeline', d.date, '', '', 'moved', d.moved);
    }
    const labelOf = new Map(r.blockers.map((b) => [b.key, b.label]));
    for (const u of r.units) {
      for (const s of u.lane)
        push(
          'lane',
          r.days[s.from].date,
          r.days[s.to].date,
          u.id,
          s.position,
          s.state,
          s.blocker ? (labelOf.get(s.blocker) ?? s.blocker) : '',
        );
      push('unit', '', '', u.id, 'label', u.label);
      push('unit', '', '', u.id, 'kind', u.kind ?? '');
      push('unit', '', '', u.id, 'parent', u.parent ?? '');
      push('unit', '', '', u.id, 'members', u.members);
      push('unit', '', '', u.id, 'lagging', String(u.lagging));
      push('unit', '', '', u.id, 'position', u.position);
      push('unit', '', '', u.id, 'state', u.state);
      push('unit', '', '', u.id, 'on_time', String(u.onTime));
      for (const [p, o] of Object.entries(u.outcomes)) push('unit', '', '', u.id, `outcome.${p}`, o);
      for (const t of u.transfers)
        push('unit', t.at.slice(0, 10), '', u.id, `transfer.${t.phase}`, t.onTime ? 'on-time' : 'late', t.at);
      push('unit', '', '', u.id, 'blockers', u.blockers.map((b) => b.message).join('; '));
    }
    for (const b of r.blockers) {
      push('blocker', '', '', '', `${b.key}.units`, b.units, b.label);
      push('blocker', '', '', '', `${b.key}.unit_days`, b.unitDays, b.label);
    }
    for (const s of r.snapshots) {
      for (const g of s.groups)
        for (const e of g.entries) push('overdue', s.date, '', e.unit ?? '', g.key, e.daysLate, e.label);
    }
  }
  if (what) {
    for (const p of what.comparison.phases) {
      rows.push(['before', 'comparison', '', '', '', `${p.phase}.on_time`, p.before.onTime, p.label]);
      rows.push(['after', 'comparison', '', '', '', `${p.phase}.on_time`, p.after.onTime, p.label]);
    }
    for (const c of what.comparison.changes)
      rows.push([
        '',
        'comparison',
        '',
        '',
        c.unit,
        `change.${c.phase}`,
        `${c.before}->${c.after}`,
        `${c.beforeText} -> ${c.afterText}`,
      ]);
  }
  // Labels and unit ids come from the campaign's authors: a cell that begins like a formula
  // (`=`, `+`, `-`, `@`, tab, CR) is prefixed with `'` so that a spreadsheet shows it as text.
  return stringify(rows, { escape_formulas: true, bom: options.bom === true, record_delimiter: 'unix' });
}
