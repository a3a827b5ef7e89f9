import type { FactLineReader } from './fact-line.js';

/**
 * A chunk of lines as bulk ingest's parsing stage leaves it for the applying stage: per line, a
 * few numbers in typed arrays (no object, no string), so that the parsing can run in a worker
 * thread and its result cross to the kernel's thread by transferring three buffers.
 *
 * Line `i` (0-based in the chunk) is `ints[i * LINE_INTS + …]` and `floats[i * LINE_FLOATS + …]`:
 * - `KIND`: `BLANK` (whitespace only), `TEXT` (for `JSON.parse` + `resolveEvent`) or `FACT` (a
 *   fact that passed `FactLineReader`), with the `ADD` bit and the metric index from bit 8;
 * - `START`, `END`: the line's bytes in `bytes`, line end excluded (the text, should the
 *   kernel's checks refuse the fact);
 * - for a fact: `UNIT_START`, `UNIT_END` (the unit id's bytes), `MEMBER` (-1 for a unit metric),
 *   and the floats `VALUE`, `TIME` (epoch ms).
 */
export interface ParsedChunk {
  readonly bytes: Buffer<ArrayBuffer>;
  readonly count: number;
  readonly ints: Int32Array<ArrayBuffer>;
  readonly floats: Float64Array<ArrayBuffer>;
}

export const LINE_INTS = 6;
export const KIND = 0;
export const START = 1;
export const END = 2;
export const UNIT_START = 3;
export const UNIT_END = 4;
export const MEMBER = 5;

export const LINE_FLOATS = 2;
export const VALUE = 0;
export const TIME = 1;

export const BLANK = 0;
export const TEXT = 1;
export const FACT = 2;
/** Bits of `KIND` below the metric index. */
export const KIND_MASK = 3;
export const ADD = 4;
export const METRIC_SHIFT = 8;

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Splits `bytes` into lines (`\n` or `\r\n`; a last line without a line end is a line) and reads
 * each: the parsing stage of bulk ingest, the same in a worker as in the kernel's thread. `ints`
 * and `floats` are reused when large enough.
 */
export function parseChunk(
  reader: FactLineReader,
  bytes: Buffer<ArrayBuffer>,
  ints: Int32Array<ArrayBuffer>,
  floats: Float64Array<ArrayBuffer>,
): ParsedChunk {
  let count = 0;
  for (let from = 0; from < bytes.length;) {
    const nl = bytes.indexOf(NEWLINE, from);
    const lineEnd = nl < 0 ? bytes.length : nl;
    const end = lineEnd > from && bytes[lineEnd - 1] === RETURN ? lineEnd - 1 : lineEnd;
    if ((count + 1) * LINE_INTS > ints.length || (count + 1) * LINE_FLOATS > floats.length) {
      const lines = Math.max(1024, count * 2);
      ints = grow(ints, new Int32Array(lines * LINE_INTS));
      floats = grow(floats, new Float64Array(lines * LINE_FLOATS));
    }
    parseLine(reader, bytes, from, end, ints, count * LINE_INTS, floats, count * LINE_FLOATS);
    count++;
    from = lineEnd + 1;
  }
  return { bytes, count, ints, floats };
}

// One line into its records (a function of its own: optimized on its own, not only by on-stack replacement of the loop).
function parseLine(
  reader: FactLineReader,
  bytes: Buffer,
  from: number,
  end: number,
  ints: Int32Array,
  o: number,
  floats: Float64Array,
  f: number,
): void {
  ints[o + START] = from;
  ints[o + END] = end;
  if (blank(bytes, from, end)) ints[o + KIND] = BLANK;
  else if (reader.read(bytes, from, end)) {
    ints[o + KIND] = FACT | (reader.add ? ADD : 0) | (reader.metric << METRIC_SHIFT);
    ints[o + UNIT_START] = reader.unitStart;
    ints[o + UNIT_END] = reader.unitEnd;
    ints[o + MEMBER] = reader.member;
    floats[f + VALUE] = reader.value;
    floats[f + TIME] = reader.time;
  } else ints[o + KIND] = TEXT;
}

function blank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function grow<T extends Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(a: T, b: T): T {
  b.set(a.subarray(0, Math.min(a.length, b.length)));
  return b;
}
