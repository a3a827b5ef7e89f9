/**
 * `@phasegate/sim/node`: the simulator's file reading, for Node. The simulator itself reads no
 * files (so it runs in a browser); this reads a scenario and the roster it names from disk.
 *
 * @example
 * import { loadScenarioFile } from '@phasegate/sim/node';
 *
 * const { scenario } = loadScenarioFile('dsl-examples/first-batch.scenario.yaml');
 * scenario.units.length; // 60
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseScenario, type LoadedScenario } from '../scenario/parse-scenario.js';
import { ScenarioError } from '../scenario/scenario-problem.js';

/** Why a file could not be read, in a few words (`no such file`, `permission denied`). */
function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (err instanceof Error ? err.message : String(err));
}

/** Reads `path` as UTF-8 text; a failure names the file and says why in a few words. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`${path}: ${reason(err)}`, { cause: err });
  }
}

/**
 * Reads a scenario file (YAML or JSON) and the roster CSV it names (relative to the scenario's
 * folder), then checks and fills it in as `parseScenario` does. Throws `ScenarioError` listing
 * every problem, an unreadable file among them.
 */
export function loadScenarioFile(path: string, options: { readonly seed?: number } = {}): LoadedScenario {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(file, [{ path: '(file)', message: `cannot read the scenario: ${reason(err)}` }]);
  }
  return parseScenario(text, {
    path: file,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    readFile: (name) => readTextFile(resolve(dirname(file), name)),
  });
}
