import type { Diagnostic } from '@phasegate/dsl';
import type { CheckContext } from './context.js';
import { error } from './diag.js';
import { didYouMean } from './suggest.js';

/**
 * Checkpoints: each is signed by a declared role (PG500 when `signed by` is missing, PG200 when
 * the role is unknown) and has at least one item (PG501).
 */
export function checkCheckpoints(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const roles = ctx.symbols.roles;
  for (const phase of ctx.symbols.phaseList) {
    for (const cp of phase.checkpoints) {
      const name = cp.id.name;
      if (!cp.signer) {
        const someRole = roles.keys().next().value ?? 'supervisor';
        out.push(
          error(
            'PG500',
            cp.id,
            `Checkpoint \`${name}\` does not say who signs it off. Add \`signed by <role>\` after its label, e.g. \`checkpoint ${name} "…" signed by ${someRole} { … }\`.`,
          ),
        );
      } else if (!roles.has(cp.signer.name)) {
        out.push(
          error(
            'PG200',
            cp.signer,
            `Checkpoint \`${name}\` is signed by \`${cp.signer.name}\`, but no role has that name. Declare it with \`role ${cp.signer.name} "…"\` or name an existing role.`,
            {
              hint: didYouMean(cp.signer.name, roles.keys()),
            },
          ),
        );
      }
      if (cp.items.length === 0) {
        out.push(
          error(
            'PG501',
            cp.id,
            `Checkpoint \`${name}\` has no items, so there is nothing to sign off. Add at least one \`item <name> "…"\`, or remove the checkpoint.`,
          ),
        );
      }
    }
  }
  return out;
}
