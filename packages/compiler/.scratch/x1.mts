import { setup, createActor, transition, initialTransition, assign } from 'xstate';
const m = setup({
  types: {} as { context: { now: number; done: boolean }, events: { type: 'clock'; time: number } | { type: 'task'; time: number }, input: { now?: number } },
  guards: { isOpen: ({ context }, p: { at: number }) => context.now >= p.at, done: ({context}) => context.done },
  actions: { tick: assign(({ context, event }) => ({ now: Math.max(context.now, event.time) })), mark: assign({ done: true }) },
}).createMachine({
  id: 'camp',
  context: ({ input }) => ({ now: input.now ?? 0, done: false }),
  initial: 'p1',
  on: { clock: { actions: 'tick' }, task: { actions: ['tick', 'mark'] } },
  states: {
    p1: { initial: 'transfer', states: { transfer: { initial: 'waiting',
      always: [{ guard: { type: 'done' }, target: '#camp.completed' }],
      states: { waiting: { tags: ['waiting'], always: [{ guard: { type: 'isOpen', params: { at: 10 } }, target: 'open' }] }, open: { tags: ['active'] } } } } },
    completed: { type: 'final' },
  },
} as any);
const a = createActor(m, { input: {} }).start();
console.log(a.getSnapshot().value);
a.send({ type: 'clock', time: 11 });
console.log(a.getSnapshot().value, [...a.getSnapshot().tags]);
a.send({ type: 'task', time: 12 });
console.log(a.getSnapshot().value, a.getSnapshot().status);
let [s] = initialTransition(m, { now: 20 } as any);
console.log(s.value);
[s] = transition(m, s, { type: 'task', time: 21 });
console.log(s.value, s.context);
