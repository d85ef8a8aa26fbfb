import {
  type Decision,
  type ErrorPath,
  type EvalContext,
  type Fen,
  formatMoney,
  InstantSchema,
  localDateOf,
  NonNegativeFenSchema,
  parseInput,
  Trace,
  toEpochMs,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { policyOf, SEED_000 } from '../shared.js';
import { CreditCustomerSchema } from './eligibility.js';
import { CreditLineParamsSchema, type CreditLinePolicy } from './policy.js';
import { creditLimitParsed, GoodsHistorySchema } from './rolling-limit.js';
import {
  type CreditAccount,
  type OverLimitRecord,
  type ShipmentCheck,
  type ShipmentOptions,
  ShipmentSchema,
  shipmentParsed,
} from './shipment.js';

/** What happens on a credit account: a shipment asked for, or a payment received. */
export const CreditEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('shipment'), shipment: ShipmentSchema.extend({ at: InstantSchema }) }),
  z.strictObject({ type: z.literal('payment'), at: InstantSchema, amount: NonNegativeFenSchema }),
]);
/** A credit-account event (see {@link CreditEventSchema}). */
export type CreditEventInput = z.input<typeof CreditEventSchema>;
/** A credit account's events, in time order (see {@link CreditEventSchema}). */
export const CreditEventsSchema = z.array(CreditEventSchema);

/** A customer's credit facts and goods series, with the receivables open before the first event. */
export const CreditLedgerSchema = CreditCustomerSchema.extend({
  goods: GoodsHistorySchema,
  openingOutstanding: NonNegativeFenSchema.default(0),
}).strict();

/** What {@link replayCreditAccount} gives: the balance after the events, the over-limit episode, each shipment's check. */
export type CreditAccountReplay = {
  outstanding: Fen;
  overLimitEpisode: OverLimitRecord[];
  shipments: ({ shipmentId: string } & Pick<
    ShipmentCheck,
    'allowed' | 'path' | 'step' | 'reasons' | 'limit'
  >)[];
};

/**
 * Replays a customer's shipment requests and payments in time order and derives the account state
 * the credit rules need, instead of asking the caller to track it: each shipment is judged by
 * {@link checkShipment} against the state so far; a released shipment adds its unpaid part to the
 * receivables and, when it is an over-limit step, joins the over-limit episode; the episode closes
 * when a shipment fits within the limit or a payment brings the receivables back within that day's
 * limit (S000-CREDIT-07/08 reading). Re-running the same events under another policy shows what the
 * change would have done.
 *
 * @param ledger - the customer's credit facts, daily goods series and opening receivables
 * @param events - shipments and payments, in time order
 * @param policy - a credit-line policy
 * @param ctx - evaluation context (passed to each shipment check)
 * @param options - `customRules`: a company's own shipment rules, applied to every shipment check
 * @param customRulesPath - where those rules sit in the caller's arguments (for refusals)
 * @returns a decision: the final receivables and episode, and each shipment's outcome
 * @throws ZhiduError `out_of_order` when events go back in time; `duplicate` for a shipment id met a
 *   second time (at `events[i].shipment.id`); the errors of {@link checkShipment}
 * @example
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const ledger = {
 *   customerId: 'C1',
 *   file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true },
 *   priorYearOutstanding: 0,
 *   goods: dailyGoodsFromInvoices(
 *     [{ at: '2024-03-05T10:00:00+08:00', amount: yuan(90_000) }],
 *     { from: '2024-02-01', through: '2024-03-31' },
 *     policy.zone,
 *   ),
 *   openingOutstanding: yuan(80_000),
 * };
 * const signatures = [{ personId: 'wang', role: 'regionalManager' }];
 * const d = replayCreditAccount(
 *   ledger,
 *   [
 *     { type: 'shipment', shipment: { id: 'S1', at: '2024-03-31T10:00:00+08:00', amount: yuan(20_000), signatures } },
 *     { type: 'shipment', shipment: { id: 'S2', at: '2024-03-31T11:00:00+08:00', amount: yuan(25_000), signatures } },
 *     { type: 'shipment', shipment: { id: 'S3', at: '2024-03-31T12:00:00+08:00', amount: yuan(10_000), signatures } },
 *     { type: 'payment', at: '2024-03-31T13:00:00+08:00', amount: yuan(40_000) },
 *     { type: 'shipment', shipment: { id: 'S4', at: '2024-03-31T14:00:00+08:00', amount: yuan(10_000), signatures } },
 *   ],
 *   policy,
 *   makeContext({ now: '2024-03-31T18:00:00+08:00' }),
 * );
 * d.value.shipments.map((s) => s.step); //=> ['first', 'final', null, 'first']
 * d.value.outstanding; //=> 9_500_000 (¥95,000: S3 refused, ¥40,000 paid)
 */
