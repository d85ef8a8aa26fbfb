import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, parseInput, ViolationSchema, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { assessPenalties } from './entry-points.js';
import { fileLines } from './filing.js';
import { LedgerInputSchema, penaltyLedger, penaltyLedgerWith } from './modules.js';
import type { DraftLine } from './outcomes.js';
import { dealerFileSchedule } from './presets/dealer-file.js';
import { fastViolation, ViolationInputSchema, violationListSchema } from './violation-input.js';

// Issue 21: bulk pricing takes fast paths (a plain-object check instead of zod for well-formed
// violations, no regrouping of lines already in filing order, no identity search for copied lines
// without custom rules). Each must give exactly what the general path gives.

/** The input schema as it was: zod parses every violation. */
const ZodLedgerInputSchema = z.strictObject({
  violations: z.array(ViolationInputSchema),
  roster: LedgerInputSchema.shape.roster,
  pay: LedgerInputSchema.shape.pay,
  trace: LedgerInputSchema.shape.trace,
});

const ctx = makeContext({ now: '2024-06-30T18:00:00+08:00', calendar: chinaCalendar() });
const schedule = dealerFileSchedule();
const base = {
  code: 'records.handover.late',
  personId: 'sc-1',
  role: 'salesConsultant',
  occurredAt: '2024-03-08T02:00:00.000Z',
  source: { module: 'records', rule: 'S000-ARCHIVE-07' },
};

const instant = fc.oneof(
  { arbitrary: fc.constant('2024-03-08T10:00:00+08:00'), weight: 3 },
  {
    arbitrary: fc
      .date({
        min: new Date('2024-03-01T00:00:00Z'),
        max: new Date('2024-05-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
    weight: 12,
  },
  fc.constantFrom(
    '2024-03-07T23:59:59+08:00',
    '2024-03-07T15:59:59Z',
    '2024-04-01T09:00:00.000+08:00',
    '2024-02-30T00:00:00.000Z',
    '2024-03-07T25:00:00.000Z',
    'nonsense',
    '',
  ),
  fc.integer({ min: Date.parse('2024-03-01T00:00:00Z'), max: Date.parse('2024-05-31T00:00:00Z') }),
);

/** Mostly `good`, sometimes `bad`. */
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 30 }, { arbitrary: bad, weight: 1 });

/** Violation-like values: mostly well formed, each field sometimes wrong, missing, misspelt or undefined. */
const violationLike = fc
  .record({
    code: mostly(
      fc.constantFrom('records.handover.late', 'records.signature.missing'),
      fc.constantFrom('', 7),
    ),
    personId: mostly(fc.constantFrom('sc-1', 'sc-2', 'sa-1'), fc.constantFrom('', null)),
    role: fc.option(
      mostly(fc.constantFrom('salesConsultant', 'serviceAdvisor', ''), fc.constantFrom(3, undefined)),
      {
        nil: undefined,
      },
    ),
    departmentId: fc.option(mostly(fc.constantFrom('d1', ''), fc.constant(false)), {
      nil: undefined,
      freq: 3,
    }),
    occurredAt: instant,
    quantity: fc.option(
      mostly(fc.constantFrom(1, 2, 3), fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, '2')),
      { nil: undefined },
    ),
    lateBy: fc.option(
      mostly(
        fc.oneof(
          fc.record({ unit: fc.constantFrom('workingDays', 'minutes', 'blocks24h'), units: fc.nat(30) }),
          fc.record({ unit: fc.constantFrom('minutes', 'hours'), units: fc.nat(90), ms: fc.nat(600_000) }),
        ),
        fc.oneof(
          fc.constant({ unit: 'fortnights', units: 1 }),
          fc.constant({ unit: 'minutes', units: 2.5 }),
          fc.constant({ unit: 'minutes', units: 1, ms: undefined }),
          fc.constant({ unit: 'minutes', units: 1, ms: -5 }),
          fc.constant({ unit: 'workingDays', units: 1, extra: true }),
          fc.constant('1 day'),
        ),
      ),
      { nil: undefined },
    ),
    subject: fc.option(
      mostly(
        fc.record({ kind: fc.constantFrom('file'), id: fc.constantFrom('F1', 'F2') }),
        fc.constantFrom({ kind: 'file', id: 'F1', note: 'x' }, { kind: '', id: 'F1' }, null),
      ),
      { nil: undefined },
    ),
    source: mostly(
      fc.constantFrom(
        { module: 'records', rule: 'S000-ARCHIVE-07' },
        { module: 'records', rule: 'S000-ARCHIVE-07', clause: '000 L245' },
      ),
      fc.constantFrom(
        { module: 'records', rule: 'S000-ARCHIVE-07', clause: undefined },
        { module: '', rule: 'R' },
        { module: 'records' },
        { module: 'records', rule: 'R', clause: 3 },
      ),
    ),
    correctedAt: fc.option(instant, { nil: undefined }),
    data: fc.option(
      mostly(
        fc.dictionary(fc.constantFrom('a', 'b', '2', 'correctionOrderedAt'), fc.jsonValue({ maxDepth: 1 })),
        fc.constantFrom([1, 2], 'data'),
      ),
      { nil: undefined },
    ),
    misspelt: mostly(fc.constant(undefined), fc.constantFrom('personID', 'occuredAt', 'Code')),
    dropKeys: fc.oneof(
      {
        arbitrary: fc.subarray(['role', 'quantity', 'lateBy', 'subject', 'correctedAt', 'data']),
        weight: 20,
      },
      { arbitrary: fc.subarray(['code', 'source', 'personId']), weight: 1 },
    ),
    explicitUndefined: fc.oneof(
      { arbitrary: fc.constant(false), weight: 9 },
      { arbitrary: fc.constant(true), weight: 1 },
    ),
  })
  .map((r) => {
    const v: Record<string, unknown> = {};
    for (const k of [
      'code',
      'personId',
      'role',
      'departmentId',
      'occurredAt',
      'quantity',
      'lateBy',
      'subject',
      'source',
      'correctedAt',
      'data',
    ] as const) {
      if (r.dropKeys.includes(k)) continue;
      const value = r[k];
      if (value !== undefined || r.explicitUndefined) v[k] = value;
    }
    if (r.misspelt !== undefined) v[r.misspelt] = 'x';
    return v;
  });

