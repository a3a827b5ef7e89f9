import type { Kernel } from '../kernel/kernel.js';
import { resolveEvent, timeBounds } from '../resolve-event.js';
import { FastFactReader } from './fast-fact.js';
import { lineBatches, NdjsonLineError } from './line-batches.js';

/** One thing wrong with one line: where, which field (dotted, `actor.role`; empty for the whole line), and what to do. */
export interface NdjsonProblem {
  readonly line: number;
  readonly eventId: string | null;
  readonly field: string;
  readonly message: string;
}

export interface NdjsonIngestOptions {
  /** Events per atomic batch (default 10 000). */
  readonly batchSize?: number;
  /** Longest line accepted, in bytes (default 1 MiB). */
  readonly maxLineBytes?: number;
  /** Called after each committed batch. */
  readonly onBatch?: (progress: { readonly lines: number; readonly applied: number }) => void;
}

export interface NdjsonIngestResult {
  /** Lines read (blank lines included). */
  readonly lines: number;
  /** Events applied and kept (in committed batches). */
  readonly applied: number;
  /** Of those, how many took the fast path (the rest went through JSON.parse and resolveEvent). */
  readonly fast: number;
  /** Empty when the whole input was applied; else every problem of the first batch that had one. */
  readonly problems: readonly NdjsonProblem[];
  /** The last line of the last committed batch (0 if none). */
  readonly committedThroughLine: number;
}

const DEFAULT_BATCH = 10_000;

/**
 * Streams NDJSON events (one JSON event per line, the shapes of `CampaignEvent`) into a kernel:
 * constant memory, whatever the file's size, and about a microsecond per event.
 *
 * Each line is validated exactly as `Runtime.ingest` validates an event (`resolveEvent`); the
 * common `fact` line is read by a byte-level fast path that gives the same verdict without
 * building an object (fast-fact.ts), every other line goes through `JSON.parse` and
 * `resolveEvent`. Events are applied in atomic batches of `batchSize`: the first batch with a
 * problem is rolled back, every problem in it is reported with its line number and field, and
 * ingest stops there; earlier batches stay applied (`committedThroughLine`).
 *
 * This is the bulk path for simulations and replays of an event log into memory: nothing is
 * logged, and event ids are not remembered (a repeated id is applied again; the durable
 * `Runtime.ingest` is where retries are recognised, at the cost of a log write per batch).
 * Nothing else may use the kernel until the returned promise settles.
 *
 * @example
 * const result = await ingestNdjson(kernel, createReadStream('events.ndjson'));
 * for (const p of result.problems) console.error(`events.ndjson:${p.line}: ${p.field}: ${p.message}`);
 */
export async function ingestNdjson(k: Kernel, source: AsyncIterable<Buffer | string>, options: NdjsonIngestOptions = {}): Promise<NdjsonIngestResult> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const bounds = timeBounds(k.ir);
  const facts = new FastFactReader(k, bounds);
  const problems: NdjsonProblem[] = [];
  let lines = 0;
  let applied = 0;
  let fast = 0;
  let inBatch = 0;
  let fastInBatch = 0;
  let committedThroughLine = 0;
  let open = false;

  const commit = (line: number): void => {
    if (!open) return;
    k.commit();
    open = false;
    applied += inBatch;
    fast += fastInBatch;
    inBatch = 0;
    fastInBatch = 0;
    committedThroughLine = line;
    options.onBatch?.({ lines: line, applied });
  };
  const stop = (): NdjsonIngestResult => {
    if (open) k.rollback();
    open = false;
    return { lines, applied, fast, problems, committedThroughLine };
  };

  try {
    for await (const batch of lineBatches(source, { maxLineBytes: options.maxLineBytes })) {
      const { buffer, starts, ends, count, firstLine } = batch;
      for (let i = 0; i < count; i++) {
        const line = firstLine + i;
        lines = line;
        const start = starts[i];
        const end = ends[i];
        if (blank(buffer, start, end)) continue;
        if (!open) {
          k.begin();
          open = true;
        }
        if (facts.read(buffer, start, end)) {
          facts.apply();
          fastInBatch++;
        } else {
          checked(k, buffer.toString('utf8', start, end), line, bounds, problems);
        }
        inBatch++;
        // A batch with a problem is finished (so that all its problems are reported), then undone.
        if (inBatch === batchSize) {
          if (problems.length > 0) return stop();
          commit(line);
        }
      }
    }
  } catch (err) {
    if (err instanceof NdjsonLineError) {
      problems.push({ line: err.line, eventId: null, field: '', message: err.message });
      return stop();
    }
    if (open) k.rollback();
    throw err;
  }
  if (problems.length > 0) return stop();
  commit(lines);
  return { lines, applied, fast, problems, committedThroughLine };
}

/** The full path: JSON.parse, then the runtime's validator; applies the event when it is valid. */
function checked(k: Kernel, text: string, line: number, bounds: ReturnType<typeof timeBounds>, problems: NdjsonProblem[]): void {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    problems.push({ line, eventId: null, field: '', message: `not valid JSON (${why}). Each line must be one event object, such as {"id":"e1","type":"clock","time":"2005-03-01T09:00","actor":{"user":"li","role":"office"}}.` });
    return;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ line, eventId: null, field: '', message: `expected one event object on this line, found ${Array.isArray(raw) ? 'an array' : JSON.stringify(raw)}.` });
    return;
  }
  const r = resolveEvent(raw, k, bounds);
  if (r.ok) {
    k.apply(r.event);
    return;
  }
  for (const p of r.problems) problems.push({ line, eventId: r.id, field: p.field, message: p.message });
}

function blank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}
