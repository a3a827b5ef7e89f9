import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseContext } from '../src/parse-context.js';
import { memberParsers } from '../src/parse-members.js';
import { parseWith } from '../src/parse.js';
import { LAST, runFast } from '../src/parser-combinators.js';
import { examples } from './helpers.js';

/**
 * The fused fast paths of `task`, `deliverable` and `window` must be their combinator forms,
 * faster: the same end, the same node, the same furthest failure and the same expectations
 * (which become the messages), and the same diagnostics, on any text.
 */
const PIECES = [
  'task',
  'deliverable',
  'window',
  'due',
  'done',
  'step',
  'any',
  'of',
  '..',
  '.',
  '{',
  '}',
  '#c\n',
  '\n',
  '\r\n',
  ' ',
  '  ',
  '\t',
  '\u3000',
  'expert_talk',
  '专家讲',
  'x1',
  '_',
  '9x',
  '"专家讲"',
  '"a \\"b\\" c"',
  '"unclosed',
  "'single'",
  '"\\\\"',
  '""',
  '2005-03-01',
  '2005-03-01 18:00',
  '2005-02-30',
  '2005-3-01',
  '20050301',
  '2005-03-011',
  '18:00',
  '2005-03-01\n18:00',
  '2005-03-01 8:05',
  '2005-03-01 18:0',
  '😀',
  '\ud800',
  '-3',
  '45',
];

const line = fc.array(fc.constantFrom(...PIECES), { maxLength: 9 }).map((xs) => xs.join(' '));
const keyword = fc.constantFrom('task', 'deliverable', 'window', '', '  task', '#x\ntask', 'tasks', 'deliverable2');

type Result = { at: number; value: unknown; furthest: number; expected: string[]; diagnostics: unknown[] };

function runMember(
  text: string,
  fused: boolean,
  member: 'task' | 'deliverable' | 'window',
  singleQuotes: boolean,
): Result {
  const ctx = new ParseContext(text, { singleQuotes });
  const p = memberParsers(ctx, fused)[member];
  const at = runFast(p, text, 0);
  return { at, value: LAST.value, furthest: LAST.furthest, expected: [...LAST.expected], diagnostics: ctx.diagnostics };
}

describe('fused member parsers', () => {
  it('parse exactly as their combinator forms, on random lines', () => {
    fc.assert(
      fc.property(
        keyword,
        line,
        fc.constantFrom<'task' | 'deliverable' | 'window'>('task', 'deliverable', 'window'),
        fc.boolean(),
        (k, rest, member, single) => {
          const text = `${k} ${rest}`;
          expect(runMember(text, true, member, single)).toEqual(runMember(text, false, member, single));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('take the fast path on the common shapes and agree there too', () => {
    for (const text of [
      'task expert_talk "专家讲"',
      'task expert_talk',
      'task expert_talk\n  task next "x"',
      'task 专家讲 "专家\\"讲\\""',
      'deliverable report "阶段小结" due 2005-03-01 18:00',
      'deliverable report "阶段小结"',
      'deliverable report "阶段小结" # no due\n',
      'deliverable report "阶段小结" due 2005-02-30',
      'deliverable report due 2005-03-01',
      'window 2005-01-20 .. 2005-03-05',
      'window 2005-01-20 08:00 .. 2005-03-05 18:00',
    ]) {
      const member = text.split(' ')[0] as 'task' | 'deliverable' | 'window';
      const fused = runMember(text, true, member, false);
      expect(fused, text).toEqual(runMember(text, false, member, false));
      expect(fused.at, text).toBeGreaterThan(0);
    }
  });

  it('fail exactly as their combinator forms', () => {
    for (const text of [
      'task',
      'task "专家讲"',
      'deliverable "x"',
      'window 2005-01-20 ..',
      'window 2005-01-20 2005-03-05',
    ]) {
      const member = text.split(' ')[0] as 'task' | 'deliverable' | 'window';
      const fused = runMember(text, true, member, false);
      expect(fused, text).toEqual(runMember(text, false, member, false));
      expect(fused.at, text).toBe(-1);
    }
    // A `due` without a usable date ends the member before `due`, leaving the date's failure.
    for (const text of ['deliverable report "x" due', 'deliverable report "x" due 2005-3-1']) {
      const fused = runMember(text, true, 'deliverable', false);
      expect(fused, text).toEqual(runMember(text, false, 'deliverable', false));
      expect(fused.at, text).toBe('deliverable report "x"'.length);
      expect(fused.expected, text).toEqual(['a date like 2005-03-01']);
    }
  });

  it('report nothing of their own: a missing label is an expectation, not a diagnostic', () => {
    const r = runMember('task expert_talk next', true, 'task', false);
    expect(r.at).toBe('task expert_talk'.length);
    expect(r.value).toMatchObject({ kind: 'task', id: { name: 'expert_talk' }, label: undefined });
    expect(r.furthest).toBe('task expert_talk '.length);
    expect(r.expected).toEqual(['a quoted label like "Study phase"']);
    expect(r.diagnostics).toEqual([]);
  });

  it('give whole files the same tree and the same diagnostics, on random edits of the examples', () => {
    const texts = examples().map((e) => e.text);
    const edit = fc.tuple(
      fc.nat(),
      fc.nat({ max: 40 }),
      fc.constantFrom(
        '',
        ...PIECES,
        'step s "x" {',
        'any of "y" {',
        'all of {',
        'step s "x" window 2005-03-01 .. 2005-03-02 {',
      ),
    );
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 4 }), (which, edits) => {
        let text = texts[which % texts.length];
        for (const [at, cut, insert] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + cut);
        }
        expect(parseWith(text, 'edited.phase', true)).toEqual(parseWith(text, 'edited.phase', false));
      }),
      { numRuns: 400 },
    );
  });

  it('give the examples the same tree', () => {
    for (const { name, text } of examples())
      expect(parseWith(text, name, true), name).toEqual(parseWith(text, name, false));
  });
});
