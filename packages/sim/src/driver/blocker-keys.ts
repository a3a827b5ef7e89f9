import type { CampaignIR, RequirementIR } from '@phasegate/compiler';
import type { Blocker, UnitStatus } from '@phasegate/runtime';

/**
 * Names for what the runtime reports: position keys for units, and stable keys and labels for
 * blockers, so that blockers can be counted across units and days (`gate:study_training`).
 */

/** `study.four_talks`, `study.@transfer` (the transfer point: `@` cannot start a step id) or `completed`. */
export function positionKey(st: UnitStatus): string {
  if (st.position === 'completed' || st.phase === null) return 'completed';
  return st.position === 'transfer' ? `${st.phase}.@transfer` : `${st.phase}.${st.step}`;
}

/** The breakdown key of a blocker (`gate:study_training`); records its label in `labels` once. */
export function blockerKey(
  b: Blocker,
  position: string,
  ir: CampaignIR,
  labels: Map<string, { kind: string; label: string }>,
): string {
  const key = keyOf(b, position);
  if (!labels.has(key)) labels.set(key, { kind: b.kind, label: labelOf(b, position, ir) });
  return key;
}

function keyOf(b: Blocker, position: string): string {
  switch (b.kind) {
    case 'window':
      return `window:${position}`;
    case 'task':
      return `task:${b.task}`;
    case 'deliverable':
      return `deliverable:${b.deliverable}`;
    case 'group':
      return `group:${position}`;
    case 'gate':
      return `gate:${b.gate}`;
    case 'checkpoint':
      return `checkpoint:${b.checkpoint}`;
  }
}

function labelOf(b: Blocker, position: string, ir: CampaignIR): string {
  switch (b.kind) {
    case 'window':
      return `window of ${position} not open`;
    case 'task':
      return findLabel(ir, 'task', b.task) ?? b.task;
    case 'deliverable':
      return findLabel(ir, 'deliverable', b.deliverable) ?? b.deliverable;
    case 'group':
      return groupLabel(ir, position, b.mode) ?? `${b.mode} of (${position})`;
    case 'gate':
      return ir.phases.flatMap((p) => p.gates).find((g) => g.id === b.gate)?.label ?? b.gate;
    case 'checkpoint':
      return ir.phases.flatMap((p) => p.checkpoints).find((c) => c.id === b.checkpoint)?.label ?? b.checkpoint;
  }
}

/** The label of the first labelled group of this mode in the step at `position`. */
function groupLabel(ir: CampaignIR, position: string, mode: 'any' | 'all'): string | undefined {
  const [phaseId, stepId] = position.split('.');
  const step = ir.phases.find((p) => p.id === phaseId)?.steps.find((s) => s.id === stepId);
  const walk = (r: RequirementIR): string | undefined => {
    if (r.kind !== 'all' && r.kind !== 'any') return undefined;
    if (r.kind === mode && r.label) return r.label;
    return r.items.map(walk).find((x) => x !== undefined);
  };
  return step ? walk(step.requirement) : undefined;
}

function findLabel(ir: CampaignIR, kind: 'task' | 'deliverable', id: string): string | undefined {
  for (const p of ir.phases) {
    for (const s of p.steps) {
      const found = kind === 'task' ? s.tasks.find((t) => t.id === id) : s.deliverables.find((d) => d.id === id);
      if (found) return found.label;
    }
  }
  return undefined;
}

/** The parts of a blocker that are counted across units: failing conditions, missing items. */
export function blockerDetails(b: Blocker, ir: CampaignIR): string[] {
  if (b.kind === 'gate') {
    return b.failing.map((g) => {
      const metric = g.metric ? (ir.metrics.find((m) => m.id === g.metric)?.label ?? g.metric) : '';
      const subject =
        g.aggregate === 'every'
          ? `every member ${metric}`
          : g.aggregate === 'metric'
            ? metric
            : `${g.aggregate} ${metric}`.trim();
      return `${subject} ${g.op} ${g.target}`;
    });
  }
  if (b.kind === 'checkpoint')
    return b.missing.map(
      (m) => `#${m.number} ${m.label}${m.reason === 'condition' ? ' (signed, condition unmet)' : ''}`,
    );
  return [];
}
