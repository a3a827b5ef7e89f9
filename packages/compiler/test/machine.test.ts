import { describe, expect, test } from 'vitest';
import { createActor, initialTransition, transition, type SnapshotFrom } from 'xstate';
import { emitMachineConfig, TRANSFER_STATE, type CampaignIR, type UnitEvent } from '@phasegate/compiler';
import { createUnitMachine, type UnitMachine } from '@phasegate/compiler/machine';
import { expectClean, readExample } from './helpers.js';

/** `2005-03-02 09:00` in Asia/Shanghai (UTC+8, no DST in 2005) as epoch ms. */
function t(local: string): number {
  const [date, time = '00:00'] = local.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return Date.UTC(y, m - 1, d, hh - 8, mm);
}

const REFERENCE = readExample('first-batch.phase');
const ir: CampaignIR = expectClean(REFERENCE);

const at = (time: string) => ({ time: t(time) });
const tasks = (time: string, ...ids: string[]): UnitEvent[] => ids.map((task) => ({ type: 'task', task, ...at(time) }));
const deliverables = (time: string, ...ids: string[]): UnitEvent[] =>
  ids.map((deliverable) => ({ type: 'deliverable', deliverable, ...at(time) }));
const memberFacts = (time: string, metric: string, values: number[]): UnitEvent[] =>
  values.map((value, member) => ({ type: 'fact', metric, member, value, ...at(time) }));
const unitFact = (time: string, metric: string, value: number): UnitEvent => ({
  type: 'fact',
  metric,
  value,
  ...at(time),
});
const signAll = (time: string): UnitEvent[] => [
  ...['leadership', 'key_work', 'lectures', 'standards', 'requirements', 'rectification'].map((item) => ({
    type: 'signoff' as const,
    checkpoint: 'six_checks',
    item,
    ...at(time),
  })),
  { type: 'signoff', checkpoint: 'transfer_approval', item: 'application_approved', ...at(time) },
];

/** Every step of phase 1 done on time; the gate facts and sign-offs recorded on 03-14. */
function phaseOneOnTime(hours: [number, number] = [45, 46]): UnitEvent[] {
  return [
    { type: 'clock', ...at('2005-02-23 08:00') },
    ...tasks('2005-02-24 10:00', 'leaders_talk', 'expert_talk', 'exemplar_talk', 'self_talk', 'remedial_study'),
    ...deliverables('2005-03-05 10:00', 'advanced_standard', 'unqualified_criteria'),
    ...tasks('2005-03-10 10:00', 'open_book_exam'),
    ...deliverables('2005-03-11 10:00', 'phase_summary'),
    ...deliverables('2005-03-13 10:00', 'stage_summary', 'transfer_application'),
    ...tasks('2005-03-13 15:00', 'transfer_meeting'),
    ...memberFacts('2005-03-14 09:00', 'study_hours', hours),
    ...memberFacts('2005-03-14 09:00', 'concentrated_hours', [40, 41]),
    unitFact('2005-03-14 09:00', 'concentrated_days', 3),
    unitFact('2005-03-14 09:00', 'participation_rate', 96),
    unitFact('2005-03-14 09:00', 'awareness_rate', 85),
    ...signAll('2005-03-14 11:00'),
  ];
}

type Snapshot = SnapshotFrom<UnitMachine>;

/** Runs events through a started actor and returns every snapshot after each event. */
function runActor(machine: UnitMachine, events: readonly UnitEvent[], members = 2): Snapshot[] {
  const actor = createActor(machine, { input: { members } }).start();
  const out = [actor.getSnapshot()];
  for (const e of events) {
    actor.send(e);
    out.push(actor.getSnapshot());
  }
  actor.stop();
  return out;
}

/** The same with XState's pure `transition`. */
function runPure(machine: UnitMachine, events: readonly UnitEvent[], members = 2): Snapshot[] {
  let [s] = initialTransition(machine, { members });
  const out = [s];
  for (const e of events) {
    [s] = transition(machine, s, e);
    out.push(s);
  }
  return out;
}

const tagsOf = (s: Snapshot) => [...s.tags].sort();

