/**
 * The byte-level `fact` reader of bulk ingest against the runtime's validator: on random lines —
 * valid facts in every key order and spacing, and facts broken in every way the validator knows
 * (unknown names, members out of range, negative values, percents past 100, bad times, escapes,
 * exponents) — whenever the fast path accepts a line, `JSON.parse` + `resolveEvent` accept it too
 * and resolve it to exactly the same event. Declining is always allowed (the validator decides).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Kernel } from '../src/kernel/kernel.js';
import { FastFactReader } from '../src/ndjson/fast-fact.js';
import { resolveEvent, timeBounds } from '../src/resolve-event.js';
import { exampleCampaigns } from './kernel-helpers.js';

const two = (n: number): string => String(n).padStart(2, '0');

interface LineSpec {
  readonly unit: number;
  readonly metric: number;
  readonly member: number;
  readonly memberMode: number;
  readonly value: string;
  readonly mode: 'add' | 'set' | null | 'other';
  readonly time: string;
  readonly role: number;
  readonly breakage: number;
  readonly order: number;
  readonly spaced: boolean;
}

const numberText = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 480 }).map((q) => String(q / 4)), weight: 6 },
  fc.integer({ min: 0, max: 120 }).map(String),
  fc.integer({ min: 0, max: 480 }).map((q) => String(q / 4)),
  {
    arbitrary: fc.constantFrom(
      '0',
      '0.5',
      '45',
      '100',
      '100.0',
      '1e1',
      '01',
      '-1',
      '-0',
      '1.',
      '.5',
      '12345678901234567',
      '0.1',
      '99.99',
      '"5"',
      'null',
      'true',
    ),
    weight: 2,
  },
);

const lineSpec: fc.Arbitrary<LineSpec> = fc
  .record({
    unit: fc.nat({ max: 5 }),
    metric: fc.nat({ max: 8 }),
    member: fc.nat({ max: 6 }),
    /** 0–5: the member as the metric needs it; 6: no member; 7: a member index out of range or on a unit metric. */
    memberMode: fc.nat({ max: 7 }),
    value: numberText,
    mode: fc.constantFrom<LineSpec['mode']>('add', 'set', null, 'other'),
    // YYYY is replaced by the campaign's first year.
    time: fc.oneof(
      {
        arbitrary: fc
          .tuple(
            fc.integer({ min: 1, max: 12 }),
            fc.integer({ min: 1, max: 28 }),
            fc.integer({ min: 0, max: 23 }),
            fc.integer({ min: 0, max: 59 }),
          )
          .map(([m, d, h, mi]) => `YYYY-${two(m)}-${two(d)}T${two(h)}:${two(mi)}`),
        weight: 5,
      },
      fc.constantFrom(
        'YYYY-03-01T09:00:00+08:00',
        'YYYY-03-01T01:00:00Z',
        'YYYY-03-01T09:00:30.5',
        'YYYY-02-30T09:00',
        '1999-03-01T09:00',
        'YYYY-03-01',
        'YYYY-03-01T09:00:00.5+08:00',
        'YYYY-03-01 09:00',
      ),
    ),
    role: fc.nat({ max: 4 }),
    breakage: fc.nat({ max: 40 }),
    // Few key orders, so that consecutive lines often share a shape (the fast path's template).
    order: fc.nat({ max: 2 }),
    spaced: fc.boolean(),
  })
  .chain((spec) =>
    // Half the lines are plausible facts (what a real log holds); the others keep their random flaws.
    fc.boolean().map((clean) =>
      clean
        ? {
            ...spec,
            unit: spec.unit % 5,
            metric: spec.metric % 8,
            memberMode: 0,
            mode: spec.mode === 'other' ? null : spec.mode,
            role: 0,
            breakage: 20 + (spec.breakage % 21),
            time: spec.time.startsWith('YYYY-') && spec.time.length === 16 ? spec.time : 'YYYY-03-01T09:00',
            value: /^\d+(\.\d+)?$/.test(spec.value) && spec.value.length < 8 ? spec.value : '2.5',
          }
        : spec,
    ),
  );

