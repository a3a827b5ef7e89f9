import type { CommandDescriptor } from '../command.js';
import { formatOption } from '../output-format.js';

/**
 * `phasegate simulate <campaign.phase> --scenario <file> [--from DATE] [--to DATE] [--seed N]
 * [--format table|json|csv] [--bom] [--report out.html] [--amend "<amendment>"]… [--compare <other.phase>]`
 *
 * Runs the campaign forward day by day on the production runtime (in memory) with the units and
 * behaviour of the scenario. With `--amend` or `--compare` it runs both versions on the same
 * scenario and seed and prints how the outcomes differ.
 */
export const simulateCommand: CommandDescriptor = {
  name: 'simulate',
  summary: 'Run a campaign forward on a simulated calendar with a scenario of units and behaviour',
  examples: [
    {
      command: 'phasegate simulate campaign.phase --scenario county.yaml --report report.html',
      says: 'the timeline, outcomes and a report to open in a browser',
    },
    {
      command:
        'phasegate simulate campaign.phase -s county.yaml --amend "phase study extend 10 days effective 2005-02-21"',
      says: 'what-if: the same county with an extension',
    },
    {
      command: 'phasegate simulate campaign.phase -s county.yaml --format csv --bom > run.csv',
      says: 'one tidy table for Excel',
    },
  ],
  define(cmd) {
    cmd
      .argument('<campaign>', 'the .phase file to simulate (- for standard input)')
      .option(
        '-s, --scenario <file>',
        'the scenario: units and how they behave (YAML or JSON; see docs/simulation.md; - for standard input)',
      )
      .option('--from <date>', 'first simulated day, YYYY-MM-DD (default: the scenario’s, else the campaign’s start)')
      .option('--to <date>', 'last simulated day, YYYY-MM-DD (default: the scenario’s, else the last window’s end)')
      .option('--seed <n>', 'seed of the behaviour models (default: the scenario’s behaviour.seed)');
    formatOption(cmd, ['table', 'json', 'csv'], 'how to print the run');
    cmd
      .option('--bom', 'with --format csv: begin with a byte-order mark, so that Excel reads the file as UTF-8')
      .option('--report <file>', 'also write a self-contained HTML report to this file')
      .option(
        '--amend <amendment>',
        'what-if: simulate with this amendment too and compare (repeatable)',
        (v: string, all: string[] = []) => [...all, v],
      )
      .option('--compare <campaign>', 'what-if: simulate another version of the campaign and compare');
  },
  load: () => import('./simulate-run.js'),
};
