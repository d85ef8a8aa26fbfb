import { chinaCalendar } from '@zhidu/calendar-cn';
import { type EvalContext, makeContext } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outcome } from '../../../core/test/helpers.js';
import { defineServicePolicy, type ServicePolicy } from '../policy.js';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { mapIndex, measureProgramme, TriggerIdIndex } from './measure.js';
import { measureProgrammeOracle } from './oracle/measure.js';

// Issue 21: measureProgramme reads a well-formed programme in one pass (completions indexed by trigger
// id, each trigger checked as it is measured, local days from a per-week zone offset, the usual
// breach's lateness counted directly). The loop it replaced is kept as the oracle these compare with.

const base = R.params.followUps?.[0] as NonNullable<typeof R.params.followUps>[number];
type RuleInput = Record<string, unknown>;
const rule = (over: RuleInput): RuleInput => ({ ...base, ...over });

/** Rules reading every branch: channels, roles, an earliest day, soft, each lateness unit, hour limits, no limit, a responsible role. */
const rich = defineServicePolicy({
  ...R,
  params: {
    ...R.params,
    followUps: [
      base,
      rule({
        key: 'phoneRevisit',
        action: 'call',
        channels: ['phone'],
        allowedRoles: ['propertyAssistant'],
        earliest: { unit: 'calendarDays', amount: 1 },
        latenessUnit: 'workingDays',
        violationCode: 'service.phoneRevisit',
      }),
      rule({
        key: 'softNote',
        action: 'note',
        severity: 'soft',
        ratePeriod: 'all',
        violationCode: 'service.softNote',
      }),
      rule({
        key: 'hourly',
        trigger: 'repairCompleted',
        action: 'revisit',
        due: { unit: 'hours', amount: 30 },
        latenessUnit: 'hours',
        responsible: { role: 'serviceDesk', departmentId: 'propertyOffice' },
        violationCode: 'service.hourly',
      }),
      rule({
        key: 'blocks',
        trigger: 'repairCompleted',
        action: 'call',
        due: { unit: 'workingDays', amount: 2 },
        latenessUnit: 'blocks24h',
        lateCountsForRate: true,
        violationCode: 'service.blocks',
      }),
      rule({
        key: 'minutes',
        trigger: 'repairCompleted',
        action: 'note',
        due: { unit: 'endOfMonth' },
        latenessUnit: 'minutes',
        exemptFlags: ['vip'],
        violationCode: 'service.minutes',
      }),
      rule({
        key: 'open',
        trigger: 'repairCompleted',
        action: 'visit',
        due: null,
        violationCode: 'service.open',
      }),
      // The same key again: the measure shares the key's due times and tallies, as the loop it replaced.
      rule({ key: 'hourly', trigger: 'complaintHandled', action: 'visit', violationCode: 'service.twice' }),
    ].map(({ targetPercent, ...r }) =>
      (r as RuleInput).key === 'softNote' || (r as RuleInput).key === 'blocks'
        ? { ...r, targetPercent: 40 }
        : targetPercent === undefined
          ? r
          : { ...r, targetPercent },
    ),
  },
});

const shanghai = makeContext({ now: '2024-04-10T09:00:00+08:00', calendar: chinaCalendar() });
/** A zone with summer time: the week of 10 March 2024 changes offset, so local days are asked per instant there. */
const newYork = makeContext({
  now: '2024-03-20T09:00:00-04:00',
  zone: 'America/New_York',
  calendar: chinaCalendar(),
});

