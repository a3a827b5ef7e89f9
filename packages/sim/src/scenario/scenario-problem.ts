/**
 * A problem in a scenario file: the JSON path of the bad field (`behaviour.tasks.lag.max`,
 * `roster.units[3].members`), what is wrong and what is expected, and where it is in the file
 * when that is known.
 */
export interface ScenarioProblem {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** Thrown by `loadScenario` and `checkScenario` with every problem found, never just the first. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly ScenarioProblem[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the scenario`);
  }
}

/** JSON path segments → `a.b[3].c`. */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === '' ? '(top level)' : out;
}

/**
 * Renders problems one per line, like a compiler: `file:line:col: path: message`.
 *
 * @example
 * renderProblems('s.yaml', [{ path: 'seed', message: 'must be a whole number', line: 3, column: 7 }]);
 * // "s.yaml:3:7: seed: must be a whole number\n"
 */
export function renderProblems(file: string, problems: readonly ScenarioProblem[]): string {
  return problems
    .map((p) => `${file}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}: ${p.path}: ${p.message}\n`)
    .join('');
}
