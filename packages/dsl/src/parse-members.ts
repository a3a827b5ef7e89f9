/**
 * One-line declarations: everything that is not a `{ … }` block. Each parser starts at its
 * keyword and ends at its last token, so a member's span never includes trailing blanks or comments.
 */
import P from 'parsimmon';
import {
  spanOf,
  type AmendAction,
  type AmendmentNode,
  type DeliverableNode,
  type DocumentNode,
  type LatePolicyNode,
  type MetricNode,
  type ObligationNode,
  type ObligationSchedule,
  type RoleCapability,
  type RoleNode,
  type TaskNode,
  type TimezoneNode,
  type Weekday,
  type WindowNode,
} from './ast.js';
import { type ParseContext } from './parse-context.js';
import { fastDeliverable, fastTask, fastWindow, fusedIf } from './parse-fast-members.js';
import { date, ident, kw, kwOneOf, label, punct, timeOfDay, wholeNumber, zoneName } from './parse-tokens.js';
import { map, opt, alt, seq, seqMap } from './parser-combinators.js';

export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

export interface MemberParsers {
  timezone: P.Parser<TimezoneNode>;
  role: P.Parser<RoleNode>;
  metric: P.Parser<MetricNode>;
  document: P.Parser<DocumentNode>;
  window: P.Parser<WindowNode>;
  amend: P.Parser<AmendmentNode>;
  amendRest: P.Parser<AmendmentNode>;
  task: P.Parser<TaskNode>;
  deliverable: P.Parser<DeliverableNode>;
  latePolicy: P.Parser<LatePolicyNode>;
  obligation: P.Parser<ObligationNode>;
}

/**
 * The one-line members' parsers. `fused` (the default) gives `task`, `deliverable` and `window`
 * their fused fast paths (`parse-fast-members.ts`); without it every member is its combinator
 * form, which the fused paths are tested against.
 */
