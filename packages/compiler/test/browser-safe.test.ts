/**
 * Every entry runs in a browser (docs/architecture.md, "Building and shipping"): bundled for one,
 * it reaches none of Node's built-ins, and the main entry loads and runs where no Node global
 * exists. The package is compiled without Node's types, which catches its own sources; this
 * catches its dependencies (XState, Luxon) too. A failure names the import and the modules that
 * lead to it.
 */
import { readFileSync } from 'node:fs';
import type * as Compiler from '@phasegate/compiler';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser, describeNodeOnly, loadWithoutNode } from '../../../test/fixtures/browser-bundle.js';
import { referenceSource } from '../../../test/fixtures/county.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string | { '@phasegate/source': string }>;
};
const entries = Object.entries(manifest.exports).flatMap(([subpath, target]) =>
  typeof target === 'string' ? [] : [[subpath, `packages/compiler/${target['@phasegate/source'].slice(2)}`]],
);

describe('@phasegate/compiler bundled for a browser', () => {
  it('reads the entries from package.json', () => {
    expect(entries.map(([subpath]) => subpath)).toContain('.');
  });

  it.each(entries)('%s (%s) imports no Node built-in', async (_subpath, source) => {
    const bundle = await bundleForBrowser(source);
    expect(describeNodeOnly(bundle.nodeOnly)).toEqual([]);
  });

  it('runs without Node: compiles the reference campaign and draws it', async () => {
    const compiler = (await loadWithoutNode("export * from '@phasegate/compiler';")) as typeof Compiler;
    const { ir, diagnostics } = compiler.compileSource(referenceSource(), 'first-batch.phase');
    expect(diagnostics.filter((d) => d.severity === 'error').length).toBe(0);
    if (!ir) throw new Error('the reference campaign does not compile');
    expect(compiler.emitMermaid(ir)).toMatch(/^stateDiagram-v2\n/);
  });
});
