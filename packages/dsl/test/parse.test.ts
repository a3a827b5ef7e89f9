import { describe, expect, it } from 'vitest';
import {
  parse,
  parseAmendment,
  type CampaignNode,
  type CheckpointNode,
  type Condition,
  type GateNode,
  type PhaseNode,
  type StepNode,
} from '../src/index.js';
import { eachSpanned, examples, meaning, parseClean, spanText } from './helpers.js';

const ALL = `# header comment
campaign c "C" {
  timezone Asia/Shanghai
  role office "办公室" can amend, issue
  role viewer
  metric m1 "M1" hours per member
  metric m2 percent per unit
  metric m3 count per member
  metric m4 days per unit
  document d1 "D1" issued 2005-02-05 09:00
  document d2
  phase p "P" {
    window 2005-01-20 .. 2005-03-05
    amend extend 10 days effective 2005-02-21 reason "why \\"so\\" \\\\ ok"
    amend extend to 2005-03-20 effective 2005-03-01
    amend move -3 days effective 2005-01-01
    amend move to 2005-02-01 effective 2005-01-10 18:30
    step s "S" window 2005-02-23 .. 2005-03-01 {
      task t1 "T"
      deliverable dl1 "DL" due 2005-03-09 18:00
      deliverable dl2
      any of "A" {
        task t2
        all of { task t3 task t4 }
      }
      amend extend 1 day effective 2005-02-24
    }
    step s2 { task t5 }
    gate g "G" { every member m1 >= 45 hours and m2 >= 95% or (m4 > 3 days) }
    checkpoint k "K" signed by office {
      item i1 "I" requires task t1 done and deliverable dl1 submitted
      item i2
    }
    checkpoint k2 { item x }
    when late remediate "补课"
  }
  phase q { when late mark late }
  amend phase p step s move 7 days effective 2005-02-01 reason "r"
  amend phase q extend 2 days effective 2005-02-01
  obligation o1 "O" by units due 2005-02-17 12:00
  obligation o2 by office every friday from 2005-02-25 until 2005-06-30 at 18:00
  obligation o3 by units every monday from 2005-02-28
  obligation o4 by units acknowledge documents within 3 days
}
`;

function phase(c: CampaignNode, id: string): PhaseNode {
  return c.members.find((m): m is PhaseNode => m.kind === 'phase' && m.id.name === id)!;
}

function gateCondition(text: string): Condition {
  const c = parseClean(`campaign c { phase p { gate g { ${text} } } }`);
  return (phase(c, 'p').members[0] as GateNode).condition;
}

