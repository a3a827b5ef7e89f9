import { DateTime } from 'luxon';
import type { CampaignIR, MetricIR } from '@phasegate/compiler';
import {
  fromThousandths,
  METRIC_MAX,
  metricValueProblem,
  recordedValue,
  toThousandths,
  type MetricValueProblem,
} from '@phasegate/compiler/semantics';
import { closest } from '@phasegate/dsl';
import { parseEventTime, parseWindowEnd } from './event-time.js';
import type { KernelEvent } from './kernel/events.js';
import { formatNumber, isoTime, plusLocalDays, shortDateTime } from './kernel/format.js';
import type { Kernel } from './kernel/kernel.js';

/** One thing wrong with an event: the field (dotted, `actor.role`) and what to do about it. */
export interface EventProblem {
  readonly field: string;
  readonly message: string;
}

export type Resolution =
  | { readonly ok: true; readonly id: string; readonly event: KernelEvent }
  | { readonly ok: false; readonly id: string | null; readonly problems: readonly EventProblem[] };

const TYPES = [
  'fact',
  'task',
  'deliverable',
  'signoff',
  'revoke',
  'issue',
  'acknowledge',
  'report',
  'amend',
  'clock',
] as const;
type EventType = (typeof TYPES)[number];

/** The earliest and latest event times a campaign accepts. */
export interface TimeBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * Events may be dated from a year before the campaign's first window to five years after its
 * last one (file amendments included): anything outside is almost surely a typo in the year.
 */
export function timeBounds(ir: CampaignIR): TimeBounds {
  const starts = ir.windows.map((w) => w.start);
  const ends = [...ir.windows.map((w) => w.end), ...ir.amendments.map((a) => a.end)];
  const zone = ir.timezone;
  if (starts.length === 0) return { min: -8.64e15, max: 8.64e15 };
  return {
    min: DateTime.fromMillis(Math.min(...starts), { zone })
      .minus({ years: 1 })
      .toMillis(),
    max: DateTime.fromMillis(Math.max(...ends), { zone })
      .plus({ years: 5 })
      .toMillis(),
  };
}

/**
 * Validates one untrusted event against the campaign and the runtime's current state, and resolves
 * every name in it to the kernel's indices. All problems of the event are reported, not just the
 * first. Pure: it reads the kernel, never changes it.
 *
 * @example
 * const r = resolveEvent({ id: 'e1', type: 'task', time: '2005-02-24T10:00', unit: 'edu',
 *   task: 'expert_talk', actor: { user: 'li', role: 'unit_admin' } }, kernel, bounds);
 * if (r.ok) kernel.apply(r.event); else console.log(r.problems);
 */
