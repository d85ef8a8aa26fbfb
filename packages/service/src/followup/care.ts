import { statutoryDay } from '@zhidu/calendar-cn';
import {
  addDays,
  type Decision,
  daysBetween,
  type LocalDate,
  LocalDateSchema,
  parseInput,
  refuseRepeats,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { InstalmentsArg, StringArg, StringListArg } from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, requireSection } from '../shared.js';

/** A customer for greetings. */
export const CareCustomerSchema = z.strictObject({
  id: z.string().min(1),
  birthDate: LocalDateSchema.optional(),
  closedDeal: z.boolean(),
  important: z.boolean().optional(),
  family: z.array(z.strictObject({ id: z.string().min(1), birthDate: LocalDateSchema })).optional(),
});
/** A customer for greetings. */
export type CareCustomer = z.input<typeof CareCustomerSchema>;

/** A holiday as the caller's calendar knows it. */
export const HolidaySchema = z.strictObject({
  name: z.string().min(1),
  dates: z.array(LocalDateSchema).min(1),
});

/** The customers `greetingsDue` takes (one schema, built once). */
export const CareCustomersSchema = z.array(CareCustomerSchema);
/** The holidays `greetingsDue` takes (one schema, built once). */
export const HolidaysSchema = z.array(HolidaySchema);

/** A greeting that is due today. */
export type GreetingTask = {
  customerId: string;
  personId: string;
  occasion: 'birthday' | 'holiday';
  holiday: string | null;
  action: string;
  channels: string[];
};

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function birthdayOn(birth: LocalDate, date: LocalDate, fallback: 'feb28' | 'mar1'): boolean {
  const md = birth.slice(5);
  const year = Number(date.slice(0, 4));
  if (md === '02-29' && !isLeap(year)) return date.slice(5) === (fallback === 'feb28' ? '02-28' : '03-01');
  return date.slice(5) === md;
}

/**
 * Greetings due on a date (客户关怀): birthday calls to closed-deal customers and their family
 * (important customers may get flowers or a cake), and a phone/SMS greeting to each closed-deal
 * customer on the first day of each greeting holiday (S000B-FOLLOWUP-01, S000B-FOLLOWUP-02,
 * S002-FOLLOW-01).
 *
 * @param date - the local date
 * @param customers - customers with birth dates and family
 * @param holidays - holidays of the caller's calendar (`{ name, dates }`)
 * @param policy - a service policy with a `care` section
 * @returns the greetings due
 * @throws ZhiduError `duplicate` at `customers[i].id` for a customer listed twice, at
 *   `customers[i].family[j].id` for a family member listed twice under one customer
 * @example
 * const due = greetingsDue('2024-03-12', [{ id: 'c1', birthDate: '1985-03-12', closedDeal: true }], [], s000bSalesSitePolicy).value;
 * due; //=> [{ customerId: 'c1', personId: 'c1', occasion: 'birthday', holiday: null, action: 'phoneGreeting', channels: ['phone'] }]
 */
export function greetingsDue(
  date: LocalDate,
  customers: readonly CareCustomer[],
  holidays: readonly z.input<typeof HolidaySchema>[],
  policy: ServicePolicy,
): Decision<GreetingTask[]> {
  requireSection(paramsOf(policy).care, 'care');
  return greetingsParsed(
    parseInput(LocalDateSchema, date, ['date']),
    parseInput(CareCustomersSchema, customers, ['customers']),
    parseInput(HolidaysSchema, holidays, ['holidays']),
    policy,
  );
}

/**
 * {@link greetingsDue} on a date, customers and holidays its module has parsed already (one parse,
 * not two; issue 21). @internal
 */
