/**
 * A checkout of an earlier commit with its dependencies, made once under node_modules/.cache, for
 * benchmarks that measure today's code side by side with the code before a change, in one run.
 * No install scripts run (nothing measured here loads SQLite's native binding).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The checkout of `commit` (its directory), or why it could not be made. */
export function checkoutBefore(commit: string): { dir: string } | { why: string } {
  const cache = join(root, 'node_modules/.cache/phasegate-bench');
  const dir = join(cache, `before-${commit}`);
  try {
    if (!existsSync(join(dir, 'package.json'))) {
      mkdirSync(cache, { recursive: true });
      execFileSync('git', ['worktree', 'add', '--force', '--detach', dir, commit], { cwd: root, stdio: 'pipe' });
    }
    if (!existsSync(join(dir, 'node_modules/.modules.yaml'))) {
      execFileSync(
        'npx',
        [
          '-y',
          'pnpm@12.4.2',
          'install',
          '--frozen-lockfile',
          '--prefer-offline',
          '--ignore-scripts',
          '--reporter=silent',
        ],
        { cwd: dir, stdio: 'pipe' },
      );
    }
    return { dir };
  } catch (err) {
    return { why: err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err) };
  }
}
