import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { type Decision, InstantSchema, makeContext, PolicyHistory, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessDecision, auditAccessLog } from './access.js';
import { cadenceOf } from './cadence.js';
import { completenessOf } from './completeness.js';
import { backupState } from './entries.js';
import { filingOf } from './filing.js';
import { handoverOf } from './handover.js';
import { loanRegisterOf } from './loan-register.js';
import { loanOf } from './loans.js';
import { readFile } from './masking.js';
import {
  recordsAccess,
  recordsAccessLog,
  recordsBackup,
  recordsCadence,
  recordsCompleteness,
  recordsCurrency,
  recordsDestruction,
  recordsFiling,
  recordsHandover,
  recordsLedger,
  recordsLoan,
  recordsLoanRegister,
  recordsModules,
  recordsOpenFile,
  recordsPurge,
  recordsRead,
  recordsSnapshots,
  recordsWorkflow,
} from './modules.js';
import {
  corporateArchivePreset,
  customerArchivePreset,
  dealerFilesPreset,
  exampleLantingRealtyPreset,
  leasingArchivePreset,
  partnerArchivePreset,
  salesCompanyFilesPreset,
  salesOfficePreset,
  salesSitePreset,
} from './presets/index.js';
import { openFile } from './registry.js';
import { destructionOf, purgeOf } from './retention.js';
import { currencyOf, ledgerDayOf, snapshotsOf } from './upkeep.js';
import { advanceWorkflow } from './workflow.js';

const calendar = chinaCalendar();
const at = (now: string) => makeContext({ now, calendar });

/** Runs `fn` and returns what it threw (failing when it did not throw). */
function thrown(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return e as ZhiduError;
  }
  throw new Error('expected a ZhiduError');
}

/** A preset as plain JSON (what a company edits), from the module that offers it. */
const json = (module: { preset(name: string): unknown }, name: string) =>
  structuredClone(module.preset(name)) as Record<string, unknown> & { params: Record<string, unknown> };

const handoverInput = {
  fileTypeId: 'newCarSalesFile',
  fileId: 'LSV-0001',
  responsible: { personId: 'sc-wang', role: 'salesConsultant' },
  events: { delivery: '2024-03-04T16:00:00+08:00' },
  handedOverAt: '2024-03-11T10:00:00+08:00',
};
const handoverNow = '2024-03-12T00:00:00+08:00';

const withPurge = { ...json(recordsCompleteness, 'customer-archive') };
withPurge.params = { ...withPurge.params, purgeInactivityMonths: 36, backupIntervalHours: 24 };

/** Splits an old check's value the way its module does: violations beside the result. */
function split<V extends { violations: unknown[] }>(value: V) {
  const { violations, ...result } = value;
  return { result, violations };
}

type Expected = { value: { result: unknown; violations: unknown[] }; trace: unknown[] };
/** What the module must return for an old check whose value carries its violations. */
const withViolations = <V extends { violations: unknown[] }>(d: Decision<V>): Expected => ({
  value: split(d.value),
  trace: d.trace,
});
/** What the module must return for an old check that finds no violations (a decision, a computation). */
const noViolations = (d: Decision<unknown>): Expected => ({
  value: { result: d.value, violations: [] },
  trace: d.trace,
});

