import { closest } from '@phasegate/dsl';

/** A diagnostic's hint for a misspelt name (`did you mean \`study\`?`), or undefined when none is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const [best] = closest(word, candidates);
  return best === undefined ? undefined : `did you mean \`${best}\`?`;
}
