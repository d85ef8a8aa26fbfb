import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy } from '../policy.js';
import { s000bPropertyRevisitPolicy } from '../presets/index.js';
import { measureProgramme } from './measure.js';
import { scheduleFollowUps } from './programme.js';

// A revisit due before going off work (下班前): a complaint handled after work ended is due at the end
// of the next workday's work. The due times were cached per local date, so the first complaint of a
// day set the due of every other complaint that day.
const json = JSON.parse(JSON.stringify(s000bPropertyRevisitPolicy));
const revisit = json.params.followUps.find((r: { key: string }) => r.key === 'complaintRevisit');
const policy = defineServicePolicy({
  ...json,
  params: { ...json.params, followUps: [{ ...revisit, due: { unit: 'endOfWork' } }] },
});
const ctx = makeContext({ now: '2025-03-10T09:00:00+08:00', calendar: chinaCalendar() });
const trigger = (id: string, at: string) => ({
  id,
  type: 'complaintHandled',
  at,
  level: 'general',
  personId: 'zhang',
});
const early = trigger('early', '2025-03-04T10:00:00+08:00');
const late = trigger('late', '2025-03-04T20:00:00+08:00');

describe('service follow-ups due before going off work (endOfWork)', () => {
  it('S000B-FOLLOWUP-04: a complaint handled after work is due the next workday, whatever else was handled that day', () => {
    const due = (triggers: ReturnType<typeof trigger>[]) =>
      Object.fromEntries(scheduleFollowUps(triggers, policy, ctx).value.map((t) => [t.triggerId, t.due?.at]));
    expect(due([late])).toEqual({ late: '2025-03-05T10:00:00.000Z' });
    expect(due([early, late])).toEqual({
      early: '2025-03-04T10:00:00.000Z',
      late: '2025-03-05T10:00:00.000Z',
    });
    expect(due([late, early])).toEqual({
      late: '2025-03-05T10:00:00.000Z',
      early: '2025-03-04T10:00:00.000Z',
    });
  });

  it('S000B-FOLLOWUP-04: a revisit the next morning is on time for the evening complaint, in a programme with a morning one', () => {
    const completions = [
      { triggerId: 'early', action: 'revisit', at: '2025-03-04T15:00:00+08:00', role: 'propertyAssistant' },
      { triggerId: 'late', action: 'revisit', at: '2025-03-05T09:00:00+08:00', role: 'propertyAssistant' },
    ];
    const m = measureProgramme({ triggers: [early, late], completions }, policy, ctx, {
      ruleKeys: ['complaintRevisit'],
    }).value;
    expect(m.tasks.map((t) => [t.triggerId, t.status])).toEqual([
      ['early', 'done'],
      ['late', 'done'],
    ]);
    expect(m.violations).toEqual([]);
  });
});
