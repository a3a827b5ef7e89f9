import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type Diagnostic, type SourceFile } from '../src/index.js';

export const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '../../../dsl-examples');

/** Every example campaign, by file name. */
export function examples(): { name: string; text: string }[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.phase'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(examplesDir, name), 'utf8') }));
}

/** Parses text that must be clean and returns its campaign. */
export function parseClean(text: string) {
  const { file, diagnostics } = parse(text, 'test.phase');
  if (diagnostics.length > 0)
    throw new Error(`unexpected diagnostics: ${diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  if (!file.campaign) throw new Error('no campaign');
  return file.campaign;
}

const SPAN_KEYS = new Set(['start', 'end', 'zoneSpan', 'keywordSpan', 'text']);

/** The tree without positions and literal spellings: what the file means. */
export function meaning(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(meaning);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SPAN_KEYS.has(k) && v !== undefined) out[k] = meaning(v);
    return out;
  }
  return value;
}

type Spanned = Record<string, unknown> & { start: number; end: number };

/** Calls `visit` on every node in the tree (every object with numeric `start` and `end`), with the nearest enclosing node. */
export function eachSpanned(node: unknown, visit: (n: Spanned, parent?: Spanned) => void, parent?: Spanned): void {
  if (Array.isArray(node)) {
    for (const x of node) eachSpanned(x, visit, parent);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const rec = node as Record<string, unknown>;
  const spanned = typeof rec.start === 'number' && typeof rec.end === 'number' ? (rec as Spanned) : undefined;
  if (spanned) visit(spanned, parent);
  for (const v of Object.values(rec)) eachSpanned(v, visit, spanned ?? parent);
}

export function spanText(file: SourceFile | string, span: { start: number; end: number }): string {
  const text = typeof file === 'string' ? file : file.text;
  return text.slice(span.start, span.end);
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}
