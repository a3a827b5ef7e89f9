import type { RosterUnit } from './scenario.js';
import type { ScenarioProblem } from './scenario-problem.js';

/**
 * Parses a roster CSV: a header row naming the columns `id`, `label`, `kind`, `members`, `parent`
 * (any order; `id` and `members` required), then one unit per row. RFC 4180 quoting; blank lines
 * and lines starting with `#` are skipped. Problems name the CSV line.
 */
export function parseRosterCsv(text: string, path: string): { units: RosterUnit[]; problems: ScenarioProblem[] } {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const problems: ScenarioProblem[] = [];
  const units: RosterUnit[] = [];
  const header = rows.find((r) => !isSkipped(r.cells));
  if (!header) return { units, problems: [{ path, message: 'the roster file is empty; expected a header row "id,label,kind,members,parent"' }] };
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const known = new Set(['id', 'label', 'kind', 'members', 'parent']);
  for (const c of columns) {
    if (!known.has(c)) problems.push({ path, line: header.line, message: `unknown column "${c}"; expected id, label, kind, members, parent` });
  }
  for (const required of ['id', 'members']) {
    if (!columns.includes(required)) problems.push({ path, line: header.line, message: `missing column "${required}" in the header row` });
  }
  if (problems.length > 0) return { units, problems };
  const at = (cells: string[], name: string): string | undefined => {
    const i = columns.indexOf(name);
    const v = i < 0 ? undefined : cells[i]?.trim();
    return v === '' ? undefined : v;
  };
  for (const row of rows) {
    if (row === header || isSkipped(row.cells)) continue;
    const id = at(row.cells, 'id');
    const membersText = at(row.cells, 'members');
    if (!id) {
      problems.push({ path, line: row.line, message: 'the unit id is empty; every row needs an id' });
      continue;
    }
    const members = Number(membersText);
    if (membersText === undefined || !Number.isInteger(members) || members < 0) {
      problems.push({ path, line: row.line, message: `unit "${id}": members must be a whole number ≥ 0, got ${JSON.stringify(membersText ?? '')}` });
      continue;
    }
    const label = at(row.cells, 'label');
    const kind = at(row.cells, 'kind');
    const parent = at(row.cells, 'parent');
    units.push({ id, members, ...(label ? { label } : {}), ...(kind ? { kind } : {}), ...(parent ? { parent } : {}) });
  }
  return { units, problems };
}

function isSkipped(cells: string[]): boolean {
  return (cells.length === 1 && cells[0]!.trim() === '') || cells[0]!.trimStart().startsWith('#');
}

/** Splits CSV text into rows of cells, keeping each row's 1-based starting line. */
function parseCsv(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows;
}
