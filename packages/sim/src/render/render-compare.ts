import { textWidth } from '@phasegate/dsl';
import { padEnd, padStart, truncate } from './text-width.js';
import type { Comparison } from '../compare.js';

/**
 * The what-if in the terminal: on-time units per phase before and after, the change, and the
 * units whose outcome changes (at most `limit`, improvements first; `more` says where to find the
 * rest, after "… and N more").
 */
export function renderComparison(
  c: Comparison,
  options: { columns?: number; limit?: number; more?: string } = {},
): string {
  const columns = Math.max(60, options.columns ?? 100);
  const limit = options.limit ?? 40;
  const lines: string[] = [];
  lines.push(truncate(`What-if — same scenario and seed: before = ${c.before.name}, after = ${c.after.name}`, columns));
  const labelW = Math.min(22, Math.max(5, ...c.phases.map((p) => textWidth(p.label))));
  lines.push(
    `  ${padEnd('phase', labelW)}  ${padStart('on time before', 18)}  ${padStart('on time after', 18)}  ${padStart('change', 8)}`,
  );
  const cell = (n: number, r: number) => `${n}/${c.units} (${Math.round(100 * r)}%)`;
  for (const p of c.phases) {
    const d = p.after.onTime - p.before.onTime;
    lines.push(
      truncate(
        `  ${padEnd(p.label, labelW)}  ${padStart(cell(p.before.onTime, p.before.rate), 18)}  ${padStart(cell(p.after.onTime, p.after.rate), 18)}  ${padStart(`${d > 0 ? '+' : ''}${d}`, 8)}`,
        columns,
      ),
    );
  }
  lines.push('');
  if (c.changes.length === 0) {
    lines.push('No unit’s outcome changes.');
    return lines.join('\n') + '\n';
  }
  lines.push(
    `${c.changes.length} unit outcome${c.changes.length === 1 ? '' : 's'} change${c.changes.length === 1 ? 's' : ''}:`,
  );
  const unitW = Math.min(16, Math.max(...c.changes.map((x) => textWidth(x.label))));
  const phaseW = Math.min(16, Math.max(...c.changes.map((x) => textWidth(x.phaseLabel))));
  for (const ch of c.changes.slice(0, limit)) {
    lines.push(
      truncate(
        `  ${padEnd(ch.label, unitW)}  ${padEnd(ch.phaseLabel, phaseW)}  ${padEnd(ch.beforeText, 16)} → ${ch.afterText}`,
        columns,
      ),
    );
  }
  if (c.changes.length > limit)
    lines.push(`  … and ${c.changes.length - limit} more${options.more ? ` (${options.more})` : ''}`);
  return lines.join('\n') + '\n';
}
