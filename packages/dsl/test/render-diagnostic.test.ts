import { describe, expect, it } from 'vitest';
import { diagnosticToJson, lineColumn, parse, renderDiagnostic, type Diagnostic } from '../src/index.js';

const text = [
  'campaign c "活动" {',
  '  timezone Asia/Shanghai',
  '  phase study "学习动员阶段" {',
  '    windw 2005-01-20 .. 2005-03-05',
  '  }',
  '  phase 学习 "学习" { gate 合格 "合格" { 学时 >= 45 hourz } }',
  '}',
  '',
].join('\n');

describe('renderDiagnostic', () => {
  const { diagnostics } = parse(text, 'x.phase');

  it('prints a compiler-style frame with the line, carets and help', () => {
    expect(renderDiagnostic(diagnostics[0], text, 'camp.phase')).toBe(
      [
        'camp.phase:4:5: error[PG100]: `windw` is not a keyword here; did you mean `window`?',
        '  |',
        '4 |     windw 2005-01-20 .. 2005-03-05',
        '  |     ^^^^^',
        'help: in phase `study`, expected `window`, `amend`, `step`, `gate`, `checkpoint` or `when`',
      ].join('\n'),
    );
  });

  it('cuts a very long line around the mark, and the carets still sit under it', () => {
    const long = `campaign c "C" { timezone UTC ${'role r "R" '.repeat(40)}phase p "P" { windw 2005-01-01 .. 2005-01-02 ${'x '.repeat(60)}} }`;
    const d = parse(long, 'long.phase').diagnostics[0];
    const [, , source, carets] = renderDiagnostic(d, long, 'long.phase').split('\n');
    expect(source.length).toBeLessThan(140);
    expect(source).toMatch(/^1 \| ….*windw 2005.*…$/);
    expect(source.slice(carets.indexOf('^'), carets.lastIndexOf('^') + 1)).toBe('windw');
  });

  it('prints control characters as U+FFFD and names them in the message', () => {
    const ctl = 'campaign c "C" {\n  timezone UTC\u0001\n}\n';
    const d = parse(ctl, 'ctl.phase').diagnostics[0];
    const rendered = renderDiagnostic(d, ctl, 'ctl.phase');
    expect(rendered).toContain('found the invisible character U+0001');
    expect(rendered).toContain('2 |   timezone UTC\ufffd');
    expect(rendered).not.toContain('\u0001');
  });

  it('counts wide CJK characters as two columns when placing carets', () => {
    const frame = renderDiagnostic(diagnostics[1], text, 'camp.phase').split('\n');
    expect(frame[0]).toBe('camp.phase:6:43: error[PG100]: `hourz` is not a keyword here; did you mean `hours`?');
    expect(frame[2]).toBe('6 |   phase 学习 "学习" { gate 合格 "合格" { 学时 >= 45 hourz } }');
    // The 42 characters before `hourz` include 10 wide ones: 52 columns.
    expect(frame[3]).toBe(`  | ${' '.repeat(52)}^^^^^`);
  });

  it('prints related spans as notes with their own frames', () => {
    const broken = 'campaign c {\n  phase a {\n    window 2005-01-01 .. 2005-01-02\n\n  phase b {\n  }\n}\n';
    const d = parse(broken, 'x').diagnostics[0];
    expect(renderDiagnostic(d, broken, 'b.phase')).toBe(
      [
        'b.phase:2:11: error[PG102]: missing `}` to close phase `a`',
        '  |',
        '2 |   phase a {',
        '  |           ^',
        'note: b.phase:5:3: `phase` cannot appear inside a phase, so the phase must be closed before it',
        '  |',
        '5 |   phase b {',
        '  |   ^^^^^',
        'help: add `}` on its own line before this `phase`',
      ].join('\n'),
    );
  });

  it('shows one caret for an empty span and marks spans that run past the line', () => {
    const d: Diagnostic = { code: 'PG103', severity: 'error', message: 'm', span: { start: 0, end: 0 } };
    expect(renderDiagnostic(d, '', 'e.phase')).toBe('e.phase:1:1: error[PG103]: m\n  |\n1 |\n  | ^');
    const multi: Diagnostic = { code: 'PG102', severity: 'warning', message: 'w', span: { start: 2, end: 12 } };
    expect(renderDiagnostic(multi, 'ab cd\nef gh\nij', 'm.phase').split('\n')[3]).toBe('  |   ^^^ …');
  });

  it('aligns carets after tabs', () => {
    const d: Diagnostic = { code: 'PG100', severity: 'error', message: 'm', span: { start: 2, end: 5 } };
    expect(renderDiagnostic(d, '\t\tabc', 't.phase').split('\n').slice(2)).toEqual([
      '1 |         abc',
      '  |         ^^^',
    ]);
  });
});

describe('diagnosticToJson and lineColumn', () => {
  it('gives 1-based lines and character columns, with offsets', () => {
    const { diagnostics } = parse(text, 'x.phase');
    const json = diagnosticToJson(diagnostics[1], text, 'camp.phase');
    expect(json).toMatchObject({
      code: 'PG100',
      severity: 'error',
      path: 'camp.phase',
      start: { line: 6, column: 43, offset: text.indexOf('hourz') },
      end: { line: 6, column: 48, offset: text.indexOf('hourz') + 5 },
      related: [],
    });
    expect(json.hint).toContain('expected');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('counts astral characters as one column', () => {
    expect(lineColumn('a😀b\nc', 3)).toEqual({ line: 1, column: 3 });
    expect(lineColumn('a😀b\nc', 5)).toEqual({ line: 2, column: 1 });
    expect(lineColumn('abc', 99)).toEqual({ line: 1, column: 4 });
  });
});
