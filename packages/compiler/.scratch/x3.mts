import { setup } from 'xstate';
import { toDirectedGraph, getStateNodes } from 'xstate/graph';
const m = setup({ guards: { g: (_: any, p: any) => true } }).createMachine({
  id: 'c', initial: 'a', on: { clock: { actions: [] } },
  states: { a: { initial: 'x', always: [{ guard: { type: 'g', params: { n: 1 } }, target: '#c.@t' }], states: { x: {} } }, '@t': {}, completed: { type: 'final' } },
} as any);
const g = toDirectedGraph(m);
const walk = (n: any, d = 0): void => { console.log(' '.repeat(d), n.id, n.stateNode.path, n.edges.map((e: any) => e.label.text + '->' + e.target.id), n.stateNode.always?.map((t: any) => [t.guard, t.target?.map((x: any) => x.id)]), n.stateNode.type, n.stateNode.initial?.target?.map((x: any) => x.id)); n.children.forEach((c: any) => walk(c, d + 2)); };
walk(g);
