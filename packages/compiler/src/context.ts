import type { CampaignNode, Diagnostic, SourceFile } from '@phasegate/dsl';
import { canonicalZone, isValidZone } from './calendar.js';
import { buildSchedule, type Schedule } from './schedule.js';
import { collectSymbols, type Symbols } from './symbols.js';
import { conditionSites, type ConditionSite } from './walk.js';

/**
 * What every check pass and the lowering see: the file, its declarations, the zone and the
 * resolved schedule. Built once per compilation.
 */
export interface CheckContext {
  readonly file: SourceFile;
  readonly campaign: CampaignNode;
  readonly symbols: Symbols;
  /** The campaign's zone when it is declared and valid; `UTC` otherwise, so later passes still run. */
  readonly zone: string;
  /** False when the zone is missing or unknown (`check-timezone` reports it; lowering stops). */
  readonly zoneValid: boolean;
  readonly schedule: Schedule;
  /** Every gate's and checkpoint item's condition, walked once for the passes that read them. */
  readonly conditions: readonly ConditionSite[];
}

/** A check pass: reads the context, returns what it found. Never throws. */
export type CheckPass = (ctx: CheckContext) => Diagnostic[];

/** Builds the shared context for a parsed campaign. */
export function createContext(file: SourceFile, campaign: CampaignNode): CheckContext {
  const symbols = collectSymbols(campaign);
  const declared = symbols.timezones[0]?.zone;
  const zoneValid = declared !== undefined && isValidZone(declared);
  const zone = zoneValid ? canonicalZone(declared) : 'UTC';
  return {
    file,
    campaign,
    symbols,
    zone,
    zoneValid,
    schedule: buildSchedule(zone, symbols),
    conditions: conditionSites(symbols),
  };
}
