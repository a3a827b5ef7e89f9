/**
 * What every command does the same way (README, "Commands"): `--format text|json` (with `--json`
 * as a hidden alias), `-` for standard input wherever a file is read, colour only on a terminal,
 * examples at the end of every `--help`, and CSV that a spreadsheet cannot mistake for formulas.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { main, type CliIO } from '@phasegate/cli';
// White-box: the list of commands, to ask each one for its help.
import { commands } from '../src/commands/index.js';

const EXAMPLES = fileURLToPath(new URL('../../../dsl-examples/', import.meta.url));
const CAMPAIGN = readFileSync(join(EXAMPLES, 'first-batch.phase'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'phasegate-conventions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface RunOptions {
  stdin?: string | Buffer[];
  tty?: boolean;
  env?: Record<string, string>;
}

async function run(argv: string[], options: RunOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s), isTTY: options.tty },
    stderr: { write: (s: string) => err.push(s), isTTY: options.tty },
    cwd: dir,
    env: options.env ?? {},
    ...(options.stdin !== undefined
      ? { stdin: Readable.from(typeof options.stdin === 'string' ? [Buffer.from(options.stdin)] : options.stdin) }
      : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const ESC = '\x1b[';
const BROKEN = CAMPAIGN.replace('signed by supervisor', 'signed by supervisr');

describe('standard input (-)', () => {
  test('check reads a campaign from standard input and names it <stdin>', async () => {
    const ok = await run(['check', '-'], { stdin: CAMPAIGN });
    expect(ok).toMatchObject({ code: 0, stdout: '<stdin>: ok\n' });
    const bad = await run(['check', '-'], { stdin: BROKEN });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^<stdin>:\d+:\d+: error\[PG200\]: Checkpoint `six_checks` is signed by `supervisr`/m);
  });

  test('a character whose bytes arrive in two chunks is read whole', async () => {
    const bytes = Buffer.from(CAMPAIGN);
    // Cut inside the first Chinese label: its characters take three bytes each.
    const cut = bytes.indexOf(Buffer.from('第一批')) + 1;
    const r = await run(['fmt', '-'], { stdin: [bytes.subarray(0, cut), bytes.subarray(cut)] });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('第一批');
    expect(r.stdout).not.toContain('\ufffd');
  });

  test('compile, fmt and simulate read their campaign from standard input', async () => {
    const compiled = await run(['compile', '-', '--target', 'mermaid'], { stdin: CAMPAIGN });
    expect(compiled.code).toBe(0);
    expect(compiled.stdout).toMatch(/^stateDiagram-v2/);
    const formatted = await run(['fmt', '-'], { stdin: CAMPAIGN });
    expect(formatted).toMatchObject({ code: 0, stdout: CAMPAIGN });
    const scenario = join(EXAMPLES, 'first-batch.scenario.yaml');
    const simulated = await run(['simulate', '-', '--scenario', scenario, '--to', '2005-02-01', '--format', 'json'], {
      stdin: CAMPAIGN,
    });
    expect(simulated.code).toBe(0);
    expect(JSON.parse(simulated.stdout)).toMatchObject({ campaign: { id: 'first_batch' } });
  });

  test('a what-if reads its campaign from standard input once for both runs', async () => {
    const scenario = join(EXAMPLES, 'first-batch.scenario.yaml');
    const r = await run(
      [
        'simulate',
        '-',
        '-s',
        scenario,
        '--to',
        '2005-02-01',
        '--amend',
        'phase study extend 10 days effective 2005-01-25',
        '--format',
        'json',
      ],
      { stdin: CAMPAIGN },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('comparison');
  });

  test('two files from standard input is a usage mistake, said before anything is read', async () => {
    const check = await run(['check', '-', '-'], { stdin: CAMPAIGN });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('Only one file can come from standard input');
    writeFileSync(join(dir, 'units.csv'), 'id,members\nedu,2\n');
    const ingest = await run(['ingest', '-', '--db', join(dir, 'two.db'), '-'], { stdin: CAMPAIGN });
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toContain('Only one of the campaign, the events and the roster can come from standard input');
  });

  test('fmt --write refuses standard input: there is no file to rewrite', async () => {
    const r = await run(['fmt', '--write', '-'], { stdin: CAMPAIGN });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standard input is not a file');
  });

  test('ingest takes its roster from standard input', async () => {
    writeFileSync(join(dir, 'campaign.phase'), CAMPAIGN);
    const r = await run(['ingest', 'campaign.phase', '--db', join(dir, 'roster.db'), '--roster', '-'], {
      stdin: 'id,label,members\nedu,教育局,li;wang\n',
    });
    expect(r).toMatchObject({ code: 0, stdout: 'registered 1 unit from <stdin>\n' });
  });
});

describe('--format text|json', () => {
  test('every command that prints results has --format, and --json is a hidden alias', async () => {
    for (const name of ['check', 'ingest', 'status', 'explain', 'overdue', 'simulate']) {
      const help = await run([name, '--help']);
      expect(help.stdout, name).toMatch(/-f, --format <format>/);
      expect(help.stdout, name).not.toContain('--json');
    }
  });

  test('status, explain and overdue print the same JSON for --format json and --json', async () => {
    writeFileSync(join(dir, 'campaign.phase'), CAMPAIGN);
    writeFileSync(join(dir, 'units.csv'), 'id,label,members\nedu,教育局,li;wang\n');
    const db = join(dir, 'status.db');
    expect((await run(['ingest', 'campaign.phase', '--db', db, '--roster', 'units.csv'])).code).toBe(0);
    for (const argv of [
      ['status'],
      ['status', '--unit', 'edu'],
      ['explain', '--unit', 'edu'],
      ['overdue', '--at', '2005-02-23'],
    ]) {
      const format = await run([...argv, '--db', db, '--format', 'json']);
      const alias = await run([...argv, '--db', db, '--json']);
      expect(format.code, argv.join(' ')).toBe(0);
      expect(alias.stdout, argv.join(' ')).toBe(format.stdout);
      expect(() => JSON.parse(format.stdout)).not.toThrow();
    }
    const clash = await run(['status', '--db', db, '--json', '--format', 'text']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--json and --format text disagree');
  });

  test('ingest --format json prints one document with the tally and every problem', async () => {
    writeFileSync(join(dir, 'campaign.phase'), CAMPAIGN);
    const admin = { user: 'li', role: 'unit_admin', unit: 'edu' };
    const events = [
      JSON.stringify({
        id: 'j1',
        type: 'task',
        time: '2005-02-24T10:00',
        actor: admin,
        unit: 'edu',
        task: 'leaders_talk',
      }),
      'not json',
    ].join('\n');
    writeFileSync(join(dir, 'units.csv'), 'id,label,members\nedu,教育局,li;wang\n');
    const r = await run(
      ['ingest', 'campaign.phase', '--db', join(dir, 'json.db'), '--roster', 'units.csv', '-', '--format', 'json'],
      { stdin: events },
    );
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as {
      ok: boolean;
      registered: number;
      applied: number;
      rejected: number;
      problems: { line: number; message: string }[];
    };
    expect(doc).toMatchObject({ ok: false, registered: 1, applied: 0, rejected: 1 });
    expect(doc.problems).toEqual([{ line: 2, message: expect.stringContaining('<stdin>:2: not valid JSON') }]);
  });

  test('an unknown format names the ones the command knows', async () => {
    const r = await run(['overdue', '--db', 'x.db', '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format yaml is not a format overdue knows; use --format text or json.');
  });
});

describe('colour', () => {
  const broken = () => writeFileSync(join(dir, 'broken.phase'), BROKEN);

  test('on a terminal, diagnostics and the summary are coloured', async () => {
    broken();
    const r = await run(['check', 'broken.phase'], { tty: true, env: { TERM: 'xterm-256color' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(ESC);
    // The colours wrap the text; without them it is the same as when piped.
    const plain = await run(['check', 'broken.phase']);
    // eslint-disable-next-line no-control-regex -- on purpose: removes the colour codes, which start with ESC
    expect(r.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain.stdout);
  });

  test('piped, or with NO_COLOR, or on a dumb terminal, there is none; FORCE_COLOR forces it', async () => {
    broken();
    expect((await run(['check', 'broken.phase'])).stdout).not.toContain(ESC);
    expect((await run(['check', 'broken.phase'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    expect((await run(['check', 'broken.phase'], { tty: true, env: { TERM: 'dumb' } })).stdout).not.toContain(ESC);
    expect((await run(['check', 'broken.phase'], { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC);
    expect((await run(['check', 'broken.phase'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain(
      ESC,
    );
  });

  test('JSON is never coloured', async () => {
    broken();
    const r = await run(['check', 'broken.phase', '--format', 'json'], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(r.stdout).not.toContain(ESC);
  });
});

describe('--help', () => {
  test.each(['', ...commands.map((c) => c.name)])(
    '`phasegate %s --help` ends with two or three examples',
    async (name) => {
      const r = await run([...(name ? [name] : []), '--help']);
      expect(r.code).toBe(0);
      const examples = r.stdout.slice(r.stdout.lastIndexOf('Examples:'));
      expect(r.stdout.lastIndexOf('Examples:')).toBeGreaterThan(0);
      const lines = examples.split('\n').filter((l) => l.startsWith('  $ phasegate') || l.startsWith('  $ '));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.length).toBeLessThanOrEqual(3);
      // Each example runs the command it illustrates.
      if (name) for (const l of lines) expect(l).toContain(`phasegate ${name}`);
    },
  );
});

describe('CSV', () => {
  const scenario = join(EXAMPLES, 'first-batch.scenario.yaml');

  test('a label that begins like a formula is written as text', async () => {
    // The county's roster, with one unit's label made a spreadsheet formula.
    const roster = readFileSync(join(EXAMPLES, 'first-batch.units.csv'), 'utf8').split('\n');
    const first = roster.findIndex((l) => /^[a-z]/.test(l) && !l.startsWith('id,'));
    const [id] = roster[first].split(',');
    roster[first] = roster[first].replace(/^([^,]*),[^,]*,/, '$1,=1+2,');
    writeFileSync(join(dir, 'first-batch.units.csv'), roster.join('\n'));
    writeFileSync(join(dir, 'evil.yaml'), readFileSync(scenario, 'utf8'));
    const r = await run([
      'simulate',
      join(EXAMPLES, 'first-batch.phase'),
      '-s',
      'evil.yaml',
      '--to',
      '2005-01-25',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`,unit,,,${id},label,'=1+2,`);
    expect(r.stdout).not.toMatch(/(^|,)=1\+2/m);
  });

  test('--bom begins the CSV with a byte-order mark, and only CSV takes it', async () => {
    const plain = await run([
      'simulate',
      join(EXAMPLES, 'first-batch.phase'),
      '-s',
      scenario,
      '--to',
      '2005-01-25',
      '--format',
      'csv',
    ]);
    const bom = await run([
      'simulate',
      join(EXAMPLES, 'first-batch.phase'),
      '-s',
      scenario,
      '--to',
      '2005-01-25',
      '--format',
      'csv',
      '--bom',
    ]);
    expect(plain.stdout.startsWith('run,table,date')).toBe(true);
    expect(bom.stdout).toBe(`\ufeff${plain.stdout}`);
    const table = await run(['simulate', join(EXAMPLES, 'first-batch.phase'), '-s', scenario, '--bom']);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('--bom is for --format csv');
  });
});