function refusal(run: () => unknown): { code: string; path: unknown[]; message: string } | 'ok' {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { code: e.code, path: [...e.path], message: e.message };
  }
}

describe('fast violation check (issue 21: bulk validation)', () => {
  it('accepts only what zod accepts, with the very value zod returns (same keys, same order)', () => {
    let accepted = 0;
    let zodOnly = 0;
    fc.assert(
      fc.property(violationLike, (raw) => {
        const fast = fastViolation(raw);
        const zod = ViolationInputSchema.safeParse(raw);
        if (fast === undefined) {
          if (zod.success) zodOnly++;
          return;
        }
        accepted++;
        expect(zod.success).toBe(true);
        if (!zod.success) return;
        expect(fast).toStrictEqual(zod.data);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
        // Nested objects are copies, as zod's are: the caller's objects never leak into a ledger.
        if (typeof raw.subject === 'object' && raw.subject !== null)
          expect(fast.subject).not.toBe(raw.subject);
        if (typeof raw.data === 'object' && raw.data !== null) expect(fast.data).not.toBe(raw.data);
      }),
      { seed: 21, numRuns: 2000 },
    );
    // Both paths really ran: some values took the fast path, some valid ones were left to zod.
    expect(accepted).toBeGreaterThan(200);
    expect(zodOnly).toBeGreaterThan(200);
  });

  it('takes the fast path for the well-formed violations bulk pricing sees', () => {
    const v = fastViolation({
      ...base,
      occurredAt: '2024-03-08T10:00:00+08:00',
      quantity: 2,
      lateBy: { unit: 'workingDays', units: 1 },
      subject: { kind: 'file', id: 'F1' },
      correctedAt: '2024-03-08T03:00:00.000Z',
      data: { parties: { customerDirector: 'p-cd' } },
    });
    expect(v?.occurredAt).toBe('2024-03-08T02:00:00.000Z');
    expect(v?.correctedAt).toBe('2024-03-08T03:00:00.000Z');
    expect(v?.data).toEqual({ parties: { customerDirector: 'p-cd' } });
  });

  it.each([
    ['a misspelt field', { ...base, personID: 'sc-1' }],
    ['an explicit undefined', { ...base, role: undefined }],
    ['an epoch instant (zod converts it)', { ...base, occurredAt: 1_709_863_200_000 }],
    ['an impossible date', { ...base, occurredAt: '2024-02-30T00:00:00.000Z' }],
    ['an empty code', { ...base, code: '' }],
    ['a fractional quantity', { ...base, quantity: 1.5 }],
    ['-0 units', { ...base, lateBy: { unit: 'workingDays', units: -0 } }],
    ['an extra source key', { ...base, source: { ...base.source, extra: 1 } }],
    ['data with __proto__', { ...base, data: JSON.parse('{"__proto__": 1}') }],
    ['a class instance', Object.assign(Object.create({ inherited: true }), base)],
    ['data with a class-like constructor', { ...base, data: { constructor: function Foo() {} } }],
    ['data with a constructor key', { ...base, data: { constructor: 'x' } }],
    // A hidden known key does not make room for an unknown one (zod refuses `bogus`).
    [
      'a hidden known key beside an unknown one',
      Object.defineProperty({ ...base, bogus: 1 }, 'role', { value: 'salesConsultant', enumerable: false }),
    ],
    [
      'a hidden subject key beside an unknown one',
      {
        ...base,
        subject: Object.defineProperty({ id: 'F1', bogus: 1 }, 'kind', { value: 'file', enumerable: false }),
      },
    ],
  ])('leaves %s to zod', (_name, raw) => {
    expect(fastViolation(raw)).toBeUndefined();
  });

  it('refuses data whose own constructor is a class-like function, as zod does, in the ledger too', () => {
    // zod's record takes such an object for an instance, not a record: the fast reader copied it.
    const raw = { ...base, data: { constructor: function Foo() {} } };
    expect(ViolationInputSchema.safeParse(raw).success).toBe(false);
    expect(() => assessPenalties({ violations: [raw] }, schedule, ctx)).toThrowError(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'violations', 0, 'data'] }),
    );
  });

  it('reads each value once: a getter that changes after the check cannot reach the ledger', () => {
    // A getter gives a valid value on its first read and an empty one after: the violation is
    // checked and copied from the same read, so the ledger holds the valid value (zod, which
    // also reads once, gives the same).
    const flipping = (first: string) => {
      let reads = 0;
      return { get: () => (reads++ === 0 ? first : ''), enumerable: true };
    };
    const subject = Object.defineProperty({ id: 'F1' } as Record<string, unknown>, 'kind', flipping('file'));
    const source = Object.defineProperty(
      { rule: 'S000-ARCHIVE-07' } as Record<string, unknown>,
      'module',
      flipping('records'),
    );
    const raw = Object.defineProperty({ ...base, subject, source }, 'occurredAt', {
      get: (() => {
        let reads = 0;
        return () => (reads++ === 0 ? '2024-03-08T02:00:00.000Z' : 'not an instant');
      })(),
      enumerable: true,
    });
    const v = fastViolation(raw);
    expect(v?.subject).toEqual({ kind: 'file', id: 'F1' });
    expect(v?.source).toEqual({ module: 'records', rule: 'S000-ARCHIVE-07' });
    expect(v?.occurredAt).toBe('2024-03-08T02:00:00.000Z');
  });
});

