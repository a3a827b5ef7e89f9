import type { Rng } from './prng.js';

/**
 * A distribution a scenario draws numbers from (hours, days of delay, rates, member counts).
 * - a plain number: always that value;
 * - `fixed`: always `value`;
 * - `uniform`: evenly between `min` and `max`;
 * - `normal`: mean and standard deviation, clamped to `min`/`max` when given;
 * - `lognormal`: a skewed positive delay with the given median and log-sd (`sigma`), clamped;
 * - `mix`: pick one of several distributions by weight (e.g. "90 % within two days, 10 % never");
 * - `never`: the thing never happens (draws `Infinity`).
 */
export type Distribution =
  | number
  | { readonly dist: 'fixed'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | {
      readonly dist: 'normal';
      readonly mean: number;
      readonly sd: number;
      readonly min?: number;
      readonly max?: number;
    }
  | {
      readonly dist: 'lognormal';
      readonly median: number;
      readonly sigma: number;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly dist: 'mix'; readonly of: readonly WeightedDistribution[] }
  | { readonly dist: 'never' };

/** One option of a `mix`: any distribution but a plain number, with a weight. */
export type WeightedDistribution = Exclude<Distribution, number> & { readonly weight: number };

/** One standard normal number (Box–Muller; one of the pair is discarded to keep streams simple). */
function standardNormal(rng: Rng): number {
  // 1 - next() is in (0, 1], so the logarithm is finite.
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function clamp(x: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && x < min) return min;
  if (max !== undefined && x > max) return max;
  return x;
}

/**
 * Draws one number from a distribution.
 *
 * @example
 * sample({ dist: 'normal', mean: 7, sd: 1.5, min: 0 }, streamFor(1, 'hours')); // ≈ 7
 */
export function sample(d: Distribution, rng: Rng): number {
  if (typeof d === 'number') return d;
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
    case 'normal':
      return clamp(d.mean + d.sd * standardNormal(rng), d.min, d.max);
    case 'lognormal':
      return clamp(d.median * Math.exp(d.sigma * standardNormal(rng)), d.min, d.max);
    case 'never':
      return Infinity;
    case 'mix': {
      const total = d.of.reduce((s, o) => s + o.weight, 0);
      let pick = rng.next() * total;
      for (const option of d.of) {
        pick -= option.weight;
        if (pick < 0) return sample(option, rng);
      }
      return sample(d.of[d.of.length - 1], rng);
    }
  }
}

/** The expected value, for documentation and sanity checks (`never` → Infinity). */
export function meanOf(d: Distribution): number {
  if (typeof d === 'number') return d;
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
      return d.mean;
    case 'lognormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
    case 'never':
      return Infinity;
    case 'mix': {
      const total = d.of.reduce((s, o) => s + o.weight, 0);
      return d.of.reduce((s, o) => s + (o.weight / total) * meanOf(o), 0);
    }
  }
}
