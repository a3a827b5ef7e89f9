/**
 * The `Runtime` facade: registering units, reopening from snapshots and the log, a failed commit
 * that leaves nothing behind, subscriptions, and the errors an application can act on.
 */
import { compileSource, type CampaignIR } from '@phasegate/compiler';
import { describe, expect, it } from 'vitest';
import {
  memoryStore,
  openRuntime,
  RuntimeError,
  type CampaignEvent,
  type Runtime,
  type Store,
  type TransitionRecord,
} from '@phasegate/runtime';
import { clock, compile, referenceRuntime, studyDone } from './kernel-helpers.js';

const observe = (runtime: Runtime) =>
  JSON.stringify({
    statuses: [...runtime.statuses()],
    summary: runtime.summary(),
    overdue: runtime.overdue('2005-07-01T00:00'),
  });

function thrown(fn: () => unknown): RuntimeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RuntimeError) return err;
    throw err;
  }
  throw new Error('expected a RuntimeError');
}

describe('registerUnits', () => {
  it('ignores an identical registration and refuses a conflicting one, listing every problem', () => {
    const { runtime, store } = referenceRuntime('first-batch.phase', [
      { id: 'edu', label: 'Education Bureau', members: 3 },
    ]);
    runtime.registerUnits([{ id: 'edu', label: 'Education Bureau', members: 3 }]);
    expect([...store.units()]).toHaveLength(1);
    const err = thrown(() =>
      runtime.registerUnits([
        { id: 'edu', label: 'Education Bureau', members: 4 },
        { id: 'pol', members: -1 },
        { id: 'ag', members: 2, parent: 'county' },
        { id: '', members: 1 },
      ]),
    );
    expect(err.code).toBe('invalid-units');
    expect(err.message).toBe(
      [
        'Cannot register units:',
        '- unit "edu" is already registered with members 3 (now 4); a unit cannot change once registered (register it under a new id).',
        '- unit "pol": members must be a whole number of members (0 or more), or a list of member ids.',
        '- unit 4 has no usable id; an id is a non-empty line of text.',
        '- unit "ag" names parent "county", which is not registered; register the parent in the same call or before.',
      ].join('\n'),
    );
    expect([...store.units()]).toHaveLength(1);
  });
});

describe('reopening', () => {
  it('restores the latest snapshot and replays the tail; the state equals a replay from empty', () => {
    const store = memoryStore();
    const { runtime, send } = referenceRuntime(
      'first-batch.phase',
      [
        { id: 'edu', members: 3 },
        { id: 'pol', members: 2 },
      ],
      store,
      20,
    );
    send(...studyDone('edu', 3, '2005-02-24T10:00'));
    send(...studyDone('pol', 2, '2005-02-24T10:00', 30));
    send(clock('2005-03-13T09:00'), clock('2005-03-16T09:00'));
    const live = observe(runtime);
    expect(store.latestSnapshot()).toBeDefined();
    const ir = compile('first-batch.phase');
    expect(observe(openRuntime({ ir, store }))).toBe(live);

    // The same log without snapshots, in a store of its own.
    const bare = memoryStore();
    for (const u of store.units()) bare.commit({ units: [u] });
    bare.commit({ events: [...store.events()].map((e) => ({ id: e.id, json: e.json })) });
    expect(bare.latestSnapshot()).toBeUndefined();
    expect(observe(openRuntime({ ir, store: bare }))).toBe(live);
  });

  it('replays a unit registered mid-campaign at its place in the log', () => {
    // A phase without steps whose gate always holds: a unit leaves it at the first event that finds the phase open.
    const { ir } = compileSource(
      `campaign tiny "Tiny" {
        timezone UTC
        role office "Office" can amend, issue
        metric hours "Hours" hours per member
        phase one "One" {
          window 2024-01-01 .. 2024-01-10
          gate g "G" { every member hours >= 0 hours }
          when late mark late
        }
      }`,
      'tiny.phase',
    );
    const store = memoryStore();
    const runtime = openRuntime({ ir: ir!, store, snapshotEvery: 0 });
    const tick = (id: string, time: string): CampaignEvent => ({
      id,
      type: 'clock',
      time,
      actor: { user: 'o', role: 'office' },
    });
    runtime.registerUnits([{ id: 'early', members: 0 }]);
    runtime.ingest([tick('c1', '2024-01-02T00:00')]);
    runtime.ingest([tick('c2', '2024-01-15T00:00')]);
    runtime.registerUnits([{ id: 'late', members: 0 }]);
    expect(runtime.status('early').transfers).toEqual([{ phase: 'one', at: '2024-01-02T00:00:00Z', onTime: true }]);
    expect(runtime.status('late').transfers).toEqual([{ phase: 'one', at: '2024-01-15T00:00:00Z', onTime: false }]);
    expect(observe(openRuntime({ ir: ir!, store }))).toBe(observe(runtime));
  });

  it('refuses a log that no longer fits the campaign, saying which event and why', () => {
    const store = memoryStore();
    const { send } = referenceRuntime('first-batch.phase', [{ id: 'edu', members: 3 }], store);
    send({ type: 'task', time: '2005-02-24T10:00', unit: 'edu', task: 'leaders_talk' });
    const err = thrown(() => openRuntime({ ir: compile('grant-programme.phase'), store }));
    expect(err.code).toBe('replay-failed');
    expect(err.message).toMatch(
      /^Event t0 \(log position 1\) no longer fits the campaign: .*actor.role: unknown role "unit_admin"/,
    );
  });
});

