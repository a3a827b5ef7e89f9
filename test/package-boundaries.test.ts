/**
 * Package boundaries (docs/architecture.md): each package is reached through its name and its
 * exports. The linter enforces it; this checks that the linter does, and that every subpath a
 * package exports is one its documentation describes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The no-restricted-imports messages ESLint gives `code` as if it were the file at `path`. */
async function boundaryErrors(code: string, path: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    // Only the boundary rule, and without type information: the probe is not a file on disk.
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  });
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the linter enforces package boundaries', () => {
  test.each([
    ['bench/probe.ts', "import { Kernel } from '../packages/runtime/src/kernel/kernel.js';"],
    ['test/probe.test.ts', "import { planRun } from '../packages/sim/src/behaviour/plan.js';"],
    ['packages/cli/src/probe.ts', "import { lower } from '../../compiler/src/lower.js';"],
    ['packages/runtime/test/probe.test.ts', "import { parse } from '../../dsl/src/parse.js';"],
    ['packages/cli/src/commands/probe.ts', "import { x } from '@phasegate/runtime/src/runtime.js';"],
    ['bench/probe.ts', "import { x } from '@phasegate/compiler/dist/lower.js';"],
  ])('%s: %s is refused', async (path, code) => {
    expect(await boundaryErrors(code, path)).toHaveLength(1);
  });

  test.each([
    ['bench/probe.ts', "import { Kernel } from '@phasegate/runtime/kernel';"],
    ['packages/runtime/src/probe.ts', "import { localToEpoch } from '@phasegate/compiler/calendar';"],
    ['packages/runtime/test/probe.test.ts', "import { Kernel } from '../src/kernel/kernel.js';"],
    ['packages/cli/src/commands/probe.ts', "import { EXIT } from '../io.js';"],
  ])('%s: %s is allowed', async (path, code) => {
    expect(await boundaryErrors(code, path)).toEqual([]);
  });
});

describe('exports', () => {
  const architecture = readFileSync(`${root}docs/architecture.md`, 'utf8');
  test.each(['dsl', 'compiler', 'runtime', 'sim', 'cli'])(
    'every entry of @phasegate/%s is documented in docs/architecture.md',
    (name) => {
      const pkg = JSON.parse(readFileSync(`${root}packages/${name}/package.json`, 'utf8')) as {
        exports: Record<string, unknown>;
      };
      for (const subpath of Object.keys(pkg.exports)) {
        if (subpath === './package.json') continue;
        const specifier = subpath === '.' ? `@phasegate/${name}` : `@phasegate/${name}/${subpath.slice(2)}`;
        expect(architecture, specifier).toContain(`\`${specifier}\``);
      }
    },
  );
});