export function resolveEvent(raw: unknown, k: Kernel, bounds: TimeBounds): Resolution {
  const problems: EventProblem[] = [];
  const fail = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      id: null,
      problems: [{ field: '', message: 'An event must be a JSON object with id, type, time and actor.' }],
    };
  }
  const e = raw as Record<string, unknown>;
  const ir = k.ir;
  const zone = ir.timezone;

  const id = typeof e.id === 'string' && e.id !== '' ? e.id : null;
  if (id === null)
    fail(
      'id',
      'is missing; every event needs a unique non-empty string id (a repeated id is ignored, so retries are safe).',
    );

  const type = e.type as EventType;
  if (!TYPES.includes(type)) {
    fail('type', `${describe(e.type)} is not an event type; use one of ${TYPES.join(', ')}.`);
    return { ok: false, id, problems };
  }

  const time = checkTime(e.time, 'time', zone, bounds, fail);

  // actor
  let role = -1;
  let actorUnit: string | undefined;
  const actor = e.actor;
  if (typeof actor !== 'object' || actor === null || Array.isArray(actor)) {
    fail('actor', 'is missing; give { "user": …, "role": … } (and "unit" for users who belong to a unit).');
  } else {
    const a = actor as Record<string, unknown>;
    if (typeof a.user !== 'string' || a.user === '')
      fail('actor.user', 'is missing; name the user who recorded the event.');
    if (typeof a.role !== 'string' || a.role === '') {
      fail(
        'actor.role',
        `is missing; use one of the campaign's roles: ${ir.roles.map((r) => r.id).join(', ') || '(none declared)'}.`,
      );
    } else {
      role = k.plan.roles.get(a.role) ?? -1;
      if (role < 0 && ir.roles.length > 0)
        fail(
          'actor.role',
          `unknown role "${a.role}"${
            suggest(
              a.role,
              ir.roles.map((r) => r.id),
            ) ||
            `${knownNames(
              'role',
              ir.roles.map((r) => r.id),
            )}.`
          }`,
        );
    }
    if (a.unit !== undefined) {
      if (typeof a.unit !== 'string') fail('actor.unit', 'must be a unit id (a string) when given.');
      else actorUnit = a.unit;
    }
  }

  const unitField = (required: boolean): number => {
    if (e.unit === undefined && !required) return -1;
    if (typeof e.unit !== 'string' || e.unit === '') {
      fail('unit', 'is missing; name the unit the event is about (its id in the roster).');
      return -1;
    }
    const u = k.units.index.get(e.unit);
    if (u === undefined) {
      fail(
        'unit',
        `unknown unit "${e.unit}"${suggest(e.unit, k.units.ids.length <= 5000 ? k.units.ids : []) || '; register it first (roster) or fix the id.'}`,
      );
      return -1;
    }
    return u;
  };
  const nameField = (field: string, kind: string, index: ReadonlyMap<string, number>): number => {
    const name = e[field];
    if (typeof name !== 'string' || name === '') {
      fail(field, `is missing; name the ${kind}.`);
      return -1;
    }
    const i = index.get(name);
    if (i === undefined) {
      fail(
        field,
        `unknown ${kind} "${name}"${suggest(name, [...index.keys()]) || `${knownNames(kind, [...index.keys()])}.`}`,
      );
      return -1;
    }
    return i;
  };

  let event: KernelEvent | null = null;
  switch (type) {
    case 'clock':
      event = { kind: 'clock', time };
      break;

    case 'fact': {
      const unit = unitField(true);
      const metric = nameField('metric', 'metric', k.plan.metricIndex);
      const m = metric >= 0 ? k.plan.metrics[metric] : null;
      const mode = e.mode ?? 'set';
      if (mode !== 'set' && mode !== 'add')
        fail('mode', `${describe(e.mode)} is not a mode; use "set" (replace the value, the default) or "add".`);
      const value = e.value;
      let member = -1;
      if (m) {
        if (m.level === 'unit' && e.member !== undefined) {
          fail('member', `${m.ir.id} is recorded per unit, not per member; leave "member" out.`);
        } else if (m.level === 'member') {
          if (e.member === undefined)
            fail('member', `${m.ir.id} is recorded per member; name the member (roster id, or index from 0).`);
          else if (unit >= 0) member = memberField(e.member, unit, k, fail);
        }
      }
      // What a metric can hold is the semantics module's rule, the one the checker judges
      // comparisons by: the value, and after an add the sum it makes.
      const problem = metricValueProblem(value, m?.ir.unit ?? 'hours');
      if (problem !== null) {
        fail('value', valueMessage(problem, value, m?.ir.id ?? 'the metric'));
      } else if (m && unit >= 0 && mode === 'add' && (m.level === 'unit' || member >= 0)) {
        const current = currentValue(k, unit, m.level, m.column, member);
        const result = recordedValue(current, value as number, true);
        const after = metricValueProblem(result, m.ir.unit);
        // An add of a valid value can only carry a percent past 100.
        if (after !== null)
          fail(
            'value',
            `${m.ir.id} would reach ${formatNumber(result)}% (${formatNumber(current)}% + ${formatNumber(value as number)}%); percents run from 0 to 100.`,
          );
      }
      if (problems.length === 0 && m)
        event = { kind: 'fact', time, unit, metric, member, value: value as number, add: mode === 'add' };
      break;
    }

    case 'task': {
      const unit = unitField(true);
      const task = nameField('task', 'task', k.plan.taskIndex);
      event = { kind: 'task', time, unit, task };
      break;
    }

    case 'deliverable': {
      const unit = unitField(true);
      const deliverable = nameField('deliverable', 'deliverable', k.plan.deliverableIndex);
      event = { kind: 'deliverable', time, unit, deliverable };
      break;
    }

    case 'signoff':
    case 'revoke': {
      const unit = unitField(true);
      const cp = nameField('checkpoint', 'checkpoint', k.plan.checkpointIndex);
      let item = -1;
      if (cp >= 0) {
        const checkpoint = k.plan.checkpoints[cp];
        const items = checkpoint.ir.items;
        if (typeof e.item !== 'string' || e.item === '') {
          fail('item', `is missing; name the item of ${checkpoint.ir.id}: ${items.map((i) => i.id).join(', ')}.`);
        } else {
          const at = items.findIndex((i) => i.id === e.item);
          if (at < 0)
            fail(
              'item',
              `${checkpoint.ir.id} has no item "${e.item}"${suggestAside(
                e.item,
                items.map((i) => i.id),
              )}; its items are ${items.map((i) => i.id).join(', ')}.`,
            );
          else item = checkpoint.firstItem + at;
        }
        const signer = checkpoint.ir.signer;
        const actorRole = (actor as { role?: unknown } | undefined)?.role;
        if (typeof actorRole === 'string' && actorRole !== signer) {
          const label = ir.roles.find((r) => r.id === signer)?.label;
          fail(
            'actor.role',
            `${checkpoint.ir.id} is signed by ${signer}${label ? ` (${label})` : ''}, not by ${actorRole}; send the ${type} as a ${signer}.`,
          );
        }
        if (actorUnit !== undefined && typeof e.unit === 'string' && actorUnit === e.unit) {
          fail(
            'actor.unit',
            `a unit never signs its own checkpoint: this actor belongs to ${e.unit}, the unit being signed off. A ${signer} outside the unit must sign.`,
          );
        }
      }
      event = { kind: type, time, unit, item };
      break;
    }

    case 'issue': {
      const document = nameField('document', 'document', k.plan.documents);
      if (role >= 0 && !ir.roles[role].canIssue) {
        fail(
          'actor.role',
          `${ir.roles[role].id} cannot issue documents; roles that can: ${
            ir.roles
              .filter((r) => r.canIssue)
              .map((r) => r.id)
              .join(', ') || 'none (add "can issue" to a role)'
          }.`,
        );
      }
      if (document >= 0 && Number.isFinite(k.ledger.issued[document])) {
        fail(
          'document',
          `${ir.documents[document].id} was already issued on ${shortDateTime(k.ledger.issued[document], zone)}; a document is issued once.`,
        );
      }
      event = { kind: 'issue', time, document };
      break;
    }

    case 'acknowledge': {
      const unit = unitField(true);
      const document = nameField('document', 'document', k.plan.documents);
      if (document >= 0 && !Number.isFinite(k.ledger.issued[document])) {
        fail(
          'document',
          `${ir.documents[document].id} has not been issued yet; it can be acknowledged after its issue event.`,
        );
      }
      event = { kind: 'acknowledge', time, unit, document, role };
      break;
    }

    case 'report': {
      const obligation = nameField('obligation', 'obligation', k.plan.obligations);
      let unit = -1;
      if (obligation >= 0) {
        const o = ir.obligations[obligation];
        if (o.kind === 'acknowledge') {
          fail(
            'obligation',
            `${o.id} is met by acknowledging documents: send "acknowledge" events with the document, not "report".`,
          );
        } else if (o.owedBy.kind === 'units') {
          unit = unitField(true);
        } else {
          if (e.unit !== undefined)
            fail('unit', `${o.id} is owed by the ${o.owedBy.role} role, not by a unit; leave "unit" out.`);
          const actorRole = (actor as { role?: unknown } | undefined)?.role;
          if (typeof actorRole === 'string' && actorRole !== o.owedBy.role) {
            fail('actor.role', `${o.id} is owed by ${o.owedBy.role}; a ${actorRole} cannot report it.`);
          }
        }
      }
      event = { kind: 'report', time, obligation, unit };
      break;
    }

    case 'amend':
      event = resolveAmend(e, k, bounds, time, role, id, fail);
      break;
  }

  if (problems.length > 0 || event === null || id === null) return { ok: false, id, problems };
  return { ok: true, id, event };
}

