import type { CampaignIR } from '@phasegate/compiler';
import { applyAmendments, type WindowBounds } from '@phasegate/compiler/semantics';

/** One change to one window, from the file or from an `amend` event. */
export interface CalendarAmendment {
  /** Index into `CampaignIR.windows`. */
  readonly window: number;
  readonly start: number;
  readonly end: number;
  /** Epoch ms from which the amended window applies. */
  readonly effective: number;
  /** `extend 10 days`. */
  readonly action: string;
  readonly reason: string;
  /** Where it came from: `file` or the id of the `amend` event. */
  readonly source: string;
}

/** The effective windows over one stretch of time `[from, until)`. */
export interface CalendarVersion {
  readonly from: number;
  readonly until: number;
  readonly start: Float64Array;
  readonly end: Float64Array;
}

/**
 * The campaign calendar, shared by every unit: the IR's windows with every amendment whose
 * `effective <= now` applied in list order (file amendments, then run-time ones as received).
 *
 * Because the answer depends only on which amendments are in force, the calendar is a short list
 * of versions, one per distinct effective time, computed when an amendment is added. A unit asks
 * for the version at its own `now`; the last answer is cached since units mostly share a time.
 */
export class Calendar {
  private readonly base: readonly WindowBounds[];
  private readonly list: CalendarAmendment[];
  private readonly fileCount: number;
  private versions: CalendarVersion[] = [];
  private cached!: CalendarVersion;
  /** Every instant at which some unit's substate may change, ascending. */
  private bounds: Float64Array = new Float64Array(0);
  /** `[stretchFrom, stretchUntil)` holds no bound inside: the last stretch `crosses` looked up. */
  private stretchFrom = Infinity;
  private stretchUntil = -Infinity;

  constructor(ir: CampaignIR) {
    this.base = ir.windows.map((w) => ({ start: w.start, end: w.end }));
    this.list = ir.amendments.map((a) => ({ ...a, source: 'file' }));
    this.fileCount = this.list.length;
    this.rebuild();
  }

  /** The windows in force at `now`. */
  at(now: number): CalendarVersion {
    const c = this.cached;
    if (now >= c.from && now < c.until) return c;
    const v = this.versions;
    let lo = 0;
    let hi = v.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v[mid].from <= now) lo = mid;
      else hi = mid - 1;
    }
    this.cached = v[lo];
    return v[lo];
  }

  /**
   * True when some window edge or amendment takes effect in `(from, to]`. Asked once per event
   * whose time moves a unit's clock, so the stretch between two bounds that `from` fell in last
   * time is kept: most events land in the same stretch as the one before.
   */
  crosses(from: number, to: number): boolean {
    if (!(to > from)) return false;
    if (from >= this.stretchFrom && from < this.stretchUntil) return to >= this.stretchUntil;
    const b = this.bounds;
    let lo = 0;
    let hi = b.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid] <= from) lo = mid + 1;
      else hi = mid;
    }
    this.stretchFrom = lo > 0 ? b[lo - 1] : -Infinity;
    this.stretchUntil = lo < b.length ? b[lo] : Infinity;
    return lo < b.length && b[lo] <= to;
  }

  /** Appends a run-time amendment (in the order received). */
  add(amendment: CalendarAmendment): void {
    this.list.push(amendment);
    this.rebuild();
  }

  /** Drops the last run-time amendment: the undo of `add`, for a rolled-back batch. */
  removeLast(): void {
    if (this.list.length <= this.fileCount) throw new Error('Calendar.removeLast: no run-time amendment to remove');
    this.list.pop();
    this.rebuild();
  }

  /** Every amendment, file ones first. */
  amendments(): readonly CalendarAmendment[] {
    return this.list;
  }

  /** The run-time amendments only (what a snapshot must carry). */
  runtimeAmendments(): readonly CalendarAmendment[] {
    return this.list.slice(this.fileCount);
  }

  /** Replaces the run-time amendments (restoring a snapshot). */
  setRuntimeAmendments(list: readonly CalendarAmendment[]): void {
    this.list.length = this.fileCount;
    this.list.push(...list);
    this.rebuild();
  }

  /** The latest effective time among the amendments of one window, or -Infinity. */
  lastEffective(window: number): number {
    let last = -Infinity;
    for (const a of this.list) if (a.window === window && a.effective > last) last = a.effective;
    return last;
  }

  private rebuild(): void {
    const times = [...new Set(this.list.map((a) => a.effective))].sort((a, b) => a - b);
    const versions: CalendarVersion[] = [];
    const froms = [-Infinity, ...times];
    froms.forEach((from, i) => {
      // The semantics module's rule: every amendment in force at `from`, in list order.
      const windows = applyAmendments(this.base, this.list, from);
      const start = Float64Array.from(windows, (w) => w.start);
      const end = Float64Array.from(windows, (w) => w.end);
      versions.push({ from, until: i + 1 < froms.length ? froms[i + 1] : Infinity, start, end });
    });
    this.versions = versions;
    this.cached = versions[0];
    const all = new Set<number>(times);
    for (const v of versions) {
      for (const t of v.start) all.add(t);
      for (const t of v.end) all.add(t);
    }
    this.bounds = Float64Array.from([...all].filter(Number.isFinite).sort((a, b) => a - b));
    this.stretchFrom = Infinity;
    this.stretchUntil = -Infinity;
  }
}
