import {
  checkCustomRules,
  type Decision,
  defineModule,
  type EvalContext,
  type EventOrder,
  type HistoryReading,
  InstantSchema,
  LocalDateSchema,
  type Policy,
  recordOf,
  Trace,
  type Violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import {
  creditBadDebtSharesModule,
  creditDebtAgeingModule,
  creditGradeScaleModule,
  creditLimitFormulaModule,
} from './company/modules.js';
import {
  assignCreditGrade,
  CreditActionSchema,
  creditActionParsed,
  creditEventResponse,
  GradeChangeSchema,
  gradeChangeParsed,
} from './credit-grades/governance.js';
import { CreditGradeParamsSchema, CreditGradeSchema } from './credit-grades/policy.js';
import {
  CreditSaleSchema,
  CreditTermsProposalSchema,
  creditSaleParsed,
  creditTermsParsed,
  gradeTermsParsed,
} from './credit-grades/terms.js';
import {
  type CreditEventSchema,
  CreditEventsSchema,
  CreditLedgerSchema,
  replayParsed,
} from './credit-line/account.js';
import {
  CreditCustomerSchema,
  creditEligibilityParsed,
  creditStatusParsed,
} from './credit-line/eligibility.js';
import {
  BadDebtSchema,
  badDebtParsed,
  CollectionsSchema,
  FinalShipmentSchema,
  monthEndRecoveryParsed,
  UnapprovedBatchSchema,
  unapprovedShipmentParsed,
} from './credit-line/liability.js';
import { CreditLineParamsSchema } from './credit-line/policy.js';
import { creditLimitParsed, GoodsHistorySchema, rollingLimitsParsed } from './credit-line/rolling-limit.js';
import {
  CreditAccountSchema,
  type ShipmentCustomRule,
  type ShipmentOptions,
  ShipmentSchema,
  shipmentParsed,
  shipmentPipeline,
} from './credit-line/shipment.js';
import { DecisionTableSchema, ScalarSchema } from './decision-table/schema.js';
import {
  type CompiledDecisionTable,
  defineDecisionTable,
  evaluateForModule,
  fastModuleDecision,
} from './decision-table/table.js';
import {
  CreditPreferenceRuleSchema,
  CreditPreferenceStatusSchema,
  creditPreferenceParsed,
} from './partners/categories.js';
import { PartnerGradingParamsSchema } from './partners/policy.js';
import {
  keyGradeParsed,
  PartnerGradeChangeSchema,
  PartnerGradeRequestSchema,
  PartnerMaterialsSchema,
  PartnerRankingSchema,
  PartnerScreeningSchema,
  partnerDiscountParsed,
  partnerGradeChangeParsed,
  partnerGradeParsed,
  screeningParsed,
} from './partners/rules.js';
import { creditPresetJson } from './presets.js';
import {
  BlacklistActorSchema,
  BlacklistEntriesSchema,
  BlacklistScopeSchema,
  blacklistFilingParsed,
  canTransactParsed,
  MajorLossDepartmentsSchema,
  MajorLossReportSchema,
  majorLossParsed,
  manageBlacklistParsed,
  TransactRequestSchema,
} from './tiers/blacklist.js';
import {
  admitCustomerParsed,
  DepartmentRosterSchema,
  gradeCustomerParsed,
  TierCandidateSchema,
  TierCustomerSchema,
  tierCapParsed,
  tierEligibilityParsed,
} from './tiers/grading.js';
import { TierParamsSchema } from './tiers/policy.js';
import {
  stageReviewParsed,
  TierUpgradeSchema,
  tierUpgradeParsed,
  VipEvaluationSchema,
  vipDowngradeParsed,
} from './tiers/reviews.js';

// The presets are the files of `presets/` (the values the seed leaves blank carry an example value
// with a `zhidu.example` citation, as the scenario files state them); validated on first use.
const creditLinePresets = { 'distributor-000': creditPresetJson['distributor-000'] };
const creditGradePresets = { 'credit-grades-001': creditPresetJson['credit-grades-001'] };
const tierPresets = { 'customer-tiers-001': creditPresetJson['customer-tiers-001'] };
const partnerPresets = { 'partner-grading-000': creditPresetJson['partner-grading-000'] };

/**
 * Policy history of the credit decisions whose input carries no time of its own (eligibility, a
 * grade, a request, a blacklist entry…): they are decided under the version in force when the
 * decision is made, `ctx.now`. Modules whose input has a time declare it instead (`credit.shipment`
 * at the shipment's `at`, `credit.status` and `credit.limit` at their `date`…).
 */
const CREDIT_DECIDED_NOW = {
  kind: 'now' as const,
  reason: {
    zh: '授信决定的输入不含时间，按作出决定时（ctx.now）的制度',
    en: 'the input of this credit decision carries no time: decided under the rules in force when it is made (ctx.now)',
  },
};

/**
 * Defines one credit module around an existing rule function: its decision's value becomes
 * `result`, and `violations` lists the core violations it found (none for most credit rules).
 */
function creditModule<PS extends z.ZodType, IS extends z.ZodType, R>(spec: {
  id: string;
  title: { zh: string; en: string };
  params: PS;
  input: IS;
  presets: Record<string, unknown>;
  run: (input: z.output<IS>, policy: Policy<z.output<PS>>, ctx: EvalContext) => Decision<R>;
  violations?: (result: R) => Violation[];
  order?: EventOrder<z.output<IS>>;
  /** How the module reads a policy history (default {@link CREDIT_DECIDED_NOW}). */
  history?: HistoryReading<z.output<IS>, R, z.output<PS>, Policy<z.output<PS>>>;
}) {
  return defineModule<PS, IS, R>({
    id: spec.id,
    title: spec.title,
    params: spec.params,
    input: spec.input,
    presets: spec.presets,
    ...(spec.order === undefined ? {} : { order: spec.order }),
    history: spec.history ?? CREDIT_DECIDED_NOW,
    evaluate: (input, policy, ctx) => {
      const d = spec.run(input, policy as Policy<z.output<PS>>, ctx);
      return new Trace()
        .append(d.trace)
        .decide({ result: d.value, violations: spec.violations?.(d.value) ?? [] });
    },
  });
}

// A module's input is parsed by its strict schema; the rule function then reads the parsed value.
// Parsed values are valid inputs of the same schemas, so the casts below only widen the types.
type Any = never;

// ─── Credit lines (授信规定, seed 000 L7–L51) ────────────────────────────────────────────────

/**
 * Credit eligibility (S000-CREDIT-01), as a module. The call of {@link checkCreditEligibility}.
 *
 * @example
 * const customer = {
 *   customerId: 'C1',
 *   file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true },
 *   priorYearOutstanding: 0,
 * };
 * const policy = creditEligibilityModule.preset('distributor-000');
 * const now = '2024-04-01T09:00:00+08:00';
 * creditEligibilityModule.evaluate({ customer }, policy, { now }).value.result; //=> { eligible: true, failed: [] }
 * const owing = { ...customer, priorYearOutstanding: yuan(1_200) };
 * creditEligibilityModule.evaluate({ customer: owing }, policy, { now }).value.result.failed; //=> ['priorYearBalanceCleared']
 */
export const creditEligibilityModule = creditModule({
  id: 'credit.eligibility',
  title: { zh: '授信资格', en: 'Credit eligibility' },
  params: CreditLineParamsSchema,
  input: z.strictObject({ customer: CreditCustomerSchema }),
  presets: creditLinePresets,
  run: (i, p) => creditEligibilityParsed(i.customer, p),
});

/**
 * A customer's credit status on a date (S000-GRADE-01, S000-CREDIT-05). The call of {@link classifyCreditStatus}.
 *
 * @example
 * const customer = {
 *   customerId: 'C1',
 *   file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true },
 *   priorYearOutstanding: 0,
 * };
 * const policy = creditStatusModule.preset('distributor-000');
 * const now = '2024-04-01T09:00:00+08:00';
 * creditStatusModule.evaluate({ customer, date: '2024-04-01' }, policy, { now }).value.result.status; //=> 'credited'
 * const late = { ...customer, oldestUnpaidInvoiceDate: '2024-02-20' };
 * creditStatusModule.evaluate({ customer: late, date: '2024-04-01' }, policy, { now }).value.result.status; //=> 'specialApproval'
 */
export const creditStatusModule = creditModule({
  id: 'credit.status',
  title: { zh: '授信状态', en: 'Credit status' },
  params: CreditLineParamsSchema,
  input: z.strictObject({ customer: CreditCustomerSchema, date: LocalDateSchema }),
  history: { kind: 'judgedAt', at: (i) => ({ date: i.date, path: ['date'] }) },
  presets: creditLinePresets,
  run: (i, p) => creditStatusParsed(i.customer, i.date, p),
});

/**
 * The rolling credit limit on one date (S000-CREDIT-02/03). The call of {@link creditLimitOn}.
 *
 * @example
 * const policy = creditLimitModule.preset('distributor-000');
 * const history = dailyGoodsFromInvoices(
 *   [
 *     { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
 *     { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
 *     { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
 *   ],
 *   { from: '2024-02-01', through: '2024-03-31' },
 *   policy.zone,
 * );
 * const d = creditLimitModule.evaluate({ history, date: '2024-03-31' }, policy, { now: '2024-03-31T10:00:00+08:00' });
 * d.value.result; //=> { limit: 9_000_000, from: '2024-03-01', through: '2024-03-30' } (¥90,000)
 */
export const creditLimitModule = creditModule({
  id: 'credit.limit',
  title: { zh: '授信额', en: 'Credit limit on a date' },
  params: CreditLineParamsSchema,
  input: z.strictObject({ history: GoodsHistorySchema, date: LocalDateSchema }),
  history: { kind: 'judgedAt', at: (i) => ({ date: i.date, path: ['date'] }) },
  presets: creditLinePresets,
  run: (i, p) => creditLimitParsed(i.history, i.date, p),
});

/**
 * The credit limit of every day of a range (S000-CREDIT-03). The call of {@link rollingCreditLimits}.
 *
 * @example
 * const policy = creditRollingLimitsModule.preset('distributor-000');
 * const history = dailyGoodsFromInvoices(
 *   [
 *     { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
 *     { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
 *     { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
 *   ],
 *   { from: '2024-02-01', through: '2024-04-30' },
 *   policy.zone,
 * );
 * const range = { from: '2024-03-31', through: '2024-04-05' };
 * const limits = creditRollingLimitsModule.evaluate({ history, range }, policy, { now: '2024-04-05T10:00:00+08:00' }).value.result;
 * limits[0]; //=> { date: '2024-03-31', limit: 9_000_000 }
 * limits[5]; //=> { date: '2024-04-05', limit: 6_000_000 } (the ¥30,000 of 03-05 left the window)
 */
export const creditRollingLimitsModule = creditModule({
  id: 'credit.rolling-limits',
  title: { zh: '逐日授信额', en: 'Daily credit limits over a range' },
  params: CreditLineParamsSchema,
  input: z.strictObject({
    history: GoodsHistorySchema,
    range: z.strictObject({ from: LocalDateSchema, through: LocalDateSchema }),
  }),
  // The range under the version in force on its first day: split a range at a change.
  history: { kind: 'judgedAt', at: (i) => ({ date: i.range.from, path: ['range', 'from'] }) },
  presets: creditLinePresets,
  run: (i, p) => rollingLimitsParsed(i.history, i.range, p),
});

/**
 * Whether a shipment may be invoiced and released, and on what terms (S000-CREDIT-04…09, 13).
 * The call of {@link checkShipment}; with a company's own rules: {@link creditShipmentModuleWith}.
 *
 * @example
 * const policy = creditShipmentModule.preset('distributor-000');
 * // The final over-limit shipment of an episode: ¥90,000 limit, ¥100,000 owed, a first step already taken.
 * const account = {
 *   customerId: 'C1',
 *   file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true },
 *   priorYearOutstanding: 0,
 *   paymentTermDays: 30,
 *   goods: dailyGoodsFromInvoices(
 *     [
 *       { at: '2024-03-05T10:00:00+08:00', amount: yuan(30_000) },
 *       { at: '2024-03-15T10:00:00+08:00', amount: yuan(25_000) },
 *       { at: '2024-03-28T10:00:00+08:00', amount: yuan(35_000) },
 *     ],
 *     { from: '2024-02-01', through: '2024-04-30' },
 *     policy.zone,
 *   ),
 *   outstanding: yuan(100_000),
 *   overLimitEpisode: [{ shipmentId: 'S2', step: 'first' as const, at: '2024-03-30T10:00:00+08:00', amount: yuan(20_000) }],
 * };
 * const shipment = { id: 'S3', amount: yuan(25_000), signatures: [{ personId: 'wang', role: 'regionalManager' }] };
 * const d = creditShipmentModule.evaluate({ account, shipment }, policy, { now: '2024-03-31T10:00:00+08:00' });
 * d.value.result.path; //=> 'overLimitStep'
 * d.value.result.allowed; //=> true
 */
export const creditShipmentModule = shipmentModule(undefined);

/**
 * `credit.shipment` run with a company's own rules (functions, so not part of the JSON policy or
 * input): the same module id, schemas and presets, its evaluation placing `customRules` before, after
 * or instead of the shipment pipeline's steps exactly as `checkShipment(…, { customRules })` does. The
 * rules are checked when the module is built.
 *
 * @param options - the company's rules (`customRules`, see `SHIPMENT_STEPS`)
 * @returns the module
 * @throws ZhiduError `unknown_reference` (naming the nearest step id), `invalid_input`, `duplicate`
 * @example
 * const acme = creditShipmentModuleWith({
 *   customRules: [{ after: 'S000-CREDIT-02', step: { id: 'acme.audit', run: (s, step) => { step.note('已复核', 'Reviewed'); return s; } } }],
 * });
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const goods = dailyGoodsFromInvoices([{ at: '2024-03-05T10:00:00+08:00', amount: 3_000_000 }],
 *   { from: '2024-02-01', through: '2024-03-31' }, policy.zone);
 * const account = { customerId: 'C1', file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true }, priorYearOutstanding: 0, goods, outstanding: 0 };
 * const d = acme.evaluate({ account, shipment: { id: 'S1', amount: 1_000_000 } }, policy, { now: '2024-03-31T10:00:00+08:00' });
 * d.value.result.path; //=> 'withinLimit'
 * d.trace.some((t) => t.rule === 'acme.audit'); //=> true
 */
export function creditShipmentModuleWith(options: ShipmentOptions) {
  return shipmentModule(checkedOptions(options));
}

function shipmentModule(customRules: readonly ShipmentCustomRule[] | undefined) {
  return creditModule({
    id: 'credit.shipment',
    title: { zh: '开票发货', en: 'Invoice and ship' },
    params: CreditLineParamsSchema,
    input: z.strictObject({ account: CreditAccountSchema, shipment: ShipmentSchema }),
    // The shipment under the limit in force when it is released (no `at`: released now).
    history: {
      kind: 'judgedAt',
      at: (i) => (i.shipment.at === undefined ? undefined : { at: i.shipment.at, path: ['shipment', 'at'] }),
    },
    presets: creditLinePresets,
    run: (i, p, ctx) =>
      shipmentParsed(i.account, i.shipment, p, ctx, customRules === undefined ? {} : { customRules }, [
        'customRules',
      ]),
  });
}

/** The rules of a `…With` module builder, checked against the shipment pipeline when it is built. */
function checkedOptions(options: ShipmentOptions): readonly ShipmentCustomRule[] | undefined {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { customRules? } / options must be an object { customRules? }',
    );
  }
  if (options.customRules === undefined) return undefined;
  return checkCustomRules(options.customRules, shipmentPipeline(), ['customRules']);
}

