import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { relative, resolve } from 'node:path';
import type { CommandDescriptor } from '../command.js';
import { CliError, EXIT, type ExitCode } from '../io.js';

/** The shipped reference campaign, its scenario, and the variant without the extension. */
const EXAMPLES = fileURLToPath(new URL('../../../../dsl-examples/', import.meta.url));

/**
 * `phasegate demo [--report out.html]`: simulates the reference campaign (the county of the
 * 2005-02-23 speech) with its shipped scenario, prints the timeline, the overdue lists of the
 * speech's day and how each phase ended, then the what-if of the 10-day extension: the same
 * county and seed without it. `npm run demo` runs it.
 */
export const demoCommand: CommandDescriptor = {
  name: 'demo',
  summary: 'Simulate the reference campaign and show what its 10-day extension changed',
  define(cmd) {
    cmd.option('--report <file>', 'also write the HTML report of the simulation to this file');
  },
  async run(_args, options, io): Promise<ExitCode> {
    // Loaded when the demo runs, not when the CLI starts (see simulate.ts).
    const [{ compareResults, renderComparison, renderOverdue, renderReport, renderTable }, { loadCampaign, loadCheckedScenario, simulateOnce }] =
      await Promise.all([import('../sim/index.js'), import('./simulate-run.js')]);
    const report = options['report'];
    if (report !== undefined && (typeof report !== 'string' || report === '')) {
      throw new CliError('--report needs a file name, e.g. --report demo.html.', EXIT.usage);
    }
    const shown = (f: string) => relative(io.cwd, resolve(EXAMPLES, f)) || f;
    const campaignPath = shown('first-batch.phase');
    const variantPath = shown('first-batch-no-extension.phase');
    const scenarioPath = shown('first-batch.scenario.yaml');
    const columns = Math.min(120, Math.max(60, io.stdout.columns ?? 100));

    const withExtension = await loadCampaign(resolve(io.cwd, campaignPath), [], io);
    const withoutExtension = await loadCampaign(resolve(io.cwd, variantPath), [], io);
    const loaded = loadCheckedScenario(scenarioPath, [withExtension.ir, withoutExtension.ir], io);

    const result = simulateOnce({ ...withExtension, file: campaignPath }, loaded, io, {}, 'with extension   ');
    const baseline = simulateOnce({ ...withoutExtension, file: variantPath }, loaded, io, {}, 'without extension');
    const comparison = compareResults(baseline, result, { before: 'without the extension', after: 'with the 10-day extension' });

    const speechDay = result.snapshots.find((s) => s.date === '2005-02-23');
    const out: string[] = [];
    out.push(`phasegate demo — ${campaignPath} simulated with ${scenarioPath}`, '');
    // The weeks around the speech and the end of the study phase tell the story; the report has the rest.
    out.push(renderTable(result, { columns, sections: ['header', 'timeline'], timelineFrom: '2005-02-14', timelineTo: '2005-03-31' }));
    if (speechDay) {
      out.push('On the day of the speech the office asks who is behind — the run answers:');
      out.push(renderOverdue({ ...result, snapshots: [speechDay] }, columns).join('\n'), '');
    }
    out.push(renderTable(result, { columns, sections: ['outcomes'] }));
    out.push('The 10-day extension of the study phase, as a what-if (same units, same seed):');
    out.push(renderComparison(comparison, { columns, limit: 12, more: 'the second command below lists them all' }));
    out.push(
      'Try:',
      `  phasegate simulate ${campaignPath} --scenario ${scenarioPath} --report report.html`,
      `  phasegate simulate ${variantPath} --scenario ${scenarioPath} --compare ${campaignPath}`,
      '',
    );
    io.stdout.write(out.join('\n'));
    if (typeof report === 'string') {
      await writeFile(resolve(io.cwd, report), renderReport(result, comparison), 'utf8');
      io.stderr.write(`report written to ${report}\n`);
    }
    return EXIT.ok;
  },
};
