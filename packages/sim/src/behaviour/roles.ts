import type { CampaignIR } from '@phasegate/compiler';
import type { Actors } from '../scenario/scenario.js';
import type { Roles } from './plan-types.js';

/**
 * Picks the roles the simulator acts as, unless the scenario's `actors` names them: unit admins
 * are the role whose id mentions `unit`, else the first role that neither signs a checklist nor
 * may amend or issue; the office is the first role that may amend; the issuer the first that may
 * issue.
 */
export function resolveRoles(ir: CampaignIR, actors: Actors): Roles {
  const signers = new Set(ir.phases.flatMap((p) => p.checkpoints.map((c) => c.signer)));
  const first = ir.roles[0]?.id ?? 'unit';
  const unit =
    actors.unit ??
    ir.roles.find((r) => /unit/i.test(r.id))?.id ??
    ir.roles.find((r) => !r.canAmend && !r.canIssue && !signers.has(r.id))?.id ??
    first;
  const office = actors.office ?? ir.roles.find((r) => r.canAmend)?.id ?? first;
  const issuer = actors.office ?? ir.roles.find((r) => r.canIssue)?.id ?? office;
  return { unit, office, issuer };
}
