import { largeValidCampaign } from '../../../bench/compile.bench.ts';
import { compileSource } from '../src/index.ts';
const text = largeValidCampaign(2_000_000);
compileSource(text, 'x');
const t = performance.now(); compileSource(text, 'x'); console.log(performance.now() - t);