describe('records modules: behaviour preserved (module value = the check it wraps)', () => {
  const cases: {
    name: string;
    run: () => { value: { result: unknown; violations: unknown[] }; trace: unknown[] };
    old: () => Expected;
    expected: (value: { result: unknown; violations: unknown[] }) => void;
    hasViolations: boolean;
  }[] = [
    {
      name: 'records.handover (dealer-files, 2 working days late over a weekend)',
      run: () =>
        recordsHandover.evaluate(handoverInput, recordsHandover.preset('dealer-files'), at(handoverNow)),
      old: () => withViolations(handoverOf(handoverInput, dealerFilesPreset, { now: handoverNow })),
      expected: (v) => {
        expect(
          (v.result as { outcomes: { status: string; workingDaysLate: number }[] }).outcomes[0],
        ).toMatchObject({
          status: 'late',
          workingDaysLate: 2,
        });
        expect(v.violations[0]).toMatchObject({ code: 'records.handover.late', quantity: 1 });
      },
      hasViolations: true,
    },
    {
      name: 'records.completeness (dealer-files maintenance file: free check missing, customer signature missing)',
      run: () =>
        recordsCompleteness.evaluate(
          completenessInput,
          recordsCompleteness.preset('dealer-files'),
          at('2024-03-06T10:00:00+08:00'),
        ),
      old: () =>
        withViolations(
          completenessOf(completenessInput, dealerFilesPreset, { now: '2024-03-06T10:00:00+08:00' }),
        ),
      expected: (v) => {
        expect(v.result).toMatchObject({
          complete: false,
          missingDocuments: ['freeCheck12'],
          missingCustomerSignatures: ['taskOrder'],
        });
        expect(v.violations.map((x) => (x as { code: string }).code)).toEqual([
          'records.item.missing',
          'records.signature.missing',
        ]);
      },
      hasViolations: true,
    },
    {
      name: "records.access (corporate-archive: another department's archive with the GM's approval)",
      run: () =>
        recordsAccess.evaluate(
          accessInput,
          recordsAccess.preset('corporate-archive'),
          at('2024-03-05T10:00:00+08:00'),
        ),
      old: () =>
        noViolations(
          accessDecision(accessInput, corporateArchivePreset, { now: '2024-03-05T10:00:00+08:00' }),
        ),
      expected: (v) => expect(v.result).toMatchObject({ allowed: true, audience: 'otherDepartment' }),
      hasViolations: false,
    },
    {
      name: 'records.read (dealer-files: shared with an insurer, mobile masked, ID number withheld)',
      run: () =>
        recordsRead.evaluate(
          { request: readRequest, record: readRecord },
          recordsRead.preset('dealer-files'),
          at('2024-03-06T10:00:00+08:00'),
        ),
      old: () =>
        noViolations(
          readFile(readRequest, readRecord, dealerFilesPreset, { now: '2024-03-06T10:00:00+08:00' }),
        ),
      expected: (v) =>
        expect((v.result as { record: unknown }).record).toEqual({
          customerName: '张三',
          mobile: '139****5678',
        }),
      hasViolations: false,
    },
    {
      name: 'records.access-log (sales-company-files: a view without the GM)',
      run: () =>
        recordsAccessLog.evaluate(
          { log: accessLog },
          recordsAccessLog.preset('sales-company-files'),
          at('2024-03-06T10:00:00+08:00'),
        ),
      old: () => {
        const d = auditAccessLog(accessLog, salesCompanyFilesPreset, { now: '2024-03-06T10:00:00+08:00' });
        return {
          value: { result: { checked: 2, denied: d.value.length }, violations: d.value },
          trace: d.trace,
        };
      },
      expected: (v) => {
        expect(v.result).toEqual({ checked: 2, denied: 1 });
        expect(v.violations[0]).toMatchObject({ code: 'records.access.unauthorised', personId: 'u1' });
      },
      hasViolations: true,
    },
    {
      name: 'records.loan (dealer-files: 12 pieces out, 11 back)',
      run: () =>
        recordsLoan.evaluate(loanInput, recordsLoan.preset('dealer-files'), at('2024-03-07T08:00:00+08:00')),
      old: () => withViolations(loanOf(loanInput, dealerFilesPreset, { now: '2024-03-07T08:00:00+08:00' })),
      expected: (v) => {
        expect(v.result).toMatchObject({ status: 'returned', piecesLost: 1 });
        expect(v.violations[0]).toMatchObject({ code: 'records.file.lost', quantity: 1 });
      },
      hasViolations: true,
    },
    {
      name: 'records.destruction (leasing-archive: destroyed 4 years in, without approvals)',
      run: () =>
        recordsDestruction.evaluate(
          destructionInput,
          recordsDestruction.preset('leasing-archive'),
          at('2024-07-02T10:00:00+08:00'),
        ),
      old: () =>
        withViolations(
          destructionOf(destructionInput, leasingArchivePreset, { now: '2024-07-02T10:00:00+08:00' }),
        ),
      expected: (v) => {
        expect(v.result).toMatchObject({ allowed: false, retentionEnd: '2030-06-30' });
        expect(v.violations[0]).toMatchObject({ code: 'records.destruction.unauthorised', personId: 'x1' });
      },
      hasViolations: true,
    },
    {
      name: 'records.purge (customer archive with 36 months of inactivity set)',
      run: () => recordsPurge.evaluate(purgeInput, withPurge, at('2024-03-04T10:00:00+08:00')),
      old: () => noViolations(purgeOf(purgeInput, withPurge as never, { now: '2024-03-04T10:00:00+08:00' })),
      expected: (v) =>
        expect(v.result).toEqual({ eligible: true, allowed: true, disposition: 'moveToBackup' }),
      hasViolations: false,
    },
    {
      name: 'records.currency (sales-site: a transaction after the last update)',
      run: () =>
        recordsCurrency.evaluate(
          currencyInput,
          recordsCurrency.preset('sales-site'),
          at('2024-03-06T08:00:00+08:00'),
        ),
      old: () =>
        noViolations(currencyOf(currencyInput, salesSitePreset, { now: '2024-03-06T08:00:00+08:00' })),
      expected: (v) => expect(v.result).toMatchObject({ stale: true }),
      hasViolations: false,
    },
    {
      name: 'records.snapshots (partner-archive: grade A without a snapshot in 2024 H2)',
      run: () =>
        recordsSnapshots.evaluate(
          snapshotInput,
          recordsSnapshots.preset('partner-archive'),
          at('2025-01-01T08:00:00+08:00'),
        ),
      old: () =>
        withViolations(
          snapshotsOf(snapshotInput, partnerArchivePreset, { now: '2025-01-01T08:00:00+08:00' }),
        ),
      expected: (v) => {
        expect(v.result).toEqual({ required: 1, taken: 0, compliant: false });
        expect(v.violations[0]).toMatchObject({ code: 'records.snapshot.missing', quantity: 1 });
      },
      hasViolations: true,
    },
    {
      name: 'records.cadence (sales-office: no weekly plan for 4–10 March 2024)',
      run: () =>
        recordsCadence.evaluate(
          cadenceInput,
          recordsCadence.preset('sales-office'),
          at('2024-03-11T08:00:00+08:00'),
        ),
      old: () =>
        withViolations(cadenceOf(cadenceInput, salesOfficePreset, { now: '2024-03-11T08:00:00+08:00' })),
      expected: (v) => {
        expect((v.result as { fileTypes: { periods: unknown[] }[] }).fileTypes[0]?.periods).toEqual([
          { from: '2024-03-04', to: '2024-03-10', produced: 0, status: 'missed' },
        ]);
        expect(v.violations[0]).toMatchObject({
          code: 'records.cadence.missed',
          role: 'salesperson',
          quantity: 1,
        });
      },
      hasViolations: true,
    },
    {
      name: 'records.ledger (dealer-files: one file not registered)',
      run: () =>
        recordsLedger.evaluate(
          ledgerInput,
          recordsLedger.preset('dealer-files'),
          at('2024-03-06T08:00:00+08:00'),
        ),
      old: () =>
        withViolations(ledgerDayOf(ledgerInput, dealerFilesPreset, { now: '2024-03-06T08:00:00+08:00' })),
      expected: (v) => {
        expect(v.result).toEqual({ backlog: ['F2'] });
        expect(v.violations[0]).toMatchObject({ code: 'records.ledger.backlog', quantity: 1 });
      },
      hasViolations: true,
    },
    {
      name: 'records.backup (customer archive with a 24-hour interval)',
      run: () =>
        recordsBackup.evaluate(
          { lastBackupAt: '2024-03-04T09:00:00+08:00' },
          withPurge,
          at('2024-03-05T10:00:00+08:00'),
        ),
      old: () =>
        noViolations(
          // The module's input schema normalises the instant; the check is given the same instant.
          backupState(InstantSchema.parse('2024-03-04T09:00:00+08:00'), withPurge as never, {
            now: '2024-03-05T10:00:00+08:00',
          }),
        ),
      expected: (v) => expect(v.result).toEqual({ overdue: true }),
      hasViolations: false,
    },
    {
      name: 'records.filing (example-lanting-realty: one row filed in time, one missing and answered by the role)',
      run: () =>
        recordsFiling.evaluate(
          filingInput,
          recordsFiling.preset('example-lanting-realty'),
          at('2025-03-14T09:00:00+08:00'),
        ),
      old: () =>
        withViolations(
          filingOf(filingInput, exampleLantingRealtyPreset, {
            now: '2025-03-14T09:00:00+08:00',
            calendar: chinaCalendar(),
          }),
        ),
      expected: (v) => {
        const rows = (v.result as { rows: { status: string }[] }).rows;
        expect(rows.map((r) => r.status)).toEqual(['filed', 'overdue']);
        expect(v.violations[0]).toMatchObject({
          code: 'records.filing.missing',
          personId: 'role:salesConsultant',
        });
      },
      hasViolations: true,
    },
    {
      name: 'records.loan-register (dealer-files: a row without a due time is a finding)',
      run: () =>
        recordsLoanRegister.evaluate(
          { rows: [loanInput, noDueLoan] },
          recordsLoanRegister.preset('dealer-files'),
          at('2024-03-07T08:00:00+08:00'),
        ),
      old: () =>
        withViolations(
          loanRegisterOf({ rows: [loanInput, noDueLoan] }, dealerFilesPreset, {
            now: '2024-03-07T08:00:00+08:00',
            calendar: chinaCalendar(),
          }),
        ),
      expected: (v) => {
        expect(v.result).toMatchObject({ checked: 2, invalid: 1 });
        expect((v.violations as { code: string }[]).map((x) => x.code)).toEqual([
          'records.file.lost',
          'records.register.rowInvalid',
        ]);
      },
      hasViolations: true,
    },
    {
      name: 'records.open-file (dealer-files: the VIN already has a file)',
      run: () =>
        recordsOpenFile.evaluate(
          openInput,
          recordsOpenFile.preset('dealer-files'),
          at('2024-03-06T08:00:00+08:00'),
        ),
      old: () => noViolations(openFile(openInput, dealerFilesPreset)),
      expected: (v) => expect(v.result).toEqual({ fileId: 'F-7', created: false }),
      hasViolations: false,
    },
    {
      name: 'records.workflow (customer-archive: preliminary review passed)',
      run: () =>
        recordsWorkflow.evaluate(
          workflowInput,
          recordsWorkflow.preset('customer-archive'),
          at('2024-03-06T08:00:00+08:00'),
        ),
      old: () => noViolations(advanceWorkflow(workflowInput, customerArchivePreset)),
      expected: (v) => expect(v.result).toEqual({ state: 'preReviewed', moved: true }),
      hasViolations: false,
    },
  ];

  it('has a case for every module', () => {
    expect(cases.map((c) => c.name.split(' ')[0])).toEqual(recordsModules.map((m) => m.id));
  });

  for (const c of cases) {
    it(`${c.name}: same value and trace as the check, violations in the result`, () => {
      const d = c.run();
      const old = c.old();
      expect(d.value).toEqual(old.value);
      expect(d.trace).toEqual(old.trace);
      c.expected(d.value);
      expect(d.value.violations.length > 0).toBe(c.hasViolations);
    });
  }
});

