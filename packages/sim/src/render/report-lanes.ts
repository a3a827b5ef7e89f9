import { esc, fit, phaseColour, snapshotLines, STATE_COLOURS, STATE_NAMES, timeAxis, timeScale } from './report-kit.js';
import { positionLabel } from './render-shared.js';
import type { SimulationResult } from '../result.js';

const WIDTH = 1160;
const LABEL = 150;
const LANE = 15;

/**
 * One lane per unit: coloured by state day by day, a thin tick where the unit moved to another
 * step, a diamond where it left a phase (green on time, red late), and the blocker it waited on
 * in each waiting stretch (hover).
 */
export function lanesSvg(result: SimulationResult): string {
  const top = 22;
  const height = top + result.units.length * LANE + 24;
  const scale = timeScale(result, LABEL, WIDTH - LABEL - 12);
  const blockerLabel = new Map(result.blockers.map((b) => [b.key, b.label]));
  const lanes = result.units.map((u, row) => {
    const y = top + row * LANE;
    const segs = u.lane.map((s, k) => {
      const x = scale.x(s.from);
      const w = scale.x(s.to + 1) - x;
      const from = result.days[s.from].date;
      const to = result.days[s.to].date;
      const waited = s.blocker ? `\nwaiting on: ${blockerLabel.get(s.blocker) ?? s.blocker}` : '';
      const tip = `${u.label}\n${positionLabel(result, s.position)} — ${STATE_NAMES[s.state]}\n${from} … ${to} (${s.to - s.from + 1} days)${waited}`;
      const moved = k > 0 && u.lane[k - 1].position !== s.position;
      return (
        `<rect class="seg${s.blocker ? ' waited' : ''}" data-state="${s.state}" data-position="${esc(s.position)}" x="${x.toFixed(1)}" y="${y + 2}" width="${w.toFixed(2)}" height="${LANE - 4}" fill="${STATE_COLOURS[s.state]}" data-tip="${esc(tip)}"/>` +
        (moved
          ? `<line class="move" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${y + 1}" y2="${y + LANE - 1}"/>`
          : '')
      );
    });
    const transfers = u.transfers.map((t) => {
      const i = scale.index(t.at.slice(0, 10));
      const cx = (scale.x(i) + scale.x(i + 1)) / 2;
      const cy = y + LANE / 2;
      return `<path class="transfer ${t.onTime ? 'on-time' : 'late'}" d="M${cx.toFixed(1)} ${cy - 5} l5 5 l-5 5 l-5 -5 z" fill="${t.onTime ? '#047857' : '#b91c1c'}" stroke="${phaseColour(result, t.phase)}"><title>${esc(`${u.label}: left ${t.phase} ${t.at.slice(0, 16).replace('T', ' ')} ${t.onTime ? '(on time)' : '(late)'}`)}</title></path>`;
    });
    const waitedAny = u.lane.some((s) => s.blocker !== null);
    return (
      `<g class="lane" data-unit="${esc(u.id)}" data-label="${esc(u.label)}" data-waited="${waitedAny}" data-lagging="${u.lagging}">` +
      `<text class="lane-label${u.lagging ? ' lagging' : ''}" x="${LABEL - 8}" y="${y + LANE - 4}">${fit(u.label, 18)}</text>` +
      segs.join('') +
      transfers.join('') +
      `</g>`
    );
  });
  return `<svg class="chart lanes" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Each unit's path through the campaign">
${timeAxis(result, scale, top, top + result.units.length * LANE)}
${lanes.join('\n')}
${snapshotLines(result, scale, top, top + result.units.length * LANE, false)}
</svg>`;
}
