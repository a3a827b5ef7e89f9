import type { CampaignIR, ObligationIR } from '@phasegate/compiler';
import type { OverdueEntry, OverdueList } from '../types.js';
import { isoTime, localDate, plusLocalDays, shortDate, shortDateTime, unitsHave } from './format.js';

const DAY = 86_400_000;

/** What the ledger needs to know about units, without depending on the kernel. */
export interface LedgerUnits {
  readonly count: number;
  id(unit: number): string;
}

/**
 * Issued documents, acknowledgements and obligation reports: the facts behind the overdue lists.
 * They never gate a phase (docs/semantics.md), so they live beside the unit columns, not in them.
 *
 * Per unit the ledger keeps one Float64 time per document and per `due` obligation, allocated when
 * the first acknowledgement or report arrives (0 = none yet). Recurring reports are sparse lists.
 */
export class ObligationLedger {
  /** Per document: when it was issued (epoch ms), NaN while it has not been. */
  readonly issued: Float64Array;
  /** Per document, per unit: when the unit acknowledged it (0 = not yet). */
  ack: (Float64Array | null)[];
  /** Per document, per role: when someone of that role acknowledged it (0 = not yet). */
  readonly roleAck: Float64Array;
  /** Per `due` obligation owed by units, per unit: the first report time (0 = none). */
  due: (Float64Array | null)[];
  /** Per obligation owed by a role: the first report time (due), 0 = none. */
  readonly roleDue: Float64Array;
  /** Per recurring obligation: report times per unit (units) or under key -1 (role). */
  recurring: Map<number, number[]>[];
  private capacity = 0;

  constructor(
    private readonly ir: CampaignIR,
    private readonly undo: (fn: () => void) => void,
  ) {
    this.issued = Float64Array.from(ir.documents, (d) => (d.issued === null ? NaN : d.issued));
    this.ack = ir.documents.map(() => null);
    this.roleAck = new Float64Array(ir.documents.length * Math.max(1, ir.roles.length));
    this.due = ir.obligations.map(() => null);
    this.roleDue = new Float64Array(ir.obligations.length);
    this.recurring = ir.obligations.map(() => new Map<number, number[]>());
  }

  /** Grows the per-unit arrays with the unit columns. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    const grow = (a: Float64Array | null): Float64Array | null => {
      if (!a) return null;
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.ack = this.ack.map(grow);
    this.due = this.due.map(grow);
    this.capacity = capacity;
  }

  /** Forgets what units from `count` on did (a registration rolled back). */
  truncate(count: number): void {
    for (const a of [...this.ack, ...this.due]) a?.fill(0, count);
    for (const m of this.recurring) for (const u of [...m.keys()]) if (u >= count) m.delete(u);
  }

  issue(document: number, time: number): void {
    const before = this.issued[document];
    this.issued[document] = time;
    this.undo(() => {
      this.issued[document] = before;
    });
  }

  acknowledge(unit: number, document: number, role: number, time: number): void {
    const owedByRole =
      role >= 0 &&
      this.ir.obligations.some(
        (o) => o.kind === 'acknowledge' && o.owedBy.kind === 'role' && o.owedBy.role === this.ir.roles[role].id,
      );
    if (owedByRole) {
      const k = document * Math.max(1, this.ir.roles.length) + role;
      const before = this.roleAck[k];
      if (before === 0 || time < before) {
        this.roleAck[k] = time;
        this.undo(() => {
          this.roleAck[k] = before;
        });
      }
    }
    const list = this.ack[document] ?? this.allocate('ack', document);
    const before = list[unit];
    if (before === 0 || time < before) {
      list[unit] = time;
      this.undo(() => {
        list[unit] = before;
      });
    }
  }

  report(obligation: number, unit: number, time: number): void {
    const o = this.ir.obligations[obligation];
    if (o.kind === 'recurring') {
      const m = this.recurring[obligation];
      const list = m.get(unit) ?? [];
      if (!m.has(unit)) m.set(unit, list);
      // Kept sorted: reports may arrive out of time order.
      let i = list.length;
      while (i > 0 && list[i - 1] > time) i--;
      list.splice(i, 0, time);
      this.undo(() => {
        list.splice(i, 1);
        if (list.length === 0) m.delete(unit);
      });
      return;
    }
    if (unit < 0) {
      const before = this.roleDue[obligation];
      if (before === 0 || time < before) {
        this.roleDue[obligation] = time;
        this.undo(() => {
          this.roleDue[obligation] = before;
        });
      }
      return;
    }
    const list = this.due[obligation] ?? this.allocate('due', obligation);
    const before = list[unit];
    if (before === 0 || time < before) {
      list[unit] = time;
      this.undo(() => {
        list[unit] = before;
      });
    }
  }

  /** A per-unit time array on first use; a rolled-back batch frees it again. */
  private allocate(which: 'ack' | 'due', i: number): Float64Array {
    const list = new Float64Array(this.capacity);
    this[which][i] = list;
    this.undo(() => {
      this[which][i] = null;
    });
    return list;
  }

