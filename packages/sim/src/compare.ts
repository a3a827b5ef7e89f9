import type { PhaseOutcome, SimulationResult } from './result.js';

export interface OutcomeCounts {
  readonly onTime: number;
  readonly late: number;
  readonly overdue: number;
  readonly open: number;
  /** On-time share of all units, 0–1. */
  readonly rate: number;
}

/** A unit whose outcome of a phase differs between the two runs. */
export interface OutcomeChange {
  readonly unit: string;
  readonly label: string;
  readonly phase: string;
  readonly phaseLabel: string;
  readonly before: PhaseOutcome;
  readonly after: PhaseOutcome;
  /** `on time 03-14`, `late 03-20`, `overdue`, `still open`. */
  readonly beforeText: string;
  readonly afterText: string;
}

/** The what-if difference: the documented `comparison` object of `--format json`. */
export interface Comparison {
  readonly before: { readonly name: string; readonly campaign: string };
  readonly after: { readonly name: string; readonly campaign: string };
  readonly units: number;
  readonly phases: readonly {
    readonly phase: string;
    readonly label: string;
    readonly before: OutcomeCounts;
    readonly after: OutcomeCounts;
  }[];
  readonly changes: readonly OutcomeChange[];
}

/**
 * Compares two runs of the same scenario and seed (a campaign and its what-if): on-time rate per
 * phase before and after, and every unit whose outcome of a phase changes. Phases are matched by
 * id, units by id; a phase only one side has is left out.
 *
 * @example
 * const diff = compareResults(withoutExtension, withExtension, { before: 'without', after: 'with' });
 * diff.phases[0].after.onTime - diff.phases[0].before.onTime; // units saved by the extension
 */
export function compareResults(
  before: SimulationResult,
  after: SimulationResult,
  names: { before: string; after: string },
): Comparison {
  const afterUnits = new Map(after.units.map((u) => [u.id, u]));
  const phases = before.phases.filter((p) => after.phases.some((q) => q.id === p.id));
  const counts = (r: SimulationResult, phase: string): OutcomeCounts => {
    const o = r.totals.outcomes[phase] ?? { 'on-time': 0, late: 0, overdue: 0, open: 0 };
    return {
      onTime: o['on-time'],
      late: o.late,
      overdue: o.overdue,
      open: o.open,
      rate: r.totals.units ? o['on-time'] / r.totals.units : 0,
    };
  };
  const changes: OutcomeChange[] = [];
  for (const p of phases) {
    for (const u of before.units) {
      const v = afterUnits.get(u.id);
      if (!v) continue;
      const b = u.outcomes[p.id];
      const a = v.outcomes[p.id];
      if (b === undefined || a === undefined || b === a) continue;
      changes.push({
        unit: u.id,
        label: u.label,
        phase: p.id,
        phaseLabel: p.label,
        before: b,
        after: a,
        beforeText: outcomeWords(b, u.transfers.find((t) => t.phase === p.id)?.at),
        afterText: outcomeWords(a, v.transfers.find((t) => t.phase === p.id)?.at),
      });
    }
  }
  const rank: Record<PhaseOutcome, number> = { 'on-time': 0, late: 1, open: 2, overdue: 3 };
  // Improvements first, then by phase order, then roster order (stable).
  changes.sort(
    (x, y) =>
      Math.sign(rank[x.after] - rank[x.before]) - Math.sign(rank[y.after] - rank[y.before]) ||
      phases.findIndex((p) => p.id === x.phase) - phases.findIndex((p) => p.id === y.phase),
  );
  return {
    before: { name: names.before, campaign: before.campaign.label },
    after: { name: names.after, campaign: after.campaign.label },
    units: before.totals.units,
    phases: phases.map((p) => ({
      phase: p.id,
      label: p.label,
      before: counts(before, p.id),
      after: counts(after, p.id),
    })),
    changes,
  };
}

function outcomeWords(o: PhaseOutcome, at: string | undefined): string {
  const day = at ? ` ${at.slice(5, 10)}` : '';
  switch (o) {
    case 'on-time':
      return `on time${day}`;
    case 'late':
      return `late${day}`;
    case 'overdue':
      return 'overdue';
    case 'open':
      return 'still open';
  }
}
