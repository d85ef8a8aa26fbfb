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
import { asSlaPolicy, type SlaPolicy } from '../policy.js';

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
  return marginRefundParsed(parseInput(RefundInputSchema, input, ['input']), policy);
}

/** {@link marginRefundSchedule} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function marginRefundParsed(
  i: z.output<typeof RefundInputSchema>,
  policy: SlaPolicy,
): {
  riskReserveFen: Fen;
  instalments: { dueDate: LocalDate; amountFen: Fen; kind: 'NON_RESERVED' | 'RESERVE_40' | 'RESERVE_60' }[];
} {
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
