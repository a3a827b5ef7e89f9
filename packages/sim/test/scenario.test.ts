import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSource, type CampaignIR } from '@phasegate/compiler';
import { checkScenario, parseScenario, ScenarioError, type ScenarioProblem } from '@phasegate/sim';
import { loadScenarioFile as loadScenario, readTextFile } from '@phasegate/sim/node';
// White-box: the behaviour models' sampling, tested directly.
import { sample } from '../src/behaviour/distribution.js';
import { streamFor } from '../src/behaviour/prng.js';

const root = new URL('../../../', import.meta.url).pathname;
const campaignFile = join(root, 'dsl-examples/first-batch.phase');
const scenarioFile = join(root, 'dsl-examples/first-batch.scenario.yaml');
const ir: CampaignIR = compileSource(readFileSync(campaignFile, 'utf8'), campaignFile).ir!;

/** The problems a scenario text has, schema and campaign checks together. */
function problemsOf(yaml: string, files: Record<string, string> = {}): ScenarioProblem[] {
  const dir = mkdtempSync(join(tmpdir(), 'pg-scenario-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const file = join(dir, 'scenario.yaml');
  try {
    const loaded = parseScenario(yaml, { path: file, readFile: (name) => readTextFile(join(dir, name)) });
    return checkScenario(loaded.scenario, ir, loaded.locate);
  } catch (err) {
    if (err instanceof ScenarioError) return [...err.problems];
    throw err;
  }
}

const minimal = `scenario: t
roster:
  units:
    - { id: a, label: 甲单位, members: 3 }
    - { id: b, members: 2 }
`;

describe('the shipped scenario', () => {
  test('loads with its CSV roster: 60 units, about 3,000 members, the seven named in the speech first', () => {
    const { scenario, locate } = loadScenario(scenarioFile);
    expect(scenario.units).toHaveLength(60);
    const members = scenario.units.reduce((s, u) => s + u.members, 0);
    expect(members).toBeGreaterThan(2800);
    expect(members).toBeLessThan(3200);
    expect(scenario.units.slice(0, 7).map((u) => u.label)).toEqual([
      '公安局',
      '广播电视局',
      '教育局',
      '水电局',
      '农业局',
      '国土资源局',
      '组织部',
    ]);
    expect(scenario.units.find((u) => u.id === 'yizhong')?.parent).toBe('jiaoyuju');
    expect(checkScenario(scenario, ir, locate)).toEqual([]);
    expect(scenario.seed).toBe(217);
  });

  test('--seed overrides the scenario seed', () => {
    expect(loadScenario(scenarioFile, { seed: 7 }).scenario.seed).toBe(7);
  });
});

describe('invalid scenarios name the bad field and what is expected', () => {
  const cases: [string, string, string, RegExp, number?][] = [
    ['missing id', 'roster: x.csv\n', 'scenario', /is missing/],
    ['members as text', minimal.replace('members: 2', 'members: lots'), 'roster.units[1].members', /whole number/, 5],
    [
      'unknown field',
      minimal + 'behaviour:\n  sead: 3\n',
      'behaviour.sead',
      /unknown field "sead"; expected one of: seed, lagging/,
      7,
    ],
    [
      'uniform without max',
      minimal + 'behaviour:\n  tasks:\n    lag: { dist: uniform, min: 1 }\n',
      'behaviour.tasks.lag.max',
      /is missing/,
      8,
    ],
    [
      'unknown distribution',
      minimal + 'behaviour:\n  tasks:\n    lag: { dist: gamma, k: 2 }\n',
      'behaviour.tasks.lag.dist',
      /one of: "fixed", "uniform", "normal"/,
    ],
    [
      'distribution as text',
      minimal + 'behaviour:\n  reports:\n    delay: soon\n',
      'behaviour.reports.delay',
      /a number or a distribution/,
    ],
    ['share above 1', minimal + 'behaviour:\n  lagging: { share: 1.5 }\n', 'behaviour.lagging.share', /<= 1/],
    ['bad date', minimal + 'from: 2005-02-30\n', 'from', /not a calendar date/],
    ['bad date form', minimal + 'to: 03/15/2005\n', 'to', /not a date YYYY-MM-DD/],
    ['to before from', minimal + 'from: 2005-03-01\nto: 2005-02-01\n', 'to', /before it starts/],
    [
      'anchor with two bases',
      minimal + 'behaviour:\n  absence: { share: 0.1, makeUp: { step: study.four_talks, date: 2005-02-01 } }\n',
      'behaviour.absence.makeUp',
      /exactly one of step/,
    ],
    [
      'amend without action',
      minimal + 'events:\n  - { type: amend, phase: study, time: 2005-02-21 }\n',
      'events[0]',
      /exactly one of extendDays, extendTo or moveDays/,
    ],
    [
      'event type',
      minimal + 'events:\n  - { type: note, time: 2005-02-21 }\n',
      'events[0].type',
      /must be one of: "fact", "task"/,
    ],
    [
      'fact without value',
      minimal + 'events:\n  - { type: fact, unit: a, metric: concentrated_days, time: 2005-02-21 }\n',
      'events[0].value',
      /is missing/,
    ],
    ['duplicate unit', minimal.replace('id: b', 'id: a'), 'roster.units[1].id', /duplicate unit id "a"/],
    [
      'unknown parent',
      minimal.replace('members: 2 }', 'members: 2, parent: zz }'),
      'roster',
      /parent "zz", which is not in the roster/,
    ],
    [
      'unknown task',
      minimal + 'events:\n  - { type: task, unit: a, task: expert_talks, time: 2005-02-21 }\n',
      'events[0].task',
      /unknown task "expert_talks"; did you mean "expert_talk"\?/,
    ],
    [
      'unknown unit',
      minimal + 'events:\n  - { type: task, unit: c, task: expert_talk, time: 2005-02-21 }\n',
      'events[0].unit',
      /unknown unit "c"/,
    ],
    [
      'member metric without member',
      minimal + 'events:\n  - { type: fact, unit: a, metric: study_hours, value: 3, time: 2005-02-21 }\n',
      'events[0].member',
      /recorded per member/,
    ],
    [
      'member out of range',
      minimal +
        'events:\n  - { type: fact, unit: b, metric: study_hours, member: 2, value: 3, time: 2005-02-21T10:00 }\n',
      'events[0].member',
      /member 2 is out of range: unit "b" has 2 members, 0 to 1/,
    ],
    [
      'generated members never',
      'scenario: t\nroster:\n  generate:\n    - { count: 2, id: "u{n}", members: { dist: never } }\n',
      'roster.generate[0].members',
      /drew Infinity members/,
    ],
    [
      'unknown metric',
      minimal + 'behaviour:\n  accrual:\n    - { metric: study_hour, perWeek: 5 }\n',
      'behaviour.accrual[0].metric',
      /did you mean "study_hours"/,
    ],
    [
      'level on a member metric',
      minimal + 'behaviour:\n  levels:\n    - { metric: study_hours, value: 5, at: { date: 2005-02-01 } }\n',
      'behaviour.levels[0].metric',
      /use "accrual"/,
    ],
    [
      'unknown step',
      minimal + 'behaviour:\n  levels:\n    - { metric: awareness_rate, value: 90, at: { step: study.four_talk } }\n',
      'behaviour.levels[0].at.step',
      /unknown step "study.four_talk"; did you mean "study.four_talks"/,
    ],
    [
      'unknown kind',
      minimal + 'behaviour:\n  tasks:\n    lag: 1\n    byKind: { bureaux: 2 }\n',
      'behaviour.tasks.byKind.bureaux',
      /unknown unit kind/,
    ],
    ['unknown role', minimal + 'actors: { unit: admin }\n', 'actors.unit', /unknown role "admin"/],
  ];
  test.each(cases)('%s', (_name, yaml, path, message, line) => {
    const problems = problemsOf(yaml);
    const found = problems.find((p) => p.path === path);
    expect(found, `problems were: ${JSON.stringify(problems)}`).toBeDefined();
    expect(found!.message).toMatch(message);
    if (line !== undefined) expect(found!.line).toBe(line);
  });

  test('every problem is reported at once, in file order', () => {
    const problems = problemsOf(
      minimal.replace('members: 2', 'members: -1') +
        'behaviour:\n  seed: x\n  tasks:\n    lag: { dist: normal, mean: 1 }\n',
    );
    expect(problems.map((p) => p.path)).toEqual([
      'roster.units[1].members',
      'behaviour.seed',
      'behaviour.tasks.lag.sd',
    ]);
  });

  test('a YAML syntax error gives its line and column', () => {
    const problems = problemsOf('scenario: t\nroster: [\n');
    expect(problems[0].path).toBe('(syntax)');
    expect(problems[0].line).toBeGreaterThan(1);
  });

  test('a campaign given as the scenario is named as that mistake, in one line', () => {
    const problems = problemsOf(readFileSync(campaignFile, 'utf8'));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^this is a campaign \(\.phase\), not a scenario/);
  });

  test('YAML messages are cut to a readable length', () => {
    const problems = problemsOf(`scenario: t\nroster: "${'x'.repeat(400)}\n  : [`);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.message.length).toBeLessThanOrEqual(160);
  });

  test('roster CSV problems name the CSV line', () => {
    const problems = problemsOf('scenario: t\nroster: units.csv\n', {
      'units.csv': 'id,label,members\na,甲,3\nb,乙,-3\n',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('roster');
    expect(problems[0].message).toMatch(/units\.csv line 3, column members: "-3" is not a member count/);
  });

  test('a missing roster file says where it was looked for', () => {
    const problems = problemsOf('scenario: t\nroster: nowhere.csv\n');
    expect(problems[0].message).toMatch(
      /cannot read the roster file \(.*\/nowhere\.csv: no such file\); the path is relative to the scenario file/,
    );
  });

  test('with nothing to read files, a roster file is a problem that says so, not a crash', () => {
    let problems: readonly ScenarioProblem[] = [];
    try {
      parseScenario('scenario: t\nroster: units.csv\n');
    } catch (err) {
      if (err instanceof ScenarioError) problems = err.problems;
    }
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'roster',
        message: expect.stringContaining('names the roster file units.csv, and no files can be read here'),
      }),
    ]);
  });
});

