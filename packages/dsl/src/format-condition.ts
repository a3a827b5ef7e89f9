/**
 * Printing conditions and the literals inside them, in canonical spelling: single spaces, `%`
 * for percents, parentheses exactly where the tree needs them.
 */
import type { Condition, DateLiteral, Label, Quantity, Subject } from './ast.js';

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatDate(d: DateLiteral): string {
  const date = `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
  return d.time ? `${date} ${formatTime(d.time)}` : date;
}

export function formatTime(t: { hour: number; minute: number }): string {
  return `${pad2(t.hour)}:${pad2(t.minute)}`;
}

export function formatLabel(l: Label): string {
  return `"${l.value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const NUMERAL = /^-?[0-9]+(?:\.[0-9]+)?/;

/** `45 hours`, `1 hour`, `95%`, `12 count`, `3` — the number keeps the digits the author wrote. */
export function formatQuantity(q: Quantity): string {
  const digits = NUMERAL.exec(q.text)?.[0] ?? String(q.value);
  switch (q.unit) {
    case undefined:
      return digits;
    case 'percent':
      return `${digits}%`;
    case 'hours':
    case 'days':
      return `${digits} ${digits === '1' ? q.unit.slice(0, -1) : q.unit}`;
    default:
      return `${digits} ${q.unit}`;
  }
}

/** `10 days`, `1 day`, `-3 days`. */
export function formatDays(n: number): string {
  return `${n} ${Math.abs(n) === 1 ? 'day' : 'days'}`;
}

function formatSubject(s: Subject): string {
  switch (s.kind) {
    case 'metric':
      return s.metric.name;
    case 'every':
      return `every member ${s.metric.name}`;
    case 'share':
    case 'count':
      return `${s.kind} of members with ${s.metric.name} ${s.op} ${formatQuantity(s.threshold)}`;
    default:
      return `${s.kind} ${s.metric.name}`;
  }
}

/**
 * An operand of an `and`/`or` chain. Nested chains are parenthesised except an `and` inside an
 * `or`, which the precedence already groups; so printing and re-parsing gives the same tree.
 */
export function formatOperand(c: Condition, parent: 'and' | 'or'): string {
  if (c.kind === 'and' || c.kind === 'or') {
    return c.kind === 'and' && parent === 'or' ? formatCondition(c) : `(${formatCondition(c)})`;
  }
  return formatCondition(c);
}

/** The whole condition on one line. */
export function formatCondition(c: Condition): string {
  switch (c.kind) {
    case 'and':
    case 'or':
      return c.items.map((item) => formatOperand(item, c.kind)).join(` ${c.kind} `);
    case 'compare':
      return `${formatSubject(c.subject)} ${c.op} ${formatQuantity(c.value)}`;
    case 'task-done':
      return `task ${c.task.name} done`;
    case 'deliverable-submitted':
      return `deliverable ${c.deliverable.name} submitted`;
  }
}

/** The top-level operands of a condition with the word that joins each to the previous one. */
export function operands(c: Condition): { joiner: 'and' | 'or' | undefined; text: string; node: Condition }[] {
  if (c.kind !== 'and' && c.kind !== 'or') return [{ joiner: undefined, text: formatCondition(c), node: c }];
  return c.items.map((item, k) => ({
    joiner: k === 0 ? undefined : c.kind,
    text: formatOperand(item, c.kind),
    node: item,
  }));
}
