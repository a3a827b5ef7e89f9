import { closest } from '@phasegate/dsl';
import { parse } from 'csv-parse/sync';
import type { UnitSpec } from './types.js';

/**
 * Rosters: the units of a campaign as a CSV file, one unit per line.
 *
 * ```csv
 * id,label,kind,members,parent
 * edu,Education Bureau,bureau,0,
 * edu-b1,Education Bureau branch 1,branch,12,edu
 * edu-b2,Education Bureau branch 2,branch,li;wang;zhang,edu
 * ```
 *
 * - The header names the columns, in any order. `id` and `members` are required; `label`, `kind`
 *   and `parent` are optional (the column, and the value).
 * - `members` is either a **count** (a whole number: `12`, `0`), or the **member ids** separated by
 *   `;` (`li;wang;zhang`): fact events may then name a member by id instead of by index. A lone
 *   number is always a count; to list a single member whose id is a number, end it with `;`
 *   (`1007;`).
 * - `parent` names another unit of the same roster (or one already registered).
 * - Values are trimmed. Quote a value that contains a comma (`"Water, Power Bureau"`).
 * - Blank lines and lines starting with `#` are skipped (a `#` inside a value is kept).
 */

export type RosterProblemCode =
  | 'roster-syntax'
  | 'roster-header'
  | 'roster-columns'
  | 'roster-missing-id'
  | 'roster-duplicate-id'
  | 'roster-bad-members'
  | 'roster-duplicate-member'
  | 'roster-unknown-parent'
  | 'roster-parent-cycle';

