import '../test/pii-guard.js';
import { ViolationSchema } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { type CompletenessInput, completenessOf } from './completeness.js';
import {
  corporateArchivePreset,
  customerArchivePreset,
  dealerFilesPreset,
  returnVisitPreset,
  salesOfficePreset,
  salesSitePreset,
} from './presets/index.js';

const ctx = { now: '2024-03-08T02:00:00Z' };
const sc = { personId: 'sc1', role: 'salesConsultant' };
const sa = { personId: 'sa1', role: 'serviceAdvisor' };

const NEW_CAR_DOCS = [
  'greenCard',
  'invoiceCopy',
  'salesContract',
  'idCardCopy',
  'deliveryChecklist',
  'drivingLicenceCopy',
  'insuranceCopy',
  'derivativeServices',
  'conformityCertCopy',
  'deliveryPhotos',
  'pdiChecklist',
] as const;

const greenCard = { customerName: '张三', contactPerson: '张三', mobile: '13912345678', address: '上海市' };

function newCarFile(except: string[] = [], overrides: Record<string, object> = {}): CompletenessInput {
  return {
    fileTypeId: 'newCarSalesFile',
    fileId: 'VIN-1',
    responsible: sc,
    media: { paper: true, electronic: true },
    documents: NEW_CAR_DOCS.filter((id) => !except.includes(id)).map((id) => ({
      id,
      ...(id === 'greenCard' ? { fields: greenCard } : {}),
      ...(id === 'deliveryChecklist' || id === 'pdiChecklist'
        ? { signatures: { customer: 'ok' as const } }
        : {}),
      ...overrides[id],
    })),
  };
}

describe('completenessOf: new-car file (S000-ARCHIVE-08)', () => {
  it('encodes the 12 documents of the new-car file, the 12th only for specific customers (S000-ARCHIVE-08)', () => {
    const type = dealerFilesPreset.params.fileTypes.find((t) => t.id === 'newCarSalesFile');
    expect(type?.documents.map((d) => d.id)).toEqual([...NEW_CAR_DOCS, 'otherProofs']);
    expect(type?.documents.find((d) => d.id === 'salesContract')?.original).toBe(true);
    expect(completenessOf(newCarFile(), dealerFilesPreset, ctx).value.complete).toBe(true);
    const extra = completenessOf(
      { ...newCarFile(), flags: { requiresExtraDocs: true } },
      dealerFilesPreset,
      ctx,
    );
    expect(extra.value.missingDocuments).toEqual(['otherProofs']);
  });

  it('lists the missing insurance copy of an individual buyer (S000-ARCHIVE-08)', () => {
    const d = completenessOf(newCarFile(['insuranceCopy']), dealerFilesPreset, ctx);
    expect(d.value.missingDocuments).toEqual(['insuranceCopy']);
    expect(d.value.violations).toHaveLength(1);
    expect(d.value.violations[0]).toMatchObject({
      code: 'records.item.missing',
      quantity: 1,
      role: 'salesConsultant',
    });
    expect(ViolationSchema.parse(d.value.violations[0])).toBeTruthy();
  });

  it('accepts an organisation-code certificate instead of the ID card (S000-ARCHIVE-08)', () => {
    const input = newCarFile(['idCardCopy']);
    input.documents = [...(input.documents ?? []), { id: 'orgCodeCertCopy' }];
    expect(completenessOf(input, dealerFilesPreset, ctx).value.complete).toBe(true);
  });

  it('flags a green-card landline without an area code as an error (S000-ARCHIVE-08)', () => {
    const d = completenessOf(
      newCarFile([], { greenCard: { fields: { ...greenCard, landline: '5512345' } } }),
      dealerFilesPreset,
      ctx,
    );
    expect(d.value.defectiveDocuments).toEqual([{ id: 'greenCard', defects: ['landline:format'] }]);
    expect(d.value.violations[0]?.code).toBe('records.item.defective');
    const ok = newCarFile([], { greenCard: { fields: { ...greenCard, landline: '021-5512345' } } });
    expect(completenessOf(ok, dealerFilesPreset, ctx).value.complete).toBe(true);
  });

  it('counts inspection documents without, or with a wrong, customer signature per item (S000-ARCHIVE-08)', () => {
    const d = completenessOf(
      newCarFile([], {
        deliveryChecklist: { signatures: {} },
        pdiChecklist: { signatures: { customer: 'wrong' } },
      }),
      dealerFilesPreset,
      ctx,
    );
    expect(d.value.missingCustomerSignatures).toEqual(['deliveryChecklist', 'pdiChecklist']);
    expect(d.value.violations).toEqual([
      expect.objectContaining({ code: 'records.signature.missing', quantity: 2 }),
    ]);
  });

  it('requires both the paper and the electronic form (S000-ARCHIVE-02)', () => {
    const d = completenessOf({ ...newCarFile(), media: { paper: true } }, dealerFilesPreset, ctx);
    expect(d.value.missingMedia).toEqual(['electronic']);
    expect(d.value.violations[0]).toMatchObject({ code: 'records.medium.missing', quantity: 1 });
  });
});