/**
 * A credit account replayed from its shipment requests and payments (S000-CREDIT-06…09). Events of
 * the account must be in time order (one subject: the account). The call of {@link replayCreditAccount}.
 *
 * @example
 * const policy = creditAccountModule.preset('distributor-000');
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
 * const events = [
 *   { type: 'shipment', shipment: { id: 'S1', at: '2024-03-31T10:00:00+08:00', amount: yuan(20_000), signatures } },
 *   { type: 'shipment', shipment: { id: 'S2', at: '2024-03-31T11:00:00+08:00', amount: yuan(25_000), signatures } },
 *   { type: 'shipment', shipment: { id: 'S3', at: '2024-03-31T12:00:00+08:00', amount: yuan(10_000), signatures } },
 *   { type: 'payment', at: '2024-03-31T13:00:00+08:00', amount: yuan(40_000) },
 *   { type: 'shipment', shipment: { id: 'S4', at: '2024-03-31T14:00:00+08:00', amount: yuan(10_000), signatures } },
 * ];
 * const d = creditAccountModule.evaluate({ ledger, events }, policy, { now: '2024-03-31T18:00:00+08:00' });
 * d.value.result.shipments.map((s) => s.step); //=> ['first', 'final', null, 'first']
 * d.value.result.outstanding; //=> 9_500_000 (¥95,000: S3 refused, ¥40,000 paid)
 */
