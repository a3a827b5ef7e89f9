import type { Actor, CampaignEvent } from '@phasegate/runtime';
import type { CampaignIR } from '@phasegate/compiler';
import type { Distribution } from './distribution.js';
import type { DayTable } from '../calendar.js';
import type { CampaignCalendar } from '../driver/campaign-calendar.js';
import type { PerUnit, RosterUnit, Scenario } from '../scenario/scenario.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event without the fields the simulator fills in when it sends it (`id`, `time`). */
export type EventBody = DistributiveOmit<CampaignEvent, 'id' | 'actor' | 'time'>;

/** One event the simulator will send: when, what, and on whose behalf. */
export interface PlannedEvent {
  /** Epoch ms; `planRun` rounds it to the minute. */
  at: number;
  readonly body: EventBody;
  readonly actor: Actor;
}

/** The roles the simulator acts as. */
export interface Roles {
  /** Unit admins: facts, tasks, deliverables, acknowledgements, reports. */
  readonly unit: string;
  /** The office: amendments. */
  readonly office: string;
  /** Who issues documents. */
  readonly issuer: string;
}

/** Everything the planners read. */
export interface PlanContext {
  readonly ir: CampaignIR;
  readonly scenario: Scenario;
  readonly calendar: CampaignCalendar;
  readonly days: DayTable;
  readonly lagging: ReadonlySet<string>;
  readonly roles: Roles;
  /** Things an explicit event already does (`task:unit:id`, `ack:unit:doc`, …): not generated again. */
  readonly explicit: ReadonlySet<string>;
  /** When each document is issued (declared dates and `issue` events), epoch ms. */
  readonly issued: ReadonlyMap<string, number>;
}

/**
 * The distribution a model uses for one unit (and optionally one item): `byUnit`, then
 * `lagging`, then the item table, then `byKind`, then the default.
 */
export function choose(
  model: PerUnit,
  fallback: Distribution,
  unit: RosterUnit,
  lagging: boolean,
  byItem?: Readonly<Record<string, Distribution>>,
  item?: string,
): Distribution {
  const own = model.byUnit?.[unit.id];
  if (own !== undefined) return own;
  if (lagging && model.lagging !== undefined) return model.lagging;
  const forItem = item === undefined ? undefined : byItem?.[item];
  if (forItem !== undefined) return forItem;
  const forKind = unit.kind === undefined ? undefined : model.byKind?.[unit.kind];
  if (forKind !== undefined) return forKind;
  return fallback;
}

const actors = new WeakMap<PlanContext, Map<string, Actor>>();

/** The unit admin acting for a unit (one shared object per unit: plans hold many events). */
export function unitActor(ctx: PlanContext, unit: string): Actor {
  let byUnit = actors.get(ctx);
  if (!byUnit) actors.set(ctx, (byUnit = new Map<string, Actor>()));
  let actor = byUnit.get(unit);
  if (!actor) byUnit.set(unit, (actor = { user: `sim:${unit}`, role: ctx.roles.unit, unit }));
  return actor;
}
