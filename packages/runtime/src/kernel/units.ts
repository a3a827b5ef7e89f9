import { UnitIndex } from './unit-index.js';

/** A unit as the kernel registers it: the roster's `UnitSpec` with the member list normalised. */
export interface UnitEntry {
  readonly id: string;
  readonly label?: string;
  readonly kind?: string;
  readonly parent?: string;
  readonly members: number;
  /** Member ids in member order when the roster named them, else null (members are indices). */
  readonly memberIds: readonly string[] | null;
}

/**
 * Names of units and members: the only per-unit strings the runtime keeps. Unit ids map to the
 * dense indices the kernel works with; member ids are looked up per unit, indexed on first use.
 *
 * Sized for millions of units: the id index is a flat hash table (unit-index.ts), and labels,
 * kinds and parents are written only for units that have them (a roster without labels costs
 * nothing there; reading a unit that has none gives `undefined`, as before).
 */
export class UnitDirectory {
  readonly ids: string[] = [];
  readonly index = new UnitIndex(this.ids);
  readonly labels: (string | undefined)[] = [];
  readonly kinds: (string | undefined)[] = [];
  readonly parents: (string | undefined)[] = [];
  /** Sparse: only units whose members have ids. */
  readonly memberIds = new Map<number, readonly string[]>();
  private readonly memberIndex = new Map<number, Map<string, number>>();

  get count(): number {
    return this.ids.length;
  }

  add(entry: UnitEntry): number {
    const u = this.ids.length;
    this.ids.push(entry.id);
    this.index.set(entry.id, u);
    if (entry.label !== undefined) this.labels[u] = entry.label;
    if (entry.kind !== undefined) this.kinds[u] = entry.kind;
    if (entry.parent !== undefined) this.parents[u] = entry.parent;
    if (entry.memberIds) this.memberIds.set(u, [...entry.memberIds]);
    return u;
  }

  /** Forgets units from `count` on. */
  truncate(count: number): void {
    for (let u = count; u < this.ids.length; u++) {
      this.memberIds.delete(u);
      this.memberIndex.delete(u);
    }
    this.index.truncate(count);
    if (this.ids.length > count) this.ids.length = count;
    for (const list of [this.labels, this.kinds, this.parents]) if (list.length > count) list.length = count;
  }

  entry(u: number, members: number): UnitEntry {
    const memberIds = this.memberIds.get(u) ?? null;
    return {
      id: this.ids[u],
      ...(this.labels[u] !== undefined ? { label: this.labels[u] } : {}),
      ...(this.kinds[u] !== undefined ? { kind: this.kinds[u] } : {}),
      ...(this.parents[u] !== undefined ? { parent: this.parents[u] } : {}),
      members,
      memberIds,
    };
  }

  /** The index of a member named by id, or -1. */
  member(u: number, id: string): number {
    const ids = this.memberIds.get(u);
    if (!ids) return -1;
    let index = this.memberIndex.get(u);
    if (!index) {
      index = new Map(ids.map((m, i) => [m, i]));
      this.memberIndex.set(u, index);
    }
    return index.get(id) ?? -1;
  }
}
