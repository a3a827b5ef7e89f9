import { describe, expect, test } from 'vitest';
import { main } from '@phasegate/cli';

/**
 * `phasegate demo` tells the reference story with the shipped scenario: on the day of the speech
 * about 14 units are behind on acknowledging the new-year documents and about 16 on the report
 * due 02-17, and the 10-day extension lets most units move on time where few would without it.
 */
describe('phasegate demo', () => {
  test('simulates the county of the speech and shows what the extension changed', async () => {
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (s: string) => (out += s), columns: 100 },
      stderr: { write: (s: string) => (err += s) },
      cwd: new URL('..', import.meta.url).pathname,
    };
    expect(await main(['demo'], io)).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('60 units · 3,007 members');

    const behind = (pattern: RegExp) => Number(pattern.exec(out)?.[1]);
    const acknowledging = behind(/(\d+) units have not acknowledged 年前下发文件 since 02-08/);
    const reporting = behind(/(\d+) units have not reported 七号文件：春节期间活动开展情况书面汇报/);
    expect(acknowledging).toBeGreaterThanOrEqual(12);
    expect(acknowledging).toBeLessThanOrEqual(16);
    expect(reporting).toBeGreaterThanOrEqual(14);
    expect(reporting).toBeLessThanOrEqual(18);

    const row = /学习动员阶段 +(\d+)\/60 \((\d+)%\) +(\d+)\/60 \((\d+)%\) +([+-]?\d+)/.exec(out);
    expect(row, out).not.toBeNull();
    const [, without, , withExtension, rate] = row!.map(Number);
    expect(withExtension).toBeGreaterThan(30);
    expect(rate).toBeGreaterThanOrEqual(60);
    expect(withExtension - without).toBeGreaterThanOrEqual(15);
    expect(out).toMatch(/\d+ unit outcomes change:/);
  });
});