function resolveAmend(
  e: Record<string, unknown>,
  k: Kernel,
  bounds: TimeBounds,
  time: number,
  role: number,
  id: string | null,
  fail: (field: string, message: string) => void,
): KernelEvent | null {
  const ir = k.ir;
  const zone = ir.timezone;
  let ok = true;
  const bad = (field: string, message: string): void => {
    ok = false;
    fail(field, message);
  };
  if (role >= 0 && !ir.roles[role].canAmend) {
    bad(
      'actor.role',
      `${ir.roles[role].id} cannot amend the calendar; roles that can: ${
        ir.roles
          .filter((r) => r.canAmend)
          .map((r) => r.id)
          .join(', ') || 'none (add "can amend" to a role)'
      }.`,
    );
  }
  const p = typeof e.phase === 'string' ? k.plan.phaseIndex.get(e.phase) : undefined;
  if (p === undefined) {
    bad(
      'phase',
      typeof e.phase === 'string'
        ? `unknown phase "${e.phase}"${
            suggest(
              e.phase,
              ir.phases.map((x) => x.id),
            ) ||
            `${knownNames(
              'phase',
              ir.phases.map((x) => x.id),
            )}.`
          }`
        : 'is missing; name the phase whose window changes.',
    );
    return null;
  }
  const phase = ir.phases[p];
  let window = phase.window;
  let owner = `phase ${phase.id}`;
  if (e.step !== undefined) {
    const s = phase.steps.findIndex((x) => x.id === e.step);
    if (s < 0) {
      bad(
        'step',
        `phase ${phase.id} has no step ${describe(e.step)}${
          typeof e.step === 'string'
            ? suggestAside(
                e.step,
                phase.steps.map((x) => x.id),
              )
            : ''
        }; its steps are ${phase.steps.map((x) => x.id).join(', ') || '(none)'}.`,
      );
      return null;
    }
    window = phase.steps[s].window;
    owner = `step ${phase.id}.${phase.steps[s].id}`;
  }
  const actions = (['extendDays', 'extendTo', 'moveDays'] as const).filter((a) => e[a] !== undefined);
  if (actions.length !== 1) {
    bad(
      actions.length === 0 ? 'extendDays' : actions[1],
      actions.length === 0
        ? 'an amendment needs exactly one action: extendDays (a number of days), extendTo (a date) or moveDays (a number of days).'
        : `give exactly one of extendDays, extendTo, moveDays; this event has ${actions.join(' and ')}.`,
    );
    return null;
  }
  let effective = time;
  if (e.effective !== undefined) effective = checkTime(e.effective, 'effective', zone, bounds, bad);
  if (e.reason !== undefined && typeof e.reason !== 'string') bad('reason', 'must be text when given.');
  if (!ok) return null;

  const scheduled = k.calendar.lastEffective(window);
  if (effective < scheduled) {
    bad(
      'effective',
      `${owner} already has an amendment taking effect ${shortDateTime(scheduled, zone)}; a new one must take effect then or later.`,
    );
    return null;
  }
  const cal = k.calendar.at(effective);
  const start = cal.start[window];
  const end = cal.end[window];
  let newStart = start;
  let newEnd: number;
  let action: string;
  const days = (field: 'extendDays' | 'moveDays'): number | null => {
    const n = e[field];
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) {
      bad(
        field,
        typeof n === 'number' && Number.isInteger(n) && n < 0
          ? `${n} would shorten ${owner} or pull it earlier; windows can only be extended or moved later. Give a whole number of days above 0.`
          : `${describe(n)} is not a whole number of days above 0.`,
      );
      return null;
    }
    return n;
  };
  if (actions[0] === 'extendDays') {
    const n = days('extendDays');
    if (n === null) return null;
    newEnd = plusLocalDays(end, n, zone);
    action = `extend ${n} ${n === 1 ? 'day' : 'days'}`;
  } else if (actions[0] === 'moveDays') {
    const n = days('moveDays');
    if (n === null) return null;
    newStart = plusLocalDays(start, n, zone);
    newEnd = plusLocalDays(end, n, zone);
    action = `move ${n} ${n === 1 ? 'day' : 'days'}`;
  } else {
    const to = parseWindowEnd(e.extendTo, zone);
    if (!to.ok) {
      bad('extendTo', `${to.reason}`);
      return null;
    }
    if (!(to.ms > end)) {
      bad(
        'extendTo',
        `${owner} already ends ${shortDateTime(end, zone)}; extendTo must be later (a window is never shortened).`,
      );
      return null;
    }
    if (to.ms > bounds.max) {
      bad('extendTo', `${isoTime(to.ms, zone)} is more than five years after the campaign; check the year.`);
      return null;
    }
    newEnd = to.ms;
    action = `extend to ${isoTime(to.ms, zone)}`;
  }
  if (window !== phase.window && newEnd > cal.end[phase.window]) {
    bad(
      e.extendDays !== undefined ? 'extendDays' : e.moveDays !== undefined ? 'moveDays' : 'extendTo',
      `${owner} would end ${shortDateTime(newEnd, zone)}, after its phase ends (${shortDateTime(cal.end[phase.window], zone)}); extend phase ${phase.id} first.`,
    );
    return null;
  }
  return {
    kind: 'amend',
    time,
    window,
    start: newStart,
    end: newEnd,
    effective,
    action,
    reason: typeof e.reason === 'string' ? e.reason : '',
    source: id ?? '',
  };
}

