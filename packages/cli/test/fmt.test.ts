import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

function fakeIO(cwd: string) {
  let stdout = '';
  let stderr = '';
  return {
    io: { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd },
    out: () => stdout,
    err: () => stderr,
  };
}

const messy = 'campaign c "C" {\n    timezone   UTC\n  phase p { window 2005-01-01..2005-01-02 }\n}\n';
const tidy = 'campaign c "C" {\n  timezone UTC\n\n  phase p {\n    window 2005-01-01 .. 2005-01-02\n  }\n}\n';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'phasegate-fmt-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('phasegate fmt', () => {
  it('prints the formatted file on stdout', async () => {
    const { io, out, err } = fakeIO(dirWith({ 'a.phase': messy }));
    expect(await main(['fmt', 'a.phase'], io)).toBe(0);
    expect(out()).toBe(tidy);
    expect(err()).toBe('');
  });

  it('--check exits 1 and names an unformatted file, 0 for a formatted one', async () => {
    const dir = dirWith({ 'a.phase': messy, 'b.phase': tidy });
    const a = fakeIO(dir);
    expect(await main(['fmt', '--check', 'a.phase'], a.io)).toBe(1);
    expect(a.err()).toContain('a.phase is not formatted');
    expect(a.out()).toBe('');
    const b = fakeIO(dir);
    expect(await main(['fmt', '--check', 'b.phase'], b.io)).toBe(0);
    expect(b.err()).toBe('');
  });

  it('--write rewrites the file in place', async () => {
    const dir = dirWith({ 'a.phase': messy });
    const { io, out } = fakeIO(dir);
    expect(await main(['fmt', '--write', 'a.phase'], io)).toBe(0);
    expect(readFileSync(join(dir, 'a.phase'), 'utf8')).toBe(tidy);
    expect(out()).toBe('formatted a.phase\n');
  });

  it('refuses a file with syntax errors: diagnostics on stderr, file untouched, exit 1', async () => {
    const broken = 'campaign c {\n  phase p { windw 2005-01-01 .. 2005-01-02 }\n}\n';
    const dir = dirWith({ 'bad.phase': broken });
    const { io, out, err } = fakeIO(dir);
    expect(await main(['fmt', '--write', 'bad.phase'], io)).toBe(1);
    expect(readFileSync(join(dir, 'bad.phase'), 'utf8')).toBe(broken);
    expect(out()).toBe('');
    expect(err()).toContain('bad.phase:2:13: error[PG100]: `windw` is not a keyword here; did you mean `window`?');
    expect(err()).toContain('bad.phase was not formatted: 1 syntax error to fix first.');
  });

  it('says clearly when the file is missing', async () => {
    const { io, err } = fakeIO(dirWith({}));
    expect(await main(['fmt', 'nope.phase'], io)).toBe(1);
    expect(err()).toBe('phasegate: cannot read nope.phase: no such file. Give the path of a .phase file.\n');
  });

  it('rejects --check together with --write as a usage error', async () => {
    const { io, err } = fakeIO(dirWith({ 'a.phase': tidy }));
    expect(await main(['fmt', '--check', '--write', 'a.phase'], io)).toBe(2);
    expect(err()).toContain('cannot be used together');
  });
});
