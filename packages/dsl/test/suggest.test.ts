import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closest } from '../src/index.js';

const KEYWORDS = ['window', 'amend', 'step', 'gate', 'checkpoint', 'when'];

describe('closest', () => {
  it('suggests the candidate a typo was meant to be, counting a swap of neighbours as one edit', () => {
    expect(closest('windw', KEYWORDS)).toEqual(['window']);
    expect(closest('wnidow', KEYWORDS)).toEqual(['window']);
    expect(closest('expert_tlak', ['expert_talk', 'leaders_talk'])).toEqual(['expert_talk']);
    expect(closest('phase', KEYWORDS)).toEqual([]);
  });

  it('allows one edit per three characters of the word, and at least one', () => {
    expect(closest('edj', ['edu'])).toEqual(['edu']); // 3 characters: one edit
    expect(closest('exj', ['edu'])).toEqual([]); // two edits
    expect(closest('wimdoe', ['window'])).toEqual(['window']); // 6 characters: two edits
    expect(closest('wimdxe', ['window'])).toEqual([]); // three edits
    expect(closest('chekcpiont', ['checkpoint'])).toEqual(['checkpoint']); // 10 characters: three edits
    expect(closest('doc', ['doc_7'])).toEqual([]); // a length gap over the limit
  });

  it('takes an inflection of a name of four letters or more as two edits', () => {
    expect(closest('studies', ['study', 'talks'])).toEqual(['study']);
    expect(closest('talking', ['talk'])).toEqual(['talk']);
    expect(closest('loies', ['loi'])).toEqual([]); // the stem is too short to tell
    expect(closest('study_extra', ['study_hours'])).toEqual([]); // a shared start is not a stem
    // A real typo of another name is closer than a shared stem.
    expect(closest('concnetrated_days', ['concentrated_hours', 'concentrated_days'])).toEqual(['concentrated_days']);
  });

  it('lists the closest first, and keeps the candidates’ order between equals', () => {
    expect(closest('studyhours', ['study_hour', 'study_hours'], { max: 2 })).toEqual(['study_hours', 'study_hour']);
    expect(closest('cat', ['bat', 'cot', 'car'], { max: 3 })).toEqual(['bat', 'cot', 'car']);
    expect(closest('cat', ['car', 'cot', 'bat'])).toEqual(['car']);
    expect(closest('cat', ['bat', 'bat', 'cot'], { max: 3 })).toEqual(['bat', 'cot']);
  });

  it('ignores case and returns the candidate as it is spelt', () => {
    expect(closest('WINDW', KEYWORDS)).toEqual(['window']);
    expect(closest('Study', ['stud', 'study'], { max: 2 })).toEqual(['study', 'stud']);
  });

  it('compares Chinese names character by character', () => {
    expect(closest('学习时常', ['专家讲座', '学习时长'])).toEqual(['学习时长']);
    expect(closest('组长', ['班长', '督导组'])).toEqual(['班长']);
    expect(closest('讲座', ['学习时长'])).toEqual([]);
    // U+20BB7 is one character in two UTF-16 units: still one edit from 吉.
    expect(closest('𠮷野家', ['吉野家'])).toEqual(['吉野家']);
  });

  it('with `contains`, suggests ids that contain the word', () => {
    const ids = new Set(['edu-b1', 'edu-b2', 'sci-b1']);
    expect(closest('b1', ids)).toEqual([]);
    expect(closest('b1', ids, { max: 3, contains: true })).toEqual(['edu-b1', 'sci-b1']);
    expect(closest('edu_b1', ids, { max: 3, contains: true })).toEqual(['edu-b1', 'edu-b2']);
  });

  it('suggests nothing for an empty word or no room', () => {
    expect(closest('', ['a', 'b'])).toEqual([]);
    expect(closest('windw', KEYWORDS, { max: 0 })).toEqual([]);
    expect(closest('windw', [])).toEqual([]);
  });

  it('always finds a name of three letters or more after one slip', () => {
    const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_');
    const slip = fc
      .tuple(
        fc.array(letters, { minLength: 3, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom('drop', 'swap', 'change', 'add'),
      )
      .map(([chars, at, kind]) => {
        const name = chars.join('');
        const i = at % chars.length;
        const typo = [...chars];
        if (kind === 'drop') typo.splice(i, 1);
        else if (kind === 'swap' && i + 1 < typo.length) [typo[i], typo[i + 1]] = [typo[i + 1], typo[i]];
        else if (kind === 'change') typo[i] = typo[i] === 'x' ? 'y' : 'x';
        else typo.splice(i, 0, 'x');
        return { name, typo: typo.join('') };
      });
    fc.assert(fc.property(slip, ({ name, typo }) => closest(typo, [name])[0] === name));
  });
});
