import { isDeepStrictEqual } from 'node:util';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Outcome, outcome } from '../../../core/test/helpers.js';
import { defineServicePolicy } from '../policy.js';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { measureProgramme } from './measure.js';
import { measureProgrammeOracle } from './oracle/measure.js';

// measureProgramme reads local days, deadline checks and a completion's canonical instant in place
// (no function taking epoch ms per task). These compare it with the previous loop (the oracle) where
// that arithmetic can go wrong: weeks whose zone offset changes (New York, Lord Howe's half hour), an
// act and its due time in weeks of different offsets, the ends of the accepted range (years 1000 and
// 9999), fractional seconds, and an act or `now` exactly at an inclusive or exclusive due instant.

const base = R.params.followUps?.[0] as NonNullable<typeof R.params.followUps>[number];
/** Lateness in calendar days (local days read in place) and in hours; inclusive and exclusive limits. */
const policy = defineServicePolicy({
  ...R,
  params: {
    ...R.params,
    followUps: [
      base,
      {
        ...base,
        key: 'nextDay',
        action: 'visit',
        due: { unit: 'calendarDays', amount: 1, inclusive: false },
        latenessUnit: 'calendarDays',
        violationCode: 'service.nextDay',
      },
      {
        ...base,
        key: 'hourly',
        action: 'note',
        due: { unit: 'hours', amount: 30, inclusive: false },
        latenessUnit: 'hours',
        violationCode: 'service.hourly',
      },
    ],
  },
});

/** Instants in weeks whose offset changes (local midnight and the hour either side), the range ends, fractions. */
const INSTANTS = [
  '2024-03-08T23:30:00-05:00',
  '2024-03-10T01:59:59.999-05:00',
  '2024-03-10T03:00:00-04:00',
  '2024-03-12T00:30:00-04:00',
  '2024-03-13T23:59:59.9999-04:00',
  '2024-03-15T00:15:00-04:00',
  '2024-11-03T01:30:00-04:00',
  '2024-11-03T01:30:00-05:00',
  '2024-11-05T00:10:00-05:00',
  '2024-04-06T23:45:00+11:00',
  '2024-04-07T01:45:00+11:00',
  '2024-04-07T01:45:00+10:30',
  '2024-04-09T00:10:00+10:30',
  '2024-10-06T02:30:00+11:00',
  '2024-10-08T00:05:00+11:00',
  '2024-03-01T10:00:00.5+08:00',
  '1000-01-01T00:00:00.000Z',
  '1000-01-02T23:59:59.999+14:00',
  '1000-01-05T00:00:00.0001Z',
  '9999-12-27T10:00:00Z',
  '9999-12-30T00:30:00Z',
  '9999-12-31T23:59:59.999Z',
];
const ctxOf = (now: string, zone: string) => makeContext({ now, zone, calendar: chinaCalendar() });
const CONTEXTS = [
  ctxOf('2024-03-20T09:00:00-04:00', 'America/New_York'),
  ctxOf('2024-11-20T09:00:00-05:00', 'America/New_York'),
  ctxOf('2024-10-20T09:00:00+11:00', 'Australia/Lord_Howe'),
  ctxOf('2024-04-20T09:00:00+10:30', 'Australia/Lord_Howe'),
  ctxOf('1000-01-20T00:00:00Z', 'Asia/Shanghai'),
  ctxOf('9999-12-31T23:59:59.999Z', 'UTC'),
];

/** Both measurements of one programme: equal outcomes, and deep-strict-equal decisions. */
function same(input: unknown, ctx: ReturnType<typeof ctxOf>): Outcome {
  const now = outcome(() => measureProgramme(input as never, policy, ctx));
  const before = outcome(() => measureProgrammeOracle(input as never, policy, ctx));
  expect(now).toEqual(before);
  if ('value' in now && 'value' in before) expect(isDeepStrictEqual(now.value, before.value)).toBe(true);
  return now;
}

