/**
 * The kernel on the reference campaign (dsl-examples/first-batch.phase), through the runtime a
 * user drives: blocked with reasons, late and remediation, the 10-day extension, who may sign,
 * idempotent delivery and atomic batches.
 */
import { describe, expect, it } from 'vitest';
import type { Blocker } from '@phasegate/runtime';
import { clock, referenceRuntime, studyDone } from './kernel-helpers.js';

const gate = (blockers: readonly Blocker[], id: string) =>
  blockers.find((b) => b.kind === 'gate' && b.gate === id) as Extract<Blocker, { kind: 'gate' }> | undefined;

describe('a unit on the reference campaign', () => {
  it('moves through the study phase on time when everything is done, waiting for each window', () => {
    const { runtime, send } = referenceRuntime();
    expect(runtime.status('edu')).toMatchObject({
      machineState: 'study.four_talks.waiting',
      state: 'waiting',
      timing: 'waiting',
    });
    // Everything recorded on 02-24: the first step completes, the rest wait for their windows.
    expect(send(...studyDone('edu', 3, '2005-02-24T10:00')).rejected).toEqual([]);
    expect(runtime.status('edu')).toMatchObject({ machineState: 'study.big_discussion.waiting', state: 'waiting' });
    send(clock('2005-03-02T00:00'));
    expect(runtime.status('edu').machineState).toBe('study.effect_test.waiting');
    const last = send(clock('2005-03-13T08:00'));
    const status = runtime.status('edu');
    expect(status).toMatchObject({
      phase: 'appraisal',
      step: 'self_review',
      machineState: 'appraisal.self_review.waiting',
      onTime: true,
    });
    expect(status.transfers).toEqual([{ phase: 'study', at: '2005-03-13T08:00:00+08:00', onTime: true }]);
    // The clock event moved the unit through three positions in one go; one transition says so.
    expect(last.transitions).toEqual([
      {
        unit: 'edu',
        eventId: expect.any(String),
        time: '2005-03-13T08:00:00+08:00',
        from: 'study.effect_test.waiting',
        to: 'appraisal.self_review.waiting',
      },
    ]);
  });

  it('is blocked at transfer by one member at 44.5 hours, with the reason and the numbers', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase', [{ id: 'edu', members: 148 }]);
    send(...studyDone('edu', 148, '2005-02-24T10:00'));
    send({ type: 'fact', time: '2005-02-25T10:00', unit: 'edu', metric: 'study_hours', member: 17, value: 44.5 });
    send(clock('2005-03-14T09:00'));
    const status = runtime.status('edu');
    expect(status).toMatchObject({
      machineState: 'study.@transfer.open',
      position: 'transfer',
      state: 'awaiting-transfer',
      onTime: true,
    });
    const blocked = gate(status.blockers, 'study_training');
    expect(blocked?.failing).toEqual([
      {
        message: 'study hours: 1 of 148 members below 45 hours (lowest 44.5)',
        metric: 'study_hours',
        aggregate: 'every',
        op: '>=',
        target: 45,
        actual: 44.5,
        membersFailing: 1,
        members: 148,
        lowest: 44.5,
      },
    ]);
    expect(blocked?.message).toBe(
      'gate study_training (学习培训合格) not met: study hours: 1 of 148 members below 45 hours (lowest 44.5)',
    );
    // Nothing else stands in the way.
    expect(status.blockers).toHaveLength(1);

    // The missing half hour (an `add`) unblocks it and it leaves the phase at once, on time.
    const result = send({
      type: 'fact',
      time: '2005-03-14T10:00',
      unit: 'edu',
      metric: 'study_hours',
      member: 17,
      value: 0.5,
      mode: 'add',
    });
    expect(result.transitions.map((t) => t.to)).toEqual(['appraisal.self_review.waiting']);
    expect(runtime.status('edu').transfers).toEqual([
      { phase: 'study', at: '2005-03-14T10:00:00+08:00', onTime: true },
    ]);
  });

  it('goes into remediation when the window closes unmet, and transfers late when it catches up', () => {
    const { runtime, send } = referenceRuntime();
    send(...studyDone('edu', 3, '2005-02-24T10:00', 30));
    send(clock('2005-03-15T23:59'));
    expect(runtime.status('edu')).toMatchObject({ state: 'awaiting-transfer', timing: 'on-time' });
    send(clock('2005-03-16T00:00'));
    expect(runtime.status('edu')).toMatchObject({
      machineState: 'study.@transfer.overdue',
      state: 'remediation',
      timing: 'overdue',
      onTime: false,
    });

    send(
      ...[0, 1, 2].map((member) => ({
        type: 'fact' as const,
        time: '2005-03-18T09:00',
        unit: 'edu',
        metric: 'study_hours',
        member,
        value: 45,
      })),
    );
    const status = runtime.status('edu');
    expect(status.phase).toBe('appraisal');
    expect(status.transfers).toEqual([{ phase: 'study', at: '2005-03-18T09:00:00+08:00', onTime: false }]);
    // A late transfer stays on the record: the unit is no longer on time, even where it is now.
    expect(status.onTime).toBe(false);
    expect(status.state).toBe('active');
  });

  it('is late in a step whose window closed before the phase did (behind), not yet in remediation', () => {
    const { runtime, send } = referenceRuntime();
    send(clock('2005-03-03T12:00'));
    expect(runtime.status('edu')).toMatchObject({
      machineState: 'study.four_talks.behind',
      state: 'late',
      timing: 'behind',
      onTime: false,
    });
  });
});

