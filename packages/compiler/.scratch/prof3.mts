import { largeValidCampaign } from '../../../bench/compile.bench.ts';
import { compileSource, createUnitMachine, emitMachineConfig } from '../src/index.ts';
import { toDirectedGraph } from 'xstate/graph';
const text = largeValidCampaign(2_000_000);
const { ir } = compileSource(text, 'x', { reachability: false });
for (let r = 0; r < 2; r++) {
let t = performance.now(); const cfg = emitMachineConfig(ir!); console.log('emit', (performance.now() - t).toFixed(0));
t = performance.now(); const m = createUnitMachine(ir!); console.log('createUnitMachine', (performance.now() - t).toFixed(0));
t = performance.now(); const g = toDirectedGraph(m); console.log('toDirectedGraph', (performance.now() - t).toFixed(0));
t = performance.now(); let n = 0; const walk = (x: any) => { n++; x.stateNode.always; x.children.forEach(walk); }; walk(g); console.log('always', n, (performance.now() - t).toFixed(0));
}
