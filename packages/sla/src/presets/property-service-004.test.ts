import { describe, expect, it } from 'vitest';
import { companyCopy } from '../../test/company-copy.js';
import { cn, ev, one, timersOf, utc } from '../../test/helpers.js';
import { checklistOutcome } from '../checklist.js';
import { propertyService004Preset, SERVICE_TABLES_004, type ServiceRow, validateIntake } from '../index.js';
import { quotaRows } from '../quota.js';
import { timerStates } from '../timer/evaluate.js';

const policy = propertyService004Preset();
const ANCHOR: Record<string, string> = {
  request: 'request',
  acceptance: 'accept',
  arrival: 'arrive',
  discovery: 'discover',
  alarm: 'alarm',
  fundsReceived: 'fundsReceived',
  acceptancePassed: 'acceptancePassed',
  documentsComplete: 'documentsComplete',
  orderReceived: 'orderReceived',
  outageStart: 'outageStart',
  rainStart: 'rainStart',
  agreedTime: 'agreedTime',
};

/** Working-day phases: anchor date → expected due date, from the catalog's worked examples (2024 calendar). */
const WORKING_DAY_EXPECTED: Record<string, [string, string]> = {
  'T2-04.complete': ['2024-03-08T10:00', '2024-03-19'],
  'T2-10.writtenReply': ['2024-03-08T11:00', '2024-03-13'],
  'T2-15.complete': ['2024-03-04T10:00', '2024-03-07'],
  'T2-17a.refund': ['2024-03-04T10:00', '2024-03-07'],
  'T3-14.reply': ['2024-03-08T11:00', '2024-03-11'],
  'T4-09a.resolve': ['2024-03-08T15:00', '2024-03-11'],
  'T4-13a.approve': ['2024-03-04T10:00', '2024-03-06'],
  'T4-13b.approve': ['2024-03-04T10:00', '2024-03-07'],
  'T4-13c.approve': ['2024-03-04T10:00', '2024-03-11'],
  'T5-01.handToFinance': ['2024-03-04T10:00', '2024-03-06'],
  'T5-12.complete': ['2024-03-07T10:00', '2024-03-12'],
};

type Case = { row: ServiceRow; phase: ServiceRow['phases'][number]; key: string };
const cases: Case[] = SERVICE_TABLES_004.flatMap((row) =>
  row.phases.map((phase) => ({ row, phase, key: `${row.id}.${phase.phase}` })),
);
const clock = cases.filter(
  ({ phase }) =>
    'minutes' in phase ||
    'seconds' in phase ||
    'workingDays' in phase ||
    'sameDay' in phase ||
    'onTheSpotOrWorkingDays' in phase,
);

function anchorEvents(c: Case, anchorAt: string) {
  const p = c.phase as { from: string };
  const attributes = {
    row: c.row.id,
    ...(c.phase.condition ? { [c.phase.condition.attribute]: c.phase.condition.equals } : {}),
  };
  const minus = (m: number) => new Date(Date.parse(utc(anchorAt)) - m * 60_000).toISOString();
  if (p.from === 'orderAndSignal')
    return [ev('orderReceived', 's', minus(60), attributes), ev('signalAvailable', 's', anchorAt)];
  if (p.from === 'request') return [ev('request', 's', anchorAt, attributes)];
  return [ev('request', 's', minus(1), attributes), ev(ANCHOR[p.from] ?? 'missing', 's', anchorAt)];
}

function expectedDue(c: Case, anchorAt: string): string {
  const p = c.phase;
  if ('minutes' in p) return new Date(Date.parse(utc(anchorAt)) + p.minutes * 60_000).toISOString();
  if ('seconds' in p) return new Date(Date.parse(utc(anchorAt)) + p.seconds * 1000).toISOString();
  if ('sameDay' in p) return utc(`${anchorAt.slice(0, 10)}T23:59:59.999`);
  const [, date] = WORKING_DAY_EXPECTED[c.key] ?? ['', 'unknown'];
  return utc(`${date}T23:59:59.999`);
}

