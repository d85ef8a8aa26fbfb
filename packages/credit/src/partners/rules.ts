import { type Decision, parseInput, recordOf, Trace } from '@zhidu/core';
import { z } from 'zod';
import { reasonZh } from '../labels.js';
import { paramsOf, SEED_000 } from '../shared.js';
import { PartnerGradingParamsSchema, type PartnerGradingPolicy } from './policy.js';

/** A request to grade a partner (see {@link assignPartnerGrade}). */
export const PartnerGradeRequestSchema = z.strictObject({
  partnerId: z.string().min(1),
  admitted: z.boolean(),
  grade: z.string().min(1),
  gradedBy: z.string().min(1),
});

/**
 * Grades a joint-venture partner (S000B-GRADE-03): only the grading unit (盛昌公司) grades, only
 * after the partner is admitted, with one of the policy's grades; the result is internal.
 *
 * @param request - partner, whether admitted, the grade and who grades
 * @param policy - a partner-grading policy
 * @returns a decision: ok, the error if not, and whether the partner may see its grade (never, by default)
 * @example
 * const partners = partnerGradingPolicy({ discountTopN: 10 });
 * const request = { partnerId: 'P1', admitted: false, grade: 'b', gradedBy: 'shengchang' };
 * assignPartnerGrade(request, partners).value.error; //=> 'gradeOnlyAfterAdmission'
 * assignPartnerGrade({ ...request, admitted: true }, partners).value.error; //=> null
 */
export function assignPartnerGrade(
  request: z.input<typeof PartnerGradeRequestSchema>,
  policy: PartnerGradingPolicy,
): Decision<{
  ok: boolean;
  error: 'gradeOnlyAfterAdmission' | 'notTheGrader' | 'unknownGrade' | null;
  visibleToPartner: boolean;
}> {
  paramsOf(policy, PartnerGradingParamsSchema);
  return partnerGradeParsed(parseInput(PartnerGradeRequestSchema, request, ['request']), policy);
}

/**
 * {@link assignPartnerGrade} on a request its module has parsed already (one parse, not two; issue
 * 21). @internal
 */
export function partnerGradeParsed(
  r: z.output<typeof PartnerGradeRequestSchema>,
  policy: PartnerGradingPolicy,
): Decision<{
  ok: boolean;
  error: 'gradeOnlyAfterAdmission' | 'notTheGrader' | 'unknownGrade' | null;
  visibleToPartner: boolean;
}> {
  const p = paramsOf(policy, PartnerGradingParamsSchema);
  const error = !p.grades.includes(r.grade)
    ? 'unknownGrade'
    : r.gradedBy !== p.grader
      ? 'notTheGrader'
      : !r.admitted
        ? 'gradeOnlyAfterAdmission'
        : null;
  return new Trace()
    .add(
      'S000B-GRADE-03',
      `${SEED_000} L1417 3.2; L1425 4.2.1`,
      error === null
        ? `${p.grader} 将 ${r.partnerId} 评为 ${r.grade} 级（仅内部使用，不对合作伙伴公开）`
        : `不能分级：${error}`,
      error === null
        ? `${p.grader} grades ${r.partnerId} ${r.grade} (internal only, not disclosed to the partner)`
        : `cannot grade: ${error}`,
      { request: r },
    )
    .decide({ ok: error === null, error, visibleToPartner: p.disclosedToPartner });
}

/** A material a key partner must provide (完整、真实且有效). */
export const PartnerMaterialSchema = z.strictObject({
  name: z.string().min(1),
  provided: z.boolean(),
  verified: z.boolean(),
});
/** A key partner's materials, at least one (see {@link PartnerMaterialSchema}). */
export const PartnerMaterialsSchema = z.array(PartnerMaterialSchema).min(1);

