import { readFileSync } from 'node:fs';
import { compileSource, createUnitMachine, emitMermaid } from '../src/index.ts';
import { createActor } from 'xstate';
const text = readFileSync('dsl-examples/first-batch.phase', 'utf8');
const r = compileSource(text, 'first-batch.phase');
console.log(r.diagnostics.map(d => `${d.code} ${d.severity} ${d.message} @${text.slice(d.span.start, d.span.end)}`));
if (r.ir) {
  console.log(JSON.stringify(r.ir.windows.map(w => [w.owner, new Date(w.start).toISOString(), new Date(w.end).toISOString()])));
  console.log(JSON.stringify(r.ir.amendments), JSON.stringify(r.ir.obligations).slice(0, 500));
  const a = createActor(createUnitMachine(r.ir), { input: { members: 2 } }).start();
  console.log(a.getSnapshot().value);
  a.send({ type: 'clock', time: Date.UTC(2005, 1, 23) });
  console.log(a.getSnapshot().value, [...a.getSnapshot().tags]);
  console.log(emitMermaid(r.ir));
}