const INSTANTS = [
  '2024-03-01T10:00:00+08:00',
  '2024-03-02T23:59:00+08:00',
  '2024-03-04T08:00:00+08:00',
  '2024-03-05T15:00:00+08:00',
  '2024-03-08T09:30:00+08:00',
  '2024-03-10T06:30:00Z',
  '2024-03-10T07:30:00.000Z',
  '2024-03-11T03:59:59.999Z',
  '2024-03-31T16:00:00.000Z',
  '2024-04-01T10:00:00+08:00',
  '2024-04-11T10:00:00+08:00',
  '2024-03-04T00:00:00.000Z',
  '2024-03-04T00:00:00.000z',
  1709800000000,
];
const at = fc.constantFrom(...INSTANTS);
const ids = ['K-1', 'K-2', 'K-3', 'K-4', 'K-5'];
const trigger = fc.record(
  {
    id: fc.constantFrom(...ids),
    type: fc.constantFrom('complaintHandled', 'repairCompleted', 'other'),
    at,
    subjectId: fc.constantFrom('room-1', 'room-2'),
    personId: fc.constantFrom('zhang', 'li', ''),
    level: fc.constantFrom('general', 'major', 'toString'),
    flags: fc.array(fc.constantFrom('anonymous', 'vip'), { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'type', 'at'] },
);
const completion = fc.record(
  {
    triggerId: fc.constantFrom(...ids),
    action: fc.constantFrom('revisit', 'call', 'note', 'visit'),
    at,
    personId: fc.constantFrom('zhang', 'wang'),
    role: fc.constantFrom('propertyAssistant', 'cleaner'),
    channel: fc.constantFrom('phone', 'visit'),
  },
  { requiredKeys: ['triggerId', 'action', 'at'] },
);
const programme = fc.record({
  // Distinct trigger ids (a repeated one is refused, tested on its own).
  triggers: fc.uniqueArray(trigger, { selector: (t) => t.id, maxLength: 10 }),
  completions: fc.array(completion, { maxLength: 12 }),
});
const options = fc.constantFrom<Record<string, unknown>>(
  {},
  { accountable: { personId: 'boss' } },
  { accountable: { personId: 'boss', role: 'manager' }, ruleKeys: ['complaintRevisit', 'blocks', 'hourly'] },
  { ruleKeys: ['softNote'] },
);

function both(input: unknown, policy: ServicePolicy, ctx: EvalContext, opts: unknown = {}) {
  return {
    now: outcome(() => measureProgramme(input as never, policy, ctx, opts as never)),
    before: outcome(() => measureProgrammeOracle(input as never, policy, ctx, opts as never)),
  };
}

describe('measureProgramme one-pass read (issue 21)', () => {
  it('property: decisions deep-equal the previous loop’s, trace and violations included, in two zones (seeded)', () => {
    let decisions = 0;
    let refusals = 0;
    fc.assert(
      fc.property(
        programme,
        options,
        fc.constantFrom(shanghai, newYork),
        fc.constantFrom<ServicePolicy>(rich, R),
        (x, opts, ctx, policy) => {
          const { now, before } = both(x, policy, ctx, opts);
          expect(now).toEqual(before);
          if ('json' in now) decisions++;
          else refusals++;
        },
      ),
      { seed: 2131, numRuns: 400 },
    );
    // Both kinds were exercised: decisions, and completions of unknown triggers refused.
    expect(decisions).toBeGreaterThan(50);
    expect(refusals).toBeGreaterThan(20);
  });

  it('property: programmes whose completions all name a trigger give equal decisions with breaches of every kind (seeded)', () => {
    const codes = new Set<string>();
    fc.assert(
      fc.property(programme, options, fc.constantFrom(shanghai, newYork), (x, opts, ctx) => {
        const known = new Set(x.triggers.map((t) => t.id));
        const input = {
          triggers: x.triggers,
          completions: x.completions.filter((c) => known.has(c.triggerId)),
        };
        const { now, before } = both(input, rich, ctx, opts);
        expect(now).toEqual(before);
        if ('value' in now)
          for (const v of (now.value as ReturnType<typeof measureProgramme>).value.violations)
            codes.add(v.code);
      }),
      { seed: 2132, numRuns: 300 },
    );
    expect([...codes].sort()).toEqual(
      expect.arrayContaining([
        'service.blocks.late',
        'service.blocks.missing',
        'service.complaintRevisit.late',
        'service.complaintRevisit.missing',
        'service.hourly.missing',
        'service.minutes.missing',
        'service.phoneRevisit.missing',
      ]),
    );
  });

  it('counts the usual breach’s lateness as core does: calendar days across a month end, hours, minutes', () => {
    const ctx = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() });
    const x = {
      triggers: [
        { id: 'K-1', type: 'complaintHandled', at: '2024-03-29T10:00:00+08:00', personId: 'zhang' },
        { id: 'K-2', type: 'repairCompleted', at: '2024-03-29T10:00:00+08:00', personId: 'li' },
      ],
      completions: [
        { triggerId: 'K-1', action: 'revisit', at: '2024-04-03T15:00:00+08:00' },
        { triggerId: 'K-2', action: 'revisit', at: '2024-03-30T17:01:00+08:00' },
      ],
    };
    const m = measureProgramme(x, rich, ctx).value;
    // Due 04-01 23:59:59.999 (3 calendar days), done 04-03: 2 days late; due 03-30 16:00 (30 h), done 17:01:
    // 2 started hours; due at the end of March, not done by 05-01 00:00: 30 days and 1 ms, 43,201 started minutes.
    const mine = ['service.complaintRevisit.late', 'service.hourly.late', 'service.minutes.missing'];
    const found = m.violations.filter((v) => mine.includes(v.code));
    expect(found.map((v) => [v.code, v.lateBy?.units, v.lateBy?.unit])).toEqual([
      ['service.complaintRevisit.late', 2, 'calendarDays'],
      ['service.hourly.late', 2, 'hours'],
      ['service.minutes.missing', 43_201, 'minutes'],
    ]);
    expect(JSON.stringify(m)).toBe(JSON.stringify(measureProgrammeOracle(x, rich, ctx).value));
  });

  it('shares one frozen source per rule among its usual breaches, equal to the one violation() builds', () => {
    const ctx = makeContext({ now: '2024-05-01T00:00:00+08:00', calendar: chinaCalendar() });
    const x = {
      triggers: ['K-1', 'K-2'].map((id) => ({
        id,
        type: 'complaintHandled',
        at: '2024-03-29T10:00:00+08:00',
        personId: 'zhang',
      })),
      completions: [],
    };
    const [a, b] = measureProgramme(x, R, ctx).value.violations;
    expect(a?.source).toEqual({ module: 'service.followup', rule: 'S000B-FOLLOWUP-04', clause: '000 L1021' });
    expect(a?.source).toBe(b?.source);
    expect(Object.isFrozen(a?.source)).toBe(true);
    expect(measureProgrammeOracle(x, R, ctx).value.violations[0]?.source).toEqual(a?.source);
  });
});

