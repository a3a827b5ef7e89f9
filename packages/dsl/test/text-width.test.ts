import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { parse, renderDiagnostic, textWidth } from '../src/index.js';

// Emoji that a hand-made width table gets wrong, and CJK: each is two terminal columns.
const THUMB_WITH_SKIN_TONE = '👍🏽';
const FAMILY = '👨‍👩‍👧'; // three people joined by ZWJ
const FLAG = '🇨🇳';
const HEART = '❤️'; // U+2764 with the emoji variation selector U+FE0F
const LABEL = `${THUMB_WITH_SKIN_TONE} ${FAMILY} ${FLAG} ${HEART} 学习`;

describe('textWidth', () => {
  it('counts columns as string-width does, the measure the simulator pads its tables with', () => {
    for (const s of [THUMB_WITH_SKIN_TONE, FAMILY, FLAG, HEART]) expect(textWidth(s), s).toBe(2);
    expect(textWidth('学习')).toBe(4);
    expect(textWidth(LABEL)).toBe(16);
    expect(textWidth(LABEL)).toBe(stringWidth(LABEL));
  });

  it('agrees with string-width on any text without tabs', () => {
    const range = (from: number, to: number) =>
      fc.integer({ min: from, max: to }).map((cp) => String.fromCodePoint(cp));
    // Chinese text and its punctuation next to what changes graphemes: combining marks, joiners,
    // variation selectors, skin tones, regional indicators, halfwidth sound marks, emoji.
    const piece = fc.oneof(
      range(0x20, 0x7e),
      range(0x2000, 0x206f),
      range(0x3000, 0x303f),
      range(0x4e00, 0x9fff),
      range(0x20000, 0x2a6df),
      range(0xff00, 0xffef),
      range(0x0300, 0x036f),
      fc.constantFrom('\u200d', '\ufe0f', '\u{1f3fd}', '\u{1f1e8}', '\u{1f1f3}', '\u3099', '\uff9e', '\u0e31'),
      fc.constantFrom(THUMB_WITH_SKIN_TONE, FAMILY, FLAG, HEART, '\u2764', '\u3030', '\u303d', '©', '1\ufe0f\u20e3'),
    );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(text, (s) => textWidth(s.replace(/\t/g, ' ')) === stringWidth(s.replace(/\t/g, ' '))),
      { numRuns: 2000 },
    );
  });

  it('counts a tab as the given number of columns', () => {
    expect(textWidth('a\tb')).toBe(6);
    expect(textWidth('学\t', 8)).toBe(10);
  });
});

describe('renderDiagnostic with emoji and CJK before the span', () => {
  it('puts the carets under the span, by string-width columns', () => {
    const text = `campaign c "活动" {\n  timezone Asia/Shanghai\n  phase p "${LABEL}" { windw 2005-01-20 .. 2005-03-05 }\n}\n`;
    const d = parse(text, 'e.phase').diagnostics[0];
    expect(d.code).toBe('PG100');
    const [, , source, carets] = renderDiagnostic(d, text, 'e.phase').split('\n');
    const before = `  phase p "${LABEL}" { `;
    expect(source).toBe(`3 | ${before}windw 2005-01-20 .. 2005-03-05 }`);
    // 11 columns, the label's 16, then 4: `windw` starts at column 31 of the source line.
    expect(stringWidth(before)).toBe(31);
    expect(carets).toBe(`  | ${' '.repeat(31)}^^^^^`);
  });

  it('cuts a long line between whole emoji, and the carets still sit under the span', () => {
    const text = `campaign c "C" { timezone UTC phase p "${FAMILY.repeat(40)}" { windw 2005-01-01 .. 2005-01-02 } }`;
    const d = parse(text, 'long.phase').diagnostics[0];
    const [, , source, carets] = renderDiagnostic(d, text, 'long.phase').split('\n');
    const shown = source.slice('1 | '.length);
    // The cut keeps whole families: the text after `…` starts with one, not with a lone joiner.
    expect(shown).toMatch(/^…👨‍👩‍👧/u);
    const column = carets.indexOf('^') - '  | '.length;
    expect(stringWidth(shown.slice(0, shown.indexOf('windw')))).toBe(column);
  });
});