const cadenceInput = {
  range: { from: '2024-03-04', to: '2024-03-10' },
  fileTypeIds: ['weeklyPlan'],
  produced: [],
  responsible: { personId: 'u-sales-li' },
};

const completenessInput = {
  fileTypeId: 'afterSalesMaintenanceFile',
  fileId: 'RO-1',
  responsible: { personId: 'sa-zhao', role: 'serviceAdvisor' },
  media: { paper: true, electronic: true },
  documents: [
    { id: 'receptionSheet', signatures: { customer: 'ok' as const, staff: 'ok' as const } },
    { id: 'taskOrder', signatures: { customer: 'missing' as const, staff: 'ok' as const } },
    { id: 'settlementSheet', signatures: { customer: 'ok' as const, staff: 'ok' as const } },
  ],
};
const accessInput = {
  actor: { id: 'u1', roles: ['salesperson'], departmentId: 'D1' },
  action: 'view' as const,
  file: { id: 'C-9', fileTypeId: 'corporateCustomerArchive', ownerDepartmentId: 'D2' },
  approvals: [{ approverId: 'gm', role: 'generalManager', at: '2024-03-05T09:00:00+08:00' }],
};
const readRequest = {
  actor: { id: 'sa-1', roles: ['serviceAdvisor'], authenticated: true },
  action: 'share' as const,
  file: { id: 'VIN-1', fileTypeId: 'newCarSalesFile' },
  recipient: { id: 'insurer', kind: 'thirdParty' as const },
};
const readRecord = { customerName: '张三', mobile: '13912345678', idNumber: '11010519491231002X' };
const logEntry = (id: string, file: string, time: string, roles = ['salesperson']) => ({
  actor: { id, roles },
  action: 'view' as const,
  file: { id: file, fileTypeId: 'salesCompanyCustomerFile' },
  at: time,
});
const accessLog = [
  logEntry('u1', 'F1', '2024-03-05T10:00:00+08:00'),
  logEntry('gm', 'F2', '2024-03-05T09:00:00+08:00', ['generalManager']),
];
const loanInput = {
  fileTypeId: 'newCarSalesFile',
  fileId: 'VIN1',
  borrower: { personId: 'u1' },
  lentAt: '2024-03-04T09:00:00+08:00',
  dueAt: '2024-03-06T18:00:00+08:00',
  piecesOut: 12,
  returnedAt: '2024-03-06T10:00:00+08:00',
  piecesReturned: 11,
};
const noDueLoan = {
  fileTypeId: 'newCarSalesFile',
  fileId: 'VIN2',
  borrower: { personId: 'u2' },
  lentAt: '2024-03-04T09:00:00+08:00',
  piecesOut: 3,
};
const filingInput = {
  duty: 'contractIntoCabinet',
  rows: [
    {
      id: 'HT-1',
      triggeredAt: '2025-03-06T10:00:00+08:00',
      filedAt: '2025-03-07T09:00:00+08:00',
      personId: 'zhou',
    },
    { id: 'HT-2', triggeredAt: '2025-03-06T10:00:00+08:00' },
  ],
};
const destructionInput = {
  fileTypeId: 'leasingCustomerArchiveForm',
  fileId: 'A1',
  archivedOn: '2020-06-30',
  destroyedAt: '2024-07-01T10:00:00+08:00',
  responsible: { personId: 'x1' },
};
const purgeInput = {
  fileId: 'C1',
  lastBusinessAt: '2020-01-10T08:00:00+08:00',
  contactLost: true,
  verification: { by: 'a1', at: '2024-03-04T09:00:00+08:00' },
};
const currencyInput = {
  fileTypeId: 'salesDepartmentArchive',
  fileId: 'S1',
  custodianId: 'k1',
  lastTransactionAt: '2024-03-05T10:00:00+08:00',
  lastUpdatedAt: '2024-03-01T10:00:00+08:00',
};
const snapshotInput = {
  partnerId: 'p1',
  grade: 'A',
  year: 2024,
  half: 2 as const,
  snapshots: [],
  custodian: { personId: 'k1' },
};
const ledgerInput = {
  date: '2024-03-05',
  admin: { personId: 'a1' },
  received: ['F1', 'F2'],
  registered: ['F1'],
  electronicCreated: ['F1'],
};
const openInput = {
  fileTypeId: 'newCarSalesFile',
  key: 'LSV123',
  existing: [{ fileTypeId: 'newCarSalesFile', key: 'LSV123', fileId: 'F-7' }],
};
const workflowInput = {
  workflowId: 'archiveReview',
  state: 'entered',
  action: 'preliminaryPass',
  actor: { id: 'm1', roles: ['salesManager'] },
};

