/**
 * The README shows real output; this test keeps it real. Its broken campaign is checked and must
 * print the README's diagnostics character for character, its diagram must be what `compile
 * --target mermaid` prints, the demo excerpt's lines must be in the demo's output, and the phase
 * excerpt must be the reference campaign's own lines.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { main, type CliIO } from '@phasegate/cli';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The fenced block right after `<!-- marker -->`. */
function block(marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\s*\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!match) throw new Error(`README.md has no fenced block after <!-- ${marker} -->`);
  return match[1];
}

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (out += s), columns: 100 },
    stderr: { write: (s: string) => (err += s) },
    cwd,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'phasegate-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README.md', () => {
  test('the quick start is the two npm commands, each installing on first use', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
    expect(readme).toContain('npm run demo');
    expect(readme).toContain('npm test');
    expect(scripts.predemo).toBe('node scripts/setup.mjs');
    expect(scripts.pretest).toBe('node scripts/setup.mjs');
    expect(scripts.demo).toBe('phasegate demo');
  });

  test('the broken campaign prints exactly the diagnostics shown, and exits with 1', async () => {
    writeFileSync(join(dir, 'broken.phase'), `${block('readme: broken.phase')}\n`);
    const { code, out } = await run(['check', 'broken.phase'], dir);
    expect(out).toBe(`${block('readme: check broken.phase')}\n`);
    expect(code).toBe(1);
  });

  test('the diagram is what compile --target mermaid prints', async () => {
    const { code, out } = await run(['compile', 'dsl-examples/training-rollout.phase', '--target', 'mermaid'], root);
    expect(code).toBe(0);
    expect(out).toBe(`${block('readme: mermaid training-rollout.phase')}\n`);
  });

  test('every example it names checks clean', async () => {
    const examples = ['first-batch', 'first-batch-no-extension', 'grant-programme', 'training-rollout'].map(
      (n) => `dsl-examples/${n}.phase`,
    );
    const { code, out } = await run(['check', ...examples], root);
    expect(out).toContain('all 4 files ok');
    expect(code).toBe(0);
  });

  test('the phase excerpt is the reference campaign, line for line', () => {
    const source = readFileSync(join(root, 'dsl-examples/first-batch.phase'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    const excerpt = /A phase from the reference campaign[\s\S]*?```\n([\s\S]*?)\n```/.exec(readme)![1];
    const lines = excerpt
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && l !== '…' && l !== '}');
    expect(lines.length).toBeGreaterThan(15);
    for (const line of lines) expect(source, line).toContain(line);
  });

  test('the demo excerpt is what the demo prints', async () => {
    const { code, out } = await run(['demo'], root);
    expect(code).toBe(0);
    const printed = out.split('\n').map((l) => l.trimEnd());
    for (const line of block('demo excerpt').split('\n')) expect(printed, line).toContain(line.trimEnd());
  });
});
