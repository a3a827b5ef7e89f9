import { largeValidCampaign } from '../../../bench/compile.bench.ts';
import { parse } from '@phasegate/dsl';
import { createContext } from '../src/context.ts';
import { CHECK_PASSES } from '../src/passes.ts';
import { lower } from '../src/lower.ts';
import { localToEpoch } from '../src/calendar.ts';
const text = largeValidCampaign(2_000_000);
const parsed = parse(text, 'x');
for (let r = 0; r < 2; r++) {
  let t = performance.now();
  const ctx = createContext(parsed.file, parsed.file.campaign!);
  console.log('context', (performance.now() - t).toFixed(0));
  for (const p of CHECK_PASSES) { t = performance.now(); p.run(ctx); console.log(p.name, (performance.now() - t).toFixed(0)); }
  t = performance.now(); lower(ctx); console.log('lower', (performance.now() - t).toFixed(0));
}
let t = performance.now(); for (let i = 0; i < 10000; i++) localToEpoch('Asia/Shanghai', 2005, 1, 1 + (i % 300), 12, 0); console.log('10k localToEpoch', (performance.now() - t).toFixed(0));
