import type { Actor } from '@phasegate/runtime';
import type { AccrualSeries } from '../behaviour/plan-accrual.js';
import type { PlannedEvent } from '../behaviour/plan-types.js';

/**
 * Sends the accrual totals as `set` facts while the simulation runs. An office counts its
 * members' hours when the unit applies to move on: the day it stands at a transfer point and a
 * gate (or checklist condition) on the metric fails, then every `blockedEvery` days while it
 * still does. Series also have fixed tally days (`every`, the last day). Only members whose
 * total changed since it was last sent get a fact; a re-count for a gate asked of every member
 * covers only the members still short.
 */
export class Tallies {
  private readonly sent: Float32Array[];
  private readonly lastTally: number[];

  constructor(
    private readonly series: readonly AccrualSeries[],
    private readonly actorOf: (unit: string) => Actor,
  ) {
    this.sent = series.map((s) => new Float32Array(s.members));
    this.lastTally = series.map(() => -Infinity);
    series.forEach((s, i) => {
      const list = this.byUnit.get(s.unit) ?? [];
      list.push(i);
      this.byUnit.set(s.unit, list);
    });
  }

  private readonly byUnit = new Map<string, number[]>();

  /**
   * A unit that has just come to a transfer point, held by conditions on accrued metrics: count
   * now (at `at`) unless counted today already.
   */
  unitFacts(unit: string, day: number, at: number, short: ReadonlyMap<string, number | null>): PlannedEvent[] {
    const out: PlannedEvent[] = [];
    for (const i of this.byUnit.get(unit) ?? []) {
      const s = this.series[i];
      const threshold = short.get(s.metric);
      if (threshold === undefined || this.lastTally[i] === day) continue;
      this.count(i, day, at, threshold, out);
    }
    return out;
  }

  /** The metrics that have accrual series (the ones worth re-counting for a blocked unit). */
  get metrics(): ReadonlySet<string> {
    return new Set(this.series.map((s) => s.metric));
  }

  /**
   * The facts of day `day`, all at `at`. `blocked(unit)` gives, for a unit held at a transfer
   * point, the metrics a gate fails on: with the per-member threshold when the gate asks it of
   * every member (then only members still short are re-counted), or null (everyone is).
   */
  facts(
    day: number,
    at: number,
    blocked: (unit: string) => ReadonlyMap<string, number | null> | undefined,
  ): PlannedEvent[] {
    const out: PlannedEvent[] = [];
    this.series.forEach((s, i) => {
      const scheduled = s.tallyDays[day] === 1;
      const short = scheduled || day - this.lastTally[i] < s.blockedEvery ? undefined : blocked(s.unit)?.get(s.metric);
      if (!scheduled && short === undefined) return;
      this.count(i, day, at, scheduled ? null : short!, out);
    });
    return out;
  }

  /** Sends series `i`'s totals of `day` that changed; with a threshold, only for members below it. */
  private count(i: number, day: number, at: number, threshold: number | null, out: PlannedEvent[]): void {
    const s = this.series[i];
    this.lastTally[i] = day;
    const sent = this.sent[i];
    const base = day * s.members;
    const actor = this.actorOf(s.unit);
    for (let m = 0; m < s.members; m++) {
      const value = s.values[base + m];
      if (value === sent[m] || (threshold !== null && sent[m] >= threshold)) continue;
      sent[m] = value;
      out.push({
        at,
        body: {
          type: 'fact',
          unit: s.unit,
          metric: s.metric,
          ...(s.perMember ? { member: m } : {}),
          value,
          mode: 'set',
        },
        actor,
      });
    }
  }
}
