import { describe, expect, it } from 'vitest';
import { maskValue, readFile, redactRecord } from './masking.js';
import { customerArchivePreset, partnerArchivePreset, propertyServicePreset } from './presets/index.js';

const ctx = { now: '2024-03-06T02:00:00Z' };
const record = { name: '李四', contact: '13912345678', idCard: '11010519491231002X', income: '20万' };

describe('readFile and masking', () => {
  it('shows phone and ID-card numbers in clear to the file administrator (S003-ACCESS-03)', () => {
    const d = readFile(
      {
        actor: { id: 'a1', roles: ['archiveAdmin'] },
        action: 'view',
        file: { id: 'C1', fileTypeId: 'customerArchive003' },
      },
      record,
      customerArchivePreset,
      ctx,
    );
    expect(d.value.record).toEqual(record);
  });

  it('masks the numbers a reader is not authorised to see and returns only the approved content (S003-ACCESS-03)', () => {
    const d = readFile(
      {
        actor: { id: 'u1', roles: ['salesperson'], departmentId: 'sales' },
        action: 'view',
        file: { id: 'C1', fileTypeId: 'customerArchive003' },
        fields: ['name', 'contact', 'idCard'],
        purpose: 'contract',
        approvals: [
          { approverId: 'h1', role: 'departmentHead', departmentId: 'sales', at: '2024-03-05T00:00:00Z' },
          { approverId: 'a1', role: 'archiveAdmin', at: '2024-03-05T01:00:00Z' },
        ],
      },
      record,
      customerArchivePreset,
      ctx,
    );
    expect(d.value.record).toEqual({ name: '李四', contact: '139****5678', idCard: '1101**********002X' });
    expect(d.trace.at(-1)?.data).toEqual({
      masked: ['contact', 'idCard'],
      dropped: [],
      undeclared: [],
      scrubbed: [],
    });
  });

  it('returns nothing when access is denied (S003-ACCESS-01)', () => {
    const d = readFile(
      {
        actor: { id: 'u1', roles: ['salesperson'] },
        action: 'view',
        file: { id: 'C1', fileTypeId: 'customerArchive003' },
      },
      record,
      customerArchivePreset,
      ctx,
    );
    expect(d.value).toMatchObject({ allowed: false, record: null });
  });

  it('unmasks only the fields the customer authorised for a third party (S002-ACCESS-01)', () => {
    const d = readFile(
      {
        actor: { id: 'x', roles: ['cs'], permissions: ['customerInfo'] },
        action: 'disclose',
        file: { id: 'C', fileTypeId: 'propertyCustomerFile' },
        recipient: { id: 'bank', kind: 'thirdParty' },
        customerAuthorization: { at: '2024-03-01T00:00:00Z', fields: ['name', 'phone', 'idCard'] },
        fields: ['name', 'phone', 'idCard'],
      },
      { name: '王五', phone: '13812341234', idCard: '11010519491231002X' },
      propertyServicePreset,
      ctx,
    );
    expect(d.value.record).toEqual({ name: '王五', phone: '13812341234', idCard: '11010519491231002X' });
  });

  it('drops a partner grade from anything a partner sees (S000B-ACCESS-03)', () => {
    const type = partnerArchivePreset.params.fileTypes[0];
    if (!type) throw new Error('missing type');
    expect(
      redactRecord({ partnerName: 'P', grade: 'B', creditStanding: 'good' }, type, 'partner', []),
    ).toEqual({ partnerName: 'P' });
    expect(redactRecord({ partnerName: 'P', grade: 'B' }, type, 'internal', [])).toEqual({
      partnerName: 'P',
      grade: 'B',
    });
  });

  it('masks values the core maskers refuse instead of leaking them', () => {
    expect(maskValue('029-88886666', 'phone')).toBe('029*****6666');
    expect(maskValue('12345', 'idCard')).toBe('*****');
    expect(maskValue('上海市浦东新区', 'personal')).toBe('*******');
    expect(maskValue(35, 'personal')).toBe('***');
  });
});
