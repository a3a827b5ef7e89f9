/**
 * Unit id → dense index, as an open-addressing hash table over one Int32Array that points into the
 * directory's id list. A `Map<string, number>` costs about 30 bytes per unit in V8; this costs 8 to
 * 16 (load factor at most 1/2), which matters at millions of units. The ids themselves are not
 * stored twice: a slot holds the unit index, and `ids[index]` is compared on lookup.
 *
 * @example
 * const ids = ['edu', 'water'];
 * const index = new UnitIndex(ids);
 * index.set('edu', 0); index.set('water', 1);
 * index.get('water'); // 1
 */
export class UnitIndex {
  private slots = new Int32Array(16).fill(-1);
  private mask = 15;
  private used = 0;

  constructor(private readonly ids: readonly string[]) {}

  get size(): number {
    return this.used;
  }

  get(id: string): number | undefined {
    const ids = this.ids;
    const slots = this.slots;
    let i = hash(id) & this.mask;
    for (;;) {
      const u = slots[i];
      if (u < 0) return undefined;
      if (ids[u] === id) return u;
      i = (i + 1) & this.mask;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Records that `ids[unit] === id`; the id must not be present yet. */
  set(id: string, unit: number): void {
    if ((this.used + 1) * 2 > this.slots.length) this.resize(this.slots.length * 2);
    this.place(id, unit);
    this.used++;
  }

  /** Keeps only units below `count` (the undo of a registration): rebuilds, it is rare. */
  truncate(count: number): void {
    if (count >= this.used) return;
    this.slots.fill(-1);
    this.used = 0;
    for (let u = 0; u < count; u++) this.set(this.ids[u], u);
  }

  private place(id: string, unit: number): void {
    const slots = this.slots;
    let i = hash(id) & this.mask;
    while (slots[i] >= 0) i = (i + 1) & this.mask;
    slots[i] = unit;
  }

  private resize(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let i = 0; i < old.length; i++) if (old[i] >= 0) this.place(this.ids[old[i]], old[i]);
  }
}

/** FNV-1a over UTF-16 code units, finished with a multiply-xorshift so sequential ids spread. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}
