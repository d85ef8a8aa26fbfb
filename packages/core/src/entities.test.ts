import { describe, expect, it } from 'vitest';
import { zhiduError } from '../test/helpers.js';
import {
  CustomerIdentitySchema,
  DepartmentSchema,
  IdCardSchema,
  isValidIdCard,
  maskIdCard,
  maskPhone,
  PhoneSchema,
  RelatedPartyLinkSchema,
  RelationKindSchema,
  StaffSchema,
} from './entities.js';
import { parseInput } from './errors.js';
import { ViolationSchema } from './violation.js';

/** GB 11643 check character, written independently of the library (ISO 7064 MOD 11-2). */
function checkChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11] ?? '?';
}

describe('PRC resident ID-card numbers (居民身份证号码)', () => {
  it('accepts numbers whose check character matches, including the X check digit', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
    expect(isValidIdCard('44030519850101001X')).toBe(true);
    expect(isValidIdCard('110101199001061234')).toBe(true);
    expect(checkChar('11010519491231002')).toBe('X');
  });

  it('refuses a wrong check character, an impossible birth date, a bad pattern', () => {
    expect(isValidIdCard('110105194912310021')).toBe(false); // check should be X
    expect(isValidIdCard('110101199001061235')).toBe(false);
    const feb30 = '11010119900230123';
    expect(isValidIdCard(feb30 + checkChar(feb30))).toBe(false);
    const born1899 = '11010118991231123';
    expect(isValidIdCard(born1899 + checkChar(born1899))).toBe(false);
    expect(isValidIdCard('1101051949123100X')).toBe(false); // 17 characters
    expect(isValidIdCard('X10105194912310021')).toBe(false);
    expect(isValidIdCard('')).toBe(false);
  });

  it('agrees with the reference check character for every last digit', () => {
    const body = '32010619800315271';
    for (const c of '0123456789X') expect(isValidIdCard(body + c)).toBe(c === checkChar(body));
  });

  it('IdCardSchema normalises a lowercase x', () => {
    expect(IdCardSchema.parse('11010519491231002x')).toBe('11010519491231002X');
    expect(IdCardSchema.safeParse('110105194912310021').success).toBe(false);
  });
});

describe('masking for readers not authorised to see personal data', () => {
  it('masks a mobile number as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('masks an ID-card number as 1101**********1234', () => {
    expect(maskIdCard('110101199001061234')).toBe('1101**********1234');
    expect(maskIdCard('11010519491231002x')).toBe('1101**********002X');
  });

  it('refuses to mask something that is not a phone or ID number', () => {
    expect(zhiduError(() => maskPhone('1381234123')).code).toBe('invalid_input');
    expect(zhiduError(() => maskPhone('23812341234')).code).toBe('invalid_input');
    expect(zhiduError(() => maskIdCard('110105194912310021')).code).toBe('invalid_input');
  });

  it('refuses a phone number given as a number by its type (it said "0 characters" of an 11-digit number)', () => {
    const e = zhiduError(() => maskPhone(13912345678 as never));
    expect([e.code, e.message]).toEqual([
      'invalid_input',
      '手机号码须为字符串，实为 number 类型 / a mobile number is a string, got a number',
    ]);
    expect(e.message).not.toContain('912345678');
  });

  it('keeps a refused phone number out of the error message (maskPhone with a +86 prefix)', () => {
    const e = zhiduError(() => maskPhone('+8613912345678'));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toBe(
      '不是11位大陆手机号码(号码不在此显示,共14个字符) / not an 11-digit mainland mobile number (value withheld, 14 characters)',
    );
    expect(e.message.replace(/\D/g, '')).not.toContain('13912345678');
    expect(JSON.stringify(e.toJSON())).not.toContain('912345678');
  });
});

