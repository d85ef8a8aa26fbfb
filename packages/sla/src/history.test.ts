import { PolicyHistory, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { cn, ev } from '../test/helpers.js';
import { slaIncidents, slaInspectionWindow, slaTimers } from './modules.js';

// One reply timer; the company moves it from 4 hours to 8 hours at noon on 2024-05-10.
const version = (v: string, from: string, minutes: number) => ({
  id: 'reply',
  version: v,
  effectiveFrom: from,
  source: { title: '投诉处理制度' },
  params: {
    timers: [
      {
        id: 'reply',
        rule: 'TEST-01',
        clause: 'test L1',
        title: { zh: '答复', en: 'reply' },
        start: [{ type: 'received' }],
        stop: [{ type: 'done' }],
        target: { kind: 'duration', spec: { unit: 'minutes', amount: minutes } },
        breach: {
          code: 'sla.reply.late',
          roles: ['handler'],
          lateness: { unit: 'minutes', rounding: 'ceil' },
        },
      },
    ],
  },
});
const history = new PolicyHistory(slaTimers.schemas.params as never, [
  version('4h', '2024-01-01', 240),
  version('8h', '2024-05-10T12:00:00+08:00', 480),
]);

describe('sla.timers under a policy history', () => {
  it('policy history: a timer started before a 4h → 8h change keeps 4h, one started after gets 8h', () => {
    const events = [
      ev('received', 'c1', '2024-05-10T10:00', undefined, { handler: 'u1' }),
      ev('received', 'c2', '2024-05-10T13:00', undefined, { handler: 'u2' }),
      ev('done', 'c1', '2024-05-10T17:00'),
      ev('done', 'c2', '2024-05-10T17:00'),
    ];
    const d = slaTimers.evaluate({ events }, history, cn('2024-05-11T09:00'));
    const bySubject = Object.fromEntries(d.value.result.map((t) => [t.subject, t]));
    expect(bySubject.c1?.dueAt).toBe('2024-05-10T06:00:00.000Z'); // 10:00 + 4h
    expect(bySubject.c1?.status).toBe('breached');
    expect(bySubject.c2?.dueAt).toBe('2024-05-10T13:00:00.000Z'); // 13:00 + 8h
    expect(bySubject.c2?.status).toBe('met');
    expect(d.value.violations.map((v) => [v.personId, v.code])).toEqual([['u1', 'sla.reply.late']]);
    const versions = d.trace.filter((t) => t.rule === 'zhidu.policy.version').map((t) => t.data?.version);
    expect(versions).toEqual(['4h', '8h']);
    // c1's entries follow the 4h version, c2's the 8h one
    const subjects = d.trace.map((t) =>
      t.rule === 'zhidu.policy.version' ? t.data?.version : t.data?.subject,
    );
    expect(subjects.indexOf('c1')).toBeGreaterThan(subjects.indexOf('4h'));
    expect(subjects.indexOf('c1')).toBeLessThan(subjects.indexOf('8h'));
    expect(subjects.indexOf('c2')).toBeGreaterThan(subjects.indexOf('8h'));
    expect(d.provenance.versions?.map((v) => v.version)).toEqual(['4h', '8h']);
  });

  it('policy history: an event before every version is refused with policy_not_in_force at its path', () => {
    const events = [ev('received', 'c1', '2024-05-10T10:00'), ev('received', 'c2', '2023-12-31T10:00')];
    try {
      slaTimers.evaluate({ events }, history, cn('2024-05-11T09:00'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      expect([(e as ZhiduError).code, (e as ZhiduError).path]).toEqual([
        'policy_not_in_force',
        ['input', 'events', 1, 'at'],
      ]);
    }
  });

  it('policy history: sla.incidents and sla.inspection-window declare how they read a history', () => {
    expect(slaIncidents.historyReading).toBe('anchored');
    expect(slaInspectionWindow.historyReading).toBe('judgedAt');
  });
});
