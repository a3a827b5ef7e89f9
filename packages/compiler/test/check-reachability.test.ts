import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type CampaignIR, type RequirementIR } from '@phasegate/compiler';
import { createUnitMachine } from '@phasegate/compiler/machine';
// White-box: the pass walks one machine per phase shape, without substates; these check that
// the full unit machine gives the same answer.
import { campaignReach, positionReach } from '../src/check-reachability.js';
import { parse } from '@phasegate/dsl';
import { createContext } from '../src/context.js';
import { lower } from '../src/lower.js';
import { reachSpans } from '../src/reach-spans.js';
import { compile, expectClean, readExample, spanIn, spanOf, variant, withCode } from './helpers.js';

/** BASE with a third phase after `appraisal`. */
const THREE_PHASES: [string, string] = [
  '      deliverable analysis "Analysis" due 2005-04-10 18:00\n    }\n  }\n',
  `      deliverable analysis "Analysis" due 2005-04-10 18:00
    }

    gate reviewed "Reviewed" { participation_rate >= 90% }
  }

  phase report "Report" {
    window 2005-05-01 .. 2005-05-31

    step summary "Summary" window 2005-05-01 .. 2005-05-31 {
      deliverable summary_report "Summary report" due 2005-05-31
    }
  }
`,
];

describe('check-reachability', () => {
  test('an empty `any of` cuts off the steps after it', () => {
    const text = variant([
      '      task self_talk "Self talk"\n',
      '      task self_talk "Self talk"\n      any of "Either" { }\n',
    ]);
    const [d, ...rest] = withCode(compile(text).diagnostics, 'PG600');
    expect(rest).toEqual([]);
    expect(d.span).toEqual(spanOf(text, 'discussion'));
    expect(d.message).toContain('step `discussion` of phase `study`');
    expect(d.message).toContain('step `talks` can never be completed');
    expect(d.message).toContain(
      'Nothing after it is reached either: the transfer out of phase `study`, phase `appraisal` and the end of the campaign.',
    );
    expect(d.related?.[0].span).toEqual(spanOf(text, 'any of'));
  });

  test('a gate that can never hold cuts off the next phase', () => {
    const text = variant(['and participation_rate >= 95%', 'and participation_rate >= 101%']);
    const [d, ...rest] = withCode(compile(text).diagnostics, 'PG600');
    expect(rest).toEqual([]);
    expect(d.span).toEqual(spanIn(text, 'phase appraisal', 'appraisal'));
    expect(d.message).toContain('phase `appraisal`: gate `training` of phase `study` can never hold');
    expect(d.related?.[0].span).toEqual(spanOf(text, 'training'));
  });

  test('contradicting comparisons are as dead as impossible ones', () => {
    const text = variant([
      'and participation_rate >= 95%',
      'and participation_rate >= 95% and participation_rate < 90%',
    ]);
    expect(withCode(compile(text).diagnostics, 'PG600')).toHaveLength(1);
  });

  test('a checkpoint item that can never be met', () => {
    const text = variant(['requires task expert_talk done', 'requires participation_rate > 100%']);
    const [d] = withCode(compile(text).diagnostics, 'PG600');
    expect(d.message).toContain('item `lectures` of checkpoint `checks`');
    expect(d.related?.[0].span).toEqual(spanOf(text, 'lectures'));
  });

  test('an impossible gate in the last phase: no unit completes the campaign', () => {
    const text = variant([
      '    step review "Review"',
      '    gate done "Done" { participation_rate < 0% }\n\n    step review "Review"',
    ]);
    const [d] = withCode(compile(text).diagnostics, 'PG600');
    expect(d.span).toEqual(spanIn(text, ' c "C"', 'c'));
    expect(d.message).toContain('the end of the campaign');
  });

  test('the reference campaign reaches every position', () => {
    const { ir, diagnostics } = compile(readExample('first-batch.phase'));
    expect(ir).toBeDefined();
    expect(withCode(diagnostics, 'PG600')).toEqual([]);
  });

  test('an impossible gate in a later phase cuts off the phase after it', () => {
    const text = variant(THREE_PHASES, ['participation_rate >= 90%', 'participation_rate >= 101%']);
    const [d, ...rest] = withCode(compile(text).diagnostics, 'PG600');
    expect(rest).toEqual([]);
    expect(d.span).toEqual(spanIn(text, 'phase report', 'report'));
    expect(d.message).toContain(
      'No unit can ever reach phase `report`: gate `reviewed` of phase `appraisal` can never hold.',
    );
    expect(d.message).toContain('Nothing after it is reached either: the end of the campaign.');
    expect(d.related?.[0].span).toEqual(spanOf(text, 'reviewed'));
  });

  test("an empty `any of` in a later phase cuts off that phase's transfer and what follows", () => {
    const text = variant(THREE_PHASES, [
      '      deliverable analysis "Analysis" due 2005-04-10 18:00\n',
      '      deliverable analysis "Analysis" due 2005-04-10 18:00\n      any of "Either" { }\n',
    ]);
    const [d, ...rest] = withCode(compile(text).diagnostics, 'PG600');
    expect(rest).toEqual([]);
    expect(d.span).toEqual(spanIn(text, 'phase appraisal', 'appraisal'));
    expect(d.message).toContain('the transfer out of phase `appraisal`: step `review` can never be completed');
    expect(d.message).toContain('Nothing after it is reached either: phase `report` and the end of the campaign.');
  });
});