function checkTime(
  text: unknown,
  field: string,
  zone: string,
  bounds: TimeBounds,
  fail: (field: string, message: string) => void,
): number {
  const t = parseEventTime(text, zone);
  if (!t.ok) {
    fail(field, t.reason);
    return NaN;
  }
  if (t.ms < bounds.min) {
    fail(field, `${isoTime(t.ms, zone)} is more than a year before the campaign starts; check the year.`);
    return NaN;
  }
  if (t.ms > bounds.max) {
    fail(field, `${isoTime(t.ms, zone)} is more than five years after the campaign ends; check the year.`);
    return NaN;
  }
  return t.ms;
}

function memberField(member: unknown, unit: number, k: Kernel, fail: (field: string, message: string) => void): number {
  const n = k.cols.memberStart[unit + 1] - k.cols.memberStart[unit];
  const unitId = k.units.ids[unit];
  const hasIds = k.units.memberIds.has(unit);
  let index: number;
  if (typeof member === 'number') index = member;
  else if (typeof member === 'string' && hasIds) {
    const i = k.units.member(unit, member);
    if (i < 0) {
      fail('member', `${unitId} has no member "${member}"; its roster lists ${n} member ids.`);
      return -1;
    }
    return i;
  } else if (typeof member === 'string' && /^\d+$/.test(member)) index = Number(member);
  else {
    fail(
      'member',
      `${describe(member)} is not a member of ${unitId}: its roster gives a member count, so name members by index (0 to ${n - 1}).`,
    );
    return -1;
  }
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    fail(
      'member',
      n === 0
        ? `${unitId} has no members.`
        : `member ${describe(member)} is out of range: ${unitId} has ${n} members, 0 to ${n - 1}.`,
    );
    return -1;
  }
  return index;
}

