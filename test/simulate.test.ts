import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textWidth as stringWidth } from '@phasegate/dsl';
import { beforeAll, describe, expect, test } from 'vitest';
import { main } from '@phasegate/cli';

const root = new URL('..', import.meta.url).pathname;

/** A small county: six units, a few members each, fast to simulate. */
const smallScenario = `scenario: small-county
label: 小县（测试）
to: 2005-04-05
snapshots: [2005-02-23]
roster:
  units:
    - { id: gonganju, label: 公安局, kind: bureau, members: 8 }
    - { id: jiaoyuju, label: 教育局, kind: bureau, members: 6 }
    - { id: zuzhibu, label: 组织部, kind: party, members: 5 }
  generate:
    - { count: 3, id: "branch-{n}", label: "第{n}党支部", kind: branch, members: { dist: uniform, min: 3, max: 7 } }
events:
  - { type: task, unit: "*", task: leaders_talk, time: 2005-02-18T15:00 }
behaviour:
  seed: 5
  lagging: { share: 0.34 }
  holidays: [{ from: 2005-02-06, to: 2005-02-15, factor: 0.15 }]
  accrual:
    - { metric: study_hours, perWeek: { dist: normal, mean: 9.4, sd: 0.7 }, lagging: { dist: normal, mean: 6.5, sd: 1 }, until: 2005-04-05, every: 28 }
    - { metric: concentrated_hours, perWeek: { dist: normal, mean: 8.4, sd: 0.6 }, lagging: { dist: normal, mean: 6, sd: 1 }, until: 2005-04-05, every: 28 }
  levels:
    - { metric: concentrated_days, value: 4, at: { step: study.four_talks, lag: 1 } }
    - { metric: participation_rate, value: { dist: normal, mean: 98, sd: 1, max: 100 }, at: { step: study.four_talks, lag: 2 } }
    - { metric: awareness_rate, value: { dist: normal, mean: 88, sd: 2, max: 100 }, at: { step: study.four_talks, lag: 2 } }
  absence: { share: 0.1, makeUp: { date: 2005-02-16, lag: { dist: uniform, min: 0, max: 8 } }, catchUp: 3.5 }
  tasks: { scale: window, lag: { dist: uniform, min: 0.05, max: 0.6 }, lagging: { dist: uniform, min: 0.5, max: 1.6 } }
  deliverables:
    scale: window
    lag: { dist: uniform, min: 0.1, max: 0.7 }
    lagging: { dist: uniform, min: 0.5, max: 1.6 }
    byDeliverable: { stage_summary: { dist: uniform, min: 0.05, max: 0.4 }, transfer_application: { dist: uniform, min: 0.05, max: 0.4 } }
  acknowledgements: { delay: { dist: uniform, min: 0.1, max: 2 }, lagging: { dist: uniform, min: 15, max: 30 } }
  reports: { delay: { dist: uniform, min: -2, max: 0 }, lagging: { dist: uniform, min: 3, max: 12 } }
  signoffs: { lag: { dist: uniform, min: 0, max: 0.4 }, lagging: { dist: uniform, min: 1, max: 4 } }
`;

function fakeIO(cwd: string, options: { tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (s: string) => (stdout += s), columns: 100 },
      stderr: { write: (s: string) => (stderr += s), isTTY: options.tty ?? false },
      cwd,
    },
    out: () => stdout,
    err: () => stderr,
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phasegate-simulate-'));
  for (const f of ['first-batch.phase', 'first-batch-no-extension.phase'])
    copyFileSync(join(root, 'dsl-examples', f), join(dir, f));
  writeFileSync(join(dir, 'small.yaml'), smallScenario);
});

async function run(args: string[], options: { tty?: boolean } = {}) {
  const f = fakeIO(dir, options);
  const code = await main(['simulate', 'first-batch.phase', '--scenario', 'small.yaml', ...args], f.io);
  return { code, out: f.out(), err: f.err() };
}

