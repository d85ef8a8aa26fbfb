import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { penaltyLedger } from './modules.js';
import { priceViolations as oraclePrice } from './oracle/pipeline.js';
import { fastViolation as oracleFastViolation } from './oracle/violation-input.js';
import { type PenaltyCustomRule, priceViolations } from './pipeline.js';
import { PRESET_JSON } from './presets/index.js';
import type { FineSchedule } from './schedule.js';
import { fastViolation } from './violation-input.js';

// Issue 21, allocation sites: a ledger's lines, trace entries, messages, data, notes, person and
// period records, matched entries and parsed violations are built by constructors whose prototype is
// Object.prototype (./plain.ts) instead of literals. They must be the very plain objects the literals
// were: prototype Object.prototype, own keys in the same order, the same JSON, strictly equal to
// what the code before built (./oracle, whose fast violation check is the one before too).

/** Walks two values side by side: every object plain (or an array), same own keys in the same order. */
function sameShape(a: unknown, b: unknown, path = '$'): void {
  if (Array.isArray(a) || Array.isArray(b)) {
    expect(Array.isArray(a) && Array.isArray(b), path).toBe(true);
    const x = a as unknown[];
    const y = b as unknown[];
    expect(Object.getPrototypeOf(x), path).toBe(Array.prototype);
    expect(x.length, path).toBe(y.length);
    for (let i = 0; i < x.length; i++) sameShape(x[i], y[i], `${path}[${i}]`);
    return;
  }
  if (a !== null && typeof a === 'object') {
    expect(b !== null && typeof b === 'object', path).toBe(true);
    expect(Object.getPrototypeOf(a), path).toBe(Object.prototype);
    expect(Object.getPrototypeOf(b), path).toBe(Object.prototype);
    expect((a as object).constructor, path).toBe(Object);
    expect(Object.keys(a as object), path).toEqual(Object.keys(b as object));
    for (const k of Object.keys(a as object))
      sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(Object.is(a, b), `${path}: ${String(a)} vs ${String(b)}`).toBe(true);
}

/** Both values the same plain objects: shape, strict equality, JSON and structured clone. */
function samePlain(fresh: unknown, old: unknown): void {
  sameShape(fresh, old);
  expect(fresh).toStrictEqual(old);
  expect(JSON.stringify(fresh)).toBe(JSON.stringify(old));
  expect(structuredClone(fresh)).toStrictEqual(structuredClone(old));
}

type Run = { ok: unknown } | { refused: [string, readonly (string | number)[], string] };

function run(f: () => unknown): Run {
  try {
    return { ok: f() };
  } catch (e) {
    if (e instanceof ZhiduError) return { refused: [e.code, e.path, e.message] };
    throw e;
  }
}

/** Every string a schedule's params hold under `key`. */
function valuesOf(json: unknown, key: string, out = new Set<string>()): Set<string> {
  if (Array.isArray(json)) for (const x of json) valuesOf(x, key, out);
  else if (json !== null && typeof json === 'object') {
    for (const [k, v] of Object.entries(json)) {
      if (k === key && typeof v === 'string') out.add(v);
      else valuesOf(v, key, out);
    }
  }
  return out;
}

/** A preset, and seeded violations of its own codes and roles (some malformed, to be refused). */
function caseOf(name: string, json: unknown) {
  const schedule = penaltyLedger.compile(json as never).compiled as FineSchedule;
  const from = Date.parse(schedule.effectiveFrom);
  const codes = [
    ...valuesOf(
      schedule.params.items.map((i) => i.match),
      'code',
    ),
    'unknown.code',
  ];
  const roles = [...valuesOf(schedule.params, 'role')];
  const fields = [
    ...valuesOf(schedule.params, 'field'),
    ...valuesOf(schedule.params, 'lossField'),
    ...valuesOf(schedule.params, 'expenseField'),
  ];
  const components = [...valuesOf(schedule.params, 'component')];
  const hours = [0, 1, 9, 30, 24 * 29 + 20, 24 * 33, 24 * 62];
  const instant = fc
    .tuple(fc.constantFrom(...hours), fc.boolean())
    .map(([h, offset]) =>
      offset
        ? new Date(from + h * 3_600_000 + 8 * 3_600_000).toISOString().replace('Z', '+08:00')
        : new Date(from + h * 3_600_000).toISOString(),
    );
  const good = fc
    .record(
      {
        code: fc.constantFrom(...codes),
        personId: fc.constantFrom('p1', 'p2', 'p3'),
        role: fc.constantFrom(...roles, 'other'),
        occurredAt: instant,
        quantity: fc.integer({ min: 1, max: 4 }),
        lateBy: fc.record(
          {
            unit: fc.constantFrom('minutes', 'hours', 'workingDays', 'calendarDays', 'blocks24h'),
            units: fc.integer({ min: 0, max: 5 }),
            ms: fc.integer({ min: 0, max: 5 * 86_400_000 }),
          },
          { requiredKeys: ['unit', 'units'] },
        ),
        subject: fc.record({ kind: fc.constantFrom('file', 'doc'), id: fc.constantFrom('1', '2') }),
        clause: fc.constantFrom('L1', 'L2'),
        correctedAfterHours: fc.constantFrom(1, 20, 24 * 5, 24 * 40),
        data: fc.dictionary(
          fc.constantFrom(...fields, 'correctionOrderedAt', 'note'),
          fc.oneof(fc.integer({ min: 0, max: 300_000 }), fc.constantFrom('yes', true)),
          { maxKeys: 2 },
        ),
      },
      { requiredKeys: ['code', 'personId', 'occurredAt'] },
    )
    .map((r) => {
      const v: Record<string, unknown> = { code: r.code, personId: r.personId, occurredAt: r.occurredAt };
      if (r.role !== undefined) v.role = r.role;
      if (r.quantity !== undefined) v.quantity = r.quantity;
      if (r.lateBy !== undefined) v.lateBy = r.lateBy;
      if (r.subject !== undefined) v.subject = r.subject;
      v.source =
        r.clause === undefined
          ? { module: 'm', rule: 'R-1' }
          : { module: 'm', rule: 'R-1', clause: r.clause };
      if (r.correctedAfterHours !== undefined)
        v.correctedAt = new Date(Date.parse(r.occurredAt) + r.correctedAfterHours * 3_600_000).toISOString();
      if (r.data !== undefined) {
        const data: Record<string, unknown> = { ...r.data };
        if ('correctionOrderedAt' in data)
          data.correctionOrderedAt = new Date(Date.parse(r.occurredAt) + 5 * 3_600_000).toISOString();
        v.data = data;
      }
      return v;
    });
  // One field spoilt: zod refuses the list, with the same code, path and message both ways.
  const bad = fc
    .tuple(
      good,
      fc.constantFrom(
        ['quantity', 0],
        ['lateBy', { unit: 'weeks', units: 1 }],
        ['subject', { kind: '', id: '1' }],
        ['source', { module: 'm' }],
        ['occurredAt', '2024-02-30T00:00:00Z'],
        ['personID', 'p1'],
      ),
    )
    .map(([v, [k, x]]) => ({ ...v, [k as string]: x }));
  const violation = fc.oneof({ arbitrary: good, weight: 19 }, { arbitrary: bad, weight: 1 });
  const roster = Object.fromEntries(roles.map((r) => [r, `holder-${r}`]));
  const pay = components.flatMap((component) =>
    ['p1', 'p2'].map((personId) => ({ personId, component, amount: 500_000 })),
  );
  return {
    name,
    schedule,
    violation,
    good,
    roster,
    pay,
    now: new Date(from + 70 * 86_400_000).toISOString(),
  };
}

const cases = Object.entries(PRESET_JSON).map(([name, json]) => caseOf(name, json));

describe('a ledger built by constructors is the plain objects the literals built (issue 21, allocation sites)', () => {
  for (const c of cases) {
    it(`${c.name}: ledger, trace and refusals strictly equal to the code before, every object plain, keys in order (seeded)`, () => {
      let priced = 0;
      fc.assert(
        fc.property(
          fc.array(c.violation, { minLength: 1, maxLength: 25 }),
          fc.constantFrom('lines' as const, 'summary' as const),
          (list, trace) => {
            const ctx = makeContext({ now: c.now, calendar: chinaCalendar() });
            const extra = { roster: c.roster, pay: c.pay };
            const fresh = run(() => priceViolations(list, c.schedule, ctx, extra, { trace }));
            const old = run(() => oraclePrice(list, c.schedule, ctx, extra, { trace }));
            if ('refused' in old) {
              expect(fresh).toStrictEqual(old);
              return;
            }
            expect('ok' in fresh).toBe(true);
            samePlain((fresh as { ok: unknown }).ok, old.ok);
            priced++;
          },
        ),
        { seed: 2131, numRuns: 40 },
      );
      expect(priced).toBeGreaterThan(10);
    });
  }

  it('the entries and drafts a company rule sees are the plain objects they were (seeded, every preset)', () => {
    for (const c of cases) {
      fc.assert(
        fc.property(fc.array(c.good, { minLength: 1, maxLength: 15 }), (list) => {
          const ctx = makeContext({ now: c.now, calendar: chinaCalendar() });
          const extra = { roster: c.roster, pay: c.pay };
          const seen = (into: unknown[]): PenaltyCustomRule[] => [
            {
              after: 'S000-PENALTY-01',
              step: {
                id: 'acme.see-entries',
                run: (s) => {
                  into.push(s.entries);
                  return s;
                },
              },
            },
            {
              after: 'S000-PENALTY-06',
              step: {
                id: 'acme.see-lines',
                run: (s) => {
                  into.push(s.lines);
                  return s;
                },
              },
            },
          ];
          const a: unknown[] = [];
          const b: unknown[] = [];
          const fresh = run(() => priceViolations(list, c.schedule, ctx, extra, { customRules: seen(a) }));
          const old = run(() => oraclePrice(list, c.schedule, ctx, extra, { customRules: seen(b) }));
          if ('refused' in old) {
            expect(fresh).toStrictEqual(old);
            return;
          }
          samePlain((fresh as { ok: unknown }).ok, old.ok);
          // Lines are numbered in place when filed: the entries and the filed drafts compared after.
          samePlain(a, b);
        }),
        { seed: 2132, numRuns: 15 },
      );
    }
  });

  it('fastViolation builds the violation, lateBy, subject and source the check before built (seeded)', () => {
    const dealer = cases.find((c) => c.name === 'dealer-file') ?? (cases[0] as (typeof cases)[number]);
    const junk = fc.oneof(
      dealer.violation,
      dealer.violation.map((v) => ({ ...v, departmentId: 'd1' })),
      dealer.violation.map((v) => ({ ...v, lateBy: { unit: 'hours', units: 2, ms: undefined } })),
      fc.anything(),
    );
    fc.assert(
      fc.property(junk, (raw) => {
        const fresh = fastViolation(raw);
        const old = oracleFastViolation(raw);
        expect(fresh === undefined).toBe(old === undefined);
        if (fresh !== undefined) samePlain(fresh, old);
      }),
      { seed: 2133, numRuns: 2000 },
    );
  });
});
