import type { FactsView, SignoffsView } from './semantics/conditions.js';
import type { WindowAmendment, WindowBounds } from './semantics/windows.js';
import type { CampaignIR } from './ir.js';

/** One transfer out of a phase: when, and whether it was before the phase's window closed. */
export interface TransferRecord {
  readonly phase: string;
  readonly at: number;
  readonly onTime: boolean;
}

/**
 * The context of a unit machine (docs/semantics.md, "What a unit holds"). Plain JSON, so
 * snapshots persist as they are. It is also a `FactsView` for `evaluateCondition`.
 */
export interface UnitContext extends FactsView {
  /** The unit's clock, epoch ms; never goes backwards. */
  readonly now: number;
  readonly members: number;
  readonly unitMetrics: Readonly<Record<string, number>>;
  /** By member metric id: one value per member (index = member), zeros filled as needed. */
  readonly memberMetrics: Readonly<Record<string, readonly number[]>>;
  readonly tasks: Readonly<Record<string, boolean>>;
  readonly deliverables: Readonly<Record<string, number>>;
  readonly signoffs: SignoffsView;
  readonly transfers: readonly TransferRecord[];
  /** The IR's windows as written (base calendar). */
  readonly windows: readonly WindowBounds[];
  /** The file's amendments, then run-time ones in the order received. */
  readonly amendments: readonly WindowAmendment[];
}

/** What a unit machine is started with. */
export interface UnitInput {
  /** Number of members in the unit (0 or more). */
  readonly members: number;
  /** The unit's clock at the start, epoch ms (default 0: before any window opens). */
  readonly now?: number;
}

/** The context a unit starts with. */
export function initialContext(ir: CampaignIR, input: UnitInput): UnitContext {
  const members = Number.isInteger(input.members) && input.members > 0 ? input.members : 0;
  return {
    now: input.now ?? 0,
    members,
    unitMetrics: {},
    memberMetrics: {},
    tasks: {},
    deliverables: {},
    signoffs: {},
    transfers: [],
    windows: ir.windows.map((w) => ({ start: w.start, end: w.end })),
    amendments: ir.amendments.map((a) => ({ window: a.window, start: a.start, end: a.end, effective: a.effective })),
  };
}
