import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  type BeforeEventRow,
  beforeEventRows,
  eitherReadingRows,
  type MonthlyRow,
  monthlyRows,
  type UnfinedRow,
  unfinedRows,
} from '../scenarios/construction-000/seed-table.js';
import { type SeedRow, seedTable } from '../scenarios/property-service-004/seed-table.js';

// Writes the seed-table-*.scenario.json files of construction-000 and property-service-004 from the
// seed transcriptions beside them (scenarios/<preset>/seed-table.ts). The expected due instants and
// lateness are computed here from the seed's limits with plain date arithmetic (Asia/Shanghai is
// UTC+8 all year; the working-day windows used are Monday–Friday weeks with no holiday and no
// make-up day, checked below) — never by running the engine:
//   node --conditions=@zhidu/source --import tsx packages/sla/scripts/seed-scenarios.ts

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/** A local Asia/Shanghai time `YYYY-MM-DDTHH:mm` as epoch ms. */
const local = (s: string): number => Date.parse(`${s}:00+08:00`);
/** An instant as the scenarios write events: local time with its offset. */
const event = (ms: number): string => `${new Date(ms + OFFSET).toISOString().slice(0, 19)}+08:00`;
/** An instant as the engine reports it. */
const iso = (ms: number): string => new Date(ms).toISOString();
/** 23:59:59.999 local on the day of `ms`, plus `days` days. */
const endOfDay = (ms: number, days = 0): number =>
  Math.floor((ms + OFFSET) / DAY) * DAY - OFFSET + (days + 1) * DAY - 1;
const localDay = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
/** Local weekday, 0 = Sunday. */
const weekday = (ms: number): number => new Date(ms + OFFSET).getUTCDay();

// Working days are counted only inside these Monday–Friday spans of the 2024 calendar (after the
// Qingming make-up Sunday 7 April, before the Labour Day make-up Sunday 28 April).
const WORKDAY_WINDOW = [local('2024-04-08T00:00'), local('2024-04-27T00:00')] as const;
/** End of the n-th working day after the day of `ms` (catalog C2: the start day is not counted). */
export function workingDays(ms: number, n: number): number {
  let day = ms;
  for (let left = n; left > 0; ) {
    day += DAY;
    if (day < WORKDAY_WINDOW[0] || day >= WORKDAY_WINDOW[1])
      throw new Error('outside the checked Mon–Fri window');
    if (weekday(day) !== 0 && weekday(day) !== 6) left--;
  }
  return endOfDay(day);
}

type Json = unknown;
interface Scenario {
  file: string;
  name: string;
  description: string;
  rules: string[];
  preset: string;
  now: number;
  events: Json[];
  expected: Json[];
}

/** One generated file: its path under packages/sla/ and its text. */
export interface SeedScenarioFile {
  path: string;
  text: string;
}

