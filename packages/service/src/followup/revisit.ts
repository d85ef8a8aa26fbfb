import {
  type Decision,
  type InstantInput,
  parseInput,
  refuseRepeats,
  toInstant,
  ZhiduError,
} from '@zhidu/core';
import {
  FeedbackCustomersArg,
  OpenLetterArg,
  ReturnVisitArg,
  ReviewArg,
  RevisitNumberArg,
  RevisitPlanArg,
  TriggerRefsArg,
} from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, isPresent, requireSection } from '../shared.js';
import { refuseRepeatedTriggers } from './programme-fast.js';
import type { Completion } from './programme-schema.js';

function revisitSection(policy: ServicePolicy) {
  return requireSection(paramsOf(policy).revisit, 'revisit');
}

const fallback = (rule: string, clause: string) => ({ rule, clause });

/**
 * Modes allowed for the n-th revisit of an issue: on site for the first, phone too from the
 * configured revisit number ("第二次以后", 2 by default), except for levels that are always on site
 * ("第三类投诉", read as major complaints) (S000B-FOLLOWUP-10).
 *
 * @param input - `{ revisitNumber, level? }`
 * @param policy - a service policy with a `revisit` section
 * @returns the allowed modes
 * @example
 * allowedRevisitModes({ revisitNumber: 2, level: 'general' }, s000bPropertyRevisitPolicy).value; //=> ['onSite', 'phone']
 */
export function allowedRevisitModes(
  input: { revisitNumber: number; level?: string },
  policy: ServicePolicy,
): Decision<('onSite' | 'phone')[]> {
  parseInput(RevisitNumberArg, input, ['input']);
  return revisitModesParsed(input, policy);
}

/** {@link allowedRevisitModes} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function revisitModesParsed(
  input: { revisitNumber: number; level?: string },
  policy: ServicePolicy,
): Decision<('onSite' | 'phone')[]> {
  const r = revisitSection(policy);
  if (!Number.isInteger(input.revisitNumber) || input.revisitNumber < 1) {
    throw new ZhiduError(
      'invalid_input',
      ['input', 'revisitNumber'],
      '回访次数 revisitNumber 须为不小于 1 的整数 / revisitNumber must be an integer ≥ 1',
    );
  }
  const from = r.phoneAllowedFromRevisitNumber;
  const onSiteOnly = input.level !== undefined && r.onSiteOnlyLevels.includes(input.level);
  const phone = from !== null && input.revisitNumber >= from && !onSiteOnly;
  const cite = r.citations.modes ?? fallback('S000B-FOLLOWUP-10', '000 L1033');
  return {
    value: phone ? ['onSite', 'phone'] : ['onSite'],
    trace: [
      entry(
        cite,
        phone
          ? `第${input.revisitNumber}次回访可采用电话`
          : onSiteOnly
            ? `${input.level}类投诉须上门回访`
            : `第${input.revisitNumber}次回访须上门`,
        phone
          ? `revisit ${input.revisitNumber} may be by phone`
          : onSiteOnly
            ? `${input.level} complaints are revisited on site`
            : `revisit ${input.revisitNumber} must be on site`,
      ),
    ],
  };
}

/**
 * Checks a revisit plan (回访计划): drawn up by the owner role and covering every trigger of the
 * kinds the plan must cover (S000B-FOLLOWUP-03).
 *
 * @param plan - `{ createdByRole, items: { triggerId }[] }`
 * @param triggers - triggers that need a plan item (`{ id, type }`)
 * @param policy - a service policy with a `revisit` section
 * @returns problems (empty when complete)
 * @throws ZhiduError `duplicate` at `triggers[i].id` for a trigger listed twice
 * @example
 * revisitPlanCheck({ createdByRole: 'propertyAssistant', items: [] }, [], s000bPropertyRevisitPolicy).value; //=> ['PLAN_OWNER_MUST_BE_csSupervisor']
 */