/** One problem in a roster file. `line` and `column` are 1-based; `column` counts CSV fields. */
export interface RosterProblem {
  readonly code: RosterProblemCode;
  readonly line: number;
  readonly column: number;
  /** The column's name from the header, when the problem is in one value. */
  readonly field: string | null;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

export interface RosterResult {
  /** The units in file order; empty when there are problems. */
  readonly units: UnitSpec[];
  /** Every problem found (parsing does not stop at the first). */
  readonly problems: RosterProblem[];
}

export interface RosterOptions {
  /** Ids of units registered already, which `parent` may name. */
  readonly knownUnits?: Iterable<string>;
}

const COLUMNS = ['id', 'label', 'kind', 'members', 'parent'] as const;
type Column = (typeof COLUMNS)[number];
const HEADER = COLUMNS.join(',');

interface Row {
  readonly line: number;
  readonly cells: string[];
}

/**
 * Parses a roster CSV into unit specs, reporting every problem with its line and column.
 *
 * @example
 * const { units, problems } = parseRoster(readFileSync('units.csv', 'utf8'));
 * if (problems.length) for (const p of problems) console.error(formatRosterProblem('units.csv', p));
 * else runtime.registerUnits(units);
 */
export function parseRoster(text: string, options: RosterOptions = {}): RosterResult {
  const problems: RosterProblem[] = [];
  let rows: Row[];
  try {
    rows = readRows(text);
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    const detail = (e.message ?? String(err)).replace(/^[A-Za-z ]+: /, '');
    return {
      units: [],
      problems: [
        {
          code: 'roster-syntax',
          line: e.lines ?? 1,
          column: 1,
          field: null,
          message: `The CSV cannot be read: ${detail}. Check for an unclosed double quote.`,
        },
      ],
    };
  }
  if (rows.length === 0) {
    return {
      units: [],
      problems: [
        {
          code: 'roster-header',
          line: 1,
          column: 1,
          field: null,
          message: `The roster is empty. Its first line must be the header \`${HEADER}\`, then one line per unit.`,
        },
      ],
    };
  }

  const [head, ...body] = rows;
  const index = readHeader(head, problems);
  if (!index) return { units: [], problems };

  const cell = (row: Row, col: Column): string => {
    const i = index.get(col);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const at = (row: Row, col: Column) => ({ line: row.line, column: (index.get(col) ?? 0) + 1, field: col });

  const firstLine = new Map<string, number>();
  const units: { spec: UnitSpec; row: Row }[] = [];
  for (const row of body) {
    if (row.cells.length > head.cells.length) {
      problems.push({
        code: 'roster-columns',
        line: row.line,
        column: head.cells.length + 1,
        field: null,
        message: `This line has ${row.cells.length} values but the header has ${head.cells.length} columns. Put a value that contains a comma in double quotes, or remove the extra values.`,
      });
      continue;
    }
    const id = cell(row, 'id');
    if (id === '') {
      problems.push({
        code: 'roster-missing-id',
        ...at(row, 'id'),
        message: 'This unit has no id. Every line needs a unique id in the `id` column.',
      });
      continue;
    }
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      problems.push({
        code: 'roster-duplicate-id',
        ...at(row, 'id'),
        message: `Unit id "${id}" is already used on line ${seen}. Give each unit its own id, or delete one of the two lines.`,
      });
      continue;
    }
    firstLine.set(id, row.line);
    const members = readMembers(cell(row, 'members'), at(row, 'members'), problems);
    if (members === undefined) continue;
    const label = cell(row, 'label');
    const kind = cell(row, 'kind');
    const parent = cell(row, 'parent');
    const spec: UnitSpec = {
      id,
      ...(label && { label }),
      ...(kind && { kind }),
      ...(parent && { parent }),
      members,
    };
    units.push({ spec, row });
  }

  checkParents(units, firstLine, new Set(options.knownUnits ?? []), at, problems);
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { units: problems.length ? [] : units.map((u) => u.spec), problems };
}

/** `units.csv:4:4: error[roster-bad-members]: …` — the shape compilers print, so editors can jump to it. */
export function formatRosterProblem(path: string, problem: RosterProblem): string {
  const where = problem.field ? ` (column \`${problem.field}\`)` : '';
  return `${path}:${problem.line}:${problem.column}: error[${problem.code}]: ${problem.message}${where}`;
}

function readRows(text: string): Row[] {
  const records = parse(text, {
    bom: true,
    comment: '#',
    comment_no_infix: true,
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as {
    record: string[];
    raw: string;
    info: { lines: number };
  }[];
  return (
    records
      // A line of only commas or spaces is an empty line too.
      .filter((r) => r.record.some((c) => c.trim() !== ''))
      .map((r) => {
        // csv-parse reports the line a record ends on, and `raw` starts with any blank or comment
        // lines before it: count back over the newlines of the record itself.
        const inner = r.raw.replace(/^((#[^\n]*)?\r?\n)+/, '').replace(/\r?\n$/, '');
        const newlines = inner.split('\n').length - 1;
        return { line: r.info.lines - newlines, cells: r.record };
      })
  );
}

function readHeader(head: Row, problems: RosterProblem[]): Map<Column, number> | undefined {
  const index = new Map<Column, number>();
  const before = problems.length;
  head.cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const at = { line: head.line, column: i + 1, field: null };
    if ((COLUMNS as readonly string[]).includes(name)) {
      if (index.has(name as Column))
        problems.push({
          code: 'roster-header',
          ...at,
          message: `The column \`${name}\` appears twice in the header. Keep one.`,
        });
      else index.set(name as Column, i);
      return;
    }
    const [guess] = closest(name, COLUMNS);
    problems.push({
      code: 'roster-header',
      ...at,
      message:
        name === ''
          ? `Header column ${i + 1} has no name. The header is \`${HEADER}\`.`
          : `Unknown column \`${raw.trim()}\`${guess ? `; did you mean \`${guess}\`?` : '.'} The columns are \`${HEADER}\`.`,
    });
  });
  for (const required of ['id', 'members'] as const) {
    if (!index.has(required)) {
      problems.push({
        code: 'roster-header',
        line: head.line,
        column: 1,
        field: null,
        message: `The header has no \`${required}\` column. The first line must be the header \`${HEADER}\` (label, kind and parent may be left out).`,
      });
    }
  }
  return problems.length > before ? undefined : index;
}

type Place = { line: number; column: number; field: string };

function readMembers(value: string, at: Place, problems: RosterProblem[]): number | string[] | undefined {
  if (value === '') {
    problems.push({
      code: 'roster-bad-members',
      ...at,
      message: 'No members given. Write a count (`0` for a unit with no members), or member ids separated by `;`.',
    });
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    const count = Number(value);
    if (!Number.isSafeInteger(count) || count > 10_000_000) {
      problems.push({
        code: 'roster-bad-members',
        ...at,
        message: `${value} members is more than one unit can hold (at most 10000000). Check the number.`,
      });
      return undefined;
    }
    return count;
  }
  if (!value.includes(';') && /^[-+]?[\d\s.,]+$/.test(value)) {
    problems.push({
      code: 'roster-bad-members',
      ...at,
      message: `"${value}" is not a member count. Write a whole number of members such as \`12\`, or member ids separated by \`;\`.`,
    });
    return undefined;
  }
  const ids = value.split(';').map((m) => m.trim());
  if (ids[ids.length - 1] === '') ids.pop();
  if (ids.some((m) => m === '')) {
    problems.push({
      code: 'roster-bad-members',
      ...at,
      message: `The member list "${value}" has an empty entry. Separate member ids with a single \`;\`.`,
    });
    return undefined;
  }
  const seen = new Set<string>();
  for (const m of ids) {
    if (seen.has(m)) {
      problems.push({
        code: 'roster-duplicate-member',
        ...at,
        message: `Member id "${m}" is listed twice. Each member of a unit needs its own id.`,
      });
      return undefined;
    }
    seen.add(m);
  }
  return ids;
}

function checkParents(
  units: readonly { spec: UnitSpec; row: Row }[],
  lines: ReadonlyMap<string, number>,
  known: ReadonlySet<string>,
  at: (row: Row, col: Column) => Place,
  problems: RosterProblem[],
): void {
  const parentOf = new Map(units.map((u) => [u.spec.id, u.spec.parent]));
  for (const { spec, row } of units) {
    const parent = spec.parent;
    if (parent === undefined) continue;
    if (parent === spec.id) {
      problems.push({
        code: 'roster-parent-cycle',
        ...at(row, 'parent'),
        message: `Unit "${spec.id}" names itself as its parent. Leave \`parent\` empty for a top-level unit.`,
      });
      continue;
    }
    if (!lines.has(parent) && !known.has(parent)) {
      const [guess] = closest(parent, [...lines.keys(), ...known]);
      problems.push({
        code: 'roster-unknown-parent',
        ...at(row, 'parent'),
        message: `Parent "${parent}" is not a unit in this roster${guess ? `; did you mean "${guess}"?` : '.'} Add a line for it, or fix the id.`,
      });
      continue;
    }
    // Walk up; a chain that comes back to this unit is a cycle (reported once, on its first line).
    const chain = [spec.id];
    for (let up: string | undefined = parent; up !== undefined && lines.has(up); up = parentOf.get(up)) {
      if (up === spec.id) {
        const first = Math.min(...chain.map((id) => lines.get(id) ?? Infinity));
        if (first === row.line) {
          problems.push({
            code: 'roster-parent-cycle',
            ...at(row, 'parent'),
            message: `Units ${chain.map((c) => `"${c}"`).join(' → ')} → "${spec.id}" are each other's parents. One of them must be top-level (empty \`parent\`).`,
          });
        }
        break;
      }
      if (chain.includes(up)) break; // a cycle above this unit, reported on its own line
      chain.push(up);
    }
  }
}
