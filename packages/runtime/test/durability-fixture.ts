/**
 * A deterministic stream of valid events for the reference campaign, shared by the durability
 * tests, their SIGKILL child process, and the ingest benchmark.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CampaignIR } from '@phasegate/compiler';
import type { CampaignEvent, UnitSpec } from '../src/types.js';

export const REFERENCE_CAMPAIGN = fileURLToPath(new URL('../../../dsl-examples/first-batch.phase', import.meta.url));
export const referenceSource = (): string => readFileSync(REFERENCE_CAMPAIGN, 'utf8');

/** A small county: bureaus with branches, member counts and one branch with member ids. */
export function countyUnits(bureaus = 3, branchesPerBureau = 2): UnitSpec[] {
  const units: UnitSpec[] = [];
  for (let b = 0; b < bureaus; b++) {
    units.push({ id: `bureau-${b}`, label: `Bureau ${b}`, kind: 'bureau', members: 2 });
    for (let k = 0; k < branchesPerBureau; k++) {
      const members = b === 0 && k === 0 ? ['li', 'wang', 'zhang', 'zhao'] : 3 + ((b * 7 + k * 3) % 9);
      units.push({
        id: `bureau-${b}-branch-${k}`,
        label: `Bureau ${b} branch ${k}`,
        kind: 'branch',
        parent: `bureau-${b}`,
        members,
      });
    }
  }
  return units;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface StreamOptions {
  readonly count: number;
  readonly seed?: number;
  /** First event time, epoch ms (default 2005-02-20 09:00 in Shanghai). */
  readonly from?: number;
  /** Mean minutes between events (default 40). */
  readonly minutesApart?: number;
  /** Prefix of event ids, so two streams never collide. */
  readonly idPrefix?: string;
}

/**
 * `count` events, in time order, spread over the units: member and unit facts, tasks,
 * deliverables, sign-offs and revocations, acknowledgements and reports drawn from the campaign's
 * IR, and an occasional clock tick.
 */
export function eventStream(ir: CampaignIR, units: readonly UnitSpec[], options: StreamOptions): CampaignEvent[] {
  const rnd = random(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const tasks = ir.phases.flatMap((p) => p.steps.flatMap((s) => s.tasks.map((t) => t.id)));
  const deliverables = ir.phases.flatMap((p) => p.steps.flatMap((s) => s.deliverables.map((d) => d.id)));
  const items = ir.phases.flatMap((p) =>
    p.checkpoints.flatMap((c) => c.items.map((i) => ({ checkpoint: c.id, item: i.id, signer: c.signer }))),
  );
  const reports = ir.obligations.filter((o) => o.kind !== 'acknowledge');
  const unitRole = ir.roles.find((r) => r.id === 'unit_admin')?.id ?? ir.roles[0].id;
  const prefix = options.idPrefix ?? 'e';
  let time = options.from ?? Date.UTC(2005, 1, 20, 1, 0);
  const events: CampaignEvent[] = [];
  for (let i = 0; i < options.count; i++) {
    time += Math.floor(rnd() * 2 * (options.minutesApart ?? 40)) * 60_000;
    const id = `${prefix}${i}`;
    const at = new Date(time).toISOString();
    const unit = pick(units);
    const actor = { user: `${unit.id}-admin`, role: unitRole, unit: unit.id };
    const roll = rnd();
    const metric = pick(ir.metrics);
    if (roll < 0.02) {
      events.push({ id, type: 'clock', time: at, actor: { user: 'office-1', role: ir.roles[0].id } });
    } else if (roll < 0.6) {
      const count = typeof unit.members === 'number' ? unit.members : unit.members.length;
      if (metric.level === 'member' && count > 0) {
        const index = Math.floor(rnd() * count);
        const member = typeof unit.members === 'number' ? index : unit.members[index];
        events.push({
          id,
          type: 'fact',
          time: at,
          actor,
          unit: unit.id,
          metric: metric.id,
          member,
          value: 1 + Math.floor(rnd() * 12),
          mode: 'add',
        });
      } else if (metric.level === 'unit') {
        const value = metric.unit === 'percent' ? 75 + Math.floor(rnd() * 26) : 1 + Math.floor(rnd() * 4);
        events.push({ id, type: 'fact', time: at, actor, unit: unit.id, metric: metric.id, value, mode: 'set' });
      } else {
        events.push({ id, type: 'task', time: at, actor, unit: unit.id, task: pick(tasks) });
      }
    } else if (roll < 0.66 && ir.documents.length > 0) {
      events.push({ id, type: 'acknowledge', time: at, actor, unit: unit.id, document: pick(ir.documents).id });
    } else if (roll < 0.7 && reports.length > 0) {
      const o = pick(reports);
      events.push(
        o.owedBy.kind === 'units'
          ? { id, type: 'report', time: at, actor, obligation: o.id, unit: unit.id }
          : {
              id,
              type: 'report',
              time: at,
              actor: { user: `${o.owedBy.role}-1`, role: o.owedBy.role },
              obligation: o.id,
            },
      );
    } else if (roll < 0.78) {
      events.push({ id, type: 'task', time: at, actor, unit: unit.id, task: pick(tasks) });
    } else if (roll < 0.88) {
      events.push({ id, type: 'deliverable', time: at, actor, unit: unit.id, deliverable: pick(deliverables) });
    } else {
      const it = pick(items);
      events.push({
        id,
        type: rnd() < 0.1 ? 'revoke' : 'signoff',
        time: at,
        actor: { user: `${it.signer}-1`, role: it.signer },
        unit: unit.id,
        checkpoint: it.checkpoint,
        item: it.item,
      });
    }
  }
  return events;
}
