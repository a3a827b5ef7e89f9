/**
 * The main entry runs in a browser (docs/architecture.md, "Building and shipping"): bundled for
 * one, it reaches none of Node's built-ins, and it loads and runs where no Node global exists. The
 * package is compiled without Node's types, which catches its own sources; this catches its
 * dependencies too. A failure names the import and the modules that lead to it.
 */
import type * as Dsl from '@phasegate/dsl';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser, describeNodeOnly, loadWithoutNode } from '../../../test/fixtures/browser-bundle.js';
import { referenceSource } from '../../../test/fixtures/county.js';

describe('@phasegate/dsl bundled for a browser', () => {
  it('the main entry imports no Node built-in', async () => {
    const bundle = await bundleForBrowser('packages/dsl/src/index.ts');
    expect(describeNodeOnly(bundle.nodeOnly)).toEqual([]);
  });

  it('runs without Node: parses and formats the reference campaign', async () => {
    const dsl = (await loadWithoutNode("export * from '@phasegate/dsl';")) as typeof Dsl;
    const text = referenceSource();
    expect(dsl.parse(text, 'first-batch.phase').diagnostics.length).toBe(0);
    expect(dsl.formatText(text, 'first-batch.phase').formatted).toBe(text);
  });
});
