import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { main } from '@phasegate/cli';

/**
 * `compile --target mermaid` is meant to be pasted into docs, so it must be a diagram Mermaid
 * itself draws: every example's diagram is rendered by the real Mermaid library in Chromium, and
 * the drawing must hold every phase and step of the campaign.
 */
const CHROMIUM = '/usr/bin/chromium';
const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const haveChromium = existsSync(CHROMIUM);
const examples = readdirSync(join(root, 'dsl-examples')).filter((f) => f.endsWith('.phase'));

async function compile(file: string, target: 'mermaid' | 'ir'): Promise<string> {
  let out = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, cwd: root };
  expect(await main(['compile', `dsl-examples/${file}`, '--target', target], io)).toBe(0);
  return out;
}

describe.skipIf(!haveChromium)('Mermaid diagrams in Chromium', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage();
    await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await page.evaluate(() =>
      (globalThis as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({
        startOnLoad: false,
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  test.each(examples)('%s is drawn with all its phases and steps', async (file) => {
    const diagram = await compile(file, 'mermaid');
    const ir = JSON.parse(await compile(file, 'ir')) as { phases: { label: string; steps: { label: string }[] }[] };
    const drawn = await page.evaluate(async (text) => {
      const m = (globalThis as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } })
        .mermaid;
      try {
        const { svg } = await m.render('diagram', text);
        // The test is type-checked without the DOM library: the browser's document, typed locally.
        type Host = { innerHTML: string; textContent: string | null; querySelectorAll(s: string): { length: number } };
        const host = (
          globalThis as unknown as { document: { createElement(tag: string): Host } }
        ).document.createElement('div');
        host.innerHTML = svg;
        return { text: host.textContent ?? '', states: host.querySelectorAll('g.node, g.statediagram-state').length };
      } catch (err) {
        return { error: String(err) };
      }
    }, diagram);
    expect('error' in drawn ? drawn.error : '').toBe('');
    if ('error' in drawn) return;
    for (const phase of ir.phases) {
      expect(drawn.text).toContain(phase.label);
      for (const step of phase.steps) expect(drawn.text).toContain(step.label);
    }
    expect(drawn.states).toBeGreaterThan(ir.phases.length);
    // The windows are drawn as notes, times and all.
    expect(drawn.text).toMatch(/\d{4}-\d\d-\d\d 00:00 to \d{4}-\d\d-\d\d 24:00/);
  });
});