function currentValue(k: Kernel, unit: number, level: MetricIR['level'], column: number, member: number): number {
  if (level === 'unit') return fromThousandths(k.cols.unitMetric[column][unit]);
  if (member < 0) return 0;
  return fromThousandths(k.cols.member[column][k.cols.memberStart[unit] + member]);
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (typeof x === 'string') return `"${x}"`;
  let json: string | undefined;
  try {
    json = JSON.stringify(x);
  } catch {
    // A bigint or a cyclic object: String() below.
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- on purpose: String() is the last resort for what JSON cannot write (a function, a symbol, a bigint, a cyclic object)
  return json ?? String(x);
}

function knownNames(kind: string, names: readonly string[]): string {
  if (names.length === 0) return `; this campaign declares no ${kind}`;
  const shown = names.slice(0, 12).join(', ');
  return `; the campaign's ${kind}s are ${shown}${names.length > 12 ? `, … (${names.length} in all)` : ''}`;
}

/** ` (did you mean "lectures"?)` when a known name is close, else ``: for the middle of a sentence. */
function suggestAside(name: string, known: readonly string[]): string {
  const s = suggest(name, known);
  return s === '' ? '' : ` (${s.slice(2)})`;
}

/** `; did you mean "expert_talk"?` when a known name is close, else ``. */
function suggest(name: string, known: Iterable<string>): string {
  const [best] = closest(name, known);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

/** Why a metric cannot hold a value, and what to send instead (`metricValueProblem`'s answers). */
function valueMessage(problem: MetricValueProblem, value: unknown, metric: string): string {
  switch (problem) {
    case 'not-a-number':
      return `${describe(value)} is not a number; give a finite number in the metric's unit.`;
    case 'negative':
      return `${formatNumber(value as number)} is negative; metrics count up from 0. To correct a value, send it again with mode "set".`;
    case 'above-100':
      return `${formatNumber(value as number)}% is more than 100%; percents run from 0 to 100.`;
    case 'not-whole':
      return `${formatNumber(value as number)} is not a whole number, and ${metric} is a count; give a whole number.`;
    case 'too-precise':
      return `${String(value)} has more than three decimal places; metrics are kept to the thousandth (give at most three, e.g. ${toThousandths(value as number) / 1000}).`;
    case 'too-large':
      return `${formatNumber(value as number)} is more than a metric holds (${formatNumber(METRIC_MAX)}).`;
  }
}
