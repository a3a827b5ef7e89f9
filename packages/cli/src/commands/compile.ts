import type { CommandDescriptor } from '../command.js';

/**
 * `phasegate compile <file> --target ir|xstate|mermaid [--amend "<amendment>"]…`: checks the
 * file and prints its IR (JSON), its unit machine config (JSON, for XState's `createMachine`)
 * or a Mermaid state diagram. Each `--amend` adds an amendment to the schedule first, written as
 * in a file after `amend`: `--amend "phase study extend 10 days effective 2005-02-21"`.
 * Diagnostics go to stderr; on any error nothing is printed to stdout and the exit code is 1.
 */
export const compileCommand: CommandDescriptor = {
  name: 'compile',
  summary: 'Compile a .phase file to its IR, XState machine config or Mermaid diagram',
  examples: [
    {
      command: 'phasegate compile campaign.phase --target mermaid > campaign.mmd',
      says: 'a state diagram to paste into docs',
    },
    {
      command: 'phasegate compile campaign.phase --target xstate',
      says: "the unit machine's config, for XState's createMachine",
    },
    {
      command: 'phasegate compile campaign.phase --amend "phase study extend 10 days effective 2005-02-21"',
      says: 'the IR with one more amendment',
    },
  ],
  define(cmd) {
    cmd
      .argument('<file>', 'the .phase file to compile (- for standard input)')
      .option('--target <target>', 'ir, xstate or mermaid', 'ir')
      .option(
        '--amend <amendment>',
        'add an amendment before compiling, e.g. "phase study extend 10 days effective 2005-02-21" (repeatable)',
        (value: string, previous: string[] = []) => [...previous, value],
      );
  },
  load: () => import('./compile-run.js'),
};
