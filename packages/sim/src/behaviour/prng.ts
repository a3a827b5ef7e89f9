/**
 * A small seeded pseudo-random generator for the simulator: xoshiro128** seeded through a
 * 128-bit string hash. Deterministic on every platform (32-bit integer arithmetic only).
 *
 * The simulator never draws from one global stream: each unit, member and purpose gets its own
 * stream keyed by name (`streamFor(seed, 'task', unit, task)`), so that a unit behaves the same
 * whatever the other units do, which is what makes a what-if comparison fair.
 */

/** A source of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
}

/** cyrb128: a fast, well-mixed 128-bit hash of a string, as four 32-bit words. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** xoshiro128**: 128 bits of state, period 2^128 − 1, good enough statistics for simulation. */
export function xoshiro128(a: number, b: number, c: number, d: number): Rng {
  // An all-zero state would stay zero forever.
  if ((a | b | c | d) === 0) a = 0x9e3779b9;
  return {
    next(): number {
      const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      return result / 4294967296;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The stream of random numbers for one purpose, fully determined by the seed and the keys.
 *
 * @example
 * const rng = streamFor(7, 'ack', 'gonganju', 'doc_7');
 * rng.next(); // the same number on every run with seed 7
 */
export function streamFor(seed: number, ...keys: readonly (string | number)[]): Rng {
  const [a, b, c, d] = hash128(`${seed}\u0000${keys.join('\u0000')}`);
  return xoshiro128(a, b, c, d);
}