describe('parse: every construct', () => {
  const c = parseClean(ALL);

  it('reads the campaign header and its declarations', () => {
    expect(c.id.name).toBe('c');
    expect(c.label?.value).toBe('C');
    expect(meaning(c.members.slice(0, 9))).toEqual([
      { kind: 'timezone', zone: 'Asia/Shanghai' },
      {
        kind: 'role',
        id: { name: 'office' },
        label: { value: '办公室' },
        capabilities: [{ name: 'amend' }, { name: 'issue' }],
      },
      { kind: 'role', id: { name: 'viewer' }, capabilities: [] },
      { kind: 'metric', id: { name: 'm1' }, label: { value: 'M1' }, unit: 'hours', level: 'member' },
      { kind: 'metric', id: { name: 'm2' }, unit: 'percent', level: 'unit' },
      { kind: 'metric', id: { name: 'm3' }, unit: 'count', level: 'member' },
      { kind: 'metric', id: { name: 'm4' }, unit: 'days', level: 'unit' },
      {
        kind: 'document',
        id: { name: 'd1' },
        label: { value: 'D1' },
        issued: { kind: 'date', year: 2005, month: 2, day: 5, time: { hour: 9, minute: 0 } },
      },
      { kind: 'document', id: { name: 'd2' } },
    ]);
  });

  it('reads windows and the four kinds of amendment inside a phase, without target', () => {
    const p = phase(c, 'p');
    expect(meaning(p.members.slice(0, 5))).toEqual([
      {
        kind: 'window',
        opens: { kind: 'date', year: 2005, month: 1, day: 20 },
        closes: { kind: 'date', year: 2005, month: 3, day: 5 },
      },
      {
        kind: 'amendment',
        action: { kind: 'extend-by', days: 10 },
        effective: { kind: 'date', year: 2005, month: 2, day: 21 },
        reason: { value: 'why "so" \\ ok' },
      },
      {
        kind: 'amendment',
        action: { kind: 'extend-to', date: { kind: 'date', year: 2005, month: 3, day: 20 } },
        effective: { kind: 'date', year: 2005, month: 3, day: 1 },
      },
      {
        kind: 'amendment',
        action: { kind: 'move-by', days: -3 },
        effective: { kind: 'date', year: 2005, month: 1, day: 1 },
      },
      {
        kind: 'amendment',
        action: { kind: 'move-to', date: { kind: 'date', year: 2005, month: 2, day: 1 } },
        effective: { kind: 'date', year: 2005, month: 1, day: 10, time: { hour: 18, minute: 30 } },
      },
    ]);
  });

  it('reads steps with inline windows, requirements, nested groups and a step amendment', () => {
    const s = phase(c, 'p').members[5] as StepNode;
    expect(s.kind).toBe('step');
    expect(s.window?.opens.text).toBe('2005-02-23');
    expect(meaning(s.members)).toEqual([
      { kind: 'task', id: { name: 't1' }, label: { value: 'T' } },
      {
        kind: 'deliverable',
        id: { name: 'dl1' },
        label: { value: 'DL' },
        due: { kind: 'date', year: 2005, month: 3, day: 9, time: { hour: 18, minute: 0 } },
      },
      { kind: 'deliverable', id: { name: 'dl2' } },
      {
        kind: 'group',
        mode: 'any',
        label: { value: 'A' },
        items: [
          { kind: 'task', id: { name: 't2' } },
          {
            kind: 'group',
            mode: 'all',
            items: [
              { kind: 'task', id: { name: 't3' } },
              { kind: 'task', id: { name: 't4' } },
            ],
          },
        ],
      },
      {
        kind: 'amendment',
        action: { kind: 'extend-by', days: 1 },
        effective: { kind: 'date', year: 2005, month: 2, day: 24 },
      },
    ]);
    const group = s.members[3];
    expect(group.kind === 'group' && spanText(ALL, group.keywordSpan)).toBe('any of');
    expect((phase(c, 'p').members[6] as StepNode).window).toBeUndefined();
  });

  it('reads checkpoints, items with and without requires, signer absent, and late policies', () => {
    const p = phase(c, 'p');
    const k = p.members[8] as CheckpointNode;
    expect(k.signer?.name).toBe('office');
    expect(meaning(k.items[0].requires)).toEqual({
      kind: 'and',
      items: [
        { kind: 'task-done', task: { name: 't1' } },
        { kind: 'deliverable-submitted', deliverable: { name: 'dl1' } },
      ],
    });
    expect(k.items[1].requires).toBeUndefined();
    expect((p.members[9] as CheckpointNode).signer).toBeUndefined();
    expect(meaning(p.members[10])).toEqual({ kind: 'late-policy', action: 'remediate', label: { value: '补课' } });
    expect(meaning(phase(c, 'q').members[0])).toEqual({ kind: 'late-policy', action: 'mark-late' });
  });

  it('reads campaign-level amendments with a phase or step target', () => {
    const amends = c.members.filter((m) => m.kind === 'amendment');
    expect(amends.map((a) => a.kind === 'amendment' && meaning(a.target))).toEqual([
      { phase: { name: 'p' }, step: { name: 's' } },
      { phase: { name: 'q' } },
    ]);
  });

  it('reads the three kinds of obligation', () => {
    const obligations = c.members.filter((m) => m.kind === 'obligation');
    expect(meaning(obligations.map((o) => o.kind === 'obligation' && [o.owedBy, o.schedule]))).toEqual([
      [
        { kind: 'units' },
        { kind: 'due', due: { kind: 'date', year: 2005, month: 2, day: 17, time: { hour: 12, minute: 0 } } },
      ],
      [
        { kind: 'role', role: { name: 'office' } },
        {
          kind: 'recurring',
          weekday: 'friday',
          from: { kind: 'date', year: 2005, month: 2, day: 25 },
          until: { kind: 'date', year: 2005, month: 6, day: 30 },
          at: { hour: 18, minute: 0 },
        },
      ],
      [
        { kind: 'units' },
        { kind: 'recurring', weekday: 'monday', from: { kind: 'date', year: 2005, month: 2, day: 28 } },
      ],
      [{ kind: 'units' }, { kind: 'acknowledge', withinDays: 3 }],
    ]);
  });

  it('keeps comments, but not a # inside a label', () => {
    const { file } = parse('campaign c "a # not a comment" { # one\n  timezone UTC # two\n}\n# three', 'x.phase');
    expect(file.comments.map((k) => k.text)).toEqual(['# one', '# two', '# three']);
    expect(file.campaign?.label?.value).toBe('a # not a comment');
    for (const k of file.comments) expect(spanText(file, k)).toBe(k.text);
  });
});

