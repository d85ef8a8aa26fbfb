import {
  addMonthsClamped,
  allocate,
  type Fen,
  type LocalDate,
  LocalDateSchema,
  multiplyMoney,
  parseInput,
} from '@zhidu/core';
import { z } from 'zod';
import { asSlaPolicy, defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { envelope, is, timer, workingDays } from './helpers.js';

/**
 * Member rules of a commodity exchange (001 精選篇13, L1066–1322): the trading-qualification gate,
 * the annual inspection window (1 July – 31 August), the 10-working-day change report (litigation of
 * RMB 50,000 or more) and the margin refund of the risk reserve.
 *
 * @returns the validated policy (`settings` hold the window and refund parameters)
 * @example
 * marginRefundSchedule({ peakMarginFen: 200_000_000, currentBalanceFen: 150_000_000, announcementDate: '2024-01-31' }, exchangeMembership001bPreset());
 */
export function exchangeMembership001bPreset(): SlaPolicy {
  const rule = 'S001B-MILESTONE-03';
  const reportTimer = (id: string, when: Parameters<typeof timer>[0]['appliesWhen']) =>
    timer({
      id,
      rule,
      clause: '001 L1132–1152',
      zh: '變更事項10個工作日內書面報告',
      en: 'Written change report within 10 working days',
      appliesWhen: when,
      start: 'memberChangeOccurred',
      stop: 'changeReported',
      target: { kind: 'duration', spec: workingDays(10) },
    });
  return defineSlaPolicy({
    ...envelope(
      'zhidu.sla.exchange-membership-001b',
      '南寧大宗商品交易所會員管理辦法(精選篇13)',
      '001 L1066–1322',
    ),
    params: {
      timers: [
        reportTimer('changeReport', [
          { attribute: 'changeType', notIn: ['LITIGATION'] },
          { attribute: 'changeType', exists: true },
        ]),
        reportTimer('litigationReport', [
          is('changeType', 'LITIGATION'),
          { attribute: 'amountYuan', gte: 50_000 },
        ]),
        timer({
          id: 'reserveRefund40',
          rule: 'S001B-MILESTONE-04',
          clause: '001 L1174',
          zh: '四個月后退還風險保障金的40%',
          en: '40 % of the risk reserve refunded 4 months after the announcement',
          start: 'terminationAnnounced',
          stop: 'reserveRefund40Paid',
          target: { kind: 'duration', spec: { unit: 'calendarMonths', amount: 4, at: 'endOfDay' } },
        }),
        timer({
          id: 'reserveRefund60',
          rule: 'S001B-MILESTONE-04',
          clause: '001 L1174',
          zh: '六個月后退還剩余的60%',
          en: 'The remaining 60 % refunded 6 months after the announcement',
          start: 'terminationAnnounced',
          stop: 'reserveRefund60Paid',
          target: { kind: 'duration', spec: { unit: 'calendarMonths', amount: 6, at: 'endOfDay' } },
        }),
      ],
      checklists: [
        {
          id: 'onSiteReviewPrerequisites',
          rule: 'S001B-MILESTONE-01',
          clause: '001 L1124',
          title: { zh: '申請現場實地復審的前提', en: 'Prerequisites for the on-site review' },
          items: [
            { field: 'feesPaidInFull', equals: true },
            { field: 'dedicatedAccountOpenedAtDesignatedBank', equals: true },
            { field: 'tripartiteAgreementSigned', equals: true },
          ],
        },
      ],
      routing: [
        {
          id: 'tradingQualification',
          rule: 'S001B-MILESTONE-01',
          clause: '001 L1124 現場實地復審通過后方可取得交易資格',
          routes: [{ when: [is('onSiteReview', 'PASSED')], result: { tradingQualification: true } }],
          otherwise: { tradingQualification: false },
        },
        {
          id: 'annualInspectionResult',
          rule: 'S001B-MILESTONE-02',
          clause: '001 L1126',
          routes: [
            { when: [is('annualInspection', 'PASS')], result: { memberStatus: 'ACTIVE', announce: true } },
            {
              when: [is('annualInspection', 'FAIL')],
              result: { memberStatus: 'TERMINATED', announce: true },
            },
          ],
          otherwise: { memberStatus: 'UNDECIDED', flag: 'ANNUAL_INSPECTION_NOT_REGISTERED' },
        },
      ],
      settings: {
        annualWindowFrom: '07-01',
        annualWindowTo: '08-31',
        reservePercent: 20,
        firstRefundPercent: 40,
        firstRefundMonths: 4,
        secondRefundMonths: 6,
      },
    },
  });
}

/**
 * Whether a date falls inside the annual inspection registration window (001 L1126, inclusive).
 *
 * @param date - a local date
 * @param policy - the exchange preset (window in `settings`)
 * @returns true from 1 July to 31 August inclusive
 * @example
 * isInAnnualInspectionWindow('2024-08-31', exchangeMembership001bPreset()); //=> true
 */
export function isInAnnualInspectionWindow(date: LocalDate, policy: SlaPolicy): boolean {
  const d = parseInput(LocalDateSchema, date, ['date']);
  policy = asSlaPolicy(policy);
  const from = String(policy.params.settings.annualWindowFrom ?? '07-01');
  const to = String(policy.params.settings.annualWindowTo ?? '08-31');
  const md = d.slice(5);
  return md >= from && md <= to;
}

/** The input of the margin refund schedule: peak margin and balance in fen, the announcement date. */
export const RefundInputSchema = z
  .object({
    peakMarginFen: z.number().int().nonnegative(),
    currentBalanceFen: z.number().int().nonnegative(),
    announcementDate: LocalDateSchema,
  })
  .strict();

/**
 * The margin refund schedule after membership ends (001 L1174): a risk reserve of 20 % of the peak
 * margin (capped at the balance) is kept; the rest is refunded at the announcement (an
 * interpretation), 40 % of the reserve after 4 months and the remaining 60 % after 6 months. Amounts
 * are fen, rounded half-up, and the instalments sum exactly to the balance.
 *
 * @param input - peak margin, current balance (fen) and the announcement date
 * @param policy - the exchange preset (percentages and months in `settings`)
 * @returns the reserve and the dated instalments
 * @throws ZhiduError `invalid_input` for negative or fractional amounts
 * @example
 * marginRefundSchedule({ peakMarginFen: 200_000_000, currentBalanceFen: 150_000_000, announcementDate: '2024-01-31' }, exchangeMembership001bPreset())
 *   .instalments.map((i) => i.amountFen); //=> [110_000_000, 16_000_000, 24_000_000]
 */
export function marginRefundSchedule(
  input: { peakMarginFen: Fen; currentBalanceFen: Fen; announcementDate: LocalDate },
  policy: SlaPolicy,
): {
  riskReserveFen: Fen;
  instalments: { dueDate: LocalDate; amountFen: Fen; kind: 'NON_RESERVED' | 'RESERVE_40' | 'RESERVE_60' }[];
} {
  const i = parseInput(RefundInputSchema, input, ['input']);
  const s = asSlaPolicy(policy).params.settings;
  const reserve = Math.min(
    multiplyMoney(i.peakMarginFen, `${Number(s.reservePercent ?? 20)}%`),
    i.currentBalanceFen,
  );
  const first = Number(s.firstRefundPercent ?? 40);
  const [r40 = 0, r60 = 0] = allocate(reserve, [first, 100 - first]);
  return {
    riskReserveFen: reserve,
    instalments: [
      { dueDate: i.announcementDate, amountFen: i.currentBalanceFen - reserve, kind: 'NON_RESERVED' },
      {
        dueDate: addMonthsClamped(i.announcementDate, Number(s.firstRefundMonths ?? 4)),
        amountFen: r40,
        kind: 'RESERVE_40',
      },
      {
        dueDate: addMonthsClamped(i.announcementDate, Number(s.secondRefundMonths ?? 6)),
        amountFen: r60,
        kind: 'RESERVE_60',
      },
    ],
  };
}
