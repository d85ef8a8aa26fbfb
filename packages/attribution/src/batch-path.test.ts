/**
 * The batch path of `resolveAllOwnership` (issue 21): each faster piece against the code it replaced
 * or against core, on seeded random inputs, and the refusals of the log checks on bad input.
 */
import {
  addDays,
  addMonthsClamped,
  localDateOf as coreLocalDateOf,
  localTimeOf as coreLocalTimeOf,
  toEpochMs,
  ZhiduError,
} from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAllOwnership, resolveOwnership } from './entry-points.js';
import type { SalesEvent, SalesHistory, SalesHistoryInput } from './events.js';
import { canonicalMs, localDateOf, localStamp, localTimeOf } from './kernel.js';
import { salesOffice001 } from './presets.js';
import { expiryDateParsed } from './protection.js';
import { inTimeOrder } from './resolve.js';
import { validateLog } from './validate-log.js';

const SEED = { seed: 21, numRuns: 300 };
const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Asia/Kolkata'];

/** The result of `f`, or the refusal it throws as { code, path, message }. */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    if (e instanceof ZhiduError) return { code: e.code, path: e.path, message: e.message };
    throw e;
  }
}

const instantArb = fc
  .integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) })
  .map((ms) => new Date(ms).toISOString());

/** Strings near the canonical form: altered characters, other offsets, impossible dates. */
const nearInstantArb = fc.oneof(
  instantArb,
  fc
    .tuple(instantArb, fc.integer({ min: 0, max: 23 }), fc.constantFrom('9', 'x', '-', ':', ' ', '0'))
    .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
  fc
    .tuple(
      fc.integer({ min: 900, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 60 }),
    )
    .map(
      ([y, mo, d, h, mi]) =>
        `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00.000Z`,
    ),
  instantArb.map((s) => `${s.slice(0, 19)}+08:00`),
  fc.string({ maxLength: 26 }),
);

describe('batch path: instants and local dates', () => {
  it('canonicalMs reads a canonical instant exactly as core toEpochMs does', () => {
    fc.assert(
      fc.property(instantArb, (s) => {
        expect(canonicalMs(s)).toBe(toEpochMs(s));
      }),
      SEED,
    );
  });

  it('canonicalMs gives NaN for anything core would refuse or reads differently (never a wrong number)', () => {
    fc.assert(
      fc.property(nearInstantArb, (s) => {
        const ms = canonicalMs(s);
        if (!Number.isNaN(ms)) expect(ms).toBe(toEpochMs(s));
      }),
      SEED,
    );
    expect(canonicalMs('2023-02-29T00:00:00.000Z')).toBeNaN();
    expect(canonicalMs('0999-12-31T23:59:59.000Z')).toBeNaN();
    expect(canonicalMs('2024-03-01T24:00:00.000Z')).toBeNaN();
    expect(canonicalMs('2024-03-01T10:05+08:00')).toBeNaN();
    expect(canonicalMs('2024-02-29T23:59:59.999Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 999));
  });

  it('remembered localDateOf / localTimeOf give core’s value or core’s refusal, asked twice', () => {
    fc.assert(
      fc.property(nearInstantArb, fc.constantFrom(...ZONES, 'Mars/Olympus'), (s, zone) => {
        for (let twice = 0; twice < 2; twice++) {
          expect(outcome(() => localDateOf(s, zone))).toEqual(outcome(() => coreLocalDateOf(s, zone)));
          expect(outcome(() => localTimeOf(s, zone))).toEqual(outcome(() => coreLocalTimeOf(s, zone)));
        }
      }),
      SEED,
    );
  });

  it('localStamp is the local date and time in the zone, the same on every call', () => {
    fc.assert(
      fc.property(instantArb, fc.constantFrom(...ZONES), (s, zone) => {
        const want = outcome(() => `${coreLocalDateOf(s, zone)} ${coreLocalTimeOf(s, zone)}`);
        expect(outcome(() => localStamp(s, zone))).toEqual(want);
        expect(outcome(() => localStamp(s, zone))).toEqual(want);
      }),
      SEED,
    );
    expect(localStamp('2025-03-01T02:05:00.000Z', 'Asia/Shanghai')).toBe('2025-03-01 10:05');
  });

  it('remembered protection expiries equal the computation they replace', () => {
    const period = (unit: 'months' | 'days', amount: number) => Object.freeze({ unit, amount });
    const periods = [period('months', 2), period('days', 45), period('months', 1), period('days', 0)];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }),
        fc.constantFrom(...periods),
        fc.boolean(),
        (ms, p, inclusiveEnd) => {
          const start = new Date(ms).toISOString().slice(0, 10);
          const end = p.unit === 'months' ? addMonthsClamped(start, p.amount) : addDays(start, p.amount);
          const want = inclusiveEnd ? addDays(end, 1) : end;
          expect(expiryDateParsed(start, p, inclusiveEnd)).toBe(want);
          expect(expiryDateParsed(start, p, inclusiveEnd)).toBe(want);
        },
      ),
      SEED,
    );
    expect(expiryDateParsed('2023-12-31', period('months', 2), false)).toBe('2024-02-29');
  });
});

