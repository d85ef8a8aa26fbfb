import conferenceMarketing from '../../presets/conference-marketing.json' with { type: 'json' };
import salesOffice from '../../presets/sales-office.json' with { type: 'json' };
import { defineSchedule, type FineSchedule } from '../schedule.js';

/**
 * The conference-marketing fine schedule of seed 001 篇1 (lines 38–74): the division head's 10 CNY
 * for each late or missing daily confirmed list (S001-PENALTY-01), 100 CNY to each party arguing in
 * front of customers (S001-PENALTY-02), and the grievance fines of lines 72–74 — 100 CNY to the
 * employee for a grievance found without a complaint, 100 CNY each to the department manager and
 * the employee for a complaint to the senior executive, 500 CNY each when a grievance is not settled
 * within 3 days (the customer then moves to another department).
 *
 * @returns the validated schedule, from `presets/conference-marketing.json` (a new object on every call)
 * @example
 * conferenceMarketingSchedule().params.items.length; //=> 7
 */
export function conferenceMarketingSchedule(): FineSchedule {
  return defineSchedule(conferenceMarketing);
}

// 当日基本工资: the catalog reads a day's base pay as the monthly base divided by 21.75, China's
// statutory average of paid days per month (S001-PENALTY-03 ambiguity): the ratio 100/2175 in
// presets/sales-office.json; a company paying by 22 or 30 days changes the fraction.

/**
 * The sales-office (案场) schedule of seed 001 精選篇2: grabbing, competing for or neglecting a
 * customer costs the day's base pay, or the month's base pay plus 50 % of the month's bonus when
 * serious (S001-PENALTY-03); refusing a returning customer is priced as neglect (S001-PENALTY-04);
 * provoking disputes means dismissal and 50 % of the month's deal bonus (S001-PENALTY-05); collecting
 * money privately means dismissal (S001-PENALTY-06); a shirking first responder is criticised,
 * educated and sanctioned, and removed from post if serious (S001-PENALTY-07); a confidentiality
 * breach causing a loss makes the person liable (S001-PENALTY-08). Pay figures come from the
 * assessment context (`pay`: `monthlyBasePay`, `monthBonus`, `monthDealBonus`).
 *
 * @returns the validated schedule, from `presets/sales-office.json` (a new object on every call)
 * @example
 * salesOfficeSchedule().params.items.some((i) => i.rule === 'S001-PENALTY-03'); //=> true
 */
export function salesOfficeSchedule(): FineSchedule {
  return defineSchedule(salesOffice);
}
