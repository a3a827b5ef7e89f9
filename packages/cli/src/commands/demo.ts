import type { CommandDescriptor } from '../command.js';

/**
 * `phasegate demo [--report out.html]`: simulates the reference campaign (the county of the
 * 2005-02-23 speech) with its shipped scenario, prints the timeline, the overdue lists of the
 * speech's day and how each phase ended, then the what-if of the 10-day extension: the same
 * county and seed without it. `npm run demo` runs it.
 */
export const demoCommand: CommandDescriptor = {
  name: 'demo',
  summary: 'Simulate the reference campaign and show what its 10-day extension changed',
  examples: [
    { command: 'phasegate demo', says: 'the county of the 2005 speech, simulated, and the what-if of its extension' },
    { command: 'phasegate demo --report demo.html', says: 'the same, and the HTML report of the run' },
  ],
  define(cmd) {
    cmd.option('--report <file>', 'also write the HTML report of the simulation to this file');
  },
  load: () => import('./demo-run.js'),
};
