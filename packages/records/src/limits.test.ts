import '../test/pii-guard.js';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { auditAccessLog } from './access.js';
import { recordsAccess, recordsAccessLog } from './modules.js';
import { salesCompanyFilesPreset } from './presets/index.js';
import { MAX_POLICY_LIST } from './schemas.js';

const entry = {
  actor: { id: 'u1', roles: ['salesperson'] },
  action: 'view',
  file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
  at: '2024-03-05T10:00:00+08:00',
} as const;
const ctx = { now: '2024-03-06T00:00:00+08:00' };
const preset = recordsAccessLog.preset('sales-company-files');
const request = {
  actor: { id: 'u1', roles: ['salesperson'] },
  action: 'view' as const,
  file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
};

describe('records policy lists are bounded (MAX_POLICY_LIST) and refused before their entries are parsed', () => {
  it('10^5 copies of a file type: invalid_input at policy.params.fileTypes naming the limit', () => {
    const fileTypes = new Array(100_000).fill(preset.params.fileTypes[0]);
    const policy = { ...preset, params: { ...preset.params, fileTypes } };
    const e = refusal(() => recordsAccess.evaluate(request, policy, ctx));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'fileTypes']);
    expect(e.message).toContain(`at most ${MAX_POLICY_LIST.toLocaleString('en')} file types`);
    expect(e.message).toContain('最多 1000 个档案类型');
  });

  it('a file type with 10^5 fields, a rule with 10^5 requirements: refused at that list', () => {
    const ft = preset.params.fileTypes[0] as { fields: unknown[] };
    const fields = new Array(100_000).fill(ft.fields[0] ?? { id: 'name', label: { zh: '姓名', en: 'Name' } });
    const withFields = { ...preset, params: { ...preset.params, fileTypes: [{ ...ft, fields }] } };
    expect(refusal(() => recordsAccess.evaluate(request, withFields, ctx)).path).toEqual([
      'policy',
      'params',
      'fileTypes',
      0,
      'fields',
    ]);
    const rule = preset.params.accessRules[0] as object;
    const requires = new Array(100_000).fill({ kind: 'authenticated' });
    const withRequires = { ...preset, params: { ...preset.params, accessRules: [{ ...rule, requires }] } };
    const e = refusal(() => recordsAccess.evaluate(request, withRequires, ctx));
    expect(e.path).toEqual(['policy', 'params', 'accessRules', 0, 'requires']);
    expect(e.message).toContain('requirements');
  });

  it('a list at the bound is still accepted (1,000 access rules)', () => {
    const accessRules = new Array(MAX_POLICY_LIST).fill(preset.params.accessRules[0]);
    const policy = { ...preset, params: { ...preset.params, accessRules } };
    const d = recordsAccess.evaluate(request, policy, ctx);
    expect(d.value.result.verdicts).toHaveLength(MAX_POLICY_LIST);
    expect(d.value.result.allowed).toBe(false);
  });
});

describe('records.access-log judges a large log parsed once', () => {
  it('2·10^4 valid entries through the module: every one checked, every one denied with a violation', () => {
    const log = new Array(20_000).fill(entry);
    const d = recordsAccessLog.evaluate({ log }, preset, ctx);
    expect(d.value.result).toEqual({ checked: 20_000, denied: 20_000 });
    expect(d.value.violations[19_999]?.code).toBe('records.access.unauthorised');
    expect(d.value.violations[19_999]?.occurredAt).toBe('2024-03-05T02:00:00.000Z');
  });

  it('auditAccessLog names the bad entry of a large log by its index', () => {
    const log: unknown[] = new Array(5000).fill(entry);
    log[4321] = { ...entry, action: 'peek' };
    const e = refusal(() => auditAccessLog(log as never, salesCompanyFilesPreset, ctx));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['log', 4321, 'action']);
    expect(refusal(() => auditAccessLog('log' as never, salesCompanyFilesPreset, ctx)).path).toEqual(['log']);
  });
});