export const creditAccountModule = accountModule(undefined);

/**
 * `credit.account` run with a company's own shipment rules, applied to every shipment of the replay
 * (see {@link creditShipmentModuleWith}; the same module id, schemas and presets).
 *
 * @param options - the company's rules (`customRules`, see `SHIPMENT_STEPS`)
 * @returns the module
 * @throws ZhiduError `unknown_reference` (naming the nearest step id), `invalid_input`, `duplicate`
 * @example
 * const acme = creditAccountModuleWith({
 *   customRules: [{ after: 'S000-CREDIT-02', step: { id: 'acme.audit', run: (s, step) => { step.note('已复核', 'Reviewed'); return s; } } }],
 * });
 * const policy = distributorCreditLinePolicy({
 *   withinLimitShares: { shares: [{ role: 'salesRep', weight: 10 }], of: 100 },
 *   monthEndSignatoryRatio: { numerator: 1, denominator: 5 },
 * });
 * const goods = dailyGoodsFromInvoices([{ at: '2024-03-05T10:00:00+08:00', amount: 3_000_000 }],
 *   { from: '2024-02-01', through: '2024-03-31' }, policy.zone);
 * const ledger = { customerId: 'C1', file: { exists: true, openerIdCopy: true },
 *   contract: { type: 'distribution', settlementAgreement: true }, priorYearOutstanding: 0, goods, openingOutstanding: 0 };
 * const events = [{ type: 'shipment', shipment: { id: 'S1', at: '2024-03-31T10:00:00+08:00', amount: 1_000_000 } }];
 * const d = acme.evaluate({ ledger, events }, policy, { now: '2024-03-31T18:00:00+08:00' });
 * d.value.result.shipments.map((s) => s.path); //=> ['withinLimit']
 * d.trace.filter((t) => t.rule === 'acme.audit').length; //=> 1
 */
export function creditAccountModuleWith(options: ShipmentOptions) {
  return accountModule(checkedOptions(options));
}

function accountModule(customRules: readonly ShipmentCustomRule[] | undefined) {
  return creditModule({
    id: 'credit.account',
    title: { zh: '授信账户回放', en: 'Credit account replay' },
    params: CreditLineParamsSchema,
    input: z.strictObject({ ledger: CreditLedgerSchema, events: CreditEventsSchema }),
    // One account's replay under the version in force at its latest event: replay a span that
    // crosses a change in two parts (the state after the first is the ledger of the second).
    history: {
      kind: 'judgedAt',
      at: (i) => {
        const n = i.events.length - 1;
        const last = i.events[n];
        if (last === undefined) return undefined;
        if (last.type !== 'shipment') return { at: last.at, path: ['events', n, 'at'] };
        const at = last.shipment.at;
        return at === undefined ? undefined : { at, path: ['events', n, 'shipment', 'at'] };
      },
    },
    presets: creditLinePresets,
    order: {
      path: ['input', 'events'],
      events: (i) => i.events,
      // One account per input: every event belongs to it.
      subject: () => 'account',
      at: (e) => {
        const ev = e as z.output<typeof CreditEventSchema>;
        return ev.type === 'shipment' ? ev.shipment.at : ev.at;
      },
    },
    run: (i, p, ctx) =>
      replayParsed(i.ledger, i.events, p, ctx, customRules === undefined ? {} : { customRules }, [
        'customRules',
      ]),
  });
}

/**
 * Who bears a bad debt (S000-CREDIT-10/11). The call of {@link badDebtLiability}.
 *
 * @example
 * const debt = {
 *   shipmentId: 'S1',
 *   amount: yuan(40_000),
 *   regime: 'withinLimit',
 *   staff: [{ personId: 'li', role: 'salesRep' }, { personId: 'wang', role: 'regionalManager' }],
 * };
 * const policy = creditBadDebtModule.preset('distributor-000');
 * const d = creditBadDebtModule.evaluate({ debt }, policy, { now: '2024-03-31T10:00:00+08:00' }).value.result;
 * d.shares.map((s) => [s.personId, s.amount]); //=> [['li', 400000], ['wang', 200000]]
 * d.company; //=> 3400000 (¥34,000)
 */
export const creditBadDebtModule = creditModule({
  id: 'credit.bad-debt',
  title: { zh: '坏账承担', en: 'Bad-debt liability' },
  params: CreditLineParamsSchema,
  input: z.strictObject({ debt: BadDebtSchema }),
  presets: creditLinePresets,
  run: (i, p) => badDebtParsed(i.debt, p),
});

