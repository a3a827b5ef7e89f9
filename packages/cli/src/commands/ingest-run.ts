import { compileSource } from '@phasegate/compiler';
import { hasErrors, renderDiagnostic } from '@phasegate/dsl';
import {
  formatRosterProblem,
  openRuntime,
  parseRoster,
  RuntimeError,
  StoreError,
  type CampaignEvent,
  type Runtime,
} from '@phasegate/runtime';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { checkCampaign, openStore, recordCampaign } from '../campaign-db.js';
import type { CommandRun } from '../command.js';
import { claimStdin, displayName, fileErrorReason, readInput, STDIN } from '../input-file.js';
import { formatOf } from '../output-format.js';
import { stylesFor } from '../style.js';
import { CliError, EXIT, type CliIO, type ExitCode } from '../io.js';
import { userErrors } from '../read-campaign.js';

/** `phasegate ingest`, once its command line is parsed (see ingest.ts). */
export const run: CommandRun = async (args, options, io): Promise<ExitCode> => {
  const [campaignPath, eventsPath] = args as [string, string | undefined];
  const json = formatOf(options, ['text', 'json'], 'ingest') === 'json';
  const batchSize = Number(options['batch']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    throw new CliError(
      `--batch ${JSON.stringify(String(options['batch']))} is not a batch size. Give a whole number from 1 to 100000.`,
      EXIT.usage,
    );
  }
  if (eventsPath === undefined && options['roster'] === undefined) {
    throw new CliError(
      'Nothing to ingest. Give an events file (or - for standard input), or --roster units.csv to register units.',
      EXIT.usage,
    );
  }
  const dbPath = String(options['db']);
  const rosterPath = options['roster'] === undefined ? undefined : String(options['roster']);
  // Standard input can feed one of them; say so before anything is read.
  const fromStdin = [campaignPath, eventsPath, rosterPath].filter((p) => p === STDIN).length;
  if (fromStdin > 1)
    throw new CliError(
      'Only one of the campaign, the events and the roster can come from standard input (-); give the others as files.',
      EXIT.usage,
    );

  const source = await readText(campaignPath, io, 'campaign');
  const { ir, diagnostics } = compileSource(source, displayName(campaignPath));
  if (!ir || hasErrors(diagnostics)) {
    const style = stylesFor(io.stderr, io.env).diagnostic;
    for (const d of diagnostics)
      io.stderr.write(`${renderDiagnostic(d, source, displayName(campaignPath), style)}\n\n`);
    io.stderr.write(`phasegate: ${displayName(campaignPath)} has errors; nothing was ingested.\n`);
    return EXIT.failure;
  }
  const tally: Tally = {
    registered: 0,
    applied: 0,
    duplicates: 0,
    rejected: 0,
    transitions: 0,
    committedThrough: 0,
    problems: [],
  };
  // The tally, in words after the events, or as one JSON document (`--format json`) at the end.
  const report = (code: ExitCode): ExitCode => {
    if (json) {
      const { registered, applied, duplicates, rejected, transitions, problems } = tally;
      io.stdout.write(
        `${JSON.stringify({ ok: code === EXIT.ok, registered, applied, duplicates, rejected, transitions, problems }, null, 2)}\n`,
      );
    } else if (eventsPath !== undefined) writeSummary(io, tally);
    return code;
  };

  const store = openStore(dbPath, io.cwd, true);
  let runtime: Runtime | undefined;
  try {
    const binding = checkCampaign(store, dbPath, ir, campaignPath);
    try {
      // Opening replays the log under this IR: the real test that a changed campaign still fits it.
      runtime = openRuntime({ ir, store });
    } catch (err) {
      if (binding === 'changed' && err instanceof RuntimeError && err.code === 'replay-failed') {
        throw new CliError(`${campaignPath} is not compatible with the campaign in ${dbPath}. ${err.message}`);
      }
      throw err instanceof RuntimeError || err instanceof StoreError ? new CliError(err.message) : err;
    }
    if (binding !== 'same') recordCampaign(store, ir, source, campaignPath);
    const say = (line: string): void => {
      if (!json) io.stdout.write(`${line}\n`);
    };
    if (binding === 'changed')
      say(`updated the campaign stored in ${dbPath} to this version of ${displayName(campaignPath)}`);
    if (rosterPath !== undefined) {
      const known = [...store.units()].map((u) => u.id);
      const { units, problems } = parseRoster(await readText(rosterPath, io, 'roster'), { knownUnits: known });
      if (problems.length > 0) {
        for (const p of problems) io.stderr.write(`${formatRosterProblem(displayName(rosterPath), p)}\n`);
        io.stderr.write(
          `phasegate: ${displayName(rosterPath)} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; no units were registered and no events ingested.\n`,
        );
        tally.problems.push(
          ...problems.map((p) => ({ line: p.line, message: formatRosterProblem(displayName(rosterPath), p) })),
        );
        return json ? report(EXIT.failure) : EXIT.failure;
      }
      const live = runtime;
      userErrors(() => live.registerUnits(units));
      tally.registered = units.length;
      say(`registered ${units.length} unit${units.length === 1 ? '' : 's'} from ${displayName(rosterPath)}`);
    }
    if (eventsPath === undefined) return report(EXIT.ok);
    return report(
      await ingestLines(runtime, lines(eventsPath, io), displayName(eventsPath), batchSize, dbPath, io, tally),
    );
  } finally {
    runtime?.close();
    store.close();
  }
};

