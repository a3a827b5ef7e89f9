/**
 * Plain-text views of the runtime's status shapes, for `status`, `explain` and `overdue`.
 * The JSON views are the shapes themselves (see docs/embedding.md).
 */
import { textWidth } from '@phasegate/dsl';
import type { Blocker, CampaignSummary, OverdueList, Runtime, UnitStatus } from '@phasegate/runtime';

/** `text` and spaces up to `columns` terminal columns: ids and labels may be Chinese. */
const padColumns = (text: string, columns: number): string => text + ' '.repeat(Math.max(0, columns - textWidth(text)));

/** `study › four_talks`; a phase's transfer point reads `awaiting transfer` (a step may be called `transfer`). */
const position = (s: UnitStatus): string =>
  s.position === 'completed'
    ? 'completed'
    : s.position === 'transfer'
      ? `${s.phase} › awaiting transfer`
      : `${s.phase} › ${s.step}`;

/** A `byPosition` key (`study.four_talks`, `study.@transfer`, `completed`) as `position` writes it. */
const positionKey = (key: string): string => {
  const dot = key.indexOf('.');
  if (dot < 0) return key;
  const step = key.slice(dot + 1);
  return `${key.slice(0, dot)} › ${step === '@transfer' ? 'awaiting transfer' : step}`;
};

const timing = (s: UnitStatus): string => (s.onTime ? 'on time' : 'not on time');

/** One unit in a few lines: where it is, how it stands, what it has left behind. */
export function renderUnitStatus(s: UnitStatus): string {
  const lines = [
    `${s.id}${s.label && s.label !== s.id ? `  ${s.label}` : ''}`,
    `  position   ${position(s)}  (${s.machineState})`,
    `  state      ${s.state}, ${timing(s)}`,
  ];
  for (const t of s.transfers) lines.push(`  left       ${t.phase} at ${t.at}${t.onTime ? '' : ' (late)'}`);
  if (s.blockers.length === 0)
    lines.push(
      s.position === 'completed' ? '  blockers   none' : '  blockers   none; it moves on when its window opens',
    );
  else s.blockers.forEach((b, i) => lines.push(`  ${i === 0 ? 'blockers  ' : '          '} ${b.message}`));
  return lines.join('\n') + '\n';
}

/** Why a unit cannot move on, blocker by blocker, with the numbers behind each. */
export function renderExplain(s: UnitStatus): string {
  const head = `${s.id}${s.label && s.label !== s.id ? ` (${s.label})` : ''} is at ${position(s)}: ${s.state}, ${timing(s)}.`;
  if (s.blockers.length === 0) {
    return `${head}\n${s.position === 'completed' ? 'It has completed the campaign.' : 'Nothing blocks it.'}\n`;
  }
  const lines = [head, `It cannot move on because${s.blockers.length > 1 ? ` of ${s.blockers.length} things` : ''}:`];
  s.blockers.forEach((b, i) => {
    lines.push(`  ${i + 1}. ${headline(b)}`);
    for (const detail of details(b)) lines.push(`     - ${detail}`);
  });
  return lines.join('\n') + '\n';
}

/** A gate's message ends with its failing comparisons; those are listed below it one per line. */
function headline(b: Blocker): string {
  if (b.kind !== 'gate' || b.failing.length === 0) return b.message;
  const tail = `: ${b.failing.map((g) => g.message).join('; ')}`;
  return b.message.endsWith(tail) ? `${b.message.slice(0, -tail.length)}:` : b.message;
}

function details(b: Blocker): string[] {
  switch (b.kind) {
    case 'gate':
      return headline(b) === b.message ? [] : b.failing.map((gap) => gap.message);
    case 'checkpoint':
      return b.missing.map(
        (m) =>
          `#${m.number} ${m.label}: ${m.reason === 'unsigned' ? `not signed by ${b.signer}` : 'signed, but its condition does not hold'}`,
      );
    case 'group':
      return [`${b.done} of ${b.of} done; ${b.mode === 'any' ? 'any one' : 'all'} needed`];
    case 'deliverable':
      return b.due ? [`due ${b.due}${b.overdue ? ', overdue' : ''}`] : [];
    default:
      return [];
  }
}

/** The campaign at a glance: units per state and per position. */
export function renderSummary(runtime: Runtime, summary: CampaignSummary): string {
  const { id, label, timezone } = runtime.campaign;
  const lines = [
    `${id}  ${label}`,
    `${summary.units} unit${summary.units === 1 ? '' : 's'} at ${summary.at} (${timezone})`,
    '',
    'By state',
  ];
  const states = Object.entries(summary.byState);
  const positions = Object.entries(summary.byPosition).map(([key, n]) => [positionKey(key), n] as const);
  const width = Math.max(...[...states, ...positions].map(([k]) => textWidth(k)), 8);
  const count = (n: number) => String(n).padStart(String(summary.units).length);
  for (const [state, n] of states) lines.push(`  ${padColumns(state, width)}  ${count(n)}`);
  lines.push('', 'By phase and step');
  for (const [where, n] of positions) lines.push(`  ${padColumns(where, width)}  ${count(n)}`);
  return lines.join('\n') + '\n';
}

/** One line per unit, for `status --units`. */
export function renderUnitLines(statuses: Iterable<UnitStatus>): string {
  const rows = [...statuses].map((s) => [
    s.id,
    position(s),
    s.state,
    s.onTime ? 'on time' : 'late',
    String(s.blockers.length),
  ]);
  const head = ['unit', 'position', 'state', 'timing', 'blockers'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => textWidth(r[i]))));
  return (
    [head, ...rows]
      .map((r) => r.map((c, i) => (i === r.length - 1 ? c : padColumns(c, widths[i]))).join('  '))
      .join('\n') + '\n'
  );
}

/** Who is late on what, and since when, grouped as the office asks for it. */
export function renderOverdue(list: OverdueList): string {
  if (list.groups.length === 0) return `Nothing is overdue at ${list.at}.\n`;
  const lines = [`Overdue at ${list.at}:`];
  for (const g of list.groups) {
    lines.push('', `${g.message}`);
    for (const e of g.entries) {
      const who = e.unit ?? (e.role ? `role ${e.role}` : 'campaign');
      lines.push(`  ${padColumns(who, 24)} due ${e.due}, ${lateness(e.due, list.at, e.daysLate)} late`);
    }
  }
  return lines.join('\n') + '\n';
}

/** `3 days`, or under a day the hours (`6 hours`) or minutes: "0 days late" would read as on time. */
function lateness(due: string, at: string, daysLate: number): string {
  if (daysLate >= 1) return `${daysLate} day${daysLate === 1 ? '' : 's'}`;
  const minutes = Math.floor((Date.parse(at) - Date.parse(due)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 0) return `${daysLate} days`;
  if (minutes >= 60) return `${Math.floor(minutes / 60)} hour${minutes < 120 ? '' : 's'}`;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
