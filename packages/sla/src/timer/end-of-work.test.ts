import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { parseEvents } from '../events.js';
import { logistics001bPreset } from '../presets/index.js';
import type { TimerDefinition } from './definition.js';
import { runTimers } from './evaluate.js';

// A timer due before going off work (下班前): a subject started after work ended is due at the end of
// the next workday's work. Due times were cached per local date, so the first subject of a day set
// the due of every other subject started that day.
const plan = logistics001bPreset().params.timers.find((t) => t.id === 'plan30min') as TimerDefinition;
const eow = {
  ...structuredClone(plan),
  target: { kind: 'duration', spec: { unit: 'endOfWork' } },
} as TimerDefinition;
const ctx = makeContext({ now: '2025-03-06T09:00:00+08:00', calendar: chinaCalendar() });
const log = (subjects: string[]) =>
  parseEvents(
    subjects.flatMap((s) =>
      s === 'a'
        ? [
            { type: 'received', subject: 'a', at: '2025-03-04T10:00:00+08:00' },
            { type: 'planProposed', subject: 'a', at: '2025-03-04T19:00:00+08:00' },
          ]
        : [
            { type: 'received', subject: 'b', at: '2025-03-04T20:00:00+08:00' },
            { type: 'planProposed', subject: 'b', at: '2025-03-05T09:00:00+08:00' },
          ],
    ),
  );
const states = (subjects: string[]) =>
  Object.fromEntries(runTimers(log(subjects), [eow], ctx).value.map((s) => [s.subject, [s.dueAt, s.status]]));

describe('sla timers due before going off work (endOfWork)', () => {
  it('a subject started after work is due the next workday, whatever else started that day', () => {
    expect(states(['b'])).toEqual({ b: ['2025-03-05T10:00:00.000Z', 'met'] });
    expect(states(['a', 'b'])).toEqual({
      a: ['2025-03-04T10:00:00.000Z', 'breached'],
      b: ['2025-03-05T10:00:00.000Z', 'met'],
    });
    expect(states(['b', 'a'])).toEqual(states(['a', 'b']));
  });
});
