/**
 * Simulation speed: the reference campaign with its shipped scenario (60 units, ~3,000 members,
 * 162 days; what `phasegate demo` runs twice, with its variant), and a 10× county (600 units,
 * ~30,000 members) made by repeating the roster. Reports wall time and events per second (all the
 * events sent to the runtime, tallies and sign-offs included).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareCampaign, runSimulation, type Scenario } from '@phasegate/sim';
import { loadScenarioFile } from '@phasegate/sim/node';

const root = fileURLToPath(new URL('..', import.meta.url));

export default function bench(out: (line: string) => void): Promise<void> {
  const file = `${root}dsl-examples/first-batch.phase`;
  const prepared = prepareCampaign(readFileSync(file, 'utf8'), file);
  if (!('ir' in prepared)) throw new Error('the reference campaign does not compile');
  const { scenario } = loadScenarioFile(`${root}dsl-examples/first-batch.scenario.yaml`);

  const times = (s: Scenario, label: string, runs: number): void => {
    const ms: number[] = [];
    let events = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const result = runSimulation({ campaign: prepared, scenario: s });
      ms.push(performance.now() - start);
      events = result.totals.events;
      (globalThis as { gc?: () => void }).gc?.();
    }
    ms.sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)];
    const members = s.units.reduce((n, u) => n + u.members, 0);
    out(
      `${label}: ${s.units.length} units, ${members.toLocaleString('en-US')} members, ${events.toLocaleString('en-US')} events — ` +
        `median ${(median / 1000).toFixed(2)} s of ${runs} (${Math.round(events / (median / 1000)).toLocaleString('en-US')} events/s)`,
    );
  };

  times(scenario, 'reference (demo scenario)', 3);
  const tenfold: Scenario = {
    ...scenario,
    units: Array.from({ length: 10 }, (_, k) =>
      scenario.units.map((u) => ({ ...u, id: `${u.id}-${k}`, ...(u.parent ? { parent: `${u.parent}-${k}` } : {}) })),
    ).flat(),
  };
  times(tenfold, '10× county', 1);
  const mem = process.memoryUsage();
  out(`heap after: ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB used, rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB`);
  return Promise.resolve();
}
