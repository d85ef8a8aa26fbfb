import { type Decision, ownValue, parseInput, refuseRepeats, ZhiduError } from '@zhidu/core';
import { CampaignArg, EstateArg, ResponsesArg } from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, meetsPercent, requiredCount, requireSection } from '../shared.js';

function revisitSection(policy: ServicePolicy) {
  return requireSection(paramsOf(policy).revisit, 'revisit');
}

const fallback = (rule: string, clause: string) => ({ rule, clause });

/**
 * Whether an estate's first revisit campaign is due: occupancy at or above the trigger share ("入住50%后") (S002-REVISIT-01).
 *
 * @param estate - `{ occupiedHouseholds, totalHouseholds }`
 * @param policy - a service policy with `revisit.estate`
 * @returns true when the campaign must start
 * @example
 * firstRevisitTriggered({ occupiedHouseholds: 250, totalHouseholds: 500 }, s002CsProcedurePolicy).value; //=> true
 * firstRevisitTriggered({ occupiedHouseholds: 249, totalHouseholds: 500 }, s002CsProcedurePolicy).value; //=> false
 */
export function firstRevisitTriggered(
  estate: { occupiedHouseholds: number; totalHouseholds: number },
  policy: ServicePolicy,
): Decision<boolean> {
  parseInput(EstateArg, estate, ['estate']);
  return firstRevisitParsed(estate, policy);
}

/** {@link firstRevisitTriggered} on an estate its module has parsed already (one parse, not two; issue 21). @internal */
export function firstRevisitParsed(
  estate: { occupiedHouseholds: number; totalHouseholds: number },
  policy: ServicePolicy,
): Decision<boolean> {
  const r = revisitSection(policy);
  const e = requireSection(r.estate ?? undefined, 'revisit.estate');
  checkCounts(estate.occupiedHouseholds, estate.totalHouseholds);
  const hit =
    meetsPercent(estate.occupiedHouseholds, estate.totalHouseholds, e.firstTriggerOccupancyPercent) &&
    estate.totalHouseholds > 0;
  const cite = r.citations.estateTrigger ?? fallback('S002-REVISIT-01', '002 L344');
  return {
    value: hit,
    trace: [
      entry(
        cite,
        `入住${estate.occupiedHouseholds}/${estate.totalHouseholds}户,${hit ? '应开展首次回访' : '未达触发比例'}`,
        `occupancy ${estate.occupiedHouseholds}/${estate.totalHouseholds}: ${hit ? 'first revisit due' : 'below trigger'}`,
      ),
    ],
  };
}

function checkCounts(a: number, total: number): void {
  if (!Number.isInteger(a) || a < 0)
    throw new ZhiduError(
      'invalid_input',
      ['count'],
      '数量须为非负整数 / counts must be non-negative integers',
    );
  if (!Number.isInteger(total) || total < a)
    throw new ZhiduError(
      'invalid_input',
      ['total'],
      '总数须为不小于该数量的整数 / total must be an integer ≥ the count',
    );
}

/**
 * Checks an estate revisit campaign (小区回访): the first covers at least 90 % of occupied
 * households (in-home preferred, a soft warning), annual ones at least 10 % with a suggested sample
 * up to 25 % (S002-REVISIT-02, S002-REVISIT-03).
 *
 * @param campaign - `{ kind: 'first' | 'annual', occupiedHouseholds, revisited, inHome? }`
 * @param policy - a service policy with `revisit.estate`
 * @returns minimum, suggested maximum, compliance and soft warnings
 * @example
 * const first = estateCampaignCheck({ kind: 'first', occupiedHouseholds: 437, revisited: 393 }, s002CsProcedurePolicy).value;
 * first.minimum; //=> 394 (90 % of 437, rounded up)
 * first.compliant; //=> false
 * estateCampaignCheck({ kind: 'annual', occupiedHouseholds: 437, revisited: 50 }, s002CsProcedurePolicy).value.suggestedMaxSample; //=> 109
 */
export function estateCampaignCheck(
  campaign: { kind: 'first' | 'annual'; occupiedHouseholds: number; revisited: number; inHome?: number },
  policy: ServicePolicy,
): Decision<{ minimum: number; suggestedMaxSample: number | null; compliant: boolean; warnings: string[] }> {
  parseInput(CampaignArg, campaign, ['campaign']);
  return campaignCheckParsed(campaign, policy);
}