export function greetingsParsed(
  d: LocalDate,
  cs: readonly z.output<typeof CareCustomerSchema>[],
  hs: readonly z.output<typeof HolidaySchema>[],
  policy: ServicePolicy,
): Decision<GreetingTask[]> {
  const care = requireSection(paramsOf(policy).care, 'care');
  // A customer listed twice was greeted twice, and so was a family member listed twice under one customer.
  refuseRepeats(
    cs,
    (c) => c.id,
    (i) => ['customers', i, 'id'],
    (id) => `客户 ${id} 重复列出 / customer ${id} is listed twice`,
  );
  cs.forEach((c, i) => {
    refuseRepeats(
      c.family ?? [],
      (f) => f.id,
      (j) => ['customers', i, 'family', j, 'id'],
      (id) =>
        `客户 ${c.id} 的家庭成员 ${id} 重复列出 / family member ${id} of customer ${c.id} is listed twice`,
    );
  });
  const tasks: GreetingTask[] = [];
  const trace = [];
  const b = care.birthday;
  if (b) {
    for (const c of cs) {
      if (b.closedDealOnly && !c.closedDeal) continue;
      const action = c.important === true ? b.importantAction : `${b.channel}Greeting`;
      const people = [
        ...(c.birthDate ? [{ id: c.id, birthDate: c.birthDate }] : []),
        ...(b.includeFamily ? (c.family ?? []) : []),
      ];
      for (const p of people) {
        if (birthdayOn(p.birthDate, d, b.leapDayFallback)) {
          tasks.push({
            customerId: c.id,
            personId: p.id,
            occasion: 'birthday',
            holiday: null,
            action,
            channels: [b.channel],
          });
        }
      }
    }
    if (care.citations.birthday) {
      trace.push(
        entry(care.citations.birthday, `生日问候${tasks.length}项`, `${tasks.length} birthday greeting(s)`),
      );
    }
  }
  const h = care.holiday;
  if (h) {
    const before = tasks.length;
    for (const hol of hs) {
      if (h.holidays.length > 0 && !h.holidays.includes(hol.name)) continue;
      const sorted = [...hol.dates].sort();
      const hit = h.firstDayOnly ? sorted[0] === d : sorted.includes(d);
      if (!hit) continue;
      for (const c of cs) {
        if (h.closedDealOnly && !c.closedDeal) continue;
        tasks.push({
          customerId: c.id,
          personId: c.id,
          occasion: 'holiday',
          holiday: hol.name,
          action: 'holidayGreeting',
          channels: h.channels,
        });
      }
    }
    if (care.citations.holiday) {
      trace.push(
        entry(
          care.citations.holiday,
          `节日问候${tasks.length - before}项`,
          `${tasks.length - before} holiday greeting(s)`,
        ),
      );
    }
  }
  return { value: tasks, trace };
}

/**
 * Payment reminders due today: unpaid instalments falling due within the lead days (S002-FOLLOW-02).
 *
 * @param today - local date
 * @param instalments - `{ contractId, dueDate, paid }`
 * @param policy - a service policy with `care.paymentLeadDays`
 * @returns instalments to remind
 * @throws ZhiduError `invalid_input` when no lead time is configured (the seed gives none)
 * @example
 * // The seed names no lead time: a company states one (here 3 days) before reminders can be computed.
 * paymentRemindersDue('2024-03-07', [], s002CsSystemPolicy); // throws ZhiduError invalid_input
 * const policy = defineServicePolicy({
 *   ...s002CsSystemPolicy,
 *   params: { ...s002CsSystemPolicy.params, care: { ...s002CsSystemPolicy.params.care, paymentLeadDays: 3 } },
 * });
 * const instalments = [
 *   { contractId: 'HT-2024-018', dueDate: '2024-03-10', paid: false },
 *   { contractId: 'HT-2024-019', dueDate: '2024-03-20', paid: false },
 * ];
 * paymentRemindersDue('2024-03-07', instalments, policy).value; //=> [{ contractId: 'HT-2024-018', dueDate: '2024-03-10' }]
 */
export function paymentRemindersDue(
  today: LocalDate,
  instalments: readonly { contractId: string; dueDate: LocalDate; paid: boolean }[],
  policy: ServicePolicy,
): Decision<{ contractId: string; dueDate: LocalDate }[]> {
  parseInput(InstalmentsArg, instalments, ['instalments']);
  requireSection(paramsOf(policy).care, 'care');
  return remindersParsed(parseInput(LocalDateSchema, today, ['today']), instalments, policy);
}

/**
 * {@link paymentRemindersDue} on a date and instalments its module has parsed already (one parse, not
 * two; issue 21). @internal
 */