export function replayCreditAccount(
  ledger: z.input<typeof CreditLedgerSchema>,
  events: readonly CreditEventInput[],
  policy: CreditLinePolicy,
  ctx: EvalContext,
  options: ShipmentOptions = {},
  customRulesPath: ErrorPath = ['options', 'customRules'],
): Decision<CreditAccountReplay> {
  policyOf(policy, CreditLineParamsSchema);
  return replayParsed(
    parseInput(CreditLedgerSchema, ledger, ['ledger']),
    parseInput(CreditEventsSchema, events, ['events']),
    policy,
    ctx,
    options,
    customRulesPath,
  );
}

/**
 * {@link replayCreditAccount} on a ledger and events its module has parsed already (one parse, not
 * two; issue 21). @internal
 */
export function replayParsed(
  ledger: z.output<typeof CreditLedgerSchema>,
  list: readonly z.output<typeof CreditEventSchema>[],
  policy: CreditLinePolicy,
  ctx: EvalContext,
  options: ShipmentOptions = {},
  customRulesPath: ErrorPath = ['options', 'customRules'],
): Decision<CreditAccountReplay> {
  const pol = policyOf(policy, CreditLineParamsSchema);
  const { goods, openingOutstanding, ...facts } = ledger;
  const trace = new Trace();
  let outstanding = openingOutstanding;
  let episode: OverLimitRecord[] = [];
  const shipments: ({ shipmentId: string } & Pick<
    ShipmentCheck,
    'allowed' | 'path' | 'step' | 'reasons' | 'limit'
  >)[] = [];
  let last = Number.NEGATIVE_INFINITY;
  // A shipment recorded twice would be judged and added to the receivables twice.
  const shipmentIds = new Set<string>();
  list.forEach((e, i) => {
    const at = e.type === 'shipment' ? e.shipment.at : e.at;
    const t = toEpochMs(at);
    if (t < last)
      throw new ZhiduError(
        'out_of_order',
        ['events', i],
        `第 ${i} 个事件（${at}）早于其前一个事件 / event ${i} at ${at} is earlier than the one before it`,
      );
    last = t;
    if (e.type === 'shipment') {
      if (shipmentIds.has(e.shipment.id))
        throw new ZhiduError(
          'duplicate',
          ['events', i, 'shipment', 'id'],
          `发货 ${e.shipment.id} 重复出现：同一笔发货会被计入应收两次 / shipment ${e.shipment.id} appears twice: it would be judged and added to the receivables twice`,
        );
      shipmentIds.add(e.shipment.id);
      // The account as the shipment check reads it: its facts and goods parsed with the ledger, the
      // episode made of the checks' own records, the receivables computed here (checked as the
      // account's parse checked them) — not the whole account parsed again for every shipment.
      const account: CreditAccount = {
        ...facts,
        goods,
        outstanding: parseInput(NonNegativeFenSchema, outstanding, ['account', 'outstanding']),
        overLimitEpisode: episode,
      };
      const d = shipmentParsed(account, e.shipment, policy, ctx, options, customRulesPath);
      trace.append(d.trace);
      const v = d.value;
      shipments.push({
        shipmentId: e.shipment.id,
        allowed: v.allowed,
        path: v.path,
        step: v.step,
        reasons: v.reasons,
        limit: v.limit,
      });
      if (!v.allowed) return;
      outstanding += e.shipment.amount - v.prepaidCap;
      if (v.recordAs !== null) episode = [...episode, v.recordAs];
      if (v.endsEpisode) episode = [];
      return;
    }
    outstanding = Math.max(0, outstanding - e.amount);
    if (episode.length === 0) return;
    const limit = creditLimitParsed(goods, localDateOf(e.at, pol.zone), policy).value.limit;
    if (outstanding <= limit) {
      trace.add(
        'S000-CREDIT-07',
        `${SEED_000} L31–L35 §2.2`,
        `回款后应收 ${formatMoney(outstanding)} 回到授信额 ${formatMoney(limit)} 以内：本次超授信额期间结束`,
        `after the payment, receivables of ${formatMoney(outstanding)} are back within the limit of ${formatMoney(limit)}: the over-limit episode ends`,
        { outstanding, limit },
      );
      episode = [];
    }
  });
  return trace.decide({ outstanding, overLimitEpisode: episode, shipments });
}
