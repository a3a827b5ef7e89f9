import { describe, expect, test } from 'vitest';
import { BASE, expectClean } from './helpers.js';

describe('the test fixture', () => {
  test('compiles clean, so every other test breaks exactly one thing', () => {
    const ir = expectClean(BASE);
    expect(ir.phases.map((p) => p.id)).toEqual(['study', 'appraisal']);
  });
});
