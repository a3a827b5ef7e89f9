import { readFileSync, readdirSync } from 'node:fs';
import { compileSource } from '../src/index.ts';
for (const f of readdirSync('dsl-examples')) {
  const text = readFileSync('dsl-examples/' + f, 'utf8');
  const r = compileSource(text, f);
  console.log(f, !!r.ir, r.diagnostics.map(d => `${d.code} ${d.severity} ${d.message} @${text.slice(d.span.start, d.span.end)}`));
}