  /**
   * Everything owed and not done at `at`: a report not sent by then although its deadline has
   * passed, a document not acknowledged within its days. A report counts from its time on, so
   * asking about an earlier moment gives the list as it stood then.
   *
   * A recurring report fills the earliest occurrence still open whose previous deadline lies before
   * it: a report sent a day late covers the week it missed, not the next one.
   */
  overdue(at: number, units: LedgerUnits): OverdueList {
    const zone = this.ir.timezone;
    const groups: Array<OverdueList['groups'][number]> = [];
    const push = (o: ObligationIR, subject: string | null, due: number, owners: number[], what: string): void => {
      if (owners.length === 0) return;
      const role = o.owedBy.kind === 'role' ? o.owedBy.role : null;
      const entries: OverdueEntry[] = owners.map((u) => ({
        obligation: o.id,
        label: o.label,
        unit: u < 0 ? null : units.id(u),
        role,
        subject,
        due: isoTime(due, zone),
        daysLate: Math.floor((at - due) / DAY),
      }));
      const roleLabel = role === null ? '' : (this.ir.roles.find((r) => r.id === role)?.label ?? role);
      const who = role === null ? unitsHave(owners.length) : `${roleLabel} has`;
      groups.push({
        obligation: o.id,
        label: o.label,
        subject,
        due: isoTime(due, zone),
        entries,
        message: `${who} not ${what}`,
      });
    };
    const allUnits = (done: (u: number) => boolean): number[] => {
      const out: number[] = [];
      for (let u = 0; u < units.count; u++) if (!done(u)) out.push(u);
      return out;
    };
    const within = (t: number): boolean => t !== 0 && t <= at;

    this.ir.obligations.forEach((o, k) => {
      if (o.kind === 'due') {
        if (!(o.due < at)) return;
        const verb = `reported ${o.label}, due ${shortDateTime(o.due, zone)}`;
        if (o.owedBy.kind === 'role') {
          push(o, null, o.due, within(this.roleDue[k]) ? [] : [-1], verb);
        } else {
          const times = this.due[k];
          push(
            o,
            null,
            o.due,
            allUnits((u) => times !== null && within(times[u])),
            verb,
          );
        }
      } else if (o.kind === 'recurring') {
        const open = o.dues.filter((d) => d < at);
        if (open.length === 0) return;
        const owners = o.owedBy.kind === 'role' ? [-1] : Array.from({ length: units.count }, (_, u) => u);
        const missing: number[][] = open.map(() => []);
        for (const u of owners) {
          const filled = fillOccurrences(
            o.dues,
            open.length,
            (this.recurring[k].get(u) ?? []).filter((t) => t <= at),
          );
          filled.forEach((f, i) => {
            if (!f) missing[i].push(u);
          });
        }
        open.forEach((due, i) =>
          push(
            o,
            localDate(due, zone),
            due,
            missing[i],
            `reported ${o.label} for ${shortDate(due, zone)}, due ${shortDateTime(due, zone)}`,
          ),
        );
      } else {
        this.ir.documents.forEach((doc, d) => {
          const issued = this.issued[d];
          if (!Number.isFinite(issued) || issued > at) return;
          const due = plusLocalDays(issued, o.withinDays, zone);
          if (!(due < at)) return;
          const verb = `acknowledged ${doc.label} since ${shortDate(due, zone)}`;
          if (o.owedBy.kind === 'role') {
            const r = this.ir.roles.findIndex((x) => x.id === (o.owedBy as { role: string }).role);
            const t = r < 0 ? 0 : this.roleAck[d * Math.max(1, this.ir.roles.length) + r];
            push(o, doc.id, due, within(t) ? [] : [-1], verb);
          } else {
            const times = this.ack[d];
            push(
              o,
              doc.id,
              due,
              allUnits((u) => times !== null && within(times[u])),
              verb,
            );
          }
        });
      }
    });
    return { at: isoTime(at, zone), groups };
  }

  /** Plain data for a snapshot. */
  toJSON(): LedgerData {
    return {
      issued: [...this.issued].map((t) => (Number.isNaN(t) ? null : t)),
      roleAck: [...this.roleAck],
      roleDue: [...this.roleDue],
      recurring: this.recurring.map((m) => [...m].map(([u, list]) => [u, list] as [number, number[]])),
    };
  }

  /** Restores `toJSON`'s data and the per-unit arrays. */
  load(data: LedgerData, ack: (Float64Array | null)[], due: (Float64Array | null)[], capacity: number): void {
    data.issued.forEach((t, i) => {
      this.issued[i] = t === null ? NaN : t;
    });
    this.roleAck.set(data.roleAck);
    this.roleDue.set(data.roleDue);
    this.recurring = data.recurring.map((pairs) => new Map(pairs.map(([u, l]) => [u, [...l]])));
    this.capacity = 0;
    this.ack = ack;
    this.due = due;
    this.capacity = capacity;
    this.reserveExisting();
  }

  private reserveExisting(): void {
    const cap = this.capacity;
    const fit = (a: Float64Array | null): Float64Array | null => {
      if (!a || a.length >= cap) return a;
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.ack = this.ack.map(fit);
    this.due = this.due.map(fit);
  }
}

export interface LedgerData {
  readonly issued: (number | null)[];
  readonly roleAck: number[];
  readonly roleDue: number[];
  readonly recurring: [number, number[]][][];
}

/** Which of the first `count` occurrences the sorted report times fill (see `overdue`). */
function fillOccurrences(dues: readonly number[], count: number, reports: readonly number[]): boolean[] {
  const filled = new Array<boolean>(count).fill(false);
  for (const t of reports) {
    for (let i = 0; i < count; i++) {
      if (filled[i]) continue;
      if (i > 0 && !(dues[i - 1] < t)) break;
      filled[i] = true;
      break;
    }
  }
  return filled;
}