/** The time-order pass as it was: map, stable sort by `Date.parse`, map back. */
function inTimeOrderBefore(events: readonly SalesEvent[]): SalesEvent[] {
  return events
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
}

describe('batch path: time order', () => {
  it('inTimeOrder gives the stable order the map-sort-map pass gave, sorted or not, ties kept', () => {
    const logArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('c1', 'c2', 'c3')), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(logArb, fc.boolean(), (xs, presorted) => {
        const rows = presorted ? [...xs].sort((a, b) => a[0] - b[0]) : xs;
        const events = rows.map(
          ([minute, customerId], i) =>
            ({
              type: 'followUp',
              at: new Date(Date.UTC(2024, 0, 1) + minute * 60_000).toISOString(),
              customerId,
              salespersonId: `S${i}`,
              reached: true,
              method: 'phoneCall',
            }) as SalesEvent,
        );
        const got = inTimeOrder(events);
        expect(got).toEqual(inTimeOrderBefore(events));
        expect(got).not.toBe(events);
        got.forEach((e, i) => {
          expect(e).toBe(inTimeOrderBefore(events)[i]);
        });
      }),
      SEED,
    );
  });
});

describe('batch path: the log checks refuse bad input at the same path', () => {
  const staff = [{ id: 'A', roles: ['salesperson'] }];
  const log = (events: unknown[]): SalesHistory =>
    ({ customerId: '*', departmentId: 'salesDepartment', staff, events }) as unknown as SalesHistory;
  const at = '2024-03-01T02:00:00.000Z';
  const visit = (extra: Record<string, unknown>) => ({
    type: 'visit',
    at,
    customerId: 'c1',
    onTurnId: 'A',
    intake: { visitedBefore: 'yes', named: [], refusesPrevious: false, complaintAgainstPrevious: false },
    presentIds: [],
    context: 'normal',
    neglectedBy: [],
    ...extra,
  });
  const refusal = (events: unknown[], root?: (string | number)[]) =>
    outcome(() => validateLog(log(events), root, false));
  /** What the log checks threw before they built paths only on failure: the same code, path and message. */
  const refused = (code: string, path: (string | number)[], message: string) => {
    const e = new ZhiduError(code as never, path, message);
    return { code: e.code, path: e.path, message: e.message };
  };
  const unknown = (path: (string | number)[], id: string) =>
    refused('unknown_reference', path, `未知置业顾问 "${id}" / unknown salesperson "${id}"`);

  it('an unknown salesperson in a visit’s named list, present list or neglect list', () => {
    const named = visit({
      intake: {
        visitedBefore: 'yes',
        named: ['A', 'Z'],
        refusesPrevious: false,
        complaintAgainstPrevious: false,
      },
    });
    expect(refusal([named], ['input'])).toEqual(unknown(['input', 'events', 0, 'intake', 'named', 1], 'Z'));
    expect(refusal([visit({}), visit({ presentIds: ['A', 'A', 'Q'] })])).toEqual(
      unknown(['history', 'events', 1, 'presentIds', 2], 'Q'),
    );
    expect(refusal([visit({ neglectedBy: ['N'] })])).toEqual(
      unknown(['history', 'events', 0, 'neglectedBy', 0], 'N'),
    );
    expect(refusal([visit({ onTurnId: 'X' })])).toEqual(unknown(['history', 'events', 0, 'onTurnId'], 'X'));
  });

  it('an unknown salesperson in a manager decision’s shares or a departure’s assignments', () => {
    const decision = {
      type: 'managerDecision',
      at,
      customerId: 'c1',
      ownerId: 'A',
      performance: { A: 50, M: 50 },
      bonus: { A: 100 },
    };
    expect(refusal([decision])).toEqual(unknown(['history', 'events', 0, 'performance', 'M'], 'M'));
    const departure = {
      type: 'departure',
      at,
      salespersonId: 'A',
      kind: 'transfer',
      assignments: { c1: 'A', c2: 'W' },
    };
    expect(refusal([departure], ['input'])).toEqual(
      unknown(['input', 'events', 0, 'assignments', 'c2'], 'W'),
    );
  });

  it('a deal before any contact, and shares not summing to 100 %', () => {
    const deal = { type: 'deal', at, customerId: 'c9', stage: 'contract', closerId: 'A' };
    expect(refusal([visit({}), deal])).toEqual(
      refused(
        'invalid_state',
        ['history', 'events', 1],
        '客户 c9 在任何报备或到访之前已成交 / deal for customer c9 before any registration or visit',
      ),
    );
    const decision = {
      type: 'managerDecision',
      at,
      customerId: 'c1',
      ownerId: 'A',
      performance: { A: 60 },
      bonus: { A: 100 },
    };
    expect(refusal([decision])).toEqual(
      refused(
        'invalid_ratio',
        ['history', 'events', 0, 'performance'],
        'performance 的分配比例合计须为 100% / performance shares must sum to 100 %',
      ),
    );
  });

  it('the batch refuses an unknown salesperson deep in a 1,000-event log at its own path', () => {
    const staffIn = [{ id: 'A' }, { id: 'B' }];
    const events: SalesHistoryInput['events'] = Array.from({ length: 1000 }, (_, i) => ({
      type: 'followUp' as const,
      at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      customerId: `c${i % 7}`,
      salespersonId: i === 777 ? 'ghost' : 'A',
      reached: true,
    }));
    const e = outcome(() =>
      resolveAllOwnership({ staff: staffIn, events }, salesOffice001, { now: '2025-01-01T00:00:00Z' }),
    ) as { code: string; path: unknown[] };
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['input', 'events', 777, 'salespersonId']);
  });
});

