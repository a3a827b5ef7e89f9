/**
 * docs/embedding.md's example app is the test: its code block is read out of the page, run in a
 * scratch directory beside a copy of the reference campaign, and what it prints must be the
 * page's output block, character for character. Edit the page, and this test follows.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const page = readFileSync(join(root, 'docs/embedding.md'), 'utf8');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

/** The fenced block right after `<!-- marker -->`. */
function block(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\s*\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(page);
  if (!match) throw new Error(`docs/embedding.md has no fenced block after <!-- ${marker} -->`);
  return match[1];
}

const dir = mkdtempSync(join(tmpdir(), 'phasegate-embedding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runExample(): string {
  return execFileSync(process.execPath, ['--conditions=@phasegate/source', '--import', 'tsx', 'example.ts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('docs/embedding.md example app', () => {
  const code = block('example: embedding');
  const output = block('output: embedding');

  beforeAll(() => {
    // The scratch directory sees the workspace's packages through a node_modules link.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    copyFileSync(join(root, 'dsl-examples/first-batch.phase'), join(dir, 'first-batch.phase'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, 'example.ts'), code + '\n');
  });

  it('is under 30 lines', () => {
    expect(code.split('\n').length).toBeLessThan(30);
  });

  it('prints exactly what the page says, and a second run finds everything in campaign.db', () => {
    expect(runExample()).toBe(output + '\n');

    const second = runExample();
    expect(second).not.toContain(' -> ');
    expect(second).toContain('applied 0, then 0 (5 duplicates)');
    expect(second).toContain('edu is at study.big_discussion.waiting (waiting)');
  });

  it('typechecks under the workspace settings (strict, NodeNext)', () => {
    const args = [
      tsc,
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      '--skipLibCheck',
      'example.ts',
    ];
    let out = '';
    try {
      execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(out).toBe('');
  });
});