/**
 * Liability for an unapproved over-limit batch (S000-CREDIT-12); each person's part is a violation.
 * The call of {@link unapprovedShipmentLiability}.
 *
 * @example
 * const batch = {
 *   shipmentId: 'B7',
 *   at: '2024-03-20T10:00:00+08:00',
 *   amount: yuan(18_000),
 *   prepaid: false,
 *   approved: false,
 *   verified: { at: '2024-04-02T10:00:00+08:00', by: 'audit' },
 *   staff: [
 *     { personId: 'zhou', role: 'logisticsSpecialist' },
 *     { personId: 'wu', role: 'warehouseKeeper' },
 *     { personId: 'zheng', role: 'marketingDeptHead' },
 *   ],
 * };
 * const policy = creditUnapprovedShipmentModule.preset('distributor-000');
 * const d = creditUnapprovedShipmentModule.evaluate({ batch }, policy, { now: '2024-04-02T10:00:00+08:00' }).value;
 * d.result.shares.map((s) => s.amount); //=> [600000, 600000, 600000]
 * d.violations.map((v) => v.code);
 * //=> ['credit.overLimit.unapproved', 'credit.overLimit.unapproved', 'credit.overLimit.unapproved']
 */
export const creditUnapprovedShipmentModule = creditModule({
  id: 'credit.unapproved-shipment',
  title: { zh: '未审批超授信额发货', en: 'Unapproved over-limit shipment' },
  params: CreditLineParamsSchema,
  input: z.strictObject({ batch: UnapprovedBatchSchema }),
  presets: creditLinePresets,
  run: (i, p) => unapprovedShipmentParsed(i.batch, p),
  violations: (r) => r.violations,
});

/**
 * Month-end recovery of the final over-limit shipment (S000-CREDIT-13); an unrecovered amount is a
 * violation of the signer. The call of {@link monthEndRecovery}.
 *
 * @example
 * const shipment = {
 *   shipmentId: 'S3',
 *   at: '2024-03-12T10:00:00+08:00',
 *   amount: yuan(25_000),
 *   signatory: { personId: 'wang', role: 'regionalManager' },
 * };
 * const collections = [{ at: '2024-03-20T10:00:00+08:00', amount: yuan(10_000) }];
 * const policy = creditMonthEndRecoveryModule.preset('distributor-000');
 * const d = creditMonthEndRecoveryModule.evaluate({ shipment, collections }, policy, { now: '2024-04-01T09:00:00+08:00' }).value;
 * d.result.deduction; //=> 300000 (¥15,000 open × 1/5)
 * d.violations.map((v) => [v.code, v.personId]); //=> [['credit.overLimit.unrecovered', 'wang']]
 */
export const creditMonthEndRecoveryModule = creditModule({
  id: 'credit.month-end-recovery',
  title: { zh: '超授信额货款月底回笼', en: 'Month-end recovery of over-limit money' },
  params: CreditLineParamsSchema,
  input: z.strictObject({ shipment: FinalShipmentSchema, collections: CollectionsSchema }),
  presets: creditLinePresets,
  run: (i, p, ctx) => monthEndRecoveryParsed(i.shipment, i.collections, p, ctx),
  violations: (r) => (r.violation === null ? [] : [r.violation]),
});

// ─── Credit grades (企業客戶信用管理制度, seed 001 精選篇3) ──────────────────────────────────────

/**
 * The sales terms of a credit grade (S001-GRADE-01, S001-CREDIT-01…04, 07). The call of {@link creditTermsFor}.
 *
 * @example
 * const policy = creditGradeTermsModule.preset('credit-grades-001');
 * const d = creditGradeTermsModule.evaluate({ grade: 'D' }, policy, { now: '2024-07-01T09:00:00+08:00' });
 * d.value.result.allowedPayments; //=> ['cashOnDelivery', 'prepayment']
 */
export const creditGradeTermsModule = creditModule({
  id: 'credit.grade-terms',
  title: { zh: '信用等級銷售條件', en: 'Sales terms of a credit grade' },
  params: CreditGradeParamsSchema,
  input: z.strictObject({ grade: CreditGradeSchema }),
  presets: creditGradePresets,
  run: (i, p) => gradeTermsParsed(i.grade, p),
});

/**
 * A proposed credit line and term checked against the grade (S001-CREDIT-01…04). The call of {@link checkCreditTerms}.
 *
 * @example
 * const proposal = { grade: 'A', limit: yuan(250_000), onePurchaseAmount: yuan(200_000), purchaseCycleDays: 30, termDays: 30 };
 * const policy = creditTermsCheckModule.preset('credit-grades-001');
 * creditTermsCheckModule.evaluate({ proposal }, policy, { now: '2024-07-01T09:00:00+08:00' }).value.result;
 * //=> { ok: false, violations: ['limitAboveOnePurchase'] }
 */
export const creditTermsCheckModule = creditModule({
  id: 'credit.terms-check',
  title: { zh: '信用額度與期限審查', en: 'Credit line and term check' },
  params: CreditGradeParamsSchema,
  input: z.strictObject({ proposal: CreditTermsProposalSchema }),
  presets: creditGradePresets,
  run: (i, p) => creditTermsParsed(i.proposal, p),
});

/**
 * Whether a sale may go ahead on the payment asked for (S001-CREDIT-02…05). The call of {@link checkCreditSale}.
 *
 * @example
 * // ¥80,000 used of a ¥100,000 line; a ¥50,000 credit sale goes ¥30,000 (30 %) over: the president decides.
 * const sale = { grade: 'A', payment: 'credit', amount: yuan(50_000), limit: yuan(100_000), outstanding: yuan(80_000) };
 * const policy = creditSaleModule.preset('credit-grades-001');
 * const d = creditSaleModule.evaluate({ sale }, policy, { now: '2024-07-01T09:00:00+08:00' }).value.result;
 * d.allowed; //=> false
 * d.requiredApprovers; //=> ['salesManager', 'president']
 */
export const creditSaleModule = creditModule({
  id: 'credit.sale',
  title: { zh: '賒銷審查', en: 'Credit sale check' },
  params: CreditGradeParamsSchema,
  input: z.strictObject({ sale: CreditSaleSchema }),
  presets: creditGradePresets,
  run: (i, p) => creditSaleParsed(i.sale, p),
});

/**
 * A proposed change of a customer's credit grade (S001-GRADE-02). The call of {@link resolveGradeChange}.
 *
 * @example
 * const change = {
 *   customerId: 'C-118',
 *   from: 'B',
 *   to: 'C',
 *   proposedBy: { personId: 'zhou', role: 'finance' },
 *   approvals: [{ personId: 'liu', role: 'salesManager' }],
 * };
 * const policy = creditGradeChangeModule.preset('credit-grades-001');
 * creditGradeChangeModule.evaluate({ change }, policy, { now: '2024-07-01T09:00:00+08:00' }).value.result;
 * //=> { effective: false, grade: 'B', missing: ['marketingDirector'], refused: false }
 */
export const creditGradeChangeModule = creditModule({
  id: 'credit.grade-change',
  title: { zh: '信用等級調整', en: 'Credit grade change' },
  params: CreditGradeParamsSchema,
  input: z.strictObject({ change: GradeChangeSchema }),
  presets: creditGradePresets,
  run: (i, p) => gradeChangeParsed(i.change, p),
});