export function remindersParsed(
  t: LocalDate,
  instalments: readonly { contractId: string; dueDate: LocalDate; paid: boolean }[],
  policy: ServicePolicy,
): Decision<{ contractId: string; dueDate: LocalDate }[]> {
  const care = requireSection(paramsOf(policy).care, 'care');
  if (care.paymentLeadDays === null) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'care', 'paymentLeadDays'],
      '制度未规定提醒提前天数，请自行设定 / the regulation gives no reminder lead time; configure one',
    );
  }
  const horizon = addDays(t, care.paymentLeadDays);
  const due = instalments
    .filter((i) => !i.paid && i.dueDate >= t && i.dueDate <= horizon)
    .map((i) => ({ contractId: i.contractId, dueDate: i.dueDate }));
  const cite = care.citations.payment ?? { rule: 'S002-FOLLOW-02', clause: '002 L198' };
  return {
    value: due,
    trace: [
      entry(
        cite,
        `${due.length}笔房款将到期,提醒客户按时支付`,
        `${due.length} instalment(s) due soon: remind the customer`,
        { horizon },
      ),
    ],
  };
}

/**
 * Notification tasks when the company runs a promotion: every active customer is told promptly (S000B-FOLLOWUP-24).
 *
 * @param promotionId - the promotion
 * @param customerIds - active customers
 * @param policy - a service policy with a `care` section
 * @returns one task per customer
 * @example
 * const tasks = promotionNotifications('spring-2024', ['C-001', 'C-002', 'C-001'], s000bSalesSitePolicy).value;
 * tasks.map((t) => t.customerId); //=> ['C-001', 'C-002']
 */
export function promotionNotifications(
  promotionId: string,
  customerIds: readonly string[],
  policy: ServicePolicy,
): Decision<{ promotionId: string; customerId: string }[]> {
  parseInput(StringArg, promotionId, ['promotionId']);
  parseInput(StringListArg, customerIds, ['customerIds']);
  return promotionsParsed(promotionId, customerIds, policy);
}

/** {@link promotionNotifications} on a promotion and customers its module has parsed already (one parse, not two; issue 21). @internal */
export function promotionsParsed(
  promotionId: string,
  customerIds: readonly string[],
  policy: ServicePolicy,
): Decision<{ promotionId: string; customerId: string }[]> {
  const care = requireSection(paramsOf(policy).care, 'care');
  const tasks = [...new Set(customerIds)].map((customerId) => ({ promotionId, customerId }));
  const cite = care.citations.promotion ?? { rule: 'S000B-FOLLOWUP-24', clause: '000 L1207' };
  return {
    value: tasks,
    trace: [
      entry(
        cite,
        `促销${promotionId}须及时通知${tasks.length}位客户`,
        `promotion ${promotionId}: notify ${tasks.length} customer(s)`,
      ),
    ],
  };
}

/**
 * PRC statutory holidays (法定节假日) between two dates from `@zhidu/calendar-cn`, one entry per
 * festival per holiday block, ready for `greetingsDue`. A combined block (2025: 国庆节 with 中秋 on
 * 6 October) yields one entry per festival, so each festival gets its own greeting.
 *
 * @param from - first date (inclusive)
 * @param to - last date (inclusive), at most ten years after `from`
 * @returns holidays with their dates, ordered by first date
 * @throws ZhiduError `invalid_input` for a reversed or over-long range, `calendar_out_of_range` for a year without data
 * @example
 * statutoryHolidays('2024-09-01', '2024-09-30'); //=> [{ name: '中秋', dates: ['2024-09-15', '2024-09-16', '2024-09-17'] }]
 */
export function statutoryHolidays(from: LocalDate, to: LocalDate): { name: string; dates: LocalDate[] }[] {
  const a = parseInput(LocalDateSchema, from, ['from']);
  const b = parseInput(LocalDateSchema, to, ['to']);
  const span = daysBetween(a, b);
  if (span < 0 || span > 3660)
    throw new ZhiduError(
      'invalid_input',
      ['to'],
      '日期区间须从前往后，且不超过十年 / range must run forward and cover at most ten years',
    );
  const out: { name: string; dates: LocalDate[] }[] = [];
  let block = new Map<string, { name: string; dates: LocalDate[] }>();
  for (let i = 0; i <= span; i++) {
    const d = addDays(a, i);
    const day = statutoryDay(d);
    if (day.kind !== 'holiday') {
      block = new Map();
      continue;
    }
    const name = day.name ?? 'holiday';
    let h = block.get(name);
    if (!h) {
      h = { name, dates: [] };
      block.set(name, h);
      out.push(h);
    }
    h.dates.push(d);
  }
  return out;
}
