/**
 * The `phasegate` command as users run it: the bin file over the built bundle in
 * packages/cli/dist, in a process of its own. The build runs first (it is incremental), so this
 * never runs a stale bundle.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../packages/cli/bin/phasegate.js', import.meta.url));
const cliPackage = JSON.parse(readFileSync(new URL('../packages/cli/package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

function phasegate(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
}, 120_000);

describe('the built phasegate command', () => {
  test('--version prints the package version', () => {
    expect(phasegate(['--version'])).toEqual({ code: 0, stdout: `${cliPackage.version}\n`, stderr: '' });
  });

  test('check accepts the reference campaign and refuses a broken one with a diagnostic, not a stack trace', () => {
    expect(phasegate(['check', 'dsl-examples/first-batch.phase'])).toEqual({
      code: 0,
      stdout: 'dsl-examples/first-batch.phase: ok\n',
      stderr: '',
    });
    const text = readFileSync(new URL('../dsl-examples/first-batch.phase', import.meta.url), 'utf8').replace(
      'timezone Asia/Shanghai',
      'timezone Asia/Shangai',
    );
    const broken = phasegate(['check', '-'], text);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('<stdin>:5:12: error[PG301]: `Asia/Shangai` is not a time zone this system knows.');
    expect(broken.stdout + broken.stderr).not.toMatch(/\n\s+at /);
  });

  test('commands that load the runtime and the simulator run from the bundle', () => {
    const r = phasegate([
      'simulate',
      'dsl-examples/first-batch.phase',
      '-s',
      'dsl-examples/first-batch.scenario.yaml',
      '--to',
      '2005-02-23',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ campaign: { id: 'first_batch' } });
  });

  test('a reader that stops early (| head) ends the command quietly, without a stack trace', async () => {
    const args = [
      'simulate',
      'dsl-examples/first-batch.phase',
      '-s',
      'dsl-examples/first-batch.scenario.yaml',
      '--format',
      'json',
    ];
    const child = spawn(process.execPath, [bin, ...args], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The run's JSON is far larger than a pipe's buffer: close after the first chunk.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  test('needs no TypeScript loader at run time: tsx is not a dependency, and the bin does not mention it', () => {
    expect(Object.keys(cliPackage.dependencies)).not.toContain('tsx');
    expect(readFileSync(bin, 'utf8')).not.toContain('tsx');
  });
});