describe('measureProgramme one-pass read: bad input is refused as before (issue 21)', () => {
  const good = {
    triggers: [
      { id: 'K-1', type: 'complaintHandled', at: '2024-03-01T10:00:00+08:00', personId: 'zhang' },
      { id: 'K-2', type: 'complaintHandled', at: '2024-03-04T10:00:00+08:00' },
    ],
    completions: [{ triggerId: 'K-1', action: 'revisit', at: '2024-03-05T15:00:00+08:00' }],
  };
  type Good = typeof good;
  const BAD: [string, (g: Good) => unknown, unknown?][] = [
    ['an unknown trigger key', (g) => ({ ...g, triggers: [{ ...g.triggers[0], idd: 'x' }, g.triggers[1]] })],
    ['an empty trigger id', (g) => ({ ...g, triggers: [g.triggers[0], { ...g.triggers[1], id: '' }] })],
    [
      'a day that does not exist',
      (g) => ({ ...g, triggers: [{ ...g.triggers[0], at: '2024-02-30T10:00:00+08:00' }] }),
    ],
    [
      'an instant without an offset',
      (g) => ({ ...g, triggers: [{ ...g.triggers[0], at: '2024-03-04 10:00' }] }),
    ],
    ['a flag that is not text', (g) => ({ ...g, triggers: [{ ...g.triggers[0], flags: ['ok', 3] }] })],
    ['an optional key given as null', (g) => ({ ...g, triggers: [{ ...g.triggers[0], personId: null }] })],
    ['a trigger that is not an object', (g) => ({ ...g, triggers: [g.triggers[0], 'K-2'] })],
    [
      'the last of many triggers broken',
      (g) => ({ ...g, triggers: [...g.triggers, ...g.triggers, { id: 'K-9' }] }),
    ],
    [
      'a completion without an instant',
      (g) => ({ ...g, completions: [{ triggerId: 'K-1', action: 'revisit' }] }),
    ],
    [
      'a completion with a misspelt key',
      (g) => ({ ...g, completions: [{ ...g.completions[0], chanel: 'phone' }] }),
    ],
    [
      'a completion of an unknown trigger',
      (g) => ({
        ...g,
        completions: [...g.completions, { triggerId: 'K-7', action: 'revisit', at: g.completions[0]?.at }],
      }),
    ],
    ['an extra top-level key', (g) => ({ ...g, extra: 1 })],
    [
      'an instant before the year 1000 (its local date is refused)',
      (g) => ({ ...g, triggers: [{ ...g.triggers[0], at: '0999-12-31T10:00:00+08:00' }] }),
    ],
    ['no completions', (g) => ({ triggers: g.triggers })],
    ['not an object', () => null],
    ['bad options', (g) => g, { ruleKeys: 'complaintRevisit' }],
    [
      'bad options and a bad trigger (the input is refused first)',
      (g) => ({ ...g, triggers: [{ id: 1 }] }),
      { accountable: {} },
    ],
    [
      'bad options and a completion of an unknown trigger (the options are refused first)',
      (g) => ({ ...g, completions: [{ triggerId: 'K-7', action: 'revisit', at: g.completions[0]?.at }] }),
      { extra: true },
    ],
  ];

  it.each(BAD)('refuses %s with the code, path and message of the previous loop', (_, make, opts) => {
    const { now, before } = both(make(good), rich, shanghai, opts ?? {});
    expect(now).toEqual(before);
    expect(now).toHaveProperty('code');
  });

  it('names the first completion of an unknown trigger, in input order', () => {
    const x = {
      triggers: good.triggers,
      completions: [
        ...good.completions,
        { triggerId: 'K-8', action: 'revisit', at: '2024-03-05T15:00:00+08:00' },
        { triggerId: 'K-7', action: 'revisit', at: '2024-03-05T15:00:00+08:00' },
        { triggerId: 'K-8', action: 'revisit', at: '2024-03-06T15:00:00+08:00' },
      ],
    };
    const refused = outcome(() => measureProgramme(x, rich, shanghai));
    expect(refused).toMatchObject({
      code: 'unknown_reference',
      path: ['input', 'completions', 1, 'triggerId'],
    });
    expect((refused as { message: string }).message).toContain('没有触发事项 "K-8" / no trigger "K-8"');
  });

  it('refuses a policy without follow-ups before an unknown trigger, as before', () => {
    const none = defineServicePolicy({ ...R, params: { revisit: R.params.revisit } });
    const x = {
      ...good,
      completions: [{ triggerId: 'K-7', action: 'revisit', at: '2024-03-05T15:00:00+08:00' }],
    };
    const { now, before } = both(x, none, shanghai);
    expect(now).toEqual(before);
    expect(now).toMatchObject({ code: 'invalid_input', path: ['policy', 'params', 'followUps'] });
  });

  it('reads each field of a well-formed entry once (a getter is not asked twice)', () => {
    let reads = 0;
    const t = {
      id: 'K-1',
      type: 'complaintHandled',
      get at() {
        reads++;
        return '2024-03-01T10:00:00+08:00';
      },
    };
    const m = measureProgramme({ triggers: [t], completions: [] }, rich, shanghai).value;
    expect(reads).toBe(1);
    expect(m.tasks.map((k) => [k.ruleKey, k.due?.at])).toEqual([
      ['complaintRevisit', '2024-03-04T15:59:59.999Z'],
      ['phoneRevisit', '2024-03-04T15:59:59.999Z'],
      ['softNote', '2024-03-04T15:59:59.999Z'],
      ['hourly', '2024-03-04T15:59:59.999Z'],
    ]);
  });
});

