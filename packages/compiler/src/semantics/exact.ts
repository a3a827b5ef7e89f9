import type { CompareOp } from '../ir.js';
import { compare } from './operators.js';

/**
 * A threshold as the decimal its author wrote: `num / den`, `den` a power of ten. Thresholds reach
 * the IR as numbers, and a number's shortest round-trip text (`String(33.33)` is `"33.33"`) is the
 * literal that produced it, so the fraction is exact.
 */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

const fractions = new Map<number, Fraction>();

/** `value` as an exact decimal fraction (`33.33` → 3333/100); cached, the set of thresholds is small. */
export function decimalFraction(value: number): Fraction {
  let f = fractions.get(value);
  if (f === undefined) {
    f = parseDecimal(value);
    if (fractions.size < 10_000) fractions.set(value, f);
  }
  return f;
}

function parseDecimal(value: number): Fraction {
  if (!Number.isFinite(value)) throw new RangeError(`a threshold must be finite, not ${value}`);
  const [mantissa = '0', exp = '0'] = String(value).split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '0', part = ''] = mantissa.replace('-', '').split('.');
  let num = BigInt(`${whole}${part}`);
  let den = 10n ** BigInt(part.length);
  const e = Number(exp);
  if (e > 0) num *= 10n ** BigInt(e);
  else if (e < 0) den *= 10n ** BigInt(-e);
  while (den > 1n && num % 10n === 0n) {
    num /= 10n;
    den /= 10n;
  }
  return { num: negative ? -num : num, den };
}

/** `a op b` for two exact integers. */
function compareBig(a: bigint, op: CompareOp, b: bigint): boolean {
  return compare(a < b ? -1 : a > b ? 1 : 0, op, 0);
}

/**
 * Whether `numerator / denominator op value` holds, computed exactly: `numerator × den` against
 * `num × denominator` in whole numbers, never dividing. Both numbers are read as decimals (their
 * shortest text: a total of 10 + 10 + 13.33 hours is 33.33), `denominator` is a positive whole
 * number (members).
 *
 * @example
 * ratioHolds(100, 3, '>=', 33.33); // a third of members, as a percent, is at least 33.33%: true
 * ratioHolds(100, 3, '==', 33.333333333333336); // and not this float: false
 */
export function ratioHolds(numerator: number, denominator: number, op: CompareOp, value: number): boolean {
  const { num, den } = decimalFraction(value);
  // Whole numbers well inside 2^53 (the usual case: counts, whole hours) need no BigInt.
  if (Number.isInteger(numerator) && den <= 1_000_000n && num <= 1_000_000_000n && num >= -1_000_000_000n) {
    const left = numerator * Number(den);
    const right = Number(num) * denominator;
    if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return compare(left, op, right);
  }
  const total = decimalFraction(numerator);
  return compareBig(total.num * den, op, num * BigInt(denominator) * total.den);
}
