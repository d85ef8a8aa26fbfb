import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { defineRecordsPolicy } from './policy.js';
import { customerArchivePreset, dealerFilesPreset, leasingArchivePreset } from './presets/index.js';
import { type DestructionInput, destructionOf, purgeOf } from './retention.js';

const ctx = { now: '2026-06-01T00:00:00Z' };
const both = (day: string) => [
  { role: 'leasingHead', approverId: 'h1', at: `${day}T01:00:00Z` },
  { role: 'generalManager', approverId: 'gm', at: `${day}T02:00:00Z` },
];
const req = (archivedOn: string, day: string, approvals = both(day)): DestructionInput => ({
  fileTypeId: 'leasingCustomerArchiveForm',
  fileId: 'A1',
  archivedOn,
  requestedAt: `${day}T03:00:00Z`,
  approvals,
});

describe('destructionOf (S000B-ARCHIVE-03)', () => {
  it('keeps archives 10 years: not before the anniversary, even with both approvals (S000B-ARCHIVE-03)', () => {
    const d = destructionOf(req('2014-06-30', '2024-06-29'), leasingArchivePreset, ctx);
    expect(d.value).toMatchObject({
      allowed: false,
      retentionEnd: '2024-06-30',
      missing: ['retentionNotExpired'],
    });
    expect(destructionOf(req('2014-06-30', '2024-07-01'), leasingArchivePreset, ctx).value.allowed).toBe(
      true,
    );
  });

  it('clamps 29 February and needs the GM approval after the leasing head review (S000B-ARCHIVE-03)', () => {
    const d = destructionOf(
      req('2016-02-29', '2026-03-01', both('2026-03-01').slice(0, 1)),
      leasingArchivePreset,
      ctx,
    );
    expect(d.value).toMatchObject({
      allowed: false,
      retentionEnd: '2026-02-28',
      missing: ['approval:generalManager'],
    });
  });

  it('needs the review before the approval (S000B-ARCHIVE-03)', () => {
    const reversed = [
      { role: 'leasingHead', approverId: 'h1', at: '2024-07-01T02:00:00Z' },
      { role: 'generalManager', approverId: 'gm', at: '2024-07-01T01:00:00Z' },
    ];
    expect(
      destructionOf(req('2014-06-30', '2024-07-01', reversed), leasingArchivePreset, ctx).value.missing,
    ).toEqual(['approvalOrder']);
  });

  it('emits a violation for a destruction without a record or too early (S000B-ARCHIVE-03)', () => {
    const done = (archivedOn: string, record: boolean) =>
      destructionOf(
        {
          ...req(archivedOn, '2024-07-01'),
          destroyedAt: '2024-07-01T04:00:00Z',
          responsible: { personId: 'k1', role: 'generalServicesCustodian' },
          ...(record ? { destructionRecord: { by: 'k1', at: '2024-07-01T04:00:00Z' } } : {}),
        },
        leasingArchivePreset,
        ctx,
      ).value;
    expect(done('2014-06-30', true)).toMatchObject({ allowed: true, violations: [] });
    expect(done('2014-06-30', false).violations).toEqual([
      expect.objectContaining({
        code: 'records.destruction.unauthorised',
        personId: 'k1',
        data: expect.objectContaining({ missing: ['destructionRecord'] }),
      }),
    ]);
    expect(done('2015-06-30', true).violations[0]?.data).toMatchObject({ missing: ['retentionNotExpired'] });
  });

  it('refuses a file type without a retention rule and a destruction without a responsible person', () => {
    expect(() =>
      destructionOf(
        { ...req('2014-06-30', '2024-07-01'), fileTypeId: 'newCarSalesFile' },
        dealerFilesPreset,
        ctx,
      ),
    ).toThrowError(expect.objectContaining({ code: 'invalid_input', path: ['fileTypeId'] }));
    expect(() =>
      destructionOf(
        { ...req('2014-06-30', '2024-07-01'), destroyedAt: '2024-07-01T04:00:00Z' },
        leasingArchivePreset,
        ctx,
      ),
    ).toThrowError(expect.objectContaining({ code: 'invalid_input', path: ['responsible'] }));
    expect(() =>
      destructionOf({ ...req('2014-02-30', '2024-07-01') }, leasingArchivePreset, ctx),
    ).toThrowError(expect.objectContaining({ path: ['archivedOn'] }));
  });
});

describe('purgeOf (S003-ARCHIVE-12)', () => {
  const policy = defineRecordsPolicy({
    ...customerArchivePreset,
    params: { ...customerArchivePreset.params, purgeInactivityMonths: 36 },
  });
  const now = { now: '2024-03-04T02:00:00Z' };
  const verification = { by: 'a1', at: '2024-03-04T01:00:00Z' };

  it('moves a long-inactive, unreachable, verified customer to backup (S003-ARCHIVE-12)', () => {
    const d = purgeOf(
      { fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: true, verification },
      policy,
      now,
    );
    expect(d.value).toEqual({ eligible: true, allowed: true, disposition: 'moveToBackup' });
  });

  it('keeps a reachable customer, and an unverified purge (S003-ARCHIVE-12)', () => {
    expect(
      purgeOf(
        { fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: false, verification },
        policy,
        now,
      ).value.eligible,
    ).toBe(false);
    expect(
      purgeOf({ fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: true }, policy, now).value,
    ).toEqual({
      eligible: true,
      allowed: false,
      disposition: 'keep',
    });
  });

  it('refuses to guess an inactivity period the seed does not give (S003-ARCHIVE-12)', () => {
    expect(() =>
      purgeOf(
        { fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: true },
        customerArchivePreset,
        now,
      ),
    ).toThrowError(
      expect.objectContaining({ code: 'invalid_input', path: ['policy', 'params', 'purgeInactivityMonths'] }),
    );
  });
});
