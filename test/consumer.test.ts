/**
 * The packages as a user gets them. Every workspace package is built and packed with pnpm (which
 * turns `workspace:^` into versions); the tarballs are checked as npm would publish them, then
 * installed with plain npm into a project outside the repository, which uses them the way the
 * docs say: docs/embedding.md's example app compiled by the project's own tsc and run by node, a
 * strict TypeScript application (test/fixtures/consumer-app.ts) and each package README's example
 * typechecked under node16 and bundler resolution and run, `require()` from CommonJS, and the
 * installed `phasegate` command.
 *
 * Slow by nature: npm compiles better-sqlite3 from source on a machine without its prebuilt
 * binary, which takes a minute or two; the rest takes well under a minute.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly bin?: Record<string, string>;
  readonly exports?: Record<string, string | Record<string, string>>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const workspace = readJson<Manifest>(join(root, 'package.json'));

/** Every package the workspace publishes, with the name of the tarball `pnpm pack` writes. */
const packages = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => {
    const manifest = readJson<Manifest>(join(dir, 'package.json'));
    return { dir, manifest, tarball: `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz` };
  })
  .filter((p) => !p.manifest.private);
type Package = (typeof packages)[number];
const byName = new Map(packages.map((p) => [p.manifest.name, p]));

/**
 * The package and the workspace packages it depends on or asks for beside it (its peers, optional
 * or not): what installing it for every one of its entries needs, beyond the registry.
 */
function withWorkspaceDependencies(p: Package): Package[] {
  const names = Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies });
  const deps = names.flatMap((name) => {
    const dep = byName.get(name);
    return dep ? withWorkspaceDependencies(dep) : [];
  });
  return [...new Set([p, ...deps])];
}

