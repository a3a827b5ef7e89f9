import { esc, n, phaseColour } from './report-kit.js';
import type { Comparison } from '../compare.js';
import type { SimulationResult } from '../result.js';

/** The blocker breakdown: units waiting at the end and unit-days waited, with bars and the failing parts. */
export function blockersHtml(result: SimulationResult): string {
  if (result.blockers.length === 0) return '<p class="muted">Nothing blocks any unit.</p>';
  const maxUnits = Math.max(1, ...result.blockers.map((b) => b.units));
  const maxDays = Math.max(1, ...result.blockers.map((b) => b.unitDays));
  const rows = result.blockers.map((b) => {
    const details = b.details.map((d) => `<li><span>${esc(d.text)}</span><b>${n(d.units)}</b></li>`).join('');
    return `<tr data-blocker="${esc(b.key)}">
<td><div class="blocker-name">${esc(b.label)}</div><div class="kind">${esc(b.kind)}</div>${details ? `<ul class="details">${details}</ul>` : ''}</td>
<td class="num units" data-value="${b.units}"><div class="bar units-bar" style="width:${((100 * b.units) / maxUnits).toFixed(1)}%"></div><span>${n(b.units)}</span></td>
<td class="num days" data-value="${b.unitDays}"><div class="bar days-bar" style="width:${((100 * b.unitDays) / maxDays).toFixed(1)}%"></div><span>${n(b.unitDays)}</span></td>
</tr>`;
  });
  return `<table class="blockers"><thead><tr><th>blocker</th><th class="num">units waiting on it at the end</th><th class="num">unit-days waited</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Per phase: on time, late, overdue, still open, as a stacked bar and numbers. */
export function outcomesHtml(result: SimulationResult): string {
  const total = Math.max(1, result.totals.units);
  const colours = { 'on-time': '#10b981', late: '#f59e0b', overdue: '#ef4444', open: '#cbd5e1' } as const;
  const rows = result.phases.map((p) => {
    const o = result.totals.outcomes[p.id];
    const parts = (['on-time', 'late', 'overdue', 'open'] as const)
      .filter((k) => o[k] > 0)
      .map(
        (k) =>
          `<span class="part ${k}" style="width:${((100 * o[k]) / total).toFixed(2)}%;background:${colours[k]}" title="${esc(`${o[k]} ${k}`)}">${o[k]}</span>`,
      )
      .join('');
    return `<tr data-phase="${esc(p.id)}" data-on-time="${o['on-time']}" data-late="${o.late}" data-overdue="${o.overdue}" data-open="${o.open}">
<th><i class="dot" style="background:${phaseColour(result, p.id)}"></i>${esc(p.label)}</th><td class="stack">${parts}</td>
<td class="num">${Math.round((100 * o['on-time']) / total)}%</td></tr>`;
  });
  return `<table class="outcomes"><thead><tr><th>phase</th><th>units: <b class="k on-time">on time</b> <b class="k late">late</b> <b class="k overdue">overdue</b> <b class="k open">still open</b></th><th class="num">on time</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The overdue lists of each snapshot day. */
export function overdueHtml(result: SimulationResult): string {
  return result.snapshots
    .map((s) => {
      const groups =
        s.groups.length === 0
          ? '<p class="muted">Nothing overdue.</p>'
          : s.groups
              .map(
                (g) =>
                  `<div class="overdue-group" data-group="${esc(g.key)}" data-count="${g.entries.length}"><h4>${esc(g.message)}</h4><p>${g.entries
                    .map((e) => `<span class="chip">${esc(e.label)} <small>${e.daysLate}d</small></span>`)
                    .join(' ')}</p></div>`,
              )
              .join('');
      return `<section class="snapshot-block" data-date="${s.date}"><h3>${s.date}${s.date === result.to ? ' · last simulated day' : ''}</h3>${groups}</section>`;
    })
    .join('');
}

/** The what-if: on-time rate per phase before and after, and the units whose outcome changes. */
export function comparisonHtml(c: Comparison): string {
  const rows = c.phases.map((p) => {
    const delta = p.after.onTime - p.before.onTime;
    return `<tr data-phase="${esc(p.phase)}"><th>${esc(p.label)}</th><td class="num">${p.before.onTime} / ${c.units} <small>${pct(p.before.rate)}</small></td><td class="num">${p.after.onTime} / ${c.units} <small>${pct(p.after.rate)}</small></td><td class="num delta ${delta > 0 ? 'up' : delta < 0 ? 'down' : ''}">${delta > 0 ? '+' : ''}${delta}</td></tr>`;
  });
  const changes = c.changes
    .map(
      (ch) =>
        `<tr data-unit="${esc(ch.unit)}"><td>${esc(ch.label)}</td><td>${esc(ch.phaseLabel)}</td><td><span class="o ${ch.before}">${esc(ch.beforeText)}</span></td><td>→</td><td><span class="o ${ch.after}">${esc(ch.afterText)}</span></td></tr>`,
    )
    .join('');
  return `<p>Same scenario, same seed: <b>${esc(c.before.name)}</b> (before) against <b>${esc(c.after.name)}</b> (after).</p>
<table class="compare"><thead><tr><th>phase</th><th class="num">on time before</th><th class="num">on time after</th><th class="num">change</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<h3>${c.changes.length} unit outcome${c.changes.length === 1 ? '' : 's'} change</h3>
${c.changes.length ? `<table class="changes"><tbody>${changes}</tbody></table>` : ''}`;
}

function pct(r: number): string {
  return `${Math.round(100 * r)}%`;
}
