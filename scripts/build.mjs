// Builds the workspace: every package's declarations and (but for the CLI) its JavaScript with
// `tsc -b`, then the CLI's bundle with esbuild, then the demo's files into the CLI package.
// Incremental: with nothing changed it takes about a second. Run by scripts/setup.mjs (so
// `npm run demo` and `npm test` build on first use) and by each package's `prepack`, so a packed
// tarball never holds stale JavaScript. See docs/architecture.md, "Building and shipping".
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const cli = join(root, 'packages/cli');

function fail(message) {
  console.error(`phasegate: the build failed: ${message}`);
  process.exit(1);
}

// 1. Declarations and library JavaScript.
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
} catch {
  fail('tsc -b tsconfig.build.json reported the errors above.');
}

// 2. The CLI's bundle, rebuilt when any source it could include is newer than the bundle.
const stamp = join(cli, 'dist/.bundle.json');
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .reduce((t, e) => Math.max(t, statSync(join(e.parentPath ?? e.path, e.name)).mtimeMs), 0);
const sources = ['dsl', 'compiler', 'runtime', 'sim', 'cli'].map((p) => join(root, 'packages', p, 'src'));
const inputsChanged = Math.max(
  ...sources.map(newest),
  statSync(join(root, 'pnpm-lock.yaml')).mtimeMs,
  statSync(fileURLToPath(import.meta.url)).mtimeMs,
);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < inputsChanged) await bundleCli();

// 3. The demo's files: the canonical copies live in dsl-examples/.
const examples = join(cli, 'examples');
mkdirSync(examples, { recursive: true });
for (const file of [
  'first-batch.phase',
  'first-batch-no-extension.phase',
  'first-batch.scenario.yaml',
  'first-batch.units.csv',
]) {
  const from = join(root, 'dsl-examples', file);
  const to = join(examples, file);
  if (!existsSync(to) || !readFileSync(to).equals(readFileSync(from))) copyFileSync(from, to);
}

/**
 * One ES module bundle of the CLI and everything it runs but the native SQLite binding, split at
 * each command's dynamic import so that `--version` and `--help` load only the command table.
 * The chunks sit flat in dist/, one level below the package like src/'s modules (package-root.ts).
 */
async function bundleCli() {
  const esbuild = await import(require.resolve('esbuild'));
  for (const f of readdirSync(join(cli, 'dist'))) if (/\.js(\.map)?$/.test(f)) rmSync(join(cli, 'dist', f));
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: cli,
      entryPoints: { index: 'src/index.ts' },
      outdir: 'dist',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // Workspace packages from their sources, as tests see them.
      conditions: ['@phasegate/source'],
      external: ['better-sqlite3'],
      chunkNames: 'chunk-[hash]',
      sourcemap: true,
      metafile: true,
      logLevel: 'warning',
      // Bundled CommonJS (commander, ajv) calls require() for Node's built-ins.
      banner: {
        js: "import { createRequire as __phasegateRequire } from 'node:module';\nconst require = __phasegateRequire(import.meta.url);",
      },
    });
  } catch {
    fail('esbuild could not bundle the CLI (the errors are above).');
  }
  writeFileSync(join(cli, 'THIRD-PARTY-LICENSES.md'), thirdPartyLicenses(result.metafile));
  writeFileSync(stamp, JSON.stringify({ outputs: Object.keys(result.metafile.outputs) }, null, 2));
}

/** The licence of every package bundled into the CLI, as their licences ask to be kept with copies. */
function thirdPartyLicenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (!m) continue;
    const dir = join(cli, m[1]);
    if (packages.has(m[2])) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (pkg.name?.startsWith('@phasegate/')) continue;
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    packages.set(m[2], {
      name: pkg.name,
      version: pkg.version,
      license: pkg.license,
      text: file ? readFileSync(join(dir, file), 'utf8').trim() : undefined,
    });
  }
  const sections = [...packages.values()]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (p) =>
        `## ${p.name} ${p.version} (${p.license})\n\n${p.text ? '```text\n' + p.text + '\n```' : `No licence file; the package declares ${p.license}.`}\n`,
    );
  return `# Third-party licences\n\n\`dist/\` bundles these packages with phasegate's own code (see docs/architecture.md).\n\n${sections.join('\n')}`;
}
