import type { FactLineReader } from './fact-line.js';
import {
  ADD,
  FACT,
  MATCHED,
  METRIC,
  MODE,
  NUMBER,
  QUOTE,
  REFUSED,
  ROLE,
  SET,
  STRAYED,
  STRING,
  stringEnd,
  TIME,
  TYPE,
} from './line-bytes.js';

/**
 * The shape of a line: literal k (bytes `literalStart[k] .. literalStart[k + 1]` of `literals`)
 * comes before value slot k, which holds field `slotField[k]` of kind `slotKind[k]`; one more
 * literal ends the line.
 */
export interface Template {
  readonly literals: Uint8Array;
  /** `literalWords[j]`: the four literal bytes from `j` as a little-endian int. */
  readonly literalWords: Int32Array;
  readonly literalStart: Int32Array;
  readonly slotField: Int32Array;
  readonly slotKind: Uint8Array;
  readonly slots: number;
  /** Known fields that this shape does not have. */
  readonly absent: Int32Array;
  readonly lacksMember: boolean;
  readonly lacksValue: boolean;
  /** Lines tried against it so far, interpreted. */
  uses: number;
  compiled: CompiledTemplate | null;
}

export type CompiledTemplate = (
  reader: FactLineReader,
  buf: Uint8Array,
  view: DataView<ArrayBufferLike>,
  start: number,
  end: number,
  from: Int32Array,
  to: Int32Array,
) => number;

/**
 * A template as a function of its own: the literal words and bytes become constants in unrolled
 * comparisons, the slots calls to the reader's slot methods, so the matcher does per line only
 * the comparisons themselves (no loops over the template, no reads of it). About twice as fast as
 * interpreting the template. The code is made of numbers only (bytes, field indices), nothing of
 * the input's text; its verdicts are the interpreter's (`matchTemplate`), and the tests run both.
 */
export function compileTemplate(
  t: Template,
  roles: readonly Uint8Array[],
  metrics: readonly Uint8Array[],
): CompiledTemplate {
  const code: string[] = ['r.startMatch();', 'let e = 0;', 'let i = start;'];
  for (let k = 0; k <= t.slots; k++) {
    const a = t.literalStart[k];
    const length = t.literalStart[k + 1] - a;
    if (length > 0) {
      const differs = [`i + ${length} > end`];
      let j = 0;
      for (; j + 4 <= length; j += 4) differs.push(`view.getInt32(i + ${j}, true) !== ${t.literalWords[a + j]}`);
      for (; j < length; j++) differs.push(`buf[i + ${j}] !== ${t.literals[a + j]}`);
      code.push(`if (${differs.join(' || ')}) return ${STRAYED};`, `i += ${length};`);
    }
    if (k === t.slots) break;
    const field = t.slotField[k];
    const kind = t.slotKind[k];
    if (kind === STRING) code.push('e = stringEnd(buf, i, end);');
    else if (kind === NUMBER) code.push(`e = r.numberSlot(buf, i, end, ${field});`);
    else if (kind === TIME) code.push('e = r.timeSlot(view, buf, i, end);');
    else {
      // A closed set of names: one test per name, its bytes as constants.
      const names = kind === TYPE ? [FACT] : kind === MODE ? [ADD, SET] : kind === ROLE ? roles : metrics;
      const chosen = (n: number): string =>
        kind === MODE && n === 0 ? 'r.lineAdd = true;' : kind === METRIC ? `r.lineMetric = ${n};` : '';
      names.forEach((name, n) =>
        code.push(`${n === 0 ? '' : 'else '}if (${nameTest(name)}) { e = i + ${name.length}; ${chosen(n)} }`),
      );
      code.push(`${names.length === 0 ? '' : 'else '}return ${REFUSED};`);
    }
    code.push(`if (e < 0) return ${STRAYED};`, `from[${field}] = i;`, `to[${field}] = e;`, 'i = e;');
  }
  code.push(`if (i !== end) return ${STRAYED};`);
  for (const f of t.absent) code.push(`from[${f}] = -1;`);
  if (t.lacksMember || t.lacksValue) code.push(`r.lacks(${t.lacksMember}, ${t.lacksValue});`);
  code.push(`return ${MATCHED};`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- on purpose: code generation, from numbers only (see above)
  const make = new Function(
    'stringEnd',
    `return function compiledTemplate(r, buf, view, start, end, from, to) {\n${code.join('\n')}\n};`,
  ) as (se: typeof stringEnd) => CompiledTemplate;
  return make(stringEnd);
}

/** JavaScript that is true when the string at `i` is `name` (its bytes, then the closing quote); `nameAt` unrolled. */
export function nameTest(name: Uint8Array): string {
  const n = name.length;
  const same = [`i + ${n} < end`, `buf[i + ${n}] === ${QUOTE}`];
  let j = 0;
  for (; j + 4 <= n; j += 4)
    same.push(
      `view.getInt32(i + ${j}, true) === ${name[j] | (name[j + 1] << 8) | (name[j + 2] << 16) | (name[j + 3] << 24)}`,
    );
  for (; j < n; j++) same.push(`buf[i + ${j}] === ${name[j]}`);
  return same.join(' && ');
}
