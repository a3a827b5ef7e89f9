/**
 * What the read-only commands (`status`, `explain`, `overdue`) share: `--at DATE`, a runtime
 * that never writes to the database, and finding a unit by id.
 */
import type { CampaignIR } from '@phasegate/compiler';
import { closest } from '@phasegate/dsl';
import {
  memoryStore,
  openRuntime,
  overlayStore,
  RuntimeError,
  StoreError,
  type CampaignEvent,
  type Runtime,
  type Store,
  type UnitSpec,
} from '@phasegate/runtime';
import { DateTime } from 'luxon';
import type { OptionValue } from './command.js';
import { CliError, EXIT } from './io.js';

const FORMATS = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Checks an `--at` value and returns it as an event time: `2005-03-16` becomes
 * `2005-03-16T00:00` (midnight in the campaign's zone); times with or without an offset pass.
 */
export function parseAt(value: OptionValue): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const ok = FORMATS.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
  if (!ok) {
    throw new CliError(
      `--at ${JSON.stringify(String(value))} is not a date. Expected YYYY-MM-DD (midnight), YYYY-MM-DDTHH:MM (both in the campaign's time zone), or a time with an offset such as 2005-03-16T09:00+08:00.`,
      EXIT.usage,
    );
  }
  return text.length === 10 ? `${text}T00:00` : text;
}

/** Epoch ms of an event time; zone-less times are read in the campaign's zone. */
export function instant(time: string, timezone: string): number {
  return DateTime.fromISO(time, { zone: timezone }).toMillis();
}

/**
 * A runtime over `store` that never writes to it. With `at`, the campaign as it stood then:
 * events recorded after `at` are left out, and every unit's clock is moved to `at`, so windows
 * and deadlines are judged at that moment.
 */
export function runtimeAt(ir: CampaignIR, store: Store, at?: string): Runtime {
  const runtime = userErrors(() => openRuntime({ ir, store: overlayStore(store) }));
  if (at === undefined) return runtime;
  const atMs = instant(at, ir.timezone);
  const clock = (): CampaignEvent => ({
    id: `phasegate-cli:at:${at}`,
    type: 'clock',
    time: at,
    actor: { user: 'phasegate-cli', role: ir.roles[0]?.id ?? 'cli' },
  });
  // summary().at is the time of the latest event in the log ('' when there is none).
  const latest = runtime.summary().at;
  if (latest === '' || instant(latest, ir.timezone) <= atMs) {
    accept(runtime.ingest([clock()]), at);
    return runtime;
  }
  // A date before events already in the log: rebuild from the events recorded up to it.
  runtime.close();
  const past = openRuntime({ ir, store: memoryStore() });
  userErrors(() => past.registerUnits([...store.units()].map((u) => JSON.parse(u.json) as UnitSpec)));
  let batch: CampaignEvent[] = [];
  for (const stored of store.events()) {
    const event = JSON.parse(stored.json) as CampaignEvent;
    if (instant(event.time, ir.timezone) > atMs) continue;
    batch.push(event);
    if (batch.length === 1000) {
      accept(past.ingest(batch), at);
      batch = [];
    }
  }
  accept(past.ingest([...batch, clock()]), at);
  return past;
}

/** Runtime and store refusals (a damaged or incompatible database) become messages, not bugs. */
export function userErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof StoreError || err instanceof RuntimeError) throw new CliError(err.message);
    throw err;
  }
}

function accept(result: ReturnType<Runtime['ingest']>, at: string): void {
  const [first] = result.rejected;
  if (first) throw new CliError(`Cannot show the campaign at ${at}: ${first.message}`);
}

/** Checks that a unit is registered; otherwise a message with the closest ids. */
export function requireUnit(store: Store, id: string, dbPath: string): void {
  const ids: string[] = [];
  for (const unit of store.units()) {
    if (unit.id === id) return;
    ids.push(unit.id);
  }
  // Up to three, and an id that contains the one typed (`b1` for `edu-b1`); ties in id order.
  const near = closest(id, ids.sort(new Intl.Collator().compare), { max: 3, contains: true });
  const hint = near.length
    ? ` Did you mean ${near.map((n) => `"${n}"`).join(', or ')}?`
    : ids.length
      ? ''
      : ' It has no units yet: register them with `phasegate ingest --roster units.csv`.';
  throw new CliError(`There is no unit "${id}" in ${dbPath}.${hint}`);
}
