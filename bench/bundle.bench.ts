/**
 * What phasegate costs a web page: each browser-safe entry bundled alone with esbuild for the
 * browser (minified, every dependency included), and the whole of test/fixtures/browser-app.ts
 * (compile, run, simulate, render), in bytes minified and gzipped. Each line's entry is also
 * imported here and must export what it is bundled for, so a line never measures an empty bundle.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

const ENTRIES: readonly { name: string; code: string; needs: string }[] = [
  {
    name: 'dsl: parse, renderDiagnostic',
    code: "export { parse, renderDiagnostic } from '@phasegate/dsl';",
    needs: 'parse',
  },
  {
    name: 'compiler: compileSource',
    code: "export { compileSource } from '@phasegate/compiler';",
    needs: 'compileSource',
  },
  {
    name: 'runtime: openRuntime, memoryStore',
    code: "export { openRuntime, memoryStore } from '@phasegate/runtime';",
    needs: 'openRuntime',
  },
  {
    name: 'sim: prepareCampaign, runSimulation',
    code: "export { prepareCampaign, runSimulation } from '@phasegate/sim';",
    needs: 'runSimulation',
  },
  {
    name: 'sim: parseScenario, checkScenario',
    code: "export { parseScenario, checkScenario } from '@phasegate/sim';",
    needs: 'parseScenario',
  },
  { name: 'sim/render: every renderer', code: "export * from '@phasegate/sim/render';", needs: 'renderReport' },
];

async function measure(contents: string, needs: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'chrome120',
    conditions: ['@phasegate/source'],
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  if (!new RegExp(`\\b${needs}\\b|as ${needs}\\b`).test(text)) throw new Error(`the bundle does not export ${needs}`);
  return { min: text.length, gzip: gzipSync(text).length };
}

const kb = (n: number): string => `${(n / 1024).toFixed(0).padStart(5)} KB`;

export default async function bench(out: (line: string) => void): Promise<void> {
  out('browser bundles, each entry alone with what it uses (esbuild, minified): minified, gzipped');
  for (const e of ENTRIES) {
    const { min, gzip } = await measure(e.code, e.needs);
    out(`  ${e.name.padEnd(38)} ${kb(min)}  ${kb(gzip)}`);
  }
  const app = await measure("export { run } from './test/fixtures/browser-app.ts';", 'run');
  out(`  ${'all of it (test/fixtures/browser-app.ts)'.padEnd(38)} ${kb(app.min)}  ${kb(app.gzip)}`);
}
