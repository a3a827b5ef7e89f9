import type { CompareOp, ConditionIR, RequirementIR } from '@phasegate/compiler';
import { aggregateHolds, comparer, everyHolds, shareHolds, valueComparer } from '@phasegate/compiler/semantics';
import type { UnitColumns } from './columns.js';
import type { Plan } from './plan.js';

/** A compiled criterion: reads one unit's columns, never allocates. */
export type UnitTest = (c: UnitColumns, u: number) => boolean;

/** A distinct member comparison (`study_hours >= 45`): the kernel counts, per unit, the members satisfying it. */
export interface MemberComparison {
  readonly metricId: string;
  /** Member metric column. */
  readonly column: number;
  readonly op: CompareOp;
  readonly value: number;
  /** `value op threshold`, the value in thousandths (as the columns hold it). */
  readonly test: (thousandths: number) => boolean;
}

/**
 * Compiles the campaign's conditions and requirements into closures over `UnitColumns`, and
 * collects the member comparisons whose passing members it keeps counted. Every verdict is the
 * semantics module's (`@phasegate/compiler/semantics`): its comparer, its exact share and
 * average, its empty-unit rules; what is compiled here is only where the numbers are read from.
 */
export class ConditionCompiler {
  readonly comparisons: MemberComparison[] = [];
  /** Per member metric column: the comparisons on it. */
  readonly comparisonsByColumn: number[][];
  private readonly keys = new Map<string, number>();

  constructor(private readonly plan: Plan) {
    this.comparisonsByColumn = Array.from({ length: plan.memberMetricCount }, () => []);
    // Register everything first so that the column layout is known before any unit exists.
    for (const phase of plan.ir.phases) {
      for (const g of phase.gates) this.scan(g.condition);
      for (const c of phase.checkpoints) for (const i of c.items) if (i.requires) this.scan(i.requires);
    }
  }

  /** The index of a member comparison (registered by the constructor's scan). */
  comparisonIndex(metricId: string, op: CompareOp, value: number): number {
    const k = this.keys.get(`${metricId}\u0000${op}\u0000${value}`);
    if (k === undefined) throw new Error(`internal: member comparison ${metricId} ${op} ${value} was not registered`);
    return k;
  }

  condition(cond: ConditionIR): UnitTest {
    const plan = this.plan;
    switch (cond.kind) {
      case 'and': {
        const items = cond.items.map((i) => this.condition(i));
        return (c, u) => {
          for (let i = 0; i < items.length; i++) if (!items[i](c, u)) return false;
          return true;
        };
      }
      case 'or': {
        const items = cond.items.map((i) => this.condition(i));
        return (c, u) => {
          for (let i = 0; i < items.length; i++) if (items[i](c, u)) return true;
          return false;
        };
      }
      case 'metric': {
        const col = this.column(cond.metric);
        const test = valueComparer(cond.op, cond.value);
        return (c, u) => test(c.unitMetric[col][u]);
      }
      case 'every': {
        const k = this.comparisonIndex(cond.metric, cond.op, cond.value);
        return (c, u) => everyHolds(c.pass[k][u], c.memberStart[u + 1] - c.memberStart[u]);
      }
      case 'share': {
        const k = this.comparisonIndex(cond.metric, cond.inner.op, cond.inner.value);
        const { op, value } = cond;
        return (c, u) => shareHolds(c.pass[k][u], c.memberStart[u + 1] - c.memberStart[u], op, value);
      }
      case 'count': {
        const k = this.comparisonIndex(cond.metric, cond.inner.op, cond.inner.value);
        const test = comparer(cond.op, cond.value);
        return (c, u) => test(c.pass[k][u]);
      }
      case 'total':
      case 'average':
      case 'min':
      case 'max': {
        // Rare in policies, and a scan of one unit's members: the same sum in the same member
        // order as the reference machine's, so the two engines get the same double.
        const col = this.column(cond.metric);
        const { kind, op, value } = cond;
        return (c, u) => aggregateHolds(kind, c.member[col], c.memberStart[u], c.memberStart[u + 1], op, value);
      }
      case 'task-done': {
        const t = plan.taskIndex.get(cond.task)!;
        const word = t >>> 5;
        const bit = 1 << (t & 31);
        const words = plan.taskWords;
        return (c, u) => (c.taskBits[u * words + word] & bit) !== 0;
      }
      case 'deliverable-submitted': {
        const d = plan.deliverableIndex.get(cond.deliverable)!;
        const word = d >>> 5;
        const bit = 1 << (d & 31);
        const words = plan.deliverableWords;
        return (c, u) => (c.deliverableBits[u * words + word] & bit) !== 0;
      }
    }
  }

  requirement(req: RequirementIR): UnitTest {
    switch (req.kind) {
      case 'task':
        return this.condition({ kind: 'task-done', task: req.task });
      case 'deliverable':
        return this.condition({ kind: 'deliverable-submitted', deliverable: req.deliverable });
      case 'all':
        return allOf(req.items.map((i) => this.requirement(i)));
      case 'any':
        return anyOf(req.items.map((i) => this.requirement(i)));
    }
  }

  private column(metricId: string): number {
    return this.plan.metrics[this.plan.metricIndex.get(metricId)!].column;
  }

  private scan(cond: ConditionIR): void {
    switch (cond.kind) {
      case 'and':
      case 'or':
        for (const i of cond.items) this.scan(i);
        return;
      case 'every':
        this.register(cond.metric, cond.op, cond.value);
        return;
      case 'share':
      case 'count':
        this.register(cond.metric, cond.inner.op, cond.inner.value);
        return;
      default:
        return;
    }
  }

  private register(metricId: string, op: CompareOp, value: number): void {
    const key = `${metricId}\u0000${op}\u0000${value}`;
    if (this.keys.has(key)) return;
    const column = this.column(metricId);
    this.keys.set(key, this.comparisons.length);
    this.comparisonsByColumn[column].push(this.comparisons.length);
    this.comparisons.push({ metricId, column, op, value, test: valueComparer(op, value) });
  }
}

function allOf(items: UnitTest[]): UnitTest {
  return (c, u) => {
    for (let i = 0; i < items.length; i++) if (!items[i](c, u)) return false;
    return true;
  };
}

function anyOf(items: UnitTest[]): UnitTest {
  return (c, u) => {
    for (let i = 0; i < items.length; i++) if (items[i](c, u)) return true;
    return false;
  };
}
