import { Worker } from 'node:worker_threads';
import type { FactVocabulary } from './fact-line.js';
import { ChunkPool, lineChunks, type RunawayLine } from './line-chunks.js';
import type { ParsedChunk } from './parsed-lines.js';

/** A chunk sent to a parsing worker: its bytes, and the arrays to write the lines into (all transferred). */
export interface ChunkRequest {
  readonly bytes: ArrayBuffer;
  readonly length: number;
  readonly ints: ArrayBuffer;
  readonly floats: ArrayBuffer;
}

/** A chunk parsed: the same bytes, and the arrays (perhaps grown) filled for `count` lines. */
export interface ChunkReply extends ChunkRequest {
  readonly count: number;
}

export interface WorkerParseOptions {
  /** Parsing workers (at least 1); chunks are dealt to them in turn and taken back in order. */
  readonly workers: number;
  readonly maxLineBytes?: number;
  /** Bytes per chunk (default `CHUNK_BYTES`). */
  readonly chunkBytes?: number;
  /** Starts one parsing worker (default: parse-worker.ts); tests give workers that fail. */
  readonly spawn?: (vocabulary: FactVocabulary) => Worker;
}

/**
 * The parsing stage of bulk ingest in worker threads: the caller's thread only reads the source
 * and copies it into chunks of whole lines; the workers split and read the lines
 * (`FactLineReader`) and send back compact line records (parsed-lines.ts), which the caller
 * checks against the kernel and applies. On two cores, reading and applying then overlap.
 *
 * Memory stays bounded: at most two chunks per worker are in flight, and the source is not read
 * further until one comes back (1 MiB chunks: a few MiB in all). Chunks come back in input order.
 * A worker that fails or exits fails the stage (the error is thrown to the consumer, no hang); the
 * workers are terminated when the consumer stops, whether by finishing, by a problem or by an
 * error. A chunk and its arrays are reused once the next is asked for.
 */
export async function* parseInWorkers(
  source: AsyncIterable<Buffer | string>,
  vocabulary: FactVocabulary,
  options: WorkerParseOptions,
): AsyncGenerator<ParsedChunk | RunawayLine> {
  const count = Math.max(1, Math.floor(options.workers));
  const spawn = options.spawn ?? spawnParseWorker;
  const pool = new ChunkPool(options.chunkBytes);
  const chunks = lineChunks(source, { maxLineBytes: options.maxLineBytes, pool });
  const parsers: ChunkParser[] = [];
  try {
    for (let i = 0; i < count; i++) parsers.push(new ChunkParser(spawn(vocabulary)));
    const depth = 2 * count;
    const inFlight: Promise<ParsedChunk>[] = [];
    const spare: { ints: Int32Array<ArrayBuffer>; floats: Float64Array<ArrayBuffer> }[] = [];
    let turn = 0;
    let ended = false;
    let runaway: RunawayLine | null = null;
    for (;;) {
      while (!ended && inFlight.length < depth) {
        const next = await chunks.next();
        if (next.done) ended = true;
        else if ('runaway' in next.value) {
          runaway = next.value;
          ended = true;
        } else {
          const arrays = spare.pop() ?? { ints: new Int32Array(0), floats: new Float64Array(0) };
          inFlight.push(parsers[turn].parse(next.value.bytes, arrays.ints, arrays.floats));
          turn = (turn + 1) % count;
        }
      }
      const oldest = inFlight.shift();
      if (oldest === undefined) break;
      const parsed = await oldest;
      yield parsed;
      pool.give(parsed.bytes.buffer);
      spare.push({ ints: parsed.ints, floats: parsed.floats });
    }
    if (runaway !== null) yield runaway;
  } finally {
    for (const p of parsers) p.stop();
    await chunks.return(undefined);
  }
}

/** One parsing worker, seen from the ingesting thread: requests answered in the order sent. */
class ChunkParser {
  private readonly waiting: { resolve: (c: ParsedChunk) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: ChunkReply) => {
      const w = this.waiting.shift();
      w?.resolve({
        bytes: Buffer.from(m.bytes, 0, m.length),
        count: m.count,
        ints: new Int32Array(m.ints),
        floats: new Float64Array(m.floats),
      });
    });
    worker.on('error', (err) => this.fail(err instanceof Error ? err : new Error(String(err))));
    worker.on('exit', (code) =>
      this.fail(new Error(`an NDJSON parsing worker stopped (exit code ${code}) before it had parsed its chunks`)),
    );
  }

  parse(
    bytes: Buffer<ArrayBuffer>,
    ints: Int32Array<ArrayBuffer>,
    floats: Float64Array<ArrayBuffer>,
  ): Promise<ParsedChunk> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const reply = new Promise<ParsedChunk>((resolve, reject) => this.waiting.push({ resolve, reject }));
    // Awaited in turn; until then a failure must not count as unhandled.
    reply.catch(() => undefined);
    const request: ChunkRequest = {
      bytes: bytes.buffer,
      length: bytes.length,
      ints: ints.buffer,
      floats: floats.buffer,
    };
    this.worker.postMessage(request, [request.bytes, request.ints, request.floats]);
    return reply;
  }

  stop(): void {
    this.failure ??= new Error('the NDJSON parsing workers were stopped');
    void this.worker.terminate();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.splice(0)) w.reject(this.failure);
  }
}

/**
 * Starts parse-worker beside this file. From TypeScript sources (tsx, vitest) the worker first
 * registers tsx's loader: worker threads do not inherit the loader of the thread that starts them;
 * and it resolves workspace packages to their sources too (the `@phasegate/source` condition).
 */
export function spawnParseWorker(vocabulary: FactVocabulary): Worker {
  const here = new URL(import.meta.url);
  const extension = here.pathname.endsWith('.ts') ? '.ts' : '.js';
  const entry = new URL(`./parse-worker${extension}`, here);
  if (extension === '.js') return new Worker(entry, { workerData: { vocabulary } });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: { vocabulary },
    execArgv: [...process.execArgv, '--conditions=@phasegate/source'],
  });
}
