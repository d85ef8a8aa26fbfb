import { type Decision, parseInput, ZhiduError } from '@zhidu/core';
import {
  AgentFactsArg,
  AgentTypeArg,
  BooleanArg,
  ClientProfileArg,
  LeadArg,
  ProspectArg,
} from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, isPresent, requireSection } from '../shared.js';

/**
 * Checks a new lead's source (拓客方法): chain referral, key influencer, personal observation,
 * cross-cooperation; sources that come through a person need the referrer (S000B-REFERRAL-01).
 *
 * @param lead - `{ source, referrerId? }`
 * @param policy - a service policy with a `leads` section
 * @returns error codes (empty when valid)
 * @throws ZhiduError `invalid_input` for a source the policy does not know
 * @example
 * validateLead({ source: 'chainReferral' }, s000bSalesSitePolicy).value; //=> ['REFERRER_REQUIRED']
 */
export function validateLead(
  lead: { source: string; referrerId?: string },
  policy: ServicePolicy,
): Decision<string[]> {
  parseInput(LeadArg, lead, ['lead']);
  return validateLeadParsed(lead, policy);
}

/** {@link validateLead} on a lead its module has parsed already (one parse, not two; issue 21). @internal */
export function validateLeadParsed(
  lead: { source: string; referrerId?: string },
  policy: ServicePolicy,
): Decision<string[]> {
  const p = requireSection(paramsOf(policy).leads, 'leads');
  const s = p.sources.find((x) => x.source === lead.source);
  if (!s) {
    throw new ZhiduError(
      'invalid_input',
      ['lead', 'source'],
      `未知的客户来源 "${lead.source}"，应为以下之一：${p.sources.map((x) => x.source).join('、')} / unknown lead source "${lead.source}"; expected one of ${p.sources.map((x) => x.source).join(', ')}`,
    );
  }
  const errors = s.referrerRequired && !isPresent(lead.referrerId) ? ['REFERRER_REQUIRED'] : [];
  return {
    value: errors,
    trace: [
      entry(
        p.citations.sources,
        errors.length ? `${lead.source}须登记介绍人` : `线索来源${lead.source}登记完整`,
        errors.length ? `${lead.source} needs the referrer` : `lead source ${lead.source} is complete`,
      ),
    ],
  };
}

/** A prospect reached through an existing customer (准意向客户). */
export type ReferredProspect = {
  name: string;
  referrerCustomerId: string;
  phone: string | null;
  status: 'quasiIntent' | 'intent';
};

/**
 * Registers a person reached through an existing customer's relayed materials as a quasi-intent
 * prospect (准意向客户) linked to the referrer; with contact details and a stated intent to buy they
 * become an intent customer (S000B-REFERRAL-02).
 *
 * @param input - `{ referrerCustomerId, name, phone?, statedIntent? }`
 * @param policy - a service policy with a `leads` section
 * @returns the prospect
 * @throws ZhiduError `invalid_input` when the referrer is missing — a referral needs a referrer
 * @example
 * referredProspect({ referrerCustomerId: 'c1', name: 'f1' }, s000bSalesSitePolicy).value.status; //=> 'quasiIntent'
 */
export function referredProspect(
  input: { referrerCustomerId?: string; name: string; phone?: string; statedIntent?: boolean },
  policy: ServicePolicy,
): Decision<ReferredProspect> {
  parseInput(ProspectArg, input, ['input']);
  return referredProspectParsed(input, policy);
}