/**
 * What a credit event requires of the salesperson (S001-CREDIT-06/08/09). The event must be one
 * the policy defines. The call of {@link creditEventResponse}.
 *
 * @example
 * const policy = creditEventResponseModule.preset('credit-grades-001');
 * const now = '2024-07-01T09:00:00+08:00';
 * creditEventResponseModule.evaluate({ event: 'billDishonoured' }, policy, { now }).value.result;
 * //=> { report: 'detailed', to: 'superior', tasks: ['recoverPayment', 'awaitSuperiorInstruction'] }
 * creditEventResponseModule.evaluate({ event: 'customerMoved' }, policy, { now }); // throws ZhiduError unknown_reference
 */
export const creditEventResponseModule = creditModule({
  id: 'credit.event-response',
  title: { zh: '信用事件報告', en: 'Credit event response' },
  params: CreditGradeParamsSchema,
  input: z.strictObject({ event: z.string().min(1) }),
  presets: creditGradePresets,
  run: (i, p) => creditEventResponse(i.event, p),
});

/**
 * Whether a credit action may be taken (S001-CREDIT-06/08/09). The call of {@link checkCreditAction}.
 *
 * @example
 * const policy = creditActionModule.preset('credit-grades-001');
 * const now = '2024-07-01T09:00:00+08:00';
 * creditActionModule.evaluate({ request: { action: 'restrictShipment' } }, policy, { now }).value.result;
 * //=> { allowed: false, missing: 'superiorInstruction' }
 * const instructedBy = { personId: 'liu', role: 'salesManager' };
 * creditActionModule.evaluate({ request: { action: 'restrictShipment', instructedBy } }, policy, { now }).value.result.allowed;
 * //=> true
 */
export const creditActionModule = creditModule({
  id: 'credit.action',
  title: { zh: '信用處置', en: 'Credit action' },
  params: CreditGradeParamsSchema,
  input: z.strictObject({ request: CreditActionSchema }),
  presets: creditGradePresets,
  run: (i, p) => creditActionParsed(i.request, p),
});

/**
 * Grades a customer A–D with the policy's own grading table (S001-GRADE-01); a policy without one
 * (the seed's table is missing, so the preset has none) is refused with `invalid_state`. The call
 * of {@link assignCreditGrade}.
 *
 * @example
 * const now = '2024-07-01T09:00:00+08:00';
 * const facts = { yearsTrading: 6, latePayments: 0 };
 * // The preset has no grading table (the seed's is missing): finance sets the grade.
 * creditGradeAssignmentModule.evaluate({ facts }, creditGradeAssignmentModule.preset('credit-grades-001'), { now }); // throws ZhiduError invalid_state
 * const withTable = creditGradePolicy({
 *   gradeCMaxLimit: yuan(10_000),
 *   presidentWhenOverBy: { numerator: 1, denominator: 5 },
 *   gradingTable: {
 *     id: 'acme.creditGrade',
 *     hitPolicy: 'first',
 *     inputs: [
 *       { name: 'yearsTrading', type: 'number' },
 *       { name: 'latePayments', type: 'number' },
 *     ],
 *     outputs: [{ name: 'grade', type: 'string' }],
 *     rules: [
 *       { id: 'A', when: { yearsTrading: { gte: 5 }, latePayments: { equals: 0 } }, result: { grade: 'A' } },
 *       { id: 'D', when: { latePayments: { gte: 5 } }, result: { grade: 'D' } },
 *     ],
 *     defaultOutput: { grade: 'C' },
 *   },
 * });
 * creditGradeAssignmentModule.evaluate({ facts }, withTable, { now }).value.result; //=> { grade: 'A' }
 */
export const creditGradeAssignmentModule = creditModule({
  id: 'credit.grade-assignment',
  title: { zh: '信用評級', en: 'Credit grade assignment' },
  params: CreditGradeParamsSchema,
  input: z.strictObject({ facts: recordOf(z.string(), ScalarSchema) }),
  presets: creditGradePresets,
  run: (i, p) => assignCreditGrade(i.facts, p, ['input', 'facts']),
});

// ─── Admission, tiers and blacklists (客戶準入與分級, seed 001 精選篇7) ───────────────────────────

/**
 * Customer admission (S001-GRADE-03). The call of {@link admitCustomer}.
 *
 * @example
 * const policy = creditAdmissionModule.preset('customer-tiers-001');
 * const now = '2024-07-07T08:00:00+08:00';
 * const hospital = { id: 'h1', kind: 'medicalInstitution', facts: { medicalQualifications: true, goodReputation: true } };
 * creditAdmissionModule.evaluate({ customer: hospital }, policy, { now }).value.result;
 * //=> { admitted: false, exempt: null, failed: ['c', 'd', 'e', 'f'] }
 * creditAdmissionModule.evaluate({ customer: { id: 'r1', kind: 'retail' } }, policy, { now }).value.result.exempt; //=> 'retail'
 */
export const creditAdmissionModule = creditModule({
  id: 'credit.admission',
  title: { zh: '客戶準入', en: 'Customer admission' },
  params: TierParamsSchema,
  input: z.strictObject({ customer: TierCustomerSchema }),
  presets: tierPresets,
  run: (i, p) => admitCustomerParsed(i.customer, p),
});

/**
 * Whether a customer meets a tier's criteria, caps aside (S001-GRADE-05/07). The call of {@link tierEligibility}.
 *
 * @example
 * const facts = {
 *   goodOperations: true,
 *   highReputationStabilityLoyalty: true,
 *   directDistributorOrMedical: true,
 *   paysOnTimeLowRisk: true,
 *   longTermPartnershipIntent: true,
 * };
 * const customer = { id: 'd1', kind: 'distributor', annualBusiness: yuan(1_200_000), facts };
 * const policy = creditTierEligibilityModule.preset('customer-tiers-001');
 * const now = '2024-07-07T08:00:00+08:00';
 * creditTierEligibilityModule.evaluate({ customer, tier: 'vip' }, policy, { now }).value.result; //=> { eligible: true, failed: [] }
 * const defaulted = { ...customer, defaultRecords: 1 };
 * creditTierEligibilityModule.evaluate({ customer: defaulted, tier: 'vip' }, policy, { now }).value.result.failed;
 * //=> ['defaultRecords']
 */
export const creditTierEligibilityModule = creditModule({
  id: 'credit.tier-eligibility',
  title: { zh: '分級條件', en: 'Tier criteria' },
  params: TierParamsSchema,
  input: z.strictObject({ customer: TierCustomerSchema, tier: z.enum(['vip', 'preferred']) }),
  presets: tierPresets,
  run: (i, p) => tierEligibilityParsed(i.customer, i.tier, p),
});

/**
 * The tier caps of a department for a candidate (S001-GRADE-06/08). The call of {@link tierCapCheck}.
 *
 * @example
 * // 20 customers, 3 of them VIP: 15 % of 20 is 3, so the cap is full.
 * const customers = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, tier: i < 3 ? 'vip' : 'qualified' }));
 * const policy = creditTierCapModule.preset('customer-tiers-001');
 * const input = { department: { id: 'D1', customers }, candidate: { id: 'c19' }, tier: 'vip' };
 * const check = creditTierCapModule.evaluate(input, policy, { now: '2024-07-07T08:00:00+08:00' }).value.result;
 * [check.departmentMax, check.departmentCount, check.departmentOk]; //=> [3, 3, false]
 * check.allowed; //=> false
 */
