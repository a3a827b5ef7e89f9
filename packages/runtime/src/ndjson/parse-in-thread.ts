import { FactLineReader, type FactVocabulary } from './fact-line.js';
import { ChunkPool, lineChunks, type RunawayLine } from './line-chunks.js';
import { parseChunk, type ParsedChunk } from './parsed-lines.js';

/**
 * The parsing stage of bulk ingest in the caller's thread: chunks of whole lines, each parsed as it
 * is read. A chunk and its arrays are reused once the next is asked for.
 */
export async function* parseInThread(
  source: AsyncIterable<Buffer | string>,
  vocabulary: FactVocabulary,
  options: { readonly maxLineBytes?: number } = {},
): AsyncGenerator<ParsedChunk | RunawayLine> {
  const reader = new FactLineReader(vocabulary);
  const pool = new ChunkPool();
  let ints = new Int32Array(0);
  let floats = new Float64Array(0);
  for await (const chunk of lineChunks(source, { maxLineBytes: options.maxLineBytes, pool })) {
    if ('runaway' in chunk) {
      yield chunk;
      return;
    }
    const parsed = parseChunk(reader, chunk.bytes, ints, floats);
    ints = parsed.ints;
    floats = parsed.floats;
    yield parsed;
    pool.give(chunk.bytes.buffer);
  }
}