describe('records modules: the contract', () => {
  it('exports one module per policy-taking check, with ids records.<name> and kebab-case presets', () => {
    expect(recordsModules.map((m) => m.id)).toEqual([
      'records.handover',
      'records.completeness',
      'records.access',
      'records.read',
      'records.access-log',
      'records.loan',
      'records.destruction',
      'records.purge',
      'records.currency',
      'records.snapshots',
      'records.cadence',
      'records.ledger',
      'records.backup',
      'records.filing',
      'records.loan-register',
      'records.open-file',
      'records.workflow',
    ]);
    expect(recordsCompleteness.presetNames).toEqual([
      'dealer-files',
      'sales-company-files',
      'leasing-archive',
      'corporate-archive',
      'partner-archive',
      'sales-site',
      'sales-office',
      'return-visit',
      'property-service',
      'customer-archive',
      'example-lanting-realty',
      'example-qinghe-motors',
    ]);
    // Only the presets that have what the module checks: no shipped preset sets a purge or backup interval.
    expect(recordsSnapshots.presetNames).toEqual(['partner-archive']);
    expect(recordsLoan.presetNames).toEqual(['dealer-files', 'return-visit', 'example-lanting-realty']);
    expect(recordsPurge.presetNames).toEqual([]);
    // Only the fictitious companies state a backup interval (the seeds give none).
    expect(recordsBackup.presetNames).toEqual(['example-lanting-realty', 'example-qinghe-motors']);
    expect(recordsFiling.presetNames).toEqual(['example-lanting-realty', 'example-qinghe-motors']);
    for (const m of recordsModules) {
      for (const name of m.presetNames) expect(m.preset(name).id).toMatch(/^zhidu\.records\./);
      expect((m.jsonSchema.policy as { additionalProperties?: unknown }).additionalProperties).toBe(false);
      expect((m.jsonSchema.input as { additionalProperties?: unknown }).additionalProperties).toBe(false);
    }
  });

  it('offers presets as the policy JSON they were defined from (local dates, not instants)', () => {
    const p = recordsHandover.preset('dealer-files');
    expect(p.id).toBe(dealerFilesPreset.id);
    expect(p.params).toEqual(dealerFilesPreset.params);
    expect(p.effectiveFrom).toBe(dealerFilesPreset.effectiveFrom);
  });

  it('states provenance: module id, policy id, version and content hash, calendar zone', () => {
    const d = recordsHandover.evaluate(
      handoverInput,
      recordsHandover.preset('dealer-files'),
      at(handoverNow),
    );
    expect(d.provenance.module).toBe('records.handover');
    expect(d.provenance.policy).toEqual({
      id: dealerFilesPreset.id,
      version: '1',
      hash: recordsHandover.compile(recordsHandover.preset('dealer-files')).hash,
    });
    expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.provenance.calendar.zone).toBe('Asia/Shanghai');
    // The policy object from defineRecordsPolicy (the old preset export) is the same policy, same hash.
    expect(recordsHandover.compile(dealerFilesPreset).hash).toBe(d.provenance.policy.hash);
    const access = recordsAccess.evaluate(
      accessInput,
      corporateArchivePreset,
      at('2024-03-05T10:00:00+08:00'),
    );
    expect(access.provenance.module).toBe('records.access');
    expect(access.provenance.policy.id).toBe(corporateArchivePreset.id);
  });

  it('refuses a context without a calendar for the modules that count working days (handover, loan)', () => {
    expect(recordsHandover.needsCalendar).toBe(true);
    expect(recordsLoan.needsCalendar).toBe(true);
    expect(recordsCompleteness.needsCalendar).toBe(false);
    const e = thrown(() =>
      recordsHandover.evaluate(handoverInput, recordsHandover.preset('dealer-files'), { now: handoverNow }),
    );
    expect(e.code).toBe('calendar_required');
    expect(e.path).toEqual(['ctx', 'calendar']);
    expect(
      thrown(() => recordsLoan.evaluate(loanInput, recordsLoan.preset('dealer-files'), { now: handoverNow }))
        .code,
    ).toBe('calendar_required');
    // A module that counts no working days runs on a context without a calendar.
    const d = recordsCompleteness.evaluate(completenessInput, recordsCompleteness.preset('dealer-files'), {
      now: '2024-03-06T10:00:00+08:00',
    });
    expect(d.value.result.complete).toBe(false);
  });
});

