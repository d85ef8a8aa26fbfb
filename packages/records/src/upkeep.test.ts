import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { archiveComplaintCase, checkTerminationArchives } from './cases.js';
import { backupState, validateEntry } from './entries.js';
import { defineRecordsPolicy } from './policy.js';
import {
  corporateArchivePreset,
  customerArchivePreset,
  dealerFilesPreset,
  partnerArchivePreset,
  propertyServicePreset,
  salesCompanyFilesPreset,
  salesOfficePreset,
  salesSitePreset,
} from './presets/index.js';
import { matchCustomer, openFile } from './registry.js';
import { currencyOf, ledgerDayOf, snapshotsOf } from './upkeep.js';
import { advanceWorkflow } from './workflow.js';

const ctx = { now: '2024-03-06T00:00:00Z' };

describe('currencyOf', () => {
  it('finds a sales archive stale when a transaction postdates the last update (S000B-ARCHIVE-04)', () => {
    const d = currencyOf(
      {
        fileTypeId: 'salesDepartmentArchive',
        fileId: 'S1',
        custodianId: 'k1',
        lastTransactionAt: '2024-03-05T02:00:00Z',
        lastUpdatedAt: '2024-03-01T02:00:00Z',
      },
      salesSitePreset,
      ctx,
    );
    expect(d.value).toMatchObject({ stale: true, custodianMissing: false, confirmed: false });
  });

  it('accepts confirmation by the sales director only, and needs a custodian (S000B-ARCHIVE-04)', () => {
    const run = (roles: string[], custodianId?: string) =>
      currencyOf(
        {
          fileTypeId: 'salesDepartmentArchive',
          fileId: 'S1',
          ...(custodianId ? { custodianId } : {}),
          confirmedBy: { id: 'x', roles },
        },
        salesSitePreset,
        ctx,
      ).value;
    expect(run(['salesManager'], 'k1').confirmed).toBe(false);
    expect(run(['salesDirector'], 'k1').confirmed).toBe(true);
    expect(run(['salesDirector']).custodianMissing).toBe(true);
  });

  it('keeps a sales-company customer file with a custodian, updated with transactions, approved by the sales director (S000-ARCHIVE-11)', () => {
    const d = currencyOf(
      {
        fileTypeId: 'salesCompanyCustomerFile',
        fileId: 'F1',
        custodianId: 'k1',
        lastTransactionAt: '2024-03-05T02:00:00Z',
        lastUpdatedAt: '2024-03-05T03:00:00Z',
        confirmedBy: { id: 'd1', roles: ['salesDirector'] },
      },
      salesCompanyFilesPreset,
      ctx,
    );
    expect(d.value).toMatchObject({ stale: false, confirmed: true, custodianMissing: false });
  });

  it('records relationship-maintenance activities in the customer file (S000-ARCHIVE-12)', () => {
    const type = salesCompanyFilesPreset.params.fileTypes[0];
    expect(type?.fields.map((f) => f.id)).toContain('relationshipRecords');
  });

  it('flags a review older than the company interval of 180 days (S002-ARCHIVE-01)', () => {
    const policy = defineRecordsPolicy({
      ...propertyServicePreset,
      params: { ...propertyServicePreset.params, reviewIntervalDays: 180 },
    });
    const run = (lastReviewedAt: string) =>
      currencyOf({ fileTypeId: 'propertyCustomerFile', fileId: 'P1', lastReviewedAt }, policy, {
        now: '2024-03-04T02:00:00Z',
      }).value.reviewDue;
    expect(run('2023-09-01T02:00:00Z')).toBe(true);
    expect(run('2024-01-01T02:00:00Z')).toBe(false);
    expect(
      currencyOf(
        { fileTypeId: 'propertyCustomerFile', fileId: 'P1', lastReviewedAt: '2020-01-01T00:00:00Z' },
        propertyServicePreset,
        ctx,
      ).value.reviewDue,
    ).toBe(false);
  });

  it('makes the periodic check due after the interval (S003-ARCHIVE-11)', () => {
    const policy = defineRecordsPolicy({
      ...customerArchivePreset,
      params: { ...customerArchivePreset.params, reviewIntervalDays: 180 },
    });
    const d = currencyOf(
      {
        fileTypeId: 'customerArchive003',
        fileId: 'C1',
        custodianId: 'a1',
        lastReviewedAt: '2023-08-01T00:00:00Z',
      },
      policy,
      {
        now: '2024-03-04T00:00:00Z',
      },
    );
    expect(d.value.reviewDue).toBe(true);
  });
});