describe('measureProgramme: local days and deadlines read in place', () => {
  it('property: offset-changing weeks, range ends and fractional seconds decide as the previous loop (seeded)', () => {
    let late = 0;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...INSTANTS), { minLength: 1, maxLength: 5 }),
        fc.array(
          fc.record({
            t: fc.nat(4),
            action: fc.constantFrom('revisit', 'visit', 'note'),
            at: fc.constantFrom(...INSTANTS),
          }),
          { maxLength: 8 },
        ),
        fc.constantFrom(...CONTEXTS),
        (ts, cs, ctx) => {
          const triggers = ts.map((at, i) => ({
            id: `K-${i}`,
            type: 'complaintHandled',
            at,
            personId: 'zhang',
          }));
          const completions = cs
            .filter((c) => c.t < ts.length)
            .map((c) => ({ triggerId: `K-${c.t}`, action: c.action, at: c.at }));
          const o = same({ triggers, completions }, ctx);
          if ('value' in o)
            for (const v of (o.value as ReturnType<typeof measureProgramme>).value.violations)
              if (v.code.endsWith('.late') && v.lateBy?.unit === 'calendarDays') late++;
        },
      ),
      { seed: 2161, numRuns: 500 },
    );
    expect(late).toBeGreaterThan(100);
  });

  it('an act, and now, exactly at an inclusive or exclusive due instant decide as the previous loop', () => {
    // Due (Shanghai): complaintRevisit 2024-03-04T15:59:59.999Z (inclusive), nextDay
    // 2024-03-01T16:00:00.000Z (exclusive: before 2 March begins), hourly 2024-03-02T08:00:00.000Z (exclusive).
    const trigger = {
      id: 'K-1',
      type: 'complaintHandled',
      at: '2024-03-01T10:00:00+08:00',
      personId: 'zhang',
    };
    const status = (o: Outcome) =>
      (o as { value: ReturnType<typeof measureProgramme> }).value.value.tasks.map((t) => [
        t.ruleKey,
        t.status,
      ]);
    const acts = same(
      {
        triggers: [trigger],
        completions: [
          { triggerId: 'K-1', action: 'revisit', at: '2024-03-04T15:59:59.999Z' },
          { triggerId: 'K-1', action: 'visit', at: '2024-03-01T16:00:00.000Z' },
          // 24 characters, not canonical (lower-case z): completedAt is the canonical instant.
          { triggerId: 'K-1', action: 'note', at: '2024-03-02T08:00:00.000z' },
        ],
      },
      ctxOf('2024-04-10T09:00:00+08:00', 'Asia/Shanghai'),
    );
    expect(status(acts)).toEqual([
      ['complaintRevisit', 'done'],
      ['nextDay', 'doneLate'],
      ['hourly', 'doneLate'],
    ]);
    expect((acts as { value: ReturnType<typeof measureProgramme> }).value.value.tasks[2]?.completedAt).toBe(
      '2024-03-02T08:00:00.000Z',
    );
    const atDue = (now: string) =>
      status(same({ triggers: [trigger], completions: [] }, ctxOf(now, 'Asia/Shanghai')));
    expect(atDue('2024-03-04T15:59:59.999Z')[0]).toEqual(['complaintRevisit', 'pending']);
    expect(atDue('2024-03-04T16:00:00.000Z')[0]).toEqual(['complaintRevisit', 'overdue']);
    expect(atDue('2024-03-01T16:00:00.000Z')[1]).toEqual(['nextDay', 'overdue']);
    expect(atDue('2024-03-01T15:59:59.999Z')[1]).toEqual(['nextDay', 'pending']);
    expect(atDue('2024-03-02T08:00:00.000Z')[2]).toEqual(['hourly', 'overdue']);
    expect(atDue('2024-03-02T07:59:59.999Z')[2]).toEqual(['hourly', 'pending']);
  });

  it('reads each field of a well-formed completion once, optional ones given by a getter included', () => {
    const reads: Record<string, number> = {};
    const getter = (key: string, value: string) => ({
      enumerable: true,
      get() {
        reads[key] = (reads[key] ?? 0) + 1;
        return value;
      },
    });
    const plain = { triggerId: 'K-1', action: 'revisit', at: '2024-03-05T15:00:00+08:00' };
    const read = Object.defineProperties(
      { triggerId: 'K-1', action: 'call' },
      {
        at: getter('at', '2024-03-02T15:00:00+08:00'),
        personId: getter('personId', 'wang'),
        role: getter('role', 'propertyAssistant'),
        channel: getter('channel', 'phone'),
      },
    );
    const input = {
      triggers: [{ id: 'K-1', type: 'complaintHandled', at: '2024-03-01T10:00:00+08:00', personId: 'zhang' }],
      completions: [plain, read],
    };
    const m = measureProgramme(
      input as never,
      policy,
      ctxOf('2024-04-10T09:00:00+08:00', 'Asia/Shanghai'),
    ).value;
    expect(reads).toEqual({ at: 1, personId: 1, role: 1, channel: 1 });
    expect(m.tasks.map((t) => [t.ruleKey, t.status])).toEqual([
      ['complaintRevisit', 'doneLate'],
      ['nextDay', 'overdue'],
      ['hourly', 'overdue'],
    ]);
    expect(m).toEqual(
      measureProgrammeOracle(input as never, policy, ctxOf('2024-04-10T09:00:00+08:00', 'Asia/Shanghai'))
        .value,
    );
  });
});

