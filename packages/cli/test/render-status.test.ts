import { textWidth } from '@phasegate/dsl';
import type { UnitStatus } from '@phasegate/runtime';
import { describe, expect, test } from 'vitest';
import { renderUnitLines } from '../src/render-status.js';

const unit = (id: string, phase: string, step: string): UnitStatus => ({
  id,
  label: id,
  phase,
  step,
  position: 'step',
  machineState: `${phase}.${step}.open`,
  state: 'active',
  timing: 'on-time',
  onTime: true,
  transfers: [],
  blockers: [],
});

describe('status --units', () => {
  test('lines up its columns by display width when ids are Chinese or emoji', () => {
    const text = renderUnitLines([
      unit('gonganju', 'study', 'four_talks'),
      unit('公安局', '学习', '四谈'),
      unit('👨‍👩‍👧 家庭', 'study', 'four_talks'),
    ]);
    const lines = text.trimEnd().split('\n');
    // Where the `state` column starts, in columns on the terminal: the same on every line.
    const stateColumn = lines.map((l) => textWidth(l.slice(0, l.search(/state|active/))));
    expect(new Set(stateColumn).size).toBe(1);
  });
});
