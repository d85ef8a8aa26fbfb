import { z } from 'zod';
import { ZhiduError } from './errors.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * Whether a string is a valid 18-digit PRC resident ID-card number (居民身份证号码, GB 11643):
 * the pattern, a real birth date, and the ISO 7064 MOD 11-2 check character.
 *
 * @example
 * isValidIdCard('11010519491231002X'); //=> true
 * isValidIdCard('110105194912310021'); //=> false (check character)
 */
export function isValidIdCard(value: string): boolean {
  if (typeof value !== 'string' || !/^\d{17}[\dXx]$/.test(value)) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d)
    return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === value[17]?.toUpperCase();
}

/** PRC mainland mobile number: 11 digits starting 1[3-9]. */
export const PhoneSchema = z
  .string()
  .regex(/^1[3-9]\d{9}$/, { message: '须为 11 位大陆手机号 / expected an 11-digit mainland mobile number' });

/** 18-character PRC ID-card number with checksum; normalises a trailing `x` to `X`. */
export const IdCardSchema = z
  .string()
  .refine(isValidIdCard, {
    message:
      '不是有效的居民身份证号（格式、出生日期或校验码有误） / not a valid PRC ID-card number (pattern, birth date or check character)',
  })
  .transform((s) => s.toUpperCase());

/**
 * Masks a mobile number for readers not authorised to see it: `138****1234`.
 *
 * @throws ZhiduError `invalid_input` when the value is not a mobile number; the message never repeats
 *   the value (a number with a `+86` prefix is personal data too)
 * @example
 * maskPhone('13812341234'); //=> '138****1234'
 */
export function maskPhone(phone: string): string {
  if (typeof phone !== 'string') {
    // A number loses a leading zero and says nothing of its length as text: named by its type only.
    throw new ZhiduError(
      'invalid_input',
      [],
      `手机号码须为字符串，实为 ${phone === null ? 'null' : `${typeof phone} 类型`} / a mobile number is a string, got ${phone === null ? 'null' : `a ${typeof phone}`}`,
    );
  }
  if (!PhoneSchema.safeParse(phone).success) {
    // The value is personal data: the message describes it without repeating it.
    const length = phone.length;
    throw new ZhiduError(
      'invalid_input',
      [],
      `不是11位大陆手机号码(号码不在此显示,共${length}个字符) / not an 11-digit mainland mobile number (value withheld, ${length} characters)`,
    );
  }
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}

/**
 * Masks an ID-card number, keeping the 4-digit region prefix and the last 4: `1101**********1234`.
 *
 * @throws ZhiduError `invalid_input` when the value is not a valid ID-card number
 * @example
 * maskIdCard('11010519491231002X'); //=> '1101**********002X'
 */
export function maskIdCard(idCard: string): string {
  if (!isValidIdCard(idCard))
    throw new ZhiduError(
      'invalid_input',
      [],
      '不是有效的中华人民共和国居民身份证号码 / not a valid PRC ID-card number',
    );
  return `${idCard.slice(0, 4)}${'*'.repeat(10)}${idCard.slice(14).toUpperCase()}`;
}

/**
 * Masks any contact or identity number for display and never throws: a mobile number as
 * `138****1234`, an ID-card number as `1101**********1234`, anything else (landlines, passports,
 * malformed values) keeping at most its first 3 and last 2 characters — and nothing at all when it is
 * too short to hide anything.
 *
 * @param value - the number as stored
 * @returns a masked string that never reveals more than the specific maskers do
 * @example
 * maskContact('13812341234');   //=> '138****1234'
 * maskContact('029-88886666');  //=> '029*******66'
 * maskContact('1234');          //=> '****'
 */
export function maskContact(value: string): string {
  if (typeof value !== 'string') return '';
  if (PhoneSchema.safeParse(value).success) return maskPhone(value);
  if (isValidIdCard(value)) return maskIdCard(value);
  const chars = [...value];
  if (chars.length < 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 5)}${chars.slice(-2).join('')}`;
}

/** A department (部门). */
export const DepartmentSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  parentId: z.string().min(1).optional(),
});
/** A department. */
export type Department = z.infer<typeof DepartmentSchema>;

/** A member of staff: id, name, roles (e.g. `salesConsultant`, `salesManager`) and department. */
export const StaffSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(z.string().min(1)).default([]),
  departmentId: z.string().min(1).optional(),
});
/** A member of staff. */
export type Staff = z.output<typeof StaffSchema>;

/** Who a customer is: name, phones and optionally a PRC ID-card number. */
export const CustomerIdentitySchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  phones: z.array(PhoneSchema).default([]),
  idCard: IdCardSchema.optional(),
});
/** A customer's identity. */
export type CustomerIdentity = z.output<typeof CustomerIdentitySchema>;

/** Kinds of relation between customers (household rules, referrals). */
export const RelationKindSchema = z.enum(['spouse', 'parent', 'child', 'sibling', 'other']);
/** A kind of relation between two customers. */
export type RelationKind = z.infer<typeof RelationKindSchema>;

/** A related-party link: `from` is `kind` of `to` (e.g. from is the spouse of to). */
export const RelatedPartyLinkSchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  kind: RelationKindSchema,
  note: z.string().optional(),
});
/** A related-party link between two customers. */
export type RelatedPartyLink = z.infer<typeof RelatedPartyLinkSchema>;