/**
 * Can a partner hold a key grade (a / b, 重点合作客户; S000B-GRADE-04)? Every material must be
 * provided and verified; one it cannot provide means "not qualified" by default (默认为不具备条件),
 * and it gets at most the policy's best non-key grade.
 *
 * @param materials - the partner's materials and their state
 * @param policy - a partner-grading policy
 * @returns a decision: qualifies, the missing or unverified materials, and the best grade it may hold
 * @example
 * const partners = partnerGradingPolicy({ discountTopN: 10 });
 * qualifiesForKeyGrade(
 *   [
 *     { name: 'businessLicence', provided: true, verified: true },
 *     { name: 'attachment3', provided: false, verified: false },
 *   ],
 *   partners,
 * ).value; //=> { qualifies: false, missing: ['attachment3'], bestGrade: 'c' }
 */
export function qualifiesForKeyGrade(
  materials: readonly z.input<typeof PartnerMaterialSchema>[],
  policy: PartnerGradingPolicy,
): Decision<{ qualifies: boolean; missing: string[]; bestGrade: string }> {
  paramsOf(policy, PartnerGradingParamsSchema);
  return keyGradeParsed(parseInput(PartnerMaterialsSchema, materials, ['materials']), policy);
}

/**
 * {@link qualifiesForKeyGrade} on materials its module has parsed already (one parse, not two;
 * issue 21). @internal
 */
export function keyGradeParsed(
  list: readonly z.output<typeof PartnerMaterialSchema>[],
  policy: PartnerGradingPolicy,
): Decision<{ qualifies: boolean; missing: string[]; bestGrade: string }> {
  const p = paramsOf(policy, PartnerGradingParamsSchema);
  const missing = list
    .filter((m) => !m.provided || !m.verified)
    .map((m) => (m.provided ? `${m.name} (unverified)` : m.name));
  const qualifies = missing.length === 0;
  const bestGrade = qualifies ? (p.grades[0] ?? p.bestGradeWithoutMaterials) : p.bestGradeWithoutMaterials;
  return new Trace()
    .add(
      'S000B-GRADE-04',
      `${SEED_000} L1443 5.1`,
      qualifies
        ? `材料完整、真实且有效：可为 ${p.keyGrades.join('/')} 级重点合作客户`
        : `材料不全或未核实（${missing.join('、')}）：默认为不具备条件，至多 ${bestGrade} 级`,
      qualifies
        ? `materials complete and verified: may be a key partner (${p.keyGrades.join('/')})`
        : `materials missing or unverified (${missing.join(', ')}): not qualified by default, at most ${bestGrade}`,
      { missing },
    )
    .decide({ qualifies, missing, bestGrade });
}

/** A proposed change of a partner's grade (see {@link applyPartnerGradeChange}). */
export const PartnerGradeChangeSchema = z.strictObject({
  partnerId: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  reason: z.string().min(1),
  initiatorUnitId: z.string().min(1),
  responsibleUnitId: z.string().min(1),
  approvals: z.array(z.string().min(1)),
});

/**
 * Changes a partner's grade (S000B-GRADE-05): at any time (e.g. after a bid is won or lost), only on
 * the initiative of the unit responsible for the partner, and only with every approver's consent
 * (Shengchang and the Market Development Department).
 *
 * @param change - from/to grade, reason, initiating unit, the responsible unit and the approvals
 * @param policy - a partner-grading policy
 * @returns a decision: applied, and the error if not
 * @example
 * const partners = partnerGradingPolicy({ discountTopN: 10 });
 * const change = {
 *   partnerId: 'P1',
 *   from: 'b',
 *   to: 'a',
 *   reason: 'bidWon',
 *   initiatorUnitId: 'U1',
 *   responsibleUnitId: 'U1',
 *   approvals: ['shengchang'],
 * };
 * applyPartnerGradeChange(change, partners).value; //=> { applied: false, error: 'approvalMissing:marketDevelopment' }
 * applyPartnerGradeChange({ ...change, approvals: ['shengchang', 'marketDevelopment'] }, partners).value; //=> { applied: true, error: null }
 */
export function applyPartnerGradeChange(
  change: z.input<typeof PartnerGradeChangeSchema>,
  policy: PartnerGradingPolicy,
): Decision<{ applied: boolean; error: string | null }> {
  paramsOf(policy, PartnerGradingParamsSchema);
  return partnerGradeChangeParsed(parseInput(PartnerGradeChangeSchema, change, ['change']), policy);
}

