import '../test/pii-guard.js';
import { ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessRequestInput } from './access-schema.js';
import { findPii, MASKING_RULE, maskPii, maskPiiDeep, maskValue, readFile, redactRecord } from './masking.js';
import {
  customerArchivePreset,
  dealerFilesPreset,
  partnerArchivePreset,
  propertyServicePreset,
} from './presets/index.js';

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

  it('refuses a misspelt option of redactRecord (fullAuthorty applied the default deny without a word)', () => {
    const type = partnerArchivePreset.params.fileTypes[0];
    if (!type) throw new Error('missing type');
    const record = { partnerName: 'P', mobile: '13912345678' };
    const typo = zhiduError(() =>
      redactRecord(record, type, 'internal', [], { fullAuthorty: true } as never),
    );
    expect([typo.code, typo.path]).toEqual(['unknown_key', ['options', 'fullAuthorty']]);
    expect(typo.message).toContain('did you mean `fullAuthority`?');
    const text = zhiduError(() =>
      redactRecord(record, type, 'internal', [], { fullAuthority: 'yes' } as never),
    );
    expect([text.code, text.path]).toEqual(['invalid_input', ['options', 'fullAuthority']]);
    // Declared fields only without full authority; the undeclared mobile is dropped.
    expect(redactRecord(record, type, 'internal', [])).toEqual({ partnerName: 'P' });
  });

  it('masks values the core maskers refuse instead of leaking them', () => {
    expect(maskValue('029-88886666', 'phone')).toBe('029*****6666');
    expect(maskValue('12345', 'idCard')).toBe('*****');
    expect(maskValue('上海市浦东新区', 'personal')).toBe('*******');
    expect(maskValue(35, 'personal')).toBe('***');
  });
});

describe('findPii and maskPii: phone, ID-card and bank numbers in any text', () => {
  it('finds mobiles with +86 / 0086 / 86 prefixes and separators, landlines, ID cards and bank cards', () => {
    const cases: [string, string[], string][] = [
      ['电话13912345678', ['mobile'], '电话139****5678'],
      ['+86 139 1234 5678', ['mobile'], '+86 139 **** 5678'],
      ['0086-139-1234-5678', ['mobile'], '0086-139-****-5678'],
      ['8613912345678', ['mobile'], '86139****5678'],
      ['tel:(+86)139.1234.5678', ['mobile'], 'tel:(+86)139.****.5678'],
      ['１３９１２３４５６７８', ['mobile'], '１３９****５６７８'],
      ['座机 0755-12345678', ['landline'], '座机 075*-****5678'],
      ['(010)87654321', ['landline'], '(010)****4321'],
      ['身份证11010519491231002x。', ['idCard'], '身份证1101**********002x。'],
      ['老证 110105491231002', ['idCard'], '老证 1101*******1002'],
      ['卡号 6222 0212 3456 7890 128', ['bankCard'], '卡号 622* **** **** ***0 128'],
      ['6228480012345671', ['bankCard'], '622*********5671'],
      ['11010519491231002X13912345678', ['idCard', 'mobile'], '1101**********002X139****5678'],
      ['13912345678Xiaoming', ['mobile'], '139****5678Xiaoming'],
    ];
    for (const [text, kinds, masked] of cases) {
      expect(
        findPii(text).map((m) => m.kind),
        text,
      ).toEqual(kinds);
      expect(maskPii(text), text).toBe(masked);
    }
    expect(findPii('请致电13912345678')).toEqual([{ kind: 'mobile', start: 3, end: 14 }]);
  });

  it('leaves dates, times, amounts, ids and numbers that fail their checks alone', () => {
    for (const text of [
      '交车于2024-03-04 16:00,期限2024-03-07 23:59',
      '2024-03-05T01:00:00Z',
      '金额 1,234,567.89 元,共12件,超期2个工作日',
      'VIN LSVAB4182E2123456',
      '1391234567', // 10 digits
      '23912345678', // not 1[3-9]
      '110105194912310021', // wrong check character
      '6228480012345672', // fails Luhn
      '139123456789012345678901', // glued to more digits: not split
    ]) {
      expect(findPii(text), text).toEqual([]);
      expect(maskPii(text)).toBe(text);
    }
  });

  it('masks inside nested objects, arrays, keys and integers without touching the input', () => {
    const input = {
      notes: ['回访 13912345678', { tel: '010-87654321', ok: true }],
      [MOBILE_KEY]: 'wife',
      card: 6228480012345671,
      big: 13912345678n,
      at: new Date('2024-03-05T00:00:00Z'),
      none: null,
    };
    const copy = structuredClone(input);
    expect(maskPiiDeep(input)).toEqual({
      notes: ['回访 139****5678', { tel: '010-****4321', ok: true }],
      '139****5678': 'wife',
      card: '622*********5671',
      big: '139****5678',
      at: new Date('2024-03-05T00:00:00Z'),
      none: null,
    });
    expect(input).toEqual(copy);
  });

  it('masks an object held in many places once, and every place gets it masked (a list of 10^5 references took seconds)', () => {
    const shared = { tel: '13912345678', nested: [{ note: '回访 010-87654321' }] };
    const input = { list: Array(100_000).fill(shared), other: shared, plain: '13800000000' };
    const out = maskPiiDeep(input) as { list: unknown[]; other: unknown; plain: string };
    const masked = { tel: '139****5678', nested: [{ note: '回访 010-****4321' }] };
    expect(out.list).toHaveLength(100_000);
    expect(out.list[0]).toEqual(masked);
    expect(out.list[99_999]).toEqual(masked);
    expect(out.other).toEqual(masked);
    expect(out.plain).toBe('138****0000');
    // The copy holds one masked object where the input held one object: masked once.
    expect(out.list[99_999]).toBe(out.list[0]);
    expect(out.other).toBe(out.list[0]);
    expect(shared.tel).toBe('13912345678');
    // Held twice along one path is still a cycle.
    const loop: Record<string, unknown> = {};
    loop.again = [shared, loop];
    expect(zhiduError(() => maskPiiDeep({ loop })).path).toEqual(['loop', 'again', 1]);
  });

  it('refuses a value that refers to itself, naming where', () => {
    const loop: Record<string, unknown> = { a: '13912345678' };
    loop.self = { back: loop };
    const e = zhiduError(() => maskPiiDeep({ x: loop }));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['x', 'self', 'back']);
    expect(e.message).toContain('循环引用');
    expect(e.message).toContain('refers to itself');
  });

  it('masks every generated number wherever it sits in a text (property, seeded)', () => {
    const around = fc.string({
      unit: fc.constantFrom('客', '户', 'a', 'b', ' ', ',', ':', '电', '话', '。'),
      maxLength: 6,
    });
    const mobile = fc
      .tuple(
        fc.integer({ min: 3, max: 9 }),
        fc.stringMatching(/^\d{9}$/),
        fc.constantFrom('', '+86', '+86 ', '0086', '86-'),
        fc.constantFrom('', ' ', '-'),
      )
      .map(([d, rest, prefix, sep]) => {
        const n = `1${d}${rest}`;
        return { digits: n, text: `${prefix}${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}` };
      });
    const idCard = fc
      .tuple(
        fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
      )
      .map(([birth, seq]) => {
        const body = `110105${birth.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`;
        const id = `${body}${idCheck(body)}`;
        return { digits: id, text: id };
      });
    const bank = fc.stringMatching(/^62\d{13,16}$/).map((body) => {
      const card = `${body}${luhnDigit(body)}`;
      return { digits: card, text: card };
    });
    fc.assert(
      fc.property(around, fc.oneof(mobile, idCard, bank), around, (pre, n, post) => {
        const text = `${pre}${n.text}${post}`;
        const masked = maskPii(text);
        expect(findPii(masked)).toEqual([]);
        expect(masked.replace(/\D/g, '')).not.toContain(n.digits.slice(-11));
        expect(masked).toHaveLength(text.length);
        expect(maskPii(masked)).toBe(masked);
      }),
      { seed: 20240306, numRuns: 300 },
    );
  });
});