describe('completenessOf: after-sales maintenance file (S000-ARCHIVE-10)', () => {
  const full = (): CompletenessInput => ({
    fileTypeId: 'afterSalesMaintenanceFile',
    fileId: 'RO-1',
    responsible: sa,
    media: { paper: true, electronic: true },
    documents: [
      { id: 'receptionSheet', signatures: { customer: 'ok', staff: 'ok' } },
      { id: 'taskOrder', signatures: { customer: 'ok', staff: 'ok' } },
      { id: 'settlementSheet', signatures: { customer: 'ok', staff: 'ok' } },
      { id: 'freeCheck12', signatures: { staff: 'ok' } },
    ],
  });

  it('lists the missing 12-item inspection sheet (S000-ARCHIVE-10)', () => {
    const input = full();
    input.documents = input.documents?.filter((d) => d.id !== 'freeCheck12');
    const d = completenessOf(input, dealerFilesPreset, ctx);
    expect(d.value.missingDocuments).toEqual(['freeCheck12']);
    expect(d.value.violations).toEqual([
      expect.objectContaining({ code: 'records.item.missing', quantity: 1 }),
    ]);
    expect(completenessOf(full(), dealerFilesPreset, ctx).value.complete).toBe(true);
  });

  it('separates 2 missing documents, 1 customer signature and 1 staff signature (S000-ARCHIVE-10)', () => {
    const input: CompletenessInput = {
      ...full(),
      documents: [
        { id: 'receptionSheet', signatures: { customer: 'ok', staff: 'missing' } },
        { id: 'taskOrder', signatures: { customer: 'missing', staff: 'ok' } },
      ],
      correctedAt: '2024-03-11T02:00:00Z',
    };
    const d = completenessOf(input, dealerFilesPreset, ctx);
    const byCode = Object.fromEntries(d.value.violations.map((v) => [v.code, v.quantity]));
    expect(byCode).toEqual({
      'records.item.missing': 2,
      'records.signature.missing': 1,
      'records.signature.staffMissing': 1,
    });
    expect(d.value.violations.every((v) => v.correctedAt === '2024-03-11T02:00:00.000Z')).toBe(true);
    expect(d.value.violations.every((v) => v.occurredAt === '2024-03-08T02:00:00.000Z')).toBe(true);
  });

  it('counts defects of a document that is there (不完整、错误、不符合要求) (S000-ARCHIVE-10)', () => {
    const input = full();
    input.documents = input.documents?.map((d) =>
      d.id === 'settlementSheet' ? { ...d, defects: ['error'] } : d,
    );
    expect(completenessOf(input, dealerFilesPreset, ctx).value.violations).toEqual([
      expect.objectContaining({ code: 'records.item.defective', quantity: 1 }),
    ]);
  });
});

