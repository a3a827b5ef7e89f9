import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanTrivia, stringEnd } from '../src/lexical.js';

/** The scan as first written: one character at a time (the real one jumps with indexOf). */
function scanTriviaByCharacter(text: string) {
  const comments: { text: string; start: number; end: number }[] = [];
  const unterminated: { start: number; end: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 35) {
      let e = text.indexOf('\n', i);
      if (e < 0) e = text.length;
      const next = e;
      if (e > i && text.charCodeAt(e - 1) === 13) e--;
      comments.push({ text: text.slice(i, e), start: i, end: e });
      i = next;
    } else if (c === 34) {
      const s = stringEnd(text, i);
      if (!s.closed) unterminated.push({ start: i, end: s.end });
      i = s.end;
    } else {
      i++;
    }
  }
  return { comments, unterminated };
}

describe('scanTrivia', () => {
  it('finds the same comments and unclosed strings as a character-by-character scan', () => {
    const text = fc
      .array(fc.constantFrom('"', '#', '\\', '\n', '\r', 'a', ' ', '学'), { maxLength: 80 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(scanTrivia(t)).toEqual(scanTriviaByCharacter(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a # inside a label out of the comments, and a " inside a comment out of the strings', () => {
    const t = 'a "x # y" b # c "d\ne "f';
    expect(scanTrivia(t)).toEqual({
      comments: [{ text: '# c "d', start: 12, end: 18 }],
      unterminated: [{ start: 21, end: 23 }],
    });
  });
});
