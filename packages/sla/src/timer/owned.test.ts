import { chinaCalendar } from '@zhidu/calendar-cn';
import { conditionsHold, formatInstant, makeContext } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTimers } from '../entry-points.js';
import { defineSlaPolicy, type SlaEventInput } from '../index.js';
import { propertyService004Preset } from '../presets/index.js';
import { timerStates } from './evaluate.js';
import { TIMER_STEPS } from './pipeline.js';

// Issue 21: without a company's rules the timer pipeline completes each run in place, visits only
// the timers whose event types a subject has, rules a timer out by its string equalities before
// core reads its whole `appliesWhen`, and formats each due time once for both languages. These
// properties hold that to the copying pipeline a company's (no-op) rule still runs, and to core.

const calendar = chinaCalendar();
const T0 = Date.parse('2024-09-27T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const conditions = [
  undefined,
  [{ attribute: 'row', equals: 'A' }],
  [{ attribute: 'row', equals: 'B' }],
  [
    { attribute: 'row', equals: 'A' },
    { attribute: 'kind', in: ['x', 'y'] },
  ],
  [{ attribute: 'amount', gte: 100 }],
  [{ attribute: 'row', equals: 'A' }, { not: { attribute: 'kind', equals: 'x' } }],
  [
    {
      any: [
        { attribute: 'row', equals: 'B' },
        { attribute: 'kind', equals: 'y' },
      ],
    },
  ],
  [
    { attribute: 'row', equals: 'C' },
    { attribute: 'kind', equals: 'z' },
  ],
  [{ attribute: 'amount', equals: 100 }],
] as const;
const targets = [
  { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
  { kind: 'duration', spec: { unit: 'workingDays', amount: 2, at: 'endOfDay' } },
  { kind: 'duration', spec: { unit: 'workingHours', amount: 5 } },
  {
    kind: 'byAttribute',
    cases: [{ when: [{ attribute: 'amount', lt: 100 }], spec: { unit: 'hours', amount: 2 } }],
    otherwise: { unit: 'hours', amount: 24 },
  },
] as const;

const policyIn = (zone: string) =>
  defineSlaPolicy({
    id: 'owned',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone,
    source: { title: 'owned runs' },
    params: {
      timers: conditions.flatMap((appliesWhen, i) =>
        targets.map((target, j) => ({
          id: `t${i}-${j}`,
          rule: 'PROP',
          clause: 'property',
          title: { zh: '性质', en: 'property' },
          ...(appliesWhen === undefined ? {} : { appliesWhen }),
          start: [{ type: j % 2 === 0 ? 'start' : 'open' }],
          stop: [{ type: 'stop' }],
          pause: [{ type: 'pause' }],
          resume: [{ type: 'resume' }],
          target,
          warnings: i % 3 === 0 ? [{ fraction: 0.5 }] : [],
          escalations: i % 2 === 0 ? [{ level: 1, notify: ['lead'], when: { kind: 'atDue' } }] : [],
          ...(i % 4 === 3 ? { severity: 'soft' } : {}),
          breach: { code: 'sla.prop.late', roles: ['handler', 'lead'], lateness: { unit: 'minutes' } },
          consequences: ['reassign'],
        })),
      ),
    },
  });

const event = fc.record({
  type: fc.constantFrom('start', 'open', 'stop', 'pause', 'resume', 'start', 'stop'),
  subject: fc.constantFrom('s1', 's2', 's3', 's4'),
  minute: fc.integer({ min: 0, max: 60 * 24 * 6 }),
  attributes: fc.option(
    fc.record(
      {
        row: fc.constantFrom('A', 'B', 'C'),
        kind: fc.constantFrom('x', 'y', 'z'),
        amount: fc.constantFrom(50, 100, 150, '100'),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  assignees: fc.option(
    fc.constantFrom<Record<string, string>>({ handler: 'h1' }, { handler: 'h2', lead: 'l1' }),
    { nil: undefined },
  ),
});
const log = fc.array(event, { maxLength: 14 }).map((es) =>
  es
    .sort((a, b) => a.minute - b.minute)
    .map(
      (e): SlaEventInput => ({
        type: e.type,
        subject: e.subject,
        at: at(e.minute),
        ...(e.attributes === undefined ? {} : { attributes: e.attributes }),
        ...(e.assignees === undefined ? {} : { assignees: e.assignees }),
      }),
    ),
);
const zone = fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York');

/** A company rule that changes nothing: the pipeline then copies each run at every step. */
const noOp = [{ after: TIMER_STEPS.violations, step: { id: 'acme.noop', run: <S>(s: S) => s } }];

describe('timer runs completed in place (issue 21)', () => {
  it('property: the decision equals the copying pipeline’s, trace included (seeded)', () => {
    let breached = 0;
    fc.assert(
      fc.property(log, zone, fc.integer({ min: 0, max: 60 * 24 * 8 }), (events, z, nowMinute) => {
        const policy = policyIn(z);
        const ctx = makeContext({ now: at(nowMinute), zone: z, calendar });
        const owned = timerStates(events, policy, ctx);
        const copied = timerStates(events, policy, ctx, { customRules: noOp });
        expect(owned).toEqual(copied);
        expect(JSON.stringify(owned)).toBe(JSON.stringify(copied));
        breached += owned.value.filter((s) => s.status === 'breached').length;
      }),
      { seed: 2124, numRuns: 60 },
    );
    expect(breached).toBeGreaterThan(20);
  });

  it('property: a subject has a state of exactly the timers whose events it has and whose conditions hold (seeded)', () => {
    const policy = policyIn('Asia/Shanghai');
    const timers = policy.params.timers;
    let states = 0;
    fc.assert(
      fc.property(log, (events) => {
        const ctx = makeContext({ now: at(60 * 24 * 8), calendar });
        const got = new Set(timerStates(events, policy, ctx).value.map((s) => `${s.subject} ${s.timerId}`));
        const want = new Set<string>();
        for (const subject of new Set(events.map((e) => e.subject))) {
          const mine = events.filter((e) => e.subject === subject);
          const attributes = Object.assign({}, ...mine.map((e) => e.attributes ?? {}));
          const types = new Set(mine.map((e) => e.type));
          for (const t of timers) {
            const reads = [
              ...t.open,
              ...t.start,
              ...t.stop,
              ...t.pause,
              ...t.resume,
              ...t.reset,
              ...t.cancel,
            ];
            if (!reads.some((m) => types.has(m.type))) continue;
            if (!conditionsHold(t.appliesWhen, attributes)) continue;
            want.add(`${subject} ${t.id}`);
          }
        }
        expect([...got].sort()).toEqual([...want].sort());
        states += got.size;
      }),
      { seed: 2125, numRuns: 150 },
    );
    expect(states).toBeGreaterThan(300);
  });

  it('property: the breach step shows each due time as core’s formatInstant does, in both languages (seeded)', () => {
    fc.assert(
      fc.property(log, zone, (events, z) => {
        const policy = policyIn(z);
        const ctx = makeContext({ now: at(60 * 24 * 8), zone: z, calendar });
        const d = timerStates(events, policy, ctx);
        for (const s of d.value) {
          if (s.dueAt === undefined) continue;
          const entry = d.trace.find(
            (e) =>
              (e.data as { timerId?: string; subject?: string; dueAt?: string } | undefined)?.dueAt ===
                s.dueAt &&
              (e.data as { timerId?: string }).timerId === s.timerId &&
              (e.data as { subject?: string }).subject === s.subject,
          );
          expect(entry?.message.zh).toContain(
            `时限 ${formatInstant(s.dueAt, { zone: z, lang: 'zh-CN', showZone: true })}`,
          );
          expect(entry?.message.en).toContain(
            `due ${formatInstant(s.dueAt, { zone: z, lang: 'en', showZone: true })}`,
          );
        }
      }),
      { seed: 2126, numRuns: 60 },
    );
  });

  it('evaluates the 004 preset’s 98 timers on a repair log as the copying pipeline does', () => {
    const rows = ['T5-03', 'T5-13', 'T5-09', 'T4-07'];
    const events = rows.flatMap((row, i) => [
      { type: 'request', subject: `r${i}`, at: at(i), attributes: { row } },
      { type: 'arrive', subject: `r${i}`, at: at(i + 20) },
      { type: 'complete', subject: `r${i}`, at: at(i + 50 + i * 30) },
    ]);
    events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const policy = propertyService004Preset();
    const ctx = makeContext({ now: at(60 * 24), calendar });
    const owned = evaluateTimers({ events }, policy, ctx);
    const copied = timerStates(events, policy, ctx, { customRules: noOp });
    expect(owned.value.result).toEqual(copied.value);
    // The states bench/sla.bench.ts's naive peer finds for the same rows (arrival 20 min, completion 50 min + 30 min per row).
    expect(owned.value.result.map((s) => `${s.subject} ${s.timerId} ${s.status}`)).toEqual([
      'r0 T5-03.arrive met',
      'r0 T5-03.complete breached',
      'r1 T5-13.arrive breached',
      'r1 T5-13.complete met',
      'r2 T5-09.arrive met',
      'r2 T5-09.complete breached',
      'r3 T4-07.arrive met',
    ]);
  });
});