describe('reachability walks one machine per phase shape, without substates', () => {
  const reference = expectClean(readExample('first-batch.phase'));
  const hopeless: RequirementIR = { kind: 'any', label: null, items: [] };
  const withPhase = (
    ir: CampaignIR,
    p: number,
    change: (phase: CampaignIR['phases'][number]) => CampaignIR['phases'][number],
  ): CampaignIR => ({
    ...ir,
    phases: ir.phases.map((phase, i) => (i === p ? change(phase) : phase)),
  });
  const metric = reference.metrics.find((m) => m.level === 'unit')!.id;
  // One IR per way of cutting the reference campaign: every step made hopeless, every phase
  // given an impossible gate, and the campaign as it is.
  const cases: [string, CampaignIR][] = [['as written', reference]];
  reference.phases.forEach((phase, p) => {
    phase.steps.forEach((step, s) =>
      cases.push([
        `step ${step.id} hopeless`,
        withPhase(reference, p, (ph) => ({
          ...ph,
          steps: ph.steps.map((st, i) =>
            i === s ? { ...st, requirement: { kind: 'all', label: null, items: [st.requirement, hopeless] } } : st,
          ),
        })),
      ]),
    );
    cases.push([
      `gate of ${phase.id} impossible`,
      withPhase(reference, p, (ph) => ({
        ...ph,
        gates: [...ph.gates, { id: 'never', label: 'Never', condition: { kind: 'metric', metric, op: '<', value: 0 } }],
      })),
    ]);
  });

  test.each(cases)('%s: the same positions as the full unit machine', (_name, ir) => {
    const full = positionReach(createUnitMachine(ir), ir).positions;
    const positions = campaignReach(ir);
    expect(positions).toEqual(full);
    expect(positions.every((q) => q.present)).toBe(true);
    expect(positions.filter((q) => q.reached).length).toBe(
      ir === reference ? positions.length : positions.findIndex((q) => q.stuck) + 1,
    );
  });

  test('phases of one shape share a machine, and each is walked with its own guards', () => {
    // Campaigns of phases taken from the reference, with some of their steps, so that shapes
    // repeat at different places; a phase may have a hopeless step or an impossible gate.
    const phase = fc.record({
      from: fc.nat(reference.phases.length - 1),
      keep: fc.nat(6),
      hopeless: fc.option(fc.nat(6)),
      impossibleGate: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(phase, { minLength: 1, maxLength: 12 }), (specs) => {
        const ir: CampaignIR = {
          ...reference,
          phases: specs.map((spec, i) => {
            const base = reference.phases[spec.from];
            const steps = base.steps
              .slice(0, spec.keep)
              .map((st, s) =>
                s === spec.hopeless
                  ? { ...st, requirement: { kind: 'all' as const, label: null, items: [st.requirement, hopeless] } }
                  : st,
              );
            const gates = spec.impossibleGate
              ? [
                  ...base.gates,
                  {
                    id: 'never',
                    label: 'Never',
                    condition: { kind: 'metric' as const, metric, op: '<' as const, value: 0 },
                  },
                ]
              : base.gates;
            return { ...base, id: `${base.id}_${i}`, steps, gates };
          }),
        };
        expect(campaignReach(ir)).toEqual(positionReach(createUnitMachine(ir), ir).positions);
      }),
      { numRuns: 150 },
    );
  });
});

describe('reach spans', () => {
  test('hold names and group spans only, never the syntax tree', () => {
    // The pass runs while the tree may be collected; anything holding a tree node would keep it
    // all alive. Tree nodes have a `kind`; identifiers and spans do not.
    const text = variant([
      '      task self_talk "Self talk"\n',
      '      task self_talk "Self talk"\n      any of "Either" { }\n',
    ]);
    const { file } = parse(text, 'reach.phase');
    const ctx = createContext(file, file.campaign!);
    const ir = lower(ctx)!;
    const spans = reachSpans(ctx, ir);
    expect(spans.hopeless.size).toBe(1);
    const seen = new Set<unknown>();
    const visit = (value: unknown): void => {
      if (!value || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      expect(value).not.toHaveProperty('kind');
      for (const v of value instanceof Map ? value.values() : Object.values(value)) visit(v);
    };
    visit(spans);
    expect(seen.size).toBeGreaterThan(10);
  });
});