describe('completenessOf: sales-office forms', () => {
  const agreement = (
    fields: Record<string, unknown>,
    copies: { holder: string; count: number }[],
  ): CompletenessInput => ({
    fileTypeId: 'subscriptionAgreement',
    fileId: 'SA-001',
    responsible: { personId: 's1', role: 'salesperson' },
    media: { paper: true, electronic: true },
    fields: fields as CompletenessInput['fields'],
    copies,
  });
  const fourCopies = [
    { holder: 'customer', count: 1 },
    { holder: 'finance', count: 1 },
    { holder: 'sales', count: 2 },
  ];
  const good = {
    price: 120_000_000,
    deposit: 5_000_000,
    balance: 115_000_000,
    mailingAddress: '西安市',
    postalCode: '710000',
    phone: '13912345678',
  };

  it('needs 4 copies: customer 1, finance 1, sales 2 (S001-ARCHIVE-08)', () => {
    expect(completenessOf(agreement(good, fourCopies), salesOfficePreset, ctx).value.complete).toBe(true);
    const d = completenessOf(agreement(good, fourCopies.slice(0, 2)), salesOfficePreset, ctx);
    expect(d.value.missingCopies).toEqual([{ holder: 'sales', missing: 2 }]);
  });

  it('S001-ARCHIVE-08: a copy for a misspelt holder is refused, naming the holder meant (it counted for no one)', () => {
    const typo = [{ holder: 'custmer', count: 1 }, ...fourCopies.slice(1)];
    const e = zhiduError(() => completenessOf(agreement(good, typo), salesOfficePreset, ctx));
    expect([e.code, e.path]).toEqual(['unknown_reference', ['copies', 0, 'holder']]);
    expect(e.message).toContain('did you mean `customer`?');
    expect(e.message).toContain('（现有：customer、finance、sales）');
  });

  it('checks the balance against price − deposit and the contact fields (S001-ARCHIVE-09)', () => {
    const { postalCode: _omit, ...noPostcode } = good;
    const d = completenessOf(
      agreement({ ...noPostcode, balance: 150_000_000 }, fourCopies),
      salesOfficePreset,
      ctx,
    );
    expect(d.value.invalidFields).toEqual([{ id: 'balance', reason: 'inconsistent' }]);
    expect(d.value.missingFields).toEqual(['postalCode']);
    expect(d.trace.some((t) => t.rule === 'S001-ARCHIVE-09')).toBe(true);
  });

  it('needs the 2-copy transaction card before trading starts (S001-ARCHIVE-11)', () => {
    const card = (copies: { holder: string; count: number }[]): CompletenessInput => ({
      fileTypeId: 'customerTransactionCard',
      fileId: 'T1',
      responsible: { personId: 's1' },
      media: { paper: true },
      copies,
    });
    expect(completenessOf(card([]), salesOfficePreset, ctx).value.complete).toBe(false);
    const two = [
      { holder: 'company', count: 1 },
      { holder: 'customer', count: 1 },
    ];
    expect(completenessOf(card(two), salesOfficePreset, ctx).value.complete).toBe(true);
  });
});