describe('violation list schema (issue 21: bulk validation)', () => {
  it('has the JSON Schema of z.array(ViolationInputSchema)', () => {
    expect(z.toJSONSchema(violationListSchema(), { io: 'input', unrepresentable: 'any' })).toEqual(
      z.toJSONSchema(z.array(ViolationInputSchema), { io: 'input', unrepresentable: 'any' }),
    );
    expect(penaltyLedger.jsonSchema.input).toEqual(
      z.toJSONSchema(ZodLedgerInputSchema, { io: 'input', unrepresentable: 'any' }),
    );
  });

  it('parses and refuses lists exactly as zod does: same value, or the same code, path and message', () => {
    fc.assert(
      fc.property(fc.array(violationLike, { maxLength: 6 }), fc.boolean(), (list, pad) => {
        // Padded past core's large-list bound (1,000 entries) so its pre-scan runs as well.
        const violations = pad ? [...Array.from({ length: 1200 }, () => ({ ...base })), ...list] : list;
        const input = { violations, trace: 'summary' };
        const fast = refusal(() => parseInput(LedgerInputSchema, input, ['input']));
        const zod = refusal(() => parseInput(ZodLedgerInputSchema, input, ['input']));
        expect(fast).toEqual(zod);
        if (fast === 'ok') {
          expect(parseInput(LedgerInputSchema, input, ['input'])).toStrictEqual(
            parseInput(ZodLedgerInputSchema, input, ['input']),
          );
        }
      }),
      { seed: 2121, numRuns: 150 },
    );
  });

  it('refuses a bad entry deep in a 10^4-violation list with the error zod gives', () => {
    const violations: unknown[] = Array.from({ length: 10_000 }, (_, i) => ({
      ...base,
      subject: { kind: 'file', id: `F${i}` },
    }));
    violations[7_321] = { ...base, occuredAt: base.occurredAt };
    const fast = refusal(() => penaltyLedger.evaluate({ violations } as never, schedule, ctx));
    const zod = refusal(() => parseInput(ZodLedgerInputSchema, { violations }, ['input']));
    expect(fast).not.toBe('ok');
    expect(fast).toEqual(zod);
    expect(fast).toMatchObject({ code: 'unknown_key', path: ['input', 'violations', 7_321, 'occuredAt'] });
  });

  it('refuses an impossible instant in a large list as invalid_instant at its path', () => {
    const violations: unknown[] = Array.from({ length: 2_000 }, () => ({ ...base }));
    violations[1_999] = { ...base, correctedAt: '2024-02-30T10:00:00.000Z' };
    const fast = refusal(() => penaltyLedger.evaluate({ violations } as never, schedule, ctx));
    expect(fast).toEqual(refusal(() => parseInput(ZodLedgerInputSchema, { violations }, ['input'])));
    expect(fast).toMatchObject({
      code: 'invalid_instant',
      path: ['input', 'violations', 1_999, 'correctedAt'],
    });
  });
});

