/**
 * "Did you mean …?" for every misspelt name phasegate reports: keywords, declared names, time
 * zones, roster columns, unit ids, event fields. One rule, so a typo gets the same suggestion
 * from the parser, the compiler, the runtime and the CLI.
 */

export interface ClosestOptions {
  /** At most this many suggestions, closest first; 1 unless given. */
  readonly max?: number;
  /**
   * Also suggest candidates that contain the word, as if one edit away: for ids people shorten
   * (`b1` for `edu-b1`). Off unless given, since a short keyword is inside many others.
   */
  readonly contains?: boolean;
}

/**
 * The candidates close enough to `word` to be a plausible typo, closest first (ties keep the
 * candidates' order), or `[]` when none is.
 *
 * Case is ignored and characters are counted as code points, so a Chinese name is compared
 * character by character. A candidate is close when:
 * - its edit distance from `word` (insertions, deletions, substitutions and swaps of
 *   neighbours, each one edit) is at most a third of `word`'s length, and at least 1;
 * - or it shares a stem with `word`, counted as two edits: the shorter of the two (4 characters
 *   or more) is the longer's start but for its last character, and their lengths differ by at
 *   most 3 (`studies` and `study`);
 * - or, with `contains`, it contains `word`, counted as one edit.
 *
 * @example
 * closest('windw', ['window', 'when', 'step']); // ['window']
 * closest('studies', ['study', 'talks']); // ['study']
 * closest('b1', ['edu-b1', 'edu-b2', 'sci-b1'], { max: 3, contains: true }); // ['edu-b1', 'sci-b1']
 * closest('xyz', ['window']); // []
 */
export function closest(word: string, candidates: Iterable<string>, options: ClosestOptions = {}): string[] {
  const { max = 1, contains = false } = options;
  const wanted = [...word.toLowerCase()];
  if (wanted.length === 0 || max <= 0) return [];
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  const lowerWord = wanted.join('');
  const found: { readonly candidate: string; readonly distance: number }[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    const lower = candidate.toLowerCase();
    const other = [...lower];
    let d = contains && lower.includes(lowerWord) ? 1 : Infinity;
    if (limit >= 2 && sharesStem(wanted, other)) d = Math.min(d, 2);
    // Lengths further apart than the limit cannot be within it: skip the table.
    if (Math.abs(other.length - wanted.length) <= limit) {
      d = Math.min(d, editDistance(wanted, other, Math.min(d, limit + 1)));
    }
    if (d <= limit) found.push({ candidate, distance: d });
  }
  return found
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((f) => f.candidate);
}

/** `studies`/`study`, `talking`/`talk`: an inflection of the same word rather than a typo. */
function sharesStem(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4 || long.length - short.length > 3) return false;
  const stem = Math.max(4, short.length - 1);
  for (let i = 0; i < stem; i++) if (short[i] !== long[i]) return false;
  return true;
}

/**
 * Optimal string alignment distance over code points; gives up (returns `cap`) once every path
 * has reached `cap`, which keeps a search over thousands of unit ids cheap.
 */
function editDistance(a: readonly string[], b: readonly string[], cap: number): number {
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= cap) return cap;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n], cap);
}