describe('phones', () => {
  it('accepts 11-digit mainland mobiles starting 13–19', () => {
    for (const ok of ['13812341234', '19912341234', '15000000000'])
      expect(PhoneSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['12812341234', '1381234123', '+8613812341234', '138-1234-1234']) {
      expect(PhoneSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('shared entity schemas', () => {
  it('customer identity: name, phones, optional checked ID card', () => {
    const c = CustomerIdentitySchema.parse({
      id: 'c1',
      name: '王某',
      phones: ['13812341234'],
      idCard: '11010519491231002x',
    });
    expect(c).toEqual({ id: 'c1', name: '王某', phones: ['13812341234'], idCard: '11010519491231002X' });
    expect(CustomerIdentitySchema.parse({ id: 'c2', name: '李某' }).phones).toEqual([]);
    const e = zhiduError(() =>
      parseInput(CustomerIdentitySchema, { id: 'c1', name: '王某', phones: ['13812341234', '123'] }, [
        'customers',
        0,
      ]),
    );
    expect(e.path).toEqual(['customers', 0, 'phones', 1]);
    expect(
      zhiduError(() =>
        parseInput(CustomerIdentitySchema, { id: 'c1', name: '王某', idCard: '110105194912310021' }),
      ).path,
    ).toEqual(['idCard']);
  });

  it('staff, departments and related-party links', () => {
    expect(StaffSchema.parse({ id: 's1', name: '张三' }).roles).toEqual([]);
    expect(
      StaffSchema.parse({ id: 's1', name: '张三', roles: ['salesConsultant'], departmentId: 'd1' })
        .departmentId,
    ).toBe('d1');
    expect(DepartmentSchema.parse({ id: 'd2', name: '销售部', parentId: 'd1' }).parentId).toBe('d1');
    expect(RelationKindSchema.options).toEqual(['spouse', 'parent', 'child', 'sibling', 'other']);
    expect(RelatedPartyLinkSchema.parse({ from: 'c1', to: 'c2', kind: 'spouse' }).kind).toBe('spouse');
    expect(RelatedPartyLinkSchema.safeParse({ from: 'c1', to: 'c2', kind: 'cousin' }).success).toBe(false);
    expect(StaffSchema.safeParse({ id: '', name: '张三' }).success).toBe(false);
  });
});

describe('Violation (what modules emit and penalty prices)', () => {
  const late = {
    code: 'records.handover.late',
    personId: 's1',
    role: 'salesConsultant',
    departmentId: 'sales',
    occurredAt: '2024-03-12T10:00:00+08:00',
    quantity: 1,
    lateBy: { unit: 'workingDays', units: 2, ms: 100_000 },
    subject: { kind: 'vehicleFile', id: 'VIN123' },
    source: { module: 'records', rule: 'S000-PENALTY-01', clause: '000 L229' },
    data: { vin: 'VIN123' },
  };

  it('normalises instants to UTC and keeps the lateness units', () => {
    const v = ViolationSchema.parse(late);
    expect(v.occurredAt).toBe('2024-03-12T02:00:00.000Z');
    expect(v.lateBy).toEqual({ unit: 'workingDays', units: 2, ms: 100_000 });
    expect(v.source.rule).toBe('S000-PENALTY-01');
    expect(ViolationSchema.parse({ ...late, correctedAt: 0 }).correctedAt).toBe('1970-01-01T00:00:00.000Z');
  });

  it.each([
    [
      'an offset-less instant',
      { occurredAt: '2024-03-12T10:00:00' },
      'invalid_instant',
      ['violation', 'occurredAt'],
    ],
    [
      'an unknown lateness unit',
      { lateBy: { unit: 'weeks', units: 1 } },
      'invalid_input',
      ['violation', 'lateBy', 'unit'],
    ],
    ['a fractional quantity', { quantity: 1.5 }, 'invalid_input', ['violation', 'quantity']],
    ['a missing rule', { source: { module: 'records' } }, 'invalid_input', ['violation', 'source', 'rule']],
    [
      'negative lateness',
      { lateBy: { unit: 'hours', units: -1 } },
      'invalid_input',
      ['violation', 'lateBy', 'units'],
    ],
  ])('refuses %s', (_label, patch, code, path) => {
    const e = zhiduError(() => parseInput(ViolationSchema, { ...late, ...patch }, ['violation']));
    expect(e.code).toBe(code);
    expect(e.path).toEqual(path);
  });
});

describe('maskContact', () => {
  it('masks mobiles and ID cards like the specific maskers and never throws on anything else', async () => {
    const { maskContact } = await import('./entities.js');
    expect(maskContact('13812341234')).toBe('138****1234');
    expect(maskContact('11010519491231002X')).toBe('1101**********002X');
    expect(maskContact('029-88886666')).toBe('029*******66');
    expect(maskContact('1234')).toBe('****');
    expect(maskContact('')).toBe('');
  });
});
