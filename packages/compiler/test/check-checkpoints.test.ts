import { describe, expect, test } from 'vitest';
import { expectOne, variant } from './helpers.js';

describe('check-checkpoints', () => {
  test('a checkpoint without a signer', () => {
    const text = variant(['checkpoint checks "Checks" signed by supervisor {', 'checkpoint checks "Checks" {']);
    const d = expectOne(text, 'PG500', 'checks');
    expect(d.message).toContain('signed by office');
  });

  test('an unknown signer suggests a role', () => {
    const text = variant(['signed by supervisor', 'signed by supervisors']);
    expect(expectOne(text, 'PG200', 'supervisors').hint).toBe('did you mean `supervisor`?');
  });

  test('an empty checkpoint', () => {
    const text = variant([
      '      item leadership "Leadership"\n      item lectures "Lectures" requires task expert_talk done\n',
      '',
    ]);
    expectOne(text, 'PG501', 'checks');
  });

  test('a repeated item', () => {
    const text = variant(['item lectures "Lectures"', 'item leadership "Lectures"']);
    expectOne(text, 'PG201', 'leadership', 1);
  });
});