/** {@link estateCampaignCheck} on a campaign its module has parsed already (one parse, not two; issue 21). @internal */
export function campaignCheckParsed(
  campaign: { kind: 'first' | 'annual'; occupiedHouseholds: number; revisited: number; inHome?: number },
  policy: ServicePolicy,
): Decision<{ minimum: number; suggestedMaxSample: number | null; compliant: boolean; warnings: string[] }> {
  const r = revisitSection(policy);
  const e = requireSection(r.estate ?? undefined, 'revisit.estate');
  checkCounts(campaign.revisited, Math.max(campaign.revisited, campaign.occupiedHouseholds));
  const first = campaign.kind === 'first';
  const pct = first ? e.firstMinCoveragePercent : e.annualMinPercent;
  const minimum = requiredCount(campaign.occupiedHouseholds, pct);
  const compliant = campaign.revisited >= minimum;
  const warnings: string[] = [];
  if (first && (campaign.inHome ?? 0) < campaign.revisited) warnings.push('IN_HOME_PREFERRED');
  const suggestedMaxSample = first
    ? null
    : Math.floor((campaign.occupiedHouseholds * e.annualSampleMaxPercent) / 100);
  const cite = first
    ? (r.citations.estateFirst ?? fallback('S002-REVISIT-02', '002 L345'))
    : (r.citations.estateAnnual ?? fallback('S002-REVISIT-03', '002 L345'));
  return {
    value: { minimum, suggestedMaxSample, compliant, warnings },
    trace: [
      entry(
        cite,
        `${first ? '首次' : '年度'}回访须不少于入住户数的${pct}%即${minimum}户,实际${campaign.revisited}户`,
        `${first ? 'first' : 'annual'} campaign needs ≥ ${pct}% = ${minimum} households; ${campaign.revisited} revisited`,
        { minimum, suggestedMaxSample, warnings },
      ),
    ],
  };
}

/** A survey response of one customer. */
export type SurveyResponse = { customerId: string; scores: Record<string, number> };

/**
 * Re-revisit tasks for seriously dissatisfied customers (100 %, with the CS manager taking part) and
 * items where "dissatisfied" answers cluster above the threshold, which need a special investigation
 * (S002-REVISIT-05).
 *
 * @param responses - survey responses
 * @param policy - a service policy with `revisit.dissatisfied`
 * @returns tasks and clustered items
 * @throws ZhiduError `invalid_input` for malformed responses; `duplicate` at `responses[i].customerId` for
 *   a customer's response listed twice; with no cluster threshold configured (the seed sets none)
 *   `clusters` stays empty and the trace says so
 * @example
 * const responses = [
 *   { customerId: 'B2-1203', scores: { repairs: 1, cleaning: 4 } },
 *   { customerId: 'B2-0801', scores: { repairs: 3, cleaning: 5 } },
 * ];
 * const d = dissatisfactionFollowUp(responses, s002CsProcedurePolicy).value;
 * d.reRevisits; //=> [{ customerId: 'B2-1203', participant: 'csDeptManager' }]
 * d.clusters; //=> [] (the seed sets no cluster threshold)
 */
export function dissatisfactionFollowUp(
  responses: readonly SurveyResponse[],
  policy: ServicePolicy,
): Decision<{ reRevisits: { customerId: string; participant: string }[]; clusters: string[] }> {
  parseInput(ResponsesArg, responses, ['responses']);
  return dissatisfactionParsed(responses, policy);
}

/** {@link dissatisfactionFollowUp} on responses its module has parsed already (one parse, not two; issue 21). @internal */
export function dissatisfactionParsed(
  responses: readonly SurveyResponse[],
  policy: ServicePolicy,
): Decision<{ reRevisits: { customerId: string; participant: string }[]; clusters: string[] }> {
  const r = revisitSection(policy);
  const d = requireSection(r.dissatisfied ?? undefined, 'revisit.dissatisfied');
  // One response per customer: a customer's response listed twice was re-revisited twice and weighed
  // twice in the items' shares.
  refuseRepeats(
    responses,
    (x) => x.customerId,
    (i) => ['responses', i, 'customerId'],
    (id) => `客户 ${id} 的答卷重复列出 / the response of customer ${id} is listed twice`,
  );
  const reRevisits = responses
    .filter((x) => Object.values(x.scores).some((s) => s <= d.seriousAtOrBelow))
    .map((x) => ({ customerId: x.customerId, participant: d.reRevisitParticipant }));
  const clusters: string[] = [];
  if (d.clusterThresholdPercent !== null) {
    const items = new Set(responses.flatMap((x) => Object.keys(x.scores)));
    for (const item of [...items].sort()) {
      // Own keys only: a response without an item named `constructor` does not answer it.
      const answered = responses.filter((x) => ownValue(x.scores, item) !== undefined);
      const unhappy = answered.filter(
        (x) => (ownValue(x.scores, item) ?? Number.POSITIVE_INFINITY) <= d.dissatisfiedAtOrBelow,
      ).length;
      if (answered.length > 0 && unhappy * 100 >= d.clusterThresholdPercent * answered.length)
        clusters.push(item);
    }
  }
  const cite = r.citations.dissatisfied ?? fallback('S002-REVISIT-05', '002 L345');
  return {
    value: { reRevisits, clusters },
    trace: [
      entry(
        cite,
        `严重不满意客户${reRevisits.length}位须由${d.reRevisitParticipant}参与再回访;专题调查项:${clusters.join('、') || '无'}${d.clusterThresholdPercent === null ? '(未设定集中阈值)' : ''}`,
        `${reRevisits.length} seriously dissatisfied customer(s) re-revisited with ${d.reRevisitParticipant}; special investigations: ${clusters.join(', ') || 'none'}${d.clusterThresholdPercent === null ? ' (no cluster threshold set)' : ''}`,
      ),
    ],
  };
}