describe('the unit machine on the reference campaign', () => {
  const machine = createUnitMachine(ir);

  test('the emitted config is JSON and createMachine accepts it as it is', () => {
    const config = emitMachineConfig(ir);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    expect(JSON.stringify(config)).not.toContain('"after"');
    expect(Object.keys(config.states ?? {})).toEqual(['study', 'appraisal', 'rectification', 'completed']);
    // The reference has a step called `transfer`; the transfer position has its own key.
    expect(Object.keys(config.states!.study.states!)).toEqual([
      'four_talks',
      'big_discussion',
      'effect_test',
      'transfer',
      TRANSFER_STATE,
    ]);
  });

  test('a unit starts waiting at the first step and opens with the window', () => {
    const [start, opened] = runActor(machine, [{ type: 'clock', ...at('2005-02-23 00:00') }]);
    expect(start.value).toEqual({ study: { four_talks: 'waiting' } });
    expect(tagsOf(start)).toEqual(['blocked', 'waiting']);
    expect(opened.value).toEqual({ study: { four_talks: 'open' } });
    expect(tagsOf(opened)).toEqual(['active', 'blocked']);
  });

  test('a unit walks through phase 1 on time', () => {
    const events = phaseOneOnTime();
    const snaps = runActor(machine, events);
    const after = (n: number) => snaps[n].value;
    // The five talks done on 02-24: the next step waits for its window (03-02).
    expect(after(6)).toEqual({ study: { big_discussion: 'waiting' } });
    const last = snaps[snaps.length - 1];
    expect(last.value).toEqual({ appraisal: { self_review: 'waiting' } });
    expect(last.context.transfers).toEqual([{ phase: 'study', at: t('2005-03-14 11:00'), onTime: true }]);
    // Before the sign-offs, the unit waits at the transfer gate.
    const beforeSigning = snaps[snaps.length - 7];
    expect(beforeSigning.value).toEqual({ study: { [TRANSFER_STATE]: 'open' } });
    expect(tagsOf(beforeSigning)).toEqual(['active', 'awaiting-transfer', 'blocked']);
  });

  test('tasks recorded before a step opens count when it opens', () => {
    const snaps = runActor(machine, [
      ...tasks('2005-02-01 10:00', 'leaders_talk', 'expert_talk', 'exemplar_talk', 'self_talk', 'remedial_study'),
      { type: 'clock', ...at('2005-02-23 00:00') },
    ]);
    expect(snaps[5].value).toEqual({ study: { four_talks: 'waiting' } });
    expect(snaps[6].value).toEqual({ study: { big_discussion: 'waiting' } });
  });

  test('one member at 44.5 hours blocks the unit; the window closes; the last half hour lets it go, late', () => {
    const events = phaseOneOnTime([45, 44.5]);
    const blocked = runActor(machine, events).pop()!;
    expect(blocked.value).toEqual({ study: { [TRANSFER_STATE]: 'open' } });
    expect(blocked.hasTag('blocked')).toBe(true);

    const more: UnitEvent[] = [
      { type: 'clock', ...at('2005-03-16 00:00') },
      { type: 'fact', metric: 'study_hours', member: 1, value: 0.5, mode: 'add', ...at('2005-03-17 10:00') },
    ];
    const snaps = runActor(machine, [...events, ...more]);
    const overdue = snaps[snaps.length - 2];
    expect(overdue.value).toEqual({ study: { [TRANSFER_STATE]: 'overdue' } });
    expect(tagsOf(overdue)).toEqual(['awaiting-transfer', 'blocked', 'late', 'remediation']);
    const moved = snaps[snaps.length - 1];
    expect(moved.value).toEqual({ appraisal: { self_review: 'open' } });
    expect(moved.context.memberMetrics.study_hours).toEqual([45, 45]);
    expect(moved.context.transfers).toEqual([{ phase: 'study', at: t('2005-03-17 10:00'), onTime: false }]);
  });

  test('a unit behind on its first step is late, then in remediation once the phase closes', () => {
    const snaps = runActor(machine, [
      { type: 'clock', ...at('2005-03-03 09:00') },
      { type: 'clock', ...at('2005-03-16 00:00') },
    ]);
    expect(snaps[1].value).toEqual({ study: { four_talks: 'behind' } });
    expect(tagsOf(snaps[1])).toEqual(['blocked', 'late']);
    expect(snaps[2].value).toEqual({ study: { four_talks: 'overdue' } });
    expect(tagsOf(snaps[2])).toEqual(['blocked', 'late', 'remediation']);
  });

  test('`mark late` phases are late but not in remediation', () => {
    const snaps = runActor(machine, [{ type: 'clock', ...at('2005-07-01 00:00') }]);
    // The unit never left phase 1, so it is in remediation there; rectification is `mark late`.
    expect(snaps[1].hasTag('remediation')).toBe(true);
    const cfg = emitMachineConfig(ir);
    expect(cfg.states!.rectification.states!.rectify.states!.overdue.tags).toEqual(['late', 'blocked']);
  });

  test('the pure transition function agrees with the actor after every event', () => {
    const events = [...phaseOneOnTime([45, 44.5]), { type: 'clock', ...at('2005-03-20 00:00') } as UnitEvent];
    const a = runActor(machine, events);
    const p = runPure(machine, events);
    expect(p.map((s) => s.value)).toEqual(a.map((s) => s.value));
    expect(p.map(tagsOf)).toEqual(a.map(tagsOf));
    expect(p[p.length - 1].context).toEqual(a[a.length - 1].context);
    expect(p[p.length - 1].value).toEqual({ study: { [TRANSFER_STATE]: 'overdue' } });
  });

  test('time never goes backwards', () => {
    const snaps = runActor(machine, [
      { type: 'clock', ...at('2005-03-03 09:00') },
      { type: 'clock', ...at('2005-02-01 09:00') },
    ]);
    expect(snaps[2].context.now).toBe(t('2005-03-03 09:00'));
    expect(snaps[2].value).toEqual({ study: { four_talks: 'behind' } });
  });

  test('revoking a sign-off keeps the unit at the gate', () => {
    const events: UnitEvent[] = [
      ...phaseOneOnTime().slice(0, -1),
      { type: 'revoke', checkpoint: 'six_checks', item: 'leadership', ...at('2005-03-14 10:00') },
      { type: 'signoff', checkpoint: 'six_checks', item: 'rectification', ...at('2005-03-14 11:00') },
    ];
    const last = runActor(machine, events).pop()!;
    expect(last.value).toEqual({ study: { [TRANSFER_STATE]: 'open' } });
    expect(last.context.signoffs.six_checks.leadership).toBeUndefined();
  });
});

