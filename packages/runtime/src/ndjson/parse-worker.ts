/**
 * A parsing worker of bulk ingest (started by parse-in-workers.ts): reads the chunks it is sent
 * with `FactLineReader` and sends each back, its buffers transferred, never copied. It holds no
 * kernel: everything that needs one stays in the ingesting thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FactLineReader, type FactVocabulary } from './fact-line.js';
import { parseChunk } from './parsed-lines.js';
import type { ChunkReply, ChunkRequest } from './parse-in-workers.js';

const port = parentPort;
if (port === null) throw new Error('parse-worker.ts runs as a worker thread of ingestNdjson, not on its own');
const reader = new FactLineReader((workerData as { vocabulary: FactVocabulary }).vocabulary);
port.on('message', (m: ChunkRequest) => {
  const parsed = parseChunk(
    reader,
    Buffer.from(m.bytes, 0, m.length),
    new Int32Array(m.ints),
    new Float64Array(m.floats),
  );
  const reply: ChunkReply = {
    bytes: m.bytes,
    length: m.length,
    count: parsed.count,
    ints: parsed.ints.buffer,
    floats: parsed.floats.buffer,
  };
  port.postMessage(reply, [m.bytes, parsed.ints.buffer, parsed.floats.buffer]);
});
