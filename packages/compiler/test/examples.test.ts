import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { createActor } from 'xstate';
import { emitMermaid } from '@phasegate/compiler';
import { createUnitMachine } from '@phasegate/compiler/machine';
import { EXAMPLES_DIR, expectClean, readExample } from './helpers.js';

const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.phase'));

describe('every file in dsl-examples/', () => {
  test('there are examples to check', () => {
    expect(files).toContain('first-batch.phase');
  });

  test.each(files)('%s checks clean, and its machine starts and settles with the calendar', (file) => {
    const ir = expectClean(readExample(file));
    const actor = createActor(createUnitMachine(ir), { input: { members: 3 } }).start();
    const first = ir.phases[0];
    const entry = first.steps[0]?.id ?? '@transfer';
    expect(actor.getSnapshot().value).toEqual({ [first.id]: { [entry]: 'waiting' } });
    const opens = ir.windows[first.steps[0]?.window ?? first.window].start;
    actor.send({ type: 'clock', time: opens });
    expect(actor.getSnapshot().value).toEqual({ [first.id]: { [entry]: 'open' } });
    actor.stop();
    expect(emitMermaid(ir).startsWith('stateDiagram-v2\n')).toBe(true);
  });
});
