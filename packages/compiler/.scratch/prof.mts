import { largeValidCampaign } from '../../../bench/compile.bench.ts';
import { compileFile } from '../src/index.ts';
import { parse } from '@phasegate/dsl';
const text = largeValidCampaign(2_000_000);
const parsed = parse(text, 'x');
compileFile(parsed.file, { reachability: false });
const t0 = performance.now();
compileFile(parsed.file, { reachability: false });
console.log(performance.now() - t0);
