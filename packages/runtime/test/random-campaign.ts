/**
 * Random valid campaigns for property tests: fast-check generates a structured description
 * (`CampaignDesc`: numbers, choices and lists, nothing that can be inconsistent), and
 * `renderCampaign` lays it out as `.phase` source text that compiles without errors. Shrinking
 * works on the description, so a shrunk campaign is still a valid one, only smaller.
 *
 * What the descriptions cover: 1–4 phases with calendar windows in order (dates and date-times,
 * in zones with and without daylight saving and with a half-hour offset), 1–4 steps per phase
 * inside its window (a phase's only step sometimes without a window of its own), tasks,
 * deliverables with and without `due`, `any of` / `all of` groups nested once, amendments of
 * phases and steps (extend and move, by days and to a date, inline and at campaign level,
 * effective before, during and after the window they change), `when late`, roles with and
 * without capabilities, metrics of every unit and level, gates and `requires` conditions with
 * every comparison operator and every aggregate under `and` / `or` / parentheses, checkpoints,
 * documents and obligations of every kind.
 *
 * Validity is kept by construction (see `renderCampaign`): windows are laid out day by day,
 * amendments are bounded so that steps stay inside their phase, thresholds are drawn from
 * values inside each quantity's domain where the comparison can both hold and fail, and no
 * quantity is compared twice under one `and` (PG401 would report a contradiction).
 */
import type { CompareOp, MetricUnit } from '@phasegate/compiler';
import fc from 'fast-check';

// ---- the description -----------------------------------------------------------------------------

export interface CampaignDesc {
  readonly zone: number;
  /** Days after 2026-01-05 (a Monday) on which the campaign's calendar starts. */
  readonly startDay: number;
  readonly unitMetrics: readonly MetricUnit[];
  readonly memberMetrics: readonly MetricUnit[];
  /** Capabilities of the `office` role: 0 none, 1 amend, 2 issue, 3 both. */
  readonly office: number;
  /** Per document: the day it is issued (relative to the start), or null (issued by an event). */
  readonly documents: readonly (number | null)[];
  readonly phases: readonly PhaseDesc[];
  readonly obligations: readonly ObligationDesc[];
}

export interface PhaseDesc {
  /** Days between the previous phase's last day and this phase's first. */
  readonly gap: number;
  /** Days of the phase before its first step, and after its last. */
  readonly padBefore: number;
  readonly padAfter: number;
  /** The window starts at 08:00 / ends at 20:00 (only where the padding leaves room). */
  readonly startTime: boolean;
  readonly endTime: boolean;
  readonly steps: readonly StepDesc[];
  readonly gates: readonly ConditionDesc[];
  readonly checkpoints: readonly CheckpointDesc[];
  /** 0: no `when late` line, 1: `remediate`, 2: `mark late`. */
  readonly late: number;
  readonly amend: AmendDesc | null;
  readonly label: boolean;
}

export interface StepDesc {
  readonly gap: number;
  readonly length: number;
  readonly startTime: boolean;
  readonly endTime: boolean;
  /** Written without a window (only honoured for a phase's only step). */
  readonly noWindow: boolean;
  readonly items: readonly RequirementDesc[];
  readonly amend: AmendDesc | null;
}

export type RequirementDesc =
  | { readonly kind: 'task' }
  | { readonly kind: 'deliverable'; readonly due: DueDesc | null }
  | {
      readonly kind: 'group';
      readonly any: boolean;
      readonly label: boolean;
      readonly items: readonly RequirementDesc[];
    };

export interface DueDesc {
  /** Day relative to the step's first day. */
  readonly day: number;
  readonly time: boolean;
}

export interface AmendDesc {
  /** 0 extend N days, 1 extend to a date, 2 move N days, 3 move to a date. */
  readonly action: number;
  readonly days: number;
  /** Effective relative to the window's start (false) or its last day (true), in days. */
  readonly fromEnd: boolean;
  readonly offset: number;
  readonly time: boolean;
  /** Written at campaign level (`amend phase P step S …`) rather than inside the block. */
  readonly campaignLevel: boolean;
  readonly reason: boolean;
}

