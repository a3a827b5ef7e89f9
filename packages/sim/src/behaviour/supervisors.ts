import type { UnitStatus } from '@phasegate/runtime';
import { sample } from './distribution.js';
import { streamFor } from './prng.js';
import { DAY_MS } from '../calendar.js';
import { choose, type PlannedEvent } from './plan-types.js';
import type { LagModel, RosterUnit } from '../scenario/scenario.js';

/**
 * The supervision groups of a run: once a unit stands at a phase's transfer point with every
 * gate holding and only checklists missing, its group signs every unsigned item `lag` days
 * later (one visit per unit and phase). The lag is drawn per unit and phase from the seed.
 */
export class Supervisors {
  private readonly visited = new Set<string>();
  private readonly units: ReadonlyMap<string, RosterUnit>;
  count = 0;

  constructor(
    private readonly model: LagModel | undefined,
    units: readonly RosterUnit[],
    private readonly lagging: ReadonlySet<string>,
    private readonly seed: number,
  ) {
    this.units = new Map(units.map((u) => [u.id, u]));
  }

  /**
   * The sign-offs for this unit if it has just become ready, at `from` + lag; none otherwise.
   * `from` is when the group learns of it (the unit's last event that day, or the next morning).
   */
  visit(st: UnitStatus, from: number): PlannedEvent[] {
    if (!this.model || st.position !== 'transfer' || st.blockers.length === 0) return [];
    if (!st.blockers.every((b) => b.kind === 'checkpoint')) return [];
    const key = `${st.id}\u0000${st.phase}`;
    const unit = this.units.get(st.id);
    if (this.visited.has(key) || !unit) return [];
    this.visited.add(key);
    const lag = sample(
      choose(this.model, this.model.lag, unit, this.lagging.has(unit.id)),
      streamFor(this.seed, 'signoff', unit.id, st.phase ?? ''),
    );
    if (!Number.isFinite(lag)) return [];
    const at = Math.round((from + Math.max(0, lag) * DAY_MS) / 60_000) * 60_000;
    const out: PlannedEvent[] = [];
    for (const b of st.blockers) {
      if (b.kind !== 'checkpoint') continue;
      for (const m of b.missing) {
        if (m.reason !== 'unsigned') continue;
        out.push({
          at,
          body: { type: 'signoff', unit: st.id, checkpoint: b.checkpoint, item: m.item },
          actor: { user: 'sim:supervisor', role: b.signer },
        });
      }
    }
    this.count += out.length;
    return out;
  }
}
