import creditLiability from '../../presets/credit-liability.json' with { type: 'json' };
import { defineSchedule, type FineSchedule } from '../schedule.js';

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
 * @returns the validated schedule, from `presets/credit-liability.json` (a new object on every call)
 * @example
 * creditLiabilitySchedule().params.items.map((i) => i.rule); //=> ['S000-CREDIT-13', 'S000-CREDIT-12']
 */
export function creditLiabilitySchedule(): FineSchedule {
  return defineSchedule(creditLiability);
}
