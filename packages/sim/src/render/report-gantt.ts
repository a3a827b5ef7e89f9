import { esc, fit, phaseColour, snapshotLines, timeAxis, timeScale } from './report-kit.js';
import { addDays } from '../calendar.js';
import type { SimulationResult } from '../result.js';

const ROW = 26;
const LABEL = 220;
const WIDTH = 1160;

/**
 * The Gantt chart: one row per phase and step. The window as written is an outline; the window
 * in force at the end of the run is filled; an extension is hatched and labelled (`+10 days`), a
 * diamond marks the day the amendment took effect.
 */
export function ganttSvg(result: SimulationResult): string {
  const bars = result.calendar;
  const top = 26;
  const height = top + bars.length * ROW + 24;
  const scale = timeScale(result, LABEL, WIDTH - LABEL - 12);
  const rows = bars.map((bar, i) => {
    const y = top + i * ROW;
    const colour = phaseColour(result, bar.phase);
    const isPhase = bar.kind === 'phase';
    const h = isPhase ? 16 : 11;
    const by = y + (ROW - h) / 2;
    const xs = (d: string) => scale.xDate(d);
    const xe = (d: string) => scale.xDate(addDays(d, 1));
    const ox = xs(bar.original.start);
    const ow = Math.max(0, xe(bar.original.end) - ox);
    const ex = xs(bar.effective.start);
    const ew = Math.max(0, xe(bar.effective.end) - ex);
    const extended = bar.effective.end > bar.original.end;
    const moved = bar.effective.start !== bar.original.start;
    const extX = Math.max(ex, xe(bar.original.end));
    const extW = Math.max(0, xe(bar.effective.end) - extX);
    const tip =
      `${bar.label} (${bar.id})\nwindow as written: ${bar.original.start} … ${bar.original.end}` +
      (extended || moved ? `\nin force: ${bar.effective.start} … ${bar.effective.end}` : '') +
      bar.amendments
        .map(
          (a) =>
            `\n${a.source === 'what-if' ? 'what-if ' : ''}amendment effective ${a.effective}: ${a.action}${a.reason ? ` — ${a.reason}` : ''}`,
        )
        .join('');
    const extraDays = Math.round((Date.parse(bar.effective.end) - Date.parse(bar.original.end)) / 86_400_000);
    return (
      `<g class="gantt-row ${bar.kind}" data-bar="${esc(bar.id)}" data-kind="${bar.kind}" data-original-start="${bar.original.start}" data-original-end="${bar.original.end}" data-effective-start="${bar.effective.start}" data-effective-end="${bar.effective.end}" data-amended="${bar.amendments.length > 0}" data-tip="${esc(tip)}">` +
      (i % 2 === 0 ? `<rect class="band" x="0" y="${y}" width="${WIDTH}" height="${ROW}"/>` : '') +
      `<text class="row-label${isPhase ? ' phase' : ''}" x="${isPhase ? 8 : 22}" y="${y + ROW / 2 + 4}">${fit(bar.label, isPhase ? 26 : 24)}</text>` +
      `<rect class="effective" x="${ex.toFixed(1)}" y="${by}" width="${ew.toFixed(1)}" height="${h}" rx="3" fill="${colour}" fill-opacity="${isPhase ? 0.9 : 0.55}"/>` +
      (extended
        ? `<rect class="extension" x="${extX.toFixed(1)}" y="${by}" width="${extW.toFixed(1)}" height="${h}" rx="3" fill="url(#hatch)" stroke="${colour}"/>`
        : '') +
      `<rect class="original" x="${ox.toFixed(1)}" y="${by - 2}" width="${ow.toFixed(1)}" height="${h + 4}" rx="3" fill="none" stroke="#0f172a" stroke-dasharray="${extended || moved ? '4 3' : '0'}" stroke-opacity="${extended || moved ? 0.75 : 0}"/>` +
      (extended
        ? `<text class="ext-label" x="${(extX + extW + 5).toFixed(1)}" y="${y + ROW / 2 + 4}">+${extraDays} days</text>`
        : '') +
      bar.amendments
        .map((a) => {
          const ax = (scale.xDate(a.effective) + scale.xDate(addDays(a.effective, 1))) / 2;
          const cy = y + ROW / 2;
          return `<path class="amend-marker ${a.source}" d="M${ax.toFixed(1)} ${cy - 6} l6 6 l-6 6 l-6 -6 z"/>`;
        })
        .join('') +
      `</g>`
    );
  });
  return `<svg class="chart gantt" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Phases and steps with their windows">
<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fde68a"/><line x1="0" y1="0" x2="0" y2="6" stroke="#d97706" stroke-width="3"/></pattern></defs>
${timeAxis(result, scale, top, top + bars.length * ROW)}
${rows.join('\n')}
${snapshotLines(result, scale, top - 4, top + bars.length * ROW, true)}
</svg>`;
}
