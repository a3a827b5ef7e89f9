/**
 * The simulator behind `phasegate simulate` and `phasegate demo`: scenarios, seeded behaviour
 * models, a day-by-day driver over the production runtime, what-if comparison, and renderers
 * (terminal table, JSON, CSV, HTML report). See docs/simulation.md.
 */
export { loadScenario, parseScenario, scenarioSchema, type LoadedScenario, type Locate } from './load-scenario.js';
export { checkScenario } from './check-scenario.js';
export { ScenarioError, renderProblems, type ScenarioProblem } from './scenario-problem.js';
export type { Scenario, RawScenario, Behaviour, RosterUnit, LocalDate } from './scenario.js';
export type { Distribution } from './distribution.js';
export { sample } from './distribution.js';
export { streamFor, type Rng } from './prng.js';
export { prepareCampaign, type PreparedCampaign, type PrepareFailure } from './prepare-campaign.js';
export { runSimulation, simulationRange, SimulationError, type RunOptions } from './run-simulation.js';
export { compareResults, type Comparison, type OutcomeChange, type OutcomeCounts } from './compare.js';
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
export { renderJson, renderCsv } from './render-data.js';
export { renderReport } from './render-report.js';
export { progressBar } from './progress.js';
export * from './result.js';
