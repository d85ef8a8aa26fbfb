import {
  addDays,
  type Decision,
  daysBetween,
  type Fen,
  FenSchema,
  formatMoney,
  InstantSchema,
  type LocalDate,
  LocalDateSchema,
  localDateOf,
  NonNegativeFenSchema,
  parseInput,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { paramsOf, SEED_000 } from '../shared.js';
import { type CreditLineParams, CreditLineParamsSchema, type CreditLinePolicy } from './policy.js';

/**
 * One day of a customer's goods amount (货款) in the policy zone: the invoiced total (or the paid
 * total, per `limit.basis`). A day without business is an explicit `0`, so that a missing day is
 * told apart from a quiet one.
 */
export const DailyGoodsSchema = z.strictObject({ date: LocalDateSchema, amount: NonNegativeFenSchema });
/** One day of goods (see {@link DailyGoodsSchema}). */
export type DailyGoods = z.output<typeof DailyGoodsSchema>;
/** A customer's daily goods series, in any order, one entry per day. */
export const GoodsHistorySchema = z.array(DailyGoodsSchema);

/**
 * The days a limit on `date` sums, both ends inclusive: `[date − 30, date − 1]` under the seed
 * (日前三十天: the shipment day itself is not counted unless `includeShipmentDay`).
 *
 * @param date - the shipment date
 * @param limit - the policy's `limit` parameters
 * @returns the first and last day of the window
 * @throws ZhiduError `invalid_date` / `invalid_input` for a bad `date` or `limit`
 * @example
 * const window = limitWindow('2024-03-31', { windowDays: 30, includeShipmentDay: false, basis: 'invoiced' });
 * window; //=> { from: '2024-03-01', through: '2024-03-30' }
 */
export function limitWindow(
  date: LocalDate,
  limit: CreditLineParams['limit'],
): { from: LocalDate; through: LocalDate } {
  return windowOf(
    parseInput(LocalDateSchema, date, ['date']),
    parseInput(CreditLineParamsSchema.shape.limit, limit, ['limit']),
  );
}

/** {@link limitWindow} on a parsed date and parsed limit parameters (the package's own callers). */
function windowOf(
  date: LocalDate,
  limit: CreditLineParams['limit'],
): { from: LocalDate; through: LocalDate } {
  const through = limit.includeShipmentDay ? date : addDays(date, -1);
  return { from: addDays(through, -(limit.windowDays - 1)), through };
}

function indexHistory(history: readonly DailyGoods[]): Map<LocalDate, Fen> {
  const byDate = new Map<LocalDate, Fen>();
  history.forEach((d, i) => {
    if (byDate.has(d.date))
      throw new ZhiduError(
        'duplicate',
        ['history', i, 'date'],
        `进货记录中 ${d.date} 出现两次 / ${d.date} appears twice in the goods history`,
      );
    byDate.set(d.date, d.amount);
  });
  return byDate;
}

function missingDay(date: LocalDate): ZhiduError {
  return new ZhiduError(
    'incomplete_history',
    ['history'],
    `货物往来记录缺少 ${date} 这一天，授信额窗口需要它；无业务的日子请记金额 0 / the goods history has no entry for ${date}, which the limit window needs; give a day without business as amount 0`,
    { missing: date },
  );
}

/**
 * The credit limit (授信额) on a shipment date: the customer's goods amount over the 30 days before
 * that date (客户开票发货日前三十天货款, S000-CREDIT-02), recomputed for each date (S000-CREDIT-03).
 *
 * @param history - the customer's daily goods series; every day of the window must be present
 * @param date - the shipment (invoice) date in the policy zone
 * @param policy - a credit-line policy
 * @returns a decision whose value is the limit in fen and the window summed
 * @throws ZhiduError `incomplete_history` when a day of the window is missing, `duplicate` for a repeated day
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const history = dailyGoodsFromInvoices(
 *   [
 *     { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
 *     { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
 *     { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
 *   ],
 *   { from: '2024-02-01', through: '2024-03-31' },
 *   policy.zone,
 * );
 * creditLimitOn(history, '2024-03-31', policy).value; //=> { limit: 9_000_000, from: '2024-03-01', through: '2024-03-30' } (¥90,000)
 * creditLimitOn(history, '2024-04-15', policy); // throws ZhiduError incomplete_history
 */
export function creditLimitOn(
  history: readonly DailyGoods[],
  date: LocalDate,
  policy: CreditLinePolicy,
): Decision<{ limit: Fen; from: LocalDate; through: LocalDate }> {
  paramsOf(policy, CreditLineParamsSchema);
  const day = parseInput(LocalDateSchema, date, ['date']);
  return creditLimitParsed(parseInput(GoodsHistorySchema, history, ['history']), day, policy);
}

/**
 * {@link creditLimitOn} on a history and a date already parsed (by its module, or by the shipment
 * pipeline's validated stage; one parse, not two; issue 21). @internal
 */
export function creditLimitParsed(
  days: readonly DailyGoods[],
  day: LocalDate,
  policy: CreditLinePolicy,
): Decision<{ limit: Fen; from: LocalDate; through: LocalDate }> {
  const params = paramsOf(policy, CreditLineParamsSchema);
  const byDate = indexHistory(days);
  const { from, through } = windowOf(day, params.limit);
  let limit = 0;
  for (let d = from; d <= through; d = addDays(d, 1)) {
    const amount = byDate.get(d);
    if (amount === undefined) throw missingDay(d);
    limit += amount;
  }
  return new Trace()
    .add(
      'S000-CREDIT-02',
      `${SEED_000} L17 §1.2`,
      `授信额 = ${from} 至 ${through} 共 ${params.limit.windowDays} 天货款（${params.limit.basis === 'invoiced' ? '开票' : '回款'}）合计 ${formatMoney(limit)}`,
      `credit limit = goods (${params.limit.basis}) from ${from} through ${through}, ${params.limit.windowDays} days: ${formatMoney(limit)}`,
      { from, through, limit },
    )
    .add(
      'S000-CREDIT-03',
      `${SEED_000} L19 §1.3`,
      `每日按时间流动授信：该额度仅适用于 ${day}`,
      `rolling daily credit: this limit applies on ${day} only`,
      { date: day },
    )
    .decide({ limit, from, through });
}

/**
 * The limit for every day of a range, computed with a sliding sum: what a nightly job that
 * re-grants credit each day (每日按时间流动授信, S000-CREDIT-03) would store.
 *
 * @param history - the customer's daily goods series covering every window of the range
 * @param range - first and last date (inclusive) to compute
 * @param policy - a credit-line policy
 * @returns a decision whose value lists `{ date, limit }` for each date
 * @throws ZhiduError `incomplete_history` on a missing day, `invalid_input` when `from` is after `through`
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const history = dailyGoodsFromInvoices(
 *   [
 *     { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
 *     { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
 *     { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
 *   ],
 *   { from: '2024-02-01', through: '2024-04-30' },
 *   policy.zone,
 * );
 * const limits = rollingCreditLimits(history, { from: '2024-03-31', through: '2024-04-05' }, policy).value;
 * limits[0]; //=> { date: '2024-03-31', limit: 9_000_000 }
 * limits[5]; //=> { date: '2024-04-05', limit: 6_000_000 } (the ¥30,000 of 03-05 left the window)
 */
export function rollingCreditLimits(
  history: readonly DailyGoods[],
  range: { from: LocalDate; through: LocalDate },
  policy: CreditLinePolicy,
): Decision<{ date: LocalDate; limit: Fen }[]> {
  paramsOf(policy, CreditLineParamsSchema);
  const from = parseInput(LocalDateSchema, range?.from, ['range', 'from']);
  const through = parseInput(LocalDateSchema, range?.through, ['range', 'through']);
  checkRange(from, through);
  return rollingLimitsParsed(parseInput(GoodsHistorySchema, history, ['history']), { from, through }, policy);
}

function checkRange(from: LocalDate, through: LocalDate): void {
  if (through < from)
    throw new ZhiduError(
      'invalid_input',
      ['range'],
      `区间结束日（${through}）早于开始日（${from}） / range ends (${through}) before it starts (${from})`,
    );
}

/**
 * {@link rollingCreditLimits} on a history and a range its module has parsed already (one parse,
 * not two; issue 21). @internal
 */
export function rollingLimitsParsed(
  history: readonly DailyGoods[],
  { from, through }: { from: LocalDate; through: LocalDate },
  policy: CreditLinePolicy,
): Decision<{ date: LocalDate; limit: Fen }[]> {
  const params = paramsOf(policy, CreditLineParamsSchema);
  checkRange(from, through);
  const byDate = indexHistory(history);
  const start = windowOf(from, params.limit).from;
  const end = windowOf(through, params.limit).through;
  const span = daysBetween(start, end) + 1;
  const prefix = new Array<number>(span + 1).fill(0);
  let d = start;
  for (let i = 0; i < span; i++, d = addDays(d, 1)) {
    const amount = byDate.get(d);
    if (amount === undefined) throw missingDay(d);
    prefix[i + 1] = (prefix[i] ?? 0) + amount;
  }
  const out: { date: LocalDate; limit: Fen }[] = [];
  const days = daysBetween(from, through);
  for (let k = 0, date = from; k <= days; k++, date = addDays(date, 1)) {
    const w = windowOf(date, params.limit);
    const a = daysBetween(start, w.from);
    const b = daysBetween(start, w.through) + 1;
    out.push({ date, limit: (prefix[b] ?? 0) - (prefix[a] ?? 0) });
  }
  return new Trace()
    .add(
      'S000-CREDIT-03',
      `${SEED_000} L19 §1.3`,
      `逐日重算授信额：${from} 至 ${through}，每日取前 ${params.limit.windowDays} 天货款`,
      `credit limit recomputed for each day from ${from} through ${through}, each over the previous ${params.limit.windowDays} days`,
      { from, through, days: out.length },
    )
    .decide(out);
}

/** An invoice (or payment) as an ERP records it: an instant and an amount in fen. */
export const GoodsEventSchema = z.strictObject({ at: InstantSchema, amount: NonNegativeFenSchema });

/**
 * Builds the daily goods series from invoices: each invoice counts on its local date in `zone`
 * (the policy zone), and every day of the covered range without an invoice is an explicit 0.
 * Invoices outside the range are left out. Use it when your ERP knows the range it has complete data for.
 *
 * @param events - invoices (or payments, for `basis: 'paid'`) with `at` and `amount`
 * @param covered - the first and last local date your data is complete for
 * @param zone - IANA zone of the policy, e.g. `Asia/Shanghai`
 * @returns one {@link DailyGoods} per day of the covered range
 * @example
 * const days = { from: '2024-03-04', through: '2024-03-05' };
 * const goods = dailyGoodsFromInvoices([{ at: '2024-03-04T17:00:00Z', amount: 100 }], days, 'Asia/Shanghai');
 * goods; //=> [{ date: '2024-03-04', amount: 0 }, { date: '2024-03-05', amount: 100 }] (01:00 on 03-05 in Shanghai)
 */
export function dailyGoodsFromInvoices(
  events: readonly { at: string | number | Date; amount: Fen }[],
  covered: { from: LocalDate; through: LocalDate },
  zone: string,
): DailyGoods[] {
  const list = parseInput(z.array(GoodsEventSchema), events, ['events']);
  const from = parseInput(LocalDateSchema, covered?.from, ['covered', 'from']);
  const through = parseInput(LocalDateSchema, covered?.through, ['covered', 'through']);
  if (through < from)
    throw new ZhiduError(
      'invalid_input',
      ['covered'],
      `覆盖区间结束日（${through}）早于开始日（${from}） / covered range ends (${through}) before it starts (${from})`,
    );
  const totals = new Map<LocalDate, Fen>();
  for (const e of list) {
    const day = localDateOf(e.at, zone);
    if (day < from || day > through) continue;
    totals.set(day, parseInput(FenSchema, (totals.get(day) ?? 0) + e.amount, ['events']));
  }
  const out: DailyGoods[] = [];
  for (let d = from; d <= through; d = addDays(d, 1)) out.push({ date: d, amount: totals.get(d) ?? 0 });
  return out;
}
