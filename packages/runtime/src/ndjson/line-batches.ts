/**
 * NDJSON as batches of lines, straight from the bytes: no string per line. Memory is one chunk
 * plus the longest line, whatever the size of the file.
 */
import { ChunkPool, lineChunks, runawayMessage, type LineChunkOptions } from './line-chunks.js';

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

export type LineBatchOptions = Pick<LineChunkOptions, 'maxLineBytes'>;

const NEWLINE = 0x0a;
const RETURN = 0x0d;

/**
 * Splits a byte stream (a `fs.createReadStream`, standard input) into batches of lines, one batch
 * per chunk (`lineChunks`). A batch and its arrays are valid until the next one is asked for: the
 * arrays and the buffer are reused, so consume a batch before pulling the next (a `for await` loop
 * body does).
 *
 * `\r\n` line ends are accepted; a last line without a line end is a line. A line that grows past
 * `maxLineBytes` without a line end throws `NdjsonLineError`, after the lines before it.
 *
 * @example
 * for await (const batch of lineBatches(createReadStream('events.ndjson'))) {
 *   for (let i = 0; i < batch.count; i++) handle(batch.buffer, batch.starts[i], batch.ends[i], batch.firstLine + i);
 * }
 */
export async function* lineBatches(
  source: AsyncIterable<Buffer | string>,
  options: LineBatchOptions = {},
): AsyncGenerator<LineBatch> {
  let starts = new Int32Array(1024);
  let ends = new Int32Array(1024);
  let line = 1;
  const pool = new ChunkPool();
  for await (const chunk of lineChunks(source, { maxLineBytes: options.maxLineBytes, pool })) {
    if ('runaway' in chunk) throw new NdjsonLineError(line, runawayMessage(line, chunk.maxLineBytes));
    const buffer = chunk.bytes;
    let count = 0;
    for (let from = 0; from < buffer.length;) {
      const nl = buffer.indexOf(NEWLINE, from);
      const end = nl < 0 ? buffer.length : nl;
      if (count === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
      }
      starts[count] = from;
      ends[count] = end > from && buffer[end - 1] === RETURN ? end - 1 : end;
      count++;
      from = end + 1;
    }
    yield { buffer, starts, ends, count, firstLine: line };
    line += count;
    pool.give(buffer.buffer);
  }
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