describe('records modules: strict at the boundary', () => {
  it('refuses a misspelt top-level policy key (efectiveTo) with unknown_key and the field meant', () => {
    const e = thrown(() =>
      recordsHandover.policy({ ...json(recordsHandover, 'dealer-files'), efectiveTo: '2030-01-01' }),
    );
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['policy', 'efectiveTo']);
    expect(e.message).toContain('did you mean `policy.effectiveTo`?');
  });

  it('refuses a misspelt params key (defaultAcess: allow would have opened every file) with a suggestion', () => {
    const p = json(recordsAccess, 'dealer-files');
    p.params = { ...p.params, defaultAcess: 'allow' };
    const e = thrown(() => recordsAccess.evaluate(accessInput as never, p, at('2024-03-05T10:00:00+08:00')));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['policy', 'params', 'defaultAcess']);
    expect(e.message).toContain('did you mean `policy.params.defaultAccess`?');
  });

  it('refuses a misspelt key inside a time limit (inclsuive) instead of keeping the default in force', () => {
    const p = json(recordsHandover, 'dealer-files');
    const fileTypes = p.params.fileTypes as { handover: { within: Record<string, unknown> }[] }[];
    const rule = fileTypes[0]?.handover[0];
    if (!rule) throw new Error('the dealer preset has a handover rule');
    rule.within = { ...rule.within, inclsuive: false };
    const e = thrown(() => recordsHandover.policy(p));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['policy', 'params', 'fileTypes', 0, 'handover', 0, 'within', 'inclsuive']);
    expect(e.message).toContain('inclusive');
  });

  it('refuses a misspelt input key (handedOverAT) with unknown_key and the suggestion', () => {
    const { handedOverAt, ...rest } = handoverInput;
    const e = thrown(() =>
      recordsHandover.evaluate(
        { ...rest, handedOverAT: handedOverAt } as never,
        recordsHandover.preset('dealer-files'),
        at(handoverNow),
      ),
    );
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['input', 'handedOverAT']);
    expect(e.message).toContain('handedOverAt');
  });

  it('refuses an unknown triggering event (delivry) instead of ignoring it, in the module and in handoverOf', () => {
    const typo = { ...handoverInput, events: { delivry: '2024-03-04T16:00:00+08:00' } };
    for (const [run, path] of [
      [
        () => recordsHandover.evaluate(typo, recordsHandover.preset('dealer-files'), at(handoverNow)),
        ['input', 'events', 'delivry'],
      ],
      [() => handoverOf(typo, dealerFilesPreset, { now: handoverNow }), ['events', 'delivry']],
    ] as const) {
      const e = thrown(run);
      expect(e.code).toBe('unknown_key');
      expect(e.path).toEqual(path);
      expect(e.message).toContain('did you mean `delivery`?');
      expect(e.message.match(/\(at /g)).toHaveLength(1);
    }
    // An event the file type counts from for information only (the sale) is known.
    const d = handoverOf(
      { ...handoverInput, events: { ...handoverInput.events, sale: '2024-03-01T10:00:00+08:00' } },
      dealerFilesPreset,
      { now: handoverNow },
    );
    expect(d.value.outcomes[0]?.status).toBe('late');
  });

  it('refuses a completeness flag no conditional item reads (requiresExtraDoc), in the module and in completenessOf', () => {
    const typo = { ...completenessInput, fileTypeId: 'newCarSalesFile', flags: { requiresExtraDoc: true } };
    const m = thrown(() =>
      recordsCompleteness.evaluate(
        typo,
        recordsCompleteness.preset('dealer-files'),
        at('2024-03-06T10:00:00+08:00'),
      ),
    );
    expect(m.code).toBe('unknown_key');
    expect(m.path).toEqual(['input', 'flags', 'requiresExtraDoc']);
    expect(m.message).toContain('did you mean `requiresExtraDocs`?');
    const old = thrown(() => completenessOf(typo, dealerFilesPreset, { now: '2024-03-06T10:00:00+08:00' }));
    expect(old.path).toEqual(['flags', 'requiresExtraDoc']);
  });

  it('refuses a document field the document does not declare (landlne on the green card) instead of ignoring it', () => {
    const typo = {
      fileTypeId: 'newCarSalesFile',
      fileId: 'VIN-9',
      responsible: { personId: 'sc1' },
      documents: [
        { id: 'salesContract' },
        { id: 'greenCard', fields: { customerName: '张三', landlne: '021-5512345' } },
      ],
    };
    const old = thrown(() => completenessOf(typo, dealerFilesPreset, { now: '2024-03-06T10:00:00+08:00' }));
    expect(old.code).toBe('unknown_key');
    expect(old.path).toEqual(['documents', 1, 'fields', 'landlne']);
    expect(old.message).toContain('did you mean `landline`?');
    const m = thrown(() =>
      recordsCompleteness.evaluate(
        typo,
        recordsCompleteness.preset('dealer-files'),
        at('2024-03-06T10:00:00+08:00'),
      ),
    );
    expect(m.path).toEqual(['input', 'documents', 1, 'fields', 'landlne']);
  });

  it('refuses an unknown action in an access log entry (an unknown event type)', () => {
    const e = thrown(() =>
      recordsAccessLog.evaluate(
        { log: [{ ...accessLog[0], action: 'veiw' }] } as never,
        recordsAccessLog.preset('sales-company-files'),
        at('2024-03-06T10:00:00+08:00'),
      ),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'log', 0, 'action']);
  });

  it('requires the time of every access in a log given to the module', () => {
    const { at: _at, ...undated } = accessLog[0] as (typeof accessLog)[number];
    const e = thrown(() =>
      recordsAccessLog.evaluate(
        { log: [undated] } as never,
        recordsAccessLog.preset('sales-company-files'),
        at('2024-03-06T10:00:00+08:00'),
      ),
    );
    expect(e.path).toEqual(['input', 'log', 0, 'at']);
  });

  it('enforces the ordering rule on an access log: time order within a file, any interleaving between files', () => {
    const policy = recordsAccessLog.preset('sales-company-files');
    const ctx = at('2024-03-06T10:00:00+08:00');
    const outOfOrder = [
      logEntry('u1', 'F1', '2024-03-05T10:00:00+08:00'),
      logEntry('u2', 'F1', '2024-03-05T09:00:00+08:00'),
    ];
    const e = thrown(() => recordsAccessLog.evaluate({ log: outOfOrder }, policy, ctx));
    expect(e.code).toBe('out_of_order');
    expect(e.path).toEqual(['input', 'log', 1, 'at']);
    // F2 earlier than F1's access, between two F1 accesses: accepted.
    const interleaved = [
      logEntry('u1', 'F1', '2024-03-05T10:00:00+08:00'),
      logEntry('u2', 'F2', '2024-03-05T08:00:00+08:00'),
      logEntry('u3', 'F1', '2024-03-05T11:00:00+08:00'),
    ];
    const d = recordsAccessLog.evaluate({ log: interleaved }, policy, ctx);
    expect(d.value.result).toEqual({ checked: 3, denied: 3 });
    expect(d.value.violations.map((v) => v.personId)).toEqual(['u1', 'u2', 'u3']);
  });
});

