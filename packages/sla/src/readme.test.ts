import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import { expect, it } from 'vitest';
import { collectViolations, construction000Preset, evaluateTimers, slaTimers } from './index.js';

it('runs the README example as written (S000-MILESTONE-01)', () => {
  const events = [
    {
      type: 'mainStructureCompleted',
      subject: 'block-3',
      at: '2024-01-10T12:00:00+08:00',
      assignees: { emcDirector: 'u-emc', pdcDirector: 'u-pdc' },
    },
    { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
  ];
  const ctx = makeContext({ now: '2024-06-01T00:00:00+08:00', calendar: chinaCalendar() });
  const { value, trace } = evaluateTimers(events, construction000Preset(), ctx);
  const timer = value.find((t) => t.timerId === 'M01.completionStandard');
  expect(timer?.status).toBe('breached');
  expect(timer?.dueAt).toBe('2024-04-09T15:59:59.999Z');
  expect(timer?.lateness?.units).toBe(3);
  expect(collectViolations(value).map((v) => `${v.code} → ${v.personId}`)).toEqual([
    'sla.milestone.S000-MILESTONE-01 → u-emc',
    'sla.milestone.S000-MILESTONE-01 → u-pdc',
  ]);
  expect(trace.find((t) => t.rule === 'S000-MILESTONE-01')?.clause).toBe('000 L355');
});

it('runs the README Modules example: the same states, violations beside them, provenance (S000-MILESTONE-01)', () => {
  const events = [
    {
      type: 'mainStructureCompleted',
      subject: 'block-3',
      at: '2024-01-10T12:00:00+08:00',
      assignees: { emcDirector: 'u-emc', pdcDirector: 'u-pdc' },
    },
    { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
  ];
  const ctx = makeContext({ now: '2024-06-01T00:00:00+08:00', calendar: chinaCalendar() });
  const d = slaTimers.evaluate({ events }, slaTimers.preset('construction-000'), ctx);
  expect(d.value.violations.length).toBe(2);
  expect(d.value.result).toEqual(evaluateTimers(events, construction000Preset(), ctx).value);
  expect(d.provenance.module).toBe('sla.timers');
});
