/**
 * NDJSON as batches of lines, straight from the bytes: no string per line, no copy of a chunk
 * except for the one line that straddles two chunks. Memory is one chunk plus the longest line,
 * whatever the size of the file.
 */

/** Lines of one chunk: `buffer[starts[i] .. ends[i])` is line `firstLine + i` (1-based), line end excluded. */
export interface LineBatch {
  readonly buffer: Buffer;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly count: number;
  readonly firstLine: number;
}

/** Thrown for input that cannot be split into lines within the memory bound. */
export class NdjsonLineError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'NdjsonLineError';
  }
}

export interface LineBatchOptions {
  /** A line longer than this is refused (default 1 MiB): it bounds memory on a file without line ends. */
  readonly maxLineBytes?: number;
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Splits a byte stream (a `fs.createReadStream`, standard input) into batches of lines, one batch
 * per chunk read. A batch and its arrays are valid until the next one is asked for: the arrays are
 * reused, so consume a batch before pulling the next (a `for await` loop body does).
 *
 * `\r\n` line ends are accepted; a last line without a line end is a line.
 *
 * @example
 * for await (const batch of lineBatches(createReadStream('events.ndjson'))) {
 *   for (let i = 0; i < batch.count; i++) handle(batch.buffer, batch.starts[i], batch.ends[i], batch.firstLine + i);
 * }
 */
export async function* lineBatches(source: AsyncIterable<Buffer | string>, options: LineBatchOptions = {}): AsyncGenerator<LineBatch> {
  const maxLine = options.maxLineBytes ?? 1 << 20;
  let starts = new Int32Array(1024);
  let ends = new Int32Array(1024);
  let rest: Buffer | null = null;
  let line = 1;
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    const buffer: Buffer = rest === null ? chunk : Buffer.concat([rest, chunk]);
    let count = 0;
    let from = 0;
    for (;;) {
      const nl = buffer.indexOf(NEWLINE, from);
      if (nl < 0) break;
      if (count === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
      }
      starts[count] = from;
      ends[count] = nl > from && buffer[nl - 1] === RETURN ? nl - 1 : nl;
      count++;
      from = nl + 1;
    }
    rest = from < buffer.length ? buffer.subarray(from) : null;
    if (rest !== null && rest.length > maxLine) {
      throw new NdjsonLineError(line + count, `line ${line + count} is longer than ${maxLine} bytes without a line end; is this NDJSON (one JSON event per line)?`);
    }
    if (count > 0) {
      yield { buffer, starts, ends, count, firstLine: line };
      line += count;
    }
  }
  if (rest !== null) {
    starts[0] = 0;
    ends[0] = rest.length > 0 && rest[rest.length - 1] === RETURN ? rest.length - 1 : rest.length;
    yield { buffer: rest, starts, ends, count: 1, firstLine: line };
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