describe('the 10-day extension of the study phase', () => {
  // Everything done by 03-08, and the gates met on 03-10: after the original end (03-05), before the extended one (03-15).
  const catchUp = (send: ReturnType<typeof referenceRuntime>['send']) => {
    send(...studyDone('edu', 3, '2005-02-24T10:00', 40));
    send(
      ...[0, 1, 2].map((member) => ({
        type: 'fact' as const,
        time: '2005-03-10T09:00',
        unit: 'edu',
        metric: 'study_hours',
        member,
        value: 45,
      })),
    );
  };

  it('without it, a unit that catches up on 03-10 transfers late', () => {
    const { runtime, send } = referenceRuntime('first-batch-no-extension.phase');
    catchUp(send);
    expect(runtime.status('edu').transfers).toEqual([
      { phase: 'study', at: '2005-03-10T09:00:00+08:00', onTime: false },
    ]);
  });

  it('written in the file (amend … effective 2005-02-21), the same unit is on time', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase');
    catchUp(send);
    send(clock('2005-03-13T00:00'));
    expect(runtime.status('edu').transfers).toEqual([
      { phase: 'study', at: '2005-03-13T00:00:00+08:00', onTime: true },
    ]);
  });

  it('sent as an amend event while the campaign runs, it brings an overdue unit back and makes it on time', () => {
    const { runtime, send } = referenceRuntime('first-batch-no-extension.phase');
    send(...studyDone('edu', 3, '2005-02-24T10:00', 40));
    send(clock('2005-03-07T09:00'));
    expect(runtime.status('edu')).toMatchObject({ state: 'remediation', machineState: 'study.@transfer.overdue' });

    const amended = send({
      type: 'amend',
      time: '2005-03-07T10:00',
      phase: 'study',
      extendDays: 10,
      effective: '2005-02-21T00:00',
      reason: '中央、省、市委通知',
    });
    expect(amended.rejected).toEqual([]);
    expect(amended.transitions).toMatchObject([
      { unit: 'edu', from: 'study.@transfer.overdue', to: 'study.@transfer.open' },
    ]);
    expect(runtime.status('edu')).toMatchObject({ state: 'awaiting-transfer', onTime: true });

    send(
      ...[0, 1, 2].map((member) => ({
        type: 'fact' as const,
        time: '2005-03-10T09:00',
        unit: 'edu',
        metric: 'study_hours',
        member,
        value: 45,
      })),
    );
    expect(runtime.status('edu').transfers).toEqual([
      { phase: 'study', at: '2005-03-10T09:00:00+08:00', onTime: true },
    ]);
  });

  it('back-dated, it does not rewrite a late transfer that happened before it arrived', () => {
    const { runtime, send } = referenceRuntime('first-batch-no-extension.phase');
    catchUp(send);
    expect(runtime.status('edu').transfers).toEqual([
      { phase: 'study', at: '2005-03-10T09:00:00+08:00', onTime: false },
    ]);
    const amended = send({
      type: 'amend',
      time: '2005-03-11T10:00',
      phase: 'study',
      extendDays: 10,
      effective: '2005-02-21T00:00',
    });
    expect(amended.rejected).toEqual([]);
    expect(runtime.status('edu').transfers).toEqual([
      { phase: 'study', at: '2005-03-10T09:00:00+08:00', onTime: false },
    ]);
  });

  it('cannot shorten a window, and only a role that can amend may send it', () => {
    const { send } = referenceRuntime('first-batch-no-extension.phase');
    expect(send({ type: 'amend', time: '2005-03-01T10:00', phase: 'study', extendDays: -3 }).rejected).toMatchObject([
      { field: 'extendDays', message: expect.stringMatching(/shorten/) },
    ]);
    expect(
      send({ type: 'amend', time: '2005-03-01T10:00', phase: 'study', extendTo: '2005-03-04' }).rejected,
    ).toMatchObject([{ field: 'extendTo', message: expect.stringMatching(/already ends 03-06 00:00/) }]);
    const byUnit = send({
      type: 'amend',
      time: '2005-03-01T10:00',
      phase: 'study',
      extendDays: 10,
      actor: { user: 'x', role: 'unit_admin', unit: 'edu' },
    });
    expect(byUnit.rejected).toMatchObject([
      { field: 'actor.role', message: expect.stringMatching(/unit_admin cannot amend.*office/) },
    ]);
  });
});

