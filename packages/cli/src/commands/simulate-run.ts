import { basename, resolve } from 'node:path';
import { renderDiagnostic } from '@phasegate/dsl';
import type { CampaignIR } from '@phasegate/compiler';
import type { CommandOptions, CommandRun } from '../command.js';
import { displayName, readInputFile, readStdin, STDIN } from '../input-file.js';
import { formatOf } from '../output-format.js';
import { stylesFor } from '../style.js';
import { checkOutputPath, writeOutputFile } from '../output-file.js';
import { CliError, EXIT, type CliIO, type ExitCode } from '../io.js';
import {
  checkScenario,
  compareResults,
  isLocalDate,
  parseScenario,
  prepareCampaign,
  renderProblems,
  runSimulation,
  ScenarioError,
  SimulationError,
  type Comparison,
  type LoadedScenario,
  type PreparedCampaign,
  type SimulationResult,
} from '@phasegate/sim';
import { loadScenarioFile, readTextFile } from '@phasegate/sim/node';
import { renderComparison, renderCsv, renderJson, renderReport, renderTable } from '@phasegate/sim/render';
import { progressBar } from '../progress.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

/** The validated command line of `phasegate simulate`. */
export interface SimulateArgs {
  readonly campaign: string;
  readonly scenario: string;
  readonly from?: string;
  readonly to?: string;
  readonly seed?: number;
  readonly format: Format;
  /** Begin CSV with a byte-order mark (for Excel). */
  readonly bom: boolean;
  readonly report?: string;
  readonly amend: readonly string[];
  readonly compare?: string;
}

/** Checks the values commander parsed; every mistake is a usage error (exit 2) with a hint. */
export function parseSimulateArgs(args: readonly unknown[], options: CommandOptions): SimulateArgs {
  const campaign = String(args[0]);
  const scenario = options['scenario'];
  if (typeof scenario !== 'string' || scenario === '') {
    throw new CliError(
      'simulate needs a scenario: add --scenario <file> (YAML or JSON), e.g.\n' +
        '  phasegate simulate dsl-examples/first-batch.phase --scenario dsl-examples/first-batch.scenario.yaml',
      EXIT.usage,
    );
  }
  for (const key of ['from', 'to'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'string' || !isLocalDate(v))) {
      throw new CliError(
        `--${key} ${String(v)} is not a date: write it as YYYY-MM-DD, e.g. --${key} 2005-03-15.`,
        EXIT.usage,
      );
    }
  }
  if (typeof options['from'] === 'string' && typeof options['to'] === 'string' && options['from'] > options['to']) {
    throw new CliError(
      `--to ${options['to']} is before --from ${options['from']}: the simulated range must run forward.`,
      EXIT.usage,
    );
  }
  let seed: number | undefined;
  if (options['seed'] !== undefined) {
    const text = String(options['seed']);
    seed = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
      throw new CliError(
        `--seed ${text} is not a seed: give a whole number from 0 to 4294967295, e.g. --seed 7.`,
        EXIT.usage,
      );
    }
  }
  const format = formatOf(options, FORMATS, 'simulate');
  const bom = options['bom'] === true;
  if (bom && format !== 'csv')
    throw new CliError(
      '--bom is for --format csv (a byte-order mark for Excel); drop it, or add --format csv.',
      EXIT.usage,
    );
  const amend = (options['amend'] as string[] | undefined) ?? [];
  const compare = options['compare'] as string | undefined;
  if (amend.length > 0 && compare !== undefined) {
    throw new CliError(
      'use --amend or --compare, not both: --amend changes this campaign, --compare runs another file against it.',
      EXIT.usage,
    );
  }
  const report = options['report'];
  if (report !== undefined && (typeof report !== 'string' || report === '')) {
    throw new CliError('--report needs a file name, e.g. --report simulation.html.', EXIT.usage);
  }
  return {
    campaign,
    scenario,
    format,
    bom,
    amend,
    ...(typeof options['from'] === 'string' ? { from: options['from'] } : {}),
    ...(typeof options['to'] === 'string' ? { to: options['to'] } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(typeof report === 'string' ? { report } : {}),
    ...(compare !== undefined ? { compare } : {}),
  };
}

/** Reads and compiles a campaign (with what-if amendments), or prints its diagnostics and stops with exit 1. */
export async function loadCampaign(path: string, amend: readonly string[], io: CliIO): Promise<PreparedCampaign> {
  return compileCampaign(await readInputFile(path, io, 'a .phase file'), path, amend, io);
}

/** `loadCampaign` from text already read (standard input is read once, for both runs of a what-if). */
export function compileCampaign(text: string, path: string, amend: readonly string[], io: CliIO): PreparedCampaign {
  const prepared = prepareCampaign(text, displayName(path), amend);
  if ('ir' in prepared) return prepared;
  const style = stylesFor(io.stderr, io.env).diagnostic;
  if (prepared.kind === 'campaign') {
    for (const d of prepared.diagnostics)
      io.stderr.write(`${renderDiagnostic(d, prepared.text, prepared.file, style)}\n\n`);
    throw new CliError(
      `${displayName(path)} has errors; fix them (\`phasegate check ${path}\`) before simulating.`,
      EXIT.failure,
    );
  }
  for (const d of prepared.diagnostics) io.stderr.write(`${renderDiagnostic(d, prepared.text, '--amend', style)}\n\n`);
  throw new CliError(`the amendment "${prepared.text}" cannot be applied (see above).`, EXIT.failure);
}