describe('batch path: streamed batch decision', () => {
  const STAFF = ['A', 'B', 'C'];
  const customerLog = fc
    .array(
      fc.record({
        customer: fc.integer({ min: 0, max: 5 }),
        minute: fc.integer({ min: 0, max: 60 * 24 * 90 }),
        kind: fc.constantFrom('registration', 'visit', 'followUp', 'deal'),
        who: fc.constantFrom(...STAFF),
        other: fc.constantFrom(...STAFF),
        before: fc.constantFrom('no', 'yes', 'forgot'),
        refuses: fc.boolean(),
      }),
      { minLength: 1, maxLength: 30 },
    )
    .map((rows) => {
      const sorted = [...rows].sort((a, b) => a.minute - b.minute);
      const contacted = new Set<string>();
      const events: SalesHistoryInput['events'] = [];
      for (const r of sorted) {
        const customerId = `c${r.customer}`;
        const at = new Date(Date.UTC(2024, 0, 1) + r.minute * 60_000).toISOString();
        if (r.kind === 'registration') {
          events.push({
            type: 'registration',
            at,
            customerId,
            salespersonId: r.who,
            channel: 'walkIn',
            fields: { name: 'x', phone: '1' },
          });
        } else if (r.kind === 'visit') {
          events.push({
            type: 'visit',
            at,
            customerId,
            onTurnId: r.who,
            intake: { visitedBefore: r.before, named: [r.other], refusesPrevious: r.refuses },
            presentIds: [r.who, r.other],
          });
        } else if (r.kind === 'followUp') {
          events.push({ type: 'followUp', at, customerId, salespersonId: r.who, reached: r.refuses });
        } else if (contacted.has(customerId)) {
          events.push({ type: 'deal', at, customerId, stage: 'contract', closerId: r.who });
        }
        if (r.kind === 'registration' || r.kind === 'visit') contacted.add(customerId);
      }
      return events;
    });

  it('every customer of the batch is decided exactly as resolveOwnership decides them, trace entry by entry', () => {
    const ctx = { now: '2024-06-01T00:00:00+08:00' };
    const staff = STAFF.map((id) => ({ id }));
    fc.assert(
      fc.property(customerLog, (events) => {
        const batch = resolveAllOwnership({ staff, events }, salesOffice001, ctx);
        const ids = Object.keys(batch.value.result.customers);
        const expectedTrace: unknown[] = [];
        for (const id of ids) {
          const one = resolveOwnership({ customerId: id, staff, events }, salesOffice001, ctx);
          expect(batch.value.result.customers[id]).toEqual({
            ...one.value.result,
            violations: one.value.result.violations.map((v) => ({
              ...v,
              source: { ...v.source, module: 'attribution.ownership-batch' },
            })),
          });
          for (const t of one.trace) expectedTrace.push({ ...t, data: { ...t.data, customerId: id } });
        }
        expect(batch.trace).toEqual(expectedTrace);
        expect(batch.value.violations).toEqual(
          ids.flatMap((id) => batch.value.result.customers[id]?.violations ?? []),
        );
      }),
      { seed: 21, numRuns: 60 },
    );
  });
});
