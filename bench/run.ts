/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (or those named on the command line:
 * `npm run bench -- kernel ingest`) and prints the machine first, so recorded figures say where
 * they came from. Benchmarks compare ratios within one run: these machines are shared and noisy.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const cpu = cpus();
console.log(
  `# phasegate benchmarks — node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
);
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    default: (out: (l: string) => void) => Promise<void>;
  };
  await mod.default((line) => console.log(line));
  (globalThis as { gc?: () => void }).gc?.();
}
