import type { Condition, RequirementNode } from '@phasegate/dsl';
import type { ConditionIR, RequirementIR } from './ir.js';

/** A checked condition in IR form. Values are kept in the metric's unit; percents as 0–100. */
export function lowerCondition(c: Condition): ConditionIR {
  switch (c.kind) {
    case 'and':
    case 'or':
      return { kind: c.kind, items: c.items.map(lowerCondition) };
    case 'task-done':
      return { kind: 'task-done', task: c.task.name };
    case 'deliverable-submitted':
      return { kind: 'deliverable-submitted', deliverable: c.deliverable.name };
    case 'compare': {
      const s = c.subject;
      const metric = s.metric.name;
      switch (s.kind) {
        case 'metric':
        case 'every':
          return { kind: s.kind, metric, op: c.op, value: c.value.value };
        case 'share':
        case 'count':
          return {
            kind: s.kind,
            metric,
            inner: { op: s.op, value: s.threshold.value },
            op: c.op,
            value: c.value.value,
          };
        default:
          return { kind: s.kind, metric, op: c.op, value: c.value.value };
      }
    }
  }
}

/** A step's requirements: an implicit `all of` over what the step lists. */
export function lowerRequirements(items: readonly RequirementNode[]): RequirementIR {
  return { kind: 'all', label: null, items: items.map(lowerRequirement) };
}

function lowerRequirement(r: RequirementNode): RequirementIR {
  switch (r.kind) {
    case 'task':
      return { kind: 'task', task: r.id.name };
    case 'deliverable':
      return { kind: 'deliverable', deliverable: r.id.name };
    case 'group':
      return { kind: r.mode, label: r.label?.value ?? null, items: r.items.map(lowerRequirement) };
  }
}
