/**
 * `@phasegate/sim/render`: a simulation's result for people and tools — the terminal table (or
 * any of its sections), a what-if's comparison, JSON, one tidy CSV table, and the HTML report, a
 * single self-contained page. Pure functions of the result: no files, no terminal.
 *
 * @example
 * import { renderReport, renderTable } from '@phasegate/sim/render';
 *
 * process.stdout.write(renderTable(result, { columns: 100 }));
 * const html = renderReport(result); // write it to report.html
 */
export {
  renderTable,
  renderTimeline,
  renderUnits,
  renderOverdue,
  renderOutcomes,
  renderBlockers,
  renderHeader,
  type TableOptions,
} from './render-table.js';
export { renderComparison } from './render-compare.js';
export { renderJson, renderCsv, type CsvOptions } from './render-data.js';
export { renderReport } from './render-report.js';