interface Tally {
  /** Units registered from the roster. */
  registered: number;
  applied: number;
  /** Lines of the batch that stopped ingest that have a problem. */
  rejected: number;
  /** What is wrong with them (or with the roster), as printed. */
  problems: { line: number; message: string }[];
  duplicates: number;
  transitions: number;
  /** Lines read and applied (or skipped as duplicates) in batches that were committed. */
  committedThrough: number;
}

async function ingestLines(
  runtime: Runtime,
  input: AsyncIterable<string>,
  name: string,
  batchSize: number,
  dbPath: string,
  io: CliIO,
  tally: Tally,
): Promise<ExitCode> {
  const progress = io.stderr.isTTY === true;
  let batch: { line: number; text: string }[] = [];
  let lineNo = 0;

  const flush = (): ExitCode | undefined => {
    if (batch.length === 0) return undefined;
    const first = batch[0].line;
    const last = lineNo;
    const events: CampaignEvent[] = [];
    const lineOf: number[] = [];
    const bad: { line: number; text: string }[] = [];
    for (const { line, text } of batch) {
      const parsed = parseLine(text);
      if (typeof parsed === 'string') bad.push({ line, text: `${name}:${line}: ${parsed}` });
      else {
        events.push(parsed);
        lineOf.push(line);
      }
    }
    // A line that is not JSON sinks the batch, but the others are still checked (not applied),
    // so that one run shows every problem in it.
    const result = userErrors(() => (bad.length === 0 ? runtime.ingest(events) : runtime.check(events)));
    if (bad.length === 0 && result.rejected.length === 0) {
      tally.applied += result.applied;
      tally.duplicates += result.duplicates.length;
      tally.transitions += result.transitions.length;
      tally.committedThrough = last;
      batch = [];
      if (progress)
        io.stderr.write(
          `\r\x1b[Kingesting ${name}: line ${last}, ${tally.applied} applied, ${tally.duplicates} duplicates`,
        );
      return undefined;
    }
    for (const r of result.rejected) {
      const where = lineOf[r.index] ?? first;
      bad.push({
        line: where,
        text: `${name}:${where}: event ${r.eventId === null ? '(no id)' : JSON.stringify(r.eventId)} rejected, field \`${r.field}\`: ${r.message}`,
      });
    }
    if (progress) io.stderr.write('\r\x1b[K');
    bad.sort((x, y) => x.line - y.line);
    const shown = bad.slice(0, 20);
    for (const b of shown) io.stderr.write(`${b.text}\n`);
    if (bad.length > shown.length) io.stderr.write(`… and ${bad.length - shown.length} more problems in this batch\n`);
    io.stderr.write(
      `phasegate: nothing from ${first === last ? `line ${first}` : `lines ${first}–${last}`} was applied (a batch is all or nothing). ` +
        (tally.committedThrough > 0
          ? `Lines 1–${tally.committedThrough} were applied before and are kept in ${dbPath}. `
          : `Nothing from ${name} was applied. `) +
        'Fix the lines above and run the same command again: events already in the log are skipped as duplicates.\n',
    );
    tally.rejected = new Set(bad.map((b) => b.line)).size;
    tally.problems.push(...bad.map((b) => ({ line: b.line, message: b.text })));
    return EXIT.failure;
  };

  for await (const text of input) {
    lineNo++;
    if (text.trim() === '') continue;
    batch.push({ line: lineNo, text });
    if (batch.length >= batchSize) {
      const stop = flush();
      if (stop !== undefined) return stop;
    }
  }
  const stop = flush();
  if (stop !== undefined) return stop;
  if (progress) io.stderr.write('\r\x1b[K');
  return EXIT.ok;
}

function writeSummary(io: CliIO, t: Tally): void {
  const rejected = t.rejected;
  const n = (x: number) => String(x).padStart(7);
  io.stdout.write(
    [
      `applied    ${n(t.applied)} event${t.applied === 1 ? '' : 's'}`,
      `duplicates ${n(t.duplicates)} (already in the log, skipped)`,
      `rejected   ${n(rejected)}${rejected ? ' (see the messages above; their batch was not applied)' : ''}`,
      `moves      ${n(t.transitions)} unit state change${t.transitions === 1 ? '' : 's'}`,
    ].join('\n') + '\n',
  );
}

/** One NDJSON line as an event object, or what is wrong with it. Field checks are the runtime's. */
function parseLine(text: string): CampaignEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `not valid JSON (${err instanceof Error ? err.message : String(err)}). Each line must be one event object, such as {"id":"e1","type":"clock","time":"2005-03-01T09:00","actor":{"user":"li","role":"office"}}`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `expected one event object on this line, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`;
  }
  return value as CampaignEvent;
}

/**
 * Lines of a file or of standard input, without their line ends. Bytes are decoded as a stream,
 * so a character whose bytes arrive in two chunks is read whole.
 */
async function* lines(path: string, io: CliIO): AsyncIterable<string> {
  const stream = path === STDIN ? claimStdin(io, 'events') : createReadStream(resolve(io.cwd, path));
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  try {
    for await (const chunk of stream) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
      const parts = (rest + text).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
    }
  } catch (err) {
    throw new CliError(`Cannot read ${displayName(path)}: ${fileErrorReason(err)}.`);
  }
  rest += decoder.decode();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

async function readText(path: string, io: CliIO, what: string): Promise<string> {
  try {
    return await readInput(path, io, `the ${what}`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`Cannot read the ${what} file ${path}: ${fileErrorReason(err)}.`);
  }
}