describe('records: a policy that never went through defineRecordsPolicy', () => {
  const badExempt = () => {
    const p = json(recordsAccess, 'corporate-archive');
    const rules = p.params.accessRules as Record<string, unknown>[];
    rules[0] = { ...rules[0], exemptRoles: 'generalManager' };
    return p;
  };

  it('accessDecision refuses a string for exemptRoles with a ZhiduError naming the field, not a TypeError', () => {
    const e = thrown(() =>
      accessDecision(accessInput, badExempt() as never, { now: '2024-03-05T10:00:00+08:00' }),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'accessRules', 0, 'exemptRoles']);
    const m = thrown(() => recordsAccess.evaluate(accessInput, badExempt(), at('2024-03-05T10:00:00+08:00')));
    expect(m.path).toEqual(['policy', 'params', 'accessRules', 0, 'exemptRoles']);
  });

  it('handoverOf, loanOf and the other checks refuse a raw policy without fileTypes with a ZhiduError', () => {
    const raw = {
      id: 'x',
      version: '1',
      effectiveFrom: '2024-01-01',
      source: { title: 't' },
      params: { fileTypes: 'newCarSalesFile' },
    };
    const runs: (() => unknown)[] = [
      () => handoverOf(handoverInput, raw as never, { now: handoverNow }),
      () => loanOf(loanInput, raw as never, { now: handoverNow }),
      () => completenessOf(completenessInput, raw as never, { now: handoverNow }),
      () => openFile(openInput, raw as never),
      () => advanceWorkflow(workflowInput, raw as never),
      () => backupState('2024-03-04T09:00:00+08:00', raw as never, { now: handoverNow }),
    ];
    for (const run of runs) {
      const e = thrown(run);
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['policy', 'params', 'fileTypes']);
    }
  });

  it('accepts a valid raw policy JSON in the old checks (validated once per object identity)', () => {
    const raw = json(recordsHandover, 'dealer-files');
    const a = handoverOf(handoverInput, raw as never, { now: handoverNow });
    const b = handoverOf(handoverInput, raw as never, { now: handoverNow });
    expect(a.value.outcomes[0]?.workingDaysLate).toBe(2);
    expect(b.value).toEqual(a.value);
  });
});

