import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CORE_MODELS } from './catalog.js';
import { customerInformationFileTemplate, dealerComplaintIntakeTemplate } from './catalog-000.js';
import { visitPurposes } from './catalog-001.js';
import { contactChannelsAndTypes } from './catalog-002.js';
import { checkTaxonomyValue, defineTaxonomy, extendTaxonomy } from './taxonomy.js';
import {
  checkRecordTemplate,
  customizeTemplate,
  defineTemplate,
  type RecordTemplateInput,
} from './template.js';

const base: RecordTemplateInput = {
  id: 'ACME-01',
  title: { zh: '测试表', en: 'Test form' },
  source: { seed: 'acme.md', lines: 'L1-L3' },
  fields: [
    { key: 'name', label: { zh: '姓名', en: 'Name' }, type: 'text', required: true },
    { key: 'mobile', label: { zh: '手机', en: 'Mobile' }, type: 'phone' },
    { key: 'idCard', label: { zh: '身份证', en: 'ID card' }, type: 'idCard' },
    { key: 'born', label: { zh: '出生日期', en: 'Born' }, type: 'date' },
    { key: 'at', label: { zh: '时间', en: 'At' }, type: 'instant' },
    { key: 'fee', label: { zh: '费用', en: 'Fee' }, type: 'money' },
    {
      key: 'kind',
      label: { zh: '类别', en: 'Kind' },
      type: 'enum',
      options: [{ value: 'a', label: { zh: '甲', en: 'A' } }],
    },
  ],
};

function errorOf(fn: () => unknown): ZhiduError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
}

describe('checkRecordTemplate', () => {
  it('passes a complete record and cites the template id and source in the trace', () => {
    const d = checkRecordTemplate(base, {
      name: '王某',
      mobile: '13812345678',
      idCard: '11010519491231002x',
      born: '1949-12-31',
      at: '2024-03-04T10:00:00+08:00',
      fee: 12_000,
      kind: 'a',
    });
    expect(d.value).toEqual({
      complete: true,
      missing: [],
      invalid: [],
      unknown: [],
      missingRecommended: [],
    });
    expect(d.trace.at(-1)).toMatchObject({ rule: 'ACME-01', clause: 'acme.md L1-L3' });
  });

  it('reports missing required fields and malformed phone, ID card, date, instant, money and enum values', () => {
    const d = checkRecordTemplate(base, {
      name: '  ',
      mobile: '12345',
      idCard: '110105194912310021',
      born: '2025-02-30',
      at: '2024-03-04',
      fee: 1.5,
      kind: 'z',
    });
    expect(d.value.complete).toBe(false);
    expect(d.value.missing).toEqual(['name']);
    expect(d.value.invalid.map((i) => i.key)).toEqual(['mobile', 'idCard', 'born', 'at', 'fee', 'kind']);
    expect(d.trace.filter((t) => t.data?.key === 'mobile')[0]?.message.zh).toContain('手机');
  });

  it('reports unknown keys instead of dropping them; a closed template is then incomplete', () => {
    const d = checkRecordTemplate(base, { name: '王某', nickname: '老王' });
    expect(d.value.unknown).toEqual(['nickname']);
    expect(d.value.complete).toBe(false);
    expect(
      checkRecordTemplate(base, { name: '王某', nickname: '老王' }, { allowUnknown: true }).value.complete,
    ).toBe(true);
    expect(
      checkRecordTemplate({ ...base, open: true }, { name: '王某', nickname: '老王' }).value,
    ).toMatchObject({
      complete: true,
      unknown: ['nickname'],
    });
  });

  it('accepts a landline for a phone field (电话 is not always a mobile)', () => {
    expect(checkRecordTemplate(base, { name: 'x', mobile: '029-88886666' }).value.invalid).toEqual([]);
  });

  it('refuses malformed templates and non-object records with ZhiduError', () => {
    const dup = {
      ...base,
      fields: [...base.fields, { key: 'name', label: { zh: '名', en: 'N' }, type: 'text' }],
    };
    expect(errorOf(() => checkRecordTemplate(dup as RecordTemplateInput, {})).path).toEqual([
      'template',
      'fields',
      7,
      'key',
    ]);
    expect(() =>
      defineTemplate({ ...base, fields: [{ key: 'k', label: { zh: '类', en: 'K' }, type: 'enum' }] }),
    ).toThrow(ZhiduError);
    expect(() =>
      defineTemplate({ ...base, fields: [{ key: 'Bad Key', label: { zh: '类', en: 'K' }, type: 'text' }] }),
    ).toThrow(/camelCase/);
    expect(() =>
      defineTemplate({
        ...base,
        fields: [
          { key: 'a', label: { zh: '甲', en: 'A' }, type: 'text', requiredWhen: { key: 'nope', in: [true] } },
        ],
      }),
    ).toThrow(/unknown field nope/);
    expect(errorOf(() => checkRecordTemplate(base, [] as unknown as Record<string, unknown>)).path).toEqual([
      'record',
    ]);
  });
});

