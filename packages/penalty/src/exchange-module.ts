import { defineModule, Trace, type Violation } from '@zhidu/core';
import { z } from 'zod';
import {
  ExchangeConductSchema,
  type ExchangeTier,
  exchangeTierParsed,
  InactivitySchema,
  inactivityGroundParsed,
  SEED_RULES,
} from './exchange.js';
import { PRESET_JSON } from './presets/index.js';
import { FineScheduleParamsSchema } from './schedule.js';

/** The clauses the module cites (seed 001 part B). */
const TIER_CLAUSE = '001 L1208–1232 第十四條';
const INACTIVITY_CLAUSE = '001 L1312';

/**
 * Input of `penalty.exchange-membership`: a conduct code whose tier is asked, and/or the facts of the
 * inactivity ground X3.
 */
export const ExchangeMembershipInputSchema = z
  .strictObject({
    /** A conduct code (`P1` … `X5`): its tier under the schedule's `rectificationConductMax`. */
    conduct: ExchangeConductSchema.optional(),
    /** The facts of revocation ground X3, judged with the schedule's `inactivityMonths`. */
    inactivity: InactivitySchema.optional(),
  })
  .refine((i) => i.conduct !== undefined || i.inactivity !== undefined, {
    message: '须给出 conduct 或 inactivity / give conduct, inactivity or both',
  });

/** What `penalty.exchange-membership` decides. */
export type ExchangeMembershipResult = {
  /** The tier of `conduct`, when given. */
  tier?: ExchangeTier;
  /** Whether revocation ground X3 holds, when `inactivity` is given. */
  inactivityGround?: boolean;
};

/**
 * `penalty.exchange-membership`: the two numbers of the exchange-member schedule that are not prices —
 * the tier of a conduct code (P1–P`rectificationConductMax` are rectification grounds, the rest of
 * the P codes the general menu; S001B-PENALTY-01) and revocation ground X3 (no trading for
 * `inactivityMonths` consecutive months without a justified reason, and another venue's membership
 * obtained without filing; S001B-PENALTY-09). The results are what `exchangeTier` and
 * `meetsInactivityGround` compute with the schedule's `params.exchangeMembership` (the seed's 9 and
 * 3 when a schedule states neither). `violations` is always empty: the ledger prices the conduct.
 *
 * @example
 * const d = penaltyExchangeMembership.evaluate(
 *   { conduct: 'P10', inactivity: { lastTradeDate: '2024-01-15', asOf: '2024-04-15', justifiedReason: false,
 *     otherVenueQualificationWithoutApproval: true } },
 *   penaltyExchangeMembership.preset('exchange-member'),
 *   { now: '2024-04-15T12:00:00+08:00' },
 * );
 * d.value.result; //=> { tier: 'GENERAL_MENU', inactivityGround: true }
 */
export const penaltyExchangeMembership = defineModule({
  id: 'penalty.exchange-membership',
  title: {
    zh: '交易所会员处罚的层级与不活跃撤销事由',
    en: 'Exchange-member tiers and the inactivity ground',
  },
  params: FineScheduleParamsSchema,
  input: ExchangeMembershipInputSchema,
  history: {
    kind: 'now',
    reason: {
      zh: '层级与事由按裁决时的制度判断',
      en: 'tiers and grounds are judged under the rules of the day',
    },
  },
  presets: PRESET_JSON,
  evaluate: (input, schedule) => {
    // The module parsed the conduct code and the facts, and the schedule is validated: neither read again.
    const rules = schedule.params.exchangeMembership ?? SEED_RULES;
    const t = new Trace();
    const result: ExchangeMembershipResult = {};
    if (input.conduct !== undefined) {
      const tier = exchangeTierParsed(input.conduct, rules);
      result.tier = tier;
      const max = rules.rectificationConductMax;
      t.add(
        'S001B-PENALTY-01',
        TIER_CLAUSE,
        `${input.conduct} 属于 ${tier}（P1–P${max} 为整改事由）`,
        `${input.conduct} falls in ${tier} (P1–P${max} are rectification grounds)`,
        { conduct: input.conduct, tier, rectificationConductMax: max },
      );
    }
    if (input.inactivity !== undefined) {
      const holds = inactivityGroundParsed(input.inactivity, rules);
      result.inactivityGround = holds;
      const months = rules.inactivityMonths;
      t.add(
        'S001B-PENALTY-09',
        INACTIVITY_CLAUSE,
        `最后交易 ${input.inactivity.lastTradeDate}，至 ${input.inactivity.asOf}：${holds ? '' : '不'}构成连续${months}个月无贸易经营的撤销事由`,
        `last trade ${input.inactivity.lastTradeDate}, as of ${input.inactivity.asOf}: the ${months}-month inactivity ground ${holds ? 'holds' : 'does not hold'}`,
        { ...input.inactivity, inactivityMonths: months, holds },
      );
    }
    return t.decide({ result, violations: [] as Violation[] });
  },
});