describe('phasegate simulate', () => {
  test('prints the timeline, the units, the overdue lists and the outcomes, in 100 columns', async () => {
    const r = await run([]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Timeline — units at each step');
    expect(r.out).toContain('Overdue on 2005-02-23');
    expect(r.out).toContain('How each phase ended (as of 2005-04-05)');
    for (const line of r.out.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(100);
    // The unit table: the column after the (Chinese) unit label starts at the same display column.
    const rows = r.out.split('\n').filter((l) => /^(公安局|教育局|组织部|第\d党支部)/.test(l));
    expect(rows).toHaveLength(6);
    const secondColumn = rows.map((l) => stringWidth(/^\S+\s+/.exec(l)![0]));
    expect(new Set(secondColumn).size).toBe(1);
  });

  test('the same seed gives the same output; another seed a different one', async () => {
    const a = await run(['--format', 'json']);
    const b = await run(['--format', 'json']);
    const c = await run(['--format', 'json', '--seed', '6']);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(c.out).not.toBe(a.out);
    const ja = JSON.parse(a.out);
    const jc = JSON.parse(c.out);
    expect(ja.format).toBe('phasegate-simulation/1');
    expect(ja.scenario.seed).toBe(5);
    expect(jc.scenario.seed).toBe(6);
    // The roster is the same; the behaviour is not.
    expect(jc.units.map((u: { id: string }) => u.id)).toEqual(ja.units.map((u: { id: string }) => u.id));
  });

  test('JSON holds a day per simulated day, a lane per unit and consistent totals', async () => {
    const j = JSON.parse((await run(['--format', 'json', '--from', '2005-02-01'])).out);
    expect(j.from).toBe('2005-02-01');
    expect(j.to).toBe('2005-04-05');
    expect(j.days).toHaveLength(64);
    expect(j.units).toHaveLength(6);
    for (const d of j.days) expect(Object.values(d.byState).reduce((s: number, n) => s + (n as number), 0)).toBe(6);
    for (const u of j.units) {
      // Lanes cover every day exactly once.
      const covered = u.lane.reduce((s: number, seg: { from: number; to: number }) => s + seg.to - seg.from + 1, 0);
      expect(covered).toBe(64);
    }
    const study = j.totals.outcomes.study;
    expect(study['on-time'] + study.late + study.overdue + study.open).toBe(6);
    expect(j.calendar.find((b: { id: string }) => b.id === 'study')).toMatchObject({
      original: { start: '2005-01-20', end: '2005-03-05' },
      effective: { start: '2005-01-20', end: '2005-03-15' },
    });
  });

  test('CSV is one tidy table with the documented columns', async () => {
    const r = await run(['--format', 'csv']);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('run,table,date,until,unit,key,value,note');
    const tables = new Set(lines.slice(1).map((l) => l.split(',')[1]));
    expect([...tables].sort()).toEqual(['blocker', 'lane', 'overdue', 'timeline', 'unit']);
    expect(lines).toContain(',unit,,,gonganju,label,公安局,');
    expect(lines.some((l) => l.startsWith(',timeline,2005-02-23,,,state.active,'))).toBe(true);
  });

  test('--report writes one self-contained HTML file', async () => {
    const r = await run(['--report', 'out.html']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('report written to out.html');
    const html = readFileSync(join(dir, 'out.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/@import|url\(http/);
    expect(html.match(/<g class="lane"/g)).toHaveLength(6);
  });

  test('a --report that cannot be written is refused before anything runs (exit 2), and nothing is printed', async () => {
    for (const [report, why] of [
      ['no-such-dir/out.html', /the directory .*no-such-dir does not exist/],
      ['.', /--report \. is a directory/],
      ['first-batch.phase/out.html', /first-batch\.phase is not a directory/],
    ] as const) {
      const r = await run(['--report', report]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.out).toBe('');
    }
  });

  test('a progress bar goes to stderr only on a terminal', async () => {
    const tty = await run(['--to', '2005-02-10'], { tty: true });
    expect(tty.err).toMatch(/\rsimulating \[█+░*\] +\d+% {2}day \d+\/22/);
    const pipe = await run(['--to', '2005-02-10']);
    expect(pipe.err).toBe('');
  });
});

describe('what-if', () => {
  test('--amend runs both versions on the same seed and prints the difference', async () => {
    const f = fakeIO(dir);
    const code = await main(
      [
        'simulate',
        'first-batch-no-extension.phase',
        '--scenario',
        'small.yaml',
        '--format',
        'json',
        '--amend',
        'phase study extend 10 days effective 2005-02-21',
      ],
      f.io,
    );
    expect(f.err()).toBe('');
    expect(code).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.format).toBe('phasegate-simulation-comparison/1');
    expect(j.after.whatIf).toEqual(['phase study extend 10 days effective 2005-02-21']);
    const bar = j.after.calendar.find((b: { id: string }) => b.id === 'study');
    expect(bar.effective.end).toBe('2005-03-15');
    expect(bar.amendments[0]).toMatchObject({ source: 'what-if', effective: '2005-02-21', action: 'extend 10 days' });
    const study = j.comparison.phases.find((p: { phase: string }) => p.phase === 'study');
    expect(study.before.onTime).toBe(j.before.totals.outcomes.study['on-time']);
    expect(study.after.onTime).toBe(j.after.totals.outcomes.study['on-time']);
    expect(study.after.onTime).toBeGreaterThan(study.before.onTime);
    // Every change listed is a real difference between the two runs, and every difference is listed.
    const outcome = (r: { units: { id: string; outcomes: Record<string, string> }[] }, unit: string, phase: string) =>
      r.units.find((u) => u.id === unit)!.outcomes[phase];
    for (const c of j.comparison.changes) {
      expect(outcome(j.before, c.unit, c.phase)).toBe(c.before);
      expect(outcome(j.after, c.unit, c.phase)).toBe(c.after);
    }
    let differences = 0;
    for (const u of j.before.units)
      for (const p of Object.keys(u.outcomes)) if (u.outcomes[p] !== outcome(j.after, u.id, p)) differences++;
    expect(j.comparison.changes).toHaveLength(differences);
  });

  test('an amendment among the scenario events extends the window in the runtime and in the report', async () => {
    writeFileSync(
      join(dir, 'amended.yaml'),
      smallScenario.replace(
        'events:\n',
        'events:\n  - { type: amend, phase: study, extendDays: 10, effective: 2005-02-21, time: 2005-02-21T09:00, reason: 上级通知 }\n',
      ),
    );
    const f = fakeIO(dir);
    expect(
      await main(['simulate', 'first-batch-no-extension.phase', '-s', 'amended.yaml', '--format', 'json'], f.io),
    ).toBe(0);
    const j = JSON.parse(f.out());
    expect(j.calendar[0]).toMatchObject({
      id: 'study',
      effective: { end: '2005-03-15' },
      amendments: [{ source: 'scenario', effective: '2005-02-21', reason: '上级通知' }],
    });
    // The runtime judged transfers against the extended window: some after 03-05 were on time.
    const transfers = j.units
      .flatMap((u: { transfers: { phase: string; at: string; onTime: boolean }[] }) => u.transfers)
      .filter((t: { phase: string }) => t.phase === 'study');
    expect(transfers.some((t: { at: string; onTime: boolean }) => t.at > '2005-03-06' && t.onTime)).toBe(true);
  });

  test('--compare prints on-time rates per phase before and after, and the units that change', async () => {
    const f = fakeIO(dir);
    const code = await main(
      ['simulate', 'first-batch-no-extension.phase', '--scenario', 'small.yaml', '--compare', 'first-batch.phase'],
      f.io,
    );
    expect(code).toBe(0);
    const out = f.out();
    expect(out).toContain(
      'What-if — same scenario and seed: before = first-batch-no-extension.phase, after = first-batch.phase',
    );
    expect(out).toMatch(/学习动员阶段 +\d+\/6 \(\d+%\) +\d+\/6 \(\d+%\) +[+-]?\d+/);
    expect(out).toMatch(/unit outcomes? changes?:|No unit’s outcome changes/);
  });

  test('an amendment that cannot apply is shown with its diagnostic, exit 1', async () => {
    const f = fakeIO(dir);
    const code = await main(
      [
        'simulate',
        'first-batch.phase',
        '--scenario',
        'small.yaml',
        '--amend',
        'phase studdy extend 3 days effective 2005-02-21',
      ],
      f.io,
    );
    expect(code).toBe(1);
    expect(f.err()).toMatch(/PG309/);
    expect(f.err()).toContain('the amendment "phase studdy extend 3 days effective 2005-02-21" cannot be applied');
  });
});

describe('mistakes on the command line exit 2 with a hint', () => {
  const cases: [string, string[], RegExp][] = [
    ['no scenario', ['simulate', 'first-batch.phase'], /simulate needs a scenario: add --scenario <file>/],
    [
      'bad --from',
      ['simulate', 'first-batch.phase', '-s', 'small.yaml', '--from', '2005-02-30'],
      /--from 2005-02-30 is not a date: write it as YYYY-MM-DD/,
    ],
    [
      '--to before --from',
      ['simulate', 'first-batch.phase', '-s', 'small.yaml', '--from', '2005-03-01', '--to', '2005-02-01'],
      /--to 2005-02-01 is before --from 2005-03-01/,
    ],
    [
      'bad --seed',
      ['simulate', 'first-batch.phase', '-s', 'small.yaml', '--seed', 'abc'],
      /--seed abc is not a seed: give a whole number/,
    ],
    [
      'bad --format',
      ['simulate', 'first-batch.phase', '-s', 'small.yaml', '--format', 'xml'],
      /--format xml is not a format simulate knows; use --format table, json or csv/,
    ],
    [
      '--amend with --compare',
      ['simulate', 'first-batch.phase', '-s', 'small.yaml', '--amend', 'x', '--compare', 'y.phase'],
      /use --amend or --compare, not both/,
    ],
    [
      'unknown option',
      ['simulate', 'first-batch.phase', '-s', 'small.yaml', '--sead', '3'],
      /unknown option '--sead'[\s\S]*Did you mean --seed\?/,
    ],
    ['no campaign', ['simulate'], /missing required argument 'campaign'/],
  ];
  test.each(cases)('%s', async (_name, argv, message) => {
    const f = fakeIO(dir);
    expect(await main(argv, f.io)).toBe(2);
    expect(f.err()).toMatch(message);
    expect(f.err()).not.toMatch(/\n\s+at /);
  });
});

describe('mistakes in the inputs exit 1 and say where', () => {
  test('an invalid scenario lists every bad field with its path and line', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      smallScenario.replace('members: 8', 'members: eight').replace('task: leaders_talk', 'task: leader_talk'),
    );
    const f = fakeIO(dir);
    expect(await main(['simulate', 'first-batch.phase', '-s', 'bad.yaml'], f.io)).toBe(1);
    expect(f.err()).toMatch(/^bad\.yaml:7:\d+: roster\.units\[0\]\.members: must be a whole number$/m);
    expect(f.err()).toContain('bad.yaml: 1 problem in the scenario; nothing was simulated.');
    writeFileSync(join(dir, 'bad2.yaml'), smallScenario.replace('task: leaders_talk', 'task: leader_talk'));
    const g = fakeIO(dir);
    expect(await main(['simulate', 'first-batch.phase', '-s', 'bad2.yaml'], g.io)).toBe(1);
    expect(g.err()).toMatch(
      /^bad2\.yaml:13:\d+: events\[0\]\.task: unknown task "leader_talk"; did you mean "leaders_talk"\?$/m,
    );
  });

  test('a missing scenario or campaign file is named', async () => {
    const f = fakeIO(dir);
    expect(await main(['simulate', 'first-batch.phase', '-s', 'nowhere.yaml'], f.io)).toBe(1);
    expect(f.err()).toContain('nowhere.yaml');
    expect(f.err()).toContain('no such file');
    const g = fakeIO(dir);
    expect(await main(['simulate', 'nowhere.phase', '-s', 'small.yaml'], g.io)).toBe(1);
    expect(g.err()).toContain('cannot read nowhere.phase: no such file');
  });

  test('an explicit event the runtime refuses stops the run with the reason', async () => {
    // Amendments of one window must take effect in order: the runtime checks it, the scenario cannot.
    const amends =
      '  - { type: amend, phase: study, extendDays: 3, effective: 2005-02-25, time: 2005-02-20T09:00 }\n' +
      '  - { type: amend, phase: study, extendDays: 2, effective: 2005-02-22, time: 2005-02-21T09:00 }\n';
    writeFileSync(join(dir, 'refused.yaml'), smallScenario.replace('events:\n', `events:\n${amends}`));
    const f = fakeIO(dir);
    expect(await main(['simulate', 'first-batch.phase', '-s', 'refused.yaml'], f.io)).toBe(1);
    expect(f.err()).toMatch(
      /the runtime rejected 1 simulated event:\n {2}\{type=amend phase=study extendDays=2 .*\}: effective: .*must take effect then or later/,
    );
    expect(f.err()).not.toMatch(/\n\s+at /);
  });
});

describe('the simulator reads the runtime faithfully', () => {
  test('each day’s units per state match the runtime’s own summary, though statuses are re-read only for units that changed', async () => {
    const { memoryStore, openRuntime } = await import('@phasegate/runtime');
    const { prepareCampaign, runSimulation } = await import('@phasegate/sim');
    const { loadScenarioFile } = await import('@phasegate/sim/node');
    const file = join(dir, 'first-batch.phase');
    const prepared = prepareCampaign(readFileSync(file, 'utf8'), file);
    if (!('ir' in prepared)) throw new Error('campaign does not compile');
    const { scenario } = loadScenarioFile(join(dir, 'small.yaml'));
    const summaries: Record<string, number>[] = [];
    const result = runSimulation({
      campaign: prepared,
      scenario,
      openRuntime: (ir) => {
        const runtime = openRuntime({ ir, store: memoryStore(), snapshotEvery: 0 });
        // The simulator asks for the overdue lists once a day, after its own sampling.
        const overdue = runtime.overdue.bind(runtime);
        runtime.overdue = (at?: string) => {
          summaries.push({ ...runtime.summary().byState });
          return overdue(at);
        };
        return runtime;
      },
    });
    expect(summaries).toHaveLength(result.days.length);
    result.days.forEach((d, i) => expect(d.byState, d.date).toEqual(summaries[i]));
  });
});
