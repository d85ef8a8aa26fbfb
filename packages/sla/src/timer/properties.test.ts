import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, toEpochMs } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSlaPolicy, type SlaEventInput } from '../index.js';
import { timerStates } from './evaluate.js';

const calendar = chinaCalendar();
const T0 = Date.parse('2024-09-27T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const specs = [
  { unit: 'minutes', amount: 30 },
  { unit: 'hours', amount: 48 },
  { unit: 'workingDays', amount: 3, at: 'endOfDay' },
  { unit: 'workingHours', amount: 5 },
  { unit: 'calendarDays', amount: 7, at: 'endOfDay' },
] as const;

const policy = defineSlaPolicy({
  id: 'props',
  version: '1',
  effectiveFrom: '2024-01-01',
  zone: 'Asia/Shanghai',
  source: { title: 'properties' },
  params: {
    timers: specs.map((spec, i) => ({
      id: `t${i}`,
      rule: 'PROP',
      clause: 'property',
      title: { zh: '性质', en: 'property' },
      start: [{ type: 'start' }],
      stop: [{ type: 'stop' }],
      pause: [{ type: 'pause' }],
      resume: [{ type: 'resume' }],
      target: { kind: 'duration', spec },
    })),
  },
});

const ctxAt = (minutes: number) => makeContext({ now: at(minutes), calendar });
const dueOf = (events: SlaEventInput[], now: number) =>
  timerStates(events, policy, ctxAt(now)).value.map((s) => (s.dueAt ? toEpochMs(s.dueAt) : Number.NaN));

describe('timer invariants (fast-check)', () => {
  it('adding a pause never makes a due time earlier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (pauseAt, pauseLength) => {
          const plain: SlaEventInput[] = [{ type: 'start', subject: 's', at: at(0) }];
          const paused: SlaEventInput[] = [
            ...plain,
            { type: 'pause', subject: 's', at: at(pauseAt) },
            { type: 'resume', subject: 's', at: at(pauseAt + pauseLength) },
          ];
          const now = pauseAt + pauseLength + 1;
          const a = dueOf(plain, now);
          const b = dueOf(paused, now);
          for (const [i, due] of a.entries()) expect(b[i]).toBeGreaterThanOrEqual(due);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('met/breached is monotone in the completion time: finishing later is never better', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 30_000 }), (x, y) => {
        const [early, late] = x <= y ? [x, y] : [y, x];
        const statuses = (done: number) =>
          timerStates(
            [
              { type: 'start', subject: 's', at: at(0) },
              { type: 'stop', subject: 's', at: at(done) },
            ],
            policy,
            ctxAt(40_000),
          ).value.map((s) => s.status);
        const e = statuses(early);
        const l = statuses(late);
        e.forEach((status, i) => {
          if (status === 'breached') expect(l[i]).toBe('breached');
        });
      }),
      { numRuns: 60 },
    );
  });

  it('evaluation at any now equals evaluation of the events up to now', () => {
    const eventArb = fc.array(
      fc.record({
        type: fc.constantFrom('start', 'stop', 'pause', 'resume'),
        subject: fc.constantFrom('a', 'b'),
        minute: fc.integer({ min: 0, max: 15_000 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(eventArb, fc.integer({ min: 0, max: 16_000 }), (raw, now) => {
        const events = [...raw]
          .sort((p, q) => p.minute - q.minute)
          .map((e) => ({ type: e.type, subject: e.subject, at: at(e.minute) }));
        const prefix = events.filter((e) => Date.parse(e.at) <= T0 + now * 60_000);
        const full = timerStates(events, policy, ctxAt(now));
        const cut = timerStates(prefix, policy, ctxAt(now));
        expect(full).toEqual(cut);
      }),
      { numRuns: 80 },
    );
  });
});
