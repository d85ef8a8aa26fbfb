import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { accessDecision } from './access.js';
import { completenessOf } from './completeness.js';
import { defineRecordsPolicy, RecordsParamsSchema, recordsPolicyJsonSchema } from './policy.js';
import {
  corporateArchivePreset,
  customerArchivePreset,
  dealerFilesPreset,
  recordsPresets,
  salesOfficePreset,
} from './presets/index.js';

const ctx = { now: '2024-03-06T02:00:00Z' };
const type = (policyTypes: typeof salesOfficePreset, id: string) =>
  policyTypes.params.fileTypes.find((t) => t.id === id);

describe('file-type catalog', () => {
  it('puts every dealer file in the custody of the customer-care file administrator (S000-ARCHIVE-03)', () => {
    for (const t of dealerFilesPreset.params.fileTypes) expect(t.custodianRole).toBe('archiveAdmin');
    expect(dealerFilesPreset.params.unmaskRoles).toEqual(['archiveAdmin']);
  });

  it('holds the sales director and sales manager accountable for sales files, the service advisor for after-sales files (S000-ARCHIVE-06)', () => {
    expect(type(dealerFilesPreset, 'newCarSalesFile')?.accountable).toEqual([
      'salesDirector',
      'salesManager',
    ]);
    expect(type(dealerFilesPreset, 'afterSalesMaintenanceFile')?.accountable).toContain('serviceAdvisor');
    expect(type(dealerFilesPreset, 'newCarSalesFile')?.handover[0]).toMatchObject({
      from: 'salesConsultant',
      to: 'archiveAdmin',
    });
  });

  it('has the receiving salesperson write the visitor and call registers (S001-ARCHIVE-02)', () => {
    for (const id of ['visitorRegister', 'callRegister']) {
      expect(type(salesOfficePreset, id)).toMatchObject({ author: 'salesperson', family: 'register' });
      const write = (actor: string) =>
        accessDecision(
          {
            actor: { id: actor, roles: ['salesperson'] },
            action: 'write',
            file: { id: 'r', fileTypeId: id, attributes: { receiverId: 'A' } },
          },
          salesOfficePreset,
          ctx,
        ).value.allowed;
      expect(write('A')).toBe(true);
      expect(write('B')).toBe(false);
    }
  });

  it('has the sales assistant keep the deposit registers, sales statistics and signing table (S001-ARCHIVE-03)', () => {
    for (const id of ['smallDepositDetail', 'largeDepositDetail', 'salesStatistics', 'signingDetail']) {
      expect(type(salesOfficePreset, id)?.author).toBe('salesAssistant');
    }
  });

  it('has the manager produce daily, weekly and monthly visitor/call statistics (S001-ARCHIVE-04)', () => {
    expect(
      ['dailyVisitCallStats', 'weeklyVisitCallAnalysis', 'monthlyVisitCallAnalysis'].map(
        (id) => type(salesOfficePreset, id)?.cadence,
      ),
    ).toEqual(['daily', 'weekly', 'monthly']);
  });

  it('stores every sales-office record electronically: a paper-only register is incomplete (S001-ARCHIVE-05)', () => {
    for (const t of salesOfficePreset.params.fileTypes.filter((t) => t.family === 'register' && t.author))
      expect(t.media).toContain('electronic');
    const d = completenessOf(
      { fileTypeId: 'visitorRegister', fileId: 'V1', responsible: { personId: 'A' }, media: { paper: true } },
      salesOfficePreset,
      ctx,
    );
    expect(d.value.violations[0]).toMatchObject({ code: 'records.medium.missing' });
  });

  it('has daily and weekly plans from sales staff and the manager (S001-ARCHIVE-06)', () => {
    expect(type(salesOfficePreset, 'dailyPlan')).toMatchObject({ cadence: 'daily', author: 'salesperson' });
    expect(type(salesOfficePreset, 'weeklyPlan')?.cadence).toBe('weekly');
    const write = (roles: string[]) =>
      accessDecision(
        { actor: { id: 'm', roles }, action: 'write', file: { id: 'p', fileTypeId: 'weeklyPlan' } },
        salesOfficePreset,
        ctx,
      ).value.allowed;
    expect(write(['salesManager'])).toBe(true);
    expect(write(['salesAssistant'])).toBe(false);
  });

  it('has the sales manager write the weekly analysis and business report (S001-ARCHIVE-07)', () => {
    expect(type(salesOfficePreset, 'weeklySalesAnalysis')).toMatchObject({
      author: 'salesManager',
      cadence: 'weekly',
    });
    expect(type(salesOfficePreset, 'weeklyBusinessReport')).toMatchObject({
      author: 'salesManager',
      cadence: 'weekly',
    });
  });

  it('lists the first-contact fields and channels of the seed-003 archive (S003-ARCHIVE-02)', () => {
    const t = type(customerArchivePreset, 'customerArchive003');
    const ids = t?.fields.map((f) => f.id) ?? [];
    for (const id of [
      'name',
      'gender',
      'age',
      'contact',
      'homeAddress',
      'occupation',
      'income',
      'budgetYuan',
      'unitTypeRequirement',
      'locationPreference',
      'purchaseTimeframe',
    ]) {
      expect(ids).toContain(id);
    }
    expect(t?.fields.find((f) => f.id === 'collectionChannel')?.oneOf).toEqual([
      'faceToFace',
      'phone',
      'onlineQuestionnaire',
    ]);
  });
});