function render(s: Scenario): SeedScenarioFile {
  const json = {
    $schema: '../../../core/schema/scenario.schema.json',
    name: s.name,
    description: s.description,
    rules: s.rules,
    module: 'sla.timers',
    preset: s.preset,
    context: { now: event(s.now) },
    input: { events: s.events },
    expected: { result: { $contains: s.expected } },
  };
  return { path: `scenarios/${s.preset}/${s.file}`, text: `${JSON.stringify(json, null, 2)}\n` };
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

// ------------------------------------------------------------------ property-service-004

const S = local('2024-04-08T09:00'); // Monday
const P004_NOW = local('2024-04-26T18:00'); // Friday, after every limit below
// the first step (the arrival) one minute after the request, on time for every arrival limit
const VISIT_END = S + 31 * MINUTE;
const APPOINTMENT = S + 2 * HOUR;
const AGREED = S + 5 * HOUR;

const subjectOf = (r: SeedRow): string =>
  (r.attributes?.grade ? `repair-${r.attributes.grade}-${r.timer}` : r.timer)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .toLowerCase();

/** The events of one row and the instant its clock starts. */
function p004Events(r: SeedRow): { events: Json[]; startedAt: number; outageAt?: number } {
  const subject = subjectOf(r);
  const attrs: Record<string, unknown> = { ...(r.row ? { row: r.row } : {}), ...r.attributes };
  if (r.after === 'arrive') {
    const arrive = S + (r.arrivesAfter ?? 1) * MINUTE;
    const events: Json[] = [
      { type: 'request', subject, at: event(S), attributes: { ...attrs, appointmentAt: event(APPOINTMENT) } },
      { type: 'arrive', subject, at: event(arrive) },
    ];
    if ('atVisitEnd' in r.limit) events.push({ type: 'visitEnd', subject, at: event(VISIT_END) });
    return { events, startedAt: arrive };
  }
  if (r.start === 'orderReceived+signalAvailable') {
    const signal = S + 2 * HOUR;
    return {
      events: [
        { type: 'orderReceived', subject, at: event(S), attributes: attrs },
        { type: 'signalAvailable', subject, at: event(signal) },
      ],
      startedAt: signal,
    };
  }
  if ('appointment' in r.limit)
    attrs[r.limit.appointment] = event(r.limit.appointment === 'agreedAt' ? AGREED : APPOINTMENT);
  let outageAt: number | undefined;
  if ('beforeOutage' in r.limit) {
    outageAt = S + (r.limit.beforeOutage >= 1440 ? 72 : 3) * HOUR;
    attrs.outageStartAt = event(outageAt);
  }
  const events: Json[] = [{ type: r.start, subject, at: event(S), attributes: attrs }];
  if ('rings' in r.limit)
    events.push({ type: 'answer', subject, at: event(S + 20_000), attributes: { rings: r.limit.rings + 1 } });
  return { events, startedAt: S, ...(outageAt === undefined ? {} : { outageAt }) };
}

function p004Due(r: SeedRow, startedAt: number, outageAt?: number): number | undefined {
  const l = r.limit;
  if ('minutes' in l) return startedAt + l.minutes * MINUTE;
  if ('workingDays' in l) return workingDays(startedAt, l.workingDays);
  if ('sameDay' in l) return endOfDay(startedAt);
  if ('appointment' in l) return l.appointment === 'agreedAt' ? AGREED : APPOINTMENT;
  if ('beforeOutage' in l) return (outageAt ?? Number.NaN) - l.beforeOutage * MINUTE;
  if ('atVisitEnd' in l) return VISIT_END;
  return undefined; // rings: a measured ceiling, no due instant
}

function p004Scenario(file: string, what: string, rows: SeedRow[]): Scenario {
  const events: Json[] = [];
  const expected: Json[] = [];
  for (const r of rows) {
    const { events: es, startedAt, outageAt } = p004Events(r);
    events.push(...es);
    const due = p004Due(r, startedAt, outageAt);
    expected.push({
      timerId: r.timer,
      subject: subjectOf(r),
      status: 'breached',
      severity: 'hard',
      ...(due === undefined
        ? {}
        : {
            startedAt: iso(startedAt),
            dueAt: iso(due),
            lateness: { unit: 'minutes', units: Math.ceil((P004_NOW - due) / MINUTE) },
          }),
      violations: { $length: 0 },
    });
  }
  const rules = unique(rows.map((r) => r.rule)).sort();
  return {
    file,
    preset: 'property-service-004',
    name: `${rules.join(', ')}: ${what} left undone — each limit of the seed table a hard commitment, breached with its lateness`,
    description: `Transcribed in seed-table.ts, generated by packages/sla/scripts/seed-scenarios.ts. Every row starts at 09:00 on Monday 8 April 2024 (a step that must come first — the arrival — is done one minute later, or the same minute where the seed leaves open which of the two a limit runs from; a visit ends at 09:31; appointments at 11:00, agreed times at 14:00, outages 3 hours or 3 days ahead) and nothing finishes it; at 18:00 on Friday 26 April each timer is breached, due where the seed's limit puts it, late by the minutes since. The table states commitments (N分鐘內 / N個工作日內 / 當日 / 按預約時間), none worded 宜 or 盡量, so each is hard; it names no fine, so none emits a violation. Rows: ${rows.map((r) => `${r.timer} (${r.line}: ${r.seed})`).join('; ')}.`,
    rules,
    now: P004_NOW,
    events,
    expected,
  };
}

const byTable = (prefix: string): SeedRow[] => seedTable.filter((r) => r.timer.startsWith(prefix));
function p004(): Scenario[] {
  const scenarios: Scenario[] = [
    p004Scenario('seed-table-t1-t2.scenario.json', 'front-desk rows of tables 1 and 2', [
      ...byTable('T1-'),
      ...byTable('T2-'),
    ]),
    p004Scenario(
      'seed-table-t3.scenario.json',
      'lobby, car-park and security rows of table 3',
      byTable('T3-'),
    ),
    p004Scenario('seed-table-t4.scenario.json', 'engineering rows of table 4', byTable('T4-')),
    p004Scenario('seed-table-t5.scenario.json', 'repair rows of table 5', byTable('T5-')),
    p004Scenario(
      'seed-table-t6-outages-grades.scenario.json',
      'cleaning and emergency rows of table 6, the outage notice (2.1) and the three repair grades (2.5)',
      [...byTable('T6-'), ...seedTable.filter((r) => !r.timer.startsWith('T'))],
    ),
  ];

  // T4-05b: 收到開通單且電信局將信號放入小區內 — the hour runs only once both have happened (且).
  const row = seedTable.find((r) => r.timer === 'T4-05b.complete');
  if (!row) throw new Error('T4-05b missing from the seed table');
  const signal = S + 2 * HOUR;
  const only = (type: string, subject: string): Json => ({
    type,
    subject,
    at: event(type === 'signalAvailable' ? signal : S),
    attributes: { row: 'T4-05b' },
  });
  scenarios.push({
    file: 't4-05b-order-and-signal-both-start.scenario.json',
    preset: 'property-service-004',
    name: 'S004-SLA-16 T4-05b: the hour to open the line runs only once the order is received and the signal is in (且) — either alone starts nothing',
    description: `Seed ${row.line}: ${row.seed}. One line has the order (09:00, Monday 8 April 2024) but no signal, another the signal (11:00) but no order: neither clock starts, so neither is breached at 18:00 on 26 April. A third has both: its hour runs from the later one (11:00), due at 12:00.`,
    rules: ['S004-SLA-16'],
    now: P004_NOW,
    events: [
      only('orderReceived', 't4-05b-order-only'),
      only('signalAvailable', 't4-05b-signal-only'),
      only('orderReceived', 't4-05b-both'),
      only('signalAvailable', 't4-05b-both'),
    ],
    expected: [
      { timerId: 'T4-05b.complete', subject: 't4-05b-order-only', status: 'pending', severity: 'hard' },
      { timerId: 'T4-05b.complete', subject: 't4-05b-signal-only', status: 'pending', severity: 'hard' },
      {
        timerId: 'T4-05b.complete',
        subject: 't4-05b-both',
        status: 'breached',
        startedAt: iso(signal),
        dueAt: iso(signal + HOUR),
      },
    ],
  });
  return scenarios;
}

// ------------------------------------------------------------------ construction-000

const C_START = local('2024-06-03T09:00'); // Monday
const C_DUE = local('2024-06-21T10:00'); // Friday: the event each obligation had to precede
const C_NOW = C_DUE + 29 * HOUR; // 15:00 on Saturday: 1 day 5 hours late
const subjectOfTimer = (timer: string): string => timer.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
const person = (role: string): string => `u-${role}`;
const assignees = (roles: string[]): Record<string, string> =>
  Object.fromEntries(roles.map((r) => [r, person(r)]));

function beforeEventScenario(rows: BeforeEventRow[]): Scenario {
  const events: Json[] = [];
  const expected: Json[] = [];
  for (const r of rows) {
    const subject = subjectOfTimer(r.timer);
    events.push(
      { type: r.start, subject, at: event(C_START), assignees: assignees(r.roles) },
      { type: r.before, subject, at: event(C_DUE) },
    );
    // 29 h late: each started 24 h block (C3, ceil) = 2; floor would say 1, hours 29, calendar days 1.
    const units = Math.ceil((C_NOW - C_DUE) / DAY);
    expected.push({
      timerId: r.timer,
      subject,
      status: 'breached',
      severity: 'hard',
      startedAt: iso(C_START),
      dueAt: iso(C_DUE),
      lateness: { unit: 'blocks24h', units },
      violations: {
        $length: r.roles.length,
        $contains: r.roles.map((role) => ({ code: r.code, role, personId: person(role) })),
      },
    });
  }
  const rules = unique(rows.map((r) => r.rule)).sort();
  return {
    file: 'seed-table-before-event-deadlines.scenario.json',
    preset: 'construction-000',
    name: `${rules.join(', ')}: every "before X" obligation missed — X happens first, the breach is hard and fined to each role the seed names, 1 day 5 hours late counted in started 24-hour blocks`,
    description: `Transcribed in seed-table.ts, generated by packages/sla/scripts/seed-scenarios.ts. Each obligation opens at 09:00 on Monday 3 June 2024 and is never done; the event it had to precede happens at 10:00 on Friday 21 June, and at 15:00 on Saturday 22 June each is breached, due at that event, late by 29 hours: 2 started 24-hour blocks (catalog C3 — each clause fines once and states no counting unit). Every clause says 必须 / 否则扣罚, so each breach is a violation of every role fined. Rows: ${rows.map((r) => `${r.timer} (${r.line}: ${r.seed}; ${r.roles.join(', ')} ${r.fineYuan} 元)`).join('; ')}.`,
    rules,
    now: C_NOW,
    events,
    expected,
  };
}

/**
 * The same obligations done at the very instant the event they had to precede happens: "X前" is
 * before X, and the same instant is not before it — each is breached, due at X, and fined. The
 * obligation is recorded first in the input, so the order of two simultaneous records cannot
 * rescue it.
 */
function beforeEventSameInstantScenario(rows: BeforeEventRow[]): Scenario {
  const events: Json[] = [];
  const expected: Json[] = [];
  for (const r of rows) {
    const subject = `${subjectOfTimer(r.timer)}-same-instant`;
    events.push(
      { type: r.start, subject, at: event(C_START), assignees: assignees(r.roles) },
      { type: r.done, subject, at: event(C_DUE) },
      { type: r.before, subject, at: event(C_DUE) },
    );
    expected.push({
      timerId: r.timer,
      subject,
      status: 'breached',
      severity: 'hard',
      startedAt: iso(C_START),
      dueAt: iso(C_DUE),
      violations: {
        $length: r.roles.length,
        $contains: r.roles.map((role) => ({ code: r.code, role, personId: person(role) })),
      },
    });
  }
  const rules = unique(rows.map((r) => r.rule)).sort();
  return {
    file: 'seed-table-before-event-same-instant.scenario.json',
    preset: 'construction-000',
    name: `${rules.join(', ')}: an obligation done at the very instant of the event it had to precede is not done "before" it — each is breached at that event and fined to each role the seed names`,
    description: `Transcribed in seed-table.ts, generated by packages/sla/scripts/seed-scenarios.ts. Each obligation opens at 09:00 on Monday 3 June 2024; at 10:00 on Friday 21 June it is done and, at the same instant, the event it had to precede happens (the obligation is listed first). 前 asks for the obligation before that event, so the same instant is too late: each is breached, due at the event, a violation of every role fined. Rows: ${rows.map((r) => `${r.timer} (${r.line}: done by ${r.done} before ${r.before})`).join('; ')}.`,
    rules,
    now: C_NOW,
    events,
    expected,
  };
}

function unfinedScenario(rows: UnfinedRow[], fined = false): Scenario {
  const start = local('2024-06-17T16:00'); // Monday
  const now = local('2024-06-28T12:00');
  const events: Json[] = [];
  const expected: Json[] = [];
  for (const r of rows) {
    const subject = subjectOfTimer(r.timer);
    events.push({ type: r.start, subject, at: event(start) });
    const l = r.limit;
    const due =
      'hours' in l
        ? start + l.hours * HOUR
        : 'nextDay' in l
          ? endOfDay(start, 1)
          : endOfDay(start, l.calendarDays);
    expected.push({
      timerId: r.timer,
      subject,
      status: 'breached',
      severity: 'hard',
      startedAt: iso(start),
      dueAt: iso(due),
      ...(fined ? {} : { violations: { $length: 0 } }),
    });
  }
  const rules = unique(rows.map((r) => r.rule)).sort();
  if (fined)
    return {
      file: 'seed-table-hard-under-either-reading.scenario.json',
      preset: 'construction-000',
      name: `${rules.join(', ')}: a 须 limit is hard whether or not a reading fines it — missed, it is breached at its seed limit`,
      description: `Transcribed in seed-table.ts, generated by packages/sla/scripts/seed-scenarios.ts. Starts at 16:00 on Monday 17 June 2024 and is never done; at 12:00 on Friday 28 June it is breached, due at the end of the N-th day (C2), and hard (须, not 宜 / 尽量). Whether it is fined is a reading (a variant preset), so this file does not claim its violations. Rows: ${rows.map((r) => `${r.timer} (${r.line}: ${r.seed})`).join('; ')}.`,
      rules,
      now,
      events,
      expected,
    };
  return {
    file: 'seed-table-deadlines-without-a-fine.scenario.json',
    preset: 'construction-000',
    name: `${rules.join(', ')}: deadlines the seed sets without a fine are hard — missed, each is breached at its seed limit and emits no violation`,
    description: `Transcribed in seed-table.ts, generated by packages/sla/scripts/seed-scenarios.ts. Each starts at 16:00 on Monday 17 June 2024 and is never done; at 12:00 on Friday 28 June each is breached: 24小时 from the instant, 次天 to the end of the next day, N天 to the end of the N-th day (C2). The clauses say 应 / 须 (not 宜 / 尽量), so they are hard; they name no fine, so no violation. Rows: ${rows.map((r) => `${r.timer} (${r.line}: ${r.seed})`).join('; ')}.`,
    rules,
    now,
    events,
    expected,
  };
}

function monthlyScenarios(rows: MonthlyRow[]): Scenario[] {
  const now = local('2024-03-07T15:00');
  const byTimer = new Map(rows.map((r) => [r.timer, r]));
  const row = (timer: string): MonthlyRow => {
    const r = byTimer.get(timer);
    if (!r) throw new Error(`${timer} missing from the seed table`);
    return r;
  };
  const m04 = row('M04.exchangeMeeting');
  const m26 = row('M26.salesFeedbackMeeting');
  const m27 = row('M27.rectification');
  /** The last instant of the duty's month (end of month) or of its day N. */
  const dueOf = (r: MonthlyRow, month: string): number => {
    const first = local(`${month}-01T00:00`);
    if ('endOfMonth' in r.due) {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return local(`${y + (m === 12 ? 1 : 0)}-${String((m % 12) + 1).padStart(2, '0')}-01T00:00`) - 1;
    }
    return endOfDay(first, r.due.dayOfMonth - 1);
  };
  const breach = (r: MonthlyRow, month: string, withDue: boolean): Json => {
    const due = dueOf(r, month);
    return {
      timerId: r.timer,
      subject: `${r.subject}@${month}`,
      status: 'breached',
      ...(withDue ? { dueAt: iso(due) } : {}),
      // kept or missed by the date: whole calendar days from the due day to today
      lateness: { unit: 'calendarDays', units: localDay(now) - localDay(due) },
      // a monthly duty is charged to the role (its occurrence has no assignee of its own)
      violations: { $length: r.roles.length, $contains: r.roles.map((role) => ({ code: r.code, role })) },
    };
  };
  const seedOf = (r: MonthlyRow): string => `${r.timer} ${r.line}: ${r.seed}`;
  return [
    {
      file: 'seed-table-monthly-exchange-meeting.scenario.json',
      preset: 'construction-000',
      name: "S000-MILESTONE-04: a month without the engineering exchange meeting — February's meeting, due by the end of 29 February, is 7 whole calendar days late on 7 March and fined to the EMC director",
      description: `Transcribed in seed-table.ts, generated by packages/sla/scripts/seed-scenarios.ts. ${seedOf(m04)}. The project holds its January meeting (15 Jan) and none after; at 15:00 on 7 March 2024 February's is breached, due at the end of the month, 7 calendar days late; the fine is once per month missed.`,
      rules: [m04.rule],
      now,
      events: [{ type: 'exchangeMeetingHeld', subject: m04.subject, at: '2024-01-15T10:00:00+08:00' }],
      expected: [
        { timerId: m04.timer, subject: `${m04.subject}@2024-01`, status: 'met' },
        breach(m04, '2024-02', true),
      ],
    },
    {
      file: 'seed-table-monthly-by-the-5th.scenario.json',
      preset: 'construction-000',
      name: "S000-MILESTONE-26, S000-MILESTONE-27: the feedback meeting and last month's rectification missed by the 5th — late by whole calendar days from the 5th and fined to the role the seed names",
      description: `Transcribed in seed-table.ts, generated by packages/sla/scripts/seed-scenarios.ts. ${seedOf(m26)}; ${seedOf(m27)}. The project holds its January feedback meeting (4 Jan) and none after; the marketing centre raises issues for the department on 20 February and nothing is rectified. At 15:00 on 7 March 2024 the feedback meetings of February and March are 31 and 2 calendar days late, February's issues 2 days late. 5日前 is read two ways (up to the end of the 5th here, before the 5th begins in construction-000-before-fifth); the due day is the 5th under both, so this file leaves the due instant to the cut-off scenarios and pins the day count and the fine, under either reading.`,
      rules: [m26.rule, m27.rule],
      now,
      events: [
        {
          type: 'salesFeedbackMeetingHeld',
          subject: m26.subject,
          at: '2024-01-04T10:00:00+08:00',
          attributes: { feedbackSent: true },
        },
        { type: 'mpcIssuesRaised', subject: m27.subject, at: '2024-02-20T10:00:00+08:00' },
      ],
      expected: [
        { timerId: m26.timer, subject: `${m26.subject}@2024-01`, status: 'met' },
        breach(m26, '2024-02', false),
        breach(m26, '2024-03', false),
        breach(m27, '2024-03', false),
      ],
    },
  ];
}

/**
 * Every seed-table scenario file of construction-000 and property-service-004, as this script
 * writes it (a test checks the committed files are this output).
 *
 * @example
 * seedScenarioFiles().find((f) => f.path.endsWith('seed-table-t4.scenario.json'))?.path;
 * //=> 'scenarios/property-service-004/seed-table-t4.scenario.json'
 */
export function seedScenarioFiles(): SeedScenarioFile[] {
  return [
    ...p004(),
    beforeEventScenario(beforeEventRows),
    beforeEventSameInstantScenario(beforeEventRows),
    unfinedScenario(unfinedRows),
    unfinedScenario(eitherReadingRows, true),
    ...monthlyScenarios(monthlyRows),
  ].map(render);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const f of seedScenarioFiles()) {
    writeFileSync(new URL(`../${f.path}`, import.meta.url), f.text);
    console.log(`wrote packages/sla/${f.path}`);
  }
}
