import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type PhaseNode } from '../src/index.js';
import { codes, examplesDir, spanText } from './helpers.js';

const base = readFileSync(join(examplesDir, 'first-batch.phase'), 'utf8');

/** `base` with one exact substring replaced (fails loudly if the substring moved). */
function edit(text: string, from: string, to: string): string {
  expect(text.includes(from), `fixture text not found: ${from}`).toBe(true);
  return text.replace(from, to);
}

function diagnose(text: string) {
  const r = parse(text, 'broken.phase');
  return { ...r, at: r.diagnostics.map((d) => [d.code, spanText(text, d.span)]) };
}

describe('syntax errors: codes, spans and messages', () => {
  it('refuses a binary file with one diagnostic, not a screenful (PG105)', () => {
    const binary = '\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000 campaign { " ';
    const { diagnostics, file } = parse(binary, 'ls');
    expect(diagnostics.map((d) => [d.code, d.span.start])).toEqual([['PG105', 7]]);
    expect(diagnostics[0].message).toMatch(/not a text file/);
    expect(file.campaign).toBeUndefined();
  });

  it('suggests the keyword a typo was meant to be (PG100)', () => {
    const r = diagnose(edit(base, 'window 2005-01-20', 'windw 2005-01-20'));
    expect(r.at).toEqual([['PG100', 'windw']]);
    expect(r.diagnostics[0].message).toBe('`windw` is not a keyword here; did you mean `window`?');
    expect(r.diagnostics[0].hint).toContain('in phase `study`, expected `window`, `amend`, `step`');
  });

  it('says where a keyword belongs when it is misspelt in the wrong block', () => {
    const r = diagnose('campaign c {\n  windw 2005-01-01 .. 2005-01-02\n}\n');
    expect(r.at).toEqual([['PG100', 'windw']]);
    expect(r.diagnostics[0].message).toContain('did you mean `window`? It belongs in a phase');
  });

  it('explains a malformed date in plain words', () => {
    const r = diagnose(edit(base, 'window 2005-01-20', 'window 2005-1-20'));
    expect(r.at).toEqual([['PG100', '2005-1-20']]);
    expect(r.diagnostics[0].message).toBe('expected a date like 2005-03-01 in phase `study`, found `2005-1-20`');
    expect(r.diagnostics[0].hint).toContain('two-digit month and day');
  });

  it('points a missing `}` at the brace it should close, with the place it had to close before (PG102)', () => {
    const text = edit(
      base,
      '    when late remediate "补课，不得按时转段"\n  }\n\n  #',
      '    when late remediate "补课，不得按时转段"\n\n  #',
    );
    const r = diagnose(text);
    expect(r.at).toEqual([['PG102', '{']]);
    const d = r.diagnostics[0];
    expect(d.message).toBe('missing `}` to close phase `study`');
    expect(d.span.start).toBe(text.indexOf('{', text.indexOf('phase study')));
    expect(d.related?.map((x) => spanText(text, x.span))).toEqual(['phase']);
    // The next phase is still parsed as a campaign member, not lost inside `study`.
    const phases = r.file.campaign?.members.filter((m): m is PhaseNode => m.kind === 'phase').map((p) => p.id.name);
    expect(phases).toEqual(['study', 'appraisal', 'rectification']);
  });

  it('reports a missing `}` at the end of the file', () => {
    const text = 'campaign c {\n  phase p {\n    window 2005-01-01 .. 2005-01-02\n';
    const r = diagnose(text);
    expect(codes(r.diagnostics)).toEqual(['PG102', 'PG102']);
    expect(r.diagnostics.every((d) => d.related?.[0].message === 'the file ends here')).toBe(true);
    expect(r.file.campaign?.members).toHaveLength(1);
  });

  it('reports a label that is never closed and goes on with the next line (PG101)', () => {
    const text = edit(base, 'task expert_talk "专家讲"', 'task expert_talk "专家讲');
    const r = diagnose(text);
    expect(r.at).toEqual([['PG101', '"专家讲']]);
    expect(r.diagnostics[0].hint).toContain('\\"');
  });

  it('reports a missing or wrong campaign header (PG103)', () => {
    expect(diagnose('').at).toEqual([['PG103', '']]);
    expect(diagnose('  # only a comment\n').diagnostics[0].code).toBe('PG103');
    const r = diagnose('phase p { }');
    expect(r.at).toEqual([['PG103', 'phase']]);
    expect(r.file.campaign).toBeUndefined();
    expect(diagnose('campain c { timezone UTC }').diagnostics[0].message).toContain('did you mean `campaign`?');
  });

  it('reports malformed numbers (PG104)', () => {
    const r = diagnose(edit(base, 'extend 10 days', 'extend 1.2.3 days'));
    expect(r.at).toEqual([['PG104', '1.2.3']]);
    const fraction = diagnose(edit(base, 'within 3 days', 'within 2.5 days'));
    expect(fraction.at).toEqual([['PG104', '2.5']]);
    expect(fraction.diagnostics[0].message).toContain('whole number');
    expect(diagnose(edit(base, '>= 45 hours', '>= 1,000 hours')).at).toEqual([['PG104', '1,000']]);
  });

  it('teaches the comparison operators', () => {
    const r = diagnose(edit(base, 'every member study_hours >= 45 hours', 'every member study_hours => 45 hours'));
    expect(r.at).toEqual([['PG100', '=>']]);
    expect(r.diagnostics[0].hint).toContain('`>=` (at least)');
  });

  it('says a member is in the wrong block', () => {
    const r = diagnose(edit(base, '      task self_talk "自己讲"', '      gate g { x >= 1 }'));
    expect(r.at).toEqual([['PG100', 'gate']]);
    expect(r.diagnostics[0].message).toBe('`gate` cannot appear inside a step; it belongs in a phase');
  });

  it('assumes a missing `{` when the next line is clearly the body', () => {
    const text = edit(base, 'window 2005-02-23 .. 2005-03-01 {', 'window 2005-02-23 .. 2005-03-01');
    const r = diagnose(text);
    expect(codes(r.diagnostics)).toEqual(['PG100']);
    expect(r.diagnostics[0].message).toBe('expected `{` to open step `four_talks`, found `task`');
    const study = r.file.campaign?.members.find((m): m is PhaseNode => m.kind === 'phase');
    const step = study?.members.find((m) => m.kind === 'step');
    expect(step?.kind === 'step' && step.members.length).toBe(5);
  });

  it('reads on after a campaign header without `{`', () => {
    const r = diagnose('campaign c "C"\n  timezone UTC\n  phase p { window 2005-01-01 .. 2005-01-02 }\n}\n');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['expected `{` to open campaign `c`, found `timezone`']);
    expect(r.file.campaign?.members.map((m) => m.kind)).toEqual(['timezone', 'phase']);
  });

  it('checks where amendments name a target', () => {
    const inPhase = diagnose(edit(base, 'amend extend 10 days', 'amend phase study extend 10 days'));
    expect(inPhase.at).toEqual([['PG100', 'phase study']]);
    const atTop = diagnose(
      edit(base, '  obligation newyear_ack', '  amend extend 3 days effective 2005-03-01\n  obligation newyear_ack'),
    );
    expect(atTop.at).toEqual([['PG100', 'amend']]);
    expect(atTop.diagnostics[0].hint).toContain('amend phase <phase>');
  });

  it('rejects text after the campaign', () => {
    expect(diagnose(`${base}\n}\n`).at).toEqual([['PG100', '}']]);
    expect(diagnose(`${base}\ncampaign other { }\n`).diagnostics[0].message).toContain('a file holds one campaign');
  });

  it('reports every broken member at once and keeps the rest of the tree', () => {
    let text = base;
    text = edit(text, 'role supervisor "县委督导组"', 'role supervisor "县委督导组" can sign');
    text = edit(
      text,
      'metric concentrated_days "集中学习天数" days per unit',
      'metric concentrated_days "集中学习天数" days per branch',
    );
    text = edit(
      text,
      'step big_discussion "“两个具体”大讨论" window 2005-03-02 .. 2005-03-09 {',
      'step big_discussion "“两个具体”大讨论" window 2005-03-02 - 2005-03-09 {',
    );
    text = edit(text, '      and concentrated_days >= 3 days\n', '      and concentrated_days >= 3 dayz\n');
    text = edit(text, 'item leadership', 'iten leadership');
    text = edit(
      text,
      'gate satisfaction "群众满意度" { awareness_rate >= 90% }',
      'gate satisfaction "群众满意度" { awareness_rate >= }',
    );
    text = edit(text, 'every friday from', 'every fryday from');
    const r = diagnose(text);
    expect(r.at).toEqual([
      ['PG100', 'sign'],
      ['PG100', 'branch'],
      ['PG100', '-'],
      ['PG100', 'dayz'],
      ['PG100', 'iten'],
      ['PG100', '}'],
      ['PG100', 'fryday'],
    ]);
    expect(r.diagnostics.find((d) => spanText(text, d.span) === 'fryday')?.message).toContain('did you mean `friday`?');
    expect(r.diagnostics.find((d) => spanText(text, d.span) === 'dayz')?.message).toContain('did you mean `days`?');
    // What parsed is kept: 3 phases, the roles (the broken `can sign` tail aside), the other
    // metrics and obligations.
    const kinds = r.file.campaign?.members.map((m) => m.kind);
    expect(kinds?.filter((k) => k === 'phase')).toHaveLength(3);
    expect(kinds?.filter((k) => k === 'role')).toHaveLength(3);
    expect(kinds?.filter((k) => k === 'metric')).toHaveLength(5);
    expect(kinds?.filter((k) => k === 'obligation')).toHaveLength(2);
  });

  it('skips the continuation lines of a broken member instead of reporting each', () => {
    const text = edit(
      base,
      '        requires participation_rate >= 95% and',
      '        requires participation_rate >== 95% and',
    );
    const r = diagnose(text);
    expect(r.at).toEqual([['PG100', '=']]);
    expect(r.diagnostics[0].message).toBe('expected a number in checkpoint `six_checks`, found `=`');
  });
});
