/**
 * What `status`, `summary` and their blockers tell a user: in words and numbers, dates in the
 * campaign's zone.
 */
import { describe, expect, it } from 'vitest';
import type { Blocker } from '@phasegate/runtime';
import { clock, referenceRuntime, studyDone } from './kernel-helpers.js';

const messages = (blockers: readonly Blocker[]) => blockers.map((b) => b.message);

describe('blockers', () => {
  it('name the failing members with their count and the lowest value', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase', [{ id: 'edu', members: 148 }]);
    send(...studyDone('edu', 148, '2005-02-24T10:00'));
    const short = [3, 9, 20, 33, 41, 57, 60, 77, 90, 101, 120, 147];
    send(
      ...short.map((member, i) => ({
        type: 'fact' as const,
        time: '2005-02-25T10:00',
        unit: 'edu',
        metric: 'study_hours',
        member,
        value: i === 4 ? 38.5 : 40 + i / 4,
      })),
    );
    send(clock('2005-03-14T09:00'));
    const [blocker] = runtime.status('edu').blockers;
    expect(blocker).toMatchObject({
      kind: 'gate',
      gate: 'study_training',
      failing: [
        {
          message: 'study hours: 12 of 148 members below 45 hours (lowest 38.5)',
          membersFailing: 12,
          members: 148,
          lowest: 38.5,
          actual: 38.5,
          target: 45,
        },
      ],
    });
  });

  it('list a checkpoint’s missing items by number, with the signer', () => {
    const { runtime, send } = referenceRuntime();
    send(
      ...studyDone('edu', 3, '2005-02-24T10:00').filter(
        (e) => !(e.type === 'signoff' && (e.item === 'lectures' || e.item === 'rectification')),
      ),
    );
    send(clock('2005-03-14T09:00'));
    expect(runtime.status('edu').blockers).toEqual([
      {
        kind: 'checkpoint',
        checkpoint: 'six_checks',
        signer: 'supervisor',
        signed: 4,
        of: 6,
        missing: [
          {
            number: 3,
            item: 'lectures',
            label: '三看：主要领导讲党课、专家讲课、典型讲、正反典型',
            reason: 'unsigned',
          },
          {
            number: 6,
            item: 'rectification',
            label: '六看：边学边查边改边做的要求明确并有初步效果',
            reason: 'unsigned',
          },
        ],
        message: 'six checks: 4 of 6 signed; missing #3 lectures, #6 rectification (signer: 县委督导组)',
      },
    ]);
  });

  it('say when a signed item does not count because its condition fails', () => {
    const { runtime, send } = referenceRuntime();
    send(...studyDone('edu', 3, '2005-02-24T10:00'));
    send({ type: 'fact', time: '2005-02-25T10:00', unit: 'edu', metric: 'participation_rate', value: 90 });
    send(clock('2005-03-14T09:00'));
    expect(messages(runtime.status('edu').blockers)).toEqual([
      'gate study_training (学习培训合格) not met: participation rate 90%, needs at least 95%',
      'six checks: 5 of 6 signed; missing #2 key_work (signed, but participation rate 90%, needs at least 95%) (signer: 县委督导组)',
    ]);
  });

  it('give a deliverable’s due time in the campaign zone, and say when it is overdue', () => {
    const { runtime, send } = referenceRuntime();
    send(
      ...studyDone('edu', 3, '2005-02-24T10:00').filter(
        (e) => !(e.type === 'deliverable' && e.deliverable === 'stage_summary'),
      ),
    );
    send(clock('2005-03-14T09:00'));
    let status = runtime.status('edu');
    expect(status.machineState).toBe('study.transfer.open');
    expect(status.blockers).toEqual([
      {
        kind: 'deliverable',
        deliverable: 'stage_summary',
        due: '2005-03-15T18:00:00+08:00',
        overdue: false,
        message: 'deliverable stage_summary (阶段总结材料) due 03-15 18:00, not submitted',
      },
    ]);
    send(clock('2005-03-15T18:30'));
    status = runtime.status('edu');
    expect(status.blockers[0]).toMatchObject({
      overdue: true,
      message: 'deliverable stage_summary (阶段总结材料) due 03-15 18:00, not submitted (overdue)',
    });
    // The step's window runs to the end of 03-15: overdue paperwork, but the unit is not late yet.
    expect(status).toMatchObject({ state: 'active', timing: 'on-time' });
  });

  it('show an unmet `any of` group with how many of its items are done', () => {
    const { runtime, send } = referenceRuntime();
    send(...studyDone('edu', 3, '2005-02-24T10:00').filter((e) => !(e.type === 'task' && e.task === 'notes_exchange')));
    send(clock('2005-03-10T09:00'));
    expect(runtime.status('edu').blockers).toEqual([
      {
        kind: 'group',
        mode: 'any',
        done: 0,
        of: 4,
        message:
          '"学习效果检验": none of 4 done (any one is enough: notes_exchange, reflections_exchange, open_book_exam, satisfaction_survey)',
      },
    ]);
  });

  it('start with the window when the position has not opened yet', () => {
    const { runtime } = referenceRuntime();
    const [first, second] = runtime.status('edu').blockers;
    expect(first).toEqual({
      kind: 'window',
      message: 'step four_talks (四讲与查漏补缺) opens 02-23 00:00',
      opens: '2005-02-23T00:00:00+08:00',
    });
    expect(second).toEqual({ kind: 'task', task: 'leaders_talk', message: 'task leaders_talk (领导讲) not done' });
  });

  it('explain a share below target, and every branch of a failing `or`', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase', [{ id: 'edu', members: 4 }]);
    send(...studyDone('edu', 4, '2005-02-24T10:00'), clock('2005-03-13T09:00'));
    expect(runtime.status('edu').phase).toBe('appraisal');
    send({ type: 'fact', time: '2005-03-20T09:00', unit: 'edu', metric: 'study_hours', member: 2, value: 44 });
    const gate = runtime.status('edu').blockers.find((b) => b.kind === 'gate');
    expect(gate?.message).toBe(
      'gate appraisal_coverage (党性分析全覆盖) not met: study hours: 75% of members at 45 hours or more, needs at least 100% (1 of 4 members below 45 hours (lowest 44))',
    );

    const rollout = referenceRuntime('training-rollout.phase', [{ id: 'icu', members: 2 }]);
    const ir = rollout.ir;
    // Jump the ward to the roll-out transfer by satisfying its first phase and steps.
    const prep = ir.phases[0];
    const at = '2026-07-20T09:00';
    const roll = ir.phases[1];
    const sent = rollout.send(
      ...[...prep.steps, ...roll.steps].flatMap((s) => [
        ...s.tasks.map((t) => ({ type: 'task' as const, time: at, unit: 'icu', task: t.id })),
        ...s.deliverables.map((d) => ({ type: 'deliverable' as const, time: at, unit: 'icu', deliverable: d.id })),
      ]),
      ...prep.checkpoints.flatMap((c) =>
        c.items.map((i) => ({ type: 'signoff' as const, time: at, unit: 'icu', checkpoint: c.id, item: i.id })),
      ),
      { type: 'fact', time: at, unit: 'icu', metric: 'competency_score', member: 0, value: 75 },
      { type: 'fact', time: at, unit: 'icu', metric: 'competency_score', member: 1, value: 65 },
      clock('2026-08-20T09:00'),
    );
    expect(sent.rejected).toEqual([]);
    const trained = rollout.runtime.status('icu').blockers.find((b) => b.kind === 'gate' && b.gate === 'trained');
    if (trained?.kind !== 'gate') throw new Error(`no gate blocker: ${JSON.stringify(rollout.runtime.status('icu'))}`);
    expect(trained.failing.map((g) => g.message)).toEqual([
      'min module hours 0 hours, needs at least 6 hours',
      'simulation sessions: 2 of 2 members below 1 (lowest 0)',
      'min competency score 65%, needs at least 80%',
      'competency score: 1 of 2 members below 70% (lowest 65)',
      'drills held 0, needs at least 2',
    ]);
  });

  it('are empty for a completed unit', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase', [{ id: 'edu', members: 0 }]);
    send(...studyDone('edu', 0, '2005-02-24T10:00'));
    send(
      ...['party_analysis', 'appraisal_results', 'rectification_plan'].map((deliverable) => ({
        type: 'deliverable' as const,
        time: '2005-03-01T10:00',
        unit: 'edu',
        deliverable,
      })),
      ...['heart_talks', 'democratic_meeting', 'public_commitment'].map((task) => ({
        type: 'task' as const,
        time: '2005-03-01T10:00',
        unit: 'edu',
        task,
      })),
      ...[
        ['appraisal_checks', 'analysis_quality'],
        ['appraisal_checks', 'appraisal_done'],
        ['final_checks', 'plan_published'],
      ].map(([checkpoint, item]) => ({
        type: 'signoff' as const,
        time: '2005-03-01T10:00',
        unit: 'edu',
        checkpoint,
        item,
      })),
      { type: 'fact', time: '2005-03-01T10:00', unit: 'edu', metric: 'awareness_rate', value: 92 },
    );
    // Each phase is left when the clock reaches its last step's window.
    send(clock('2005-03-13T00:00'), clock('2005-04-11T00:00'), clock('2005-05-02T00:00'));
    expect(runtime.status('edu')).toMatchObject({
      machineState: 'completed',
      position: 'completed',
      state: 'completed',
      phase: null,
      step: null,
      blockers: [],
      onTime: true,
    });
    expect(runtime.status('edu').transfers.map((t) => [t.phase, t.onTime])).toEqual([
      ['study', true],
      ['appraisal', true],
      ['rectification', true],
    ]);
  });
});

describe('summary', () => {
  it('counts units per summary state and per position', () => {
    const units = [
      { id: 'a', members: 1 },
      { id: 'b', members: 1 },
      { id: 'c', members: 1 },
    ];
    const { runtime, send } = referenceRuntime('first-batch.phase', units);
    send(...studyDone('a', 1, '2005-02-24T10:00'), ...studyDone('b', 1, '2005-02-24T10:00', 10));
    send(clock('2005-03-16T09:00'));
    const summary = runtime.summary();
    expect(summary.at).toBe('2005-03-16T09:00:00+08:00');
    expect(summary.units).toBe(3);
    expect(summary.byState).toEqual({
      waiting: 0,
      active: 1,
      'awaiting-transfer': 0,
      late: 0,
      remediation: 2,
      completed: 0,
    });
    expect(summary.byPosition).toMatchObject({
      'study.four_talks': 1,
      'study.@transfer': 1,
      'appraisal.self_review': 1,
      completed: 0,
    });
    expect(Object.values(summary.byPosition).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