describe('snapshotsOf (S000B-ARCHIVE-06)', () => {
  const run = (grade: string, half: 1 | 2, snapshots: string[]) =>
    snapshotsOf(
      { partnerId: 'p1', grade, year: 2024, half, snapshots, custodian: { personId: 'k1' } },
      partnerArchivePreset,
      { now: '2025-01-05T00:00:00Z' },
    ).value;

  it('finds a B partner with snapshots in May and November compliant in both halves (S000B-ARCHIVE-06)', () => {
    const snaps = ['2024-05-10T02:00:00Z', '2024-11-02T02:00:00Z'];
    expect(run('B', 1, snaps).compliant).toBe(true);
    expect(run('B', 2, snaps).compliant).toBe(true);
  });

  it('flags an A partner with no snapshot in the second half, and requires none for C (S000B-ARCHIVE-06)', () => {
    const a = run('A', 2, ['2024-05-10T02:00:00Z']);
    expect(a).toMatchObject({ required: 1, taken: 0, compliant: false });
    expect(a.violations[0]).toMatchObject({
      code: 'records.snapshot.missing',
      occurredAt: '2024-12-31T15:59:59.999Z',
    });
    expect(run('C', 2, [])).toMatchObject({ required: 0, compliant: true, violations: [] });
  });
});

describe('ledgerDayOf (S000-ARCHIVE-05)', () => {
  it('has no backlog when every file received is registered with its electronic record that day (S000-ARCHIVE-05)', () => {
    const ids = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6'];
    const d = ledgerDayOf(
      {
        date: '2024-03-05',
        admin: { personId: 'a1' },
        received: ids,
        registered: ids,
        electronicCreated: ids,
      },
      dealerFilesPreset,
      ctx,
    );
    expect(d.value).toEqual({ backlog: [], violations: [] });
  });

  it('reports 2 files not registered the same day (S000-ARCHIVE-05)', () => {
    const d = ledgerDayOf(
      {
        date: '2024-03-05',
        admin: { personId: 'a1', role: 'archiveAdmin' },
        received: ['F1', 'F2', 'F3', 'F4', 'F5', 'F6'],
        registered: ['F1', 'F2', 'F3', 'F4'],
        electronicCreated: ['F1', 'F2', 'F3', 'F4'],
      },
      dealerFilesPreset,
      ctx,
    );
    expect(d.value.backlog).toEqual(['F5', 'F6']);
    expect(d.value.violations[0]).toMatchObject({
      code: 'records.ledger.backlog',
      quantity: 2,
      occurredAt: '2024-03-05T15:59:59.999Z',
    });
    expect(() =>
      ledgerDayOf(
        {
          date: '2024-03-05',
          admin: { personId: 'a1' },
          received: [],
          registered: ['F9'],
          electronicCreated: [],
        },
        dealerFilesPreset,
        ctx,
      ),
    ).toThrowError(expect.objectContaining({ code: 'unknown_reference' }));
  });
});

describe('openFile and matchCustomer', () => {
  it('keeps one file per vehicle: a second creation returns the existing file (S000-ARCHIVE-04)', () => {
    const existing = [{ fileTypeId: 'newCarSalesFile', key: 'LSV123', fileId: 'F-7' }];
    expect(
      openFile({ fileTypeId: 'newCarSalesFile', key: 'LSV123', existing }, dealerFilesPreset).value,
    ).toEqual({ fileId: 'F-7', created: false });
    expect(
      openFile({ fileTypeId: 'newCarSalesFile', key: 'LSV999', existing }, dealerFilesPreset).value,
    ).toEqual({
      fileId: 'newCarSalesFile:LSV999',
      created: true,
    });
  });

  it('files an after-sales section for a car sold here or elsewhere under the same vehicle key (S000-ARCHIVE-01)', () => {
    const type = dealerFilesPreset.params.fileTypes.find((t) => t.id === 'afterSalesMaintenanceFile');
    expect(type?.uniqueKey).toBe('vin');
    expect(dealerFilesPreset.params.fileTypes.map((t) => t.family)).toEqual(['vehicle', 'vehicle']);
  });

  it('opens one archive account per new corporate customer (S000B-ARCHIVE-07)', () => {
    const existing = [
      { fileTypeId: 'corporateCustomerArchive', key: 'c10', fileId: 'corporateCustomerArchive:c10' },
    ];
    expect(
      openFile({ fileTypeId: 'corporateCustomerArchive', key: 'c10', existing }, corporateArchivePreset).value
        .created,
    ).toBe(false);
    expect(() =>
      openFile(
        { fileTypeId: 'corporateCustomerArchive', key: 'c10', existing: [...existing, ...existing] },
        corporateArchivePreset,
      ),
    ).toThrowError(expect.objectContaining({ code: 'duplicate' }));
  });

  it('adds a closed-deal customer once, however many units they buy (S000B-ARCHIVE-01)', () => {
    const first = openFile({ fileTypeId: 'closedDealArchive', key: 'JY01-000005' }, salesSitePreset).value;
    expect(first).toEqual({ fileId: 'closedDealArchive:JY01-000005', created: true });
    const again = openFile(
      {
        fileTypeId: 'closedDealArchive',
        key: 'JY01-000005',
        existing: [{ fileTypeId: 'closedDealArchive', key: 'JY01-000005', fileId: first.fileId }],
      },
      salesSitePreset,
    ).value;
    expect(again.created).toBe(false);
    expect(salesSitePreset.params.fileTypes.find((t) => t.id === 'closedDealArchive')?.openedOn).toBe(
      'dealClosed',
    );
  });

  it('merges records of one customer from different channels into one file (S003-ARCHIVE-08)', () => {
    const files = [
      { id: 'F1', name: '李四', phones: ['13912345678'] },
      { id: 'F2', name: '李四', phones: ['13800000000'], address: '上海' },
    ];
    expect(matchCustomer({ id: 'r', name: '李四', phones: ['139-1234-5678'] }, files).value).toMatchObject({
      fileId: 'F1',
      matchedOn: 'phone',
    });
    expect(
      matchCustomer({ id: 'r', name: '李四', phones: ['13700000000'], address: '北京' }, files).value.fileId,
    ).toBeNull();
    expect(matchCustomer({ id: 'r', name: '李四', phones: [], address: '上海' }, files).value.matchedOn).toBe(
      'nameAndAddress',
    );
  });
});