describe('customizeTemplate (S000B-CORE-04: each project may add or remove items)', () => {
  it('project P2 drops licensePlate and carBrand; a write to them is reported as unknown (S000B-CORE-04)', () => {
    const p2 = customizeTemplate(customerInformationFileTemplate, { remove: ['licensePlate', 'carBrand'] });
    expect(p2.fields.map((f) => f.key)).not.toContain('licensePlate');
    const d = checkRecordTemplate(p2, { salespersonId: 'u17', licensePlate: '豫A12345' });
    expect(d.value).toMatchObject({ complete: false, unknown: ['licensePlate'] });
  });

  it('project P3 adds petOwnership; a file with only the salesperson is complete (no item mandatory, S000B-CORE-04)', () => {
    const p3 = customizeTemplate(customerInformationFileTemplate, {
      add: [{ key: 'petOwnership', label: { zh: '宠物', en: 'Pets' }, type: 'text' }],
    });
    expect(checkRecordTemplate(p3, { salespersonId: 'u17', petOwnership: 'dog' }).value.complete).toBe(true);
    expect(checkRecordTemplate(p3, { salespersonId: 'u17' }).value).toMatchObject({
      complete: true,
      missingRecommended: ['customerName'],
    });
  });

  it('refuses to remove a key that does not exist or add one that does', () => {
    expect(errorOf(() => customizeTemplate(customerInformationFileTemplate, { remove: ['nope'] })).code).toBe(
      'unknown_reference',
    );
    expect(
      errorOf(() =>
        customizeTemplate(customerInformationFileTemplate, {
          add: [{ key: 'gender', label: { zh: '性别', en: 'Gender' }, type: 'text' }],
        }),
      ).code,
    ).toBe('duplicate');
  });

  it('lets a company require an optional item', () => {
    const strict = customizeTemplate(base, { id: 'ACME-02', require: ['mobile'] });
    expect(strict.id).toBe('ACME-02');
    expect(checkRecordTemplate(strict, { name: 'x' }).value.missing).toEqual(['mobile']);
  });
});

describe('taxonomies', () => {
  it('extends an open taxonomy (S002-CPL-01 ends with 等) but not a closed one', () => {
    const withFax = extendTaxonomy(contactChannelsAndTypes, [
      { value: 'fax', group: 'channel', label: { zh: '传真', en: 'Fax' } },
    ]);
    expect(checkTaxonomyValue(contactChannelsAndTypes, 'fax', { group: 'channel' }).value).toBe(false);
    expect(checkTaxonomyValue(withFax, 'fax', { group: 'channel' }).value).toBe(true);
    expect(
      errorOf(() => extendTaxonomy(visitPurposes, [{ value: 'X', label: { zh: '某', en: 'X' } }])).code,
    ).toBe('invalid_state');
  });

  it('refuses duplicate values and unknown parents', () => {
    const t = { id: 'T', title: { zh: '类', en: 'T' }, source: { seed: 's', lines: 'L1' } };
    expect(() =>
      defineTaxonomy({
        ...t,
        values: [
          { value: 'a', label: { zh: '甲', en: 'A' } },
          { value: 'a', label: { zh: '甲', en: 'A' } },
        ],
      }),
    ).toThrow(ZhiduError);
    expect(() =>
      defineTaxonomy({ ...t, values: [{ value: 'a', parent: 'b', label: { zh: '甲', en: 'A' } }] }),
    ).toThrow(/unknown parent/);
  });
});

describe('invariants', () => {
  it('reports exactly the required fields left out of a complete dealer intake (S000-CORE-01)', () => {
    const full: Record<string, unknown> = {
      complainantName: '王某',
      phone: '13812345678',
      vehicleModel: '明锐',
      plateNumber: '沪A12345',
      content: '保养后异响',
    };
    const keys = Object.keys(full);
    fc.assert(
      fc.property(fc.subarray(keys), (dropped) => {
        const rec = Object.fromEntries(Object.entries(full).filter(([k]) => !dropped.includes(k)));
        const v = checkRecordTemplate(dealerComplaintIntakeTemplate, rec).value;
        return (
          JSON.stringify(v.missing) === JSON.stringify(keys.filter((k) => dropped.includes(k))) &&
          v.complete === (dropped.length === 0)
        );
      }),
    );
  });

  it('keeps every catalog template and taxonomy JSON-serialisable: a round trip re-validates unchanged', () => {
    for (const e of Object.values(CORE_MODELS)) {
      for (const t of e.templates) expect(defineTemplate(JSON.parse(JSON.stringify(t)))).toEqual(t);
      for (const t of e.taxonomies) expect(defineTaxonomy(JSON.parse(JSON.stringify(t)))).toEqual(t);
    }
  });
});