export const creditTierCapModule = creditModule({
  id: 'credit.tier-cap',
  title: { zh: '分級比例上限', en: 'Tier caps' },
  params: TierParamsSchema,
  input: z.strictObject({
    department: DepartmentRosterSchema,
    candidate: TierCandidateSchema,
    tier: z.enum(['vip', 'preferred']),
  }),
  presets: tierPresets,
  run: (i, p) => tierCapParsed(i.department, i.candidate, i.tier, p),
});

/**
 * Grades a customer into a tier (S001-GRADE-04…08). The call of {@link gradeCustomer}.
 *
 * @example
 * const customer = {
 *   id: 'c39',
 *   kind: 'medicalInstitution',
 *   hospitalLevel: '3A',
 *   facts: {
 *     medicalQualifications: true,
 *     goodReputation: true,
 *     purchaseSalesContract: true,
 *     noIllegalRecord: true,
 *     productQualifications: true,
 *     brandCooperation: true,
 *     goodOperations: true,
 *     highReputationStabilityLoyalty: true,
 *     directDistributorOrMedical: true,
 *     paysOnTimeLowRisk: true,
 *     longTermPartnershipIntent: true,
 *     regionalReputationNoRisk: true,
 *     operatingStrengthLargeDemand: true,
 *     integrityLoyaltyLongTerm: true,
 *   },
 * };
 * const policy = creditTierGradingModule.preset('customer-tiers-001');
 * const now = '2024-07-07T08:00:00+08:00';
 * // 40 customers, 3 of them VIP: room for a 4th (15 % of 40 is 6).
 * const customers = Array.from({ length: 40 }, (_, i) => ({ id: `c${i}`, tier: i < 3 ? 'vip' : 'qualified' }));
 * creditTierGradingModule.evaluate({ customer, department: { id: 'D1', customers } }, policy, { now }).value.result;
 * //=> { tier: 'vip', capBlocked: [] }
 * // With 6 VIPs already the VIP cap is full: the customer is graded preferred.
 * const full = customers.map((c, i) => (i < 6 ? { ...c, tier: 'vip' } : c));
 * creditTierGradingModule.evaluate({ customer, department: { id: 'D1', customers: full } }, policy, { now }).value.result;
 * //=> { tier: 'preferred', capBlocked: ['vip'] }
 */
export const creditTierGradingModule = creditModule({
  id: 'credit.tier-grading',
  title: { zh: '客戶分級', en: 'Customer tier grading' },
  params: TierParamsSchema,
  input: z.strictObject({ customer: TierCustomerSchema, department: DepartmentRosterSchema }),
  presets: tierPresets,
  run: (i, p) => gradeCustomerParsed(i.customer, i.department, p),
});

/**
 * When the next stage review is due (S001-GRADE-09). The call of {@link nextStageReview}.
 *
 * @example
 * const policy = creditStageReviewModule.preset('customer-tiers-001');
 * const d = creditStageReviewModule.evaluate({ lastReview: '2023-08-31' }, policy, { now: '2023-09-01T09:00:00+08:00' });
 * d.value.result.due; //=> '2024-02-29' (6 months, clamped to month end)
 */
export const creditStageReviewModule = creditModule({
  id: 'credit.stage-review',
  title: { zh: '階段性評審', en: 'Stage review' },
  params: TierParamsSchema,
  input: z.strictObject({ lastReview: LocalDateSchema }),
  presets: tierPresets,
  run: (i, p) => stageReviewParsed(i.lastReview, p),
});

/**
 * The 5-day downgrade of a VIP with problems (S001-GRADE-10). The call of {@link checkVipDowngrade}.
 *
 * @example
 * const evaluation = { customerId: 'v1', tier: 'vip', evaluatedOn: '2024-07-01', problems: ['latePayment'] };
 * const policy = creditVipDowngradeModule.preset('customer-tiers-001');
 * creditVipDowngradeModule.evaluate({ evaluation }, policy, { now: '2024-07-07T08:00:00+08:00' }).value.result;
 * //=> { required: true, deadline: '2024-07-06', done: false, overdue: true }
 */
export const creditVipDowngradeModule = creditModule({
  id: 'credit.vip-downgrade',
  title: { zh: 'VIP降級', en: 'VIP downgrade' },
  params: TierParamsSchema,
  input: z.strictObject({ evaluation: VipEvaluationSchema }),
  presets: tierPresets,
  run: (i, p, ctx) => vipDowngradeParsed(i.evaluation, p, ctx),
});

/**
 * Whether a customer may move up after a good stage (S001-GRADE-12). The call of {@link checkTierUpgrade}.
 *
 * @example
 * const customer = {
 *   id: 'd7',
 *   kind: 'distributor',
 *   annualBusiness: yuan(1_500_000),
 *   facts: {
 *     goodOperations: true,
 *     highReputationStabilityLoyalty: true,
 *     directDistributorOrMedical: true,
 *     paysOnTimeLowRisk: true,
 *     longTermPartnershipIntent: true,
 *   },
 * };
 * // 20 customers of whom 3 are already VIP: the 15 % cap is full.
 * const customers = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, tier: i < 3 ? 'vip' : 'preferred' }));
 * const change = { customer, from: 'preferred', to: 'vip', stageProblems: [] };
 * const policy = creditTierUpgradeModule.preset('customer-tiers-001');
 * const d = creditTierUpgradeModule.evaluate({ change, department: { id: 'D1', customers } }, policy, { now: '2024-07-07T08:00:00+08:00' });
 * d.value.result; //=> { allowed: false, reasons: ['vipCapReached'] }
 */
export const creditTierUpgradeModule = creditModule({
  id: 'credit.tier-upgrade',
  title: { zh: '客戶升級', en: 'Tier upgrade' },
  params: TierParamsSchema,
  input: z.strictObject({ change: TierUpgradeSchema, department: DepartmentRosterSchema }),
  presets: tierPresets,
  run: (i, p) => tierUpgradeParsed(i.change, i.department, p),
});

/**
 * Who may manage which blacklist (S001B-BLACKLIST-01). The call of {@link canManageBlacklist}.
 *
 * @example
 * const policy = creditBlacklistManagementModule.preset('customer-tiers-001');
 * const now = '2024-05-06T09:00:00+08:00';
 * const actor = { unit: 'salesDepartment', departmentId: 'D2' };
 * creditBlacklistManagementModule.evaluate({ actor, list: { scope: 'department', departmentId: 'D2' } }, policy, { now }).value.result;
 * //=> { allowed: true, fileWith: 'marketingDivision' }
 * creditBlacklistManagementModule.evaluate({ actor, list: { scope: 'department', departmentId: 'D3' } }, policy, { now }).value.result.allowed;
 * //=> false
 */
export const creditBlacklistManagementModule = creditModule({
  id: 'credit.blacklist-management',
  title: { zh: '黑名單管理權限', en: 'Blacklist management' },
  params: TierParamsSchema,
  input: z.strictObject({ actor: BlacklistActorSchema, list: BlacklistScopeSchema }),
  presets: tierPresets,
  run: (i, p) => manageBlacklistParsed(i.actor, i.list, p),
});