describe('the 10-day extension', () => {
  // The campaign as it stood before the higher-level notice: the same IR without its amendment.
  const base: CampaignIR = { ...ir, amendments: [] };
  const machine = createUnitMachine(base);
  const study = base.phases[0].window;
  const extension: UnitEvent = {
    type: 'amend',
    window: study,
    start: base.windows[study].start,
    end: t('2005-03-16 00:00'),
    effective: t('2005-02-21 00:00'),
    ...at('2005-02-21 09:00'),
  };

  test('without it, a unit that finishes on 03-14 is overdue and transfers late', () => {
    expect(base.amendments).toEqual([]);
    const snaps = runActor(machine, phaseOneOnTime());
    expect(snaps.some((s) => s.hasTag('remediation'))).toBe(true);
    expect(snaps[snaps.length - 1].context.transfers).toEqual([
      { phase: 'study', at: t('2005-03-14 11:00'), onTime: false },
    ]);
  });

  test('with it (as an `amend` event), the same unit is on time', () => {
    const snaps = runActor(machine, [extension, ...phaseOneOnTime()]);
    expect(snaps.some((s) => s.hasTag('remediation'))).toBe(false);
    expect(snaps[snaps.length - 1].context.transfers).toEqual([
      { phase: 'study', at: t('2005-03-14 11:00'), onTime: true },
    ]);
  });

  test('an extension received late moves an overdue unit back', () => {
    const snaps = runActor(machine, [
      { type: 'clock', ...at('2005-03-07 09:00') },
      { ...extension, ...at('2005-03-07 10:00') },
    ]);
    expect(snaps[1].value).toEqual({ study: { four_talks: 'overdue' } });
    expect(snaps[1].hasTag('remediation')).toBe(true);
    expect(snaps[2].value).toEqual({ study: { four_talks: 'behind' } });
    expect(snaps[2].hasTag('remediation')).toBe(false);
  });

  test('the file amendment does the same as the event', () => {
    const snaps = runActor(createUnitMachine(ir), phaseOneOnTime());
    expect(snaps[snaps.length - 1].context.transfers[0].onTime).toBe(true);
  });
});