/** {@link referredProspect} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function referredProspectParsed(
  input: { referrerCustomerId?: string; name: string; phone?: string; statedIntent?: boolean },
  policy: ServicePolicy,
): Decision<ReferredProspect> {
  const p = requireSection(paramsOf(policy).leads, 'leads');
  if (!isPresent(input.referrerCustomerId) || input.referrerCustomerId === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['input', 'referrerCustomerId'],
      '转介绍的意向客户须注明推荐的老客户 / a referred prospect must name the referring customer',
    );
  }
  const intent = isPresent(input.phone) && input.statedIntent === true;
  return {
    value: {
      name: input.name,
      referrerCustomerId: input.referrerCustomerId,
      phone: input.phone ?? null,
      status: intent ? 'intent' : 'quasiIntent',
    },
    trace: [
      entry(
        p.citations.prospect,
        intent
          ? `${input.name}留有联系方式并表示购买意向,转为意向客户`
          : `${input.name}经老客户${input.referrerCustomerId}介绍,为准意向客户`,
        intent
          ? `${input.name} left contact details and an intent to buy: intent customer`
          : `${input.name} referred by ${input.referrerCustomerId}: quasi-intent prospect`,
      ),
    ],
  };
}

/**
 * Whether an existing customer's next purchase earns the repeat-customer discount (回头客奖励),
 * and at which rate — `'UNSPECIFIED'` until the company configures one (S000B-REFERRAL-03).
 *
 * @param completedPurchases - the customer's completed purchases
 * @param policy - a service policy with a `leads` section
 * @returns `{ eligible, rate }`
 * @example
 * repeatPurchaseDiscount(1, s000bSalesSitePolicy).value; //=> { eligible: true, rate: 'UNSPECIFIED' }
 */
export function repeatPurchaseDiscount(
  completedPurchases: number,
  policy: ServicePolicy,
): Decision<{ eligible: boolean; rate: number | 'UNSPECIFIED' }> {
  const p = requireSection(paramsOf(policy).leads, 'leads');
  if (!Number.isInteger(completedPurchases) || completedPurchases < 0) {
    throw new ZhiduError(
      'invalid_input',
      ['completedPurchases'],
      '已成交次数 completedPurchases 须为非负整数 / completedPurchases must be a non-negative integer',
    );
  }
  const eligible = completedPurchases >= p.repeatDiscountMinPurchases;
  return {
    value: { eligible, rate: eligible ? (p.repeatDiscountRate ?? 'UNSPECIFIED') : 0 },
    trace: [
      entry(
        p.citations.repeatDiscount,
        eligible ? '老客户再次购买可享折扣' : '尚无成交记录,不享受回头客折扣',
        eligible
          ? 'existing customer: next purchase discounted'
          : 'no completed purchase: no repeat discount',
        { completedPurchases, rate: p.repeatDiscountRate },
      ),
    ],
  };
}

/** Facts the front desk observes about a visiting agent. */
export type AgentFacts = {
  pastDeals?: number;
  frequentContact?: boolean;
  firstVisit?: boolean;
  suspectedMarketResearch?: boolean;
};

/**
 * Classifies a visiting agent (中介經紀人): suspected market research or competitor promotion → 3
 * (takes precedence), a regular partner (past deals or frequent contact) → 1, otherwise a cooperative
 * first-time visitor → 2 (S004-REFERRAL-01).
 *
 * @param facts - what the desk observed
 * @param policy - a service policy with an `agents` section
 * @returns the type
 * @example
 * classifyAgent({ firstVisit: true, suspectedMarketResearch: true }, s004LeasingPolicy).value; //=> 3
 */
export function classifyAgent(facts: AgentFacts, policy: ServicePolicy): Decision<1 | 2 | 3> {
  parseInput(AgentFactsArg, facts, ['facts']);
  return classifyAgentParsed(facts, policy);
}

/** {@link classifyAgent} on facts its module has parsed already (one parse, not two; issue 21). @internal */
export function classifyAgentParsed(facts: AgentFacts, policy: ServicePolicy): Decision<1 | 2 | 3> {
  const p = requireSection(paramsOf(policy).agents, 'agents');
  const type: 1 | 2 | 3 =
    facts.suspectedMarketResearch === true
      ? 3
      : (facts.pastDeals ?? 0) > 0 || facts.frequentContact === true
        ? 1
        : 2;
  return {
    value: type,
    trace: [
      entry(p.citations.classify, `来访中介归为第${type}类`, `visiting agent is type ${type}`, { facts }),
    ],
  };
}

/** How to handle an agent visit. */
export type AgentHandling = {
  viewing: boolean;
  materials: string[];
  quoteMode: 'matched' | 'conservative' | 'reserved' | 'none';
  maxBrochures: number | null;
  escortRequired: boolean;
  notifyMonitoringRoom: 'no' | 'optional' | 'yes';
};

