import { describe, expect, test } from 'vitest';
import { IR_VERSION, type CampaignIR } from '@phasegate/compiler';
import { effectiveWindows } from '@phasegate/compiler/semantics';
import { expectClean, readExample } from './helpers.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('lowering the reference campaign (first-batch.phase)', () => {
  const ir: CampaignIR = expectClean(readExample('first-batch.phase'));
  const window = (owner: string) => ir.windows.find((w) => w.owner === owner)!;

  test('is plain JSON with the campaign header resolved', () => {
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
    expect(ir.irVersion).toBe(IR_VERSION);
    expect(ir.id).toBe('first_batch');
    expect(ir.label).toBe('第一批先进性教育活动');
    expect(ir.timezone).toBe('Asia/Shanghai');
    expect(ir.roles.find((r) => r.id === 'office')).toEqual({
      id: 'office',
      label: '县委先教办',
      canAmend: true,
      canIssue: true,
    });
    expect(ir.roles.find((r) => r.id === 'supervisor')?.canAmend).toBe(false);
    expect(ir.metrics.find((m) => m.id === 'study_hours')).toEqual({
      id: 'study_hours',
      label: '学习培训学时',
      unit: 'hours',
      level: 'member',
    });
    expect(ir.documents.find((d) => d.id === 'doc_7')?.issued).toBe(Date.UTC(2005, 1, 8, 1)); // 09:00 +08:00
  });

  test('windows are half-open local days in Asia/Shanghai', () => {
    expect([iso(window('study').start), iso(window('study').end)]).toEqual([
      '2005-01-19T16:00:00.000Z',
      '2005-03-05T16:00:00.000Z',
    ]);
    expect([iso(window('study.four_talks').start), iso(window('study.four_talks').end)]).toEqual([
      '2005-02-22T16:00:00.000Z',
      '2005-03-01T16:00:00.000Z',
    ]);
    expect(window('study.transfer').text).toBe('2005-03-13 .. 2005-03-15');
    expect(ir.windows.map((w) => w.owner)).toEqual([
      'study',
      'study.four_talks',
      'study.big_discussion',
      'study.effect_test',
      'study.transfer',
      'appraisal',
      'appraisal.self_review',
      'appraisal.democratic_appraisal',
      'rectification',
      'rectification.rectify',
    ]);
  });

  test('the 10-day extension ends the study window on 2005-03-15 24:00 Asia/Shanghai', () => {
    expect(ir.amendments).toHaveLength(1);
    const [a] = ir.amendments;
    expect(ir.windows[a.window].owner).toBe('study');
    expect(iso(a.end)).toBe('2005-03-15T16:00:00.000Z');
    expect(a.start).toBe(window('study').start);
    expect(iso(a.effective)).toBe('2005-02-20T16:00:00.000Z');
    expect(a.action).toBe('extend 10 days');
    expect(a.reason).toBe('中央、省、市委通知：学习动员阶段延长10天左右');
    const study = ir.phases[0].window;
    expect(iso(effectiveWindows(ir, [], Date.UTC(2005, 1, 20))[study].end)).toBe('2005-03-05T16:00:00.000Z');
    expect(iso(effectiveWindows(ir, [], Date.UTC(2005, 1, 21))[study].end)).toBe('2005-03-15T16:00:00.000Z');
  });

  test('steps keep their requirements, groups and deliverable deadlines', () => {
    const effect = ir.phases[0].steps[2];
    expect(effect.id).toBe('effect_test');
    expect(effect.requirement).toEqual({
      kind: 'all',
      label: null,
      items: [
        {
          kind: 'any',
          label: '学习效果检验',
          items: ['notes_exchange', 'reflections_exchange', 'open_book_exam', 'satisfaction_survey'].map((task) => ({
            kind: 'task',
            task,
          })),
        },
        { kind: 'deliverable', deliverable: 'phase_summary' },
      ],
    });
    expect(effect.tasks.map((t) => t.id)).toEqual([
      'notes_exchange',
      'reflections_exchange',
      'open_book_exam',
      'satisfaction_survey',
    ]);
    expect(effect.deliverables).toEqual([{ id: 'phase_summary', label: '阶段小结', due: Date.UTC(2005, 2, 12, 10) }]);
  });

  test('gates, checkpoints and late policies', () => {
    const study = ir.phases[0];
    expect(study.gates[0].condition).toEqual({
      kind: 'and',
      items: [
        { kind: 'every', metric: 'study_hours', op: '>=', value: 45 },
        { kind: 'metric', metric: 'concentrated_days', op: '>=', value: 3 },
        { kind: 'metric', metric: 'participation_rate', op: '>=', value: 95 },
        { kind: 'metric', metric: 'awareness_rate', op: '>=', value: 80 },
        { kind: 'metric', metric: 'short_sessions', op: '<=', value: 0 },
      ],
    });
    const six = study.checkpoints[0];
    expect(six.signer).toBe('supervisor');
    expect(six.items.map((i) => [i.number, i.id, i.requires === null])).toEqual([
      [1, 'leadership', true],
      [2, 'key_work', false],
      [3, 'lectures', false],
      [4, 'standards', false],
      [5, 'requirements', true],
      [6, 'rectification', true],
    ]);
    expect(study.late).toEqual({ action: 'remediate', label: '补课，不得按时转段' });
    expect(ir.phases[2].late).toEqual({ action: 'mark-late', label: 'late' });
    expect(ir.phases[1].gates[0].condition).toEqual({
      kind: 'share',
      metric: 'study_hours',
      inner: { op: '>=', value: 45 },
      op: '>=',
      value: 100,
    });
  });

  test('obligations: acknowledgements, one-off reports and the weekly report', () => {
    const [ack, spring, weekly] = ir.obligations;
    expect(ack).toEqual({
      kind: 'acknowledge',
      id: 'newyear_ack',
      label: '签收县委先教办下发文件',
      owedBy: { kind: 'units' },
      withinDays: 3,
    });
    expect(spring.kind === 'due' && iso(spring.due)).toBe('2005-02-17T04:00:00.000Z');
    if (weekly.kind !== 'recurring') throw new Error('weekly_report should be recurring');
    expect(weekly.owedBy).toEqual({ kind: 'role', role: 'supervisor' });
    expect(iso(weekly.dues[0])).toBe('2005-02-25T10:00:00.000Z');
    expect(iso(weekly.dues[weekly.dues.length - 1])).toBe('2005-06-24T10:00:00.000Z');
    expect(weekly.dues).toHaveLength(18);
  });
});