describe('measureProgramme: a completion instant written with an offset is written canonically once per call', () => {
  /** Instants of one minute (a slot of the call's table) at other seconds, on four days, in three offsets. */
  const ms = [0, 1, 2, 3].flatMap((a) => [0, 1_000, 59_123].map((b) => Date.UTC(2024, 2, 1 + a, 7, 0) + b));
  const written = (t: number, hours: number) => {
    const sign = hours < 0 ? '-' : '+';
    const hh = String(Math.abs(hours)).padStart(2, '0');
    return `${new Date(t + hours * 3_600_000).toISOString().slice(0, 23)}${sign}${hh}:00`;
  };

  it('property: instants of one minute, or one instant written twice, give the previous loop’s completedAt and breaches (seeded)', () => {
    const shanghai = ctxOf('2024-04-20T09:00:00+08:00', 'Asia/Shanghai');
    fc.assert(
      fc.property(
        fc.array(fc.record({ t: fc.nat(5), i: fc.nat(ms.length - 1), hours: fc.constantFrom(8, -5, 0) }), {
          minLength: 1,
          maxLength: 12,
        }),
        (cs) => {
          const triggers = Array.from({ length: 6 }, (_, i) => ({
            id: `K-${i}`,
            type: 'complaintHandled',
            at: `2024-02-2${i}T10:00:00+08:00`,
            personId: 'zhang',
          }));
          const completions = cs.map((c) => ({
            triggerId: `K-${c.t}`,
            action: 'revisit',
            at: written(ms[c.i] as number, c.hours),
          }));
          same({ triggers, completions }, shanghai);
        },
      ),
      { seed: 2191, numRuns: 300 },
    );
  });

  it('2,000 distinct minutes (more than the table’s 1,024 slots) and repeats give the previous loop’s decision', () => {
    const shanghai = ctxOf('2024-06-20T09:00:00+08:00', 'Asia/Shanghai');
    const triggers = Array.from({ length: 3_000 }, (_, i) => ({
      id: `K-${i}`,
      type: 'complaintHandled',
      at: written(Date.UTC(2024, 3, 1) + (i % 60) * 86_400_000, 8),
      personId: 'zhang',
    }));
    const completions = triggers.map((t, i) => ({
      triggerId: t.id,
      action: 'revisit',
      at: written(
        Date.UTC(2024, 3, 1, 1) + ((i * 7) % 2_000) * 97 * 60_000 + (i % 3) * 1_000,
        i % 2 ? 8 : -5,
      ),
    }));
    const o = same({ triggers, completions }, shanghai) as { value: ReturnType<typeof measureProgramme> };
    const done = o.value.value.tasks.filter((t) => t.completedAt !== null);
    expect(new Set(done.map((t) => t.completedAt)).size).toBeGreaterThan(1_024);
  });
});
