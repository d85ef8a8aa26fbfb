/**
 * Who counts as the customer (issue 14, capability 6): which relations between customers make a
 * visit count for an existing claim (亲属/同户/同公司), which relatives of staff belong to them and
 * under what prior declaration (员工亲属登记), and which referrals count (老带新) under what prior
 * record of the referrer. Every field is optional; absent, the seed model (`household`, `referral`)
 * applies unchanged.
 */
import type { WorkCalendar } from '@zhidu/core';
import { z } from 'zod';
import type { CustomerEvent, Relation, SalesHistory } from './events.js';
import { RelationSchema } from './events.js';
import { localDateOf, ZhiduError } from './kernel.js';
import { ClaimDurationSchema, DealStageSchema, endOfPeriod } from './lifecycle.js';

export { type Relation, RelationSchema } from './events.js';

/**
 * A relation between customers that makes a later customer's visit count for the earlier one's claim
 * (S001-ATTR-27 generalised): the earlier customer's owner gets the later one when the relation is one
 * of `relations`, the earlier owner's claim is still protected at the later first contact (when
 * `requireValidFile`), and the later first contact falls within `within` of the earlier one (when given).
 */
export const RelatedCustomerRuleSchema = z.strictObject({
  relations: z.array(RelationSchema).min(1),
  requireValidFile: z.boolean().default(true),
  /** the later customer's first contact must fall within this period of the earlier one's (null: any time) */
  within: ClaimDurationSchema.nullable().default(null),
});
/** A related-customer rule. */
export type RelatedCustomerRule = z.output<typeof RelatedCustomerRuleSchema>;

/**
 * A staff member's relative belongs to them (员工亲属归本人) when the relation is one of `relations`
 * and the relation was declared (亲属登记, the roster's `relatives[].declaredAt`) before the staff
 * member joined (`beforeJoining`, needs the roster's `joinedAt`), before the customer's first contact
 * at the office (`beforeFirstContact`), or at any time up to the instant judged (`any`); with
 * `minAge`, the declaration must also be at least that old at the customer's first contact.
 */
export const StaffRelativeRuleSchema = z.strictObject({
  relations: z.array(RelationSchema).min(1),
  declared: z.enum(['beforeJoining', 'beforeFirstContact', 'any']),
  minAge: ClaimDurationSchema.nullable().default(null),
});
/** A staff-relative rule. */
export type StaffRelativeRule = z.output<typeof StaffRelativeRuleSchema>;

/**
 * Which referrals count (老带新): the referrer (the link's `otherCustomerId`) must have a prior
 * record — none, a deal of one of `stages`, or a registration — at least `minAge` old on the day of
 * the referral link (null: any age). A referral without it does not count: the new customer is judged
 * as if unreferred.
 */
export const ReferralRuleSchema = z.strictObject({
  requires: z.enum(['none', 'deal', 'registration']),
  stages: z.array(DealStageSchema).min(1).default(['smallDeposit', 'bigDeposit', 'contract']),
  minAge: ClaimDurationSchema.nullable().default(null),
});
/** A referral rule. */
export type ReferralRule = z.output<typeof ReferralRuleSchema>;

/** Who counts as the customer (capability 6). */
export const CustomerScopeSchema = z.strictObject({
  /** relations between customers; when given, replaces `household.enabled/relations/requireValidFile` */
  related: z.array(RelatedCustomerRuleSchema).optional(),
  /** relatives of staff that belong to them (no rule: none do) */
  staffRelatives: z.array(StaffRelativeRuleSchema).default([]),
  /** the prior record a referrer needs (absent: any referral counts, as in the seeds) */
  referral: ReferralRuleSchema.optional(),
});
/** Who counts as the customer. */
export type CustomerScope = z.output<typeof CustomerScopeSchema>;

/** The first rule of `related` naming a relation (a link without one is refused before this). */
export function relatedRuleFor(
  rules: readonly RelatedCustomerRule[],
  relation: Relation,
): RelatedCustomerRule | undefined {
  return rules.find((r) => r.relations.includes(relation));
}

/** Whether `day` is on or after the end of `minAge` counted from `from` (no minimum: always). */
function oldEnough(
  from: string,
  minAge: ReferralRule['minAge'],
  day: string,
  zone: string,
  calendar?: WorkCalendar,
): boolean {
  return minAge === null || day >= endOfPeriod(from, minAge, zone, calendar);
}