describe('workflows', () => {
  it('walks the new-car handover workflow in order (S000-ARCHIVE-07)', () => {
    const admin = { id: 'a1', roles: ['archiveAdmin'] };
    let state = advanceWorkflow(
      {
        workflowId: 'newCarHandover',
        state: 'open',
        action: 'check',
        actor: { id: 's', roles: ['salesConsultant'] },
      },
      dealerFilesPreset,
    ).value.state;
    for (const action of ['signLedger', 'adminCheck', 'scan', 'file', 'completeElectronic']) {
      state = advanceWorkflow(
        { workflowId: 'newCarHandover', state, action, actor: admin },
        dealerFilesPreset,
      ).value.state;
    }
    expect(state).toBe('electronicDone');
    expect(() =>
      advanceWorkflow(
        { workflowId: 'newCarHandover', state: 'open', action: 'scan', actor: admin },
        dealerFilesPreset,
      ),
    ).toThrowError(expect.objectContaining({ code: 'invalid_state' }));
  });

  it('starts the after-sales workflow with the service advisor check (S000-ARCHIVE-09)', () => {
    const d = advanceWorkflow(
      {
        workflowId: 'afterSalesHandover',
        state: 'open',
        action: 'check',
        actor: { id: 'sa', roles: ['serviceAdvisor'] },
      },
      dealerFilesPreset,
    );
    expect(d.value).toEqual({ state: 'advisorChecked', moved: true });
  });

  it('cannot allocate outreach files before the CRM centre processed them (S001-ARCHIVE-01)', () => {
    const head = { id: 'h', roles: ['departmentHead'] };
    expect(() =>
      advanceWorkflow(
        { workflowId: 'outreachBatch', state: 'collected', action: 'allocate', actor: head },
        salesOfficePreset,
      ),
    ).toThrowError(expect.objectContaining({ code: 'invalid_state' }));
    expect(
      advanceWorkflow(
        { workflowId: 'outreachBatch', state: 'returnedToDeptHead', action: 'allocate', actor: head },
        salesOfficePreset,
      ).value.state,
    ).toBe('allocated');
    expect(
      advanceWorkflow(
        { workflowId: 'outreachBatch', state: 'submittedToCrm', action: 'process', actor: head },
        salesOfficePreset,
      ).value.moved,
    ).toBe(false);
  });

  it('reviews entries: sales manager first, then the archive administrator; failures return for correction (S003-ARCHIVE-06)', () => {
    const step = (state: string, action: string, roles: string[]) =>
      advanceWorkflow(
        { workflowId: 'archiveReview', state, action, actor: { id: 'x', roles } },
        customerArchivePreset,
      ).value.state;
    expect(step(step('entered', 'preliminaryPass', ['salesManager']), 'archivePass', ['archiveAdmin'])).toBe(
      'archived',
    );
    expect(step('entered', 'preliminaryFail', ['salesManager'])).toBe('returned');
    expect(() => step('entered', 'archivePass', ['archiveAdmin'])).toThrowError(
      expect.objectContaining({ code: 'invalid_state' }),
    );
  });
});

describe('customer correction requests', () => {
  it('verifies a correction request before updating the file, or rejects it (S003-ARCHIVE-13)', () => {
    const admin = { id: 'a1', roles: ['archiveAdmin'] };
    const step = (state: string, action: string) =>
      advanceWorkflow({ workflowId: 'correctionRequest', state, action, actor: admin }, customerArchivePreset)
        .value.state;
    expect(step(step('received', 'verify'), 'update')).toBe('updated');
    expect(step('received', 'reject')).toBe('rejected');
    expect(() => step('received', 'update')).toThrowError(expect.objectContaining({ code: 'invalid_state' }));
  });
});