describe('measureProgramme trigger-id index (issue 21)', () => {
  it('property: each id’s first completion and the links after it equal a Map’s, also when the Map takes over (seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 80 }),
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 20 }),
        fc.constantFrom(0, 1, 32),
        (ids, asked, maxProbe) => {
          const next = new Int32Array(ids.length).fill(-1);
          const index = new TriggerIdIndex(ids, next, maxProbe);
          const expectedNext = new Int32Array(ids.length).fill(-1);
          const expected = mapIndex(ids, expectedNext);
          expect([...next]).toEqual([...expectedNext]);
          expect(index.size).toBe(expected.size);
          for (const id of [...ids, ...asked]) expect(index.first(id)).toBe(expected.get(id) ?? -1);
        },
      ),
      { seed: 2134, numRuns: 300 },
    );
  });

  it('property: large tables answer as a Map for held and absent ids, the absent ones mostly by the filter of held hashes (seeded)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.string({ maxLength: 6 }), { maxLength: 200 }),
        (n, repeat, asked) => {
          // Ids like a programme's (a prefix and a number), some repeated, every third one left out.
          const ids = Array.from({ length: n }, (_, i) => `K-${Math.floor(i / repeat) * 3}`);
          const next = new Int32Array(ids.length).fill(-1);
          const index = new TriggerIdIndex(ids, next);
          const expected = mapIndex(ids, new Int32Array(ids.length));
          expect(index.size).toBe(expected.size);
          const absent = Array.from({ length: n }, (_, i) => `K-${i * 3 + 1}`);
          const all = [...ids, ...absent, ...asked];
          expect(all.map((id) => index.first(id))).toEqual(all.map((id) => expected.get(id) ?? -1));
        },
      ),
      { seed: 2181, numRuns: 30 },
    );
  });

  it('steps aside to a Map when ids collide, with the same answers', () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => `K-${i % 1_500}`);
    const next = new Int32Array(ids.length).fill(-1);
    const index = new TriggerIdIndex(ids, next, 0);
    expect(index.size).toBe(1_500);
    expect([index.first('K-7'), next[7], next[1_507], index.first('K-1500')]).toEqual([7, 1_507, -1, -1]);
  });

  it('property: programmes of many distinct ids give the previous loop’s decision (seeded)', () => {
    const manyIds = fc.string({ minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: manyIds,
            type: fc.constant('complaintHandled'),
            at,
            personId: fc.constant('zhang'),
          }),
          {
            maxLength: 60,
          },
        ),
        fc.array(fc.record({ triggerId: manyIds, action: fc.constantFrom('revisit', 'call'), at }), {
          maxLength: 60,
        }),
        (triggers, extra) => {
          const completions = [
            ...triggers
              .filter((_, i) => i % 3 !== 0)
              .map((t) => ({ triggerId: t.id, action: 'revisit', at: t.at })),
            ...extra.filter((c) => triggers.some((t) => t.id === c.triggerId)),
          ];
          const { now, before } = both({ triggers, completions }, rich, shanghai, {
            accountable: { personId: 'boss' },
          });
          expect(now).toEqual(before);
          expect(now).toHaveProperty('json');
        },
      ),
      { seed: 2135, numRuns: 60 },
    );
  });
});
