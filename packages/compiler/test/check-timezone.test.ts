import { describe, expect, test } from 'vitest';
import { compile, expectOne, variant } from './helpers.js';

describe('check-timezone', () => {
  test('a missing time zone points at the campaign name', () => {
    const text = variant(['  timezone Asia/Shanghai\n', '']);
    const d = expectOne(text, 'PG302', 'c', 1);
    expect(d.message).toContain('timezone Asia/Shanghai');
  });

  test('an unknown zone suggests the closest IANA name', () => {
    const text = variant(['timezone Asia/Shanghai', 'timezone Asia/Shangai']);
    const d = expectOne(text, 'PG301', 'Asia/Shangai');
    expect(d.hint).toBe('did you mean `Asia/Shanghai`?');
  });

  test('a city alone is matched to its zone', () => {
    const text = variant(['timezone Asia/Shanghai', 'timezone Mars/Shanghai']);
    expect(expectOne(text, 'PG301', 'Mars/Shanghai').hint).toBe('did you mean `Asia/Shanghai`?');
  });

  test('two timezone lines are a duplicate', () => {
    const text = variant(['  timezone Asia/Shanghai\n', '  timezone Asia/Shanghai\n  timezone Europe/London\n']);
    expectOne(text, 'PG201', 'timezone Europe/London');
  });

  test('a zone written in another case is accepted and spelt conventionally in the IR', () => {
    const { ir, diagnostics } = compile(variant(['timezone Asia/Shanghai', 'timezone asia/shanghai']));
    expect(diagnostics).toEqual([]);
    expect(ir?.timezone).toBe('Asia/Shanghai');
  });

  test('without a valid zone there is no IR', () => {
    expect(compile(variant(['timezone Asia/Shanghai', 'timezone Nowhere/Atall'])).ir).toBeUndefined();
  });
});