describe('rosters', () => {
  test('generated units follow the pattern, with seeded member counts', () => {
    const yaml =
      'scenario: t\nroster:\n  generate:\n    - { count: 12, id: "u{n}", label: "第{n}支部", kind: branch, members: { dist: uniform, min: 10, max: 20 }, pad: 2 }\n';
    const a = parseScenario(yaml, { path: '/tmp/s.yaml' }).scenario.units;
    expect(a).toHaveLength(12);
    expect(a[0]).toMatchObject({ id: 'u01', label: '第01支部', kind: 'branch' });
    expect(a.every((u) => u.members >= 10 && u.members <= 20)).toBe(true);
    expect(parseScenario(yaml, { path: '/tmp/s.yaml' }).scenario.units).toEqual(a);
    expect(parseScenario(yaml, { path: '/tmp/s.yaml', seed: 99 }).scenario.units.map((u) => u.members)).not.toEqual(
      a.map((u) => u.members),
    );
  });

  test('JSON scenarios are read too', () => {
    const json = JSON.stringify({ scenario: 't', roster: { units: [{ id: 'a', members: 1 }] } });
    expect(parseScenario(json, { path: '/tmp/s.json' }).scenario.units).toEqual([{ id: 'a', members: 1 }]);
  });
});

describe('seeded randomness', () => {
  test('a stream is fixed by its seed and keys, and differs for other keys', () => {
    const draw = (...k: (string | number)[]) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(streamFor(7, ...k)),
      );
    expect(draw('a', 1)).toEqual(draw('a', 1));
    expect(draw('a', 1)).not.toEqual(draw('a', 2));
    expect(draw('a', 1).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test('distributions draw in range and around their mean', () => {
    const rng = streamFor(1, 'dist');
    const xs = Array.from({ length: 4000 }, () => sample({ dist: 'normal', mean: 7, sd: 1.5, min: 0 }, rng));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(6.8);
    expect(mean).toBeLessThan(7.2);
    const u = Array.from({ length: 1000 }, () => sample({ dist: 'uniform', min: 2, max: 3 }, rng));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...u)).toBeLessThan(3);
    const mix = Array.from({ length: 2000 }, () =>
      sample(
        {
          dist: 'mix',
          of: [
            { weight: 3, dist: 'fixed', value: 1 },
            { weight: 1, dist: 'never' },
          ],
        },
        rng,
      ),
    );
    const never = mix.filter((x) => x === Infinity).length / mix.length;
    expect(never).toBeGreaterThan(0.2);
    expect(never).toBeLessThan(0.3);
  });
});
