/**
 * phasegate in a web page: `@phasegate/dsl`, `@phasegate/compiler`, the runtime's main entry and
 * `@phasegate/sim` bundled with esbuild for the browser — which fails on any Node built-in — and
 * run in Chromium (test/fixtures/browser-app.ts): the reference campaign compiles, a small campaign
 * runs in memory, and the shipped scenario simulates to the demo's overdue counts of 2005-02-23,
 * the same result to the byte as in Node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { run, type BrowserFiles, type BrowserOutcome } from './fixtures/browser-app.js';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install chromium; CI installs it).`);

const files: BrowserFiles = Object.fromEntries(
  ['first-batch.phase', 'first-batch.scenario.yaml', 'first-batch.units.csv'].map((f) => [
    f,
    readFileSync(join(root, 'dsl-examples', f), 'utf8'),
  ]),
);

/** The app bundled as a browser would load it, from the packages' sources (as tests see them). */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'test/fixtures/browser-app.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'phasegateApp',
    target: 'chrome120',
    conditions: ['@phasegate/source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

describe.skipIf(!haveChromium)('phasegate in Chromium', () => {
  let browser: Browser;
  let inPage: BrowserOutcome;

  beforeAll(async () => {
    const code = await bundle();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setContent('<!doctype html><meta charset="utf-8"><title>phasegate</title>');
    await page.addScriptTag({ content: code });
    inPage = await page.evaluate(
      (given) => (globalThis as unknown as { phasegateApp: { run: typeof run } }).phasegateApp.run(given),
      files,
    );
    expect(errors).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  test('the bundle needs no Node built-in', async () => {
    // esbuild refuses `node:fs` and the like for the browser platform; this bundle built.
    const code = await bundle();
    expect(code).not.toMatch(/require\(["']node:/);
    expect(code).not.toContain('better-sqlite3');
  });

  test('compiles the reference campaign, and reports a mistake with its place and a fix', () => {
    expect(inPage.compiled).toEqual({ phases: 3, errors: 0, mermaid: 'stateDiagram-v2' });
    expect(inPage.diagnostic).toContain('broken.phase:5:12: error[PG301]: `Asia/Shangai` is not a time zone');
    expect(inPage.diagnostic).toContain('help: did you mean `Asia/Shanghai`?');
  });

  test('runs a small campaign in memory: the four talks move edu on, and it says what still blocks it', () => {
    expect(inPage.runtime).toMatchObject({ applied: 5, machineState: 'study.big_discussion.waiting' });
    expect(inPage.runtime.blockers).toBeGreaterThan(0);
  });

  test('simulates the shipped scenario: 14 units behind on the documents and 16 on the report on 02-23', () => {
    expect(inPage.simulation.problems).toBe(0);
    const counts = Object.entries(inPage.simulation.overdue);
    expect(counts).toContainEqual([expect.stringMatching(/^newyear/), 14]);
    expect(counts).toContainEqual([expect.stringMatching(/^spring_report/), 16]);
    expect(inPage.simulation.reportBytes).toBeGreaterThan(10_000);
    expect(inPage.simulation.csv.startsWith('\ufeffrun,table,date,until,unit,key,value,note\n')).toBe(true);
  });

  test('gives the same result as Node, to the byte', () => {
    const inNode = run(files);
    expect(inPage.simulation.json).toBe(inNode.simulation.json);
    expect(inPage.simulation.csv).toBe(inNode.simulation.csv);
    expect(inPage.runtime).toEqual(inNode.runtime);
    expect(inPage.diagnostic).toBe(inNode.diagnostic);
  });
});