describe('ingest', () => {
  it('leaves the state untouched when the store fails to commit, and carries on after', () => {
    const base = memoryStore();
    let fail = false;
    const flaky: Store = {
      ...base,
      commit(batch) {
        if (fail) throw new Error('disk full');
        return base.commit(batch);
      },
    };
    const { runtime, send } = referenceRuntime('first-batch.phase', [{ id: 'edu', members: 3 }], flaky);
    send(...studyDone('edu', 3, '2005-02-24T10:00', 40));
    const before = observe(runtime);
    fail = true;
    expect(() =>
      send(clock('2005-03-13T09:00'), {
        type: 'fact',
        time: '2005-03-13T10:00',
        unit: 'edu',
        metric: 'study_hours',
        member: 0,
        value: 45,
      }),
    ).toThrow('disk full');
    expect(observe(runtime)).toBe(before);
    fail = false;
    expect(send(clock('2005-03-13T09:00')).transitions).toHaveLength(1);
    expect(runtime.status('edu').machineState).toBe('study.@transfer.open');
  });

  it('tells subscribers about transitions and units that moved on, until they unsubscribe', () => {
    const { runtime, send } = referenceRuntime();
    const transitions: TransitionRecord[] = [];
    const unblocked: string[] = [];
    const off = runtime.on('transition', (t) => transitions.push(t));
    runtime.on('unblocked', (u) => unblocked.push(`${u.unit}@${u.time}`));
    send(clock('2005-02-23T09:00'));
    send(
      ...['leaders_talk', 'expert_talk', 'exemplar_talk', 'self_talk', 'remedial_study'].map((task) => ({
        type: 'task' as const,
        time: '2005-02-24T09:00',
        unit: 'edu',
        task,
      })),
    );
    expect(transitions.map((t) => `${t.from} -> ${t.to}`)).toEqual([
      'study.four_talks.waiting -> study.four_talks.open',
      'study.four_talks.open -> study.big_discussion.waiting',
    ]);
    expect(unblocked).toEqual(['edu@2005-02-24T09:00:00+08:00']);
    off();
    send(clock('2005-03-02T09:00'));
    expect(transitions).toHaveLength(2);
  });

  it('a listener that throws does not silence the others, and the batch it reports on stays logged', () => {
    const { runtime, store, events } = referenceRuntime();
    const heard: string[] = [];
    runtime.on('transition', () => {
      throw new Error('mailer down');
    });
    runtime.on('transition', (t) => heard.push(t.to));
    const batch = events(clock('2005-02-23T09:00'));
    const err = thrown(() => runtime.ingest(batch));
    expect(err.code).toBe('listener-failed');
    expect(err.message).toMatch(
      /^The batch was applied and logged \(1 event\), but a "transition" listener threw: mailer down\./,
    );
    expect(err.cause).toBeInstanceOf(Error);
    expect(err.result).toMatchObject({
      applied: 1,
      rejected: [],
      transitions: [{ unit: 'edu', to: 'study.four_talks.open' }],
    });
    expect(heard).toEqual(['study.four_talks.open']);
    expect(store.lastSeq()).toBe(1);
    expect(runtime.status('edu').machineState).toBe('study.four_talks.open');
    expect(runtime.ingest(batch)).toMatchObject({ applied: 0, duplicates: [batch[0].id] });
  });

  it('check says what ingest would do, and changes nothing', () => {
    const { runtime, store, events } = referenceRuntime();
    let called = 0;
    runtime.on('transition', () => called++);
    const good = events(clock('2005-02-23T09:00'), {
      type: 'task',
      time: '2005-02-24T09:00',
      unit: 'edu',
      task: 'leaders_talk',
    });
    const before = observe(runtime);
    const checked = runtime.check(good);
    expect(observe(runtime)).toBe(before);
    expect(store.lastSeq()).toBe(0);
    expect(called).toBe(0);
    expect(runtime.ingest(good)).toEqual(checked);
    expect(called).toBe(1);

    const bad = events(
      { type: 'task', time: '2005-02-25T09:00', unit: 'edu', task: 'leaders_tlk' },
      { type: 'task', time: '2005-02-25T09:00', unit: 'nope', task: 'expert_talk' },
    );
    const after = observe(runtime);
    expect(runtime.check(bad).rejected.map((r) => [r.index, r.field])).toEqual([
      [0, 'task'],
      [1, 'unit'],
    ]);
    expect(runtime.check(good)).toMatchObject({ applied: 0, duplicates: good.map((e) => e.id) });
    expect(observe(runtime)).toBe(after);
  });

  it('reports what an application does wrong as RuntimeErrors with codes', () => {
    const { runtime } = referenceRuntime();
    expect(thrown(() => runtime.status('nope'))).toMatchObject({
      code: 'unknown-unit',
      message: expect.stringMatching(/There is no unit "nope"/),
    });
    expect(thrown(() => runtime.ingest({} as unknown as CampaignEvent[]))).toMatchObject({ code: 'invalid-batch' });
    expect(thrown(() => runtime.overdue('soon'))).toMatchObject({
      code: 'invalid-time',
      message: expect.stringMatching(/"soon" is not a date-time/),
    });
    runtime.close();
    expect(thrown(() => runtime.summary())).toMatchObject({ code: 'closed' });
  });

  it('accepts an empty batch and a batch of duplicates without writing anything', () => {
    const { runtime, store, events } = referenceRuntime();
    expect(runtime.ingest([])).toEqual({ applied: 0, duplicates: [], rejected: [], transitions: [] });
    const batch = events(clock('2005-02-23T09:00'));
    runtime.ingest(batch);
    const seq = store.lastSeq();
    expect(runtime.ingest(batch)).toEqual({ applied: 0, duplicates: [batch[0].id], rejected: [], transitions: [] });
    expect(store.lastSeq()).toBe(seq);
  });
});

describe('campaign', () => {
  it('names the campaign and its zone', () => {
    const ir: CampaignIR = compile('first-batch.phase');
    expect(openRuntime({ ir, store: memoryStore() }).campaign).toEqual({
      id: 'first_batch',
      label: '第一批先进性教育活动',
      timezone: 'Asia/Shanghai',
    });
  });
});
