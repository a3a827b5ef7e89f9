import type { Diagnostic } from '@phasegate/dsl';
import type { CheckContext } from './context.js';
import { error } from './diag.js';
import { didYouMean } from './suggest.js';
import { siteName } from './walk.js';

/** Names the machine uses itself: a phase may not be called this. */
export const RESERVED_PHASE_NAMES: readonly string[] = ['completed'];

/**
 * Names: duplicates (PG201, pointing at the repeat with the first declaration as related span),
 * reserved phase names (PG203), tasks and deliverables named in conditions (PG200 unknown, PG202
 * when the name is the other kind), metrics named in conditions (PG200) and roles named by
 * obligations (PG200). Metric levels are `check-units`' business; signers `check-checkpoints'`.
 */
export function checkNames(ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { symbols } = ctx;

  for (const d of symbols.duplicates) {
    out.push(
      error(
        'PG201',
        d.again,
        `The ${d.what} \`${d.name}\` is declared twice ${d.scope}. Rename one of them or remove the repeat.`,
        {
          related: [{ span: d.first, message: `first declared here` }],
        },
      ),
    );
  }

  for (const phase of symbols.phaseList) {
    if (RESERVED_PHASE_NAMES.includes(phase.id)) {
      out.push(
        error(
          'PG203',
          phase.node.id,
          `A phase cannot be called \`${phase.id}\`: that name is kept for units that have finished every phase. Choose another name.`,
        ),
      );
    }
  }

  for (const site of ctx.conditions) {
    for (const leaf of site.leaves) {
      if (leaf.kind === 'task-done') {
        if (symbols.tasks.has(leaf.task.name)) continue;
        if (symbols.deliverables.has(leaf.task.name)) {
          out.push(
            error(
              'PG202',
              leaf.task,
              `\`${leaf.task.name}\` is a deliverable, not a task, so it is submitted rather than done.`,
              {
                hint: `write \`deliverable ${leaf.task.name} submitted\``,
              },
            ),
          );
          continue;
        }
        out.push(
          error(
            'PG200',
            leaf.task,
            `There is no task called \`${leaf.task.name}\` (in ${siteName(site)}). Declare it with \`task ${leaf.task.name} "…"\` inside a step, or fix the name.`,
            {
              hint: didYouMean(leaf.task.name, symbols.tasks.keys()),
            },
          ),
        );
      } else if (leaf.kind === 'deliverable-submitted') {
        if (symbols.deliverables.has(leaf.deliverable.name)) continue;
        if (symbols.tasks.has(leaf.deliverable.name)) {
          out.push(
            error(
              'PG202',
              leaf.deliverable,
              `\`${leaf.deliverable.name}\` is a task, not a deliverable, so it is done rather than submitted.`,
              {
                hint: `write \`task ${leaf.deliverable.name} done\``,
              },
            ),
          );
          continue;
        }
        out.push(
          error(
            'PG200',
            leaf.deliverable,
            `There is no deliverable called \`${leaf.deliverable.name}\` (in ${siteName(site)}). Declare it with \`deliverable ${leaf.deliverable.name} "…"\` inside a step, or fix the name.`,
            { hint: didYouMean(leaf.deliverable.name, symbols.deliverables.keys()) },
          ),
        );
      } else {
        const metric = leaf.subject.metric;
        if (!symbols.metrics.has(metric.name)) {
          out.push(
            error(
              'PG200',
              metric,
              `There is no metric called \`${metric.name}\` (in ${siteName(site)}). Declare it at the top of the campaign, e.g. \`metric ${metric.name} "…" hours per member\`, or fix the name.`,
              {
                hint: didYouMean(metric.name, symbols.metrics.keys()),
              },
            ),
          );
        }
      }
    }
  }

  for (const obligation of symbols.obligations.values()) {
    const owed = obligation.owedBy;
    if (owed.kind === 'role' && !symbols.roles.has(owed.role.name)) {
      out.push(
        error(
          'PG200',
          owed.role,
          `There is no role called \`${owed.role.name}\` to owe obligation \`${obligation.id.name}\`. Declare it with \`role ${owed.role.name} "…"\`, or write \`by units\`.`,
          {
            hint: didYouMean(owed.role.name, symbols.roles.keys()),
          },
        ),
      );
    }
  }
  return out;
}