/**
 * {@link applyPartnerGradeChange} on a change its module has parsed already (one parse, not two;
 * issue 21). @internal
 */
export function partnerGradeChangeParsed(
  c: z.output<typeof PartnerGradeChangeSchema>,
  policy: PartnerGradingPolicy,
): Decision<{ applied: boolean; error: string | null }> {
  const p = paramsOf(policy, PartnerGradingParamsSchema);
  const missing = p.changeApprovers.filter((a) => !c.approvals.includes(a));
  const error = !p.grades.includes(c.to)
    ? 'unknownGrade'
    : c.initiatorUnitId !== c.responsibleUnitId
      ? 'initiatorMustBeResponsibleUnit'
      : missing.length > 0
        ? `approvalMissing:${missing.join(',')}`
        : null;
  return new Trace()
    .add(
      'S000B-GRADE-05',
      `${SEED_000} L1445 5.2`,
      error === null
        ? `${c.partnerId} 由 ${c.from} 调为 ${c.to}（${c.reason}），${p.changeApprovers.join('与')}共同决策`
        : `不能调整级别：${reasonZh(error)}`,
      error === null
        ? `${c.partnerId} moves from ${c.from} to ${c.to} (${c.reason}), decided jointly by ${p.changeApprovers.join(' and ')}`
        : `grade change refused: ${error}`,
      { change: c },
    )
    .decide({ applied: error === null, error });
}

/** A partner's rank and past-year rating per dimension (see {@link partnerDiscountCandidate}). */
export const PartnerRankingSchema = z.strictObject({
  rank: z.number().int().positive(),
  pastYear: recordOf(z.string(), z.string()),
  /**
   * How many months of cooperation the ratings cover; absent, the full window. Fewer than the policy's
   * `discount.windowMonths` (过往一年) is no record of a year's performance: not a candidate.
   */
  monthsRated: z.number().int().nonnegative().optional(),
});

/**
 * Is a partner a candidate for preferential fees and priority service (S000B-GRADE-06)? It must be
 * among the top `topN` of the ranking and outstanding in every dimension over the past year
 * (`windowMonths`; a partner whose ratings cover fewer months, `monthsRated`, is not a candidate:
 * `shortRecord`). The result is a candidacy; a person decides.
 *
 * @param partner - its rank and its past-year rating per dimension (`outstanding` or anything else)
 * @param policy - a partner-grading policy
 * @returns a decision: candidate, and why not
 * @example
 * const partners = partnerGradingPolicy({ discountTopN: 10 });
 * const pastYear = { contractPerformance: 'outstanding', safetyQuality: 'outstanding', cooperation: 'outstanding' };
 * partnerDiscountCandidate({ rank: 15, pastYear }, partners).value; //=> { candidate: false, reasons: ['notTopRanked'] }
 * partnerDiscountCandidate({ rank: 3, pastYear }, partners).value; //=> { candidate: true, reasons: [] }
 * partnerDiscountCandidate({ rank: 3, pastYear, monthsRated: 11 }, partners).value; //=> { candidate: false, reasons: ['shortRecord'] }
 */
export function partnerDiscountCandidate(
  partner: z.input<typeof PartnerRankingSchema>,
  policy: PartnerGradingPolicy,
): Decision<{ candidate: boolean; reasons: string[] }> {
  paramsOf(policy, PartnerGradingParamsSchema);
  return partnerDiscountParsed(parseInput(PartnerRankingSchema, partner, ['partner']), policy);
}

/**
 * {@link partnerDiscountCandidate} on a partner its module has parsed already (one parse, not two;
 * issue 21). @internal
 */