export function revisitPlanCheck(
  plan: { createdByRole: string; items: readonly { triggerId: string }[] },
  triggers: readonly { id: string; type: string }[],
  policy: ServicePolicy,
): Decision<string[]> {
  parseInput(RevisitPlanArg, plan, ['plan']);
  parseInput(TriggerRefsArg, triggers, ['triggers']);
  return revisitPlanParsed(plan, triggers, policy);
}

/** {@link revisitPlanCheck} on a plan and triggers its module has parsed already (one parse, not two; issue 21). @internal */
export function revisitPlanParsed(
  plan: { createdByRole: string; items: readonly { triggerId: string }[] },
  triggers: readonly { id: string; type: string }[],
  policy: ServicePolicy,
): Decision<string[]> {
  const r = revisitSection(policy);
  const problems: string[] = [];
  if (r.planOwnerRole !== null && plan.createdByRole !== r.planOwnerRole)
    problems.push(`PLAN_OWNER_MUST_BE_${r.planOwnerRole}`);
  const covered = new Set(plan.items.map((i) => i.triggerId));
  // A trigger listed twice was reported missing twice.
  refuseRepeatedTriggers(
    triggers.map((t) => t.id),
    ['triggers'],
  );
  triggers.forEach((t) => {
    if (r.planMustCover.includes(t.type) && !covered.has(t.id)) problems.push(`MISSING_REVISIT:${t.id}`);
  });
  const cite = r.citations.plan ?? fallback('S000B-FOLLOWUP-03', '000 L1019');
  return {
    value: problems,
    trace: [
      entry(
        cite,
        problems.length ? `回访计划不完整:${problems.join('、')}` : '回访计划完整',
        problems.length ? `revisit plan incomplete: ${problems.join(', ')}` : 'revisit plan complete',
      ),
    ],
  };
}

/**
 * Answers the same issue for many residents with one open letter (公开信): each linked trigger gets
 * a revisit completion at the letter's time, and the letter must be archived (S000B-FOLLOWUP-11).
 *
 * @param input - `{ issueKey, triggerIds, at, archived }`
 * @param policy - a service policy with a `revisit` section
 * @returns completions to feed `measureProgramme`, and errors (`OPEN_LETTER_NOT_ARCHIVED`)
 * @throws ZhiduError `invalid_input` when the policy does not allow open letters or no trigger is linked
 * @example
 * // One open letter answers every resident who raised the same water-pressure issue in block B.
 * const letter = answerByOpenLetter(
 *   { issueKey: 'water-pressure-B', triggerIds: ['K-11', 'K-12'], at: '2024-03-06T10:00:00+08:00', archived: false },
 *   s000bPropertyRevisitPolicy,
 * ).value;
 * letter.completions.map((c) => c.triggerId); //=> ['K-11', 'K-12']
 * letter.errors; //=> ['OPEN_LETTER_NOT_ARCHIVED']
 */
export function answerByOpenLetter(
  input: { issueKey: string; triggerIds: readonly string[]; at: InstantInput; archived: boolean },
  policy: ServicePolicy,
): Decision<{ completions: Completion[]; errors: string[] }> {
  parseInput(OpenLetterArg, input, ['input']);
  return openLetterParsed(input, policy);
}

/** {@link answerByOpenLetter} on a letter its module has parsed already (one parse, not two; issue 21). @internal */
export function openLetterParsed(
  input: { issueKey: string; triggerIds: readonly string[]; at: InstantInput; archived: boolean },
  policy: ServicePolicy,
): Decision<{ completions: Completion[]; errors: string[] }> {
  const r = revisitSection(policy);
  if (r.openLetter === null || !r.openLetter.allowed) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'revisit', 'openLetter'],
      '本制度不允许以公开信回复 / this policy does not allow open letters',
    );
  }
  if (input.triggerIds.length === 0)
    throw new ZhiduError(
      'invalid_input',
      ['input', 'triggerIds'],
      '公开信须至少回复一件事项 / an open letter must answer at least one case',
    );
  const at = toInstant(input.at, ['input', 'at']);
  const errors = r.openLetter.mustBeArchived && !input.archived ? ['OPEN_LETTER_NOT_ARCHIVED'] : [];
  const completions: Completion[] = input.triggerIds.map((id) => ({
    triggerId: id,
    action: 'revisit',
    at,
    channel: 'openLetter',
  }));
  const cite = r.citations.openLetter ?? fallback('S000B-FOLLOWUP-11', '000 L1035');
  return {
    value: { completions, errors },
    trace: [
      entry(
        cite,
        `以公开信答复${input.issueKey},视为${completions.length}次回访${errors.length ? ';公开信未存档' : ''}`,
        `open letter on ${input.issueKey} answers ${completions.length} case(s)${errors.length ? '; letter not archived' : ''}`,
      ),
    ],
  };
}

