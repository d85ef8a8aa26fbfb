import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, toEpochMs, toInstant } from '@zhidu/core';
import { expect, it } from 'vitest';
import {
  collectViolations,
  construction000Preset,
  evaluateTimers,
  slaTimers,
  slaTimersWith,
  TIMER_STEPS,
  type TimerCustomRule,
} from './index.js';

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
  const { value, trace } = evaluateTimers({ events }, construction000Preset(), ctx);
  const timer = value.result.find((t) => t.timerId === 'M01.completionStandard');
  expect(timer?.status).toBe('breached');
  expect(timer?.dueAt).toBe('2024-04-09T15:59:59.999Z');
  expect(timer?.lateness?.units).toBe(3);
  expect(value.violations.map((v) => `${v.code} → ${v.personId}`)).toEqual([
    'sla.milestone.S000-MILESTONE-01 → u-emc',
    'sla.milestone.S000-MILESTONE-01 → u-pdc',
  ]);
  expect(collectViolations(value.result)).toEqual(value.violations);
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
  expect(d.value.result).toEqual(evaluateTimers({ events }, construction000Preset(), ctx).value.result);
  expect(d.provenance.module).toBe('sla.timers');
});

it('runs the README custom-rule example: seven rain days between the deadline and breach steps (S000-MILESTONE-01, S002-SLA-05)', () => {
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
  const rainDays: TimerCustomRule = {
    after: TIMER_STEPS.deadlines,
    step: {
      id: 'acme.rainDays',
      clause: 'ACME 工期顺延办法 §2',
      run: (stage, step) => {
        step.note('雨天顺延7天', 'Seven rain days granted');
        return {
          ...stage,
          runs: stage.runs.map((r) =>
            r.state.dueAt
              ? { ...r, state: { ...r.state, dueAt: toInstant(toEpochMs(r.state.dueAt) + 7 * 86_400_000) } }
              : r,
          ),
        };
      },
    },
  };
  const acme = slaTimersWith({ customRules: [rainDays] });
  const m = acme.evaluate({ events }, acme.preset('construction-000'), ctx);
  expect(m.value.result.find((t) => t.timerId === 'M01.completionStandard')?.status).toBe('met');
  expect(m.value.violations).toEqual([]);
  expect(m.trace.some((t) => t.rule === 'acme.rainDays')).toBe(true);
});