export function partnerDiscountParsed(
  x: z.output<typeof PartnerRankingSchema>,
  policy: PartnerGradingPolicy,
): Decision<{ candidate: boolean; reasons: string[] }> {
  const p = paramsOf(policy, PartnerGradingParamsSchema).discount;
  const reasons: string[] = [];
  if (x.rank > p.topN) reasons.push('notTopRanked');
  if (x.monthsRated !== undefined && x.monthsRated < p.windowMonths) reasons.push('shortRecord');
  for (const d of p.dimensions) if (x.pastYear[d] !== 'outstanding') reasons.push(`notOutstanding:${d}`);
  return new Trace()
    .add(
      'S000B-GRADE-06',
      `${SEED_000} L1441 4.3.3`,
      reasons.length === 0
        ? `排名第 ${x.rank}（前 ${p.topN}），过往一年各方面均突出：可考虑收费优惠`
        : `不列为优惠候选：${reasons.map(reasonZh).join('、')}`,
      reasons.length === 0
        ? `ranked ${x.rank} (top ${p.topN}) and outstanding in every dimension over ${p.windowMonths} months: discount candidate`
        : `not a discount candidate: ${reasons.join(', ')}`,
      {
        rank: x.rank,
        topN: p.topN,
        pastYear: x.pastYear,
        monthsRated: x.monthsRated ?? null,
        windowMonths: p.windowMonths,
      },
    )
    .decide({ candidate: reasons.length === 0, reasons });
}

/** The inspected items of an admission screening (see {@link screenPartner}). */
export const PartnerScreeningSchema = z.array(
  z.strictObject({ key: z.string().min(1), status: z.enum(['confirmed', 'unclear', 'failed']) }),
);

/**
 * Admission screening of a partner (S000B-GRADE-07): every inspected item (address, personnel,
 * equipment) must be confirmed; an unclear item counts as not qualified (模糊的情况默认为不具备条件),
 * and a partner that fails is turned away with an explanation.
 *
 * @param items - each inspected item and its status: `confirmed`, `unclear` or `failed`
 * @param policy - a partner-grading policy
 * @returns a decision: `proceed` or `dissuade`, and the items that failed
 * @example
 * const partners = partnerGradingPolicy({ discountTopN: 10 });
 * screenPartner(
 *   [
 *     { key: 'address', status: 'confirmed' },
 *     { key: 'personnel', status: 'confirmed' },
 *     { key: 'equipment', status: 'unclear' },
 *   ],
 *   partners,
 * ).value; //=> { decision: 'dissuade', failedItems: ['equipment'] }
 */
export function screenPartner(
  items: z.input<typeof PartnerScreeningSchema>,
  policy: PartnerGradingPolicy,
): Decision<{ decision: 'proceed' | 'dissuade'; failedItems: string[] }> {
  paramsOf(policy, PartnerGradingParamsSchema);
  return screeningParsed(parseInput(PartnerScreeningSchema, items, ['items']), policy);
}

/** {@link screenPartner} on items its module has parsed already (one parse, not two; issue 21). @internal */
export function screeningParsed(
  list: z.output<typeof PartnerScreeningSchema>,
  policy: PartnerGradingPolicy,
): Decision<{ decision: 'proceed' | 'dissuade'; failedItems: string[] }> {
  const p = paramsOf(policy, PartnerGradingParamsSchema);
  const failed = list.filter((i) => i.status !== 'confirmed').map((i) => i.key);
  const absent = p.screeningItems.filter((k) => !list.some((i) => i.key === k));
  const failedItems = [...failed, ...absent];
  const decision = failedItems.length === 0 ? 'proceed' : 'dissuade';
  return new Trace()
    .add(
      'S000B-GRADE-07',
      `${SEED_000} L1421–L1423 4.1.2–4.1.3`,
      decision === 'proceed'
        ? '实地考察各项均确认：由盛昌公司协助办理后续手续'
        : `${failedItems.join('、')} 未确认（模糊默认为不具备条件）：及时劝退并做好解释`,
      decision === 'proceed'
        ? 'every inspected item confirmed: proceed with the formalities'
        : `${failedItems.join(', ')} not confirmed (unclear means not qualified): turn away with an explanation`,
      { failedItems },
    )
    .decide({ decision, failedItems });
}
