/**
 * Overdue lists: who is late, on what, since when — acknowledgements of issued documents, due
 * reports, and recurring reports per occurrence — grouped with a message the office can read out.
 */
import { describe, expect, it } from 'vitest';
import { memoryStore, openRuntime, type OverdueEntry } from '@phasegate/runtime';
import { compile, referenceRuntime } from './kernel-helpers.js';

const county = Array.from({ length: 16 }, (_, i) => ({ id: `unit-${String(i + 1).padStart(2, '0')}`, members: 2 }));

describe('overdue', () => {
  it('groups the units that have not acknowledged a document since its deadline', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase', county);
    send(
      { type: 'acknowledge', time: '2005-02-06T10:00', unit: 'unit-01', document: 'newyear_docs' },
      { type: 'acknowledge', time: '2005-02-10T10:00', unit: 'unit-02', document: 'newyear_docs' },
    );
    const list = runtime.overdue('2005-02-22T09:00');
    expect(list.at).toBe('2005-02-22T09:00:00+08:00');
    const ack = list.groups.find((g) => g.obligation === 'newyear_ack' && g.subject === 'newyear_docs');
    // Issued 02-05 09:00, three local days to sign for it: due 02-08 09:00. A late acknowledgement still counts.
    expect(ack).toMatchObject({
      label: '签收县委先教办下发文件',
      due: '2005-02-08T09:00:00+08:00',
      message: '14 units have not acknowledged 年前下发文件 since 02-08',
    });
    expect(ack?.entries.map((e) => e.unit)).toEqual(county.slice(2).map((u) => u.id));
    expect(ack?.entries[0]).toEqual({
      obligation: 'newyear_ack',
      label: '签收县委先教办下发文件',
      unit: 'unit-03',
      role: null,
      subject: 'newyear_docs',
      due: '2005-02-08T09:00:00+08:00',
      daysLate: 14,
    });
  });

  it('lists the units that have not sent a due report, as the list stood at any moment', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase', county);
    send({ type: 'report', time: '2005-02-17T08:00', unit: 'unit-05', obligation: 'spring_report' });
    send({ type: 'report', time: '2005-02-20T08:00', unit: 'unit-06', obligation: 'spring_report' });
    const report = (at: string) => runtime.overdue(at).groups.find((g) => g.obligation === 'spring_report');
    expect(report('2005-02-17T11:59')).toBeUndefined();
    expect(report('2005-02-18T09:00')).toMatchObject({
      message: '15 units have not reported 七号文件：春节期间活动开展情况书面汇报, due 02-17 12:00',
    });
    expect(report('2005-02-23T09:00')?.entries).toHaveLength(14);
    expect(report('2005-02-23T09:00')?.entries.find((e) => e.unit === 'unit-01')?.daysLate).toBe(5);
  });

  it('tracks a recurring role report per occurrence; a late report covers the week it missed', () => {
    const { runtime, send } = referenceRuntime();
    const weekly = (at: string) => runtime.overdue(at).groups.filter((g) => g.obligation === 'weekly_report');
    expect(weekly('2005-02-25T18:00')).toEqual([]);
    expect(weekly('2005-02-26T09:00')).toMatchObject([
      {
        subject: '2005-02-25',
        due: '2005-02-25T18:00:00+08:00',
        message: '县委督导组 has not reported 督导情况周报 for 02-25, due 02-25 18:00',
      },
    ]);
    expect(weekly('2005-02-26T09:00')[0].entries).toEqual([
      {
        obligation: 'weekly_report',
        label: '督导情况周报',
        unit: null,
        role: 'supervisor',
        subject: '2005-02-25',
        due: '2005-02-25T18:00:00+08:00',
        daysLate: 0,
      },
    ]);
    // Sent a day late: it fills the 02-25 occurrence, so only 03-04 is missing a week later.
    send({
      type: 'report',
      time: '2005-02-26T10:00',
      obligation: 'weekly_report',
      actor: { user: 'sup-1', role: 'supervisor' },
    });
    expect(weekly('2005-03-05T09:00').map((g) => g.subject)).toEqual(['2005-03-04']);
  });

  it('counts a document issued by an event from the day it is issued', () => {
    const base = compile('first-batch.phase');
    const ir = { ...base, documents: [...base.documents, { id: 'doc_12', label: '十二号文件', issued: null }] };
    const runtime = openRuntime({ ir, store: memoryStore() });
    runtime.registerUnits([{ id: 'edu', members: 1 }]);
    const ack = (unit: string) => ({
      id: `ack-${unit}`,
      type: 'acknowledge' as const,
      time: '2005-03-01T09:00',
      unit,
      document: 'doc_12',
      actor: { user: 'a', role: 'unit_admin', unit },
    });
    expect(runtime.ingest([ack('edu')]).rejected).toMatchObject([
      { field: 'document', message: 'doc_12 has not been issued yet; it can be acknowledged after its issue event.' },
    ]);
    const issue = {
      id: 'issue-12',
      type: 'issue' as const,
      time: '2005-03-02T15:00',
      document: 'doc_12',
      actor: { user: 'o', role: 'office' },
    };
    expect(runtime.ingest([{ ...issue, actor: { user: 's', role: 'supervisor' } }]).rejected).toMatchObject([
      {
        field: 'actor.role',
        message: expect.stringMatching(/supervisor cannot issue documents; roles that can: office/),
      },
    ]);
    expect(runtime.ingest([issue]).rejected).toEqual([]);
    expect(runtime.ingest([{ ...issue, id: 'issue-12-again' }]).rejected).toMatchObject([
      { field: 'document', message: 'doc_12 was already issued on 03-02 15:00; a document is issued once.' },
    ]);
    const group = runtime.overdue('2005-03-06T09:00').groups.find((g) => g.subject === 'doc_12');
    expect(group).toMatchObject({
      due: '2005-03-05T15:00:00+08:00',
      message: '1 unit has not acknowledged 十二号文件 since 03-05',
    });
    runtime.ingest([ack('edu')]);
    expect(runtime.overdue('2005-03-06T09:00').groups.find((g) => g.subject === 'doc_12')).toBeUndefined();
  });

  it('tells listeners about each entry once, when the clock passes its deadline', () => {
    const { runtime, send } = referenceRuntime('first-batch.phase', county.slice(0, 2));
    const seen: OverdueEntry[] = [];
    const off = runtime.on('overdue', (e) => seen.push(e));
    send({ type: 'clock', time: '2005-02-17T11:00' });
    expect(seen.map((e) => `${e.obligation}/${e.subject}/${e.unit}`)).toEqual([
      'newyear_ack/newyear_docs/unit-01',
      'newyear_ack/newyear_docs/unit-02',
      'newyear_ack/doc_7/unit-01',
      'newyear_ack/doc_7/unit-02',
    ]);
    seen.length = 0;
    send({ type: 'clock', time: '2005-02-17T13:00' });
    expect(seen.map((e) => `${e.obligation}/${e.unit}`)).toEqual(['spring_report/unit-01', 'spring_report/unit-02']);
    off();
    send({ type: 'clock', time: '2005-02-26T13:00' });
    expect(seen).toHaveLength(2);
  });
});