/** The line for a spec: mostly a plausible fact, sometimes broken in one way (breakage < 15). */
function lineFor(spec: LineSpec, k: Kernel, id: number, shape: { order: number; spaced: boolean }): string {
  const ir = k.ir;
  const unitIds = spec.unit === 5 ? ['no-such-unit'] : k.units.ids;
  const metric = spec.metric === 8 ? 'no_such_metric' : ir.metrics[spec.metric % ir.metrics.length].id;
  const roles = [...ir.roles.map((r) => r.id), 'nobody'];
  const year = String(new Date(Math.min(...ir.windows.map((w) => w.start))).getUTCFullYear());
  const fields: [string, string][] = [
    ['id', JSON.stringify(`e${id}`)],
    ['type', '"fact"'],
    ['time', JSON.stringify(spec.time.replace('YYYY', year))],
    ['actor', `{"user":"li","role":${JSON.stringify(roles[spec.role % roles.length])}}`],
    ['unit', JSON.stringify(unitIds[spec.unit % unitIds.length])],
    ['metric', JSON.stringify(metric)],
    ['value', spec.value],
  ];
  const u = k.units.index.get(unitIds[spec.unit % unitIds.length]);
  const members = u === undefined ? 3 : k.cols.memberStart[u + 1] - k.cols.memberStart[u];
  const perMember = ir.metrics.find((m) => m.id === metric)?.level === 'member';
  if (spec.memberMode < 6 && perMember && members > 0) fields.push(['member', String(spec.member % members)]);
  if (spec.memberMode === 7) fields.push(['member', String(members + spec.member)]);
  if (spec.mode === 'add' || spec.mode === 'set') fields.push(['mode', JSON.stringify(spec.mode)]);
  if (spec.mode === 'other') fields.push(['mode', '"increment"']);
  const b = spec.breakage;
  if (b === 0) fields.splice(0, 1); // no id
  if (b === 1) fields[1] = ['type', '"task"'];
  if (b === 2) fields[3] = ['actor', '{"user":"","role":"unit_admin"}'];
  if (b === 3) fields[3] = ['actor', '{"role":"unit_admin"}'];
  if (b === 4) fields[3] = ['actor', '"li"'];
  if (b === 5) fields.push(['member', '"3"']);
  if (b === 6) fields[4] = ['unit', '"\\u0075' + JSON.stringify(unitIds[0]).slice(2)]; // an escape
  if (b === 7) fields.push(['note', '"from the paper form"']);
  if (b === 8) fields.push(['extra', '{"nested":true}']);
  if (b === 9) fields.push(['id', '"again"']);
  if (b === 10) fields[3] = ['actor', '{"user":"li","role":"unit_admin","unit":5}'];
  if (b === 11)
    fields[3] = ['actor', `{"user":"li","role":${JSON.stringify(roles[0])},"unit":${JSON.stringify(unitIds[0])}}`];
  if (b === 12) fields[6] = ['value', '1E1'];
  if (b === 13) fields[2] = ['time', '20050301'];
  if (b === 14) fields.push(['member', 'null']);
  if (b === 17) fields.splice(6, 1); // no value
  // A random key order, and sometimes spaces around every token.
  const shuffled = fields
    .map((f, i) => ({ f, key: (shape.order * (i + 7) * 2654435761) % 1009 }))
    .sort((x, y) => x.key - y.key)
    .map((x) => x.f);
  const sep = shape.spaced ? ' , ' : ',';
  const colon = shape.spaced ? ' : ' : ':';
  const body = shuffled.map(([key, v]) => `${JSON.stringify(key)}${colon}${v}`).join(sep);
  const line = shape.spaced ? ` { ${body} } ` : `{${body}}`;
  if (b === 15) return `${line}x`;
  if (b === 16) return line.replace('"li"', '"l\ti"');
  return line;
}