/**
 * A department's blacklist filing with the marketing division (S001B-BLACKLIST-01). The call of
 * {@link departmentBlacklistFiling}.
 *
 * @example
 * const entries = [{ customerId: 'C9', scope: 'department', departmentId: 'D2', listedAt: '2024-04-02T10:00:00+08:00' }];
 * const at = '2024-05-06T09:00:00+08:00';
 * const policy = creditBlacklistFilingModule.preset('customer-tiers-001');
 * const filing = creditBlacklistFilingModule.evaluate({ departmentId: 'D2', entries, at }, policy, { now: at }).value.result;
 * filing.customerIds; //=> ['C9']
 * filing.to; //=> 'marketingDivision'
 */
export const creditBlacklistFilingModule = creditModule({
  id: 'credit.blacklist-filing',
  title: { zh: '部門黑名單備案', en: 'Department blacklist filing' },
  params: TierParamsSchema,
  input: z.strictObject({
    departmentId: z.string().min(1),
    entries: BlacklistEntriesSchema,
    at: InstantSchema,
  }),
  presets: tierPresets,
  run: (i, p) => blacklistFilingParsed(i.departmentId, i.entries, i.at, p),
});

/**
 * Whether a department may deal with a customer, given the blacklists (S001B-BLACKLIST-02). The
 * call of {@link canTransact}.
 *
 * @example
 * const entries = [{ customerId: 'C1', scope: 'department', departmentId: 'D1', listedAt: '2024-05-01T09:00:00+08:00' }];
 * const request = { customerId: 'C1', departmentId: 'D1', action: 'newOrder', at: '2024-05-06T09:00:00+08:00' };
 * const policy = creditBlacklistModule.preset('customer-tiers-001');
 * const now = '2024-05-06T09:00:00+08:00';
 * creditBlacklistModule.evaluate({ request, entries }, policy, { now }).value.result;
 * //=> { allowed: false, reason: 'DEPARTMENT_BLACKLIST', reviewRequired: false, notices: [] }
 * const elsewhere = { ...request, departmentId: 'D2' };
 * creditBlacklistModule.evaluate({ request: elsewhere, entries }, policy, { now }).value.result.allowed; //=> true
 */
export const creditBlacklistModule = creditModule({
  id: 'credit.blacklist',
  title: { zh: '黑名單交易限制', en: 'Blacklist dealings' },
  params: TierParamsSchema,
  input: z.strictObject({ request: TransactRequestSchema, entries: BlacklistEntriesSchema }),
  presets: tierPresets,
  run: (i, p) => canTransactParsed(i.request, i.entries, p),
});

/**
 * Company-wide listing of a customer who caused a major loss (S001-GRADE-11). The call of
 * {@link blacklistForMajorLoss}.
 *
 * @example
 * const report = {
 *   customerId: 'C7',
 *   reportedBy: 'D1',
 *   verified: true,
 *   decision: 'blacklist',
 *   by: 'marketingDivision',
 *   at: '2024-05-06T09:00:00+08:00',
 * };
 * const policy = creditMajorLossModule.preset('customer-tiers-001');
 * const d = creditMajorLossModule.evaluate({ report, departments: ['D1', 'D2'] }, policy, { now: '2024-05-06T09:00:00+08:00' });
 * d.value.result.entry?.scope; //=> 'company'
 * d.value.result.purgeFrom; //=> ['D1', 'D2']
 */
export const creditMajorLossModule = creditModule({
  id: 'credit.major-loss',
  title: { zh: '重大損失客戶列入黑名單', en: 'Blacklisting after a major loss' },
  params: TierParamsSchema,
  input: z.strictObject({ report: MajorLossReportSchema, departments: MajorLossDepartmentsSchema }),
  presets: tierPresets,
  run: (i, p) => majorLossParsed(i.report, i.departments, p),
});

// ─── Joint-venture partners (联营工程合作方管理办法, seed 000 L1409–L1445) ──────────────────────

/**
 * Grading a partner (S000B-GRADE-03). The call of {@link assignPartnerGrade}.
 *
 * @example
 * const request = { partnerId: 'P1', admitted: false, grade: 'b', gradedBy: 'shengchang' };
 * const policy = creditPartnerGradeModule.preset('partner-grading-000');
 * const now = '2024-07-01T09:00:00+08:00';
 * creditPartnerGradeModule.evaluate({ request }, policy, { now }).value.result.error; //=> 'gradeOnlyAfterAdmission'
 * creditPartnerGradeModule.evaluate({ request: { ...request, admitted: true } }, policy, { now }).value.result.error; //=> null
 */
export const creditPartnerGradeModule = creditModule({
  id: 'credit.partner-grade',
  title: { zh: '合作方分级', en: 'Partner grading' },
  params: PartnerGradingParamsSchema,
  input: z.strictObject({ request: PartnerGradeRequestSchema }),
  presets: partnerPresets,
  run: (i, p) => partnerGradeParsed(i.request, p),
});

/**
 * Whether a partner may hold a key grade (S000B-GRADE-04). The call of {@link qualifiesForKeyGrade}.
 *
 * @example
 * const materials = [
 *   { name: 'businessLicence', provided: true, verified: true },
 *   { name: 'attachment3', provided: false, verified: false },
 * ];
 * const policy = creditKeyGradeModule.preset('partner-grading-000');
 * creditKeyGradeModule.evaluate({ materials }, policy, { now: '2024-07-01T09:00:00+08:00' }).value.result;
 * //=> { qualifies: false, missing: ['attachment3'], bestGrade: 'c' }
 */
export const creditKeyGradeModule = creditModule({
  id: 'credit.key-grade',
  title: { zh: '重点合作客户资格', en: 'Key-partner qualification' },
  params: PartnerGradingParamsSchema,
  input: z.strictObject({ materials: PartnerMaterialsSchema }),
  presets: partnerPresets,
  run: (i, p) => keyGradeParsed(i.materials, p),
});

/**
 * A change of a partner's grade (S000B-GRADE-05). The call of {@link applyPartnerGradeChange}.
 *
 * @example
 * const change = {
 *   partnerId: 'P1',
 *   from: 'b',
 *   to: 'a',
 *   reason: 'bidWon',
 *   initiatorUnitId: 'U1',
 *   responsibleUnitId: 'U1',
 *   approvals: ['shengchang'],
 * };
 * const policy = creditPartnerGradeChangeModule.preset('partner-grading-000');
 * const now = '2024-07-01T09:00:00+08:00';
 * creditPartnerGradeChangeModule.evaluate({ change }, policy, { now }).value.result;
 * //=> { applied: false, error: 'approvalMissing:marketDevelopment' }
 * const approved = { ...change, approvals: ['shengchang', 'marketDevelopment'] };
 * creditPartnerGradeChangeModule.evaluate({ change: approved }, policy, { now }).value.result; //=> { applied: true, error: null }
 */
export const creditPartnerGradeChangeModule = creditModule({
  id: 'credit.partner-grade-change',
  title: { zh: '合作方级别调整', en: 'Partner grade change' },
  params: PartnerGradingParamsSchema,
  input: z.strictObject({ change: PartnerGradeChangeSchema }),
  presets: partnerPresets,
  run: (i, p) => partnerGradeChangeParsed(i.change, p),
});