/** `or` of `and`-chains; each chain's atoms are comparisons, task/deliverable atoms, or a parenthesised `or`. */
export type ConditionDesc = readonly AndDesc[];
export type AndDesc = readonly AtomDesc[];
export type AtomDesc = LeafDesc | { readonly kind: 'paren'; readonly items: readonly (readonly LeafDesc[])[] };

export interface LeafDesc {
  readonly kind: 'metric' | 'every' | 'share' | 'count' | 'total' | 'average' | 'min' | 'max' | 'task' | 'deliverable';
  readonly metric: number;
  readonly op: number;
  readonly value: number;
  readonly innerOp: number;
  readonly innerValue: number;
  /** How the quantity's unit is spelt (`hours`, `hour`, bare…). */
  readonly spell: number;
}

export interface CheckpointDesc {
  readonly signer: boolean;
  readonly items: readonly (ConditionDesc | null)[];
}

export interface ObligationDesc {
  /** 0 due, 1 weekly, 2 acknowledge documents. */
  readonly kind: number;
  /** Owed by units (else by a role). */
  readonly byUnits: boolean;
  readonly day: number;
  readonly weeks: number;
  readonly weekday: number;
  readonly time: boolean;
}

// ---- the arbitrary -------------------------------------------------------------------------------

export const ZONES = [
  'UTC',
  'Asia/Shanghai',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
] as const;
const UNITS: readonly MetricUnit[] = ['hours', 'days', 'percent', 'count'];
export const OPS: readonly CompareOp[] = ['>=', '>', '<=', '<', '==', '!='];
const LEAF_KINDS: readonly LeafDesc['kind'][] = [
  'metric',
  'every',
  'share',
  'count',
  'total',
  'average',
  'min',
  'max',
  'task',
  'deliverable',
];

const leaf: fc.Arbitrary<LeafDesc> = fc.record({
  kind: fc.oneof(
    { arbitrary: fc.constantFrom(...LEAF_KINDS.slice(0, 8)), weight: 12 },
    { arbitrary: fc.constantFrom<LeafDesc['kind']>('task', 'deliverable'), weight: 1 },
  ),
  metric: fc.nat({ max: 5 }),
  op: fc.nat({ max: 5 }),
  value: fc.nat({ max: 30 }),
  innerOp: fc.nat({ max: 5 }),
  innerValue: fc.nat({ max: 30 }),
  spell: fc.nat({ max: 2 }),
});

const atom: fc.Arbitrary<AtomDesc> = fc.oneof(
  { arbitrary: leaf, weight: 6 },
  {
    arbitrary: fc.record({
      kind: fc.constant('paren' as const),
      items: fc.array(fc.array(leaf, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 2 }),
    }),
    weight: 1,
  },
);

