import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatText, parse, parseAmendment, type Diagnostic } from '../src/index.js';
import { examples, meaning } from './helpers.js';

const TOKENS = [
  'campaign',
  'phase',
  'step',
  'gate',
  'checkpoint',
  'item',
  'requires',
  'task',
  'deliverable',
  'window',
  'amend',
  'extend',
  'move',
  'to',
  'effective',
  'reason',
  'when',
  'late',
  'remediate',
  'mark',
  'obligation',
  'by',
  'units',
  'every',
  'member',
  'share',
  'of',
  'members',
  'with',
  'count',
  'total',
  'and',
  'or',
  'any',
  'all',
  'signed',
  'due',
  '{',
  '}',
  '(',
  ')',
  '..',
  '"',
  '\\"',
  '#',
  '>=',
  '=',
  '%',
  ',',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\u3000',
  '2005-03-01',
  '2005-13-45 25:99',
  '18:00',
  '45',
  '-3',
  '1.2.3',
  '95%',
  '学时',
  '“两个具体”',
  '😀',
  '\ud800',
  '\u0301',
];

type Mutation = (text: string) => string;

const mutation = (): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([at, n]) => (t: string) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + t.slice(i + n);
    }),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 60 })).map(([at, n]) => (t: string) => {
      const i = at % (t.length + 1);
      return t.slice(0, i + n) + t.slice(i, i + n) + t.slice(i + n);
    }),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
      if (t.length < 2) return t;
      const [i, j] = [a % t.length, b % t.length].sort((x, y) => x - y);
      return t.slice(0, i) + t[j] + t.slice(i + 1, j) + t[i] + t.slice(j + 1);
    }),
    fc.nat().map((at) => (t: string) => t.slice(0, at % (t.length + 1))),
    fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map(([at, tok]) => (t: string) => {
      const i = at % (t.length + 1);
      return `${t.slice(0, i)} ${tok} ${t.slice(i)}`;
    }),
    fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 6 })).map(([at, s]) => (t: string) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + s + t.slice(i);
    }),
  );

function expectSpansInside(diagnostics: readonly Diagnostic[], length: number): void {
  for (const d of diagnostics) {
    for (const span of [d.span, ...(d.related ?? []).map((r) => r.span)]) {
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.start).toBeLessThanOrEqual(span.end);
      expect(span.end).toBeLessThanOrEqual(length);
    }
    expect(d.message.length).toBeGreaterThan(0);
  }
}

describe('parser robustness (property-based)', () => {
  it.each(examples().map((e) => [e.name, e.text]))(
    'parses random mutations of %s without throwing, with every span inside the text',
    (_name, original) => {
      fc.assert(
        fc.property(fc.array(mutation(), { minLength: 1, maxLength: 4 }), (mutations) => {
          const text = mutations.reduce((t, m) => m(t), original);
          const { file, diagnostics } = parse(text, 'mutant.phase');
          expectSpansInside(diagnostics, text.length);
          for (const c of file.comments) expect(c.end).toBeLessThanOrEqual(text.length);
          // Whenever a mutant parses cleanly, formatting it is idempotent and keeps its meaning.
          if (diagnostics.length === 0) {
            const once = formatText(text, 'mutant.phase').formatted;
            expect(once).toBeDefined();
            expect(formatText(once!, 'x').formatted).toBe(once);
            expect(meaning(parse(once!, 'x').file.campaign)).toEqual(meaning(file.campaign));
          }
        }),
        { numRuns: 150 },
      );
    },
  );

  it('parses arbitrary strings and token soups without throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((ts) => ts.join(' ')),
        ),
        (text) => {
          expectSpansInside(parse(text, 'x').diagnostics, text.length);
          expectSpansInside(parseAmendment(text).diagnostics, text.length);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('stays linear on deeply nested and very long input', () => {
    const deep = `campaign c { phase p { gate g { ${'('.repeat(2000)}a >= 1${')'.repeat(2000)} } } }`;
    expect(parse(deep, 'x').diagnostics.map((d) => d.message)).toEqual([
      'parentheses nest more than 200 levels deep here',
    ]);
    const fine = `campaign c { phase p { gate g { ${'('.repeat(150)}a >= 1${')'.repeat(150)} } } }`;
    expect(parse(fine, 'x').diagnostics).toEqual([]);
    const groups = `campaign c { phase p { step s { ${'any of { '.repeat(3000)} } } }`;
    expect(parse(groups, 'x').diagnostics.map((d) => d.code)).toContain('PG100');
    const unclosed = `campaign c {\n${'  phase p {\n'.repeat(3000)}`;
    expectSpansInside(parse(unclosed, 'x').diagnostics, unclosed.length);
    const garbage = '{ '.repeat(20000);
    expectSpansInside(parse(`campaign c ${garbage}`, 'x').diagnostics, garbage.length + 11);
  });
});