/**
 * Orders customers for visits: those with open complaints, suggestions or opinions first, most
 * recent first; the others keep their order (S000B-FOLLOWUP-25, S004-FOLLOW-02).
 *
 * @param customers - `{ id, lastFeedbackAt?, attrs? }` (a feedback date marks a complaint/suggestion/opinion; a company's own fields go in `attrs`)
 * @param policy - a service policy with a `revisit` section
 * @returns the customers in visit order
 * @throws ZhiduError `duplicate` at `customers[i].id` for a customer listed twice
 * @example
 * const customers = [{ id: 'C-01' }, { id: 'C-02', lastFeedbackAt: '2024-03-05T09:00:00+08:00' }];
 * prioritiseVisits(customers, s000bPropertyRevisitPolicy).value.map((c) => c.id); //=> ['C-02', 'C-01']
 */
export function prioritiseVisits<C extends { id: string; lastFeedbackAt?: string }>(
  customers: readonly C[],
  policy: ServicePolicy,
): Decision<C[]> {
  parseInput(FeedbackCustomersArg, customers, ['customers']);
  return prioritiseVisitsParsed(customers, policy);
}

/** {@link prioritiseVisits} on customers its module has parsed already (one parse, not two; issue 21). @internal */
export function prioritiseVisitsParsed<C extends { id: string; lastFeedbackAt?: string }>(
  customers: readonly C[],
  policy: ServicePolicy,
): Decision<C[]> {
  const r = revisitSection(policy);
  // A customer listed twice was put on the visit list twice.
  refuseRepeats(
    customers,
    (c) => c.id,
    (i) => ['customers', i, 'id'],
    (id) => `客户 ${id} 重复列出 / customer ${id} is listed twice`,
  );
  const withFb = customers
    .filter((c) => isPresent(c.lastFeedbackAt))
    .map((c) => ({ c, t: Date.parse(toInstant(c.lastFeedbackAt ?? '')) }))
    .sort((a, b) => b.t - a.t)
    .map((x) => x.c);
  const rest = customers.filter((c) => !isPresent(c.lastFeedbackAt));
  const cite = r.citations.priority ?? fallback('S000B-FOLLOWUP-25', '000 L1327');
  return {
    value: [...withFb, ...rest],
    trace: [
      entry(
        cite,
        `有投诉、建议或意见的${withFb.length}位客户优先走访`,
        `${withFb.length} customer(s) with feedback are visited first`,
      ),
    ],
  };
}

/**
 * Return-visit types allowed for a customer (routine for all, special only for major customers) and
 * problems with an assignment (S001B-FOLLOWUP-01).
 *
 * @param input - `{ type, isMajorCustomer, assigneeRole }`
 * @param policy - a service policy with `revisit.visitTypes`
 * @returns error codes
 * @example
 * const visit = { type: 'SPECIAL' as const, isMajorCustomer: false, assigneeRole: 'salesperson' };
 * validateReturnVisit(visit, s001bReturnVisitPolicy).value; //=> ['SPECIAL_VISIT_REQUIRES_MAJOR_CUSTOMER', 'ASSIGNEE_MUST_BE_CS_SPECIALIST']
 */
