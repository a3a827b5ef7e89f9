/**
 * Compiler throughput on a generated large campaign that checks clean (phases one after another,
 * eight steps each, gates, checkpoints, amendments, Chinese labels like the reference case):
 * parse alone, check + lower (no reachability), check + lower + reachability (the PG600 pass
 * builds XState position machines and walks them with `xstate/graph`), and the whole pipeline
 * (`compileSource`: all of it from the text). Reported as MB/s of UTF-8 source, best of three
 * (the two check sections best of five, taken in turn); before each run a full collection, and
 * the zone offsets the calendar keeps for the life of a process are forgotten, so every run reads
 * them as a fresh `phasegate check` does. The target (issue: "parse+check+compile ≥ 5 MB of
 * source per second") is read on the whole pipeline.
 */
import { compileFile, compileSource } from '@phasegate/compiler';
import { clearZoneOffsetCache } from '@phasegate/compiler/calendar';
import { parse } from '@phasegate/dsl';

const DAY = 86_400_000;

function date(dayOffset: number): string {
  return new Date(Date.UTC(2005, 0, 1) + dayOffset * DAY).toISOString().slice(0, 10);
}

/** A valid campaign of roughly `targetChars` characters: phase p runs 10 days from day 10p. */
export function largeValidCampaign(targetChars: number): string {
  const out = [
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
  let size = out.join('\n').length;
  for (let p = 0; size < targetChars; p++) {
    const start = p * 10;
    const lines = [
      `  phase phase_${p} "第${p}阶段" {`,
      `    window ${date(start)} .. ${date(start + 8)}`,
      `    amend extend 1 days effective ${date(start + 1)} reason "上级通知：延长1天"`,
    ];
    for (let s = 0; s < 8; s++) {
      lines.push(
        `    step step_${p}_${s} "第${s}步：学习讨论与检验" window ${date(start + s)} .. ${date(start + s)} {`,
        `      task task_${p}_${s}_a "领导讲"`,
        `      task task_${p}_${s}_b "专家讲"`,
        '      any of "学习效果检验" {',
        `        task task_${p}_${s}_c "交流学习笔记"`,
        `        task task_${p}_${s}_d "开卷考试"`,
        '      }',
        `      deliverable deliverable_${p}_${s} "阶段小结" due ${date(start + s)} 18:00`,
        '    }',
      );
    }
    lines.push(
      `    gate gate_${p} "学习培训合格" {`,
      '      every member study_hours >= 45 hours',
      '      and concentrated_days >= 3 days',
      '      and (participation_rate >= 95% or share of members with study_hours >= 40 hours >= 90%)',
      '    }',
      `    checkpoint checks_${p} "六看" signed by supervisor {`,
      `      item lectures "三看：主要领导讲党课" requires task task_${p}_0_a done and task task_${p}_0_b done`,
      `      item standards "四看：标准符合本单位特点" requires deliverable deliverable_${p}_1 submitted`,
      '    }',
      '    when late remediate "补课，不得按时转段"',
      '  }',
      '',
    );
    const chunk = lines.join('\n');
    out.push(chunk);
    size += chunk.length + 1;
  }
  out.push('  obligation weekly "周报" by supervisor every friday from 2005-01-07 at 18:00', '}', '');
  return out.join('\n');
}

/**
 * One timed run, after a full collection and with the zone offsets forgotten: the calendar keeps
 * them for the life of the process, and a `phasegate check` starts without them.
 */
function once(f: () => void): number {
  (globalThis as { gc?: () => void }).gc?.();
  clearZoneOffsetCache();
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) min = Math.min(min, once(f));
  return min;
}

export default function bench(out: (line: string) => void): Promise<void> {
  const text = largeValidCampaign(5_000_000);
  const mb = Buffer.byteLength(text, 'utf8') / 1e6;
  const phases = (text.match(/^ {2}phase /gm) ?? []).length;

  // Warm up on a small campaign, and make sure the large one really is clean.
  compileSource(largeValidCampaign(100_000), 'warmup.phase');
  const check = compileSource(text, 'large.phase');
  if (!check.ir)
    throw new Error(
      `generated campaign does not compile: ${check.diagnostics[0]?.code} ${check.diagnostics[0]?.message}`,
    );
  out(
    `generated campaign: ${mb.toFixed(1)} MB UTF-8, ${phases} phases, ${phases * 8} steps, ${check.ir.windows.length} windows`,
  );

  const runs = 3;
  const parsed = parse(text, 'large.phase');
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
  const tParse = best(runs, () => parse(text, 'large.phase'));
  out(`parse:                     ${tParse.toFixed(0).padStart(6)} ms  ${rate(tParse)}`);
  // With and without reachability in turn, so that the VM's drift falls on both alike.
  let tCheck = Infinity;
  let tReach = Infinity;
  for (let r = 0; r < runs + 2; r++) {
    tCheck = Math.min(
      tCheck,
      once(() => compileFile(parsed.file, { reachability: false })),
    );
    tReach = Math.min(
      tReach,
      once(() => compileFile(parsed.file)),
    );
  }
  out(`check + lower:             ${tCheck.toFixed(0).padStart(6)} ms  ${rate(tCheck)}`);
  const diff = tReach - tCheck;
  const reach = diff > 0 ? `reachability: ${diff.toFixed(0)} ms` : 'reachability: below the noise between the two';
  out(`check + lower + reach:     ${tReach.toFixed(0).padStart(6)} ms  ${rate(tReach)}  (${reach})`);
  const tAll = best(runs, () => compileSource(text, 'large.phase'));
  out(
    `whole pipeline:            ${tAll.toFixed(0).padStart(6)} ms  ${rate(tAll)}  (target ≥ 5 MB/s: ${mb / (tAll / 1000) >= 5 ? 'met' : 'missed'})`,
  );
  return Promise.resolve();
}
