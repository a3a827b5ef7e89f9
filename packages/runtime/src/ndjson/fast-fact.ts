import type { MetricUnit } from '@phasegate/compiler';
import { fromThousandths, metricValueProblem, recordedValue } from '@phasegate/compiler/semantics';
import type { Kernel } from '../kernel/kernel.js';
import { timeBounds } from '../resolve-event.js';
import { FactLineReader, type FactVocabulary } from './fact-line.js';

/** What fact lines may name in this kernel's campaign (for `FactLineReader`, in this thread or a worker). */
export function factVocabulary(k: Kernel): FactVocabulary {
  return {
    timezone: k.ir.timezone,
    bounds: timeBounds(k.ir),
    roles: k.ir.roles.map((r) => r.id),
    metrics: k.plan.metrics.map((m) => ({
      id: m.ir.id,
      member: m.level === 'member',
      unit: m.ir.unit,
    })),
  };
}

/**
 * The rules of a `fact` that need the kernel's state, for a line `FactLineReader` has read: the
 * unit exists, the member is one of the unit's, and an add leaves a value the metric can hold (a
 * percent at most 100; the semantics module's rule).
 * Runs in the kernel's thread, just before the event is applied (a percent check reads the value
 * the previous event left).
 */
export class FactAdmission {
  private readonly metricUnit: readonly MetricUnit[];
  private readonly metricColumn: Int32Array;

  // The last unit id seen, as bytes, and its index: consecutive events are often for one unit.
  private lastUnit = new Uint8Array(64);
  private lastUnitLength = -1;
  private lastUnitIndex = -1;

  constructor(private readonly k: Kernel) {
    this.metricUnit = k.plan.metrics.map((m) => m.ir.unit);
    this.metricColumn = Int32Array.from(k.plan.metrics, (m) => m.column);
  }

  /** Index of the unit named by `buf[s .. e)`, or -1. */
  unitIndex(buf: Buffer, s: number, e: number): number {
    const n = e - s;
    if (n === this.lastUnitLength) {
      const last = this.lastUnit;
      let same = true;
      for (let j = 0; j < n; j++) {
        if (buf[s + j] !== last[j]) {
          same = false;
          break;
        }
      }
      if (same) return this.lastUnitIndex;
    }
    const u = this.k.units.index.get(buf.toString('utf8', s, e));
    if (u === undefined) return -1;
    if (n > this.lastUnit.length) this.lastUnit = new Uint8Array(n * 2);
    this.lastUnit.set(buf.subarray(s, e));
    this.lastUnitLength = n;
    this.lastUnitIndex = u;
    return u;
  }

  /** Whether unit `u` takes this fact (`member` -1 for a unit metric); the rest of the rules are the reader's. */
  admits(u: number, metric: number, member: number, value: number, add: boolean): boolean {
    const c = this.k.cols;
    if (member >= 0 && member >= c.memberStart[u + 1] - c.memberStart[u]) return false;
    if (add) {
      const column = this.metricColumn[metric];
      const held = member >= 0 ? c.member[column][c.memberStart[u] + member] : c.unitMetric[column][u];
      if (metricValueProblem(recordedValue(fromThousandths(held), value, true), this.metricUnit[metric]) !== null)
        return false;
    }
    return true;
  }
}

/**
 * One NDJSON line read as a `fact` event against a kernel: `FactLineReader`'s rules, then
 * `FactAdmission`'s, resolved to the kernel's indices — the same verdict as `JSON.parse` +
 * `resolveEvent` whenever it says yes (the tests check this), false whenever the full validator
 * must decide. Bulk ingest runs the two halves apart (the reader possibly in a worker thread); this
 * is both in one call.
 *
 * @example
 * const facts = new FastFactReader(kernel);
 * if (facts.read(buf, start, end)) facts.apply();
 * else fallback(buf.toString('utf8', start, end));
 */
export class FastFactReader {
  // The event read by the last successful `read`.
  unit = -1;
  metric = -1;
  member = -1;
  value = 0;
  add = false;
  time = 0;

  private readonly line: FactLineReader;
  private readonly admission: FactAdmission;

  /** `compileAfter`: as for `FactLineReader`. */
  constructor(
    private readonly k: Kernel,
    compileAfter?: number,
  ) {
    this.line = new FactLineReader(factVocabulary(k), compileAfter);
    this.admission = new FactAdmission(k);
  }

  /** Reads `buf[start .. end)` as a valid fact event; false when the full validator must decide. */
  read(buf: Buffer, start: number, end: number): boolean {
    const line = this.line;
    if (!line.read(buf, start, end)) return false;
    const u = this.admission.unitIndex(buf, line.unitStart, line.unitEnd);
    if (u < 0 || !this.admission.admits(u, line.metric, line.member, line.value, line.add)) return false;
    this.unit = u;
    this.metric = line.metric;
    this.member = line.member;
    this.value = line.value;
    this.add = line.add;
    this.time = line.time;
    return true;
  }

  /** Applies the event read by the last successful `read`. */
  apply(): void {
    if (this.member >= 0) this.k.applyMemberFact(this.unit, this.metric, this.member, this.value, this.add, this.time);
    else this.k.applyUnitFact(this.unit, this.metric, this.value, this.add, this.time);
  }
}