describe('completenessOf: customer field files', () => {
  const base = {
    name: '李四',
    gender: 'male',
    age: 35,
    contact: '13912345678',
    homeAddress: '上海市',
    occupation: '教师',
    income: 'declined',
    budgetYuan: 3_000_000,
    unitTypeRequirement: '三室',
    locationPreference: '浦东',
    purchaseTimeframe: '2024',
    collectionChannel: 'faceToFace',
    collectedBy: 'u1',
    collectedAt: '2024-03-04T10:00:00+08:00',
    privacyNoticeGivenAt: '2024-03-04T10:00:00+08:00',
  };
  const record = (fields: Record<string, unknown>): CompletenessInput => ({
    fileTypeId: 'customerArchive003',
    fileId: 'C1',
    responsible: { personId: 'u1', role: 'salesperson' },
    media: { paper: true, electronic: true },
    fields: fields as CompletenessInput['fields'],
  });

  it('accepts a declined income and requires the contact (S003-ARCHIVE-02)', () => {
    expect(completenessOf(record(base), customerArchivePreset, ctx).value.complete).toBe(true);
    const { contact: _c, ...noContact } = base;
    expect(completenessOf(record(noContact), customerArchivePreset, ctx).value.missingFields).toEqual([
      'contact',
    ]);
  });

  it('refuses a channel outside face-to-face, phone and online questionnaire (S003-ARCHIVE-02)', () => {
    const d = completenessOf(record({ ...base, collectionChannel: 'wechat' }), customerArchivePreset, ctx);
    expect(d.value.invalidFields).toEqual([{ id: 'collectionChannel', reason: 'oneOf' }]);
  });

  it('flags a contact too short for a mainland mobile as a format error (S003-ARCHIVE-05)', () => {
    const d = completenessOf(record({ ...base, contact: '13800' }), customerArchivePreset, ctx);
    expect(d.value.invalidFields).toEqual([{ id: 'contact', reason: 'pattern' }]);
    expect(d.value.violations[0]?.code).toBe('records.item.defective');
  });

  it('requires a record that the customer was told the purpose and scope of collection (S003-ARCHIVE-13)', () => {
    const { privacyNoticeGivenAt: _p, ...noNotice } = base;
    expect(completenessOf(record(noNotice), customerArchivePreset, ctx).value.missingFields).toEqual([
      'privacyNoticeGivenAt',
    ]);
  });

  it('keeps a service entry open until problem, handling process and result are all there (S003-ARCHIVE-03)', () => {
    const entry = (fields: Record<string, string>): CompletenessInput => ({
      fileTypeId: 'serviceRecordEntry',
      fileId: 'E1',
      responsible: { personId: 'cs1' },
      fields,
    });
    const full = {
      at: '2024-03-05',
      type: 'complaint',
      problem: 'late keys',
      handlingProcess: 'called site office',
      result: 'keys delivered',
    };
    expect(completenessOf(entry(full), customerArchivePreset, ctx).value.complete).toBe(true);
    const { result: _r, ...open } = full;
    expect(completenessOf(entry(open), customerArchivePreset, ctx).value.missingFields).toEqual(['result']);
  });

  it('indexes paper documents by archive number and cabinet (S003-ARCHIVE-10)', () => {
    const doc = (fields: Record<string, string>): CompletenessInput => ({
      fileTypeId: 'paperArchiveDocument',
      fileId: 'P1',
      responsible: { personId: 'a1' },
      media: { paper: true },
      fields,
    });
    expect(
      completenessOf(
        doc({ type: 'purchaseContract', customerId: 'C1', archiveNo: 'PC-0001', cabinet: 'A-01' }),
        customerArchivePreset,
        ctx,
      ).value.complete,
    ).toBe(true);
    expect(
      completenessOf(
        doc({ type: 'purchaseContract', archiveNo: 'PC-0002', cabinet: 'A-01' }),
        customerArchivePreset,
        ctx,
      ).value.missingFields,
    ).toEqual(['customerId']);
  });

  it('needs the seven basic fields of a corporate archive and a known category (S000B-ARCHIVE-07)', () => {
    const fields = {
      customerName: '某公司',
      customerCategory: 'vip',
      enterpriseNature: 'private',
      supervisingAuthority: 'none',
      address: '西安',
      contactPerson: '王经理',
    };
    const d = completenessOf(
      {
        fileTypeId: 'corporateCustomerArchive',
        fileId: 'c10',
        responsible: { personId: 'b1' },
        media: { electronic: true },
        fields,
      },
      corporateArchivePreset,
      ctx,
    );
    expect(d.value.missingFields).toEqual(['contactPhone']);
    expect(d.value.invalidFields).toEqual([{ id: 'customerCategory', reason: 'oneOf' }]);
  });

  it('counts the 42 items of the customer information file; only the salesperson is required (S000B-CORE-03)', () => {
    const d = completenessOf(
      {
        fileTypeId: 'customerInformationFile',
        fileId: 'JY01-000005',
        responsible: { personId: 'u17' },
        media: { electronic: true },
        fields: { salespersonId: 'u17', gender: 'male', mobilePhone: '13900000001' },
      },
      salesSitePreset,
      ctx,
    );
    expect(d.value).toMatchObject({ complete: true, filledCount: 3, totalFields: 44 });
    const type = salesSitePreset.params.fileTypes.find((t) => t.id === 'customerInformationFile');
    expect(type?.fields.filter((f) => f.id !== 'salespersonId' && f.id !== 'customerName')).toHaveLength(42);
    const missing = completenessOf(
      {
        fileTypeId: 'customerInformationFile',
        fileId: 'X',
        responsible: { personId: 'u17' },
        media: { electronic: true },
        fields: { gender: 'male' },
      },
      salesSitePreset,
      ctx,
    );
    expect(missing.value.missingFields).toEqual(['salespersonId']);
  });

  it('requires the open letter in the revisit archive and the reply-letter note on an exempt complaint (S000B-ARCHIVE-05)', () => {
    const revisit = completenessOf(
      {
        fileTypeId: 'revisitArchive',
        fileId: 'R1',
        responsible: { personId: 'cs1' },
        flags: { answeredByOpenLetter: true },
        documents: [{ id: 'revisitRecord' }],
      },
      salesSitePreset,
      ctx,
    );
    expect(revisit.value.missingDocuments).toEqual(['openLetter']);
    const complaint = completenessOf(
      {
        fileTypeId: 'complaintForm',
        fileId: 'K1',
        responsible: { personId: 'cs1' },
        flags: { exemptFromRevisit: true },
        documents: [{ id: 'complaintRecord' }],
      },
      salesSitePreset,
      ctx,
    );
    expect(complaint.value.missingDocuments).toEqual(['replyLetterNote']);
  });

  it('needs a classification and a custodian for consolidated return-visit records (S001B-ARCHIVE-02)', () => {
    const d = completenessOf(
      {
        fileTypeId: 'returnVisitRecordArchive',
        fileId: 'B1',
        responsible: { personId: 'cs1' },
        fields: { records: ['r1'], classification: '2024-03/ROUTINE' },
      },
      returnVisitPreset,
      ctx,
    );
    expect(d.value.missingFields).toEqual(['custodianId']);
  });
});