describe('004 service-time tables: every timed phase of the 83 rows (S004-SLA-00)', () => {
  it('encodes all 83 rows of tables T1–T6 (S004-SLA-00)', () => {
    expect(SERVICE_TABLES_004).toHaveLength(83);
    expect(new Set(SERVICE_TABLES_004.map((r) => r.id.slice(0, 2)))).toEqual(
      new Set(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']),
    );
  });

  it.each(clock.map((c) => [c.phase.rule ?? c.row.rule, c.key, c.row.item, c] as const))(
    '%s %s (%s): due from its anchor, met at the due instant, breached a second later',
    (_rule, key, _item, c) => {
      const anchorAt = WORKING_DAY_EXPECTED[key]?.[0] ?? '2024-03-04T10:00';
      const due = expectedDue(c, anchorAt);
      const base = anchorEvents(c, anchorAt);
      const stopAt = (iso: string) => [...base, ev(c.phase.phase, 's', iso)];
      const onTime = one(policy, stopAt(due), '2024-04-30T00:00', key);
      expect(onTime.dueAt).toBe(due);
      expect(onTime.status).toBe('met');
      expect(onTime.rule).toBe(c.phase.rule ?? c.row.rule);
      const late = one(
        policy,
        stopAt(new Date(Date.parse(due) + 1000).toISOString()),
        '2024-04-30T00:00',
        key,
      );
      expect(late.status).toBe('breached');
    },
  );

  const untimed = cases.filter(
    ({ phase }) => 'continuous24h' in phase || 'automatic' in phase || 'immediate' in phase,
  );
  it.each(untimed.map((c) => [c.row.rule, c.key, c] as const))(
    '%s %s is a duty without a clock and compiles to no timer',
    (_r, key, c) => {
      expect(policy.params.timers.some((t) => t.id === key)).toBe(false);
      expect(Object.keys(c.phase).some((k) => ['continuous24h', 'automatic', 'immediate'].includes(k))).toBe(
        true,
      );
    },
  );

  const quotas = propertyService004Preset().params.quotas;
  it('carries a quota for every "at least N" cell of the tables, with its count and period', () => {
    const cells = SERVICE_TABLES_004.flatMap((row) =>
      row.phases.flatMap((p) => ('atLeast' in p ? [`${row.id} ${p.atLeast}/${p.per}`] : [])),
    );
    expect(cells.length).toBeGreaterThan(0);
    expect(quotas.map((q) => `${q.id} ${q.atLeast}/${q.perSubject ? 'floorDay' : q.per}`)).toEqual(cells);
  });
  it.each(quotas.map((q) => [q.rule, q.id, q] as const))(
    '%s %s: a frequency commitment is met only at its count',
    (_r, _id, q) => {
      const day = q.window?.excludeHolidays ? '2024-03-04' : '2024-03-09';
      const stamps = Array.from({ length: q.atLeast }, (_, i) =>
        ev('perform', 'floor-3', `${day}T${String(9 + i).padStart(2, '0')}:00`),
      );
      const range = { from: day, to: day };
      const ctx = cn('2024-04-01T00:00');
      expect(quotaRows(stamps.slice(1), q, range, ctx).value.every((r) => !r.met)).toBe(true);
      expect(quotaRows(stamps, q, range, ctx).value.every((r) => r.met)).toBe(true);
    },
  );
});

/** Which table rows implement which 004 rule (catalog seed-002-004.md §6.2, "rows …"). */
const ROWS_BY_RULE: Record<string, string[]> = {
  'S004-SLA-00': [
    'T3-07.perform',
    'T3-08.perform',
    'T4-02.perform',
    'T4-03.perform',
    'T6-01.perform',
    'T6-02a.perform',
    'T6-02b.perform',
    'T6-03a.perform',
    'T6-03b.perform',
  ],
  'S004-SLA-02': ['T1-01.answer'],
  'S004-SLA-03': ['T1-02.arrive', 'T2-06.accept', 'T2-06.collect', 'T5-01.arrive'],
  'S004-SLA-04': ['T2-10.accept', 'T2-10.reply', 'T2-10.writtenReply'],
  'S004-SLA-05': [
    'T2-01.complete',
    'T2-02.complete',
    'T2-03.complete',
    'T2-05.complete',
    'T2-07.complete',
    'T2-08.complete',
    'T2-09.approve',
    'T2-12a.complete',
    'T2-12b.complete',
    'T2-13.complete',
    'T2-14.complete',
    'T2-17b.complete',
    'T3-01.complete',
    'T3-02.complete',
    'T3-03.complete',
    'T3-05.complete',
    'T3-15a.complete',
  ],
  'S004-SLA-06': ['T2-11.complete'],
  'S004-SLA-07': ['T2-04.complete'],
  'S004-SLA-08': ['T2-15.complete'],
  'S004-SLA-09': ['T2-16.complete'],
  'S004-SLA-10': ['T2-17a.refund', 'T5-01.handToFinance'],
  'S004-SLA-11': ['T4-13a.approve', 'T4-13b.approve', 'T4-13c.approve'],
  'S004-SLA-12': ['T5-01.inspect'],
  'S004-SLA-13': ['T4-04.issueWorkOrder', 'T4-04.phoneReply'],
  'S004-SLA-14': [
    'T5-02.arrive',
    'T5-03.arrive',
    'T5-03.complete',
    'T5-04.arrive',
    'T5-04.complete',
    'T5-05.arrive',
    'T5-05.complete',
    'T5-06.arrive',
    'T5-06.complete',
    'T5-07.arrive',
    'T5-07.complete',
    'T5-08.arrive',
    'T5-09.arrive',
    'T5-09.complete',
    'T5-10.arrive',
    'T5-10.complete',
    'T5-11a.arrive',
    'T5-11a.complete',
    'T5-11b.arrive',
    'T5-11b.complete',
    'T5-13.arrive',
    'T5-13.complete',
  ],
  'S004-SLA-15': ['T5-12.complete'],
  'S004-SLA-16': [
    'T4-05a.complete',
    'T4-05b.complete',
    'T4-06.arrive',
    'T4-07.arrive',
    'T4-09a.resolve',
    'T4-09b.reply',
  ],
  'S004-SLA-17': [
    'T4-08.arrive',
    'T4-08.reply',
    'T4-10.arrive',
    'T4-10.resolve',
    'T4-10.explain',
    'T4-11a.arrive',
    'T4-11a.resolve',
    'T4-11b.arrive',
    'T4-11b.explain',
    'T4-12.arrive',
    'T4-12.explain',
  ],
  'S004-SLA-18': ['T3-04.arrive', 'T3-04.restore'],
  'S004-SLA-19': ['T3-06.reply'],
  'S004-SLA-20': ['T3-09.arrive', 'T3-10.arrive'],
  'S004-SLA-21': ['T3-11.arrive', 'T3-12.arrive', 'T3-13.arrive'],
  'S004-SLA-22': ['T3-14.reply'],
  'S004-SLA-23': ['T3-15b.lock', 'T3-15b.contactEmergencyContact', 'T3-15c.arrive'],
  'S004-SLA-24': ['T4-01.arrive'],
  'S004-SLA-25': ['T6-04.complete', 'T6-05.complete'],
  'S004-SLA-26': ['T6-06.accept', 'T6-06.rescue'],
  'S004-SLA-27': ['T6-07.arrive'],
  'S004-SLA-28': ['T6-08a.switchover', 'T6-08b.switchover'],
  'S004-SLA-29': ['T6-09.broadcast'],
  'S004-SLA-30': ['T6-10.notify'],
};

describe('004 rules → table rows', () => {
  it.each(Object.entries(ROWS_BY_RULE))('%s is encoded as the phases %j', (rule, phases) => {
    const encoded = SERVICE_TABLES_004.flatMap((r) =>
      r.phases.filter((p) => (p.rule ?? r.rule) === rule).map((p) => `${r.id}.${p.phase}`),
    );
    expect(encoded).toEqual(phases);
    for (const key of phases) {
      const timed =
        policy.params.timers.some((t) => t.id === key) || policy.params.recurring.some((t) => t.id === key);
      const quota = policy.params.quotas.some((q) => key.startsWith(`${q.id}.`));
      const untimed = /\.(accept|perform|switchover)$/.test(key) && !timed;
      expect(timed || quota || untimed).toBe(true);
    }
  });

  const spot = cases.filter(({ phase }) => 'onTheSpot' in phase);
  it.each(spot.map((c) => [c.phase.rule ?? c.row.rule, c.key, c] as const))(
    '%s %s: done before the visit ends, or breached',
    (_r, key, c) => {
      const attributes = {
        row: c.row.id,
        ...(c.phase.condition ? { [c.phase.condition.attribute]: c.phase.condition.equals } : {}),
      };
      const before = [
        ev('request', 'v', '2024-03-04T10:00', attributes),
        ev('arrive', 'v', '2024-03-04T10:05'),
        ev(c.phase.phase, 'v', '2024-03-04T10:20'),
        ev('visitEnd', 'v', '2024-03-04T10:30'),
      ];
      expect(one(policy, before, '2024-03-04T12:00', key).status).toBe('met');
      const after = [
        ev('request', 'v', '2024-03-04T10:00', attributes),
        ev('arrive', 'v', '2024-03-04T10:05'),
        ev('visitEnd', 'v', '2024-03-04T10:30'),
      ];
      expect(one(policy, after, '2024-03-04T12:00', key).status).toBe('breached');
    },
  );

  const booked = cases.filter(({ phase }) => 'onAppointment' in phase);
  it.each(booked.map((c) => [c.phase.rule ?? c.row.rule, c.key, c] as const))(
    '%s %s: on time at the booked minute, late a minute after',
    (_r, key, c) => {
      const req = ev('request', 'b', '2024-03-01T09:00', {
        row: c.row.id,
        appointmentAt: '2024-03-04T14:00:00+08:00',
      });
      expect(
        one(policy, [req, ev(c.phase.phase, 'b', '2024-03-04T14:00')], '2024-03-05T00:00', key).status,
      ).toBe('met');
      expect(
        one(policy, [req, ev(c.phase.phase, 'b', '2024-03-04T14:01')], '2024-03-05T00:00', key).status,
      ).toBe('breached');
    },
  );
});

describe('004 commitments by rule', () => {
  it('grades in-unit repairs: critical 10 min, urgent 15 min (S004-SLA-01)', () => {
    const critical = one(
      policy,
      [ev('request', 'r', '2024-03-04T09:00', { grade: 'critical' }), ev('arrive', 'r', '2024-03-04T09:09')],
      '2024-03-04T12:00',
      'repairGrade',
    );
    expect(critical.dueAt).toBe(utc('2024-03-04T09:10'));
    expect(critical.status).toBe('met');
    const urgent = one(
      policy,
      [ev('request', 'r', '2024-03-04T09:00', { grade: 'urgent' }), ev('arrive', 'r', '2024-03-04T09:16')],
      '2024-03-04T12:00',
      'repairGrade',
    );
    expect(urgent.status).toBe('breached');
  });

  it('gives a normal repair the agreed time, else the same day, and lets a table row override the grade (S004-SLA-01)', () => {
    const events = [
      ev('request', 'r', '2024-03-04T16:00', { grade: 'normal', agreedAt: '2024-03-05T10:00:00+08:00' }),
      ev('arrive', 'r', '2024-03-05T09:50'),
    ];
    expect(one(policy, events, '2024-03-06T00:00', 'repairGrade.agreed').status).toBe('met');
    const sameDay = one(
      policy,
      [ev('request', 'r', '2024-03-04T16:00', { grade: 'normal' }), ev('arrive', 'r', '2024-03-05T09:50')],
      '2024-03-06T00:00',
      'repairGrade.normal',
    );
    expect(sameDay.dueAt).toBe(utc('2024-03-04T23:59:59.999'));
    expect(sameDay.status).toBe('breached');
    expect(
      timersOf(
        policy,
        [ev('request', 'r', '2024-03-04T09:00', { grade: 'critical', row: 'T5-02' })],
        '2024-03-04T12:00',
        'repairGrade',
      ),
    ).toEqual([]);
  });

  it('records an unknown repair grade as an anomaly instead of guessing (S004-SLA-01)', () => {
    const s = one(
      policy,
      [ev('request', 'r', '2024-03-04T09:00', { grade: 'whenever' })],
      '2024-03-04T12:00',
      'repairGrade',
    );
    expect(s.anomalies[0]?.kind).toBe('unknown_target_case');
  });

  it('answers the hotline within 3 rings; 4 rings or an abandoned call breach (S004-SLA-02)', () => {
    const call = (stop: ReturnType<typeof ev>) =>
      one(
        policy,
        [ev('request', 'call', '2024-03-04T09:00:00', { row: 'T1-01' }), stop],
        '2024-03-04T10:00',
        'T1-01.answer',
      );
    expect(call(ev('answer', 'call', '2024-03-04T09:00:09', { rings: 3 })).status).toBe('met');
    expect(call(ev('answer', 'call', '2024-03-04T09:00:12', { rings: 4 })).status).toBe('breached');
    expect(call(ev('abandon', 'call', '2024-03-04T09:00:30')).status).toBe('breached');
  });

  it('arrives at the booked appointment, with an optional grace (S004-SLA-03)', () => {
    const visit = (arrive: string, p = policy) =>
      one(
        p,
        [
          ev('request', 'v', '2024-03-01T09:00', {
            row: 'T1-02',
            appointmentAt: '2024-03-04T10:00:00+08:00',
          }),
          ev('arrive', 'v', arrive),
        ],
        '2024-03-05T00:00',
        'T1-02.arrive',
      ).status;
    expect(visit('2024-03-04T09:58')).toBe('met');
    expect(visit('2024-03-04T10:07')).toBe('breached');
    // No tolerance is stated (the appointment offsets are 0 minutes); a company's copy allowing 10 minutes
    // changes the offset of the three appointment timers.
    const grace = companyCopy(
      'property-service-004',
      [1, 7, 61].flatMap((i) => [
        { op: 'test' as const, path: `/params/timers/${i}/target/attribute`, value: 'appointmentAt' },
        { op: 'replace' as const, path: `/params/timers/${i}/target/offset/minutes`, value: 10 },
      ]),
    );
    expect(visit('2024-03-04T10:07', grace)).toBe('met');
  });

  it('replies to a complaint within 1 hour and in writing within 3 working days when required (S004-SLA-04)', () => {
    const events = [
      ev('request', 'c', '2024-03-08T10:59', { row: 'T2-10', writtenReplyRequired: true }),
      ev('accept', 'c', '2024-03-08T11:00'),
      ev('reply', 'c', '2024-03-08T11:50'),
    ];
    const v = timerStates(events, policy, cn('2024-03-14T00:00')).value;
    expect(v.find((s) => s.timerId === 'T2-10.reply')?.status).toBe('met');
    const written = v.find((s) => s.timerId === 'T2-10.writtenReply');
    expect(written?.dueAt).toBe(utc('2024-03-13T23:59:59.999'));
    expect(written?.status).toBe('breached');
  });

  it('does not run the written-reply clock when no written reply is required (S004-SLA-04)', () => {
    expect(
      timersOf(
        policy,
        [ev('request', 'c', '2024-03-08T10:59', { row: 'T2-10' }), ev('accept', 'c', '2024-03-08T11:00')],
        '2024-03-20T00:00',
        'T2-10.writtenReply',
      ),
    ).toEqual([]);
  });

  it('delivers payment notices by the 10th of each month (S004-SLA-09)', () => {
    const ok = one(
      policy,
      [ev('paymentNoticesDelivered', 'estate', '2024-03-10T16:00')],
      '2024-03-20T00:00',
      'T2-16.complete',
    );
    expect(ok.status).toBe('met');
    const late = one(
      policy,
      [ev('paymentNoticesDelivered', 'estate', '2024-03-11T09:00')],
      '2024-03-20T00:00',
      'T2-16.complete',
    );
    expect(late.status).toBe('breached');
    expect(late.dueAt).toBe(utc('2024-03-10T23:59:59.999'));
  });

  it('measures the car-park restore from arrival by default and from the report in strict mode (S004-SLA-18)', () => {
    const events = [
      ev('request', 'p', '2024-03-04T08:00', { row: 'T3-04' }),
      ev('arrive', 'p', '2024-03-04T08:02'),
      ev('restore', 'p', '2024-03-04T08:11'),
    ];
    expect(one(policy, events, '2024-03-04T09:00', 'T3-04.restore').status).toBe('met');
    expect(
      one(
        propertyService004Preset({ carParkRestoreFrom: 'request' }),
        events,
        '2024-03-04T09:00',
        'T3-04.restore',
      ).status,
    ).toBe('breached');
  });

  it('runs front-desk minute clocks around the clock by default, or only in desk hours (S004-SLA-00)', () => {
    const pass = [ev('request', 'p', '2024-03-08T17:55', { row: 'T2-01' })];
    expect(one(policy, pass, '2024-03-08T18:00', 'T2-01.complete').dueAt).toBe(utc('2024-03-08T18:05'));
    const desk = propertyService004Preset({ frontDeskBusinessHoursOnly: true });
    expect(one(desk, pass, '2024-03-08T18:00', 'T2-01.complete').dueAt).toBe(utc('2024-03-11T09:05'));
    expect(
      one(desk, [ev('alarm', 'f', '2024-03-08T23:00', { row: 'T3-09' })], '2024-03-08T23:30', 'T3-09.arrive')
        .dueAt,
    ).toBe(utc('2024-03-08T23:03'));
  });

  it('counts the phone-line clock from the later of order and telecom signal (S004-SLA-16)', () => {
    const s = one(
      policy,
      [
        ev('orderReceived', 'l', '2024-03-04T09:00', { row: 'T4-05b' }),
        ev('signalAvailable', 'l', '2024-03-04T13:30'),
      ],
      '2024-03-04T14:00',
      'T4-05b.complete',
    );
    expect(s.dueAt).toBe(utc('2024-03-04T14:30'));
  });

  it('requires on-the-spot answers before the visit ends (S004-SLA-17)', () => {
    const visit = (explainAt: string) =>
      one(
        policy,
        [
          ev('request', 'tv', '2024-03-04T10:00', { row: 'T4-11b' }),
          ev('arrive', 'tv', '2024-03-04T10:15'),
          ...(explainAt < '2024-03-04T10:40'
            ? [ev('explain', 'tv', explainAt), ev('visitEnd', 'tv', '2024-03-04T10:40')]
            : [ev('visitEnd', 'tv', '2024-03-04T10:40'), ev('explain', 'tv', explainAt)]),
        ],
        '2024-03-04T12:00',
        'T4-11b.explain',
      ).status;
    expect(visit('2024-03-04T10:30')).toBe('met');
    expect(visit('2024-03-04T11:00')).toBe('breached');
  });

  it('posts planned-outage notices 24 h before in every lobby, and broadcasts 20 min before (S004-SLA-29)', () => {
    const outage = '2024-03-10T09:00:00+08:00';
    const lobbyA = [
      ev('outagePlanned', 'A', '2024-03-08T12:00', { lobby: 'A', outageStartAt: outage }),
      ev('noticePosted', 'A', '2024-03-09T08:00'),
    ];
    expect(one(policy, lobbyA, '2024-03-11T00:00', 'plannedOutage.notice').status).toBe('met');
    const lobbyB = [
      ev('outagePlanned', 'B', '2024-03-08T12:00', { lobby: 'B', outageStartAt: outage }),
      ev('noticePosted', 'B', '2024-03-09T10:00'),
    ];
    expect(one(policy, lobbyB, '2024-03-11T00:00', 'plannedOutage.notice').status).toBe('breached');
    const urgent = [
      ev('outagePlanned', 'C', '2024-03-10T08:00', {
        lobby: 'C',
        outageStartAt: outage,
        especiallyUrgent: true,
      }),
    ];
    expect(timersOf(policy, urgent, '2024-03-11T00:00', 'plannedOutage.notice')).toEqual([]);
    const broadcast = (t: string) =>
      one(
        policy,
        [
          ev('outagePlanned', 'x', '2024-03-08T12:00', { row: 'T6-09', outageStartAt: outage }),
          ev('broadcast', 'x', t),
        ],
        '2024-03-11T00:00',
        'T6-09.broadcast',
      ).status;
    expect(broadcast('2024-03-10T08:35')).toBe('met');
    expect(broadcast('2024-03-10T08:45')).toBe('breached');
  });

  it('switches to the generator within 30 seconds (S004-SLA-28)', () => {
    const s = one(
      policy,
      [
        ev('outageStart', 'g', '2024-03-04T10:00:00', { row: 'T6-08b' }),
        ev('switchover', 'g', '2024-03-04T10:00:25'),
      ],
      '2024-03-04T11:00',
      'T6-08b.switchover',
    );
    expect(s.dueAt).toBe(utc('2024-03-04T10:00:30'));
    expect(s.status).toBe('met');
  });

  it('counts working days over the 2024 National Day holiday (S004-SLA-07)', () => {
    const s = one(
      policy,
      [ev('request', 'sign', '2024-09-27T10:00', { row: 'T2-04' })],
      '2024-09-28T00:00',
      'T2-04.complete',
    );
    expect(s.dueAt).toBe(utc('2024-10-12T23:59:59.999'));
  });
});

describe('004 complaint intake and closure', () => {
  const wf = policy.params.workflows[0];
  const steps = (...s: [string, string, Record<string, string>?][]) =>
    s.map(([action, role, facts], i) => ({
      action,
      at: `2024-03-04T10:0${i}:00+08:00`,
      actor: { personId: `u${i}`, role },
      ...(facts ? { facts } : {}),
    }));

  it('lets only the customer-service department accept complaints and repair requests (S004-CPL-01)', async () => {
    const { runWorkflow } = await import('../index.js');
    if (!wf) throw new Error('workflow missing');
    const r = runWorkflow(steps(['accept', 'engineeringDept']), wf, cn('2024-03-05T00:00'));
    expect(r.value.rejected[0]?.reason).toBe('role_not_permitted');
    expect(
      runWorkflow(steps(['accept', 'customerServiceDept']), wf, cn('2024-03-05T00:00')).value.state,
    ).toBe('accepted');
  });

  it('closes a complaint only when responded, resolved and answered (S004-CPL-02)', async () => {
    const { runWorkflow } = await import('../index.js');
    if (!wf) throw new Error('workflow missing');
    const all = steps(
      ['accept', 'customerServiceDept'],
      ['respond', 'customerServiceDept', { respondedAt: '2024-03-04T10:01' }],
      ['resolve', 'engineering', { resolution: 'pipe fixed' }],
      ['close', 'customerServiceDept'],
    );
    const r = runWorkflow(all, wf, cn('2024-03-05T00:00'));
    expect(r.value.closed).toBe(false);
    expect(r.value.rejected[0]).toEqual({
      index: 3,
      action: 'close',
      reason: 'missing_facts',
      missing: ['answeredToCustomerAt'],
    });
  });
});

describe('004 visit records', () => {
  it('requires the rectification notice for a failed fit-out inspection and the acceptance document for a pass (S004-SLA-12)', () => {
    expect(validateIntake({ row: 'T5-01', outcome: 'failed' }, policy.params.intake).value.missing).toEqual([
      'rectificationNoticeIssuedAt',
    ]);
    expect(
      validateIntake(
        { row: 'T5-01', outcome: 'passed', acceptanceDocumentIssuedAt: 't' },
        policy.params.intake,
      ).value.ok,
    ).toBe(true);
    const inspect = one(
      policy,
      [
        ev('request', 'f', '2024-03-01T09:00', { row: 'T5-01', appointmentAt: '2024-03-04T14:00:00+08:00' }),
        ev('arrive', 'f', '2024-03-04T14:00'),
        ev('inspect', 'f', '2024-03-04T15:10'),
      ],
      '2024-03-05T00:00',
      'T5-01.inspect',
    );
    expect(inspect.status).toBe('breached');
  });

  it('requires an explanation for an unfixed fault and an expected repair date for a special TV fault (S004-SLA-17)', () => {
    expect(
      validateIntake({ row: 'T4-11b', fixed: false, explanation: 'amplifier failure' }, policy.params.intake)
        .value.missing,
    ).toEqual(['expectedRepairAt']);
    expect(validateIntake({ row: 'T4-10', fixed: false }, policy.params.intake).value.missing).toEqual([
      'explanation',
    ]);
    expect(validateIntake({ row: 'T4-10', fixed: true }, policy.params.intake).value.ok).toBe(true);
  });

  it('checks the flooding response actions (S004-SLA-27)', () => {
    const list = policy.params.checklists.find((c) => c.id === 'T6-07.actions');
    if (!list) throw new Error('checklist');
    const at = { subject: 'flood', at: '2024-03-04T02:10:00+08:00' };
    expect(
      checklistOutcome({ shutOffWater: true, handleFlooding: true, pipeBurst: true }, list, at).value.missing,
    ).toEqual(['repairPipe', 'notifyCleaningCompany']);
  });
});
