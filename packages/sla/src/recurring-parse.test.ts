// A monthly duty's due rule is a core recurrence, and the timer pipeline asks for the due instant of
// every period of every subject. The recurrence was built and parsed with core's schema on each of
// those calls (issue 21); it is now parsed once per obligation and evaluation.
import { RecurrenceSchema } from '@zhidu/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cn, ev } from '../test/helpers.js';
import { defineSlaPolicy, retail000Preset } from './index.js';
import { timerStates } from './timer/evaluate.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A copy of retail-000 whose monthly statistics three stores owe, instead of the company. */
const freshRetail = () => {
  const json = JSON.parse(JSON.stringify(retail000Preset()));
  json.params.recurring[0].subjects = ['north', 'south', 'east'];
  return defineSlaPolicy(json);
};

// Three subjects, each with statistics filed in several months: 3 × 9 periods up to now.
const log = ['north', 'south', 'east'].flatMap((store) =>
  ['2024-01-08', '2024-02-12', '2024-04-09', '2024-06-10'].map((d) =>
    ev('complaintStatsSubmitted', store, `${d}T09:00`),
  ),
);

describe('monthly due rules parsed once per policy (S000-COMPLAINT-18)', () => {
  it('parses the recurrence of a due rule once per evaluation, not once per period and subject', () => {
    const policy = freshRetail();
    const spy = vi.spyOn(RecurrenceSchema, 'safeParse');
    const states = timerStates(log, policy, cn('2024-09-20T00:00')).value.filter(
      (s) => s.timerId === 'monthlyStats',
    );
    // 3 subjects × January…September: the periods really were asked for.
    expect(states.length).toBe(27);
    expect(spy).toHaveBeenCalledTimes(1);
    // Each evaluation parses it once.
    timerStates(log, policy, cn('2024-09-20T00:00'));
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('gives the same due instants as before: the 10th, inclusive, to the end of the day in Shanghai', () => {
    const states = timerStates(log, freshRetail(), cn('2024-09-20T00:00')).value.filter(
      (s) => s.timerId === 'monthlyStats' && s.subject.startsWith('north@'),
    );
    expect(states.map((s) => [s.subject, s.dueAt, s.status])).toEqual([
      ['north@2024-01', '2024-01-10T15:59:59.999Z', 'met'],
      ['north@2024-02', '2024-02-10T15:59:59.999Z', 'breached'],
      ['north@2024-03', '2024-03-10T15:59:59.999Z', 'breached'],
      ['north@2024-04', '2024-04-10T15:59:59.999Z', 'met'],
      ['north@2024-05', '2024-05-10T15:59:59.999Z', 'breached'],
      ['north@2024-06', '2024-06-10T15:59:59.999Z', 'met'],
      ['north@2024-07', '2024-07-10T15:59:59.999Z', 'breached'],
      ['north@2024-08', '2024-08-10T15:59:59.999Z', 'breached'],
      ['north@2024-09', '2024-09-10T15:59:59.999Z', 'breached'],
    ]);
  });
});
