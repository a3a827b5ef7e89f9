import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { main } from '@phasegate/cli';

/**
 * The HTML report, opened in a real browser (Debian's Chromium): what is drawn must match the
 * simulation's numbers. Also takes the picture in docs/simulation.md (saved on request, see below).
 */
const CHROMIUM = '/usr/bin/chromium';
const root = new URL('..', import.meta.url).pathname;
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`report-browser.test.ts skipped: ${CHROMIUM} is absent (apt-get install chromium; CI installs it).`);

interface Result {
  units: { id: string }[];
  phases: { id: string }[];
  calendar: { id: string; original: { end: string }; effective: { end: string }; amendments: unknown[] }[];
  days: { byState: Record<string, number> }[];
  blockers: { key: string; units: number; unitDays: number }[];
  totals: { outcomes: Record<string, Record<string, number>> };
}

describe.skipIf(!haveChromium)('the HTML report in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let result: {
    before: Result;
    after: Result;
    comparison: { phases: { phase: string; before: { onTime: number }; after: { onTime: number } }[] };
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phasegate-report-'));
    const report = join(dir, 'report.html');
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      cwd: root,
    };
    const code = await main(
      [
        'simulate',
        'dsl-examples/first-batch-no-extension.phase',
        '--scenario',
        'dsl-examples/first-batch.scenario.yaml',
        '--compare',
        'dsl-examples/first-batch.phase',
        '--format',
        'json',
        '--report',
        report,
      ],
      io,
    );
    expect(code, err).toBe(0);
    result = JSON.parse(out);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1360, height: 1500 } });
    // No request may leave the file: the report is self-contained.
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(report).href);
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(readFileSync(report, 'utf8').length).toBeGreaterThan(10_000);
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('the Gantt chart draws every phase and step, and the study phase as written and as extended', async () => {
    const bars = await page.$$eval('.gantt [data-bar]', (els) =>
      els.map((e) => {
        const box = (sel: string) => {
          const r = e.querySelector(sel)?.getBoundingClientRect();
          return r ? { x: r.x, w: r.width } : null;
        };
        return {
          id: e.getAttribute('data-bar'),
          kind: e.getAttribute('data-kind'),
          originalEnd: e.getAttribute('data-original-end'),
          effectiveEnd: e.getAttribute('data-effective-end'),
          original: box('.original'),
          effective: box('.effective'),
          extension: box('.extension'),
          markers: e.querySelectorAll('.amend-marker').length,
          label: e.querySelector('.ext-label')?.textContent ?? null,
        };
      }),
    );
    expect(bars.map((b) => b.id)).toEqual(result.after.calendar.map((b) => b.id));
    expect(bars.filter((b) => b.kind === 'phase')).toHaveLength(3);
    expect(bars.filter((b) => b.kind === 'step')).toHaveLength(7);
    const study = bars.find((b) => b.id === 'study')!;
    expect(study).toMatchObject({
      originalEnd: '2005-03-05',
      effectiveEnd: '2005-03-15',
      markers: 1,
      label: '+10 days',
    });
    // The extension starts where the original window ends and the filled bar ends with it.
    expect(study.extension!.w).toBeGreaterThan(0);
    expect(Math.abs(study.extension!.x - (study.original!.x + study.original!.w))).toBeLessThan(3);
    expect(Math.abs(study.extension!.x + study.extension!.w - (study.effective!.x + study.effective!.w))).toBeLessThan(
      1,
    );
    // The extended phase bar is longer than its original window by the 10 days.
    expect(study.effective!.w / study.original!.w).toBeGreaterThan(1.15);
    for (const b of bars.filter((x) => x.id !== 'study')) {
      expect(b.extension).toBeNull();
      expect(b.effective!.w).toBeGreaterThan(0);
    }
  });

  test('the stacked chart has one series per state, stacked to the number of units', async () => {
    const series = await page.$$eval('.states .series', (els) =>
      els.map((e) => ({
        state: e.getAttribute('data-state'),
        peak: Number(e.getAttribute('data-peak')),
        h: e.getBoundingClientRect().height,
      })),
    );
    expect(series.map((s) => s.state).sort()).toEqual([
      'active',
      'awaiting-transfer',
      'completed',
      'late',
      'remediation',
      'waiting',
    ]);
    for (const s of series) {
      const peak = Math.max(...result.after.days.map((d) => d.byState[s.state!]));
      expect(s.peak).toBe(peak);
      if (peak > 0) expect(s.h).toBeGreaterThan(0);
    }
    const legend = await page.$$eval('#states .legend li', (els) => els.length);
    expect(legend).toBe(6);
  });

  test('one lane per unit, coloured segments covering the run, and the lane filter', async () => {
    const lanes = await page.$$eval('.lanes .lane', (els) =>
      els.map((e) => ({ unit: e.getAttribute('data-unit'), segs: e.querySelectorAll('.seg').length })),
    );
    expect(lanes).toHaveLength(result.after.units.length);
    expect(lanes.map((l) => l.unit)).toEqual(result.after.units.map((u) => u.id));
    expect(lanes.every((l) => l.segs > 0)).toBe(true);
    const transfers = await page.$$eval('.lanes .transfer', (els) => els.length);
    expect(transfers).toBeGreaterThan(60);
    await page.fill('#lane-filter', '公安局');
    expect(await page.textContent('#lane-count')).toBe('1 of 60 units');
    expect(await page.$$eval('.lanes .lane.dim', (els) => els.length)).toBe(59);
    await page.fill('#lane-filter', '');
    expect(await page.textContent('#lane-count')).toBe('60 of 60 units');
  });

  test('the blocker breakdown and the outcomes show the run’s numbers', async () => {
    const rows = await page.$$eval('.blockers tr[data-blocker]', (els) =>
      els.map((e) => ({
        key: e.getAttribute('data-blocker'),
        units: Number(e.querySelector('.units')!.getAttribute('data-value')),
        unitsText: e.querySelector('.units span')!.textContent,
        days: Number(e.querySelector('.days')!.getAttribute('data-value')),
      })),
    );
    expect(rows.map((r) => r.key)).toEqual(result.after.blockers.map((b) => b.key));
    rows.forEach((r, i) => {
      expect(r.units).toBe(result.after.blockers[i].units);
      expect(r.unitsText).toBe(result.after.blockers[i].units.toLocaleString('en-US'));
      expect(r.days).toBe(result.after.blockers[i].unitDays);
    });
    expect(rows.some((r) => r.days > 0)).toBe(true);
    for (const p of result.after.phases) {
      const o = result.after.totals.outcomes[p.id];
      const row = await page.$eval(`.outcomes tr[data-phase="${p.id}"]`, (e) => ({
        onTime: e.getAttribute('data-on-time'),
        late: e.getAttribute('data-late'),
        overdue: e.getAttribute('data-overdue'),
      }));
      expect(row).toEqual({ onTime: String(o['on-time']), late: String(o.late), overdue: String(o.overdue) });
    }
  });

  test('the what-if section shows on-time units before and after the extension', async () => {
    const study = result.comparison.phases.find((p) => p.phase === 'study')!;
    const text = await page.$eval('#whatif tr[data-phase="study"]', (e) => e.textContent ?? '');
    expect(text).toContain(`${study.before.onTime} / 60`);
    expect(text).toContain(`${study.after.onTime} / 60`);
    expect(study.after.onTime).toBeGreaterThan(study.before.onTime);
  });

  test('the overdue lists of the speech day are there', async () => {
    const groups = await page.$$eval('.snapshot-block[data-date="2005-02-23"] .overdue-group', (els) =>
      els.map((e) => ({
        key: e.getAttribute('data-group'),
        count: Number(e.getAttribute('data-count')),
        chips: e.querySelectorAll('.chip').length,
      })),
    );
    expect(groups.find((g) => g.key === 'newyear_ack/newyear_docs')?.count).toBeGreaterThan(10);
    for (const g of groups) expect(g.chips).toBe(g.count);
  });

  // PHASEGATE_SCREENSHOT=1 npx vitest run test/report-browser.test.ts refreshes the picture in
  // docs/simulation.md (on a machine with CJK fonts, e.g. Debian's fonts-noto-cjk: without them
  // Chromium draws the Chinese labels as empty boxes). Other runs leave the checkout untouched.
  test('takes the screenshot for the documentation', async () => {
    await page.setViewportSize({ width: 1360, height: 1500 });
    await page.evaluate('window.scrollTo(0, 0)');
    const png = await page.screenshot();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    if (process.env['PHASEGATE_SCREENSHOT']) {
      mkdirSync(join(root, 'docs/img'), { recursive: true });
      writeFileSync(join(root, 'docs/img/report.png'), png);
    }
  });
});
