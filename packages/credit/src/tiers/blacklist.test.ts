import { describe, expect, it } from 'vitest';
import {
  blacklistForMajorLoss,
  canManageBlacklist,
  canTransact,
  departmentBlacklistFiling,
} from './blacklist.js';
import { customerTierPolicy } from './policy.js';

const tiers = customerTierPolicy({
  vip: { minBeds: 300, minAnnualBusiness: 100 },
  preferred: { minBeds: 100, minAnnualBusiness: 30 },
});
const at = '2024-05-06T09:00:00+08:00';
const listed = '2024-05-01T09:00:00+08:00';
const entries = [
  { customerId: 'C1', scope: 'department' as const, departmentId: 'D1', listedAt: listed },
  { customerId: 'C2', scope: 'company' as const, listedAt: listed },
  { customerId: 'C2', scope: 'department' as const, departmentId: 'D1', listedAt: listed },
];
const ask = (customerId: string, departmentId: string, action = 'newOrder') =>
  canTransact({ customerId, departmentId, action, at }, entries, tiers).value;

describe('blacklists (客戶黑名單)', () => {
  it('lets only the marketing division manage the company list, and each department only its own (S001B-BLACKLIST-01)', () => {
    expect(canManageBlacklist({ unit: 'marketingDivision' }, { scope: 'company' }, tiers).value.allowed).toBe(
      true,
    );
    expect(
      canManageBlacklist(
        { unit: 'salesDepartment', departmentId: 'D2' },
        { scope: 'department', departmentId: 'D2' },
        tiers,
      ).value,
    ).toEqual({
      allowed: true,
      fileWith: 'marketingDivision',
    });
    expect(
      canManageBlacklist(
        { unit: 'salesDepartment', departmentId: 'D2' },
        { scope: 'department', departmentId: 'D3' },
        tiers,
      ).value.allowed,
    ).toBe(false);
    expect(
      canManageBlacklist({ unit: 'salesDepartment', departmentId: 'D2' }, { scope: 'company' }, tiers).value
        .allowed,
    ).toBe(false);
    expect(
      canManageBlacklist({ unit: 'marketingDivision' }, { scope: 'department', departmentId: 'D2' }, tiers)
        .value.allowed,
    ).toBe(false);
  });

  it('files a department list with the marketing division on every change (S001B-BLACKLIST-01)', () => {
    const d = departmentBlacklistFiling(
      'D2',
      [{ customerId: 'C9', scope: 'department', departmentId: 'D2', listedAt: at }],
      at,
      tiers,
    );
    expect(d.value).toEqual({
      to: 'marketingDivision',
      departmentId: 'D2',
      customerIds: ['C9'],
      submittedAt: '2024-05-06T01:00:00.000Z',
    });
    expect(() =>
      departmentBlacklistFiling('D2', [{ customerId: 'C9', scope: 'company', listedAt: at }], at, tiers),
    ).toThrow(/not on department D2/);
  });

  it('bars a department-listed customer for that department only, a company-listed one for all (S001B-BLACKLIST-02)', () => {
    expect(ask('C1', 'D1')).toMatchObject({ allowed: false, reason: 'DEPARTMENT_BLACKLIST' });
    expect(ask('C1', 'D2')).toEqual({ allowed: true, reason: null, reviewRequired: false, notices: ['D1'] });
    expect(ask('C2', 'D3')).toMatchObject({ allowed: false, reason: 'COMPANY_BLACKLIST' });
    expect(ask('C2', 'D1')).toMatchObject({ allowed: false, reason: 'COMPANY_BLACKLIST' });
    expect(ask('C3', 'D1')).toMatchObject({ allowed: true, reason: null });
    expect(ask('C1', 'D1', 'openContract')).toMatchObject({ allowed: true, reviewRequired: true });
    expect(
      canTransact(
        { customerId: 'C1', departmentId: 'D1', action: 'newOrder', at: '2024-04-30T09:00:00+08:00' },
        entries,
        tiers,
      ).value.allowed,
    ).toBe(true);
  });

  it('lists a customer company-wide after a verified major loss and purges it everywhere — or not, at the division’s discretion (S001-GRADE-11)', () => {
    const report = {
      customerId: 'C7',
      reportedBy: 'D1',
      verified: true,
      decision: 'blacklist' as const,
      by: 'marketingDivision',
      at,
    };
    const d = blacklistForMajorLoss(report, ['D1', 'D2', 'D3'], tiers);
    expect(d.value.purgeFrom).toEqual(['D1', 'D2', 'D3']);
    expect(d.value.entry).toMatchObject({ customerId: 'C7', scope: 'company' });
    const entry = d.value.entry;
    if (entry === null) throw new Error('expected an entry');
    expect(
      canTransact({ customerId: 'C7', departmentId: 'D2', action: 'newContract', at }, [entry], tiers).value
        .allowed,
    ).toBe(false);
    expect(
      blacklistForMajorLoss({ ...report, decision: 'noBlacklist' }, ['D1'], tiers).value.entry,
    ).toBeNull();
    expect(blacklistForMajorLoss({ ...report, by: 'D1' }, ['D1'], tiers).value.entry).toBeNull();
  });
});
