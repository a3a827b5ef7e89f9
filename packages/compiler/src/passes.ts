import { checkAmendments } from './check-amendments.js';
import { checkCheckpoints } from './check-checkpoints.js';
import { checkDates } from './check-dates.js';
import { checkNames } from './check-names.js';
import { checkSatisfiable } from './check-satisfiable.js';
import { checkStructure } from './check-structure.js';
import { checkTimezone } from './check-timezone.js';
import { checkUnits } from './check-units.js';
import { checkWindows } from './check-windows.js';
import type { CheckPass } from './context.js';

/** The check passes, in the order they run (and their findings are listed). */
export const CHECK_PASSES: readonly { readonly name: string; readonly run: CheckPass }[] = [
  { name: 'check-timezone', run: checkTimezone },
  { name: 'check-names', run: checkNames },
  { name: 'check-dates', run: checkDates },
  { name: 'check-windows', run: checkWindows },
  { name: 'check-amendments', run: checkAmendments },
  { name: 'check-structure', run: checkStructure },
  { name: 'check-units', run: checkUnits },
  { name: 'check-satisfiable', run: checkSatisfiable },
  { name: 'check-checkpoints', run: checkCheckpoints },
];

/**
 * Error codes after which the campaign can still be lowered and its machine built, so that the
 * reachability pass can show what they cut off. Any other error stops before lowering.
 */
export const LOWERABLE_ERRORS: ReadonlySet<string> = new Set([
  'PG304', // step outside its phase
  'PG305', // overlapping windows
  'PG306', // windows out of order
  'PG308', // amendment shortens a window
  'PG400', // unit mismatch
  'PG401', // condition can never hold
  'PG501', // empty step, group or checkpoint
]);
