import '../test/pii-guard.js';
import { ZhiduError } from '@zhidu/core';
import { canTransact, customerTierPolicy } from '@zhidu/credit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blacklistEntries } from './blacklist.js';

const tiers = customerTierPolicy({
  vip: { minBeds: 300, minAnnualBusiness: 100 },
  preferred: { minBeds: 100, minAnnualBusiness: 30 },
});
const at = '2024-05-06T09:00:00+08:00';
// The kept lists decided by credit's one canTransact (S001B-BLACKLIST-02, the same clause 001 L662).
const ask = (customerId: string, departmentId: string, lists: Parameters<typeof blacklistEntries>[0]) =>
  canTransact({ customerId, departmentId, action: 'newContract', at }, blacklistEntries(lists, at), tiers)
    .value;

describe('blacklists kept on file (S001-ACCESS-08)', () => {
  it('stops a blacklisted customer trading with the department, or with every department (S001-ACCESS-08)', () => {
    expect(ask('c', 'X', { departments: { X: ['c'] } }).allowed).toBe(false);
    expect(ask('c', 'Y', { departments: { X: ['c'] } }).allowed).toBe(true);
    // was `{ allowed: false, listedBy: 'company' }` from records' own canTransact; credit names it `reason`
    expect(ask('c', 'Y', { company: ['c'] })).toMatchObject({ allowed: false, reason: 'COMPANY_BLACKLIST' });
    expect(ask('d', 'Y', {}).allowed).toBe(true);
  });

  it('turns the kept lists into credit entries, company first, each listed at the given instant (UTC)', () => {
    const utc = '2024-05-06T01:00:00.000Z';
    expect(blacklistEntries({ company: ['c1'], departments: { X: ['c2', 'c3'] } }, at)).toEqual([
      { customerId: 'c1', scope: 'company', listedAt: utc },
      { customerId: 'c2', scope: 'department', departmentId: 'X', listedAt: utc },
      { customerId: 'c3', scope: 'department', departmentId: 'X', listedAt: utc },
    ]);
    expect(blacklistEntries({}, at)).toEqual([]);
  });

  it('a department listing is a notice to the other departments, not a bar (S001-ACCESS-08 literal reading)', () => {
    expect(ask('c', 'Y', { departments: { X: ['c'] } })).toEqual({
      allowed: true,
      reason: null,
      reviewRequired: false,
      notices: ['X'],
    });
  });

  it('refuses malformed lists and a listing instant without offset with a ZhiduError naming the field', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof ZhiduError) return { code: e.code, path: e.path };
        throw e;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(() => blacklistEntries({ company: [''] }, at))).toEqual({
      code: 'invalid_input',
      path: ['blacklists', 'company', 0],
    });
    expect(refusal(() => blacklistEntries(null as never, at)).path).toEqual(['blacklists']);
    expect(refusal(() => blacklistEntries({ company: ['c'], extra: 1 } as never, at)).path[0]).toBe(
      'blacklists',
    );
    expect(refusal(() => blacklistEntries({}, '2024-05-06')).path).toEqual(['listedAt']);
  });

  it('property: a customer is allowed exactly when on neither the company list nor the own department list', () => {
    const id = fc.constantFrom('c1', 'c2', 'c3');
    const dept = fc.constantFrom('X', 'Y');
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 3 }),
        fc.dictionary(dept, fc.array(id, { maxLength: 3 })),
        id,
        dept,
        (company, departments, customer, department) => {
          const allowed = ask(customer, department, { company, departments }).allowed;
          const listed = company.includes(customer) || (departments[department] ?? []).includes(customer);
          expect(allowed).toBe(!listed);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });
});