describe('completenessOf: bad input', () => {
  it('refuses an unknown document, a document listed twice, an unknown field and a negative copy count', () => {
    const unknownDoc = { ...newCarFile(), documents: [{ id: 'passport' }] };
    expect(() => completenessOf(unknownDoc, dealerFilesPreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'unknown_reference', path: ['documents', 0, 'id'] }),
    );
    const twice = { ...newCarFile(), documents: [{ id: 'invoiceCopy' }, { id: 'invoiceCopy' }] };
    expect(() => completenessOf(twice, dealerFilesPreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'duplicate' }),
    );
    const field = { ...newCarFile(), fields: { colour: 'red' } };
    expect(() => completenessOf(field, dealerFilesPreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'unknown_reference' }),
    );
    const copies = { ...newCarFile(), copies: [{ holder: 'sales', count: -1 }] };
    expect(() => completenessOf(copies, dealerFilesPreset, ctx)).toThrowError(
      expect.objectContaining({ code: 'invalid_input', path: ['copies', 0, 'count'] }),
    );
    expect(() =>
      completenessOf({ ...newCarFile(), fileTypeId: 'nope' }, dealerFilesPreset, ctx),
    ).toThrowError(expect.objectContaining({ code: 'unknown_reference' }));
  });
});

describe('completenessOf: properties', () => {
  it('emits exactly one missing-item unit per missing document, whatever subset is handed in (S000-ARCHIVE-08)', () => {
    fc.assert(
      fc.property(fc.subarray([...NEW_CAR_DOCS]), (missing) => {
        const d = completenessOf(newCarFile(missing), dealerFilesPreset, ctx);
        const q = d.value.violations.find((v) => v.code === 'records.item.missing')?.quantity ?? 0;
        expect(q).toBe(missing.length);
        expect(d.value.complete).toBe(missing.length === 0);
      }),
    );
  });
});

describe('completenessOf: responsible role', () => {
  it('charges the handing-over role when the caller gives none (S000-ARCHIVE-10)', () => {
    const d = completenessOf(
      {
        fileTypeId: 'afterSalesMaintenanceFile',
        fileId: 'RO-9',
        responsible: { personId: 'sa9' },
        media: { paper: true, electronic: true },
      },
      dealerFilesPreset,
      ctx,
    );
    expect(d.value.violations[0]).toMatchObject({
      code: 'records.item.missing',
      quantity: 4,
      role: 'serviceAdvisor',
    });
  });
});
