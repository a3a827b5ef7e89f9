import { formatLocal } from './calendar.js';
import type { CampaignIR } from './ir.js';

/**
 * A Mermaid `stateDiagram-v2` of a campaign for authors to paste into docs: phases as composite
 * states holding their steps and transfer gate, then `completed`; a note on each phase with its
 * window (as amended by the file, when it is) and what its transfer requires.
 *
 * @example
 * emitMermaid(ir).split('\n')[0] // 'stateDiagram-v2'
 */
export function emitMermaid(ir: CampaignIR): string {
  const lines: string[] = ['stateDiagram-v2', `  %% ${oneLine(ir.label)} (${ir.id}), times in ${ir.timezone}`];
  const zone = ir.timezone;
  const show = (start: number, end: number) => `${formatLocal(zone, start)} to ${formatLocal(zone, end, true)}`;
  const finalWindow = (index: number) => {
    let w = ir.windows[index];
    for (const a of ir.amendments) if (a.window === index) w = { ...w, start: a.start, end: a.end };
    return w;
  };
  // Mermaid ids are positional (p0, p0s1, p0t): names may be Chinese or collide with `transfer`;
  // the names themselves are in the labels.
  const phaseId = (p: number) => `p${p}`;
  const stepId = (p: number, s: number) => `p${p}s${s}`;
  const transferId = (p: number) => `p${p}t`;

  const first = ir.phases[0];
  lines.push(`  [*] --> ${first ? phaseId(0) : 'completed'}`);
  ir.phases.forEach((phase, p) => {
    const pid = phaseId(p);
    // The label is declared apart from the composite block: `state "…" as x {` is not accepted
    // by every Mermaid version.
    lines.push(`  state "${label(phase.label, phase.id)}" as ${pid}`);
    lines.push(`  state ${pid} {`);
    const transfer = transferId(p);
    const entry = phase.steps[0] ? stepId(p, 0) : transfer;
    lines.push(`    [*] --> ${entry}`);
    phase.steps.forEach((step, s) => {
      const sid = stepId(p, s);
      lines.push(`    state "${label(step.label, step.id)}" as ${sid}`);
      const next = phase.steps[s + 1] ? stepId(p, s + 1) : transfer;
      lines.push(`    ${sid} --> ${next}: ${requirementsText(step)}`);
      const w = ir.windows[step.window];
      // A one-line note ends at its first colon, and times have colons: the block form keeps them.
      lines.push(`    note right of ${sid}`, `      ${show(w.start, w.end)}`, '    end note');
    });
    lines.push(`    state "transfer gate" as ${transfer}`);
    lines.push('  }');
    const w = finalWindow(phase.window);
    const amended = ir.amendments.some((a) => a.window === phase.window) ? ' (amended)' : '';
    lines.push(`  note right of ${pid}`, `    ${show(w.start, w.end)}${amended}`, '  end note');
    const next = ir.phases[p + 1] ? phaseId(p + 1) : 'completed';
    const gates = [
      ...phase.gates.map((g) => `gate ${g.id}`),
      ...phase.checkpoints.map((c) => `checkpoint ${c.id} (${c.signer})`),
    ];
    lines.push(`  ${pid} --> ${next}${gates.length > 0 ? `: ${gates.join(', ')}` : ''}`);
  });
  lines.push('  completed --> [*]');
  return `${lines.join('\n')}\n`;
}

function requirementsText(step: CampaignIR['phases'][number]['steps'][number]): string {
  const n = step.tasks.length;
  const d = step.deliverables.length;
  const parts = [];
  if (n > 0) parts.push(`${n} ${n === 1 ? 'task' : 'tasks'}`);
  if (d > 0) parts.push(`${d} ${d === 1 ? 'deliverable' : 'deliverables'}`);
  return parts.length > 0 ? parts.join(', ') : 'done';
}

/** A state label without the characters Mermaid would misread. */
function label(text: string, id: string): string {
  const clean = oneLine(text).replace(/"/g, "'");
  return clean === id ? id : `${clean} (${id})`;
}

function oneLine(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[:;#]/g, ' ')
    .trim();
}