const work = mkdtempSync(join(tmpdir(), 'phasegate-consumer-'));
const packs = join(work, 'packs');
const app = join(work, 'app');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Run {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command that must succeed; a failure shows its output. */
function ok(command: string, args: readonly string[], cwd: string): string {
  const r = run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.code}:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** The fenced block right after `<!-- marker -->` in a Markdown file. */
function block(file: string, marker: string): string {
  const match = new RegExp(`<!-- ${marker} -->\\s*\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(
    readFileSync(file, 'utf8'),
  );
  if (!match?.[1]) throw new Error(`${file} has no fenced block after <!-- ${marker} -->`);
  return match[1];
}

const tsc = (args: readonly string[], cwd = app): Run =>
  run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), ...args], cwd);

/**
 * tsc's errors, each with its continuation lines; none when it found nothing, so asserting on them
 * shows the errors.
 */
function tscErrors(r: Run): string[] {
  const errors = `${r.stdout}${r.stderr}`.split(/\n(?=\S)/).filter((e) => e.trim() !== '');
  if (r.code !== 0 && errors.length === 0) return [`tsc exited with ${r.code} and said nothing`];
  return errors.map((e) => e.trimEnd());
}

/**
 * tsc's errors outside XState's own declarations, for programs that load them (the live machine,
 * `@phasegate/compiler/machine`). XState 5.33's setup.d.ts does not typecheck under
 * exactOptionalPropertyTypes with skipLibCheck off (TS2344, `TConfig`'s optional `id` against
 * `StateSchema`): a file that only imports xstate shows the same five errors (upstream:
 * statelyai/xstate#4613). That is why the machine has a subpath of its own; the main entries load
 * none of XState's types, and their consumer is checked with no error left out.
 */
function tscErrorsBesideXstate(r: Run): string[] {
  return tscErrors(r).filter((e) => !e.startsWith('node_modules/xstate/'));
}

/** A directory in the project holding a copy of the reference campaign, for a program to run in. */
function scratch(name: string): string {
  const dir = join(app, name);
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, 'dsl-examples/first-batch.phase'), join(dir, 'first-batch.phase'));
  return dir;
}

const readmeExamples = packages.map((p) => ({
  name: p.manifest.name,
  file: `readme-${p.manifest.name.replace(/^@phasegate\//, '')}.ts`,
  code: block(join(p.dir, 'README.md'), 'example: readme'),
}));
/** The compiler README's example of the live machine, with XState. */
const readmeMachine = {
  file: 'readme-compiler-machine.ts',
  code: block(join(root, 'packages/compiler/README.md'), 'example: readme-machine'),
};

/** The strictest settings a user might have, for these files. */
function tsconfig(files: readonly string[], module: Record<string, string>, emit: boolean, exact = true): string {
  return JSON.stringify({
    compilerOptions: {
      target: 'es2022',
      ...module,
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: exact,
      skipLibCheck: false,
      ...(emit ? { outDir: 'out', rootDir: '.' } : { noEmit: true }),
    },
    files,
  });
}
const NODE16 = { module: 'node16', moduleResolution: 'node16' };
const BUNDLER = { module: 'esnext', moduleResolution: 'bundler' };

beforeAll(() => {
  ok(process.execPath, ['scripts/build.mjs'], root);
  for (const p of packages) ok('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', packs], p.dir);

  const compiler = readJson<Manifest>(join(root, 'packages/compiler/package.json'));
  mkdirSync(app);
  const manifest = {
    name: 'phasegate-consumer',
    private: true,
    type: 'module',
    dependencies: {
      ...Object.fromEntries(packages.map((p) => [p.manifest.name, `file:${join(packs, p.tarball)}`])),
      // What a user of @phasegate/compiler/machine adds to run the machine.
      xstate: compiler.dependencies?.xstate,
    },
    devDependencies: { typescript: workspace.devDependencies?.typescript, '@types/node': '^20' },
  };
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], app);

  copyFileSync(join(root, 'test/fixtures/consumer-app.ts'), join(app, 'consumer-app.ts'));
  copyFileSync(join(root, 'test/fixtures/consumer-machine.ts'), join(app, 'consumer-machine.ts'));
  for (const e of [...readmeExamples, readmeMachine]) writeFileSync(join(app, e.file), `${e.code}\n`);
  const files = ['consumer-app.ts', ...readmeExamples.map((e) => e.file)];
  writeFileSync(join(app, 'tsconfig.node16.json'), tsconfig(files, NODE16, true));
  writeFileSync(join(app, 'tsconfig.bundler.json'), tsconfig(files, BUNDLER, false));
  const machine = ['consumer-machine.ts', readmeMachine.file];
  writeFileSync(join(app, 'tsconfig.machine.json'), tsconfig(machine, NODE16, true, false));
  writeFileSync(join(app, 'tsconfig.machine-exact.json'), tsconfig(machine, BUNDLER, false));
}, 600_000);

