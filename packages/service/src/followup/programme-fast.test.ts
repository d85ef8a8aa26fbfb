import { chinaCalendar } from '@zhidu/calendar-cn';
import { lateness, makeContext, parseInput, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy } from '../policy.js';
import { s000bPropertyRevisitPolicy as R } from '../presets/index.js';
import { MeasureOptionsSchema, measureParsed, measureProgramme } from './measure.js';
import { parseProgrammeInput } from './programme-fast.js';
import { type Completion, ProgrammeInputSchema, type Trigger } from './programme-schema.js';

const ctx = makeContext({ now: '2024-04-10T09:00:00+08:00', calendar: chinaCalendar() });
const base = R.params.followUps?.[0] as NonNullable<typeof R.params.followUps>[number];
/** Rules that read every branch of the measure loop: channels, roles, an earliest day, soft, working days. */
const policy = defineServicePolicy({
  ...R,
  params: {
    ...R.params,
    followUps: [
      base,
      {
        ...base,
        key: 'phoneRevisit',
        zh: '电话回访',
        en: 'phone revisit',
        action: 'call',
        channels: ['phone'],
        allowedRoles: ['propertyAssistant'],
        earliest: { unit: 'calendarDays', amount: 1 },
        latenessUnit: 'workingDays',
        targetPercent: undefined,
        violationCode: 'service.phoneRevisit',
      },
      {
        ...base,
        key: 'softNote',
        zh: '回访记录',
        en: 'revisit note',
        action: 'note',
        severity: 'soft',
        ratePeriod: 'all',
        violationCode: 'service.softNote',
      },
    ].map(({ targetPercent, ...r }) => (targetPercent === undefined ? r : { ...r, targetPercent })),
  },
});

