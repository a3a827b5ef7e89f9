/**
 * CLI start-up, as a user feels it: the wall time of a whole `phasegate --version` and of a whole
 * `phasegate check dsl-examples/first-batch.phase`, each a process of its own, side by side in
 * one run with
 * - Node starting alone (`node -e 0`), the floor;
 * - the bin as it was before it ran built JavaScript (commit BEFORE: tsx registered at run time
 *   over the TypeScript sources), from a checkout of that commit made once under
 *   node_modules/.cache (skipped, with a note, if it cannot be made);
 * - today's sources through tsx (what a developer runs without a build).
 * Rounds are interleaved, so the machine's noise falls on every variant alike. Each run's output
 * is checked: a variant that does not print the version, or does not find the campaign clean,
 * stops the benchmark. Targets (issue 14): `--version` ≤ 150 ms, `check` ≤ 300 ms.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutBefore } from './before.js';

/** The last commit whose bin registered tsx at run time. */
const BEFORE = 'f77a05f7ec7a';
const ROUNDS = 20;
const WARMUP = 3;

const root = fileURLToPath(new URL('..', import.meta.url));
const campaign = 'dsl-examples/first-batch.phase';
const version = (JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as { version: string })
  .version;

interface Variant {
  readonly name: string;
  /** Node's arguments before the CLI's own. */
  readonly node: readonly string[];
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The version it prints: the checkout of BEFORE has its own. */
  readonly version?: string;
}

interface Task {
  readonly name: string;
  readonly args: readonly string[];
  readonly expect: (variant: Variant) => string;
}

const TASKS: readonly Task[] = [
  { name: '--version', args: ['--version'], expect: (v) => `${v.version ?? version}\n` },
  { name: `check ${campaign}`, args: ['check', campaign], expect: () => `${campaign}: ok\n` },
];

/** Wall milliseconds of one process, after checking what it printed. */
function once(variant: Variant, task: Task): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...variant.node, ...task.args], {
    cwd: variant.cwd,
    encoding: 'utf8',
    env: variant.env ?? process.env,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const want = task.expect(variant);
  if (r.status !== 0 || r.stdout !== want) {
    throw new Error(
      `${variant.name} ${task.name}: exit ${r.status}, printed ${JSON.stringify(r.stdout.slice(0, 200))} (expected ${JSON.stringify(want)}); stderr: ${r.stderr.slice(0, 400)}`,
    );
  }
  return ms;
}

/** A checkout of BEFORE with its dependencies (bench/before.ts). */
function before(): { dir: string } | { why: string } {
  const old = checkoutBefore(BEFORE);
  if ('dir' in old && !existsSync(join(old.dir, 'packages/cli/bin/phasegate.js'))) return { why: 'it has no bin' };
  return old;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

export default function bench(out: (line: string) => void): Promise<void> {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'pipe' });
  const bin = join(root, 'packages/cli/bin/phasegate.js');
  const variants: Variant[] = [{ name: 'built bin (esbuild bundle)', node: [bin], cwd: root }];
  if (process.env['NODE_EXTRA_CA_CERTS'] !== undefined) {
    const env = { ...process.env };
    delete env['NODE_EXTRA_CA_CERTS'];
    variants.push({ name: 'built bin, without NODE_EXTRA_CA_CERTS', node: [bin], cwd: root, env });
  }
  variants.push({
    name: 'sources through tsx (no build)',
    node: ['--conditions=@phasegate/source', '--import', 'tsx', join(root, 'bench/cli-from-source.ts')],
    cwd: root,
  });
  const old = before();
  if ('dir' in old) {
    const oldVersion = (
      JSON.parse(readFileSync(join(old.dir, 'packages/cli/package.json'), 'utf8')) as { version: string }
    ).version;
    variants.push({
      name: `bin before this change (${BEFORE}: tsx at run time)`,
      node: [join(old.dir, 'packages/cli/bin/phasegate.js')],
      cwd: root,
      version: oldVersion,
    });
  }

  // The floor for each environment the variants run in.
  const floorTask: Task = { name: 'node', args: [], expect: () => '' };
  const floors = new Map<NodeJS.ProcessEnv | undefined, Variant>();
  for (const v of variants)
    if (!floors.has(v.env))
      floors.set(v.env, {
        name: `node -e 0 ${floors.size}`,
        node: ['-e', '0'],
        cwd: root,
        ...(v.env ? { env: v.env } : {}),
      });
  const times = new Map<string, number[]>();
  const key = (v: Variant, t: Task) => `${v.name}\u0000${t.name}`;
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const record = (v: Variant, t: Task) => {
      const ms = once(v, t);
      if (round < WARMUP) return;
      const list = times.get(key(v, t)) ?? [];
      list.push(ms);
      times.set(key(v, t), list);
    };
    for (const floor of floors.values()) record(floor, floorTask);
    for (const task of TASKS) for (const v of variants) record(v, task);
  }

  const floorMs = (v: Variant) => median(times.get(key(floors.get(v.env)!, floorTask))!);
  const nodeMs = floorMs(variants[0]);
  const ca =
    process.env['NODE_EXTRA_CA_CERTS'] !== undefined
      ? ' (this environment sets NODE_EXTRA_CA_CERTS: every Node process reads the CA file first)'
      : '';
  out(`wall ms, median and 90th percentile of ${ROUNDS} interleaved rounds; Node alone: ${nodeMs.toFixed(0)} ms${ca}`);
  for (const task of TASKS) {
    const target = task.name === '--version' ? 150 : 300;
    out(`phasegate ${task.name} (target ≤ ${target} ms):`);
    const ours = median(times.get(key(variants[0], task))!);
    for (const v of variants) {
      const xs = times.get(key(v, task))!;
      const m = median(xs);
      const vsOurs = v === variants[0] ? '' : `, ${(m / ours).toFixed(2)}× the built bin`;
      out(
        `  ${v.name.padEnd(52)} ${m.toFixed(0).padStart(5)} ms  p90 ${p90(xs).toFixed(0).padStart(5)}  (${(m - floorMs(v)).toFixed(0)} ms above Node alone${vsOurs})`,
      );
    }
  }
  if ('why' in old) out(`(the bin before this change was not measured: ${old.why})`);
  return Promise.resolve();
}
