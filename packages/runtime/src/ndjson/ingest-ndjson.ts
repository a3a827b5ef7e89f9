import type { Kernel } from '../kernel/kernel.js';
import { resolveEvent, type TimeBounds } from '../resolve-event.js';
import { FactAdmission, factVocabulary } from './fast-fact.js';
import { NdjsonLineError } from './line-batches.js';
import { runawayMessage, type RunawayLine } from './line-chunks.js';
import { parseInThread } from './parse-in-thread.js';
import { parseInWorkers } from './parse-in-workers.js';
import {
  ADD,
  BLANK,
  END,
  FACT,
  KIND_MASK,
  LINE_FLOATS,
  LINE_INTS,
  MEMBER,
  METRIC_SHIFT,
  START,
  TIME,
  UNIT_END,
  UNIT_START,
  VALUE,
  type ParsedChunk,
} from './parsed-lines.js';

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
  /**
   * Worker threads that read the lines (default 0: all in the calling thread). With 1, reading and
   * applying overlap on two cores; the kernel stays in the calling thread either way, and the
   * outcome is the same.
   */
  readonly workers?: number;
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
 * constant memory, whatever the file's size, and under a microsecond per event.
 *
 * Each line is validated exactly as `Runtime.ingest` validates an event (`resolveEvent`); the
 * common `fact` line is read by a byte-level fast path that gives the same verdict without
 * building an object (fact-line.ts, then the kernel's checks in fast-fact.ts), every other line
 * goes through `JSON.parse` and `resolveEvent`. Events are applied in atomic batches of
 * `batchSize`: the first batch with a problem is rolled back, every problem in it is reported with
 * its line number and field, and ingest stops there; earlier batches stay applied
 * (`committedThroughLine`). A line that grows past `maxLineBytes` without a line end is such a
 * problem, after every line before it.
 *
 * With `workers: 1` (or more) the lines are read in worker threads and only the kernel's checks
 * and the applying stay in this thread (parse-in-workers.ts); the outcome is the same, byte for
 * byte. It pays only when a core is free: reading the lines is a little over half of the work,
 * so an idle second core can at most about double the rate; where the cores are busy it gains
 * nothing and costs a thread's memory (docs/performance.md).
 *
 * This is the bulk path for simulations and replays of an event log into memory: nothing is
 * logged, and event ids are not remembered (a repeated id is applied again; the durable
 * `Runtime.ingest` is where retries are recognised, at the cost of a log write per batch).
 * Nothing else may use the kernel until the returned promise settles.
 *
 * @example
 * const result = await ingestNdjson(kernel, createReadStream('events.ndjson'), { workers: 1 });
 * for (const p of result.problems) console.error(`events.ndjson:${p.line}: ${p.field}: ${p.message}`);
 */
export async function ingestNdjson(
  k: Kernel,
  source: AsyncIterable<Buffer | string>,
  options: NdjsonIngestOptions = {},
): Promise<NdjsonIngestResult> {
  const vocabulary = factVocabulary(k);
  const workers = options.workers ?? 0;
  const parsed =
    workers > 0
      ? parseInWorkers(source, vocabulary, { workers, maxLineBytes: options.maxLineBytes })
      : parseInThread(source, vocabulary, { maxLineBytes: options.maxLineBytes });
  return applyParsed(k, parsed, vocabulary.bounds, options);
}

/**
 * The applying stage of `ingestNdjson`: parsed chunks (from `parseInThread` or `parseInWorkers`)
 * into the kernel, in atomic batches. A fact the parsing stage read is checked against the kernel
 * (`FactAdmission`) and applied; every other line, and a fact the kernel's checks refuse, goes
 * through `JSON.parse` + `resolveEvent`, which applies it or says what is wrong.
 */
export async function applyParsed(
  k: Kernel,
  parsed: AsyncIterable<ParsedChunk | RunawayLine>,
  bounds: TimeBounds,
  options: NdjsonIngestOptions = {},
): Promise<NdjsonIngestResult> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const admission = new FactAdmission(k);
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
    for await (const chunk of parsed) {
      if ('runaway' in chunk) throw new NdjsonLineError(lines + 1, runawayMessage(lines + 1, chunk.maxLineBytes));
      const { bytes, count, ints, floats } = chunk;
      const firstLine = lines + 1;
      for (let i = 0; i < count; i++) {
        const line = firstLine + i;
        lines = line;
        const o = i * LINE_INTS;
        const kind = ints[o];
        if ((kind & KIND_MASK) === BLANK) continue;
        if (!open) {
          k.begin();
          open = true;
        }
        let done = false;
        if ((kind & KIND_MASK) === FACT) {
          const u = admission.unitIndex(bytes, ints[o + UNIT_START], ints[o + UNIT_END]);
          const metric = kind >>> METRIC_SHIFT;
          const member = ints[o + MEMBER];
          const value = floats[i * LINE_FLOATS + VALUE];
          const add = (kind & ADD) !== 0;
          if (u >= 0 && admission.admits(u, metric, member, value, add)) {
            const time = floats[i * LINE_FLOATS + TIME];
            if (member >= 0) k.applyMemberFact(u, metric, member, value, add, time);
            else k.applyUnitFact(u, metric, value, add, time);
            fastInBatch++;
            done = true;
          }
        }
        if (!done) checked(k, bytes.toString('utf8', ints[o + START], ints[o + END]), line, bounds, problems);
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
function checked(k: Kernel, text: string, line: number, bounds: TimeBounds, problems: NdjsonProblem[]): void {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    problems.push({
      line,
      eventId: null,
      field: '',
      message: `not valid JSON (${why}). Each line must be one event object, such as {"id":"e1","type":"clock","time":"2005-03-01T09:00","actor":{"user":"li","role":"office"}}.`,
    });
    return;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({
      line,
      eventId: null,
      field: '',
      message: `expected one event object on this line, found ${Array.isArray(raw) ? 'an array' : JSON.stringify(raw)}.`,
    });
    return;
  }
  const r = resolveEvent(raw, k, bounds);
  if (r.ok) {
    k.apply(r.event);
    return;
  }
  for (const p of r.problems) problems.push({ line, eventId: r.id, field: p.field, message: p.message });
}
