import { addMonthsClamped, LocalDateSchema, parseInput, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { type ExchangeMembershipRules, ExchangeMembershipRulesSchema } from './schedule.js';

// The exchange-member sanctions of seed 001 part B (第七章 處罰, lines 1252–1316). An exchange is
// not a customer-management department, but its regulation prices member conduct the same way:
// conduct codes → tiers of measures, with the choice inside a menu left to the exchange.

/** 第十七條 menu: M1 oral warning … M7 judicial referral. */
export const MEASURES = {
  M1: 'oralWarning',
  M2: 'writtenCircular',
  M3: 'mandatoryTraining',
  M4: 'suspendMembership',
  M5: 'revokeMembership',
  M6: 'economicCompensation',
  M7: 'judicialReferral',
} as const;
export type MeasureCode = keyof typeof MEASURES;
export const MeasureCodeSchema = z.enum(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7']);

/** The tier a conduct code falls in (S001B-PENALTY-01/02/06/07/08). */
export type ExchangeTier = 'RECTIFICATION' | 'GENERAL_MENU' | 'WARNING_TALK' | 'REVOCATION';

/**
 * Conduct codes of the regulation: P1–P12 prohibited conduct (第十四條), V1–V8 serious violations
 * (第十五條), R10–R12 further rectification grounds (第十八條), W1–W3 warning-talk grounds (第十九條),
 * X1–X5 revocation grounds (第二十條).
 */
export const ExchangeConductSchema = z.enum([
  ...(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10', 'P11', 'P12'] as const),
  ...(['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7', 'V8'] as const),
  ...(['R10', 'R11', 'R12'] as const),
  ...(['W1', 'W2', 'W3'] as const),
  ...(['X1', 'X2', 'X3', 'X4', 'X5'] as const),
]);
export type ExchangeConduct = z.output<typeof ExchangeConductSchema>;

/**
 * The exchange-member numbers: a policy's `params.exchangeMembership` (the exchange-member preset
 * states the seed's), or partial values over the seed's defaults.
 */
export type ExchangeMembershipRulesInput = z.input<typeof ExchangeMembershipRulesSchema>;

/**
 * The seed's numbers (a schedule without `exchangeMembership`, a call without `rules`), parsed once.
 * @internal
 */
export const SEED_RULES: ExchangeMembershipRules = Object.freeze(
  parseInput(ExchangeMembershipRulesSchema, {}, ['rules']),
);

/** A caller's exchange-member numbers, parsed; the seed's when none are given. */
function exchangeRules(rules: unknown): ExchangeMembershipRules {
  return rules === undefined ? SEED_RULES : parseInput(ExchangeMembershipRulesSchema, rules, ['rules']);
}

/**
 * The tier of a conduct code. P1–P9 are the rectification grounds R1–R9 of 第十八條; P10–P12 have no
 * tier of their own and fall to the general menu (catalog reading, S001B-PENALTY-01). The boundary
 * (9) is `rules.rectificationConductMax` (default the seed's 9; the exchange-member preset states it).
 *
 * @param code - a conduct code
 * @param rules - the exchange-member numbers (default the seed's)
 * @returns its tier
 * @throws ZhiduError `invalid_input` for an unknown code (at `code`) or a bad rule value (at `rules`)
 * @example
 * exchangeTier('P6');  //=> 'RECTIFICATION'
 * exchangeTier('P10'); //=> 'GENERAL_MENU'
 * exchangeTier('P9', exchangeMemberSchedule().params.exchangeMembership); //=> 'RECTIFICATION'
 * exchangeTier('P9', { rectificationConductMax: 8 }); //=> 'GENERAL_MENU'
 */
export function exchangeTier(code: ExchangeConduct, rules?: ExchangeMembershipRulesInput): ExchangeTier {
  const c = parseInput(ExchangeConductSchema, code, ['code']);
  return exchangeTierParsed(c, exchangeRules(rules));
}

/**
 * {@link exchangeTier} on a code its module has parsed and the rules of a validated schedule (or
 * {@link SEED_RULES}) — one parse, not two (issue 21). @internal
 */
export function exchangeTierParsed(c: ExchangeConduct, r: ExchangeMembershipRules): ExchangeTier {
  const n = Number(c.slice(1));
  switch (c[0]) {
    case 'P':
      return n <= r.rectificationConductMax ? 'RECTIFICATION' : 'GENERAL_MENU';
    case 'R':
      return 'RECTIFICATION';
    case 'V':
      return 'GENERAL_MENU';
    case 'W':
      return 'WARNING_TALK';
    default:
      return 'REVOCATION';
  }
}

/** Input of {@link validateSanctionSet}. */
export const SanctionSetSchema = z
  .object({
    measures: z.array(MeasureCodeSchema),
    illicitGainFen: z.number().int().nonnegative().optional(),
    compensationFen: z.number().int().nonnegative().optional(),
    suspectedCrime: z.boolean().optional(),
    /** The two findings every sanction needs (S001B-PENALTY-03). */
    complianceReviewDone: z.boolean(),
    exchangeDetermination: z.boolean(),
  })
  .strict();

/**
 * Checks a set of measures the exchange wants to impose (S001B-PENALTY-03/04/05): at least one
 * measure; the compliance department's check and the exchange's determination both done; M6
 * compensation at least the illicit gain; M7 only for a suspected crime; not suspension and
 * revocation together (catalog reading).
 *
 * @param input - measures and the facts they rest on
 * @returns the problems found (empty = the set may be imposed)
 * @example
 * validateSanctionSet({ measures: ['M1', 'M3'], complianceReviewDone: true, exchangeDetermination: true }); //=> []
 * validateSanctionSet({ measures: ['M6'], illicitGainFen: 12_000_000, compensationFen: 10_000_000,
 *   complianceReviewDone: true, exchangeDetermination: true }); //=> ['M6_BELOW_ILLICIT_GAIN']
 */
export function validateSanctionSet(input: z.input<typeof SanctionSetSchema>): string[] {
  const s = parseInput(SanctionSetSchema, input, ['input']);
  const problems: string[] = [];
  if (!s.complianceReviewDone) problems.push('COMPLIANCE_REVIEW_MISSING');
  if (!s.exchangeDetermination) problems.push('EXCHANGE_DETERMINATION_MISSING');
  if (s.measures.length === 0) problems.push('AT_LEAST_ONE_MEASURE');
  const has = new Set(s.measures);
  if (has.has('M4') && has.has('M5')) problems.push('SUSPEND_AND_REVOKE_TOGETHER');
  if (has.has('M6')) {
    if (s.illicitGainFen === undefined || s.compensationFen === undefined)
      problems.push('M6_NEEDS_GAIN_AND_COMPENSATION');
    else if (s.compensationFen < s.illicitGainFen) problems.push('M6_BELOW_ILLICIT_GAIN');
  }
  if (has.has('M7') && s.suspectedCrime !== true) problems.push('M7_REQUIRES_SUSPECTED_CRIME');
  return problems;
}

/**
 * The least economic compensation (M6) the exchange may set: the illicit gain (S001B-PENALTY-05).
 *
 * @param illicitGainFen - the gain the exchange determined, in fen
 * @returns the minimum compensation in fen (no maximum is stated)
 * @example
 * minCompensation(12_000_000); //=> 12000000
 */
export function minCompensation(illicitGainFen: number): number {
  if (!Number.isSafeInteger(illicitGainFen) || illicitGainFen < 0) {
    throw new ZhiduError(
      'invalid_money',
      ['illicitGainFen'],
      '违法所得须为以分计的非负整数 / the illicit gain must be a non-negative integer of fen',
    );
  }
  return illicitGainFen;
}

/** The argument of {@link rectificationOutcome} (built once, not per call). */
const RectificationResultSchema = z.enum(['PASSED', 'FAILED', 'NOT_SUBMITTED']);

/**
 * Member status after a rectification (S001B-PENALTY-06): a failed rectification — or none submitted
 * by the deadline (catalog reading) — cancels the membership.
 *
 * @param result - `PASSED`, `FAILED`, or `NOT_SUBMITTED` when the deadline passed without one
 * @returns the member status
 * @example
 * rectificationOutcome('PASSED');        //=> 'ACTIVE'
 * rectificationOutcome('NOT_SUBMITTED'); //=> 'CANCELLED'
 */
export function rectificationOutcome(result: 'PASSED' | 'FAILED' | 'NOT_SUBMITTED'): 'ACTIVE' | 'CANCELLED' {
  const r = parseInput(RectificationResultSchema, result, ['result']);
  return r === 'PASSED' ? 'ACTIVE' : 'CANCELLED';
}

/** Input of {@link meetsInactivityGround}. */
export const InactivitySchema = z
  .object({
    lastTradeDate: LocalDateSchema,
    asOf: LocalDateSchema,
    justifiedReason: z.boolean(),
    otherVenueQualificationWithoutApproval: z.boolean(),
    /** `LITERAL_AND` (default, the text's 且) or `EITHER` (two separate grounds). */
    mode: z.enum(['LITERAL_AND', 'EITHER']).default('LITERAL_AND'),
  })
  .strict();

/**
 * Revocation ground X3 (S001B-PENALTY-09): no trading for 3 consecutive calendar months without a
 * justified reason AND another venue's membership obtained without filing. The text joins the two
 * with 且 (and); `mode: 'EITHER'` reads them as two grounds. The number of months is
 * `rules.inactivityMonths` (default the seed's 3; the exchange-member preset states it).
 *
 * @param input - last trade date, evaluation date and the two facts
 * @param rules - the exchange-member numbers (default the seed's)
 * @returns whether X3 holds
 * @throws ZhiduError `invalid_input` for a bad input (at `input`) or rule value (at `rules`)
 * @example
 * meetsInactivityGround({ lastTradeDate: '2024-01-15', asOf: '2024-04-15', justifiedReason: false,
 *   otherVenueQualificationWithoutApproval: true }); //=> true
 * meetsInactivityGround({ lastTradeDate: '2024-01-15', asOf: '2024-04-15', justifiedReason: false,
 *   otherVenueQualificationWithoutApproval: true }, { inactivityMonths: 4 }); //=> false
 */
export function meetsInactivityGround(
  input: z.input<typeof InactivitySchema>,
  rules?: ExchangeMembershipRulesInput,
): boolean {
  const i = parseInput(InactivitySchema, input, ['input']);
  return inactivityGroundParsed(i, exchangeRules(rules));
}

/**
 * {@link meetsInactivityGround} on facts its module has parsed and the rules of a validated schedule
 * (or {@link SEED_RULES}) — one parse, not two (issue 21). @internal
 */
export function inactivityGroundParsed(
  i: z.output<typeof InactivitySchema>,
  r: ExchangeMembershipRules,
): boolean {
  const inactive = !i.justifiedReason && i.asOf >= addMonthsClamped(i.lastTradeDate, r.inactivityMonths);
  return i.mode === 'LITERAL_AND'
    ? inactive && i.otherVenueQualificationWithoutApproval
    : inactive || i.otherVenueQualificationWithoutApproval;
}

/** The argument of {@link feeRefundOnRevocation} (built once, not per call). */
const MembershipFeesSchema = z
  .object({
    qualificationFeeFen: z.number().int().nonnegative(),
    managementFeeFen: z.number().int().nonnegative(),
  })
  .strict();

/**
 * Refund of membership fees on revocation (S001B-PENALTY-10): none — the qualification fee and the
 * management fee are kept. Margin deposits are not fees and are not touched here.
 *
 * @param fees - the fees paid, in fen
 * @returns the refund (always 0) and what is kept
 * @example
 * feeRefundOnRevocation({ qualificationFeeFen: 10_000_000, managementFeeFen: 2_000_000 }); //=> { refundFen: 0, keptFen: 12000000 }
 */
export function feeRefundOnRevocation(fees: { qualificationFeeFen: number; managementFeeFen: number }): {
  refundFen: number;
  keptFen: number;
} {
  const f = parseInput(MembershipFeesSchema, fees, ['fees']);
  return { refundFen: 0, keptFen: f.qualificationFeeFen + f.managementFeeFen };
}

export { exchangeMemberSchedule } from './presets/exchange-member.js';