/** Loads and checks a scenario against campaigns, or prints every problem and stops with exit 1. */
export async function loadCheckedScenario(
  path: string,
  irs: readonly CampaignIR[],
  io: CliIO,
  seed?: number,
): Promise<LoadedScenario> {
  const file = resolve(io.cwd, path);
  // From standard input, a roster named in the scenario is read relative to the current directory.
  const text = path === STDIN ? await readStdin(io, 'the scenario') : undefined;
  try {
    const options = seed !== undefined ? { seed } : {};
    const loaded =
      text === undefined
        ? loadScenarioFile(file, options)
        : parseScenario(text, {
            path: displayName(path),
            ...options,
            readFile: (name) => readTextFile(resolve(io.cwd, name)),
          });
    // The same problem found against two versions of a campaign is reported once.
    const seen = new Set<string>();
    const problems = irs
      .flatMap((ir) => checkScenario(loaded.scenario, ir, loaded.locate))
      .filter((p) => !seen.has(`${p.path}\u0000${p.message}`) && seen.add(`${p.path}\u0000${p.message}`));
    if (problems.length > 0) throw new ScenarioError(file, problems);
    return loaded;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    io.stderr.write(renderProblems(displayName(path), err.problems));
    const n = err.problems.length;
    throw new CliError(
      `${displayName(path)}: ${n} problem${n === 1 ? '' : 's'} in the scenario; nothing was simulated.`,
      EXIT.failure,
    );
  }
}

/** Runs one simulation on an in-memory runtime, with a progress bar on a terminal. */
export function simulateOnce(
  campaign: PreparedCampaign,
  loaded: LoadedScenario,
  io: CliIO,
  range: { from?: string; to?: string },
  label: string,
): SimulationResult {
  const bar = progressBar(io.stderr, label);
  try {
    return runSimulation({
      campaign,
      scenario: loaded.scenario,
      ...range,
      onProgress: (done, total) => bar.update(done, total),
    });
  } catch (err) {
    if (err instanceof SimulationError) throw new CliError(err.message, EXIT.failure);
    throw err;
  } finally {
    bar.done();
  }
}

function columnsOf(io: CliIO): number {
  return Math.min(120, Math.max(60, io.stdout.columns ?? 100));
}

/** `phasegate simulate`, once its command line is parsed (see simulate.ts). */
export const run: CommandRun = async (args, options, io): Promise<ExitCode> => {
  const a = parseSimulateArgs(args, options);
  if (a.report !== undefined) checkOutputPath(a.report, io.cwd, '--report');
  const text = await readInputFile(a.campaign, io, 'a .phase file');
  const base = compileCampaign(text, a.campaign, [], io);
  const whatIf = a.amend.length > 0 || a.compare !== undefined;
  const other = !whatIf
    ? undefined
    : a.compare !== undefined
      ? await loadCampaign(a.compare, [], io)
      : compileCampaign(text, a.campaign, a.amend, io);
  // With --compare the scenario must suit both versions of the campaign.
  const loaded = await loadCheckedScenario(a.scenario, other ? [base.ir, other.ir] : [base.ir], io, a.seed);
  const range = { ...(a.from ? { from: a.from } : {}), ...(a.to ? { to: a.to } : {}) };

  let result: SimulationResult;
  let what: { before: SimulationResult; comparison: Comparison } | undefined;
  if (other) {
    const before = simulateOnce(base, loaded, io, range, 'before');
    result = simulateOnce(other, loaded, io, range, 'after ');
    const names = {
      before: basename(displayName(a.campaign)),
      after:
        a.compare !== undefined
          ? basename(displayName(a.compare))
          : `${basename(displayName(a.campaign))} + ${a.amend.map((x) => `--amend "${x}"`).join(' ')}`,
    };
    what = { before, comparison: compareResults(before, result, names) };
  } else {
    result = simulateOnce(base, loaded, io, range, 'simulating');
  }

  if (a.report !== undefined) await writeOutputFile(a.report, io.cwd, renderReport(result, what?.comparison));
  const columns = columnsOf(io);
  if (a.format === 'json') io.stdout.write(renderJson(result, what));
  else if (a.format === 'csv') io.stdout.write(renderCsv(result, what, { bom: a.bom }));
  else if (what) {
    io.stdout.write(renderTable(what.before, { columns, sections: ['header', 'outcomes'] }));
    io.stdout.write(renderTable(result, { columns, sections: ['header', 'outcomes'] }));
    io.stdout.write(renderComparison(what.comparison, { columns, more: '--format json lists them all' }));
  } else io.stdout.write(renderTable(result, { columns }));
  if (a.report !== undefined) io.stderr.write(`report written to ${a.report}\n`);
  return EXIT.ok;
};
