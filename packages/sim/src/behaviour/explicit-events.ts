import type { CampaignIR } from '@phasegate/compiler';
import type { Actor } from '@phasegate/runtime';
import { dayStart, addDays, formatInstant, parseScenarioTime } from '../calendar.js';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
import type { RuntimeAmendment } from '../driver/campaign-calendar.js';
import type { EventBody, PlannedEvent, Roles } from './plan-types.js';
import type { Scenario } from '../scenario/scenario.js';

export interface ExplicitEvents {
  readonly events: PlannedEvent[];
  readonly amendments: RuntimeAmendment[];
  /** Keys of what the explicit events already do, so the behaviour models do not repeat it. */
  readonly covered: Set<string>;
  /** Documents issued by `issue` events: id → epoch ms. */
  readonly issued: Map<string, number>;
}

/**
 * Turns the scenario's explicit events into runtime events: `unit: "*"` becomes one event per
 * unit, times are resolved in the campaign zone, and the actor is filled in (unit admins for
 * unit events, the checklist's signer for sign-offs, the office for amendments and documents).
 * Assumes `checkScenario` found no problems.
 */
export function resolveExplicitEvents(scenario: Scenario, ir: CampaignIR, roles: Roles): ExplicitEvents {
  const zone = ir.timezone;
  const events: PlannedEvent[] = [];
  const amendments: RuntimeAmendment[] = [];
  const covered = new Set<string>();
  const issued = new Map<string, number>();
  const signerOf = new Map(ir.phases.flatMap((p) => p.checkpoints.map((c) => [c.id, c.signer] as const)));
  const office: Actor = { user: 'sim:office', role: roles.office };

  for (const e of scenario.events) {
    const at = parseScenarioTime(e.time, zone);
    const { type, time: _time, ...fields } = e;
    const targets = fields['unit'] === '*' ? scenario.units.map((u) => u.id) : [fields['unit'] as string | undefined];
    for (const unit of targets) {
      const body = { type, ...fields, ...(unit !== undefined ? { unit } : {}) } as Record<string, unknown>;
      let actor: Actor;
      switch (type) {
        case 'signoff':
        case 'revoke':
          actor = { user: 'sim:supervisor', role: signerOf.get(String(fields['checkpoint'])) ?? roles.office };
          break;
        case 'issue':
          actor = { user: 'sim:office', role: roles.issuer };
          issued.set(String(fields['document']), at);
          break;
        case 'amend':
        case 'clock':
          actor = office;
          break;
        default:
          actor = unit !== undefined ? { user: `sim:${unit}`, role: roles.unit, unit } : office;
      }
      if (type === 'amend') {
        // As in the language: a date alone takes effect at the start of that day.
        const written = fields['effective'];
        const effective =
          typeof written !== 'string'
            ? at
            : DATE_ONLY.test(written)
              ? dayStart(written, zone)
              : parseScenarioTime(written, zone);
        body['effective'] = formatInstant(effective, zone);
        if (typeof fields['extendTo'] === 'string' && !DATE_ONLY.test(fields['extendTo'])) {
          body['extendTo'] = formatInstant(parseScenarioTime(fields['extendTo'], zone), zone);
        }
        const extendTo = fields['extendTo'];
        // A date-only `extendTo` includes that whole day, as in the language.
        const extendToEnd =
          typeof extendTo !== 'string'
            ? undefined
            : DATE_ONLY.test(extendTo)
              ? dayStart(addDays(extendTo, 1), zone)
              : parseScenarioTime(extendTo, zone);
        amendments.push({
          phase: String(fields['phase']),
          ...(typeof fields['step'] === 'string' ? { step: fields['step'] } : {}),
          ...(typeof fields['extendDays'] === 'number' ? { extendDays: fields['extendDays'] } : {}),
          ...(extendToEnd !== undefined ? { extendToEnd } : {}),
          ...(typeof fields['moveDays'] === 'number' ? { moveDays: fields['moveDays'] } : {}),
          effective,
          ...(typeof fields['reason'] === 'string' ? { reason: fields['reason'] } : {}),
        });
      }
      if (unit !== undefined) {
        if (type === 'task') covered.add(`task:${unit}:${String(fields['task'])}`);
        if (type === 'deliverable') covered.add(`deliverable:${unit}:${String(fields['deliverable'])}`);
        if (type === 'acknowledge') covered.add(`ack:${unit}:${String(fields['document'])}`);
        if (type === 'report') covered.add(`report:${unit}:${String(fields['obligation'])}`);
      }
      events.push({ at, body: body as unknown as EventBody, actor });
    }
  }
  return { events, amendments, covered, issued };
}
