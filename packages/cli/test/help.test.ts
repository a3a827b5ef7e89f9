import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { main, type CliIO } from '@phasegate/cli';
// White-box: the list of commands, to ask each one for its help.
import { commands } from '../src/commands/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function fakeIO() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    cwd: ROOT,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('phasegate --help', () => {
  test('lists every command with what it does', async () => {
    const { io, stdout } = fakeIO();
    expect(await main(['--help'], io)).toBe(0);
    for (const c of commands)
      expect(stdout()).toMatch(
        new RegExp(`\\n  ${c.name}\\b.*${c.summary.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      );
  });

  // Commands whose work is loaded only when they run still describe themselves fully.
  test.each(commands.map((c) => c.name))('`%s --help` shows its usage and options, and exits 0', async (name) => {
    const { io, stdout, stderr } = fakeIO();
    expect(await main([name, '--help'], io)).toBe(0);
    expect(stdout()).toContain(`Usage: phasegate ${name}`);
    expect(stdout()).toContain('-h, --help');
    expect(stderr()).toBe('');
  });

  test('`simulate --help` lists the what-if options', async () => {
    const { io, stdout } = fakeIO();
    await main(['simulate', '--help'], io);
    for (const option of ['--scenario <file>', '--amend <amendment>', '--compare <campaign>', '--report <file>'])
      expect(stdout()).toContain(option);
  });

  test('`--version` prints the package version and exits 0', async () => {
    const { io, stdout, stderr } = fakeIO();
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(await main(['--version'], io)).toBe(0);
    expect(stdout()).toBe(`${version}\n`);
    expect(stderr()).toBe('');
  });

  test('an unknown command is a usage error with a suggestion', async () => {
    const { io, stderr } = fakeIO();
    expect(await main(['chek', 'x.phase'], io)).toBe(2);
    expect(stderr()).toMatch(/unknown command 'chek'[\s\S]*Did you mean check\?/);
  });

  test('a missing required option of a store command is a usage error before anything is opened', async () => {
    const { io, stderr } = fakeIO();
    expect(await main(['status'], io)).toBe(2);
    expect(stderr()).toContain("required option '--db <file>' not specified");
  });
});
