import { defineSchedule, type FineSchedule } from '../schedule.js';
import { item, own } from './build.js';

/**
 * The distributor-credit liability schedule of seed 000 lines 43–51 (授信管理): the amounts are
 * computed by `@zhidu/credit` (they depend on the uncollected money and the liability ratio) and
 * arrive in the violation's data; this schedule books them to the people liable, with the clause.
 * - a final over-limit shipment not collected by month-end: the signer (签发人) bears
 *   `data.deduction` from their income (S000-CREDIT-13);
 * - an over-limit batch released without prepayment or approval: each liable person (logistics
 *   specialist, warehouse keeper, market department head) bears their share `data.amount`
 *   (S000-CREDIT-12).
 *
 * @returns the validated schedule
 * @example
 * creditLiabilitySchedule().params.items.map((i) => i.rule); //=> ['S000-CREDIT-13', 'S000-CREDIT-12']
 */
export function creditLiabilitySchedule(): FineSchedule {
  return defineSchedule({
    id: 'credit-liability',
    version: '000-L7',
    effectiveFrom: '2000-01-01',
    zone: 'Asia/Shanghai',
    source: { title: '客户管理制度(经销商授信)', clause: '000 L43–51' },
    params: {
      window: 'calendarMonth',
      latenessRounding: 'ceil',
      escalations: [],
      caps: [],
      items: [
        item(
          'over-limit-unrecovered',
          'S000-CREDIT-13',
          '000 L49 §4.1',
          '末次超授信额发货款项当月未回笼,由签发人承担,从其收入中扣除',
          'Final over-limit shipment not collected by month-end: deducted from the signer’s income',
          { code: 'credit.overLimit.unrecovered' },
          [own({ kind: 'dataAmount', field: 'deduction' })],
        ),
        item(
          'over-limit-unapproved',
          'S000-CREDIT-12',
          '000 L43 §3.2, L51 §4.2',
          '未经审批或未预付款的超额发货,由相关责任人承担,从其收入中扣除',
          'Over-limit batch released without prepayment or approval: each liable person bears their share',
          { code: 'credit.overLimit.unapproved' },
          [own({ kind: 'dataAmount', field: 'amount' })],
        ),
      ],
    },
  });
}