describe('records.handover: property (seeded)', () => {
  it('equals handoverOf for any delivery and handover time in 2024 (the module only reshapes the value)', () => {
    const start = Date.parse('2024-01-01T00:00:00+08:00');
    const policy = recordsHandover.preset('dealer-files');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 330 * 24 }), fc.integer({ min: 0, max: 20 * 24 }), (h, lag) => {
        const delivery = new Date(start + h * 3_600_000).toISOString();
        const handedOverAt = new Date(start + (h + lag) * 3_600_000).toISOString();
        const input = { ...handoverInput, events: { delivery }, handedOverAt };
        const now = new Date(start + (h + lag + 1) * 3_600_000).toISOString();
        const d = recordsHandover.evaluate(input, policy, at(now));
        const old = handoverOf(input, dealerFilesPreset, { now });
        expect(d.value).toEqual(split(old.value));
        expect(d.value.violations.length).toBe(old.value.outcomes[0]?.status === 'late' ? 1 : 0);
      }),
      { seed: 20240304, numRuns: 60 },
    );
  });
});

describe('records modules: error paths name the value in the arguments', () => {
  it('puts an input error found by the check under input (unknown file type, a log entry, a read request)', () => {
    const unknownType = { ...handoverInput, fileTypeId: 'newCarFile' };
    const e = thrown(() =>
      recordsHandover.evaluate(unknownType, recordsHandover.preset('dealer-files'), at(handoverNow)),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['input', 'fileTypeId']);
    expect(e.message).toContain('unknown file type "newCarFile"');
    expect(e.message.endsWith('(at input.fileTypeId)')).toBe(true);

    const log = [
      logEntry('u1', 'F1', '2024-03-05T10:00:00+08:00'),
      { ...logEntry('u2', 'F2', '2024-03-05T11:00:00+08:00'), file: { id: 'F2', fileTypeId: 'nope' } },
    ];
    const policy = recordsAccessLog.preset('sales-company-files');
    const old = thrown(() => auditAccessLog(log, policy, { now: '2024-03-06T10:00:00+08:00' }));
    expect(old.path).toEqual(['log', 1, 'file', 'fileTypeId']);
    const m = thrown(() => recordsAccessLog.evaluate({ log }, policy, at('2024-03-06T10:00:00+08:00')));
    expect(m.path).toEqual(['input', 'log', 1, 'file', 'fileTypeId']);

    const r = thrown(() =>
      recordsRead.evaluate(
        { request: { ...readRequest, file: { id: 'VIN-1', fileTypeId: 'nope' } }, record: {} },
        recordsRead.preset('dealer-files'),
        at('2024-03-06T10:00:00+08:00'),
      ),
    );
    expect(r.path).toEqual(['input', 'request', 'file', 'fileTypeId']);
  });

  it('keeps the path of a policy problem found by the check (a loan check on a policy without loans)', () => {
    const noLoans = json(recordsLoan, 'dealer-files');
    noLoans.params = { ...noLoans.params, loans: null };
    const e = thrown(() => recordsLoan.evaluate(loanInput, noLoans, at('2024-03-07T08:00:00+08:00')));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'loans']);
  });
});

describe('records modules: a policy that changes over time', () => {
  it('judges a handover under the PolicyHistory version in force at ctx.now and names it in the trace', () => {
    const base = json(recordsHandover, 'dealer-files');
    const v1 = { ...base, version: '2023', effectiveFrom: '2023-01-01', effectiveTo: '2024-03-01' };
    const v2 = structuredClone({ ...base, version: '2024', effectiveFrom: '2024-03-01' });
    const fileTypes = v2.params.fileTypes as { handover: { within: { amount: number } }[] }[];
    const rule = fileTypes[0]?.handover[0];
    if (!rule) throw new Error('the dealer preset has a handover rule');
    rule.within.amount = 5; // five working days from 1 March 2024: the handover on the 11th is on time
    const history = new PolicyHistory(recordsHandover.schemas.params as never, [v1, v2]);
    const d = recordsHandover.evaluate(handoverInput, history, at(handoverNow));
    expect(d.trace[0]?.rule).toBe('zhidu.policy.version');
    expect(d.provenance.policy.version).toBe('2024');
    expect(d.value.result.outcomes[0]).toMatchObject({ status: 'onTime', workingDaysLate: 0 });
    expect(d.value.violations).toEqual([]);
  });
});