const codes = [
  'records.handover.late',
  'records.item.missing',
  'records.item.defective',
  'records.signature.missing',
  'records.signature.staffMissing',
  'records.file.lost',
  'service.intake.contactUnconfirmed',
];
const start = Date.parse('2024-03-01T00:00:00+08:00');
const pricedViolation = fc
  .record({
    code: fc.constantFrom(...codes),
    person: fc.constantFrom(
      ['sc-1', 'salesConsultant'],
      ['sc-2', 'salesConsultant'],
      ['sa-1', 'serviceAdvisor'],
      ['sa-2', 'serviceAdvisor'],
    ),
    minutes: fc.integer({ min: 0, max: 60 * 24 * 90 }),
    quantity: fc.integer({ min: 1, max: 4 }),
    fixMinutes: fc.option(fc.integer({ min: 0, max: 60 * 24 * 6 })),
    file: fc.integer({ min: 1, max: 3 }),
    ordered: fc.boolean(),
  })
  .map(({ code, person, minutes, quantity, fixMinutes, file, ordered }) => {
    const at = start + minutes * 60_000;
    return {
      code,
      personId: person[0] ?? '',
      role: person[1] ?? '',
      occurredAt: new Date(at).toISOString(),
      quantity,
      lateBy: { unit: 'workingDays' as const, units: 1 },
      subject: { kind: 'file', id: `F${file}` },
      source: { module: 'records', rule: 'S000-ARCHIVE-07' },
      ...(fixMinutes === null ? {} : { correctedAt: new Date(at + fixMinutes * 60_000).toISOString() }),
      ...(ordered ? { data: { correctionOrderedAt: new Date(at + 3_600_000).toISOString() } } : {}),
    };
  });