describe.each(packages)('the tarball of $manifest.name', (p) => {
  const { manifest, tarball } = p;

  it('passes npm publish --dry-run, and holds dist/, README and LICENSE but no sources or tests', () => {
    const r = run('npm', ['publish', '--dry-run', '--json', join(packs, tarball)], work);
    expect(r.code, r.stderr).toBe(0);
    // A dry run without an npm login warns about it; anything else (a corrected manifest, …) fails.
    const warnings = r.stderr.split('\n').filter((l) => /^npm warn/i.test(l) && !/logged in/.test(l));
    expect(warnings).toEqual([]);

    const report = JSON.parse(r.stdout) as Record<string, { files: { path: string }[] }>;
    const files = (report[manifest.name]?.files ?? []).map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js']));
    expect(files.filter((f) => /^(src|test)\/|\.tsbuildinfo$|\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([]);

    // Everything `exports` and `bin` point to is in it (the source condition is the workspace's own).
    const targets = Object.values(manifest.exports ?? {}).flatMap((entry) =>
      typeof entry === 'string'
        ? [entry]
        : Object.entries(entry)
            .filter(([condition]) => condition !== '@phasegate/source')
            .map(([, target]) => target),
    );
    const missing = [...targets, ...Object.values(manifest.bin ?? {})]
      .map((target) => target.replace(/^\.\//, ''))
      .filter((target) => !files.includes(target));
    expect(missing).toEqual([]);
  });

  it('declares what its declarations use: every `exports` entry typechecks with only its dependencies and peers installed', () => {
    const dir = join(work, 'alone', tarball.replace(/\.tgz$/, ''));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'alone', private: true, type: 'module' }));
    // Types only: without install scripts better-sqlite3 is not compiled a second time.
    const tarballs = withWorkspaceDependencies(p).map((d) => join(packs, d.tarball));
    ok(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...tarballs],
      dir,
    );

    // Every entry but the live machine's: none of them may load XState's types.
    const reexport = (entries: string[]) =>
      entries.map((entry, i) => `export * as entry${i} from '${manifest.name}${entry.slice(1)}';`).join('\n');
    // JavaScript entries; `package.json` and the scenario's JSON Schema are data.
    const entries = Object.keys(manifest.exports ?? { '.': '' }).filter((entry) => !entry.endsWith('.json'));
    writeFileSync(join(dir, 'entries.ts'), `${reexport(entries.filter((e) => e !== './machine'))}\n`);
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig(['entries.ts'], NODE16, false));
    expect(tscErrors(tsc(['-p', 'tsconfig.json'], dir))).toEqual([]);
    if (entries.includes('./machine')) {
      writeFileSync(join(dir, 'machine.ts'), `${reexport(['./machine'])}\n`);
      writeFileSync(join(dir, 'tsconfig.machine.json'), tsconfig(['machine.ts'], NODE16, false));
      expect(tscErrorsBesideXstate(tsc(['-p', 'tsconfig.machine.json'], dir))).toEqual([]);
    }
  }, 120_000);
});

describe('docs/embedding.md example app, installed from the tarballs', () => {
  const page = join(root, 'docs/embedding.md');

  it('compiles with the project’s tsc, runs with plain node, prints the page’s output; a rerun finds campaign.db', () => {
    const dir = scratch('embedding');
    writeFileSync(join(dir, 'example.ts'), `${block(page, 'example: embedding')}\n`);
    const strict = [
      '--strict',
      '--noUncheckedIndexedAccess',
      '--exactOptionalPropertyTypes',
      '--skipLibCheck',
      'false',
    ];
    const compile = tsc(
      [...strict, '--target', 'es2022', '--module', 'node16', '--moduleResolution', 'node16', 'example.ts'],
      dir,
    );
    expect(tscErrors(compile)).toEqual([]);

    const first = run(process.execPath, ['example.js'], dir);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`${block(page, 'output: embedding')}\n`);

    const second = run(process.execPath, ['example.js'], dir);
    expect(second.stderr).toBe('');
    expect(second.stdout).not.toContain(' -> ');
    expect(second.stdout).toContain('applied 0, then 0 (5 duplicates)');
    expect(second.stdout).toContain('edu is at study.big_discussion.waiting (waiting)');
  }, 120_000);
});

