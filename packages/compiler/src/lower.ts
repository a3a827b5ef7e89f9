import type { CheckpointNode, DeliverableNode, ObligationNode, TaskNode } from '@phasegate/dsl';
import { dateProblem, endInstant, epochToLocal, startInstant, weeklyDues } from './calendar.js';
import type { CheckContext } from './context.js';
import {
  IR_VERSION,
  type AmendmentIR,
  type CampaignIR,
  type CheckpointIR,
  type ObligationIR,
  type PhaseIR,
  type StepIR,
  type WindowIR,
} from './ir.js';
import { lowerCondition, lowerRequirements } from './lower-condition.js';
import { describeAmendment, type ScheduledWindow } from './schedule.js';
import type { StepInfo } from './symbols.js';

/**
 * Lowers a checked campaign to IR v1 (see ir.ts). Call it only when the check passes found no
 * error that `BLOCKS_LOWERING` lists: it trusts names, dates, the zone and windows to be valid.
 * Returns null (instead of throwing) if it meets something it cannot lower anyway.
 */
export function lower(ctx: CheckContext): CampaignIR | null {
  const { symbols, schedule, zone, campaign } = ctx;
  // The schedule lists windows in the IR's order; every one must be resolved to lower. (Arrays
  // are built with `map` where possible: the IR outlives the compilation, so they are sized exactly.)
  if (schedule.windows.some(unresolved)) return null;
  const windows: WindowIR[] = schedule.windows.map((w) => ({
    owner: w.owner,
    start: w.base!.start,
    end: w.base!.end,
    text: w.text,
  }));

  const phases: PhaseIR[] = [];
  for (const phase of symbols.phaseList) {
    if (phase.checkpoints.some(unsigned)) return null;
    const stepWindows = schedule.steps[phase.index];
    const steps = phase.steps.map((step) => lowerStep(step, stepWindows[step.index].index, zone));
    const checkpoints = phase.checkpoints.map(lowerCheckpoint);
    const late = phase.late;
    phases.push({
      id: phase.id,
      label: phase.node.label?.value ?? phase.id,
      window: schedule.phases[phase.index].index,
      steps,
      gates: phase.gates.map((g) => ({
        id: g.id.name,
        label: g.label?.value ?? g.id.name,
        condition: lowerCondition(g.condition),
      })),
      checkpoints,
      late: late
        ? { action: late.action, label: late.label?.value ?? (late.action === 'remediate' ? 'remediation' : 'late') }
        : { action: 'mark-late', label: 'late' },
    });
  }

  const amendments: AmendmentIR[] = [];
  for (const a of schedule.amendments) {
    if (!a.window || a.effective === null || !a.after) return null;
    amendments.push({
      id: `amend-${a.order + 1}`,
      window: a.window.index,
      effective: a.effective,
      start: a.after.start,
      end: a.after.end,
      action: describeAmendment(a.node),
      reason: a.node.reason?.value ?? '',
    });
  }

  const lastEnd = lastWindowEnd(schedule.phases);
  const obligations: ObligationIR[] = [];
  for (const ob of symbols.obligations.values()) {
    const lowered = lowerObligation(ob, zone, lastEnd);
    if (!lowered) return null;
    obligations.push(lowered);
  }

  return {
    irVersion: IR_VERSION,
    id: campaign.id.name,
    label: campaign.label?.value ?? campaign.id.name,
    timezone: zone,
    roles: [...symbols.roles.values()].map((r) => ({
      id: r.id.name,
      label: r.label?.value ?? r.id.name,
      canAmend: r.capabilities.some((c) => c.name === 'amend'),
      canIssue: r.capabilities.some((c) => c.name === 'issue'),
    })),
    metrics: [...symbols.metrics.values()].map((m) => ({
      id: m.id.name,
      label: m.label?.value ?? m.id.name,
      unit: m.unit,
      level: m.level,
    })),
    documents: [...symbols.documents.values()].map((d) => ({
      id: d.id.name,
      label: d.label?.value ?? d.id.name,
      issued: d.issued ? startInstant(zone, d.issued) : null,
    })),
    windows,
    phases,
    obligations,
    amendments,
  };
}

/** The latest end of the phases' windows as amended by the file, or null. */
function lowerStep(step: StepInfo, window: number, zone: string): StepIR {
  return {
    id: step.id,
    label: step.node.label?.value ?? step.id,
    window,
    requirement: lowerRequirements(step.requirements),
    tasks: step.items.filter(isTask).map((t) => ({ id: t.id.name, label: t.label?.value ?? t.id.name })),
    deliverables: step.items.filter(isDeliverable).map((d) => ({
      id: d.id.name,
      label: d.label?.value ?? d.id.name,
      due: d.due && !dateProblem(d.due) ? endInstant(zone, d.due) : null,
    })),
  };
}

const isTask = (r: TaskNode | DeliverableNode): r is TaskNode => r.kind === 'task';
const isDeliverable = (r: TaskNode | DeliverableNode): r is DeliverableNode => r.kind === 'deliverable';
const unsigned = (cp: CheckpointNode): boolean => !cp.signer;
const unresolved = (w: ScheduledWindow): boolean => !w.base;

/** A checkpoint whose signer is known (see `unsigned`). */
function lowerCheckpoint(cp: CheckpointNode): CheckpointIR {
  return {
    id: cp.id.name,
    label: cp.label?.value ?? cp.id.name,
    signer: cp.signer!.name,
    items: cp.items.map((item, i) => ({
      id: item.id.name,
      label: item.label?.value ?? item.id.name,
      number: i + 1,
      requires: item.requires ? lowerCondition(item.requires) : null,
    })),
  };
}

function lastWindowEnd(phases: readonly ScheduledWindow[]): number | null {
  let last: number | null = null;
  for (const { final } of phases) if (final && (last === null || final.end > last)) last = final.end;
  return last;
}

function lowerObligation(ob: ObligationNode, zone: string, campaignEnd: number | null): ObligationIR | null {
  const base = {
    id: ob.id.name,
    label: ob.label?.value ?? ob.id.name,
    owedBy:
      ob.owedBy.kind === 'units'
        ? ({ kind: 'units' } as const)
        : ({ kind: 'role', role: ob.owedBy.role.name } as const),
  };
  const s = ob.schedule;
  switch (s.kind) {
    case 'due':
      return { kind: 'due', ...base, due: endInstant(zone, s.due) };
    case 'acknowledge':
      return { kind: 'acknowledge', ...base, withinDays: s.withinDays };
    case 'recurring': {
      // Without `until`, the obligation runs to the last day of the campaign's last window.
      let until = s.until ? { year: s.until.year, month: s.until.month, day: s.until.day } : null;
      if (!until && campaignEnd !== null) until = epochToLocal(zone, campaignEnd - 1);
      const at = s.at ? { hour: s.at.hour, minute: s.at.minute } : undefined;
      const dues = until ? weeklyDues(zone, s.weekday, s.from, until, at) : [];
      const p = (n: number) => String(n).padStart(2, '0');
      const untilText = s.until
        ? s.until.text
        : until
          ? `${until.year}-${p(until.month)}-${p(until.day)}`
          : s.from.text;
      const atText = s.at ? ` at ${p(s.at.hour)}:${p(s.at.minute)}` : '';
      return {
        kind: 'recurring',
        ...base,
        dues,
        rule: `every ${s.weekday} from ${s.from.text} until ${untilText}${atText}`,
      };
    }
  }
}