describe('bulk pricing paths give the decision of the general path (issue 21)', () => {
  it('the fast-validated list prices exactly as the zod-parsed list (an epoch instant sends it all through zod)', () => {
    fc.assert(
      fc.property(fc.array(pricedViolation, { minLength: 1, maxLength: 40 }), (violations) => {
        const fast = penaltyLedger.evaluate({ violations }, schedule, ctx);
        const first = violations[0] as (typeof violations)[number];
        const viaZod = [{ ...first, occurredAt: Date.parse(first.occurredAt) }, ...violations.slice(1)];
        expect(fastViolation(viaZod[0])).toBeUndefined();
        const zod = penaltyLedger.evaluate({ violations: viaZod } as never, schedule, ctx);
        expect(fast.value).toStrictEqual(zod.value);
        expect(fast.trace).toStrictEqual(zod.trace);
      }),
      { seed: 4242, numRuns: 60 },
    );
  });

  it('without custom rules the ledger and trace equal those of a pipeline with a no-op custom rule', () => {
    const withRule = penaltyLedgerWith({
      customRules: [{ after: 'S000-PENALTY-06', step: { id: 'acme.noop', run: (s) => s } }],
    });
    fc.assert(
      fc.property(
        fc.array(pricedViolation, { maxLength: 60 }),
        fc.constantFrom('lines', 'summary'),
        (violations, trace) => {
          const plain = penaltyLedger.evaluate(
            { violations, trace: trace as 'lines' | 'summary' },
            schedule,
            ctx,
          );
          const general = withRule.evaluate(
            { violations, trace: trace as 'lines' | 'summary' },
            schedule,
            ctx,
          );
          expect(plain.value).toStrictEqual(general.value);
          expect(plain.trace).toStrictEqual(general.trace);
          const violators = new Set<string>(violations.map((v) => v.personId));
          expect(plain.value.result.persons.every((p) => violators.has(p.personId))).toBe(true);
          expect(plain.value.result.total).toBe(plain.value.result.persons.reduce((a, p) => a + p.total, 0));
        },
      ),
      { seed: 2024, numRuns: 60 },
    );
  });

  it('lines already in filing order are filed as regrouped lines are', () => {
    const line = (personId: string, period: string, at: string, n: number): DraftLine => ({
      personId,
      period,
      at,
      item: `i${n}`,
      rule: 'S000-PENALTY-01',
      clause: '000 L247',
      code: 'records.handover.late',
      violatorId: personId,
      kind: 'fine',
      status: 'charged',
      amount: 100 * n,
      arithmetic: `${n}`,
      message: { zh: `${n}`, en: `${n}` },
    });
    const draft = fc.record({
      personId: fc.constantFrom('a', 'b', 'c'),
      month: fc.constantFrom('03', '04'),
      day: fc.constantFrom('01', '15', '28'),
    });
    fc.assert(
      fc.property(fc.array(draft, { maxLength: 30 }), fc.boolean(), (ds, sortFirst) => {
        const make = () =>
          ds.map((d, i) =>
            line(d.personId, `2024-${d.month}`, `2024-${d.month}-${d.day}T00:00:00.000Z`, i + 1),
          );
        const a = make();
        if (sortFirst)
          a.sort((x, y) =>
            x.personId + x.at < y.personId + y.at ? -1 : x.personId + x.at > y.personId + y.at ? 1 : 0,
          );
        // The reference: each person's lines stably sorted by period and time, persons by id.
        const expected = [...a]
          .map((l, i) => ({ l, i }))
          .sort((x, y) =>
            x.l.personId !== y.l.personId
              ? x.l.personId < y.l.personId
                ? -1
                : 1
              : x.l.period !== y.l.period
                ? x.l.period < y.l.period
                  ? -1
                  : 1
                : x.l.at !== y.l.at
                  ? x.l.at < y.l.at
                    ? -1
                    : 1
                  : x.i - y.i,
          )
          .map((x) => x.l.item);
        const ledger = fileLines(a, schedule.params, schedule, []);
        const filed = ledger.persons.flatMap((p) => p.periods.flatMap((q) => q.lines.map((l) => l.item)));
        expect(filed).toEqual(expected);
        expect(ledger.total).toBe(a.reduce((s, l) => s + l.amount, 0));
      }),
      { seed: 77, numRuns: 300 },
    );
  });

  it('core ViolationSchema and the fast check agree on a canonical violation', () => {
    const raw = { ...base, quantity: 3, subject: { kind: 'file', id: 'F9' } };
    expect(fastViolation(raw)).toStrictEqual(ViolationSchema.parse(raw));
  });
});