describe('fast fact reader', () => {
  for (const { name, ir } of exampleCampaigns()) {
    it(`accepts only what the validator accepts, as the same event (${name})`, () => {
      let fastCount = 0;
      let okCount = 0;
      fc.assert(
        // One key order and spacing per run, as one program writes a log: lines share a shape,
        // which is what the fast path's template relies on; a line per spec may still stray.
        // Shapes compiled at once, after a few lines, or never: the compiled matcher and the
        // interpreted one give the same verdicts.
        fc.property(
          fc.array(lineSpec, { minLength: 1, maxLength: 60 }),
          fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 4 }),
          fc.record({ order: fc.nat({ max: 50 }), spaced: fc.boolean() }),
          fc.constantFrom(0, 1, 5, Infinity),
          (specs, members, runShape, compileAfter) => {
            const k = new Kernel(ir);
            k.register(members.map((n, i) => ({ id: `unit-${i}`, members: n, memberIds: null })));
            const bounds = timeBounds(ir);
            const reader = new FastFactReader(k, compileAfter);
            specs.forEach((spec, i) => {
              const line = lineFor(
                spec,
                k,
                i,
                spec.order === 0 ? { order: runShape.order + 1, spaced: !runShape.spaced } : runShape,
              );
              const buf = Buffer.from(`\n${line}\n`);
              const fast = reader.read(buf, 1, buf.length - 1);
              let raw: unknown;
              try {
                raw = JSON.parse(line);
              } catch {
                expect(fast, line).toBe(false);
                return;
              }
              const ref = resolveEvent(raw, k, bounds);
              if (fast) {
                fastCount++;
                expect(ref.ok, `${line}\n${JSON.stringify(ref.ok ? null : ref.problems)}`).toBe(true);
                expect(
                  {
                    kind: 'fact',
                    time: reader.time,
                    unit: reader.unit,
                    metric: reader.metric,
                    member: reader.member,
                    value: reader.value,
                    add: reader.add,
                  },
                  line,
                ).toEqual(ref.ok ? ref.event : null);
              }
              // Move the state on as ingest would, so that later percent checks see earlier adds.
              if (ref.ok) {
                okCount++;
                k.apply(ref.event);
              }
            });
          },
        ),
        { numRuns: 300 },
      );
      // The generator mostly makes valid facts: the fast path must have taken a good share.
      // The clean half are mostly valid: the fast path must take the great majority of valid lines.
      expect(okCount).toBeGreaterThan(300);
      expect(fastCount / okCount).toBeGreaterThan(0.8);
    });
  }

  it('does not carry a field over from a line of another shape, compiled or not', () => {
    const { ir } = exampleCampaigns().find((c) => c.name === 'first-batch.phase')!;
    const k = new Kernel(ir);
    k.register([{ id: 'edu', members: 20, memberIds: null }]);
    for (const compileAfter of [0, Infinity]) {
      const reader = new FastFactReader(k, compileAfter);
      const head =
        '{"id":"e1","type":"fact","time":"2005-03-01T09:00","actor":{"user":"li","role":"unit_admin"},"unit":"edu"';
      const lines = [
        `${head},"metric":"study_hours","member":3,"value":2.5}`,
        `${head},"metric":"participation_rate","value":90}`,
        `${head},"metric":"study_hours","member":3}`,
        `${head},"metric":"participation_rate"}`,
        `${head},"metric":"participation_rate","member":3,"value":90}`,
        // Shapes seen before, now matched against their kept templates.
        `${head},"metric":"study_hours","member":4,"value":1}`,
        `${head},"metric":"study_hours","member":3}`,
        `${head},"metric":"participation_rate","value":95}`,
        `${head},"metric":"participation_rate"}`,
      ];
      expect(lines.map((l) => reader.read(Buffer.from(l), 0, Buffer.byteLength(l)))).toEqual([
        true,
        true,
        false,
        false,
        false,
        true,
        false,
        true,
        false,
      ]);
    }
  });

  it('takes the canonical fact line, and names no field twice', () => {
    const { ir } = exampleCampaigns().find((c) => c.name === 'first-batch.phase')!;
    const k = new Kernel(ir);
    k.register([{ id: 'edu', members: 20, memberIds: null }]);
    const reader = new FastFactReader(k);
    const line = Buffer.from(
      '{"id":"e1","type":"fact","time":"2005-03-01T09:00","actor":{"user":"li","role":"unit_admin","unit":"edu"},"unit":"edu","metric":"study_hours","member":3,"value":2.5,"mode":"add"}',
    );
    expect(reader.read(line, 0, line.length)).toBe(true);
    expect([reader.unit, reader.member, reader.value, reader.add]).toEqual([0, 3, 2.5, true]);
  });
});
