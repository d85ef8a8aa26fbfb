import { type Decision, parseInput, refuseRepeats, type TraceEntry, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';
import { type ReferralInput, type ReferralSaleInput, ReferralSaleSchema, ReferralSchema } from './schema.js';

/** Points earned by one referrer. */
export type ReferrerPoints = {
  referrerId: string;
  attendancePoints: number;
  salesPoints: number;
  total: number;
  /** New customers whose attendance earned points. */
  rewardedNewCustomers: string[];
};

/** The referrals `referralPoints` takes (one schema, built once). */
export const ReferralsSchema = z.array(ReferralSchema);
/** The sales `referralPoints` takes (one schema, built once). */
export const ReferralSalesSchema = z.array(ReferralSaleSchema);

/**
 * Referral points (老顧客帶新顧客積分): a club member earns points for each distinct new customer
 * they bring who attends a meeting (S001-REFERRAL-01), and points per full sales unit the new
 * customer buys on site at a club event (S001-REFERRAL-02). Sales are summed per new customer per
 * event before taking full units (configurable), refunded and off-site sales earn nothing.
 *
 * @param referrals - who brought whom, and the new customers' attendances
 * @param sales - sales to referred customers
 * @param policy - a service policy with a `referral` section
 * @returns points per referrer with a trace per award
 * @throws ZhiduError `invalid_input` for a referral without a referrer or negative amounts,
 *   `duplicate` for a new customer referred twice or a sale listed twice (at `sales[i].id`),
 *   `unknown_reference` for a sale to an unreferred customer
 * @example
 * referralPoints(
 *   [
 *     {
 *       newCustomerId: 'N1',
 *       referrerId: 'O',
 *       referrerIsClubMember: true,
 *       attendances: [{ eventId: 'E1', at: '2024-03-01T10:00:00+08:00' }],
 *     },
 *   ],
 *   [{ id: 's1', newCustomerId: 'N1', eventId: 'E1', amount: yuan(2500), onSite: true }],
 *   s001ConferenceMarketingPolicy,
 * ).value; //=> [{ referrerId: 'O', attendancePoints: 100, salesPoints: 200, total: 300, rewardedNewCustomers: ['N1'] }]
 */
export function referralPoints(
  referrals: readonly ReferralInput[],
  sales: readonly ReferralSaleInput[],
  policy: ServicePolicy,
): Decision<ReferrerPoints[]> {
  requireSection(paramsOf(policy).referral, 'referral');
  return referralPointsParsed(
    parseInput(ReferralsSchema, referrals, ['referrals']),
    parseInput(ReferralSalesSchema, sales, ['sales']),
    policy,
  );
}

/** {@link referralPoints} on referrals and sales its module has parsed already (one parse, not two; issue 21). @internal */
export function referralPointsParsed(
  refs: readonly z.output<typeof ReferralSchema>[],
  sls: readonly z.output<typeof ReferralSaleSchema>[],
  policy: ServicePolicy,
): Decision<ReferrerPoints[]> {
  const p = requireSection(paramsOf(policy).referral, 'referral');
  const trace: TraceEntry[] = [];
  const byNew = new Map<string, (typeof refs)[number]>();
  refs.forEach((r, i) => {
    if (byNew.has(r.newCustomerId)) {
      throw new ZhiduError(
        'duplicate',
        ['referrals', i, 'newCustomerId'],
        `新客户 ${r.newCustomerId} 被重复推荐 / new customer ${r.newCustomerId} is referred twice`,
      );
    }
    byNew.set(r.newCustomerId, r);
  });
  const out = new Map<string, ReferrerPoints>();
  const get = (id: string): ReferrerPoints => {
    let r = out.get(id);
    if (!r) {
      r = { referrerId: id, attendancePoints: 0, salesPoints: 0, total: 0, rewardedNewCustomers: [] };
      out.set(id, r);
    }
    return r;
  };
  const eligible = (r: (typeof refs)[number]): boolean => {
    if (p.requireClubMember && !r.referrerIsClubMember) {
      trace.push(
        entry(
          p.citations.attendance,
          `${r.referrerId}不是联谊会会员,不计积分`,
          `${r.referrerId} is not a club member: no points`,
        ),
      );
      return false;
    }
    if (r.alreadyCustomer === true) {
      trace.push(
        entry(
          p.citations.attendance,
          `${r.newCustomerId}已是老客户,不算新顾客`,
          `${r.newCustomerId} was already a customer: not new`,
        ),
      );
      return false;
    }
    return true;
  };

  for (const r of refs) {
    const acc = get(r.referrerId);
    if (!eligible(r) || r.attendances.length === 0) continue;
    const times = p.perAttendance ? r.attendances.length : 1;
    const pts = times * p.pointsPerNewAttendee;
    acc.attendancePoints += pts;
    acc.rewardedNewCustomers.push(r.newCustomerId);
    trace.push(
      entry(
        p.citations.attendance,
        `${r.referrerId}带新顾客${r.newCustomerId}参会,奖励${pts}分`,
        `${r.referrerId} brought ${r.newCustomerId} to a meeting: ${pts} points`,
        { newCustomerId: r.newCustomerId, attendances: r.attendances.length },
      ),
    );
  }

  // Sales points: group per (new customer, event) unless rounding per transaction.
  const groups = new Map<
    string,
    { referrerId: string; newCustomerId: string; eventId: string; amounts: number[] }
  >();
  // A sale is its id: listed twice, its points were counted twice.
  refuseRepeats(
    sls,
    (s) => s.id,
    (i) => ['sales', i, 'id'],
    (id) => `销售 ${id} 重复列出 / sale ${id} is listed twice`,
  );
  sls.forEach((s, i) => {
    const r = byNew.get(s.newCustomerId);
    if (!r)
      throw new ZhiduError(
        'unknown_reference',
        ['sales', i, 'newCustomerId'],
        `${s.newCustomerId} 没有推荐人 / ${s.newCustomerId} was not referred by anyone`,
      );
    if (!s.onSite && p.onSiteOnly) {
      trace.push(
        entry(
          p.citations.sales,
          `销售${s.id}不在活动现场,不计积分`,
          `sale ${s.id} was not on site: no points`,
        ),
      );
      return;
    }
    if (s.refunded === true) {
      trace.push(
        entry(p.citations.sales, `销售${s.id}已退款,不计积分`, `sale ${s.id} was refunded: no points`),
      );
      return;
    }
    if (!eligible(r)) return;
    const k = `${s.newCustomerId}\u0000${s.eventId}`;
    const g = groups.get(k) ?? {
      referrerId: r.referrerId,
      newCustomerId: s.newCustomerId,
      eventId: s.eventId,
      amounts: [],
    };
    g.amounts.push(s.amount);
    groups.set(k, g);
  });
  for (const g of groups.values()) {
    const sum = g.amounts.reduce((a, b) => a + b, 0);
    let units: number;
    if (p.salesRounding === 'floorPerTransaction')
      units = g.amounts.reduce((a, b) => a + Math.floor(b / p.salesUnit), 0);
    else if (p.salesRounding === 'floorPerCustomerEvent') units = Math.floor(sum / p.salesUnit);
    else units = sum / p.salesUnit;
    const pts = Math.floor(units * p.pointsPerSalesUnit);
    get(g.referrerId).salesPoints += pts;
    trace.push(
      entry(
        p.citations.sales,
        `${g.newCustomerId}在活动${g.eventId}现场购买${sum / 100}元,奖励${g.referrerId} ${pts}分`,
        `${g.newCustomerId} bought ${sum / 100} CNY on site at ${g.eventId}: ${pts} points to ${g.referrerId}`,
        { amount: sum, units, rounding: p.salesRounding },
      ),
    );
  }
  const value = [...out.values()].map((r) => ({ ...r, total: r.attendancePoints + r.salesPoints }));
  return { value, trace };
}