/**
 * Whether the referrer has the prior record the rule asks for on the day of the referral: the record
 * found (its instant) or null.
 *
 * @param rule - the referral rule
 * @param referrerEvents - the referrer's events
 * @param referralAt - the instant of the referral link
 * @param zone - zone of local dates
 * @param calendar - the working-day calendar (for `workingDays`)
 * @returns the qualifying record's instant, `'none'` when no record is needed, or null
 * @example
 * const rule = ReferralRuleSchema.parse({ requires: 'deal', minAge: { unit: 'calendarDays', amount: 30, inclusive: false } });
 * referrerRecord(rule, [{ type: 'deal', at: '2024-03-01T10:00+08:00', customerId: 'old', stage: 'contract', closerId: 'B' }],
 *   '2024-03-31T10:00+08:00', 'Asia/Shanghai'); //=> '2024-03-01T10:00+08:00'
 */
export function referrerRecord(
  rule: ReferralRule,
  referrerEvents: readonly CustomerEvent[],
  referralAt: string,
  zone: string,
  calendar?: WorkCalendar,
): string | null {
  if (rule.requires === 'none') return 'none';
  const day = localDateOf(referralAt, zone);
  const found = referrerEvents.find(
    (e) =>
      e.at <= referralAt &&
      (rule.requires === 'deal'
        ? e.type === 'deal' && rule.stages.includes(e.stage)
        : e.type === 'registration') &&
      oldEnough(localDateOf(e.at, zone), rule.minAge, day, zone, calendar),
  );
  return found?.at ?? null;
}

/**
 * The staff member a customer belongs to as their declared relative (first matching rule, roster
 * order), or null.
 *
 * @param scope - the customer scope
 * @param staff - the roster
 * @param customerId - the customer
 * @param firstContactAt - the customer's first registration or visit at the office
 * @param asOf - the instant judged (a declaration after it does not count)
 * @param zone - zone of local dates
 * @param calendar - the working-day calendar
 * @returns the staff member, the relation and the rule's index, or null
 * @throws ZhiduError `invalid_input` at `['history', 'staff', i, 'joinedAt']` when a `beforeJoining`
 *   rule applies to a staff member whose `joinedAt` the roster lacks
 */
export function staffRelativeOf(
  scope: CustomerScope,
  staff: SalesHistory['staff'],
  customerId: string,
  firstContactAt: string,
  asOf: string,
  zone: string,
  calendar?: WorkCalendar,
): { staffId: string; relation: Relation; rule: number; declaredAt: string } | null {
  if (scope.staffRelatives.length === 0) return null;
  for (const [si, m] of staff.entries()) {
    for (const rel of m.relatives ?? []) {
      if (rel.customerId !== customerId || rel.declaredAt > asOf) continue;
      for (const [ri, rule] of scope.staffRelatives.entries()) {
        if (!rule.relations.includes(rel.relation)) continue;
        if (rule.declared === 'beforeJoining') {
          if (m.joinedAt === undefined) {
            throw new ZhiduError(
              'invalid_input',
              ['history', 'staff', si, 'joinedAt'],
              `员工 ${m.id} 缺少入职时间 joinedAt，规则 customerScope.staffRelatives.${ri} 需要它 / staff member ${m.id} lacks the fact joinedAt that the rule at customerScope.staffRelatives.${ri} needs`,
              { fact: 'joinedAt', rule: ['customerScope', 'staffRelatives', ri] },
            );
          }
          if (!(rel.declaredAt < m.joinedAt)) continue;
        }
        if (rule.declared === 'beforeFirstContact' && !(rel.declaredAt < firstContactAt)) continue;
        const first = localDateOf(firstContactAt, zone);
        if (!oldEnough(localDateOf(rel.declaredAt, zone), rule.minAge, first, zone, calendar)) continue;
        return { staffId: m.id, relation: rel.relation, rule: ri, declaredAt: rel.declaredAt };
      }
    }
  }
  return null;
}

/**
 * Whether the later customer's first contact falls within the rule's window counted from the
 * earlier one's (no window: always).
 */
export function withinRelatedWindow(
  rule: RelatedCustomerRule,
  earlierAt: string,
  laterAt: string,
  zone: string,
  calendar?: WorkCalendar,
): boolean {
  if (rule.within === null) return true;
  return localDateOf(laterAt, zone) < endOfPeriod(localDateOf(earlierAt, zone), rule.within, zone, calendar);
}
