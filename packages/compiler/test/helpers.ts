import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Diagnostic } from '@phasegate/dsl';
import { compileSource, type CampaignIR } from '@phasegate/compiler';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../dsl-examples/', import.meta.url));

export function readExample(name: string): string {
  return readFileSync(EXAMPLES_DIR + name, 'utf8');
}

/**
 * A small campaign that checks clean. Pass replacements `[old, new]` to break one thing at a
 * time; each `old` must occur in the text.
 */
export const BASE = `campaign c "C" {
  timezone Asia/Shanghai

  role office "Office" can amend
  role supervisor "Supervisor"

  metric study_hours "Study hours" hours per member
  metric participation_rate "Participation" percent per unit
  metric concentrated_days "Concentrated days" days per unit
  metric exams "Exams passed" count per member

  phase study "Study" {
    window 2005-01-20 .. 2005-03-05

    step talks "Talks" window 2005-02-23 .. 2005-03-01 {
      task expert_talk "Expert talk"
      task self_talk "Self talk"
    }

    step discussion "Discussion" window 2005-03-02 .. 2005-03-05 {
      deliverable standard "Standard" due 2005-03-05 18:00
    }

    gate training "Training" {
      every member study_hours >= 45 hours
      and participation_rate >= 95%
    }

    checkpoint checks "Checks" signed by supervisor {
      item leadership "Leadership"
      item lectures "Lectures" requires task expert_talk done
    }

    when late remediate "Make up"
  }

  phase appraisal "Appraisal" {
    window 2005-03-06 .. 2005-04-30

    step review "Review" window 2005-03-06 .. 2005-04-30 {
      deliverable analysis "Analysis" due 2005-04-10 18:00
    }
  }
}
`;

export function variant(...replacements: [string, string][]): string {
  let text = BASE;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

export function compile(text: string): { ir?: CampaignIR; diagnostics: Diagnostic[] } {
  return compileSource(text, 'test.phase');
}

/** The span of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${occurrence + 1} times`);
  }
  return { start: at, end: at + needle.length };
}

/** The span of `needle` inside the first appearance of `context` (for needles that repeat). */
export function spanIn(text: string, context: string, needle: string): { start: number; end: number } {
  const c = spanOf(text, context);
  const at = text.indexOf(needle, c.start);
  if (at < 0 || at + needle.length > c.end)
    throw new Error(`${JSON.stringify(needle)} is not inside ${JSON.stringify(context)}`);
  return { start: at, end: at + needle.length };
}

/** Diagnostics with this code. */
export function withCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** Asserts exactly one diagnostic with `code`, pointing at `needle`, and returns it. */
export function expectOne(
  text: string,
  code: string,
  needle: string | { start: number; end: number },
  occurrence = 0,
): Diagnostic {
  const { diagnostics } = compile(text);
  const found = withCode(diagnostics, code);
  expect(
    found,
    JSON.stringify(
      diagnostics.map((d) => [d.code, d.message]),
      null,
      1,
    ),
  ).toHaveLength(1);
  expect(found[0].span).toEqual(typeof needle === 'string' ? spanOf(text, needle, occurrence) : needle);
  return found[0];
}

/** Asserts that a text compiles without any error or warning. */
export function expectClean(text: string): CampaignIR {
  const { ir, diagnostics } = compile(text);
  expect(diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  expect(ir).toBeDefined();
  return ir!;
}
