/** Per-parse state shared by the tokens and blocks of one `parse` call. */
import type P from 'parsimmon';
import { detachSpans, type Diagnostic } from './diagnostic.js';
import { failure, run, type Reply } from './parser-combinators.js';

/** How deep parentheses and `{ … }` blocks may nest (deeper would overflow the parser's stack). */
export const MAX_NESTING = 200;

/** Per-parse state: the text, collected diagnostics (deduplicated: backtracking may re-run a token). */
export class ParseContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** `--amend` on a shell: also accept `'single-quoted'` labels. */
  readonly singleQuotes: boolean;

  constructor(
    readonly text: string,
    options: { singleQuotes?: boolean } = {},
  ) {
    this.singleQuotes = options.singleQuotes ?? false;
  }

  /** Current nesting of parentheses and blocks; the parser recurses on it, so it is bounded. */
  private depth = 0;

  /**
   * Runs `p` one nesting level deeper. Past `MAX_NESTING` levels it reports PG100 at `at` and
   * fails with no expectations (so no second message is made of the failure) instead of
   * overflowing the stack.
   */
  nested<T>(p: P.Parser<T>, input: string, i: number, at: number, what: string): Reply<T> {
    if (!this.enter(at, what)) return failure(at, []);
    try {
      return run(p, input, i);
    } finally {
      this.leave();
    }
  }

  /**
   * Goes one nesting level deeper, or reports PG100 at `at` and returns false past
   * `MAX_NESTING` levels (the caller then fails with no expectations, so no second message is
   * made of the failure). Every `enter` that returns true is paired with a `leave`.
   */
  enter(at: number, what: string): boolean {
    if (this.depth >= MAX_NESTING) {
      this.report({
        code: 'PG100',
        severity: 'error',
        message: `${what} nest more than ${MAX_NESTING} levels deep here`,
        span: { start: at, end: at + 1 },
        hint: 'split the condition or the groups into smaller ones',
      });
      return false;
    }
    this.depth++;
    return true;
  }

  leave(): void {
    this.depth--;
  }

  report(d: Diagnostic): void {
    const key = `${d.code}:${d.span.start}:${d.span.end}:${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.diagnostics.push(detachSpans(d));
  }
}