const condition: fc.Arbitrary<ConditionDesc> = fc.array(fc.array(atom, { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 2,
});

const amend: fc.Arbitrary<AmendDesc | null> = fc.option(
  fc.record({
    action: fc.nat({ max: 3 }),
    days: fc.integer({ min: 1, max: 6 }),
    fromEnd: fc.boolean(),
    offset: fc.integer({ min: -6, max: 6 }),
    time: fc.boolean(),
    campaignLevel: fc.boolean(),
    reason: fc.boolean(),
  }),
  { freq: 3 },
);

const due: fc.Arbitrary<DueDesc | null> = fc.option(
  fc.record({ day: fc.integer({ min: -1, max: 8 }), time: fc.boolean() }),
  { freq: 3 },
);

const requirementLeaf: fc.Arbitrary<RequirementDesc> = fc.oneof(
  fc.constant({ kind: 'task' as const }),
  fc.record({ kind: fc.constant('deliverable' as const), due }),
);

const group = (items: fc.Arbitrary<RequirementDesc>): fc.Arbitrary<RequirementDesc> =>
  fc.record({
    kind: fc.constant('group' as const),
    any: fc.boolean(),
    label: fc.boolean(),
    items: fc.array(items, { minLength: 1, maxLength: 3 }),
  });

const requirement: fc.Arbitrary<RequirementDesc> = fc.oneof(
  { arbitrary: requirementLeaf, weight: 4 },
  // Groups nest once: a group's items are leaves or groups of leaves.
  {
    arbitrary: group(
      fc.oneof({ arbitrary: requirementLeaf, weight: 3 }, { arbitrary: group(requirementLeaf), weight: 1 }),
    ),
    weight: 1,
  },
);

const step: fc.Arbitrary<StepDesc> = fc.record({
  gap: fc.nat({ max: 2 }),
  length: fc.integer({ min: 1, max: 7 }),
  startTime: fc.boolean(),
  endTime: fc.boolean(),
  noWindow: fc.boolean(),
  items: fc.array(requirement, { minLength: 1, maxLength: 4 }),
  amend,
});

const phase: fc.Arbitrary<PhaseDesc> = fc.record({
  gap: fc.nat({ max: 4 }),
  padBefore: fc.nat({ max: 2 }),
  padAfter: fc.nat({ max: 3 }),
  startTime: fc.boolean(),
  endTime: fc.boolean(),
  // A phase without steps (PG601, a warning) goes straight to its transfer point.
  steps: fc.oneof(
    { arbitrary: fc.array(step, { minLength: 1, maxLength: 4 }), weight: 12 },
    { arbitrary: fc.constant([]), weight: 1 },
  ),
  gates: fc.array(condition, { maxLength: 3 }),
  checkpoints: fc.array(
    fc.record({
      signer: fc.boolean(),
      items: fc.array(fc.option(condition, { freq: 2 }), { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 2 },
  ),
  late: fc.nat({ max: 2 }),
  amend,
  label: fc.boolean(),
});

/** Structured descriptions of valid campaigns (render them with `renderCampaign`). */
export const campaignDesc: fc.Arbitrary<CampaignDesc> = fc.record({
  zone: fc.nat({ max: ZONES.length - 1 }),
  startDay: fc.nat({ max: 330 }),
  unitMetrics: fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 3 }),
  memberMetrics: fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 4 }),
  office: fc.oneof({ arbitrary: fc.constant(3), weight: 4 }, { arbitrary: fc.nat({ max: 2 }), weight: 1 }),
  documents: fc.array(fc.option(fc.nat({ max: 60 })), { maxLength: 2 }),
  phases: fc.array(phase, { minLength: 1, maxLength: 4 }),
  obligations: fc.array(
    fc.record({
      kind: fc.nat({ max: 2 }),
      byUnits: fc.boolean(),
      day: fc.nat({ max: 60 }),
      weeks: fc.nat({ max: 8 }),
      weekday: fc.nat({ max: 6 }),
      time: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
});

/** A generated campaign: its description and source text (printed as the source when a property fails). */
export interface GeneratedCampaign {
  readonly desc: CampaignDesc;
  readonly source: string;
}

/** Valid campaigns as source text; a failing property prints the text. */
export const campaigns: fc.Arbitrary<GeneratedCampaign> = campaignDesc.map((desc) => {
  const source = renderCampaign(desc);
  return { desc, source, [fc.toStringMethod]: () => `\n${source}` };
});

// ---- thresholds ----------------------------------------------------------------------------------

/** Values members and units will hit (facts draw from these too), per metric unit. */
export const VALUES: Readonly<Record<MetricUnit, readonly number[]>> = {
  // 0.0005 is finer than a value is kept (thousandths); 2147483.647 is the largest value.
  hours: [0, 0.0005, 0.1, 0.2, 0.25, 0.3, 0.33, 0.5, 1, 1.5, 2, 3, 4, 8, 12, 40, 2147483.647],
  days: [0, 0.1, 0.2, 0.5, 1, 2, 3, 5, 10],
  percent: [0, 0.1, 12.5, 25, 33.33, 33.34, 50, 66.66, 66.67, 75, 90, 99.99, 100],
  count: [0, 1, 2, 3, 4, 5, 10],
};
/** Shares where exactness matters: 1 of 3 members is 33.33…%, 2 of 3 is 66.66…%. */
const SHARES = [0, 20, 25, 33.33, 33.333, 33.3334, 33.34, 40, 50, 60, 66.66, 66.667, 66.67, 75, 80, 100];
const COUNTS = [0, 1, 1.5, 2, 3, 4, 5];
/** Totals members reach: three members at 0.1 make 0.30000000000000004 in binary floating point. */
const TOTALS: Readonly<Record<MetricUnit, readonly number[]>> = {
  hours: [0.2, 0.3, 0.6, 1, 1.5, 2, 3, 4.5, 6, 10, 24],
  days: [0.2, 0.3, 1, 2, 3, 5],
  percent: [25, 50, 66.67, 99.99, 100, 133.33, 150, 200, 200.01],
  count: [1, 2, 3, 5, 8, 10],
};
/** Averages at a member value, and between two (0.1 and 0.2 average 0.15000000000000002). */
const AVERAGES: Readonly<Record<MetricUnit, readonly number[]>> = {
  hours: [0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 0.75, 1, 1.5, 2, 2.5, 4, 12],
  days: [0.1, 0.15, 0.2, 0.5, 1, 1.5, 2, 3],
  percent: [12.5, 25, 33.33, 33.34, 50, 62.5, 66.67, 75, 99.99, 100],
  count: [0.5, 1, 1.5, 2, 2.5, 3, 4],
};

interface Domain {
  readonly max: number;
  readonly integer: boolean;
}

/**
 * Whether `x op v` can both hold and fail for some x in [0, max] (whole numbers when `integer`):
 * neither PG401 (never holds) nor PG402 (always holds).
 */
function twoSided(d: Domain, op: CompareOp, v: number): boolean {
  switch (op) {
    case '>=':
      return v > 0 && v <= d.max;
    case '>':
      return v >= 0 && v < d.max;
    case '<=':
      return v >= 0 && v < d.max;
    case '<':
      return v > 0 && v <= d.max;
    case '==':
    case '!=':
      return v >= 0 && v <= d.max && (!d.integer || Number.isInteger(v));
  }
}

function metricDomain(unit: MetricUnit): Domain {
  return { max: unit === 'percent' ? 100 : Infinity, integer: unit === 'count' };
}

/** The `pick`-th threshold of `pool` for which `op` is two-sided (there always is one). */
function threshold(pool: readonly number[], d: Domain, op: CompareOp, pick: number): number {
  const fit = pool.filter((v) => twoSided(d, op, v));
  return fit[pick % fit.length];
}

// ---- rendering -----------------------------------------------------------------------------------

/** Minutes since local midnight of day 0, for comparing local wall times (our times avoid DST gaps). */
type Local = number;
const DAY_MIN = 24 * 60;
const at = (day: number, minutes = 0): Local => day * DAY_MIN + minutes;

interface Window {
  readonly start: Local;
  readonly end: Local;
  /** As written: `2026-03-02 08:00 .. 2026-03-20` (a date-only end is that day's end). */
  readonly text: string;
  readonly startMinutes: number;
  /** Minutes of the end's wall time, or null for a date-only end. */
  readonly endMinutes: number | null;
}

interface Names {
  readonly tasks: string[];
  readonly deliverables: string[];
  readonly unitMetrics: readonly { id: string; unit: MetricUnit }[];
  readonly memberMetrics: readonly { id: string; unit: MetricUnit }[];
}

/**
 * The `.phase` text of a description. Every choice that could make the campaign invalid is
 * resolved here, deterministically, so that any description (a shrunk one too) renders valid.
 */
export function renderCampaign(desc: CampaignDesc): string {
  const base = Date.UTC(2026, 0, 5) + desc.startDay * 86_400_000;
  const date = (day: number): string => new Date(base + day * 86_400_000).toISOString().slice(0, 10);
  const hhmm = (m: number): string =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const start = (day: number, minutes: number): string => (minutes === 0 ? date(day) : `${date(day)} ${hhmm(minutes)}`);
  const window = (first: number, startMinutes: number, last: number, endMinutes: number | null): Window => ({
    start: at(first, startMinutes),
    end: endMinutes === null ? at(last + 1) : at(last, endMinutes),
    text: `${start(first, startMinutes)} .. ${endMinutes === null ? date(last) : `${date(last)} ${hhmm(endMinutes)}`}`,
    startMinutes,
    endMinutes,
  });

  const names: Names = {
    tasks: [],
    deliverables: [],
    unitMetrics: desc.unitMetrics.map((unit, i) => ({ id: `${unit}_u${i}`, unit })),
    memberMetrics: desc.memberMetrics.map((unit, i) => ({ id: `${unit}_m${i}`, unit })),
  };

  // Lay out the calendar first: every window, and the tasks and deliverables (conditions name them).
  let cursor = 0;
  const phases = desc.phases.map((p) => {
    const first = cursor + p.gap;
    let day = first + p.padBefore;
    const steps = p.steps.map((s) => {
      const from = day + s.gap;
      const to = from + s.length - 1;
      day = to + 1;
      return {
        desc: s,
        window: window(from, s.startTime ? 9 * 60 : 0, to, s.endTime ? 17 * 60 : null),
        first: from,
        body: [] as string[],
      };
    });
    const last = Math.max(day - 1 + p.padAfter, first);
    cursor = last + 1;
    const w = window(
      first,
      p.padBefore > 0 && p.startTime ? 8 * 60 : 0,
      last,
      p.padAfter > 0 && p.endTime ? 20 * 60 : null,
    );
    return { desc: p, window: w, steps };
  });
  for (const p of phases) {
    for (const s of p.steps) {
      for (const item of s.desc.items) s.body.push(...requirementLines(item, s.first, names, date, hhmm));
    }
  }

  const out: string[] = [];
  const campaignAmends: string[] = [];
  out.push(`campaign random_campaign "Random campaign" {`);
  out.push(`  timezone ${ZONES[desc.zone % ZONES.length]}`);
  const caps = ['', ' can amend', ' can issue', ' can amend, issue'][desc.office % 4];
  out.push(`  role office "Office"${caps}`);
  out.push(`  role panel "Review panel"`);
  out.push(`  role board`);
  out.push(`  role admin "Unit admin"`);
  for (const m of names.unitMetrics) out.push(`  metric ${m.id} ${m.unit} per unit`);
  for (const m of names.memberMetrics) out.push(`  metric ${m.id} "${m.unit} of each member" ${m.unit} per member`);
  desc.documents.forEach((issued, i) =>
    out.push(
      issued === null ? `  document doc${i}` : `  document doc${i} "Document ${i}" issued ${date(issued)} 09:00`,
    ),
  );

  phases.forEach((p, pi) => {
    const pid = `p${pi}`;
    out.push('');
    out.push(`  phase ${pid}${p.desc.label ? ` "Phase ${pi + 1}"` : ''} {`);
    out.push(`    window ${p.window.text}`);
    // A phase moves later only as far as its first step's start allows (PG304).
    const phaseAmend = amendText(p.desc.amend, p.window, {
      maxEnd: Infinity,
      maxMoveStart: p.steps.length > 0 ? p.steps[0].window.start : Infinity,
      date,
      hhmm,
    });
    if (phaseAmend) {
      if (p.desc.amend!.campaignLevel) campaignAmends.push(`  amend phase ${pid} ${phaseAmend.text}`);
      else out.push(`    amend ${phaseAmend.text}`);
    }
    const single = p.steps.length === 1;
    p.steps.forEach((s, si) => {
      const sid = `s${pi}_${si}`;
      const noWindow = single && s.desc.noWindow;
      out.push(`    step ${sid}${noWindow ? '' : ` window ${s.window.text}`} {`);
      for (const line of s.body) out.push(`      ${line}`);
      // Steps stay inside their phase's window as amended by the file (PG304); until the
      // phase's amendment takes effect, a step amended earlier may end after its phase.
      const stepAmend = noWindow
        ? null
        : amendText(s.desc.amend, s.window, {
            maxEnd: phaseAmend?.end ?? p.window.end,
            maxMoveStart: Infinity,
            date,
            hhmm,
          });
      if (stepAmend) {
        if (s.desc.amend!.campaignLevel) campaignAmends.push(`  amend phase ${pid} step ${sid} ${stepAmend.text}`);
        else out.push(`      amend ${stepAmend.text}`);
      }
      out.push('    }');
    });
    p.desc.gates.forEach((g, gi) => out.push(`    gate g${pi}_${gi} "Gate ${gi}" { ${conditionText(g, names)} }`));
    p.desc.checkpoints.forEach((c, ci) => {
      out.push(`    checkpoint c${pi}_${ci} "Checkpoint ${ci}" signed by ${c.signer ? 'panel' : 'board'} {`);
      c.items.forEach((requires, ii) =>
        out.push(`      item i${pi}_${ci}_${ii}${requires ? ` requires ${conditionText(requires, names)}` : ''}`),
      );
      out.push('    }');
    });
    if (p.desc.late === 1) out.push(`    when late remediate "Catch up under supervision"`);
    if (p.desc.late === 2) out.push(`    when late mark late`);
    out.push('  }');
  });

  if (campaignAmends.length > 0) out.push('', ...campaignAmends);
  const lastDay = cursor - 1;
  const roles = ['office', 'panel', 'board', 'admin'];
  desc.obligations.forEach((o, i) => {
    const by = o.byUnits ? 'units' : roles[o.day % roles.length];
    const day = Math.min(o.day, lastDay + 5);
    if (o.kind % 3 === 0)
      out.push(`  obligation o${i} "Report ${i}" by ${by} due ${o.time ? start(day, 12 * 60) : date(day)}`);
    else if (o.kind % 3 === 1) {
      const weekday = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][o.weekday % 7];
      const until = o.weeks > 0 ? ` until ${date(day + 7 * o.weeks)}` : '';
      out.push(`  obligation o${i} by ${by} every ${weekday} from ${date(day)}${until}${o.time ? ' at 18:00' : ''}`);
    } else
      out.push(`  obligation o${i} "Acknowledge ${i}" by units acknowledge documents within ${1 + (o.day % 4)} days`);
  });
  out.push('}');
  return `${out.join('\n')}\n`;
}

function requirementLines(
  r: RequirementDesc,
  stepFirst: number,
  names: Names,
  date: (day: number) => string,
  hhmm: (m: number) => string,
): string[] {
  if (r.kind === 'task') {
    const id = `t${names.tasks.length}`;
    names.tasks.push(id);
    return [`task ${id}`];
  }
  if (r.kind === 'deliverable') {
    const id = `d${names.deliverables.length}`;
    names.deliverables.push(id);
    const due = r.due ? ` due ${date(stepFirst + r.due.day)}${r.due.time ? ` ${hhmm(17 * 60)}` : ''}` : '';
    return [`deliverable ${id} "Deliverable ${names.deliverables.length - 1}"${due}`];
  }
  const inner = r.items.flatMap((i) => requirementLines(i, stepFirst, names, date, hhmm));
  return [
    `${r.any ? 'any' : 'all'} of${r.label ? ` "${r.any ? 'Either' : 'Both'}"` : ''} {`,
    ...inner.map((l) => `  ${l}`),
    '}',
  ];
}

interface AmendRoom {
  /** The latest the window may end (a step's phase end), and the latest it may start when moved. */
  readonly maxEnd: Local;
  readonly maxMoveStart: Local;
  readonly date: (day: number) => string;
  readonly hhmm: (m: number) => string;
}

/**
 * `extend 3 days effective … reason …` for a window, within the room it has, and the window's new
 * end; null when it has no room. A move that does not fit becomes an extension (both only ever
 * end a window later: PG308).
 */
function amendText(a: AmendDesc | null, w: Window, room: AmendRoom): { text: string; end: Local } | null {
  if (!a) return null;
  const { date, hhmm } = room;
  const days = (x: number): number => Math.floor(x / DAY_MIN);
  const extendRoom = room.maxEnd === Infinity ? a.days : Math.min(a.days, days(room.maxEnd - w.end));
  const moveRoom = Math.min(
    a.days,
    room.maxEnd === Infinity ? a.days : days(room.maxEnd - w.end),
    room.maxMoveStart === Infinity ? a.days : days(room.maxMoveStart - w.start),
  );
  let action: string;
  let n: number;
  const move = a.action % 4 >= 2 && moveRoom >= 1;
  if (move) {
    n = moveRoom;
    const startDay = days(w.start);
    action =
      a.action % 4 === 2
        ? `move ${n} ${n === 1 ? 'day' : 'days'}`
        : `move to ${date(startDay + n)}${w.startMinutes === 0 ? '' : ` ${hhmm(w.startMinutes)}`}`;
  } else {
    if (extendRoom < 1) return null;
    n = extendRoom;
    if (a.action % 2 === 0) action = `extend ${n} ${n === 1 ? 'day' : 'days'}`;
    else if (w.endMinutes === null) action = `extend to ${date(days(w.end) - 1 + n)}`;
    else action = `extend to ${date(days(w.end) + n)} ${hhmm(w.endMinutes)}`;
  }
  const anchor = a.fromEnd ? days(w.end - 1) : days(w.start);
  const effective = `${date(anchor + a.offset)}${a.time ? ' 12:00' : ''}`;
  return {
    text: `${action} effective ${effective}${a.reason ? ' reason "Amended by the office"' : ''}`,
    end: w.end + n * DAY_MIN,
  };
}

/** A condition's text; a quantity compared again under the same `and` is left out (PG401). */
function conditionText(c: ConditionDesc, names: Names): string {
  return c.map((chain) => chainText(chain, names)).join(' or ');
}

function chainText(chain: readonly AtomDesc[], names: Names): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const a of chain) {
    if (a.kind === 'paren') {
      parts.push(`(${a.items.map((inner) => chainText(inner, names)).join(' or ')})`);
      continue;
    }
    const { text, key } = leafText(a, names);
    if (key !== null && seen.has(key)) continue;
    if (key !== null) seen.add(key);
    parts.push(text);
  }
  return parts.join(' and ');
}

