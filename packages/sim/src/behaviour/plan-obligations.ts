import { sample } from './distribution.js';
import { streamFor } from './prng.js';
import { DAY_MS } from '../calendar.js';
import { choose, unitActor, type PlanContext, type PlannedEvent } from './plan-types.js';

/**
 * Plans the administrative side: each unit acknowledges each issued document `delay` days after
 * issue (when the campaign has an acknowledgement obligation), and reports toward each due or
 * recurring obligation `delay` days after its deadline (negative: early). Role obligations (the
 * supervisors' weekly report) are reported once per occurrence by the role.
 */
export function planObligations(ctx: PlanContext, out: PlannedEvent[]): void {
  const { scenario, ir } = ctx;
  const { acknowledgements, reports } = scenario.behaviour;
  const seed = scenario.seed;
  const first = ctx.days.starts[0];
  const end = ctx.days.starts[ctx.days.starts.length - 1];
  const acknowledged = ir.obligations.some((o) => o.kind === 'acknowledge' && o.owedBy.kind === 'units');
  if (acknowledgements && acknowledged) {
    for (const [document, issued] of ctx.issued) {
      for (const unit of scenario.units) {
        if (ctx.explicit.has(`ack:${unit.id}:${document}`)) continue;
        const d = choose(
          acknowledgements,
          acknowledgements.delay,
          unit,
          ctx.lagging.has(unit.id),
          acknowledgements.byDocument,
          document,
        );
        const delay = sample(d, streamFor(seed, 'ack', unit.id, document));
        if (Number.isFinite(delay)) {
          out.push({
            at: issued + Math.max(0, delay) * DAY_MS,
            body: { type: 'acknowledge', unit: unit.id, document },
            actor: unitActor(ctx, unit.id),
          });
        }
      }
    }
  }
  if (!reports) return;
  for (const o of ir.obligations) {
    if (o.kind === 'acknowledge') continue;
    const dues = o.kind === 'due' ? [o.due] : o.dues.filter((d) => d >= first - 7 * DAY_MS && d < end + 7 * DAY_MS);
    dues.forEach((due, k) => {
      if (o.owedBy.kind === 'units') {
        for (const unit of scenario.units) {
          if (o.kind === 'due' && ctx.explicit.has(`report:${unit.id}:${o.id}`)) continue;
          const d = choose(reports, reports.delay, unit, ctx.lagging.has(unit.id), reports.byObligation, o.id);
          const delay = sample(d, streamFor(seed, 'report', o.id, k, unit.id));
          if (Number.isFinite(delay))
            out.push({
              at: due + delay * DAY_MS,
              body: { type: 'report', obligation: o.id, unit: unit.id },
              actor: unitActor(ctx, unit.id),
            });
        }
      } else {
        const d = reports.byObligation?.[o.id] ?? reports.delay;
        const delay = sample(d, streamFor(seed, 'report', o.id, k));
        if (Number.isFinite(delay)) {
          out.push({
            at: due + delay * DAY_MS,
            body: { type: 'report', obligation: o.id },
            actor: { user: `sim:${o.owedBy.role}`, role: o.owedBy.role },
          });
        }
      }
    });
  }
}