describe('sign-offs', () => {
  it('are refused from a role other than the checkpoint’s signer', () => {
    const { runtime, send } = referenceRuntime();
    const r = send({
      type: 'signoff',
      time: '2005-03-01T10:00',
      unit: 'edu',
      checkpoint: 'six_checks',
      item: 'lectures',
      actor: { user: 'li', role: 'office' },
    });
    expect(r.applied).toBe(0);
    expect(r.rejected).toEqual([
      {
        index: 0,
        eventId: expect.any(String),
        field: 'actor.role',
        message: 'six_checks is signed by supervisor (县委督导组), not by office; send the signoff as a supervisor.',
      },
    ]);
    const cp = runtime.status('edu').blockers.find((b) => b.kind === 'checkpoint');
    expect(cp).toMatchObject({ signed: 0, of: 6 });
  });

  it('are refused from anyone who belongs to the unit being signed off, whatever their role', () => {
    const { send } = referenceRuntime('first-batch.phase', [
      { id: 'edu', members: 3 },
      { id: 'pol', members: 2 },
    ]);
    const own = send({
      type: 'signoff',
      time: '2005-03-01T10:00',
      unit: 'edu',
      checkpoint: 'six_checks',
      item: 'lectures',
      actor: { user: 'wang', role: 'supervisor', unit: 'edu' },
    });
    expect(own.rejected).toMatchObject([
      { field: 'actor.unit', message: expect.stringMatching(/never signs its own checkpoint/) },
    ]);
    // A supervisor from another unit may.
    const other = send({
      type: 'signoff',
      time: '2005-03-01T10:00',
      unit: 'edu',
      checkpoint: 'six_checks',
      item: 'lectures',
      actor: { user: 'zhao', role: 'supervisor', unit: 'pol' },
    });
    expect(other.rejected).toEqual([]);
  });

  it('count only when the item’s own condition holds, and a revoke takes one back', () => {
    const { runtime, send } = referenceRuntime();
    send({ type: 'signoff', time: '2005-03-01T10:00', unit: 'edu', checkpoint: 'six_checks', item: 'key_work' });
    send({ type: 'signoff', time: '2005-03-01T10:00', unit: 'edu', checkpoint: 'six_checks', item: 'leadership' });
    let cp = runtime.status('edu').blockers.find((b) => b.kind === 'checkpoint');
    expect(cp).toMatchObject({ signed: 1, of: 6 });
    if (cp?.kind !== 'checkpoint') throw new Error('no checkpoint blocker');
    expect(cp.missing.find((m) => m.item === 'key_work')).toMatchObject({ number: 2, reason: 'condition' });
    send({ type: 'revoke', time: '2005-03-01T11:00', unit: 'edu', checkpoint: 'six_checks', item: 'leadership' });
    cp = runtime.status('edu').blockers.find((b) => b.kind === 'checkpoint');
    expect(cp).toMatchObject({ signed: 0 });
  });
});

describe('delivery', () => {
  it('treats a repeated event id as a no-op, in the same batch or a later one', () => {
    const { runtime, events } = referenceRuntime();
    const [e] = events({
      type: 'fact',
      time: '2005-03-01T10:00',
      unit: 'edu',
      metric: 'study_hours',
      member: 0,
      value: 5,
      mode: 'add',
    });
    expect(runtime.ingest([e, e])).toMatchObject({ applied: 1, duplicates: [e.id] });
    expect(runtime.ingest([e])).toMatchObject({ applied: 0, duplicates: [e.id], transitions: [] });
    const gap = runtime.status('edu').blockers.find((b) => b.kind === 'gate' && b.gate === 'study_training');
    expect(gap?.message).toMatch(/lowest 0\b/);
    expect(gate(runtime.status('edu').blockers, 'study_training')?.failing[0]).toMatchObject({ membersFailing: 3 });
  });

  it('applies a batch whole or not at all, and lists every problem in it', () => {
    const { runtime, events } = referenceRuntime();
    const before = JSON.stringify(runtime.status('edu'));
    const batch = events(
      { type: 'task', time: '2005-02-24T10:00', unit: 'edu', task: 'leaders_talk' },
      { type: 'task', time: '2005-02-24T10:00', unit: 'edu', task: 'expert_tlak' },
      { type: 'fact', time: '2005-02-24T10:00', unit: 'edu', metric: 'participation_rate', value: 120 },
      { type: 'clock', time: '2005-02-24T11:00' },
    );
    const r = runtime.ingest(batch);
    expect(r.applied).toBe(0);
    expect(r.transitions).toEqual([]);
    expect(r.rejected.map((x) => [x.index, x.field])).toEqual([
      [1, 'task'],
      [2, 'value'],
    ]);
    expect(r.rejected[0].message).toBe('unknown task "expert_tlak"; did you mean "expert_talk"?');
    expect(JSON.stringify(runtime.status('edu'))).toBe(before);
    // The good events alone go through.
    expect(runtime.ingest([batch[0], batch[3]]).applied).toBe(2);
  });
});
