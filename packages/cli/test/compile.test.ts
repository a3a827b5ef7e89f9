import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { createMachine } from 'xstate';
import { main, type CliIO } from '@phasegate/cli';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FILE = 'dsl-examples/first-batch.phase';

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

describe('phasegate compile', () => {
  test('--target ir prints the IR as JSON (the default target)', async () => {
    const { io, stdout, stderr } = fakeIO();
    expect(await main(['compile', FILE], io)).toBe(0);
    const ir = JSON.parse(stdout());
    expect(ir.irVersion).toBe(1);
    expect(ir.phases.map((p: { id: string }) => p.id)).toEqual(['study', 'appraisal', 'rectification']);
    expect(new Date(ir.amendments[0].end).toISOString()).toBe('2005-03-15T16:00:00.000Z');
    expect(stderr()).toBe('');
  });

  test('--target xstate prints a machine config that createMachine accepts', async () => {
    const { io, stdout } = fakeIO();
    expect(await main(['compile', FILE, '--target', 'xstate'], io)).toBe(0);
    const config = JSON.parse(stdout());
    const machine = createMachine(config);
    expect(machine.id).toBe('first_batch');
    expect(Object.keys(machine.root.states)).toEqual(['study', 'appraisal', 'rectification', 'completed']);
  });

  test('--target mermaid prints a state diagram', async () => {
    const { io, stdout } = fakeIO();
    expect(await main(['compile', FILE, '--target', 'mermaid'], io)).toBe(0);
    expect(stdout()).toMatch(/^stateDiagram-v2\n/);
    expect(stdout()).toContain('note right of p0\n    2005-01-20 00:00 to 2005-03-15 24:00 (amended)\n  end note');
  });

  test('--amend adds an amendment to the schedule', async () => {
    const { io, stdout } = fakeIO();
    const code = await main(
      ['compile', FILE, '--amend', 'phase appraisal extend 5 days effective 2005-04-20 reason "more time"'],
      io,
    );
    expect(code).toBe(0);
    const ir = JSON.parse(stdout());
    expect(ir.amendments).toHaveLength(2);
    expect(ir.amendments[1]).toMatchObject({ id: 'amend-2', action: 'extend 5 days', reason: 'more time' });
    expect(new Date(ir.amendments[1].end).toISOString()).toBe('2005-05-05T16:00:00.000Z');
  });

  test('a bad --amend is explained against its own text, and nothing is printed', async () => {
    const { io, stdout, stderr } = fakeIO();
    expect(await main(['compile', FILE, '--amend', 'phase apraisal extend 5 days effective 2005-04-20'], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('--amend:1:7: error[PG309]: Campaign `first_batch` has no phase `apraisal`.');
    expect(stderr()).toContain('help: did you mean `appraisal`?');
  });

  test('a file with errors is not compiled: exit 1, diagnostics on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phasegate-compile-'));
    writeFileSync(join(dir, 'bad.phase'), 'campaign c "C" {\n  phase p "P" {\n    step s "S" { task t "T" }\n  }\n}\n');
    const { io, stdout, stderr } = fakeIO(dir);
    expect(await main(['compile', 'bad.phase'], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('error[PG302]');
    expect(stderr()).toContain('error[PG307]');
    expect(stderr()).toContain('bad.phase was not compiled');
  });

  test('an unknown target is a usage error; a missing file a clear one', async () => {
    const a = fakeIO();
    expect(await main(['compile', FILE, '--target', 'dot'], a.io)).toBe(2);
    expect(a.stderr()).toContain('--target dot is not a target compile knows; use ir, xstate or mermaid.');
    const b = fakeIO();
    expect(await main(['compile', 'nope.phase'], b.io)).toBe(1);
    expect(b.stderr()).toBe('phasegate: cannot read nope.phase: no such file. Give the path of a .phase file.\n');
  });
});