describe('presets and policy', () => {
  it('validates every preset and round-trips it through JSON', () => {
    for (const [name, policy] of Object.entries(recordsPresets)) {
      const again = defineRecordsPolicy(JSON.parse(JSON.stringify(policy)));
      expect(again, name).toEqual(policy);
    }
  });

  it('exports a JSON Schema of the policy for other languages', () => {
    const schema = recordsPolicyJsonSchema() as { type?: string; properties?: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toContain('params');
  });

  it('refuses a policy with a malformed file type, and one without file types', () => {
    const bad = JSON.parse(JSON.stringify(dealerFilesPreset));
    bad.params.fileTypes[0].handover[0].within = { unit: 'workingDays', amount: -3 };
    expect(() => defineRecordsPolicy(bad)).toThrowError(expect.objectContaining({ code: 'invalid_input' }));
    expect(RecordsParamsSchema.safeParse({ fileTypes: [] }).success).toBe(false);
  });
});

describe('policy validation', () => {
  it('refuses a field pattern that is not a regular expression when the policy is defined', () => {
    const bad = JSON.parse(JSON.stringify(dealerFilesPreset));
    bad.params.fileTypes[0].documents[0].fields[2].pattern = '^1[3-9';
    expect(() => defineRecordsPolicy(bad)).toThrowError(
      expect.objectContaining({
        code: 'invalid_input',
        path: ['policy', 'params', 'fileTypes', 0, 'documents', 0, 'fields', 2, 'pattern'],
      }),
    );
  });
});

describe('workflow validation', () => {
  it('refuses a workflow whose transition names an undeclared state', () => {
    const bad = JSON.parse(JSON.stringify(dealerFilesPreset));
    bad.params.workflows[0].transitions[0].to = 'salesCheked';
    expect(() => defineRecordsPolicy(bad)).toThrowError(
      expect.objectContaining({
        code: 'invalid_input',
        path: ['policy', 'params', 'workflows', 0, 'transitions', 0, 'to'],
      }),
    );
  });
});

describe('reference validation', () => {
  it('refuses an access rule naming an unknown file type, and a duplicate file type', () => {
    const bad = JSON.parse(JSON.stringify(corporateArchivePreset));
    bad.params.accessRules[0].fileTypes = ['corporateArchive'];
    expect(() => defineRecordsPolicy(bad)).toThrowError(
      expect.objectContaining({
        code: 'invalid_input',
        path: ['policy', 'params', 'accessRules', 0, 'fileTypes', 0],
      }),
    );
    const dup = JSON.parse(JSON.stringify(corporateArchivePreset));
    dup.params.fileTypes.push(dup.params.fileTypes[0]);
    expect(() => defineRecordsPolicy(dup)).toThrowError(
      expect.objectContaining({ path: ['policy', 'params', 'fileTypes', 1, 'id'] }),
    );
  });
});
