import type { CommandDescriptor } from '../command.js';

/**
 * `phasegate simulate <campaign.phase> --scenario <file> [--from DATE] [--to DATE] [--seed N]
 * [--format table|json|csv] [--report out.html] [--amend "<amendment>"]… [--compare <other.phase>]`
 *
 * Runs the campaign forward day by day on the production runtime (in memory) with the units and
 * behaviour of the scenario. With `--amend` or `--compare` it runs both versions on the same
 * scenario and seed and prints how the outcomes differ.
 */
export const simulateCommand: CommandDescriptor = {
  name: 'simulate',
  summary: 'Run a campaign forward on a simulated calendar with a scenario of units and behaviour',
  define(cmd) {
    cmd
      .argument('<campaign>', 'the .phase file to simulate')
      .option('-s, --scenario <file>', 'the scenario: units and how they behave (YAML or JSON; see docs/simulation.md)')
      .option('--from <date>', 'first simulated day, YYYY-MM-DD (default: the scenario’s, else the campaign’s start)')
      .option('--to <date>', 'last simulated day, YYYY-MM-DD (default: the scenario’s, else the last window’s end)')
      .option('--seed <n>', 'seed of the behaviour models (default: the scenario’s behaviour.seed)')
      .option('-f, --format <format>', 'table (default), json or csv')
      .option('--report <file>', 'also write a self-contained HTML report to this file')
      .option('--amend <amendment>', 'what-if: simulate with this amendment too and compare (repeatable)', (v: string, all: string[] = []) => [...all, v])
      .option('--compare <campaign>', 'what-if: simulate another version of the campaign and compare');
  },
  async run(args, options, io) {
    // The simulator (and the runtime, YAML and schema validation under it) loads only when this
    // command runs, so that `phasegate check` and the other commands start without it.
    const { runSimulate } = await import('./simulate-run.js');
    return runSimulate(args, options, io);
  },
};
