import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { main, type CliIO } from '@phasegate/cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function fakeIO(cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    cwd,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-check-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const BROKEN = `campaign c "C" {
  timezone Asia/Shanghai
  role supervisor "Supervisor"
  metric rate "Rate" percent per unit
  phase p "P" {
    window 2005-03-01 .. 2005-03-10
    step s "S" window 2005-03-01 .. 2005-03-10 {
      task t "T"
    }
    gate g "G" { rate >= 101% }
    gate h "H" { rate <= 100% }
  }
}
`;

describe('phasegate check', () => {
  test('the reference campaign is clean: exit 0', async () => {
    const { io, stdout, stderr } = fakeIO();
    expect(await main(['check', 'dsl-examples/first-batch.phase'], io)).toBe(0);
    expect(stdout()).toBe('dsl-examples/first-batch.phase: ok\n');
    expect(stderr()).toBe('');
  });

  test('errors and warnings are rendered with their code frames: exit 1', async () => {
    const dir = scratch({ 'broken.phase': BROKEN });
    const { io, stdout } = fakeIO(dir);
    expect(await main(['check', 'broken.phase'], io)).toBe(1);
    const text = stdout();
    expect(text).toContain('broken.phase:10:18: error[PG401]: `rate >= 101%` can never hold');
    expect(text).toContain('10 |     gate g "G" { rate >= 101% }');
    expect(text).toContain('   |                  ^^^^^^^^^^^');
    expect(text).toContain('broken.phase:11:18: warning[PG402]');
    // The impossible gate also means no unit ever completes the campaign.
    expect(text).toContain('error[PG600]: No unit can ever reach the end of the campaign');
    expect(text.trimEnd().split('\n').pop()).toBe('broken.phase: 2 errors, 1 warning');
  });

  test('warnings alone do not fail the check', async () => {
    const dir = scratch({ 'warn.phase': BROKEN.replace('    gate g "G" { rate >= 101% }\n', '') });
    const { io, stdout } = fakeIO(dir);
    expect(await main(['check', 'warn.phase'], io)).toBe(0);
    expect(stdout()).toContain('warn.phase: ok, 1 warning');
  });

  test('several files, one missing: every file is reported and the missing one is a clear error', async () => {
    const { io, stdout } = fakeIO();
    expect(await main(['check', 'dsl-examples/first-batch.phase', 'dsl-examples/nope.phase'], io)).toBe(1);
    expect(stdout()).toContain(
      'dsl-examples/nope.phase: error[PG900]: cannot read dsl-examples/nope.phase: no such file',
    );
    expect(stdout()).toContain('dsl-examples/first-batch.phase: ok\n');
    expect(stdout()).toContain('1 file of 2 with errors');
    expect(stdout()).not.toContain('    at ');
  });

  test('--format json gives lines, columns and offsets', async () => {
    const dir = scratch({ 'broken.phase': BROKEN });
    const { io, stdout } = fakeIO(dir);
    expect(await main(['check', 'broken.phase', '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(stdout());
    expect(report.ok).toBe(false);
    expect(report.files[0]).toMatchObject({ path: 'broken.phase', ok: false, errors: 2, warnings: 1 });
    const d = report.files[0].diagnostics.find((x: { code: string }) => x.code === 'PG401');
    expect(d.start).toEqual({ line: 10, column: 18, offset: BROKEN.indexOf('rate >= 101%') });
    expect(d.severity).toBe('error');
  });

  test('problems found by different passes are listed in the order of the file', async () => {
    // The time zone, an unknown metric, an unknown signer and a unit mismatch are found by four
    // passes that run in another order; the author reads them top to bottom.
    const dir = scratch({
      'order.phase': `campaign c "C" {
  timezone Asia/Shangai
  role supervisor "S"
  metric study_hours "H" hours per member
  phase p "P" {
    window 2005-01-20 .. 2005-03-05
    step s "S" window 2005-02-23 .. 2005-03-01 {
      task t "T"
    }
    gate g "G" { every member study_hour >= 45 hours }
    checkpoint k "K" signed by supervisr {
      item i "I" requires every member study_hours >= 120 days
    }
  }
}
`,
    });
    const { io, stdout } = fakeIO(dir);
    expect(await main(['check', 'order.phase'], io)).toBe(1);
    const places = [...stdout().matchAll(/^order\.phase:(\d+):(\d+): error\[(PG\d+)\]/gm)].map(
      (m) => `${m[1]}:${m[3]}`,
    );
    expect(places).toEqual(['2:PG301', '10:PG200', '11:PG200', '12:PG400']);
  });

  test('a format it does not know is a usage error: exit 2', async () => {
    const { io, stderr } = fakeIO();
    expect(await main(['check', 'dsl-examples/first-batch.phase', '--format', 'xml'], io)).toBe(2);
    expect(stderr()).toContain('--format xml is not a format check knows');
  });

  test('no file at all is a usage error: exit 2', async () => {
    const { io } = fakeIO();
    expect(await main(['check'], io)).toBe(2);
  });
});
