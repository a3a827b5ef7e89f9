/**
 * The unit directory's id index (a flat hash table) against a Map: random ids, growth, lookups of
 * absent ids, and truncation (a registration rolled back).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnitDirectory } from '../src/kernel/units.js';

describe('unit directory', () => {
  it('finds every registered id and no other, through growth and truncation', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 300 }),
        fc.nat(),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 30 }),
        (ids, cut, probes) => {
          const d = new UnitDirectory();
          for (const id of ids) d.add({ id, members: 1, memberIds: null });
          const keep = ids.length === 0 ? 0 : cut % (ids.length + 1);
          d.truncate(keep);
          const model = new Map(ids.slice(0, keep).map((id, i) => [id, i]));
          for (const id of [...ids, ...probes]) expect(d.index.get(id)).toBe(model.get(id));
          expect(d.index.size).toBe(keep);
          // Registering again after a truncation continues the numbering.
          const again = ids.slice(keep);
          for (const id of again) d.add({ id, members: 1, memberIds: null });
          ids.forEach((id, i) => expect(d.index.get(id)).toBe(i));
        },
      ),
    );
  });

  it('keeps labels, kinds and parents only for units that have them', () => {
    const d = new UnitDirectory();
    d.add({ id: 'county', label: 'County office', members: 0, memberIds: null });
    d.add({ id: 'b1', members: 3, memberIds: null });
    d.add({ id: 'b2', parent: 'county', kind: 'branch', members: 3, memberIds: null });
    expect(d.entry(0, 0)).toEqual({ id: 'county', label: 'County office', members: 0, memberIds: null });
    expect(d.entry(1, 3)).toEqual({ id: 'b1', members: 3, memberIds: null });
    expect(d.entry(2, 3)).toEqual({ id: 'b2', kind: 'branch', parent: 'county', members: 3, memberIds: null });
    d.truncate(2);
    expect(d.kinds[2]).toBeUndefined();
    expect(d.index.get('b2')).toBeUndefined();
  });
});