export function memberParsers(ctx: ParseContext, fused = true): MemberParsers {
  const lbl = opt(label(ctx));
  const dt = date();
  const days = wholeNumber(ctx);
  const dayWord = kwOneOf(['days'] as const, { day: 'days' });

  const timezone = seqMap(kw('timezone'), zoneName, (k, z) => ({
    kind: 'timezone' as const,
    zone: z.zone,
    zoneSpan: spanOf(z),
    start: k.start,
    end: z.end,
  }));

  const capability = map(kwOneOf<RoleCapability>(['amend', 'issue']), (c) => ({
    name: c.word,
    start: c.start,
    end: c.end,
  }));
  const capabilities = seqMap(kw('can'), capability, seq(punct(','), capability).many(), (_can, first, rest) => [
    first,
    ...rest.map(([, c]) => c),
  ]);
  const role = seqMap(kw('role'), ident('a role name'), lbl, opt(capabilities), (k, id, l, caps) => {
    const last = caps?.[caps.length - 1] ?? l ?? id;
    return { kind: 'role' as const, id, label: l, capabilities: caps ?? [], start: k.start, end: last.end };
  });

  const metricUnit = kwOneOf(['hours', 'days', 'percent', 'count'] as const, { hour: 'hours', day: 'days' });
  const metric = seqMap(
    kw('metric'),
    ident('a metric name'),
    lbl,
    metricUnit,
    kw('per'),
    kwOneOf(['member', 'unit'] as const),
    (k, id, l, u, _per, level) => ({
      kind: 'metric' as const,
      id,
      label: l,
      unit: u.word,
      level: level.word,
      start: k.start,
      end: level.end,
    }),
  );

  const document = seqMap(
    kw('document'),
    ident('a document name'),
    lbl,
    opt(seq(kw('issued'), dt)),
    (k, id, l, issued) => ({
      kind: 'document' as const,
      id,
      label: l,
      issued: issued?.[1],
      start: k.start,
      end: (issued?.[1] ?? l ?? id).end,
    }),
  );

  const window = fusedIf<WindowNode>(
    fused,
    fastWindow,
    seqMap(kw('window'), dt, punct('..'), dt, (k, opens, _dots, closes) => ({
      kind: 'window' as const,
      opens,
      closes,
      start: k.start,
      end: closes.end,
    })),
  );

  const byDaysOrTo = (verb: 'extend' | 'move'): P.Parser<AmendAction> =>
    seqMap(
      kw(verb),
      alt(
        seqMap(kw('to'), dt, (_to, d) => ({ to: d, end: d.end }) as const),
        seqMap(days, dayWord, (n, w) => ({ days: n.value, end: w.end }) as const),
      ),
      (k, rest): AmendAction =>
        'to' in rest
          ? { kind: verb === 'extend' ? 'extend-to' : 'move-to', date: rest.to, start: k.start, end: rest.end }
          : { kind: verb === 'extend' ? 'extend-by' : 'move-by', days: rest.days, start: k.start, end: rest.end },
    );

  const target = seqMap(
    kw('phase'),
    ident('a phase name'),
    opt(seq(kw('step'), ident('a step name'))),
    (k, phase, step) => ({ phase, step: step?.[1], start: k.start, end: (step?.[1] ?? phase).end }),
  );
  /** Everything after the `amend` keyword (the command line may omit the keyword). */
  const amendRest = seqMap(
    opt(target),
    alt(byDaysOrTo('extend'), byDaysOrTo('move')),
    kw('effective'),
    dt,
    opt(seq(kw('reason'), label(ctx))),
    (t, action, _eff, effective, reason): AmendmentNode => ({
      kind: 'amendment',
      ...(t ? { target: t } : {}),
      action,
      effective,
      reason: reason?.[1],
      start: (t ?? action).start,
      end: (reason?.[1] ?? effective).end,
    }),
  );
  const amend = seqMap(kw('amend'), amendRest, (k, a): AmendmentNode => ({ ...a, start: k.start }));

  const task = fusedIf<TaskNode>(
    fused,
    (slow) => fastTask(ctx, slow),
    seqMap(kw('task'), ident('a task name'), lbl, (k, id, l) => ({
      kind: 'task' as const,
      id,
      label: l,
      start: k.start,
      end: (l ?? id).end,
    })),
  );

  const deliverable = fusedIf<DeliverableNode>(
    fused,
    (slow) => fastDeliverable(ctx, slow),
    seqMap(kw('deliverable'), ident('a deliverable name'), lbl, opt(seq(kw('due'), dt)), (k, id, l, due) => ({
      kind: 'deliverable' as const,
      id,
      label: l,
      due: due?.[1],
      start: k.start,
      end: (due?.[1] ?? l ?? id).end,
    })),
  );

  const latePolicy = seqMap(
    kw('when'),
    kw('late'),
    alt(
      seqMap(kw('remediate'), lbl, (r, l) => ({ action: 'remediate' as const, label: l, end: l ? l.end : r.end })),
      seqMap(kw('mark'), kw('late'), (_m, l) => ({ action: 'mark-late' as const, label: undefined, end: l.end })),
    ),
    (k, _late, a): LatePolicyNode => ({
      kind: 'late-policy',
      action: a.action,
      label: a.label,
      start: k.start,
      end: a.label ? a.label.end : a.end,
    }),
  );

  const owedBy = seqMap(
    kw('by'),
    alt(
      map(kw('units'), (s) => ({ kind: 'units' as const, s })),
      map(ident('`units` or a role name'), (role) => ({ kind: 'role' as const, role, s: role })),
    ),
    (b, o): ObligationNode['owedBy'] =>
      o.kind === 'units'
        ? { kind: 'units', start: b.start, end: o.s.end }
        : { kind: 'role', role: o.role, start: b.start, end: o.s.end },
  );

  const schedule: P.Parser<ObligationSchedule> = alt(
    seqMap(kw('due'), dt, (k, d): ObligationSchedule => ({ kind: 'due', due: d, start: k.start, end: d.end })),
    seqMap(
      kw('every'),
      kwOneOf(WEEKDAYS),
      kw('from'),
      dt,
      opt(seq(kw('until'), dt)),
      opt(seq(kw('at'), timeOfDay())),
      (k, wd, _from, from, until, at): ObligationSchedule => ({
        kind: 'recurring',
        weekday: wd.word,
        from,
        until: until?.[1],
        at: at?.[1],
        start: k.start,
        end: (at?.[1] ?? until?.[1] ?? from).end,
      }),
    ),
    seqMap(kw('acknowledge'), kw('documents'), kw('within'), days, dayWord, (k, _d, _w, n, w): ObligationSchedule => ({
      kind: 'acknowledge',
      withinDays: n.value,
      start: k.start,
      end: w.end,
    })),
  );

  const obligation = seqMap(
    kw('obligation'),
    ident('an obligation name'),
    lbl,
    owedBy,
    schedule,
    (k, id, l, by, s) => ({
      kind: 'obligation' as const,
      id,
      label: l,
      owedBy: by,
      schedule: s,
      start: k.start,
      end: s.end,
    }),
  );

  return { timezone, role, metric, document, window, amend, amendRest, task, deliverable, latePolicy, obligation };
}