describe('parse: conditions', () => {
  it('binds `and` tighter than `or`, and keeps parenthesised groups as nodes', () => {
    expect(meaning(gateCondition('a >= 1 or b >= 2 and c >= 3'))).toMatchObject({
      kind: 'or',
      items: [{ kind: 'compare' }, { kind: 'and', items: [{ kind: 'compare' }, { kind: 'compare' }] }],
    });
    expect(meaning(gateCondition('(a >= 1 or b >= 2) and c >= 3'))).toMatchObject({
      kind: 'and',
      items: [{ kind: 'or' }, { kind: 'compare' }],
    });
    const flat = gateCondition('a >= 1 and b >= 2 and c >= 3');
    expect(flat.kind === 'and' && flat.items.length).toBe(3);
    const nested = gateCondition('(a >= 1 and b >= 2) and c >= 3');
    expect(nested.kind === 'and' && nested.items[0].kind).toBe('and');
  });

  it('reads every subject', () => {
    const subjects = [
      ['participation_rate >= 95%', { kind: 'metric', metric: { name: 'participation_rate' } }],
      ['every member study_hours >= 45 hours', { kind: 'every', metric: { name: 'study_hours' } }],
      [
        'share of members with h >= 45 hours >= 90%',
        { kind: 'share', metric: { name: 'h' }, op: '>=', threshold: { value: 45, unit: 'hours' } },
      ],
      [
        'count of members with h < 10 <= 3',
        { kind: 'count', metric: { name: 'h' }, op: '<', threshold: { value: 10 } },
      ],
      ['total h >= 100 hours', { kind: 'total', metric: { name: 'h' } }],
      ['average h >= 1', { kind: 'average', metric: { name: 'h' } }],
      ['min h >= 1', { kind: 'min', metric: { name: 'h' } }],
      ['max h <= 1', { kind: 'max', metric: { name: 'h' } }],
    ] as const;
    for (const [text, subject] of subjects) {
      const c = gateCondition(text);
      expect(c.kind === 'compare' && meaning(c.subject), text).toEqual(subject);
    }
  });

  it('treats a metric named like a keyword as a metric where the keyword form does not fit', () => {
    const c = gateCondition('count >= 3 and total >= 1');
    expect(meaning(c)).toMatchObject({
      items: [
        { subject: { kind: 'metric', metric: { name: 'count' } } },
        { subject: { kind: 'metric', metric: { name: 'total' } } },
      ],
    });
  });

  it('reads every operator and every way of writing a quantity', () => {
    const cases = [
      ['x >= 45 hours', '>=', { value: 45, unit: 'hours' }],
      ['x > 1 hour', '>', { value: 1, unit: 'hours' }],
      ['x <= 3 days', '<=', { value: 3, unit: 'days' }],
      ['x < 95%', '<', { value: 95, unit: 'percent' }],
      ['x == 95 percent', '==', { value: 95, unit: 'percent' }],
      ['x != 12 count', '!=', { value: 12, unit: 'count' }],
      ['x >= 2.5', '>=', { value: 2.5 }],
      ['x >= -1', '>=', { value: -1 }],
    ] as const;
    for (const [text, op, value] of cases) {
      const c = gateCondition(text);
      expect(c.kind === 'compare' && [c.op, meaning(c.value)], text).toEqual([op, value]);
    }
  });

  it('spans a condition from its first token to its last, parentheses included for chains', () => {
    const text = 'campaign c { phase p { gate g { (a >= 1 or b >= 2) and every member c >= 3 hours } } }';
    const c = (phase(parseClean(text), 'p').members[0] as GateNode).condition;
    expect(spanText(text, c)).toBe('(a >= 1 or b >= 2) and every member c >= 3 hours');
    expect(c.kind === 'and' && spanText(text, c.items[0])).toBe('a >= 1 or b >= 2');
    expect(c.kind === 'and' && c.items[1].kind === 'compare' && spanText(text, c.items[1].value)).toBe('3 hours');
  });
});

