// The rule code's protection path works on the log and policy validated once at the boundary
// (issue 21): a claim is computed without re-parsing its registration, follow-ups, parameters and
// period per customer, and gives the same claim as the validating public `claimOf`.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveAllOwnership } from './entry-points.js';
import { FollowUpEventSchema, RegistrationEventSchema } from './events.js';
import { makeContext } from './kernel.js';
import { salesOffice001 } from './presets.js';
import {
  claimOf,
  claimOfParsed,
  expiryDate,
  expiryDateParsed,
  isProtected,
  isProtectedParsed,
} from './protection.js';

const reg = {
  type: 'registration' as const,
  at: '2024-03-01T10:00:00+08:00',
  customerId: 'c1',
  salespersonId: 'A',
  channel: 'walkIn' as const,
  fields: { name: '王', phone: '13800000000' },
  eveningRecord: true,
};
const iso = (ms: number) => new Date(ms).toISOString();

afterEach(() => vi.restoreAllMocks());

describe('protection on parsed inputs (issue 21: no per-claim re-validation)', () => {
  it('resolveAllOwnership does not re-parse registrations or follow-ups per claim', () => {
    const t0 = Date.parse('2024-03-01T02:00:00Z');
    const events = Array.from({ length: 40 }, (_, c) => [
      { ...reg, customerId: `c${c}`, at: iso(t0 + c * 60_000), salespersonId: c % 2 ? 'A' : 'B' },
      {
        type: 'followUp' as const,
        at: iso(t0 + 86_400_000 + c * 60_000),
        customerId: `c${c}`,
        salespersonId: c % 2 ? 'A' : 'B',
        reached: true,
      },
    ]).flat();
    const regSpy = vi.spyOn(RegistrationEventSchema, 'safeParse');
    const fuSpy = vi.spyOn(FollowUpEventSchema, 'safeParse');
    const r = resolveAllOwnership(
      { staff: [{ id: 'A' }, { id: 'B' }], events },
      salesOffice001,
      makeContext({ now: '2024-04-01T00:00:00+08:00' }),
    );
    expect(Object.keys(r.value.result.customers)).toHaveLength(40);
    expect(r.value.result.customers.c1?.owner).toBe('A');
    expect(r.value.result.customers.c2?.owner).toBe('B');
    // Before: one RegistrationEventSchema parse per claim and one per own follow-up (80 here).
    expect(regSpy.mock.calls.length + fuSpy.mock.calls.length).toBe(0);
  });

  it('claimOfParsed gives the claim of the validating claimOf (seeded property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offsetDays: fc.integer({ min: -5, max: 120 }),
            kind: fc.constantFrom('followUp', 'registration'),
            reached: fc.boolean(),
            own: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        (rows) => {
          const later = rows.map((r, i) => {
            const at = iso(Date.parse(reg.at) + r.offsetDays * 86_400_000 + i * 1000);
            const salespersonId = r.own ? 'A' : 'B';
            return r.kind === 'followUp'
              ? { type: 'followUp' as const, at, customerId: 'c1', salespersonId, reached: r.reached }
              : { ...reg, at, salespersonId };
          });
          const checked = claimOf(reg, later as never, salesOffice001.params, 'Asia/Shanghai');
          const parsed = claimOfParsed(reg, later as never, salesOffice001.params, 'Asia/Shanghai');
          expect(parsed).toEqual(checked);
          expect(isProtectedParsed(parsed, '2024-04-30')).toBe(isProtected(checked, '2024-04-30'));
        },
      ),
      { seed: 21, numRuns: 60 },
    );
  });

  it('expiryDateParsed equals expiryDate (2 months from 2023-12-31 end on 2024-02-29)', () => {
    const period = { unit: 'months', amount: 2 } as const;
    expect(expiryDateParsed('2023-12-31', period, false)).toBe('2024-02-29');
    expect(expiryDateParsed('2023-12-31', period, true)).toBe(expiryDate('2023-12-31', period, true));
  });
});