describe('a strict TypeScript consumer of every package', () => {
  it.each(['node16', 'bundler'])(
    'typechecks with %s resolution (strict, exact optional properties, lib check)',
    (mode) => {
      expect(tscErrors(tsc(['-p', `tsconfig.${mode}.json`, '--noEmit']))).toEqual([]);
    },
    120_000,
  );

  it('the live machine (@phasegate/compiler/machine, with XState) typechecks: strict, and with exact optional properties but for XState’s own declarations', () => {
    expect(tscErrors(tsc(['-p', 'tsconfig.machine.json', '--noEmit']))).toEqual([]);
    expect(tscErrorsBesideXstate(tsc(['-p', 'tsconfig.machine-exact.json']))).toEqual([]);
  }, 120_000);

  it('runs with plain node, and so does each package README’s example', () => {
    // JavaScript only: the typechecks above are the judges of the types.
    for (const config of ['tsconfig.node16.json', 'tsconfig.machine.json']) {
      const emit = tsc(['-p', config, '--noCheck']);
      expect(emit.stdout + emit.stderr).toBe('');
    }

    const consumer = run(process.execPath, [join(app, 'out/consumer-app.js')], scratch('run-consumer'));
    expect(consumer.stderr).toBe('');
    expect(consumer.stdout).toBe('consumer: ok\n');

    const machine = run(process.execPath, [join(app, 'out/consumer-machine.js')], scratch('run-machine'));
    expect(machine.stderr).toBe('');
    expect(machine.stdout).toBe('machine: ok\n');

    const printed = Object.fromEntries(
      [...readmeExamples, { name: 'machine', file: readmeMachine.file }].map((e) => {
        const r = run(process.execPath, [join(app, 'out', e.file.replace(/\.ts$/, '.js'))], scratch(`run-${e.file}`));
        expect(r.stderr, e.name).toBe('');
        expect(r.code, e.name).toBe(0);
        return [e.name, r.stdout];
      }),
    );
    expect(printed['@phasegate/dsl']).toMatch(/^campaign first_batch: \d+ declarations\nalready formatted\n$/);
    expect(printed['@phasegate/compiler']).toMatch(/\nstateDiagram-v2\nstudy .* completed\n$/);
    expect(printed['machine']).toBe('{"study":{"four_talks":"open"}}\n');
    expect(printed['@phasegate/runtime']).toContain('applied 1, rejected 0\n');
    expect(printed['@phasegate/cli']).toBe('first-batch.phase: ok\n');
    expect(printed['@phasegate/sim']).toContain('2 units · 65 members · 2005-01-20 → 2005-03-31 · seed 7');
    expect(printed['@phasegate/sim']).toMatch(/every member 学习培训学时 >= 45\s+1 unit\n/);
  }, 120_000);
});

describe('loading the packages with plain node', () => {
  it('require() works from CommonJS (Node’s require(esm)), and import gives openRuntime', () => {
    const names = ['@phasegate/dsl', '@phasegate/compiler', '@phasegate/runtime', '@phasegate/sim', '@phasegate/cli'];
    writeFileSync(
      join(app, 'require.cjs'),
      `for (const name of ${JSON.stringify(names)}) console.log(name, Object.keys(require(name)).length > 0);\n`,
    );
    const required = run(process.execPath, ['require.cjs'], app);
    expect(required.stderr).toBe('');
    expect(required.stdout).toBe(names.map((name) => `${name} true\n`).join(''));

    const imported = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { openRuntime } from '@phasegate/runtime'; console.log(typeof openRuntime);",
      ],
      app,
    );
    expect(imported).toEqual({ code: 0, stdout: 'function\n', stderr: '' });
  });
});

describe('the installed phasegate command', () => {
  const phasegate = (args: readonly string[], cwd: string): Run =>
    run(join(app, 'node_modules/.bin/phasegate'), args, cwd);

  it('checks the reference campaign, and a broken one with a diagnostic and no stack trace', () => {
    const dir = scratch('cli');
    expect(phasegate(['check', 'first-batch.phase'], dir)).toEqual({
      code: 0,
      stdout: 'first-batch.phase: ok\n',
      stderr: '',
    });

    const text = readFileSync(join(dir, 'first-batch.phase'), 'utf8');
    writeFileSync(join(dir, 'broken.phase'), text.replace('timezone Asia/Shanghai', 'timezone Asia/Shangai'));
    const broken = phasegate(['check', 'broken.phase'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('broken.phase:5:12: error[PG301]: `Asia/Shangai` is not a time zone');
    expect(broken.stdout + broken.stderr).not.toMatch(/\n\s+at /);
  });

  it('runs the demo from the campaign it ships, with the overdue lists of the day of the speech', () => {
    const r = phasegate(['demo'], mkdtempSync(join(work, 'empty-')));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Overdue on 2005-02-23');
    expect(r.stdout).toContain('14 units have not acknowledged 年前下发文件 since 02-08');
    expect(r.stdout).toContain('16 units have not reported 七号文件：春节期间活动开展情况书面汇报, due 02-17 12:00');
  }, 120_000);
});
