import { chinaCalendar } from '@zhidu/calendar-cn';
import { localDateOf, makeContext, type ViolationInput } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPenalties } from './index.js';
import { localDayNamer, localDayNamers, periodNamer } from './period.js';
import { defineSchedule } from './schedule.js';

// A violation's local date before its zone took an offset of whole quarter hours (local mean time:
// Shanghai +8:05:43 until 1901, Monrovia −0:44:30 until 1972, Amsterdam +0:19:32 / +0:20 until
// 1940, Dublin −0:25:21 until 1916) or at a transition at an odd minute: a local midnight falls
// inside a UTC quarter hour, so the day namer's quarter-hour cache must not let the first instant
// seen decide the date of the others. Every date is core's `localDateOf`, whatever the order.

// Shanghai local mean midnight of 1890-07-01 is 1890-06-30T15:54:17Z.
const before = '1890-06-30T15:50:00.000Z';
const after = '1890-06-30T15:58:00.000Z';

describe('local dates inside a quarter hour holding a local midnight', () => {
  it("core's dates, in both orders, by instant and by epoch milliseconds", () => {
    expect(localDateOf(before, 'Asia/Shanghai')).toBe('1890-06-30');
    expect(localDateOf(after, 'Asia/Shanghai')).toBe('1890-07-01');
    for (const order of [
      [before, after],
      [after, before],
    ]) {
      const byString = localDayNamers('Asia/Shanghai');
      const byMs = localDayNamers('Asia/Shanghai');
      const plain = localDayNamer('Asia/Shanghai');
      const mixed = localDayNamers('Asia/Shanghai');
      for (const [i, iso] of order.entries()) {
        const want = localDateOf(iso, 'Asia/Shanghai');
        expect(byString.ofInstant(iso)).toBe(want);
        expect(byMs.ofMs(Date.parse(iso))).toBe(want);
        expect(plain(iso)).toBe(want);
        expect(i === 0 ? mixed.ofMs(Date.parse(iso)) : mixed.ofInstant(iso)).toBe(want);
      }
      const period = periodNamer('calendarMonth', 'Asia/Shanghai');
      expect(order.map(period)).toEqual(order.map((iso) => (iso === before ? '1890-06' : '1890-07')));
    }
  });

  it("core's dates at a transition at an odd minute (St John's 2010) and a day skipped mid-afternoon (Sitka 1867)", () => {
    // St John's fell back at 00:01 local until 2011: 02:30Z is 00:00 on 11-07, 02:31Z is 23:01 on
    // 11-06. Sitka left local mean time (+14:58:47 → −9:01:13) at 00:31:13Z: the time of day goes
    // on, the date goes back one day, inside the quarter hour from 00:30Z.
    const cases: [string, string[]][] = [
      [
        'America/St_Johns',
        ['2010-11-07T02:30:00.000Z', '2010-11-07T02:31:00.000Z', '2010-11-07T02:44:59.999Z'],
      ],
      ['America/Sitka', ['1867-10-19T00:30:00.000Z', '1867-10-19T00:44:59.999Z']],
    ];
    for (const [zone, instants] of cases)
      for (const order of [instants, [...instants].reverse()]) {
        const days = localDayNamers(zone);
        for (const [i, iso] of order.entries())
          expect(i % 2 === 0 ? days.ofInstant(iso) : days.ofMs(Date.parse(iso))).toBe(localDateOf(iso, zone));
      }
    expect(localDateOf('2010-11-07T02:31:00.000Z', 'America/St_Johns')).toBe('2010-11-06');
    expect(localDateOf('1867-10-19T00:44:59.999Z', 'America/Sitka')).toBe('1867-10-18');
  });

  it('a violation’s ledger period does not depend on the other violations (assessPenalties)', () => {
    const schedule = defineSchedule({
      id: 'lmt',
      version: '1',
      effectiveFrom: '1800-01-01',
      zone: 'Asia/Shanghai',
      source: { title: '客服人员考核办法' },
      params: {
        window: 'calendarMonth',
        latenessRounding: 'ceil',
        caps: [],
        items: [
          {
            id: 'late',
            rule: 'T-LMT-01',
            clause: 'art. 6',
            title: { zh: '迟到', en: 'Late' },
            match: { code: 'staff.late' },
            tally: 'lateness',
            charges: [
              { to: [{ kind: 'violator' }], outcome: { kind: 'fine', amount: 2000, per: 'occurrence' } },
            ],
          },
        ],
        escalations: [],
      },
    });
    const ctx = makeContext({ now: '2025-12-31T12:00:00+08:00', calendar: chinaCalendar() });
    const v = (personId: string, occurredAt: string): ViolationInput => ({
      code: 'staff.late',
      personId,
      occurredAt,
      source: { module: 'service.complaints', rule: 'T-01' },
    });
    // Two people, so that either instant can be the first the namer sees.
    for (const [first, second] of [
      [before, after],
      [after, before],
    ] as const) {
      const d = assessPenalties(
        { violations: [v('a', first), v('b', second)], trace: 'summary' },
        schedule,
        ctx,
      );
      const ledger = d.value.result;
      const periodOf = (person: string) =>
        ledger.persons.find((p) => p.personId === person)?.periods.map((p) => p.period);
      expect(periodOf('a')).toEqual([first === before ? '1890-06' : '1890-07']);
      expect(periodOf('b')).toEqual([second === before ? '1890-06' : '1890-07']);
    }
  });

  it("any order of calls, by instant and by number, gives core's date (seeded, zones with odd offsets)", () => {
    const anyInstant = fc
      .tuple(
        fc.integer({ min: Date.UTC(1000, 0, 1) / 86_400_000, max: Date.UTC(9999, 11, 30) / 86_400_000 }),
        fc.integer({ min: 0, max: 86_399_999 }),
      )
      .map(([day, inDay]) => day * 86_400_000 + inDay);
    // Local midnights in local mean time and at odd transitions, give or take 10 minutes.
    const nearMidnight = fc
      .tuple(
        fc.constantFrom(
          Date.UTC(1890, 5, 30, 15, 54, 17), // Shanghai LMT
          Date.UTC(1900, 11, 31, 15, 54, 17), // Shanghai, the end of LMT
          Date.UTC(1950, 2, 3, 0, 44, 30), // Monrovia −0:44:30
          Date.UTC(1971, 11, 31, 0, 44, 30),
          Date.UTC(1930, 5, 1, 23, 40, 28), // Amsterdam +0:19:32
          Date.UTC(1938, 1, 1, 23, 40), // Amsterdam +0:20
          Date.UTC(1905, 5, 2, 0, 25, 21), // Dublin −0:25:21
          Date.UTC(1880, 0, 1, 18, 6, 32), // Kolkata, Madras time +5:21:10
          Date.UTC(1894, 0, 31, 13, 35, 40), // Lord Howe +10:36:20
          Date.UTC(1880, 5, 2, 4, 56, 2), // New York −4:56:02
          Date.UTC(1910, 0, 1, 18, 18, 44), // Kathmandu +5:41:16
          Date.UTC(1970, 0, 1, 16),
          Date.UTC(2024, 2, 31, 16),
        ),
        fc.integer({ min: -600_000, max: 600_000 }),
      )
      .map(([m, d]) => m + d);
    const instant = fc
      .oneof({ arbitrary: anyInstant, weight: 1 }, { arbitrary: nearMidnight, weight: 4 })
      .map((ms) => ({ ms, iso: new Date(ms).toISOString() }));
    fc.assert(
      fc.property(
        fc.constantFrom(
          'Asia/Shanghai',
          'Africa/Monrovia',
          'Europe/Amsterdam',
          'Europe/Dublin',
          'Asia/Kolkata',
          'Australia/Lord_Howe',
          'America/New_York',
          'Asia/Kathmandu',
        ),
        fc.array(fc.tuple(instant, fc.boolean()), { minLength: 1, maxLength: 40 }),
        (zone, calls) => {
          const days = localDayNamers(zone);
          for (const [{ ms, iso }, byMs] of calls)
            expect(byMs ? days.ofMs(ms) : days.ofInstant(iso)).toBe(localDateOf(iso, zone));
        },
      ),
      { seed: 2171, numRuns: 1500 },
    );
  });
});
