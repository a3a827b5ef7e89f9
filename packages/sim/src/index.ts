/**
 * `@phasegate/sim`: runs a phasegate campaign forward on a simulated calendar, with a scenario of
 * units and how they behave, on the production runtime (in memory), and compares versions of a
 * campaign ("what if the study phase were ten days longer?"). It reads no files and needs no
 * Node built-ins, so it runs in a browser too; `@phasegate/sim/node` reads scenarios from disk,
 * `@phasegate/sim/render` prints results (table, JSON, CSV, the HTML report).
 * See docs/simulation.md.
 *
 * @example
 * import { checkScenario, parseScenario, prepareCampaign, runSimulation } from '@phasegate/sim';
 *
 * const campaign = prepareCampaign(campaignText, 'first-batch.phase');
 * if (!('ir' in campaign)) throw new Error('the campaign has errors');
 * const { scenario, locate } = parseScenario(scenarioText, { readFile: (name) => files[name]! });
 * const problems = checkScenario(scenario, campaign.ir, locate); // [] when the two fit
 * const result = runSimulation({ campaign, scenario });
 * result.snapshots[0]?.groups; // who is overdue on the first snapshot day
 */

// Scenarios: units and their behaviour, read and checked.
export {
  parseScenario,
  scenarioSchema,
  type ParseScenarioOptions,
  type LoadedScenario,
  type Locate,
} from './scenario/parse-scenario.js';
export { checkScenario } from './scenario/check-scenario.js';
export { ScenarioError, renderProblems, type ScenarioProblem } from './scenario/scenario-problem.js';
export type { Scenario, RawScenario, Behaviour, RosterUnit, LocalDate } from './scenario/scenario.js';
export type { Distribution } from './behaviour/distribution.js';

// Running: a campaign with its what-if amendments, day by day.
export { prepareCampaign, type PreparedCampaign, type PrepareFailure } from './driver/prepare-campaign.js';
export { runSimulation, simulationRange, SimulationError, type RunOptions } from './driver/run-simulation.js';

// Results, and how two of them differ.
export { isValidDate as isLocalDate } from './calendar.js';
export { compareResults, type Comparison, type OutcomeChange, type OutcomeCounts } from './compare.js';
export * from './result.js';
