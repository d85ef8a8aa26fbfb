import { type Decision, parseInput, Trace } from '@zhidu/core';
import { z } from 'zod';
import { SEED_000 } from '../shared.js';

/**
 * The four corporate customer categories (公司客户分为四个类别): target (目标客户), general (一般客户),
 * key (重点客户), potential (潜在客户). The seed gives no criteria, so the category is assigned by hand.
 */
export const CorporateCustomerCategorySchema = z.enum(['target', 'general', 'key', 'potential']);
/** A corporate customer category. */
export type CorporateCustomerCategory = z.output<typeof CorporateCustomerCategorySchema>;

const CustomerIdSchema = z.string().min(1);

/**
 * Records a corporate customer's category (S000B-GRADE-01); anything outside the four is refused.
 *
 * @param customerId - the customer
 * @param category - one of `target`, `general`, `key`, `potential`
 * @returns a decision whose value is the category set
 * @throws ZhiduError `invalid_input` for an unknown category
 * @example
 * setCorporateCategory('c1', 'key').value; //=> { customerId: 'c1', category: 'key' }
 */
export function setCorporateCategory(
  customerId: string,
  category: string,
): Decision<{ customerId: string; category: CorporateCustomerCategory }> {
  const id = parseInput(CustomerIdSchema, customerId, ['customerId']);
  const c = parseInput(CorporateCustomerCategorySchema, category, ['category']);
  return new Trace()
    .add('S000B-GRADE-01', `${SEED_000} L1453`, `客户 ${id} 归入 ${c} 类`, `customer ${id} filed as ${c}`, {
      category: c,
    })
    .decide({ customerId: id, category: c });
}

/** Retail VIP classes a–d (a the highest), sorted by the store manager (筛选出类别). */
export const RetailVipClassSchema = z.enum(['a', 'b', 'c', 'd']);

/** A retail customer as the VIP classification sees it. */
export const RetailCustomerSchema = z.strictObject({
  id: z.string().min(1),
  vip: z.boolean(),
  vipClass: RetailVipClassSchema.nullable().default(null),
});

const RetailCustomersSchema = z.array(RetailCustomerSchema);

/**
 * The VIP customers still without a class a/b/c/d (S000B-GRADE-02: every VIP must be sorted). The
 * seed gives no criteria; non-VIP customers are outside the rule.
 *
 * @param customers - retail customers with their VIP flag and class
 * @returns a decision whose value lists the unclassified VIPs' ids
 * @throws ZhiduError `invalid_input` for a class outside a–d
 * @example
 * unclassifiedVips([{ id: 'v1', vip: true, vipClass: 'a' }, { id: 'v2', vip: true }]).value; //=> ['v2']
 */
export function unclassifiedVips(
  customers: readonly z.input<typeof RetailCustomerSchema>[],
): Decision<string[]> {
  const list = parseInput(RetailCustomersSchema, customers, ['customers']);
  const ids = list.filter((c) => c.vip && c.vipClass === null).map((c) => c.id);
  return new Trace()
    .add(
      'S000B-GRADE-02',
      `${SEED_000} L1063`,
      ids.length === 0 ? '每位VIP顾客均已分类（a、b、c、d）' : `尚未分类的VIP顾客：${ids.join('、')}`,
      ids.length === 0
        ? 'every VIP customer has a class (a–d)'
        : `VIP customers without a class: ${ids.join(', ')}`,
      { ids },
    )
    .decide(ids);
}

/** A company's credit-status scale, best first, and the lowest status that earns preferential terms. */
export const CreditPreferenceRuleSchema = z
  .strictObject({ scale: z.array(z.string().min(1)).min(1), minimum: z.string().min(1) })
  .refine((r) => r.scale.includes(r.minimum), {
    message: '最低等级须是等级表中的一级 / the minimum must be one of the scale',
    path: ['minimum'],
  });

/** A customer's recorded credit status, or null when none is recorded (see {@link eligibleForCreditPreference}). */
export const CreditPreferenceStatusSchema = z.string().min(1).nullable();

/**
 * May a customer with relatively good credit get preferential terms (对信用较好的客户提供一定程度的优惠,
 * S000B-GRADE-08)? The seed defines no scale and no size, so the company supplies both; a customer
 * without a recorded status gets none.
 *
 * @param status - the customer's credit status, or null when none is recorded
 * @param rule - the company's scale (best first) and the minimum status that qualifies
 * @returns a decision: eligible or not
 * @example
 * eligibleForCreditPreference('normal', { scale: ['good', 'normal', 'poor'], minimum: 'good' }).value; //=> false
 */
export function eligibleForCreditPreference(
  status: string | null,
  rule: z.input<typeof CreditPreferenceRuleSchema>,
): Decision<boolean> {
  const r = parseInput(CreditPreferenceRuleSchema, rule, ['rule']);
  return creditPreferenceParsed(parseInput(CreditPreferenceStatusSchema, status, ['status']), r);
}

/**
 * {@link eligibleForCreditPreference} on a status and a rule its module has parsed already (one
 * parse, not two; issue 21). @internal
 */
export function creditPreferenceParsed(
  s: string | null,
  r: z.output<typeof CreditPreferenceRuleSchema>,
): Decision<boolean> {
  const rank = s === null ? -1 : r.scale.indexOf(s);
  if (s !== null && rank < 0) parseInput(z.enum(r.scale as [string, ...string[]]), s, ['status']);
  const eligible = rank >= 0 && rank <= r.scale.indexOf(r.minimum);
  return new Trace()
    .add(
      'S000B-GRADE-08',
      `${SEED_000} L1157 第六条`,
      eligible ? `信用状况 ${s}：可提供一定优惠` : `信用状况 ${s ?? '未记录'}：不提供优惠`,
      eligible
        ? `credit status ${s}: preferential terms may be given`
        : `credit status ${s ?? 'not recorded'}: no preferential terms`,
      { status: s, minimum: r.minimum },
    )
    .decide(eligible);
}
