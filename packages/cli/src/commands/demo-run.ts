import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { relative, resolve } from 'node:path';
import type { CommandRun } from '../command.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { CliError, EXIT, type ExitCode } from '../io.js';
import { compareResults } from '@phasegate/sim';
import { renderComparison, renderOverdue, renderReport, renderTable } from '@phasegate/sim/render';
import { loadCampaign, loadCheckedScenario, simulateOnce } from './simulate-run.js';

/**
 * The reference campaign, its scenario, and the variant without the extension. An installed CLI
 * carries them in its `examples/` (scripts/build.mjs copies them there); in the repository their
 * canonical place is `dsl-examples/`, read directly so an edit there needs no build.
 */
const EXAMPLES = [new URL('../../dsl-examples/', PACKAGE_ROOT), new URL('examples/', PACKAGE_ROOT)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(resolve(dir, 'first-batch.phase')));

/** `phasegate demo`, once its command line is parsed (see demo.ts). */
export const run: CommandRun = async (_args, options, io): Promise<ExitCode> => {
  const report = options['report'];
  if (report !== undefined && (typeof report !== 'string' || report === '')) {
    throw new CliError('--report needs a file name, e.g. --report demo.html.', EXIT.usage);
  }
  if (EXAMPLES === undefined)
    throw new CliError(
      'The reference campaign is missing from this installation (examples/first-batch.phase); reinstall @phasegate/cli.',
    );
  const shown = (f: string) => relative(io.cwd, resolve(EXAMPLES, f)) || f;
  const campaignPath = shown('first-batch.phase');
  const variantPath = shown('first-batch-no-extension.phase');
  const scenarioPath = shown('first-batch.scenario.yaml');
  const columns = Math.min(120, Math.max(60, io.stdout.columns ?? 100));

  const withExtension = await loadCampaign(resolve(io.cwd, campaignPath), [], io);
  const withoutExtension = await loadCampaign(resolve(io.cwd, variantPath), [], io);
  const loaded = await loadCheckedScenario(scenarioPath, [withExtension.ir, withoutExtension.ir], io);

  const result = simulateOnce({ ...withExtension, file: campaignPath }, loaded, io, {}, 'with extension   ');
  const baseline = simulateOnce({ ...withoutExtension, file: variantPath }, loaded, io, {}, 'without extension');
  const comparison = compareResults(baseline, result, {
    before: 'without the extension',
    after: 'with the 10-day extension',
  });

  const speechDay = result.snapshots.find((s) => s.date === '2005-02-23');
  const out: string[] = [];
  out.push(`phasegate demo — ${campaignPath} simulated with ${scenarioPath}`, '');
  // The weeks around the speech and the end of the study phase tell the story; the report has the rest.
  out.push(
    renderTable(result, {
      columns,
      sections: ['header', 'timeline'],
      timelineFrom: '2005-02-14',
      timelineTo: '2005-03-31',
    }),
  );
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
};
