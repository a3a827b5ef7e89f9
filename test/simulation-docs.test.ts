/**
 * docs/simulation.md's example program is the test: its code block is read out of the page, run
 * in a scratch directory beside copies of the reference campaign, its variant, the scenario and
 * its roster, and what it prints must be the page's output block, character for character.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const page = readFileSync(join(root, 'docs/simulation.md'), 'utf8');

/** The fenced block right after `<!-- marker -->`. */
function block(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\s*\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(page);
  if (!match?.[1]) throw new Error(`docs/simulation.md has no fenced block after <!-- ${marker} -->`);
  return match[1];
}

const dir = mkdtempSync(join(tmpdir(), 'phasegate-simulation-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/simulation.md example program', () => {
  beforeAll(() => {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const file of [
      'first-batch.phase',
      'first-batch-no-extension.phase',
      'first-batch.scenario.yaml',
      'first-batch.units.csv',
    ]) {
      copyFileSync(join(root, 'dsl-examples', file), join(dir, file));
    }
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'example.ts'), `${block('example: simulation')}\n`);
  });

  it('is under 30 lines', () => {
    expect(block('example: simulation').split('\n').length).toBeLessThan(30);
  });

  it('prints exactly what the page says', () => {
    const out = execFileSync(process.execPath, ['--conditions=@phasegate/source', '--import', 'tsx', 'example.ts'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe(`${block('output: simulation')}\n`);
  });
});