const SPELL: Readonly<Record<MetricUnit, readonly ((v: number) => string)[]>> = {
  hours: [(v) => `${v} hours`, (v) => `${v} hour`, (v) => `${v}`],
  days: [(v) => `${v} days`, (v) => `${v} day`, (v) => `${v}`],
  percent: [(v) => `${v}%`, (v) => `${v} percent`, (v) => `${v}`],
  count: [(v) => `${v}`, (v) => `${v} count`, (v) => `${v}`],
};

/** A leaf's text and the quantity it compares (null for task and deliverable atoms). */
function leafText(l: LeafDesc, names: Names): { text: string; key: string | null } {
  let kind = l.kind;
  if (kind === 'task' && names.tasks.length === 0) kind = 'deliverable';
  if (kind === 'deliverable' && names.deliverables.length === 0) kind = 'metric';
  if (kind === 'task') return { text: `task ${names.tasks[l.metric % names.tasks.length]} done`, key: null };
  if (kind === 'deliverable')
    return {
      text: `deliverable ${names.deliverables[l.metric % names.deliverables.length]} submitted`,
      key: null,
    };
  const metrics = kind === 'metric' ? names.unitMetrics : names.memberMetrics;
  const m = metrics[l.metric % metrics.length];
  const op = OPS[l.op % OPS.length];
  const q = (v: number): string => SPELL[m.unit][l.spell % 3](v);
  const domain = metricDomain(m.unit);
  switch (kind) {
    case 'metric':
    case 'every':
    case 'min':
    case 'max': {
      const v = threshold(VALUES[m.unit], domain, op, l.value);
      const subject = kind === 'metric' ? m.id : kind === 'every' ? `every member ${m.id}` : `${kind} ${m.id}`;
      return { text: `${subject} ${op} ${q(v)}`, key: `${kind} ${m.id}` };
    }
    case 'share':
    case 'count': {
      const innerOp = OPS[l.innerOp % OPS.length];
      const inner = threshold(VALUES[m.unit], domain, innerOp, l.innerValue);
      const subject = `${kind} of members with ${m.id} ${innerOp} ${q(inner)}`;
      const key = `${kind} ${m.id} ${innerOp} ${inner}`;
      if (kind === 'share') {
        const v = threshold(SHARES, { max: 100, integer: false }, op, l.value);
        return { text: `${subject} ${op} ${SPELL.percent[l.spell % 2](v)}`, key };
      }
      const v = threshold(COUNTS, { max: Infinity, integer: true }, op, l.value);
      return { text: `${subject} ${op} ${SPELL.count[l.spell % 2](v)}`, key };
    }
    case 'total': {
      const d = { max: m.unit === 'percent' ? Infinity : domain.max, integer: domain.integer };
      return { text: `total ${m.id} ${op} ${q(threshold(TOTALS[m.unit], d, op, l.value))}`, key: `total ${m.id}` };
    }
    case 'average': {
      const d = { max: domain.max, integer: false };
      return {
        text: `average ${m.id} ${op} ${q(threshold(AVERAGES[m.unit], d, op, l.value))}`,
        key: `average ${m.id}`,
      };
    }
  }
}
