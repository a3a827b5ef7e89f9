/**
 * Parse throughput on a generated large campaign (many phases, steps, gates and checkpoints with
 * Chinese labels, like the reference case). Parse alone; `check` and `compile` have their own.
 */
import { parse } from '@phasegate/dsl';

const DAY = 86_400_000;
const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * A valid campaign (it compiles without diagnostics) of roughly `targetBytes` UTF-16 code units:
 * phase after phase of the reference case's pattern, each 4 weeks long with a 2-week gap, eight
 * 3-day steps, groups, gates with aggregates and a checkpoint. Exported for other benchmarks.
 */
export function largeCampaign(targetBytes: number): string {
  const head = [
    'campaign big "大规模活动" {',
    '  timezone Asia/Shanghai',
    '  role office "办公室" can amend, issue',
    '  role supervisor "督导组"',
    '  metric study_hours "学习培训学时" hours per member',
    '  metric participation_rate "党员参学率" percent per unit',
    '  metric concentrated_days "集中学习天数" days per unit',
    '  document doc_1 "文件" issued 2005-01-01 09:00',
    '',
  ];
  const out = [...head];
  let size = out.join('\n').length;
  for (let p = 0; size < targetBytes; p++) {
    const start = Date.UTC(2005, 0, 3) + p * 42 * DAY;
    const lines = [
      `  # Phase ${p}: the same pattern as the reference campaign.`,
      `  phase phase_${p} "第${p}阶段" {`,
      `    window ${ymd(start)} .. ${ymd(start + 27 * DAY)}`,
      `    amend extend 10 days effective ${ymd(start + 20 * DAY)} reason "上级通知：延长10天左右"`,
    ];
    for (let s = 0; s < 8; s++) {
      const from = start + s * 3 * DAY;
      lines.push(
        '',
        `    step step_${p}_${s} "第${s}步：学习讨论与检验" window ${ymd(from)} .. ${ymd(from + 2 * DAY)} {`,
        `      task task_${p}_${s}_a "领导讲"`,
        `      task task_${p}_${s}_b "专家讲"`,
        '      any of "学习效果检验" {',
        `        task task_${p}_${s}_c "交流学习笔记"`,
        `        task task_${p}_${s}_d "开卷考试"`,
        '      }',
        `      deliverable deliverable_${p}_${s} "阶段小结" due ${ymd(from + 2 * DAY)} 18:00`,
        '    }',
      );
    }
    lines.push(
      '',
      `    gate gate_${p} "学习培训合格" {`,
      '      every member study_hours >= 45 hours',
      '      and concentrated_days >= 3 days',
      '      and (participation_rate >= 95% or share of members with study_hours >= 40 hours >= 90%)',
      '    }',
      '',
      `    checkpoint checks_${p} "六看" signed by supervisor {`,
      `      item lectures "三看：主要领导讲党课" requires task task_${p}_0_a done and task task_${p}_0_b done`,
      `      item standards "四看：标准符合本单位特点" requires deliverable deliverable_${p}_1 submitted`,
      '    }',
      '',
      '    when late remediate "补课，不得按时转段"',
      '  }',
      '',
    );
    const chunk = lines.join('\n');
    out.push(chunk);
    size += chunk.length + 1;
  }
  out.push('  obligation weekly "周报" by supervisor every friday from 2005-01-07 until 2005-06-30 at 18:00', '}', '');
  return out.join('\n');
}

export default function bench(out: (line: string) => void): Promise<void> {
  const text = largeCampaign(5_000_000);
  const mb = Buffer.byteLength(text, 'utf8') / 1e6;
  // Warm up the JIT on a smaller input first.
  parse(largeCampaign(200_000), 'warmup.phase');
  (globalThis as { gc?: () => void }).gc?.();
  const runs = 3;
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const { diagnostics } = parse(text, 'large.phase');
    const ms = performance.now() - t0;
    if (diagnostics.length > 0)
      throw new Error(`generated campaign has ${diagnostics.length} diagnostics: ${diagnostics[0].message}`);
    best = Math.min(best, ms);
  }
  out(
    `parse: ${mb.toFixed(1)} MB (UTF-8) in ${best.toFixed(0)} ms best of ${runs} = ${(mb / (best / 1000)).toFixed(1)} MB/s`,
  );
  return Promise.resolve();
}
