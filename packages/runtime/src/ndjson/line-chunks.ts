/**
 * A byte stream cut into chunks that end at line ends: the unit of work of bulk ingest, small
 * enough to bound memory and large enough that handing one to a worker thread costs nothing per
 * line. Each chunk is copied into a buffer of its own (from a `ChunkPool`), so that it can be
 * transferred to a worker and back without touching the source's buffers.
 */

/** Whole lines: `bytes` ends with a line end, except in the last chunk of the input. */
export interface LineChunk {
  readonly bytes: Buffer<ArrayBuffer>;
}

/**
 * The input stopped being NDJSON: after the chunks before it, a line grew past `maxLineBytes`
 * without a line end. Its number is one past the last line of those chunks.
 */
export interface RunawayLine {
  readonly runaway: true;
  readonly maxLineBytes: number;
}

export interface LineChunkOptions {
  /** A line longer than this is refused (default 1 MiB): it bounds memory on a file without line ends. */
  readonly maxLineBytes?: number;
  /** Where chunk buffers come from and go back to (default: a pool of its own). */
  readonly pool?: ChunkPool;
}

/** Bytes per chunk buffer: a read stream's chunk, and about 6 000 lines of a realistic log. */
export const CHUNK_BYTES = 1 << 20;

/**
 * Reusable chunk buffers. A buffer is taken to fill a chunk and given back once the chunk's lines
 * are done (possibly after a round trip through a worker, which returns the same memory), so the
 * pool holds at most as many buffers as there are chunks in flight.
 */
export class ChunkPool {
  private readonly free: ArrayBuffer[] = [];

  constructor(readonly chunkBytes = CHUNK_BYTES) {}

  /** A buffer of at least `bytes` bytes. */
  take(bytes: number): ArrayBuffer {
    for (let i = this.free.length - 1; i >= 0; i--) {
      if (this.free[i].byteLength >= bytes) return this.free.splice(i, 1)[0];
    }
    return new ArrayBuffer(Math.max(bytes, this.chunkBytes));
  }

  give(buffer: ArrayBuffer): void {
    // Oversized buffers (from one very long line) are not kept: they would pin memory.
    if (buffer.byteLength === this.chunkBytes && this.free.length < 8) this.free.push(buffer);
  }
}

const NEWLINE = 0x0a;

/**
 * Cuts a byte stream (a `fs.createReadStream`, standard input) into chunks of whole lines, filling
 * each pool buffer before handing it on. The chunk after a line that grows past `maxLineBytes`
 * without a line end (checked after each piece read, as the line stands then) is a `RunawayLine`,
 * and the input is not read further.
 *
 * @example
 * for await (const chunk of lineChunks(createReadStream('events.ndjson'))) {
 *   if ('runaway' in chunk) throw new Error('not NDJSON');
 *   handle(chunk.bytes);
 * }
 */
export async function* lineChunks(
  source: AsyncIterable<Buffer | string>,
  options: LineChunkOptions = {},
): AsyncGenerator<LineChunk | RunawayLine> {
  const maxLine = options.maxLineBytes ?? 1 << 20;
  const pool = options.pool ?? new ChunkPool();
  let current = new Uint8Array(pool.take(pool.chunkBytes));
  let fill = 0;
  // Index of the last line end in `current`, -1 if none yet.
  let lastEnd = -1;
  for await (const piece of source) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    let at = 0;
    while (at < bytes.length) {
      if (fill === current.length) {
        // Full: hand on the whole lines, carry the partial last line over (into a larger buffer
        // when the line has filled this one).
        const carry = fill - (lastEnd + 1);
        const next = new Uint8Array(pool.take(lastEnd < 0 ? current.length * 2 : carry * 2));
        next.set(current.subarray(lastEnd + 1, fill));
        if (lastEnd >= 0) yield { bytes: Buffer.from(current.buffer, 0, lastEnd + 1) };
        else pool.give(current.buffer);
        current = next;
        fill = carry;
        lastEnd = -1;
        continue;
      }
      const n = Math.min(current.length - fill, bytes.length - at);
      const part = bytes.subarray(at, at + n);
      current.set(part, fill);
      const end = part.lastIndexOf(NEWLINE);
      if (end >= 0) lastEnd = fill + end;
      fill += n;
      at += n;
    }
    if (fill - (lastEnd + 1) > maxLine) {
      if (lastEnd >= 0) yield { bytes: Buffer.from(current.buffer, 0, lastEnd + 1) };
      yield { runaway: true, maxLineBytes: maxLine };
      return;
    }
  }
  if (fill > 0) yield { bytes: Buffer.from(current.buffer, 0, fill) };
  else pool.give(current.buffer);
}

/** The message for a line that grew past the bound. */
export function runawayMessage(line: number, maxLineBytes: number): string {
  return `line ${line} is longer than ${maxLineBytes} bytes without a line end; is this NDJSON (one JSON event per line)?`;
}
