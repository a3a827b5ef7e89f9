import { describe, expect, it } from 'vitest';
import { formatRosterProblem, parseRoster } from '../src/roster.js';

const csv = (...lines: string[]) => lines.join('\n') + '\n';
const problems = (text: string, known?: string[]) => parseRoster(text, { knownUnits: known }).problems;

describe('parseRoster', () => {
  it('reads counts, member lists, labels, kinds and parents', () => {
    const { units, problems: found } = parseRoster(
      csv(
        'id,label,kind,members,parent',
        'edu,教育局,bureau,0,',
        'edu-b1,"Education, branch 1",branch,12,edu',
        'edu-b2,,branch, li ; wang;zhang ,edu',
        'solo,,,1007;,',
      ),
    );
    expect(found).toEqual([]);
    expect(units).toEqual([
      { id: 'edu', label: '教育局', kind: 'bureau', members: 0 },
      { id: 'edu-b1', label: 'Education, branch 1', kind: 'branch', parent: 'edu', members: 12 },
      { id: 'edu-b2', kind: 'branch', parent: 'edu', members: ['li', 'wang', 'zhang'] },
      { id: 'solo', members: ['1007'] },
    ]);
  });

  it('accepts columns in any order, optional columns left out, a BOM and CRLF line ends', () => {
    const { units, problems: found } = parseRoster('\uFEFFmembers,ID\r\n3,a\r\n\r\n5,b\r\n');
    expect(found).toEqual([]);
    expect(units).toEqual([
      { id: 'a', members: 3 },
      { id: 'b', members: 5 },
    ]);
  });

  it('reports a duplicate id at its second line, naming the first', () => {
    const found = problems(csv('id,label,kind,members,parent', 'a,,,1,', 'b,,,1,', 'a,,,2,'));
    expect(found).toEqual([
      {
        code: 'roster-duplicate-id',
        line: 4,
        column: 1,
        field: 'id',
        message: expect.stringContaining('already used on line 2'),
      },
    ]);
  });

  it('reports an unknown parent with a suggestion, and accepts a parent registered already', () => {
    const text = csv('id,label,kind,members,parent', 'water,,,0,', 'w1,,,4,watr', 'p1,,,4,police');
    const found = problems(text);
    expect(found.map((p) => [p.code, p.line, p.column, p.field])).toEqual([
      ['roster-unknown-parent', 3, 5, 'parent'],
      ['roster-unknown-parent', 4, 5, 'parent'],
    ]);
    expect(found[0].message).toContain('did you mean "water"?');
    expect(found[1].message).not.toContain('did you mean');
    expect(problems(text, ['police', 'watr'])).toEqual([]);
  });

  it('reports bad member counts and lists, with the fix', () => {
    const found = problems(csv('id,members', 'a,-3', 'b,12.5', 'c,', 'd,x;;y', 'e,x;y;x'));
    expect(found.map((p) => [p.code, p.line, p.column])).toEqual([
      ['roster-bad-members', 2, 2],
      ['roster-bad-members', 3, 2],
      ['roster-bad-members', 4, 2],
      ['roster-bad-members', 5, 2],
      ['roster-duplicate-member', 6, 2],
    ]);
    expect(found[0].message).toContain('"-3" is not a member count');
    expect(found[2].message).toContain('`0` for a unit with no members');
  });

  it('reports every problem at once and returns no units then', () => {
    const result = parseRoster(csv('id,members,parent', ',1,', 'a,1,zz', 'a,x,'));
    expect(result.units).toEqual([]);
    expect(result.problems.map((p) => p.code)).toEqual([
      'roster-missing-id',
      'roster-unknown-parent',
      'roster-duplicate-id',
    ]);
  });

  it('reports parent cycles once', () => {
    const found = problems(csv('id,members,parent', 'a,1,c', 'b,1,a', 'c,1,b', 'd,1,d'));
    expect(found.map((p) => [p.code, p.line])).toEqual([
      ['roster-parent-cycle', 2],
      ['roster-parent-cycle', 5],
    ]);
    expect(found[0].message).toContain('"a" → "c" → "b" → "a"');
  });

  it('checks the header: unknown, duplicate and missing columns', () => {
    const found = problems(csv('id,lable,members,members', 'a,x,1,1'));
    expect(found.map((p) => [p.code, p.column])).toEqual([
      ['roster-header', 2],
      ['roster-header', 4],
    ]);
    expect(found[0].message).toContain('did you mean `label`?');
    const headerless = problems(csv('edu,教育局,bureau,0,'));
    expect(
      headerless.some(
        (p) => p.message.includes('no `id` column') && p.message.includes('id,label,kind,members,parent'),
      ),
    ).toBe(true);
    expect(problems('')[0].message).toContain('The roster is empty');
  });

  it('counts lines correctly after quoted values that span lines', () => {
    const found = problems('id,label,members\na,"two\nlines",1\nb,,-1\n');
    expect(found).toMatchObject([{ line: 4, column: 3 }]);
  });

  it('reports extra values and unreadable CSV with a line', () => {
    expect(problems(csv('id,label,members', 'a,Water, Power,3'))).toMatchObject([
      { code: 'roster-columns', line: 2, column: 4 },
    ]);
    expect(problems('id,label,members\na,"open,1\n')).toMatchObject([
      { code: 'roster-syntax', message: expect.stringContaining('unclosed double quote') },
    ]);
  });

  it('formats a problem as path:line:column', () => {
    const [p] = problems(csv('id,members', 'a,many'.replace('many', '-1')));
    expect(formatRosterProblem('units.csv', p)).toBe(
      'units.csv:2:2: error[roster-bad-members]: "-1" is not a member count. Write a whole number of members such as `12`, or member ids separated by `;`. (column `members`)',
    );
  });
});

describe('parseRoster comments', () => {
  it('skips # comment lines and keeps line numbers right', () => {
    const result = parseRoster('# county roster\nid,members\n# branches follow\na,1\nb#2,-1\n');
    expect(result.problems).toMatchObject([{ line: 5, column: 2, code: 'roster-bad-members' }]);
    expect(parseRoster('# x\nid,members\n\n# y\na,1\n').units).toEqual([{ id: 'a', members: 1 }]);
  });
});