describe('readFile: default deny (issue 6)', () => {
  const dealerRead = (over: Partial<AccessRequestInput> = {}) =>
    readFile(
      {
        actor: { id: 'sa1', roles: ['serviceAdvisor'], authenticated: true },
        action: 'share',
        file: { id: 'VIN-1', fileTypeId: 'newCarSalesFile' },
        recipient: { id: 'insurer', kind: 'thirdParty' },
        ...over,
      },
      {
        customerName: '张三',
        mobile: '13912345678',
        address: '上海市 电话 021-62345678',
        phone: '13912345678',
        idNumber: '11010519491231002X',
        身份证: '11010519491231002X',
        notes: '客户手机 13912345678',
      },
      dealerFilesPreset,
      ctx,
    );

  it('gives a service advisor sharing the new-car file with a third party no phone or ID number in clear', () => {
    const d = dealerRead();
    expect(d.value.allowed).toBe(true);
    expect(d.value.record).toEqual({
      customerName: '张三',
      mobile: '139****5678',
      address: '上海市 电话 021-****5678',
    });
    expect(d.trace.at(-1)).toMatchObject({
      rule: MASKING_RULE,
      data: {
        masked: [],
        dropped: [],
        undeclared: ['phone', 'idNumber', '身份证', 'notes'],
        scrubbed: ['mobile', 'address'],
      },
    });
  });

  it('refuses the same share when the actor does not state it is authenticated (S000-ACCESS-01)', () => {
    const d = dealerRead({ actor: { id: 'sa1', roles: ['serviceAdvisor'] } });
    expect(d.value).toMatchObject({ allowed: false, missing: ['authenticated'], record: null });
    expect(dealerRead({ actor: { id: 'nobody' } }).value.record).toBeNull();
  });

  it('gives the file administrator every stored field in clear inside the company, not to a third party', () => {
    const inside = dealerRead({
      actor: { id: 'a1', roles: ['archiveAdmin'], authenticated: true },
      recipient: undefined,
      action: 'view',
    });
    expect(inside.value.fullAuthority).toBe(true);
    expect(inside.value.record).toMatchObject({
      phone: '13912345678',
      身份证: '11010519491231002X',
      notes: '客户手机 13912345678',
    });
    const outside = dealerRead({ actor: { id: 'a1', roles: ['archiveAdmin'], authenticated: true } });
    expect(outside.value.fullAuthority).toBe(false);
    expect(outside.value.record).toEqual({
      customerName: '张三',
      mobile: '139****5678',
      address: '上海市 电话 021-****5678',
    });
  });

  const cs = (over: Partial<AccessRequestInput> = {}): AccessRequestInput => ({
    actor: { id: 'cs1', roles: ['cs'], permissions: ['customerInfo'], authenticated: true },
    action: 'view',
    file: { id: 'C', fileTypeId: 'propertyCustomerFile' },
    ...over,
  });
  const stored = {
    name: '王五',
    phone: '13812341234',
    serviceRecords: [{ note: '客户来电,回拨 0755-12345678', refundCard: 6228480012345671 }],
    transactions: { count: 2n, contract: 'HT-2024-001' },
  };

  it('masks numbers in free text and nested values of declared fields', () => {
    const d = readFile(cs(), stored, propertyServicePreset, ctx);
    expect(d.value.record).toEqual({
      name: '王五',
      phone: '138****1234',
      serviceRecords: [{ note: '客户来电,回拨 075*-****5678', refundCard: '622*********5671' }],
      transactions: { count: 2n, contract: 'HT-2024-001' },
    });
    expect(d.trace.at(-1)?.data).toMatchObject({ masked: ['phone'], scrubbed: ['serviceRecords'] });
  });

  it('unmasks by the customer authorisation only when it was given before the access', () => {
    const auth = (at: string) =>
      readFile(cs({ customerAuthorization: { at, fields: ['phone'] } }), stored, propertyServicePreset, ctx);
    expect(auth('2024-03-01T00:00:00Z').value.record?.phone).toBe('13812341234');
    expect(auth('2024-03-07T00:00:00Z').value.record?.phone).toBe('138****1234');
  });

  it('does not unmask for an approval by a role no applicable rule asks for (S003-ACCESS-01)', () => {
    const d = readFile(
      {
        actor: { id: 'u1', roles: ['salesperson'], departmentId: 'sales' },
        action: 'view',
        file: { id: 'C1', fileTypeId: 'customerArchive003' },
        fields: ['name', 'idCard'],
        purpose: 'contract',
        approvals: [
          { approverId: 'h1', role: 'departmentHead', departmentId: 'sales', at: '2024-03-05T00:00:00Z' },
          { approverId: 'a1', role: 'archiveAdmin', at: '2024-03-05T01:00:00Z' },
          { approverId: 'pal', role: 'intern', at: '2024-03-05T01:00:00Z', fields: ['idCard'] },
        ],
      },
      record,
      customerArchivePreset,
      ctx,
    );
    expect(d.value).toMatchObject({ allowed: true, unmaskedFields: [], fullAuthority: false });
    expect(d.value.record).toEqual({ name: '李四', idCard: '1101**********002X' });
  });

  it('refuses a malformed request or a record that refers to itself with a ZhiduError naming the field', () => {
    const bad = zhiduError(() =>
      readFile(
        cs({ actor: { id: 'cs1', authenticated: 'yes' as unknown as boolean } }),
        stored,
        propertyServicePreset,
        ctx,
      ),
    );
    expect(bad).toMatchObject({ code: 'invalid_input', path: ['actor', 'authenticated'] });
    const loop: Record<string, unknown> = {};
    loop.again = loop;
    const cyclic = zhiduError(() =>
      readFile(cs(), { ...stored, serviceRecords: loop }, propertyServicePreset, ctx),
    );
    expect(cyclic).toMatchObject({ code: 'invalid_input', path: ['serviceRecords', 'again'] });
  });

  it('redactRecord drops undeclared fields unless the reader has full authority', () => {
    const type = propertyServicePreset.params.fileTypes[0];
    if (!type) throw new Error('missing type');
    const raw = { name: '王五', idNumber: '11010519491231002X' };
    expect(redactRecord(raw, type, 'internal', [])).toEqual({ name: '王五' });
    expect(redactRecord(raw, type, 'internal', [], { fullAuthority: true })).toEqual(raw);
  });
});

const MOBILE_KEY = '13912345678';

function zhiduError(f: () => unknown): ZhiduError {
  try {
    f();
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  }
  throw new Error('expected a ZhiduError');
}

function idCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (weights[i] ?? 0);
  return '10X98765432'[sum % 11] ?? '';
}

function luhnDigit(body: string): number {
  for (let d = 0; d < 10; d++) {
    const s = `${body}${d}`;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let x = Number(s[s.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return d;
  }
  return 0;
}
