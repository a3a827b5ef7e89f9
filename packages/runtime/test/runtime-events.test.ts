/**
 * Untrusted events are checked once, at the edge: every rejection names the field and says what
 * to do. Driven through `ingest`, as an application would see it.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignEvent } from '@phasegate/runtime';
import { referenceRuntime } from './kernel-helpers.js';

const units = [
  { id: 'edu', members: ['li', 'wang', 'zhang'] },
  { id: 'pol', members: 2 },
];

/** The rejections of one event (the runtime is fresh each time). */
function rejections(event: Record<string, unknown>) {
  const { runtime } = referenceRuntime('first-batch.phase', units);
  const base = { id: 'x1', time: '2005-03-01T09:00', actor: { user: 'li', role: 'unit_admin', unit: 'edu' } };
  const result = runtime.ingest([{ ...base, ...event } as unknown as CampaignEvent]);
  expect(result.applied).toBe(0);
  return result.rejected.map((r) => ({ field: r.field, message: r.message }));
}

const fact = { type: 'fact', unit: 'edu', metric: 'study_hours', member: 'li', value: 2 };

describe('event validation', () => {
  it('accepts members by roster id or index, local times and times with an offset', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase', units);
    const r = send(
      { type: 'fact', time: '2005-03-01T09:00', unit: 'edu', metric: 'study_hours', member: 'wang', value: 45 },
      { type: 'fact', time: '2005-03-01T01:00:00Z', unit: 'edu', metric: 'study_hours', member: 0, value: 45 },
      { type: 'fact', time: '2005-03-01T09:00:00+08:00', unit: 'pol', metric: 'study_hours', member: '1', value: 45 },
    );
    expect(r).toMatchObject({ applied: 3, rejected: [] });
    expect(runtime.status('edu').blockers.find((b) => b.kind === 'gate')?.message).toMatch(
      /study hours: 1 of 3 members below 45 hours/,
    );
  });

  it.each([
    ['unknown unit', { ...fact, unit: 'edj' }, 'unit', 'unknown unit "edj"; did you mean "edu"?'],
    [
      'unknown metric',
      { ...fact, metric: 'study_hour' },
      'metric',
      'unknown metric "study_hour"; did you mean "study_hours"?',
    ],
    [
      'unknown member id',
      { ...fact, member: 'zhao' },
      'member',
      'edu has no member "zhao"; its roster lists 3 member ids.',
    ],
    [
      'member index out of range',
      { ...fact, unit: 'pol', member: 2 },
      'member',
      'member 2 is out of range: pol has 2 members, 0 to 1.',
    ],
    [
      'member id on a unit without ids',
      { ...fact, unit: 'pol', member: 'li' },
      'member',
      expect.stringMatching(/gives a member count, so name members by index \(0 to 1\)/),
    ],
    [
      'a member metric without member',
      { ...fact, member: undefined },
      'member',
      'study_hours is recorded per member; name the member (roster id, or index from 0).',
    ],
    [
      'a unit metric with a member',
      { ...fact, metric: 'concentrated_days', value: 1 },
      'member',
      'concentrated_days is recorded per unit, not per member; leave "member" out.',
    ],
    ['a value that is not a number', { ...fact, value: '2' }, 'value', expect.stringMatching(/"2" is not a number/)],
    [
      'a non-finite value',
      { ...fact, value: Infinity },
      'value',
      expect.stringMatching(/not a number; give a finite number/),
    ],
    ['a negative value', { ...fact, value: -1 }, 'value', expect.stringMatching(/-1 is negative/)],
    [
      'a percent over 100',
      { type: 'fact', unit: 'edu', metric: 'awareness_rate', value: 101 },
      'value',
      '101% is more than 100%; percents run from 0 to 100.',
    ],
    ['an unknown mode', { ...fact, mode: 'increment' }, 'mode', expect.stringMatching(/use "set".*or "add"/)],
    [
      'unknown task',
      { type: 'task', unit: 'edu', task: 'lecture' },
      'task',
      expect.stringMatching(/^unknown task "lecture"; the campaign's tasks are leaders_talk, expert_talk/),
    ],
    [
      'unknown deliverable',
      { type: 'deliverable', unit: 'edu', deliverable: 'summary' },
      'deliverable',
      expect.stringMatching(/^unknown deliverable "summary"/),
    ],
    [
      'unknown checkpoint',
      {
        type: 'signoff',
        unit: 'edu',
        checkpoint: 'six_check',
        item: 'lectures',
        actor: { user: 's', role: 'supervisor' },
      },
      'checkpoint',
      'unknown checkpoint "six_check"; did you mean "six_checks"?',
    ],
    [
      'unknown item',
      {
        type: 'signoff',
        unit: 'edu',
        checkpoint: 'six_checks',
        item: 'lecture',
        actor: { user: 's', role: 'supervisor' },
      },
      'item',
      expect.stringMatching(
        /six_checks has no item "lecture" \(did you mean "lectures"\?\); its items are leadership, key_work/,
      ),
    ],
    [
      'unknown document',
      { type: 'acknowledge', unit: 'edu', document: 'doc_8' },
      'document',
      'unknown document "doc_8"; did you mean "doc_7"?',
    ],
    [
      'unknown obligation',
      { type: 'report', unit: 'edu', obligation: 'spring' },
      'obligation',
      expect.stringMatching(/^unknown obligation "spring"/),
    ],
    [
      'unknown role',
      { ...fact, actor: { user: 'li', role: 'admin' } },
      'actor.role',
      expect.stringMatching(/^unknown role "admin"; the campaign's roles are office, supervisor, unit_admin\.$/),
    ],
    ['no actor', { ...fact, actor: undefined }, 'actor', expect.stringMatching(/is missing; give \{ "user"/)],
    [
      'an unknown event type',
      { type: 'facts' },
      'type',
      expect.stringMatching(/"facts" is not an event type; use one of fact, task/),
    ],
    [
      'a report toward an acknowledgement',
      { type: 'report', unit: 'edu', obligation: 'newyear_ack' },
      'obligation',
      expect.stringMatching(/send "acknowledge" events/),
    ],
    [
      'a role report with a unit',
      { type: 'report', unit: 'edu', obligation: 'weekly_report', actor: { user: 's', role: 'supervisor' } },
      'unit',
      expect.stringMatching(/owed by the supervisor role, not by a unit/),
    ],
    [
      'a role report by another role',
      { type: 'report', obligation: 'weekly_report' },
      'actor.role',
      'weekly_report is owed by supervisor; a unit_admin cannot report it.',
    ],
  ])('rejects %s', (_, event, field, message) => {
    expect(rejections(event)).toEqual([{ field, message }]);
  });

  it('rejects an add that would take a percent past 100, naming both numbers', () => {
    const { send } = referenceRuntime('first-batch.phase', units);
    send({ type: 'fact', time: '2005-03-01T09:00', unit: 'edu', metric: 'participation_rate', value: 90 });
    const r = send({
      type: 'fact',
      time: '2005-03-01T10:00',
      unit: 'edu',
      metric: 'participation_rate',
      value: 15,
      mode: 'add',
    });
    expect(r.rejected).toMatchObject([
      { field: 'value', message: 'participation_rate would reach 105% (90% + 15%); percents run from 0 to 100.' },
    ]);
  });

  it.each([
    ['no time of day', '2005-03-01', /"2005-03-01" has no time of day/],
    ['garbage', 'yesterday', /"yesterday" is not a date-time/],
    ['an impossible date', '2005-02-30T09:00', /is not a real date and time/],
    ['a year typo', '2050-03-01T09:00', /more than five years after the campaign ends; check the year/],
    ['a time long before', '2003-03-01T09:00', /more than a year before the campaign starts; check the year/],
  ])('rejects a time with %s', (_, time, message) => {
    expect(rejections({ ...fact, time })).toEqual([{ field: 'time', message: expect.stringMatching(message) }]);
  });

  it('lists every problem of one event, not just the first', () => {
    expect(
      rejections({
        id: '',
        type: 'fact',
        unit: 'nope',
        metric: 'nope',
        value: -3,
        actor: { user: '', role: 'unit_admin' },
      }).map((r) => r.field),
    ).toEqual(['id', 'actor.user', 'unit', 'metric', 'value']);
  });

  describe('amendments', () => {
    const amend = { type: 'amend', phase: 'study', actor: { user: 'o', role: 'office' } };
    it.each([
      ['no action', {}, 'extendDays', expect.stringMatching(/needs exactly one action: extendDays/)],
      [
        'two actions',
        { extendDays: 3, moveDays: 2 },
        'moveDays',
        'give exactly one of extendDays, extendTo, moveDays; this event has extendDays and moveDays.',
      ],
      ['zero days', { extendDays: 0 }, 'extendDays', '0 is not a whole number of days above 0.'],
      ['fractional days', { extendDays: 1.5 }, 'extendDays', '1.5 is not a whole number of days above 0.'],
      [
        'moving earlier',
        { moveDays: -2 },
        'moveDays',
        expect.stringMatching(/-2 would shorten phase study or pull it earlier/),
      ],
      [
        'an unknown phase',
        { phase: 'studies', extendDays: 2 },
        'phase',
        'unknown phase "studies"; did you mean "study"?',
      ],
      [
        'an unknown step',
        { step: 'talks', extendDays: 2 },
        'step',
        expect.stringMatching(/phase study has no step "talks"; its steps are four_talks, big_discussion/),
      ],
      [
        'a step past its phase',
        { step: 'transfer', extendDays: 2 },
        'extendDays',
        'step study.transfer would end 03-18 00:00, after its phase ends (03-16 00:00); extend phase study first.',
      ],
      [
        'a role that cannot amend',
        { extendDays: 2, actor: { user: 's', role: 'supervisor' } },
        'actor.role',
        'supervisor cannot amend the calendar; roles that can: office.',
      ],
      [
        'an effective time before a scheduled one',
        { extendDays: 2, effective: '2005-02-20T00:00' },
        'effective',
        'phase study already has an amendment taking effect 02-21 00:00; a new one must take effect then or later.',
      ],
    ])('rejects %s', (_, event, field, message) => {
      expect(rejections({ ...amend, ...event })).toEqual([{ field, message }]);
    });

    it('extends to a date as the end of that day, and moves a step within its phase', () => {
      const { runtime, send } = referenceRuntime();
      expect(
        send({ type: 'amend', time: '2005-03-01T09:00', phase: 'study', extendTo: '2005-03-20' }).rejected,
      ).toEqual([]);
      expect(
        send({ type: 'amend', time: '2005-03-01T09:00', phase: 'study', step: 'transfer', moveDays: 2 }).rejected,
      ).toEqual([]);
      send({ type: 'clock', time: '2005-03-16T09:00' });
      // The transfer step now runs 03-15 .. 03-17 (ending 03-18 00:00), inside the phase ending 03-21 00:00.
      expect(runtime.status('edu')).toMatchObject({ machineState: 'study.four_talks.behind', state: 'late' });
    });
  });
});