/**
 * Discount candidacy of a top-ranked, outstanding partner (S000B-GRADE-06). The call of
 * {@link partnerDiscountCandidate}.
 *
 * @example
 * const pastYear = { contractPerformance: 'outstanding', safetyQuality: 'outstanding', cooperation: 'outstanding' };
 * const policy = creditPartnerDiscountModule.preset('partner-grading-000');
 * const now = '2024-07-01T09:00:00+08:00';
 * creditPartnerDiscountModule.evaluate({ partner: { rank: 15, pastYear } }, policy, { now }).value.result;
 * //=> { candidate: false, reasons: ['notTopRanked'] }
 * creditPartnerDiscountModule.evaluate({ partner: { rank: 3, pastYear } }, policy, { now }).value.result.candidate; //=> true
 */
export const creditPartnerDiscountModule = creditModule({
  id: 'credit.partner-discount',
  title: { zh: '合作方收费优惠', en: 'Partner discount candidacy' },
  params: PartnerGradingParamsSchema,
  input: z.strictObject({ partner: PartnerRankingSchema }),
  presets: partnerPresets,
  run: (i, p) => partnerDiscountParsed(i.partner, p),
});

/**
 * Admission screening of a partner (S000B-GRADE-07). The call of {@link screenPartner}.
 *
 * @example
 * const items = [
 *   { key: 'address', status: 'confirmed' },
 *   { key: 'personnel', status: 'confirmed' },
 *   { key: 'equipment', status: 'unclear' },
 * ];
 * const policy = creditPartnerScreeningModule.preset('partner-grading-000');
 * creditPartnerScreeningModule.evaluate({ items }, policy, { now: '2024-07-01T09:00:00+08:00' }).value.result;
 * //=> { decision: 'dissuade', failedItems: ['equipment'] }
 */
export const creditPartnerScreeningModule = creditModule({
  id: 'credit.partner-screening',
  title: { zh: '合作方准入考察', en: 'Partner screening' },
  params: PartnerGradingParamsSchema,
  input: z.strictObject({ items: PartnerScreeningSchema }),
  presets: partnerPresets,
  run: (i, p) => screeningParsed(i.items, p),
});

// ─── A company's own rules as data ──────────────────────────────────────────────────────────

/**
 * Preferential terms for customers with good credit (S000B-GRADE-08): the policy's params are the
 * company's scale, best first, and the lowest status that qualifies (the seed states neither, so
 * there is no preset). The call of {@link eligibleForCreditPreference}.
 *
 * @example
 * // No preset: the company states its scale, best first, and the lowest status that qualifies.
 * const policy = {
 *   id: 'acme.pref',
 *   version: '1',
 *   effectiveFrom: '2024-01-01',
 *   source: { title: '信用优惠' },
 *   params: { scale: ['good', 'normal', 'poor'], minimum: 'good' },
 * };
 * const now = '2024-07-01T09:00:00+08:00';
 * creditPreferenceModule.evaluate({ status: 'normal' }, policy, { now }).value.result; //=> false
 * creditPreferenceModule.evaluate({ status: 'good' }, policy, { now }).value.result; //=> true
 */
export const creditPreferenceModule = creditModule({
  id: 'credit.credit-preference',
  title: { zh: '信用优惠', en: 'Credit preference' },
  params: CreditPreferenceRuleSchema,
  input: z.strictObject({ status: CreditPreferenceStatusSchema }),
  presets: {},
  run: (i, p) => creditPreferenceParsed(i.status, p.params),
});

/**
 * A company's decision table as a policy: `params` is the table (first-hit, unique or collect),
 * checked and compiled once by {@link defineDecisionTable}; `evaluate` runs it
 * on the facts (the same call as {@link evaluateDecisionTable}).
 *
 * @example
 * // No preset: the policy's params are the company's own table.
 * const scorecardPolicy = {
 *   id: 'acme.scorecard',
 *   version: '1',
 *   effectiveFrom: '2024-01-01',
 *   source: { title: '客户信用评分卡' },
 *   params: {
 *   id: 'acme.creditGrade',
 *   hitPolicy: 'first',
 *   inputs: [
 *     { name: 'yearsTrading', type: 'number' },
 *     { name: 'latePayments', type: 'number' },
 *   ],
 *   outputs: [{ name: 'grade', type: 'string' }],
 *   rules: [
 *     { id: 'A', when: { yearsTrading: { gte: 5 }, latePayments: { equals: 0 } }, result: { grade: 'A' } },
 *     { id: 'D', when: { latePayments: { gte: 5 } }, result: { grade: 'D' } },
 *   ],
 *   defaultOutput: { grade: 'C' },
 * },
 * };
 * const compiled = creditDecisionTableModule.compile(scorecardPolicy); // overlap and type checks happen here, once
 * const now = '2024-07-01T09:00:00+08:00';
 * creditDecisionTableModule.evaluate({ facts: { yearsTrading: 6, latePayments: 0 } }, compiled, { now }).value.result.output;
 * //=> { grade: 'A' }
 * creditDecisionTableModule.evaluate({ facts: { yearsTrading: 2, latePayments: 1 } }, compiled, { now }).value.result.output;
 * //=> { grade: 'C' }
 */
export const creditDecisionTableModule = defineModule({
  id: 'credit.decision-table',
  title: { zh: '决策表', en: 'Decision table' },
  params: DecisionTableSchema,
  input: z.strictObject({ facts: recordOf(z.string(), ScalarSchema) }),
  history: CREDIT_DECIDED_NOW,
  presets: {},
  compile: (policy): CompiledDecisionTable => defineDecisionTable(policy.params as Any),
  // Facts checked against the table's declared columns by hand; anything else takes the general
  // path below (core's parser, then zod), which builds the refusal. A first / unique decision is
  // the winning row's, built once at compile time and frozen.
  fast: (input, table) => fastModuleDecision(table, input),
  // Its decisions' traces are the rows' and the no-match one, built once and frozen.
  fastTraces: (table) => [...table.rows.map((row) => row.decided.trace), table.noMatchDecided.trace],
  // Those decisions are reusable ones: under one policy and context, every input a row decides
  // gets the same frozen decision, built once (issue 21).
  fastShared: true,
  evaluate: (input, table) => evaluateForModule(table, input.facts),
});

/**
 * Every module of `@zhidu/credit`, for the registry and the CLI.
 *
 * @example
 * creditModules.map((m) => m.id).includes('credit.shipment'); //=> true
 */
export const creditModules = [
  creditEligibilityModule,
  creditStatusModule,
  creditLimitModule,
  creditRollingLimitsModule,
  creditShipmentModule,
  creditAccountModule,
  creditBadDebtModule,
  creditUnapprovedShipmentModule,
  creditMonthEndRecoveryModule,
  creditGradeTermsModule,
  creditTermsCheckModule,
  creditSaleModule,
  creditGradeChangeModule,
  creditEventResponseModule,
  creditActionModule,
  creditGradeAssignmentModule,
  creditAdmissionModule,
  creditTierEligibilityModule,
  creditTierCapModule,
  creditTierGradingModule,
  creditStageReviewModule,
  creditVipDowngradeModule,
  creditTierUpgradeModule,
  creditBlacklistManagementModule,
  creditBlacklistFilingModule,
  creditBlacklistModule,
  creditMajorLossModule,
  creditPartnerGradeModule,
  creditKeyGradeModule,
  creditPartnerGradeChangeModule,
  creditPartnerDiscountModule,
  creditPartnerScreeningModule,
  creditPreferenceModule,
  creditDecisionTableModule,
  creditGradeScaleModule,
  creditLimitFormulaModule,
  creditBadDebtSharesModule,
  creditDebtAgeingModule,
] as const;
