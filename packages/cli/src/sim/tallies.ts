import type { Actor } from '@phasegate/runtime';
import type { AccrualSeries } from './plan-accrual.js';
import type { PlannedEvent } from './plan-types.js';

/**
 * Sends the accrual totals as `set` facts while the simulation runs: on each series' tally days,
 * and every `blockedEvery` days for a unit that a gate on the metric holds at a transfer point
 * (an office re-counts the hours of a unit in remediation). Only members whose total changed
 * since it was last sent get a fact.
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
  facts(day: number, at: number, blocked: (unit: string) => ReadonlyMap<string, number | null> | undefined): PlannedEvent[] {
    const out: PlannedEvent[] = [];
    this.series.forEach((s, i) => {
      const scheduled = s.tallyDays[day] === 1;
      const short = scheduled || day - this.lastTally[i]! < s.blockedEvery ? undefined : blocked(s.unit)?.get(s.metric);
      if (!scheduled && short === undefined) return;
      this.lastTally[i] = day;
      const sent = this.sent[i]!;
      const base = day * s.members;
      const actor = this.actorOf(s.unit);
      for (let m = 0; m < s.members; m++) {
        const value = s.values[base + m]!;
        if (value === sent[m]) continue;
        if (!scheduled && short !== null && short !== undefined && sent[m]! >= short) continue;
        sent[m] = value;
        out.push({
          at,
          body: { type: 'fact', unit: s.unit, metric: s.metric, ...(s.perMember ? { member: m } : {}), value, mode: 'set' },
          actor,
        });
      }
    });
    return out;
  }
}
