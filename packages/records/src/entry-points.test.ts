import '../test/pii-guard.js';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import {
  checkBackup,
  checkCompleteness,
  checkCurrency,
  checkDestruction,
  checkHandover,
  checkLedger,
  checkLoan,
  checkPurge,
  checkSnapshots,
  customerArchivePreset,
  decideAccess,
  defineRecordsPolicy,
  recordsAccess,
  recordsBackup,
  recordsCompleteness,
  recordsCurrency,
  recordsDestruction,
  recordsHandover,
  recordsLedger,
  recordsLoan,
  recordsPurge,
  recordsSnapshots,
} from './index.js';

type Call = (input: never, policy: unknown, ctx: never) => unknown;
interface Module {
  id: string;
  evaluate: Call;
}

const withPurge = defineRecordsPolicy({
  ...customerArchivePreset,
  params: { ...customerArchivePreset.params, purgeInactivityMonths: 36 },
});
const withBackup = defineRecordsPolicy({
  ...customerArchivePreset,
  params: { ...customerArchivePreset.params, backupIntervalHours: 24 },
});

// name, thin function, module, a real input, a preset (or a policy built from one), a context, a figure of the result
const CASES: [
  string,
  Call,
  Module,
  Record<string, unknown>,
  unknown,
  Record<string, unknown>,
  (d: never) => unknown,
  unknown,
][] = [
  [
    'checkHandover',
    checkHandover as Call,
    recordsHandover as unknown as Module,
    {
      fileTypeId: 'newCarSalesFile',
      fileId: 'VIN1',
      responsible: { personId: 'sc1', role: 'salesConsultant' },
      events: { delivery: '2024-03-04T10:00:00+08:00' },
      handedOverAt: '2024-03-11T10:00:00+08:00',
    },
    recordsHandover.preset('dealer-files'),
    { now: '2024-03-12T00:00:00+08:00', calendar: chinaCalendar() },
    (d: { value: { violations: { code: string }[] } }) => d.value.violations.map((v) => v.code),
    ['records.handover.late'],
  ],
  [
    'checkCompleteness',
    checkCompleteness as Call,
    recordsCompleteness as unknown as Module,
    {
      fileTypeId: 'afterSalesMaintenanceFile',
      fileId: 'RO-1',
      responsible: { personId: 'sa1' },
      documents: [{ id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } }],
    },
    recordsCompleteness.preset('dealer-files'),
    { now: '2024-03-06T10:00:00+08:00' },
    (d: { value: { result: { complete: boolean } } }) => d.value.result.complete,
    false,
  ],
  [
    'decideAccess',
    decideAccess as Call,
    recordsAccess as unknown as Module,
    {
      actor: { id: 'u1', roles: ['salesperson'] },
      action: 'view',
      file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
    },
    recordsAccess.preset('sales-company-files'),
    { now: '2024-03-05T10:00:00+08:00' },
    (d: { value: { result: { allowed: boolean } } }) => d.value.result.allowed,
    false,
  ],
  [
    'checkLoan',
    checkLoan as Call,
    recordsLoan as unknown as Module,
    {
      fileTypeId: 'newCarSalesFile',
      fileId: 'VIN1',
      borrower: { personId: 'u1' },
      lentAt: '2024-03-04T09:00:00+08:00',
      dueAt: '2024-03-06T18:00:00+08:00',
      piecesOut: 12,
      returnedAt: '2024-03-06T10:00:00+08:00',
      piecesReturned: 11,
    },
    recordsLoan.preset('dealer-files'),
    { now: '2024-03-07T08:00:00+08:00', calendar: chinaCalendar() },
    (d: { value: { result: { piecesLost: number } } }) => d.value.result.piecesLost,
    1,
  ],
  [
    'checkDestruction',
    checkDestruction as Call,
    recordsDestruction as unknown as Module,
    { fileTypeId: 'leasingCustomerArchiveForm', fileId: 'A1', archivedOn: '2014-06-30' },
    recordsDestruction.preset('leasing-archive'),
    { now: '2024-07-01T10:00:00+08:00' },
    (d: { value: { result: { missing: string[] } } }) => d.value.result.missing,
    ['approval:leasingHead', 'approval:generalManager'],
  ],
  [
    'checkPurge',
    checkPurge as Call,
    recordsPurge as unknown as Module,
    { fileId: 'C1', lastBusinessAt: '2020-01-10T00:00:00Z', contactLost: true },
    withPurge,
    { now: '2024-03-04T10:00:00+08:00' },
    (d: { value: { result: { eligible: boolean } } }) => d.value.result.eligible,
    true,
  ],
  [
    'checkCurrency',
    checkCurrency as Call,
    recordsCurrency as unknown as Module,
    {
      fileTypeId: 'salesDepartmentArchive',
      fileId: 'S1',
      custodianId: 'k1',
      lastTransactionAt: '2024-03-05T10:00:00+08:00',
      lastUpdatedAt: '2024-03-01T10:00:00+08:00',
    },
    recordsCurrency.preset('sales-site'),
    { now: '2024-03-06T08:00:00+08:00' },
    (d: { value: { result: { stale: boolean } } }) => d.value.result.stale,
    true,
  ],
  [
    'checkSnapshots',
    checkSnapshots as Call,
    recordsSnapshots as unknown as Module,
    { partnerId: 'p1', grade: 'A', year: 2024, half: 2, snapshots: [], custodian: { personId: 'k1' } },
    recordsSnapshots.preset('partner-archive'),
    { now: '2025-01-01T08:00:00+08:00' },
    (d: { value: { violations: { code: string }[] } }) => d.value.violations.map((v) => v.code),
    ['records.snapshot.missing'],
  ],
  [
    'checkLedger',
    checkLedger as Call,
    recordsLedger as unknown as Module,
    {
      date: '2024-03-05',
      admin: { personId: 'a1' },
      received: ['F1', 'F2'],
      registered: ['F1'],
      electronicCreated: ['F1'],
    },
    recordsLedger.preset('dealer-files'),
    { now: '2024-03-06T08:00:00+08:00' },
    (d: { value: { result: { backlog: string[] } } }) => d.value.result.backlog,
    ['F2'],
  ],
  [
    'checkBackup',
    checkBackup as Call,
    recordsBackup as unknown as Module,
    { lastBackupAt: '2024-03-04T09:00:00+08:00' },
    withBackup,
    { now: '2024-03-05T10:00:00+08:00' },
    (d: { value: { result: { overdue: boolean } } }) => d.value.result.overdue,
    true,
  ],
];

describe('the named records functions are thin calls of their modules', () => {
  for (const [name, fn, module, input, policy, ctx, figure, expected] of CASES) {
    it(`${name} is a thin call of ${module.id}: the same decision, trace and provenance`, () => {
      const d = fn(input as never, policy, ctx as never);
      expect(d).toEqual(module.evaluate(input as never, policy, ctx as never));
      expect((d as { provenance: { module: string } }).provenance.module).toBe(module.id);
      expect(figure(d as never)).toEqual(expected);
    });

    it(`${name} (thin call) refuses a misspelt input field and a misspelt policy key with their paths`, () => {
      const badInput = refusal(() => fn({ ...input, fiel: 'x' } as never, policy, ctx as never));
      expect(badInput.code).toBe('unknown_key');
      expect(badInput.path).toEqual(['input', 'fiel']);
      const badPolicy = refusal(() =>
        fn(input as never, { ...(policy as object), efectiveTo: '2030-01-01' }, ctx as never),
      );
      expect(badPolicy.code).toBe('unknown_key');
      expect(badPolicy.path).toEqual(['policy', 'efectiveTo']);
    });
  }
});
