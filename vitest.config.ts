import { defineConfig } from 'vitest/config';

// Vitest 5's reporters call Map.groupBy / Object.groupBy, which Node 20 lacks (Node 21+ has them).
// Without these a failing test crashes the reporter instead of being reported. The config is
// loaded in the main process, where the reporters run.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => unknown;
const mapCtor = Map as unknown as { groupBy?: GroupBy };
if (typeof mapCtor.groupBy !== 'function') {
  mapCtor.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => {
    const out = new Map<K, T[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
    return out;
  };
}
const objectCtor = Object as unknown as { groupBy?: GroupBy };
if (typeof objectCtor.groupBy !== 'function') {
  objectCtor.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => {
    const out = Object.create(null) as Record<string, T[]>;
    let i = 0;
    for (const item of items) (out[String(key(item, i++))] ??= []).push(item);
    return out;
  };
}

// Workspace packages resolve to their TypeScript source through the `@phasegate/source` export
// condition (see docs/architecture.md), so a test always runs the code as it is now, never a stale
// dist/. The rest are Vite's default server conditions.
const conditions = ['@phasegate/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
