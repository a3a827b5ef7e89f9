import { textWidth } from '@phasegate/dsl';
import { describe, expect, test } from 'vitest';
import { padEnd, padStart, truncate, wrap } from '../src/render/text-width.js';

// Labels a roster may carry: emoji sequences take two columns each, like the CJK after them.
const LABELS = ['👍🏽 公安局', '👨‍👩‍👧 教育局', '🇨🇳 组织部', '❤️ 第1党支部', 'plain'];

describe("the simulator's table columns", () => {
  test('pad every label to the same width as diagnostics measure it', () => {
    for (const label of LABELS) {
      expect(textWidth(padEnd(label, 14)), label).toBe(14);
      expect(textWidth(padStart(label, 14)), label).toBe(14);
    }
    expect(padEnd('👨‍👩‍👧 教育局', 12)).toBe('👨‍👩‍👧 教育局   ');
  });

  test('truncate between whole emoji, never inside a ZWJ sequence or a flag', () => {
    expect(truncate('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 5)).toBe('👨‍👩‍👧👨‍👩‍👧…');
    expect(truncate('🇨🇳🇨🇳🇨🇳', 4)).toBe('🇨🇳…');
    expect(truncate('👍🏽 公安局', 7)).toBe('👍🏽 公…');
    for (const label of LABELS) expect(textWidth(truncate(label, 6)), label).toBeLessThanOrEqual(6);
  });

  test('wrap lines by display width', () => {
    expect(wrap(['👍🏽👍🏽', '学习', 'ok'], 12, 'x: ')).toEqual(['x: 👍🏽👍🏽,', '   学习, ok']);
  });
});