describe('parse: names, labels and spans', () => {
  it('accepts Chinese identifiers and labels', () => {
    const text =
      'campaign 活动 "先进性教育" {\n  metric 学时 "学习学时" hours per member\n  phase 学习 { gate 合格 "合格" { every member 学时 >= 45 hours } }\n}';
    const c = parseClean(text);
    expect(c.id.name).toBe('活动');
    const gate = phase(c, '学习').members[0] as GateNode;
    expect(gate.id.name).toBe('合格');
    expect(gate.condition.kind === 'compare' && gate.condition.subject.metric.name).toBe('学时');
    expect(spanText(text, gate.id)).toBe('合格');
  });

  it.each(examples().map((e) => [e.name, e.text]))(
    'gives every node of %s a span inside its parent, names spanning their text',
    (_name, text) => {
      const { file, diagnostics } = parse(text, 'x.phase');
      expect(diagnostics).toEqual([]);
      let count = 0;
      eachSpanned(file.campaign, (node, parent) => {
        count++;
        expect(node.start).toBeLessThanOrEqual(node.end);
        if (parent) {
          expect(node.start).toBeGreaterThanOrEqual(parent.start);
          expect(node.end).toBeLessThanOrEqual(parent.end);
        }
        if (typeof node.name === 'string') expect(spanText(text, node)).toBe(node.name);
        if (typeof node.value === 'string') expect(spanText(text, node)).toMatch(/^".*"$/s);
        const kind = node.kind;
        if (
          node.id &&
          typeof kind === 'string' &&
          [
            'phase',
            'step',
            'gate',
            'checkpoint',
            'task',
            'deliverable',
            'metric',
            'role',
            'document',
            'obligation',
            'window',
            'timezone',
          ].includes(kind)
        ) {
          expect(spanText(text, node).startsWith(kind)).toBe(true);
        }
        // Spans never include trailing blanks or comments.
        expect(/\s$/.test(spanText(text, node))).toBe(false);
      });
      expect(count).toBeGreaterThan(50);
    },
  );

  it('spans a block member to its closing brace', () => {
    const text = 'campaign c {\n  phase p {\n    window 2005-01-01 .. 2005-01-02\n  }\n}\n';
    const c = parseClean(text);
    expect(spanText(text, c)).toBe(text.trimEnd());
    expect(spanText(text, phase(c, 'p'))).toBe('phase p {\n    window 2005-01-01 .. 2005-01-02\n  }');
  });

  it('reads a time only on the same line as its date', () => {
    const c = parseClean('campaign c {\n  document d issued 2005-02-05\n  document e issued 2005-02-05\t7:05\n}');
    expect(meaning(c.members)).toEqual([
      { kind: 'document', id: { name: 'd' }, issued: { kind: 'date', year: 2005, month: 2, day: 5 } },
      {
        kind: 'document',
        id: { name: 'e' },
        issued: { kind: 'date', year: 2005, month: 2, day: 5, time: { hour: 7, minute: 5 } },
      },
    ]);
  });
});

describe('parseAmendment', () => {
  it('reads the command-line form, with or without the `amend` keyword and with single quotes', () => {
    const a = parseAmendment("phase study extend 10 days effective 2005-02-21 reason '上级通知：延长10天'");
    expect(a.diagnostics).toEqual([]);
    expect(meaning(a.amendment)).toEqual({
      kind: 'amendment',
      target: { phase: { name: 'study' } },
      action: { kind: 'extend-by', days: 10 },
      effective: { kind: 'date', year: 2005, month: 2, day: 21 },
      reason: { value: '上级通知：延长10天' },
    });
    const text = 'amend phase study step four_talks move to 2005-03-02 effective 2005-02-25 12:00';
    const b = parseAmendment(text);
    expect(b.diagnostics).toEqual([]);
    expect(b.amendment?.target?.step?.name).toBe('four_talks');
    expect(b.amendment).toMatchObject({ start: 0, end: text.length });
  });

  it('requires a target and reports leftovers', () => {
    const a = parseAmendment('extend 10 days effective 2005-02-21');
    expect(a.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['PG100', 'the amendment must say which window it changes'],
    ]);
    const b = parseAmendment('phase study extend 10 days effective 2005-02-21 because');
    expect(b.diagnostics).toHaveLength(1);
    expect(b.diagnostics[0].span).toEqual({ start: 48, end: 55 });
    expect(b.diagnostics[0].message).toContain('`reason`');
    const c = parseAmendment('phase study lengthen 10 days');
    expect(c.amendment).toBeUndefined();
    expect(c.diagnostics[0].message).toContain('`lengthen`');
  });
});
