/**
 * The main entry runs in a browser (docs/architecture.md, "Building and shipping"): bundled for
 * one, it reaches none of Node's built-ins and not the native SQLite binding, which live behind
 * `@phasegate/runtime/sqlite`; and it loads and runs where no Node global exists. A failure names
 * the import and the modules that lead to it.
 */
import { readFileSync } from 'node:fs';
import type * as Compiler from '@phasegate/compiler';
import type * as Runtime from '@phasegate/runtime';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser, describeNodeOnly, loadWithoutNode } from '../../../test/fixtures/browser-bundle.js';
import { referenceSource } from '../../../test/fixtures/county.js';

describe('@phasegate/runtime bundled for a browser', () => {
  it('the main entry imports no Node built-in and not better-sqlite3', async () => {
    const bundle = await bundleForBrowser('packages/runtime/src/index.ts');
    expect(describeNodeOnly(bundle.nodeOnly)).toEqual([]);
    expect(bundle.inputs.filter((input) => /(^|\/)node_modules\/better-sqlite3\//.test(input))).toEqual([]);
    expect(bundle.inputs).toContain('packages/runtime/src/store/memory-store.ts');
  });

  it('the SQLite store is what needs Node: /sqlite reaches better-sqlite3, node:fs and node:path', async () => {
    const bundle = await bundleForBrowser('packages/runtime/src/sqlite.ts');
    expect(describeNodeOnly(bundle.nodeOnly)).toEqual([
      'better-sqlite3 ← packages/runtime/src/store/sqlite-store.ts ← packages/runtime/src/sqlite.ts',
      'node:fs ← packages/runtime/src/store/sqlite-store.ts ← packages/runtime/src/sqlite.ts',
      'node:path ← packages/runtime/src/store/sqlite-store.ts ← packages/runtime/src/sqlite.ts',
    ]);
  });

  it('runs without Node: compiles the reference campaign, ingests into a memory store, reads a roster', async () => {
    const { compiler, runtime } = (await loadWithoutNode(
      "export * as compiler from '@phasegate/compiler'; export * as runtime from '@phasegate/runtime';",
    )) as { compiler: typeof Compiler; runtime: typeof Runtime };

    const { ir } = compiler.compileSource(referenceSource(), 'first-batch.phase');
    if (!ir) throw new Error('the reference campaign does not compile');
    const campaign = runtime.openRuntime({ ir, store: runtime.memoryStore() });
    campaign.registerUnits([{ id: 'edu', label: 'Education Bureau', members: ['li', 'wang'] }]);
    const result = campaign.ingest([
      {
        id: 'e1',
        type: 'task',
        time: '2005-02-24T10:00',
        actor: { user: 'li', role: 'unit_admin', unit: 'edu' },
        unit: 'edu',
        task: 'leaders_talk',
      },
    ]);
    expect(result.applied).toBe(1);
    expect(campaign.status('edu').machineState).toBe('study.four_talks.open');
    expect(campaign.overdue('2005-03-01T00:00').groups.length).toBeGreaterThan(0);

    const roster = readFileSync(new URL('../../../dsl-examples/first-batch.units.csv', import.meta.url), 'utf8');
    const { units, problems } = runtime.parseRoster(roster);
    expect(problems.length).toBe(0);
    expect(units.length).toBeGreaterThan(0);
  });
});
