import { esc, n, snapshotLines, STATE_COLOURS, STATE_NAMES, timeAxis, timeScale } from './report-kit.js';
import { UNIT_STATES, type SimulationResult } from '../result.js';

const WIDTH = 1160;
const LEFT = 48;
const HEIGHT = 300;

/**
 * Unit states over time, stacked: one filled series per state (completed at the bottom, then
 * late and remediation so that trouble stands out, waiting on top). Each day is a step of the
 * series, so a count read from the chart is exactly the day's count.
 */
export function statesSvg(result: SimulationResult): string {
  const top = 24;
  const plotH = HEIGHT - top - 30;
  const scale = timeScale(result, LEFT, WIDTH - LEFT - 12);
  const total = Math.max(1, result.totals.units);
  const y = (v: number) => top + plotH - (plotH * v) / total;
  const order = ['completed', 'remediation', 'late', 'awaiting-transfer', 'active', 'waiting'] as const;
  const base = result.days.map(() => 0);
  const series = order.map((state) => {
    const lower = [...base];
    result.days.forEach((d, i) => (base[i] += d.byState[state]));
    const upper = [...base];
    let path = '';
    // Upper edge left to right (steps), lower edge right to left.
    upper.forEach((v, i) => {
      path += `${i === 0 ? 'M' : 'L'}${scale.x(i).toFixed(1)} ${y(v).toFixed(1)}L${scale.x(i + 1).toFixed(1)} ${y(v).toFixed(1)}`;
    });
    for (let i = lower.length - 1; i >= 0; i--) {
      path += `L${scale.x(i + 1).toFixed(1)} ${y(lower[i]).toFixed(1)}L${scale.x(i).toFixed(1)} ${y(lower[i]).toFixed(1)}`;
    }
    const peak = Math.max(...result.days.map((d) => d.byState[state]));
    return `<path class="series" data-state="${state}" data-peak="${peak}" d="${path}Z" fill="${STATE_COLOURS[state]}"><title>${esc(STATE_NAMES[state])}: up to ${n(peak)} units</title></path>`;
  });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const v = Math.round(total * f);
    return `<line class="grid" x1="${LEFT}" x2="${WIDTH - 12}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text class="tick y" x="${LEFT - 6}" y="${(y(v) + 4).toFixed(1)}">${v}</text>`;
  });
  // Invisible day columns carry the numbers for the hover read-out.
  const columns = result.days
    .map((d, i) => {
      const tip = `${d.date}\n` + UNIT_STATES.map((s) => `${STATE_NAMES[s]}: ${d.byState[s]}`).join('\n');
      return `<rect class="hover-col" x="${scale.x(i).toFixed(1)}" y="${top}" width="${(scale.x(i + 1) - scale.x(i)).toFixed(2)}" height="${plotH}" data-tip="${esc(tip)}"/>`;
    })
    .join('');
  return `<svg class="chart states" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Units per state over time">
${ticks.join('')}
${timeAxis(result, scale, top, top + plotH)}
${series.join('\n')}
${snapshotLines(result, scale, top, top + plotH, true)}
${columns}
</svg>`;
}

export function stateLegend(): string {
  return `<ul class="legend">${UNIT_STATES.map((s) => `<li><i style="background:${STATE_COLOURS[s]}"></i>${esc(STATE_NAMES[s])}</li>`).join('')}</ul>`;
}