export function validateReturnVisit(
  input: { type: 'ROUTINE' | 'SPECIAL'; isMajorCustomer: boolean; assigneeRole: string },
  policy: ServicePolicy,
): Decision<string[]> {
  parseInput(ReturnVisitArg, input, ['input']);
  return returnVisitParsed(input, policy);
}

/** {@link validateReturnVisit} on a visit its module has parsed already (one parse, not two; issue 21). @internal */
export function returnVisitParsed(
  input: { type: 'ROUTINE' | 'SPECIAL'; isMajorCustomer: boolean; assigneeRole: string },
  policy: ServicePolicy,
): Decision<string[]> {
  const r = revisitSection(policy);
  const v = requireSection(r.visitTypes ?? undefined, 'revisit.visitTypes');
  const errors: string[] = [];
  if (input.type === 'SPECIAL' && v.specialRequiresMajorCustomer && !input.isMajorCustomer)
    errors.push('SPECIAL_VISIT_REQUIRES_MAJOR_CUSTOMER');
  if (input.assigneeRole !== v.performerRole) errors.push('ASSIGNEE_MUST_BE_CS_SPECIALIST');
  const cite = r.citations.visitTypes ?? fallback('S001B-FOLLOWUP-01', '001 L678');
  return {
    value: errors,
    trace: [
      entry(
        cite,
        errors.length ? `回访安排不符:${errors.join('、')}` : '回访类型与执行人符合规定',
        errors.length
          ? `return visit invalid: ${errors.join(', ')}`
          : 'return visit type and performer are valid',
      ),
    ],
  };
}

/**
 * Supervisor review of a return-visit record and report: the reviewer must hold the supervisor role
 * and give a guidance comment (S001B-FOLLOWUP-08).
 *
 * @param review - `{ reviewerRole, comment }`
 * @param policy - a service policy with `revisit.review`
 * @returns `REVIEWED` or an error code
 * @example
 * const reviewerRole = 'customerServiceSupervisor';
 * reviewReturnVisitReport({ reviewerRole, comment: '' }, s001bReturnVisitPolicy).value; //=> { status: 'ERROR', error: 'GUIDANCE_COMMENT_REQUIRED' }
 * reviewReturnVisitReport({ reviewerRole, comment: '下次带上维修记录' }, s001bReturnVisitPolicy).value; //=> { status: 'REVIEWED' }
 */
export function reviewReturnVisitReport(
  review: { reviewerRole: string; comment: string },
  policy: ServicePolicy,
): Decision<{ status: 'REVIEWED' } | { status: 'ERROR'; error: string }> {
  parseInput(ReviewArg, review, ['review']);
  return reviewReportParsed(review, policy);
}

/** {@link reviewReturnVisitReport} on a review its module has parsed already (one parse, not two; issue 21). @internal */
export function reviewReportParsed(
  review: { reviewerRole: string; comment: string },
  policy: ServicePolicy,
): Decision<{ status: 'REVIEWED' } | { status: 'ERROR'; error: string }> {
  const r = revisitSection(policy);
  const v = requireSection(r.review ?? undefined, 'revisit.review');
  const cite = r.citations.review ?? fallback('S001B-FOLLOWUP-08', '001 L718');
  let value: { status: 'REVIEWED' } | { status: 'ERROR'; error: string } = { status: 'REVIEWED' };
  if (review.reviewerRole !== v.reviewerRole)
    value = { status: 'ERROR', error: 'REVIEWER_MUST_BE_CS_SUPERVISOR' };
  else if (v.commentRequired && !isPresent(review.comment))
    value = { status: 'ERROR', error: 'GUIDANCE_COMMENT_REQUIRED' };
  return {
    value,
    trace: [
      entry(
        cite,
        value.status === 'REVIEWED' ? '主管已审查并提出指导意见' : `审查无效:${value.error}`,
        value.status === 'REVIEWED' ? 'reviewed with guidance' : `review refused: ${value.error}`,
      ),
    ],
  };
}