describe('entries, backups, complaint volumes, blacklists', () => {
  it('needs a source and an update time on every entry (S003-ARCHIVE-01)', () => {
    expect(
      validateEntry({
        field: 'contact',
        value: '138',
        source: 'face-to-face',
        updatedAt: '2024-03-04T00:00:00Z',
      }).value.valid,
    ).toBe(true);
    expect(
      validateEntry({ field: 'contact', value: '138', updatedAt: '2024-03-04T00:00:00Z' }).value.errors,
    ).toEqual(['SOURCE_MISSING']);
    expect(validateEntry({ field: 'contact', value: '138', source: 'phone' }).value.errors).toEqual([
      'UPDATED_AT_MISSING',
    ]);
  });

  it('records verification of customer-provided data, flagging disputed values (S003-ARCHIVE-14)', () => {
    const base = { field: 'phone', value: '139', source: 'customer', updatedAt: '2024-03-04T00:00:00Z' };
    expect(validateEntry(base).value.verification).toBe('unverified');
    expect(validateEntry({ ...base, verification: 'verified' }).value.valid).toBe(true);
    expect(validateEntry({ ...base, verification: 'disputed' }).value.errors).toEqual(['DISPUTED']);
  });

  it('finds the backup overdue after the company interval (S003-ARCHIVE-09)', () => {
    const policy = defineRecordsPolicy({
      ...customerArchivePreset,
      params: { ...customerArchivePreset.params, backupIntervalHours: 24 },
    });
    expect(backupState('2024-03-04T01:00:00Z', policy, { now: '2024-03-05T00:30:00Z' }).value.overdue).toBe(
      false,
    );
    expect(backupState('2024-03-04T01:00:00Z', policy, { now: '2024-03-05T02:00:00Z' }).value.overdue).toBe(
      true,
    );
    expect(() => backupState('2024-03-04T01:00:00Z', customerArchivePreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('files closed complaints by administrative staff in the volume of the closure year (S001B-ARCHIVE-03)', () => {
    const c = {
      caseId: 'K1',
      state: 'closed',
      closedAt: '2024-01-05T02:00:00Z',
      archivist: { id: 'a', roles: ['adminStaff'] },
    };
    expect(archiveComplaintCase(c, ctx).value).toEqual({ archived: true, volumeYear: 2024 });
    // 2023-12-31 23:00 in Shanghai is still 2023.
    expect(archiveComplaintCase({ ...c, closedAt: '2023-12-31T15:00:00Z' }, ctx).value.volumeYear).toBe(2023);
    expect(
      archiveComplaintCase({ ...c, archivist: { id: 's', roles: ['salesperson'] } }, ctx).value.archived,
    ).toBe(false);
    expect(() => archiveComplaintCase({ ...c, state: 'implementing' }, ctx)).toThrowError(
      expect.objectContaining({ code: 'invalid_state' }),
    );
  });
});

describe('checkTerminationArchives (S001B-ARCHIVE-04)', () => {
  const base = {
    memberId: 'M1',
    allClientsPlaced: true,
    clientMarginOutstandingFen: 0,
    archivesDeposited: true,
    custodyFeeDueFen: 800_000,
    custodyFeePayments: [800_000],
  };
  it('lets a member terminate once archives are deposited and the custody fee is paid in one sum (S001B-ARCHIVE-04)', () => {
    expect(checkTerminationArchives(base).value).toEqual([]);
    expect(checkTerminationArchives({ ...base, custodyFeePayments: [500_000, 300_000] }).value).toEqual([
      'CUSTODY_FEE_MUST_BE_ONE_PAYMENT',
    ]);
    expect(checkTerminationArchives({ ...base, clientMarginOutstandingFen: 1_200_000 }).value).toEqual([
      'CLIENT_MARGINS_NOT_REFUNDED',
    ]);
    expect(
      checkTerminationArchives({ ...base, archivesDeposited: false, custodyFeePayments: [] }).value,
    ).toEqual(['ARCHIVES_NOT_DEPOSITED', 'CUSTODY_FEE_UNPAID']);
  });

  it('refuses negative or fractional amounts', () => {
    expect(() => checkTerminationArchives({ ...base, custodyFeeDueFen: -1 })).toThrowError(
      expect.objectContaining({ path: ['custodyFeeDueFen'] }),
    );
    expect(() => checkTerminationArchives({ ...base, clientMarginOutstandingFen: 1.5 })).toThrowError(
      expect.objectContaining({ path: ['clientMarginOutstandingFen'] }),
    );
  });
});