/**
 * How to handle a visiting agent of a type: viewing, materials, quote mode, brochure limit, escort
 * and monitoring room (S004-REFERRAL-02, -03, -04). For type 1 the answer depends on whether the
 * agent has a client.
 *
 * @param type - agent type
 * @param hasClient - whether the agent brings a client with a need
 * @param policy - a service policy with an `agents` section
 * @returns the handling
 * @example
 * agentHandling(1, false, s004LeasingPolicy).value; //=> { viewing: false, materials: ['vacancyInfo'], quoteMode: 'conservative', … }
 */
export function agentHandling(
  type: 1 | 2 | 3,
  hasClient: boolean,
  policy: ServicePolicy,
): Decision<AgentHandling> {
  parseInput(AgentTypeArg, type, ['type']);
  parseInput(BooleanArg, hasClient, ['hasClient']);
  return agentHandlingParsed(type, hasClient, policy);
}

/** {@link agentHandling} on a type and flag its module has parsed already (one parse, not two; issue 21). @internal */
export function agentHandlingParsed(
  type: 1 | 2 | 3,
  hasClient: boolean,
  policy: ServicePolicy,
): Decision<AgentHandling> {
  const p = requireSection(paramsOf(policy).agents, 'agents');
  const h = p.handling.find((x) => x.type === type);
  if (!h)
    throw new ZhiduError(
      'invalid_input',
      ['type'],
      `未知的中介类型 ${String(type)} / unknown agent type ${String(type)}`,
    );
  const cite = type === 1 ? p.citations.type1 : type === 2 ? p.citations.type2 : p.citations.type3;
  const viewing = h.viewing === 'yes' || (h.viewing === 'onlyWithClient' && hasClient);
  const value: AgentHandling = {
    viewing,
    materials: hasClient ? h.materials : h.materialsWithoutClient,
    quoteMode: hasClient ? h.quoteMode : h.quoteModeWithoutClient,
    maxBrochures: h.maxBrochures,
    escortRequired: h.escortRequired,
    notifyMonitoringRoom: h.notifyMonitoringRoom,
  };
  return {
    value,
    trace: [
      entry(
        cite,
        `第${type}类中介:${viewing ? '可带看' : '不带看'},报价${value.quoteMode}${h.escortRequired ? ',须亲自送离大堂' : ''}`,
        `type-${type} agent: ${viewing ? 'viewing' : 'no viewing'}, quote ${value.quoteMode}${h.escortRequired ? ', escort out' : ''}`,
      ),
    ],
  };
}

/**
 * Normalises an agent's client profile to the closed lists of the regulation ("或其他"): an unknown
 * company nature or business scope becomes `'other'` (S004-REFERRAL-02).
 *
 * @param profile - `{ nature, scope }`
 * @param policy - a service policy with an `agents` section
 * @returns the normalised profile
 * @example
 * normaliseClientProfile({ nature: 'stateOwned', scope: 'finance' }, s004LeasingPolicy).value; //=> { nature: 'other', scope: 'finance' }
 */
export function normaliseClientProfile(
  profile: { nature: string; scope: string },
  policy: ServicePolicy,
): Decision<{ nature: string; scope: string }> {
  parseInput(ClientProfileArg, profile, ['profile']);
  return clientProfileParsed(profile, policy);
}

/** {@link normaliseClientProfile} on a profile its module has parsed already (one parse, not two; issue 21). @internal */
export function clientProfileParsed(
  profile: { nature: string; scope: string },
  policy: ServicePolicy,
): Decision<{ nature: string; scope: string }> {
  const p = requireSection(paramsOf(policy).agents, 'agents');
  const nature = p.companyNatures.includes(profile.nature) ? profile.nature : 'other';
  const scope = p.businessScopes.includes(profile.scope) ? profile.scope : 'other';
  return {
    value: { nature, scope },
    trace: [
      entry(
        p.citations.type1,
        `客户性质${nature},业务范围${scope}`,
        `client nature ${nature}, scope ${scope}`,
      ),
    ],
  };
}
