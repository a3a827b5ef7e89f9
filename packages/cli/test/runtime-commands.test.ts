/**
 * `phasegate ingest`, `status`, `explain` and `overdue`, run through `main(argv, io)` with fake
 * streams against real SQLite files in a scratch directory.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { main, type CliIO } from '@phasegate/cli';
import { sqliteStore } from '@phasegate/runtime/sqlite';

const CAMPAIGN = readFileSync(
  fileURLToPath(new URL('../../../dsl-examples/first-batch.phase', import.meta.url)),
  'utf8',
);
const root = mkdtempSync(join(tmpdir(), 'phasegate-runtime-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dir = '';
let n = 0;
beforeEach(() => {
  dir = join(root, `t${++n}`);
  writeFiles({ 'campaign.phase': CAMPAIGN, 'units.csv': ROSTER });
});

function writeFiles(files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

async function run(argv: string[], options: { stdin?: string; tty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s), isTTY: options.tty },
    cwd: dir,
    ...(options.stdin !== undefined ? { stdin: Readable.from([options.stdin]) } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const ROSTER = [
  'id,label,kind,members,parent',
  'edu,教育局,bureau,2,',
  'edu-b1,教育局第一支部,branch,li;wang;zhang,edu',
  'water,水电局,bureau,3,',
  '',
].join('\n');
const admin = (unit: string) => ({ user: `${unit}-admin`, role: 'unit_admin', unit });
const line = (event: object) => JSON.stringify(event);
const task = (id: string, time: string, unit: string, name: string) =>
  line({ id, type: 'task', time, actor: admin(unit), unit, task: name });
const EVENTS = [
  task('e1', '2005-02-24T10:00', 'edu-b1', 'leaders_talk'),
  line({
    id: 'e2',
    type: 'fact',
    time: '2005-02-24T11:00',
    actor: admin('edu-b1'),
    unit: 'edu-b1',
    metric: 'study_hours',
    member: 'wang',
    value: 50,
  }),
  '',
  line({
    id: 'e3',
    type: 'acknowledge',
    time: '2005-02-24T12:00',
    actor: admin('edu'),
    unit: 'edu',
    document: 'newyear_docs',
  }),
].join('\n');

const ingest = (...more: string[]) => run(['ingest', 'campaign.phase', '--db', 'c.db', ...more]);
const logIds = () => {
  const store = sqliteStore(join(dir, 'c.db'), { create: false });
  try {
    return [...store.events()].map((e) => e.id);
  } finally {
    store.close();
  }
};

describe('phasegate ingest', () => {
  test('registers the roster, applies the events and says what it did; again, everything is a duplicate', async () => {
    writeFiles({ 'events.ndjson': EVENTS });
    const first = await ingest('--roster', 'units.csv', 'events.ndjson');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('registered 3 units from units.csv');
    expect(first.stdout).toMatch(/applied\s+3 events/);
    expect(first.stdout).toMatch(/duplicates\s+0/);
    expect(logIds()).toEqual(['e1', 'e2', 'e3']);

    const again = await ingest('--roster', 'units.csv', 'events.ndjson');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/applied\s+0 events/);
    expect(again.stdout).toMatch(/duplicates\s+3 \(already in the log, skipped\)/);
    expect(logIds()).toEqual(['e1', 'e2', 'e3']);
  });

  test('reads events from standard input with -', async () => {
    await ingest('--roster', 'units.csv');
    const r = await run(['ingest', 'campaign.phase', '--db', 'c.db', '-'], { stdin: EVENTS + '\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/applied\s+3 events/);
  });

  test('a malformed line stops ingest: its batch is not applied, earlier batches are kept, and the message says so', async () => {
    const lines = [
      task('a1', '2005-02-24T10:00', 'edu', 'leaders_talk'),
      task('a2', '2005-02-24T10:05', 'edu', 'expert_talk'),
      task('a3', '2005-02-24T10:10', 'edu', 'self_talk'),
      '{"id":"a4", "type": "task",',
      task('a5', '2005-02-24T10:20', 'edu', 'exemplar_talk'),
    ];
    writeFiles({ 'events.ndjson': lines.join('\n') + '\n' });
    const r = await ingest('--roster', 'units.csv', '--batch', '2', 'events.ndjson');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('events.ndjson:4: not valid JSON');
    expect(r.stderr).toContain('nothing from lines 3–4 was applied');
    expect(r.stderr).toContain('Lines 1–2 were applied before and are kept');
    expect(r.stderr).toContain('run the same command again');
    expect(r.stdout).toMatch(/applied\s+2 events/);
    expect(logIds()).toEqual(['a1', 'a2']);

    // Fixed and run again: the applied events are skipped, the rest go in.
    lines[3] = task('a4', '2005-02-24T10:15', 'edu', 'remedial_study');
    writeFiles({ 'events.ndjson': lines.join('\n') + '\n' });
    const fixed = await ingest('--batch', '2', 'events.ndjson');
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/applied\s+3 events/);
    expect(fixed.stdout).toMatch(/duplicates\s+2/);
    expect(logIds()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  test('a rejected event names its line and field, and nothing of its batch is applied', async () => {
    writeFiles({
      'events.ndjson': [
        task('b1', '2005-02-24T10:00', 'edu', 'leaders_talk'),
        task('b2', '2005-02-24T10:05', 'no-such-unit', 'expert_talk'),
      ].join('\n'),
    });
    const r = await ingest('--roster', 'units.csv', 'events.ndjson');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/events\.ndjson:2: event "b2" rejected, field `unit`: .*no-such-unit/);
    expect(r.stderr).toContain('Nothing from events.ndjson was applied');
    expect(r.stdout).toMatch(/rejected\s+1/);
    expect(logIds()).toEqual([]);
  });

  test('a batch with a line that is not JSON still reports the problems of its other lines, in line order', async () => {
    writeFiles({
      'events.ndjson': [
        task('c1', '2005-02-24T10:00', 'edu', 'leaders_tlk'),
        'not json',
        task('c3', '2005-02-24T10:05', 'edu', 'expert_talk'),
        task('c4', '2005-02-24T10:10', 'nowhere', 'self_talk'),
      ].join('\n'),
    });
    const r = await ingest('--roster', 'units.csv', 'events.ndjson');
    expect(r.code).toBe(1);
    const places = [...r.stderr.matchAll(/^events\.ndjson:(\d+): (.*?)(?:,|\s\()/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(places).toEqual(['1 event "c1" rejected', '2 not valid JSON', '4 event "c4" rejected']);
    expect(r.stderr).toContain('did you mean "leaders_talk"?');
    expect(r.stdout).toMatch(/rejected\s+3/);
    expect(logIds()).toEqual([]);
  });

  test('a campaign with errors prints its diagnostics and creates no database', async () => {
    writeFiles({
      'campaign.phase': CAMPAIGN.replace('window 2005-01-20 .. 2005-03-05', 'window 2005-01-20 ..'),
      'events.ndjson': EVENTS,
    });
    const r = await ingest('events.ndjson');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/campaign\.phase:\d+:\d+: error\[PG\d+\]/);
    expect(r.stderr).toContain('nothing was ingested');
    expect(existsSync(join(dir, 'c.db'))).toBe(false);
  });

  test('refuses a database made for another campaign, or a version that drops names the log may use', async () => {
    writeFiles({ 'events.ndjson': EVENTS });
    expect((await ingest('--roster', 'units.csv', 'events.ndjson')).code).toBe(0);

    writeFiles({ 'other.phase': CAMPAIGN.replace('campaign first_batch', 'campaign second_batch') });
    const other = await run(['ingest', 'other.phase', '--db', 'c.db', 'events.ndjson']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('holds campaign `first_batch`, but other.phase declares campaign `second_batch`');

    // e3 acknowledges newyear_docs: a version without that document cannot replay the log.
    writeFiles({ 'fewer.phase': CAMPAIGN.replace(/^\s*document newyear_docs .*\n/m, '') });
    const fewer = await run(['ingest', 'fewer.phase', '--db', 'c.db', 'events.ndjson']);
    expect(fewer.code).toBe(1);
    expect(fewer.stderr).toMatch(/fewer\.phase is not compatible with the campaign in c\.db\. Event e3 .*newyear_docs/);
    // Nothing was recorded: the database still runs the original campaign.
    expect((await run(['status', '--db', 'c.db', '--unit', 'edu-b1', '--json'])).code).toBe(0);
    expect((await ingest('events.ndjson')).stdout).not.toContain('updated');

    // A compatible change (a threshold) is taken, and the state follows it.
    writeFiles({
      'lenient.phase': CAMPAIGN.replace('every member study_hours >= 45 hours', 'every member study_hours >= 30 hours'),
    });
    const lenient = await run(['ingest', 'lenient.phase', '--db', 'c.db', 'events.ndjson']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain('updated the campaign stored in c.db');
    const explained = await run(['explain', '--db', 'c.db', '--unit', 'edu-b1']);
    expect(explained.stdout).toContain('2 of 3 members below 30 hours');
  });

  test('a roster with problems registers nothing and names line and column', async () => {
    writeFiles({ 'bad.csv': 'id,members,parent\na,3,\nb,-2,a\nb,1,zz\n', 'events.ndjson': EVENTS });
    const r = await ingest('--roster', 'bad.csv', 'events.ndjson');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.csv:3:2: error[roster-bad-members]');
    expect(r.stderr).toContain('bad.csv:4:1: error[roster-duplicate-id]');
    expect(r.stderr).toContain('no units were registered');
    expect(logIds()).toEqual([]);
  });

  test('shows progress on a terminal only', async () => {
    writeFiles({ 'events.ndjson': EVENTS });
    const piped = await ingest('--roster', 'units.csv', '--batch', '1', 'events.ndjson');
    expect(piped.stderr).toBe('');
    const tty = await run(
      ['ingest', 'campaign.phase', '--db', 'd.db', '--roster', 'units.csv', '--batch', '1', 'events.ndjson'],
      { tty: true },
    );
    expect(tty.code).toBe(0);
    // Line 3 is blank: the last progress update is after line 4.
    expect(tty.stderr).toContain('\r\x1b[Kingesting events.ndjson: line 4, 3 applied, 0 duplicates');
    expect(tty.stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  test('command-line mistakes exit 2', async () => {
    expect((await ingest('--batch', '0', 'events.ndjson')).code).toBe(2);
    const nothing = await ingest();
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Nothing to ingest');
  });

  test('a file that is not a database is refused with a message, not a stack trace', async () => {
    writeFiles({ 'events.ndjson': EVENTS, 'notes.txt': 'these are my notes, not a database\n' });
    const r = await run(['ingest', 'campaign.phase', '--db', 'notes.txt', 'events.ndjson']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^phasegate: .*notes\.txt is not an SQLite database/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('these are my notes, not a database\n');
  });
});

describe('phasegate status, explain, overdue', () => {
  beforeEach(async () => {
    writeFiles({ 'events.ndjson': EVENTS });
    expect((await ingest('--roster', 'units.csv', 'events.ndjson')).code).toBe(0);
  });

  test('status: the campaign by state and by phase and step', async () => {
    const r = await run(['status', '--db', 'c.db']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('first_batch  第一批先进性教育活动');
    expect(r.stdout).toContain('3 units at 2005-02-24T12:00:00+08:00 (Asia/Shanghai)');
    expect(r.stdout).toMatch(/\n {2}active\s+1\n/);
    expect(r.stdout).toMatch(/\n {2}waiting\s+2\n/);
    expect(r.stdout).toMatch(/\n {2}study › four_talks\s+3\n/);
    // The transfer point is not confused with the reference campaign's step called `transfer`.
    expect(r.stdout).toMatch(/\n {2}study › transfer\s+0\n/);
    expect(r.stdout).toMatch(/\n {2}study › awaiting transfer\s+0\n/);

    const listed = await run(['status', '--db', 'c.db', '--units']);
    expect(listed.stdout).toMatch(/edu-b1\s+study › four_talks\s+active\s+on time\s+8/);
  });

  test('status --json: CampaignSummary, or a UnitStatus with --unit', async () => {
    const summary = JSON.parse((await run(['status', '--db', 'c.db', '--json'])).stdout);
    expect(Object.keys(summary).sort()).toEqual(['at', 'byPosition', 'byState', 'units']);
    expect(summary.units).toBe(3);
    const withUnits = JSON.parse((await run(['status', '--db', 'c.db', '--json', '--units'])).stdout);
    expect(withUnits.statuses.map((s: { id: string }) => s.id)).toEqual(['edu', 'edu-b1', 'water']);

    const unit = JSON.parse((await run(['status', '--db', 'c.db', '--unit', 'edu-b1', '--json'])).stdout);
    expect(unit).toMatchObject({
      id: 'edu-b1',
      label: '教育局第一支部',
      phase: 'study',
      step: 'four_talks',
      state: 'active',
      onTime: true,
    });
    const gate = unit.blockers.find((b: { kind: string }) => b.kind === 'gate');
    expect(gate.failing[0]).toMatchObject({
      metric: 'study_hours',
      aggregate: 'every',
      op: '>=',
      target: 45,
      actual: 0,
      membersFailing: 2,
      members: 3,
      lowest: 0,
    });
    for (const b of unit.blockers) expect(typeof b.message).toBe('string');
  });

  test('an unknown unit: a clear message with a suggestion, exit 1', async () => {
    for (const cmd of ['status', 'explain']) {
      const r = await run([cmd, '--db', 'c.db', '--unit', 'edu_b1']);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('phasegate: There is no unit "edu_b1" in c.db. Did you mean "edu-b1"?\n');
    }
  });

  test('--at must be a date (exit 2, with the expected format); a later date moves the clock', async () => {
    const bad = await run(['status', '--db', 'c.db', '--at', '2005-3-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Expected YYYY-MM-DD');
    expect((await run(['overdue', '--db', 'c.db', '--at', '2005-02-30'])).code).toBe(2);

    const later = JSON.parse(
      (await run(['status', '--db', 'c.db', '--unit', 'edu-b1', '--at', '2005-03-20', '--json'])).stdout,
    );
    expect(later).toMatchObject({ state: 'remediation', onTime: false, machineState: 'study.four_talks.overdue' });
    // Reading never writes: the log is as ingest left it.
    expect(logIds()).toEqual(['e1', 'e2', 'e3']);
  });

  test('--at before the last event shows the campaign as it stood then', async () => {
    const before = JSON.parse(
      (await run(['status', '--db', 'c.db', '--unit', 'edu-b1', '--at', '2005-02-24T10:30', '--json'])).stdout,
    );
    // e1 (10:00) counted, e2 (11:00) not yet: nobody has study hours.
    expect(
      before.blockers.some((b: { kind: string; task?: string }) => b.kind === 'task' && b.task === 'leaders_talk'),
    ).toBe(false);
    const gate = before.blockers.find((b: { kind: string }) => b.kind === 'gate');
    expect(gate.failing[0]).toMatchObject({ metric: 'study_hours', membersFailing: 3 });
    const now = JSON.parse((await run(['status', '--db', 'c.db', '--unit', 'edu-b1', '--json'])).stdout);
    expect(now.blockers.find((b: { kind: string }) => b.kind === 'gate').failing[0]).toMatchObject({
      membersFailing: 2,
    });
  });

  test('explain: blockers in words, numbered, with the numbers behind them', async () => {
    const r = await run(['explain', '--db', 'c.db', '--unit', 'edu-b1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('edu-b1 (教育局第一支部) is at study › four_talks: active, on time.');
    expect(r.stdout).toContain('It cannot move on because of 8 things:');
    expect(r.stdout).toContain('  1. task expert_talk (专家讲) not done');
    expect(r.stdout).toMatch(
      /\d\. gate study_training \(学习培训合格\) not met:\n {5}- study hours: 2 of 3 members below 45 hours \(lowest 0\)/,
    );
    expect(r.stdout).toContain('- #1 一看：各级领导是否高度重视并身体力行: not signed by supervisor');
    const json = JSON.parse((await run(['explain', '--db', 'c.db', '--unit', 'edu-b1', '--json'])).stdout);
    expect(json.blockers).toHaveLength(8);
  });

  test('overdue: who is late on what, since when', async () => {
    const r = await run(['overdue', '--db', 'c.db', '--at', '2005-02-25']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 units have not acknowledged 年前下发文件 since 02-08');
    expect(r.stdout).toMatch(/\n {2}water\s+due 2005-02-08T09:00:00\+08:00, 16 days late\n/);
    const json = JSON.parse((await run(['overdue', '--db', 'c.db', '--at', '2005-02-25', '--json'])).stdout);
    const ack = json.groups.find(
      (g: { obligation: string; subject: string }) => g.obligation === 'newyear_ack' && g.subject === 'newyear_docs',
    );
    expect(ack.entries.map((e: { unit: string }) => e.unit)).toEqual(['edu-b1', 'water']);
    expect((await run(['overdue', '--db', 'c.db', '--at', '2005-01-01'])).stdout).toBe(
      'Nothing is overdue at 2005-01-01T00:00:00+08:00.\n',
    );
    // Under a day late is said in hours or minutes, never "0 days late".
    expect((await run(['overdue', '--db', 'c.db', '--at', '2005-02-26'])).stdout).toMatch(
      /role supervisor\s+due 2005-02-25T18:00:00\+08:00, 6 hours late\n/,
    );
    expect((await run(['overdue', '--db', 'c.db', '--at', '2005-02-25T18:30'])).stdout).toMatch(
      /role supervisor\s+due 2005-02-25T18:00:00\+08:00, 30 minutes late\n/,
    );
  });

  test('a missing or foreign database gets a message that says what to do', async () => {
    const missing = await run(['status', '--db', 'nope.db']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no database at');
    expect(missing.stderr).toContain('phasegate ingest');
    expect(existsSync(join(dir, 'nope.db'))).toBe(false);

    const empty = sqliteStore(join(dir, 'empty.db'));
    empty.close();
    const r = await run(['overdue', '--db', 'empty.db']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('empty.db holds no campaign');
  });
});
