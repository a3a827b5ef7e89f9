import type { Plan } from './plan.js';

export type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
type Ctor<T extends TypedArray> = { new (length: number): T; readonly BYTES_PER_ELEMENT: number };

/** One per-unit column: `stride` values per unit. */
export interface RowColumn {
  readonly name: string;
  readonly array: TypedArray;
  readonly stride: number;
}

/**
 * The state of every unit, column by column (structure of arrays). A unit is a dense index; its
 * members are the contiguous range `memberStart[u] .. memberStart[u + 1]` of the member columns.
 *
 * Per unit (reference campaign: 3 unit metrics, 2 member comparisons, 3 phases): position 2 B,
 * substate 1 B, last event time 8 B, transfer times 8 B per phase, unit metrics 8 B
 * each, task / deliverable / late / sign-off bitsets 4 B per 32, one 4 B counter per distinct
 * member comparison, member start 4 B. Per member: 4 B per member metric. Metric values are
 * held as whole numbers of thousandths (the semantics module's rule: values are kept to the
 * thousandth), exactly: 45.1 hours is 45100, a sum adds without rounding.
 *
 * Arrays are replaced when capacity grows, so code holds the `UnitColumns` object, never an array.
 */
export class UnitColumns {
  capacity = 0;
  count = 0;
  memberCapacity = 0;
  memberCount = 0;

  pos = new Uint16Array(0);
  sub = new Uint8Array(0);
  /** The latest time of an event sent to this unit alone (its `now` is max(campaign clock, this)). */
  last = new Float64Array(0);
  /** Per phase: when the unit left it (epoch ms), NaN while it has not. */
  transferAt = new Float64Array(0);
  /** Per phase: one bit when the unit left it late. */
  transferLate = new Uint32Array(0);
  unitMetric: Float64Array[];
  taskBits = new Uint32Array(0);
  deliverableBits = new Uint32Array(0);
  /** Deliverables submitted after their due time. */
  deliverableLate = new Uint32Array(0);
  signBits = new Uint32Array(0);
  /** Per distinct member comparison: how many of the unit's members satisfy it. */
  pass: Uint32Array[];
  memberStart = new Uint32Array(1);
  member: Int32Array[];

  private rowCache: RowColumn[] | null = null;

  constructor(
    readonly plan: Plan,
    readonly comparisons: number,
  ) {
    this.unitMetric = Array.from({ length: plan.unitMetricCount }, () => new Float64Array(0));
    this.pass = Array.from({ length: comparisons }, () => new Uint32Array(0));
    this.member = Array.from({ length: plan.memberMetricCount }, () => new Int32Array(0));
  }

  /** Every per-unit column with its stride (for the undo journal and snapshots). Excludes `memberStart`. */
  rows(): readonly RowColumn[] {
    if (this.rowCache) return this.rowCache;
    const p = this.plan;
    const list: RowColumn[] = [
      { name: 'pos', array: this.pos, stride: 1 },
      { name: 'sub', array: this.sub, stride: 1 },
      { name: 'last', array: this.last, stride: 1 },
      { name: 'transferAt', array: this.transferAt, stride: p.ir.phases.length },
      { name: 'transferLate', array: this.transferLate, stride: p.phaseWords },
      { name: 'taskBits', array: this.taskBits, stride: p.taskWords },
      { name: 'deliverableBits', array: this.deliverableBits, stride: p.deliverableWords },
      { name: 'deliverableLate', array: this.deliverableLate, stride: p.deliverableWords },
      { name: 'signBits', array: this.signBits, stride: p.itemWords },
    ];
    this.unitMetric.forEach((a, i) => list.push({ name: `unitMetric${i}`, array: a, stride: 1 }));
    this.pass.forEach((a, i) => list.push({ name: `pass${i}`, array: a, stride: 1 }));
    this.rowCache = list;
    return list;
  }

  /** Values per unit row, over all row columns. */
  rowWidth(): number {
    return this.rows().reduce((n, c) => n + c.stride, 0);
  }

  /** Bytes held per unit slot and per member slot (capacity, not count). */
  bytesPer(): { unit: number; member: number } {
    const unit = this.rows().reduce((n, c) => n + c.stride * c.array.BYTES_PER_ELEMENT, 0) + 4;
    return { unit, member: this.member.reduce((n, a) => n + a.BYTES_PER_ELEMENT, 0) };
  }

  /** Makes room for `units` more units with `members` more members in all. */
  reserve(units: number, members: number): void {
    const needUnits = this.count + units;
    if (needUnits > this.capacity) this.growUnits(Math.max(needUnits, Math.ceil(this.capacity * 1.5), 16));
    const needMembers = this.memberCount + members;
    if (needMembers > this.memberCapacity)
      this.growMembers(Math.max(needMembers, Math.ceil(this.memberCapacity * 1.5), 64));
  }

  /** Forgets every unit from `count` on (the undo of a registration whose commit failed). */
  truncate(count: number): void {
    if (count >= this.count) return;
    const p = this.plan;
    const from = count;
    const to = this.count;
    for (const col of this.rows()) col.array.fill(0, from * col.stride, to * col.stride);
    this.transferAt.fill(NaN, from * p.ir.phases.length, to * p.ir.phases.length);
    const firstMember = this.memberStart[count];
    for (const m of this.member) m.fill(0, firstMember, this.memberCount);
    this.memberStart.fill(0, count + 1, to + 1);
    this.count = count;
    this.memberCount = firstMember;
  }

  private growUnits(capacity: number): void {
    const p = this.plan;
    const phases = p.ir.phases.length;
    const grow = <T extends TypedArray>(a: T, stride: number, ctor: Ctor<T>): T => {
      const b = new ctor(capacity * stride);
      b.set(a);
      return b;
    };
    this.pos = grow(this.pos, 1, Uint16Array);
    this.sub = grow(this.sub, 1, Uint8Array);
    this.last = grow(this.last, 1, Float64Array);
    const oldAt = this.transferAt.length;
    this.transferAt = grow(this.transferAt, phases, Float64Array);
    this.transferAt.fill(NaN, oldAt);
    this.transferLate = grow(this.transferLate, p.phaseWords, Uint32Array);
    this.unitMetric = this.unitMetric.map((a) => grow(a, 1, Float64Array));
    this.taskBits = grow(this.taskBits, p.taskWords, Uint32Array);
    this.deliverableBits = grow(this.deliverableBits, p.deliverableWords, Uint32Array);
    this.deliverableLate = grow(this.deliverableLate, p.deliverableWords, Uint32Array);
    this.signBits = grow(this.signBits, p.itemWords, Uint32Array);
    this.pass = this.pass.map((a) => grow(a, 1, Uint32Array));
    const starts = new Uint32Array(capacity + 1);
    starts.set(this.memberStart);
    this.memberStart = starts;
    this.capacity = capacity;
    this.rowCache = null;
  }

  private growMembers(capacity: number): void {
    this.member = this.member.map((a) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    });
    this.memberCapacity = capacity;
  }
}