const INSTANTS = [
  '2024-03-01T10:00:00+08:00',
  '2024-03-02T23:59:00+08:00',
  '2024-03-04T08:00:00+08:00',
  '2024-03-05T15:00:00+08:00',
  '2024-03-08T09:30:00+08:00',
  '2024-04-01T10:00:00+08:00',
  '2024-04-11T10:00:00+08:00',
  '2024-03-04T00:00:00.000Z',
  1709800000000,
];
const at = fc.constantFrom(...INSTANTS);
const id = fc.constantFrom('K-1', 'K-2', 'K-3', 'K-4');
const trigger = fc.record(
  {
    id,
    type: fc.constantFrom('complaintHandled', 'other'),
    at,
    subjectId: fc.constantFrom('room-1', 'room-2'),
    personId: fc.constantFrom('zhang', 'li'),
    level: fc.constantFrom('general', 'major'),
    flags: fc.array(fc.constantFrom('anonymous', 'vip'), { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'type', 'at'] },
);
const completion = fc.record(
  {
    triggerId: id,
    action: fc.constantFrom('revisit', 'call', 'note'),
    at,
    personId: fc.constantFrom('zhang', 'wang'),
    role: fc.constantFrom('propertyAssistant', 'cleaner'),
    channel: fc.constantFrom('phone', 'visit'),
  },
  { requiredKeys: ['triggerId', 'action', 'at'] },
);
const programme = fc
  .record({
    // Distinct trigger ids (a repeated one is refused, tested on its own).
    triggers: fc.uniqueArray(trigger, { selector: (t) => t.id, maxLength: 8 }),
    completions: fc.array(completion, { maxLength: 10 }),
  })
  .map(({ triggers, completions }) => ({
    triggers,
    // Completions name triggers that exist (an unknown one is tested on its own below).
    completions: completions.filter((c) => triggers.some((t) => t.id === c.triggerId)),
  }));

/** What zod makes of an input, or the error it refuses it with. */
function viaZod(input: unknown): unknown {
  try {
    return { value: JSON.stringify(parseInput(ProgrammeInputSchema, input, ['input'])) };
  } catch (e) {
    return refusal(e);
  }
}
function viaFast(input: unknown): unknown {
  try {
    return { value: JSON.stringify(parseProgrammeInput(input)) };
  } catch (e) {
    return refusal(e);
  }
}
function refusal(e: unknown) {
  if (!(e instanceof ZhiduError)) throw e;
  return { code: e.code, path: e.path, message: e.message };
}

/** Breaks one field of a well-formed programme in one of the ways a caller gets it wrong. */
const BREAKS: ((x: {
  triggers: Record<string, unknown>[];
  completions: Record<string, unknown>[];
}) => unknown)[] = [
  (x) => ({ ...x, triggers: x.triggers.map((t, i) => (i === 0 ? { ...t, idd: 'K-9' } : t)) }),
  (x) => ({ ...x, triggers: x.triggers.map((t, i) => (i === 0 ? { ...t, id: '' } : t)) }),
  (x) => ({
    ...x,
    triggers: x.triggers.map((t, i) => (i === 0 ? { ...t, at: '2024-02-30T10:00:00+08:00' } : t)),
  }),
  (x) => ({ ...x, triggers: x.triggers.map((t, i) => (i === 0 ? { ...t, at: '2024-03-04 10:00' } : t)) }),
  (x) => ({ ...x, triggers: x.triggers.map((t, i) => (i === 0 ? { ...t, at: Number.NaN } : t)) }),
  (x) => ({ ...x, triggers: x.triggers.map((t, i) => (i === 0 ? { ...t, flags: ['ok', 3] } : t)) }),
  (x) => ({ ...x, triggers: x.triggers.map((t, i) => (i === 0 ? { ...t, level: 2 } : t)) }),
  (x) => ({ ...x, triggers: x.triggers.map((t, i) => (i === 0 ? null : t)) }),
  (x) => ({ ...x, triggers: x.triggers.map((t, i) => (i === 0 ? [t] : t)) }),
  (x) => ({ ...x, completions: [...x.completions, { triggerId: 'K-1', action: '', at: INSTANTS[0] }] }),
  (x) => ({ ...x, completions: [...x.completions, { triggerId: 'K-1', action: 'revisit' }] }),
  (x) => ({ ...x, completions: [...x.completions, { triggerId: 'K-1', action: 'call', at: 'soon' }] }),
  (x) => ({
    ...x,
    completions: [...x.completions, { triggerId: 'K-1', action: 'call', at: INSTANTS[0], chanel: 'x' }],
  }),
  (x) => ({
    ...x,
    completions: [...x.completions, { triggerId: 'K-1', action: 'call', at: INSTANTS[0], role: null }],
  }),
  (x) => ({ ...x, extra: true }),
  (x) => ({ triggers: x.triggers }),
  (x) => ({ ...x, triggers: 'none' }),
  () => null,
  () => [],
];

describe('measureProgramme fast input validation (issue 21)', () => {
  it('property: a well-formed programme validates to exactly what zod returns (seeded)', () => {
    fc.assert(
      fc.property(programme, (x) => {
        const fast = viaFast(x);
        expect(fast).toEqual(viaZod(x));
        expect(fast).toHaveProperty('value');
      }),
      { seed: 2121, numRuns: 300 },
    );
  });

  it('property: a bad programme is refused with the code, path and message of the zod path (seeded)', () => {
    fc.assert(
      fc.property(
        programme.filter((x) => x.triggers.length > 0),
        fc.integer({ min: 0, max: BREAKS.length - 1 }),
        (x, k) => {
          const bad = (BREAKS[k] as (typeof BREAKS)[number])(x as never);
          const fast = viaFast(bad);
          expect(fast).toEqual(viaZod(bad));
          expect(fast).toHaveProperty('code');
        },
      ),
      { seed: 2122, numRuns: 300 },
    );
  });

  it('refuses each kind of bad input exactly as zod does, naming the field', () => {
    const good = {
      triggers: [{ id: 'K-1', type: 'complaintHandled', at: INSTANTS[0] as string }],
      completions: [{ triggerId: 'K-1', action: 'revisit', at: INSTANTS[3] as string }],
    };
    const seen = new Set<string>();
    for (const b of BREAKS) {
      const bad = b(good);
      const fast = viaFast(bad) as { code: string; path: (string | number)[]; message: string };
      expect(fast).toEqual(viaZod(bad));
      seen.add(fast.code);
    }
    expect([...seen].sort()).toEqual(['invalid_input', 'invalid_instant', 'unknown_key']);
    expect(viaFast(BREAKS[0]?.(good))).toMatchObject({
      code: 'unknown_key',
      path: ['input', 'triggers', 0, 'idd'],
    });
  });

  it('keeps zod’s output for an optional field given as undefined', () => {
    const x = {
      triggers: [{ id: 'K-1', type: 'complaintHandled', at: INSTANTS[0] as string, personId: undefined }],
      completions: [],
    };
    const v = parseProgrammeInput(x);
    expect(v).toEqual(parseInput(ProgrammeInputSchema, x, ['input']));
    expect(Object.keys(v.triggers[0] ?? {})).toEqual(['id', 'type', 'at', 'personId']);
  });

  it('keeps zod’s output for instants given as epoch milliseconds or with an offset', () => {
    const x = {
      triggers: [{ id: 'K-1', type: 'complaintHandled', at: 1709800000000, flags: ['vip'] }],
      completions: [
        { triggerId: 'K-1', action: 'revisit', at: '2024-03-08T09:30:00+08:00', channel: 'phone' },
      ],
    };
    const v = parseProgrammeInput(x);
    expect(v.triggers[0]?.at).toBe('2024-03-07T08:26:40.000Z');
    expect(v.completions[0]?.at).toBe('2024-03-08T01:30:00.000Z');
    expect(v.triggers[0]?.flags).not.toBe(x.triggers[0]?.flags);
    expect(JSON.stringify(v)).toBe(JSON.stringify(parseInput(ProgrammeInputSchema, x, ['input'])));
  });

  it('still refuses a completion of an unknown trigger at its first occurrence', () => {
    const x = {
      triggers: [{ id: 'K-1', type: 'complaintHandled', at: INSTANTS[0] as string }],
      completions: [
        { triggerId: 'K-1', action: 'revisit', at: INSTANTS[3] as string },
        { triggerId: 'K-7', action: 'revisit', at: INSTANTS[3] as string },
        { triggerId: 'K-8', action: 'revisit', at: INSTANTS[3] as string },
      ],
    };
    expect(() => measureProgramme(x, policy, ctx)).toThrow(
      expect.objectContaining({ code: 'unknown_reference', path: ['input', 'completions', 1, 'triggerId'] }),
    );
  });
});

describe('measureProgramme indexed completions (issue 21)', () => {
  /** The task statuses as the completions say, read one by one (the loop the index replaced). */
  function expectedStatus(
    t: Trigger,
    rule: { action: string; channels: string[]; allowedRoles: string[] },
    task: {
      due: { at: string; inclusive: boolean } | null;
      earliest: string | null;
      exempt: boolean;
    },
    completions: Completion[],
  ) {
    const mine = completions
      .filter((c) => c.triggerId === t.id && c.action === rule.action)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const ok = mine.find(
      (c) =>
        (rule.channels.length === 0 || (c.channel !== undefined && rule.channels.includes(c.channel))) &&
        (rule.allowedRoles.length === 0 || (c.role !== undefined && rule.allowedRoles.includes(c.role))),
    );
    const missed = (ms: number) =>
      task.due !== null &&
      (task.due.inclusive ? ms > Date.parse(task.due.at) : ms >= Date.parse(task.due.at));
    if (task.exempt) return { status: 'exempt', completedAt: null };
    if (ok) {
      const ms = Date.parse(ok.at);
      if (task.earliest !== null && ms < Date.parse(task.earliest))
        return { status: 'tooEarly', completedAt: ok.at };
      return { status: missed(ms) ? 'doneLate' : 'done', completedAt: ok.at };
    }
    const nowMissed = missed(Date.parse(ctx.now));
    if (mine.length > 0) return { status: nowMissed ? 'invalid' : 'pending', completedAt: null };
    return { status: nowMissed ? 'overdue' : 'pending', completedAt: null };
  }

  it('property: every task’s status, completion and lateness are those the completions give (seeded)', () => {
    let breaches = 0;
    fc.assert(
      fc.property(programme, (x) => {
        const m = measureProgramme(x, policy, ctx, { accountable: { personId: 'boss' } }).value;
        const input = parseProgrammeInput(x);
        const rules = policy.params.followUps ?? [];
        const pairs = input.triggers.flatMap((t) =>
          rules.filter((r) => r.trigger === t.type).map((r) => [t, r] as const),
        );
        expect(m.tasks.map((k) => k.id)).toEqual(pairs.map(([t, r]) => `${r.key}:${t.id}`));
        m.tasks.forEach((task, i) => {
          const [t, r] = pairs[i] as (typeof pairs)[number];
          expect({ status: task.status, completedAt: task.completedAt }).toEqual(
            expectedStatus(t, r, task, input.completions),
          );
        });
        // Violations follow the tasks: each hard breach's lateness is core's for its own due time.
        const expected = m.tasks.flatMap((task, i) => {
          const r = (pairs[i] as (typeof pairs)[number])[1];
          const breach = task.status === 'doneLate' || task.status === 'overdue' || task.status === 'invalid';
          if (!breach || r.severity === 'soft' || task.due === null) return [];
          const actual = task.status === 'doneLate' ? (task.completedAt as string) : ctx.now;
          const late = lateness(task.due, actual, { unit: r.latenessUnit }, ctx);
          return [{ unit: r.latenessUnit, units: late.units, ms: late.ms }];
        });
        const got = m.violations.flatMap((v) => (v.lateBy === undefined ? [] : [v.lateBy]));
        expect(got).toEqual(expected);
        breaches += got.length;
      }),
      { seed: 2123, numRuns: 200 },
    );
    expect(breaches).toBeGreaterThan(50);
  });
});

describe('measureProgramme input readers: hidden keys, inherited keys and instant range as zod reads them (issue 21)', () => {
  /** The general path: zod's parse of the input, then the measure. */
  const general = (input: unknown) => {
    try {
      const parsed = parseInput(ProgrammeInputSchema, input, ['input']);
      return JSON.stringify(
        measureParsed(parsed, R, ctx, parseInput(MeasureOptionsSchema, {}, ['options'])).value,
      );
    } catch (e) {
      if (!(e instanceof ZhiduError)) throw e;
      return `refused ${e.code} ${JSON.stringify(e.path)}`;
    }
  };
  const fast = (input: unknown) => {
    try {
      return JSON.stringify(measureProgramme(input as never, R, ctx).value);
    } catch (e) {
      if (!(e instanceof ZhiduError)) throw e;
      return `refused ${e.code} ${JSON.stringify(e.path)}`;
    }
  };
  const trigger = { id: 'K-01', type: 'complaintHandled', at: '2024-03-04T10:00:00+08:00' };

  it('a hidden triggers list does not make room for an unknown key', () => {
    const input = () =>
      Object.defineProperty({ completions: [], extra: 1 }, 'triggers', {
        value: [trigger],
        enumerable: false,
      });
    expect(general(input())).toBe('refused unknown_key ["input","extra"]');
    expect(fast(input())).toBe(general(input()));
    expect(() => parseProgrammeInput(input())).toThrowError(
      expect.objectContaining({ code: 'unknown_key', path: ['input', 'extra'] }),
    );
  });

  it('an enumerable key on Object.prototype is an unknown key of every trigger, as zod reads it', () => {
    const input = () => ({ triggers: [{ ...trigger }], completions: [] });
    Object.defineProperty(Object.prototype, 'note', {
      value: 'x',
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      expect(general(input())).toMatch(/^refused unknown_key/);
      expect(fast(input())).toBe(general(input()));
      expect(() => parseProgrammeInput(input())).toThrowError(
        expect.objectContaining({ code: 'unknown_key' }),
      );
    } finally {
      delete (Object.prototype as { note?: unknown }).note;
    }
  });

  it('an instant outside the years 1000–9999 in UTC is refused as InstantSchema refuses it', () => {
    const cases = [
      { triggers: [{ id: 'K-01', type: 'other', at: '1000-01-01T00:00:00+08:00' }], completions: [] },
      {
        triggers: [trigger],
        completions: [{ triggerId: 'K-01', action: 'revisit', at: '1000-01-01T00:00:00+08:00' }],
      },
      { triggers: [{ ...trigger, at: '9999-12-31T23:00:00-05:00' }], completions: [] },
    ];
    for (const input of cases) {
      expect(general(structuredClone(input))).toMatch(/^refused invalid_instant/);
      expect(fast(structuredClone(input))).toBe(general(structuredClone(input)));
    }
  });
});
