import { closest, type Diagnostic } from '@phasegate/dsl';
import { isValidZone, zoneNames } from './calendar.js';
import type { CheckContext } from './context.js';
import { error } from './diag.js';

/**
 * The campaign's time zone: exactly one `timezone` line (PG302 when missing, PG201 when
 * repeated) naming an IANA zone (PG301, with the closest known zone as a hint).
 */
export function checkTimezone(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const [first, ...rest] = ctx.symbols.timezones;
  if (!first) {
    out.push(
      error(
        'PG302',
        ctx.campaign.id,
        `Campaign \`${ctx.campaign.id.name}\` has no time zone, so its dates cannot be placed on the calendar. Add a line such as \`timezone Asia/Shanghai\` at the top of the campaign.`,
      ),
    );
    return out;
  }
  for (const again of rest) {
    out.push(
      error('PG201', again, 'The campaign declares its time zone twice. Keep one `timezone` line.', {
        related: [{ span: first, message: 'first declared here' }],
      }),
    );
  }
  if (!isValidZone(first.zone)) {
    const guess = closest(first.zone, zoneNames())[0] ?? closestByCity(first.zone);
    out.push(
      error(
        'PG301',
        first.zoneSpan,
        `\`${first.zone}\` is not a time zone this system knows. Use an IANA name of the form Area/City, such as \`Asia/Shanghai\` or \`Europe/London\`.`,
        {
          hint: guess ? `did you mean \`${guess}\`?` : undefined,
        },
      ),
    );
  }
  return out;
}

/** `Shanghai` or `asia/shangai` → `Asia/Shanghai`: match on the city part alone. */
function closestByCity(name: string): string | undefined {
  const city = name.split('/').pop() ?? name;
  const byCity = new Map(zoneNames().map((z) => [z.split('/').pop() ?? z, z]));
  const [best] = closest(city, byCity.keys());
  return best === undefined ? undefined : byCity.get(best);
}
