import { type Decision, ownValue, parseInput, setOwn, ZhiduError } from '@zhidu/core';
import { CategoriesArg, ItemsArg, RecordArg, ScoresArg } from '../inputs.js';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { entry, meetsPercent, requireSection } from '../shared.js';

/** A measured KPI. */
export type KpiResult = {
  key: string;
  total: number;
  count: number;
  /** Rate 0–1; null when not applicable (empty base). */
  rate: number | null;
  targetPercent: number | null;
  meetsTarget: boolean | null;
};

/**
 * Measures a KPI rate over items (revisit handling rate 100 %, complaint handling rate, satisfaction
 * rate …): items flagged with the KPI's numerator over all items, against its target (S002-KPI-01,
 * S002-KPI-02, S003-KPI-01, S002-REVISIT-04).
 *
 * @param key - KPI key in the policy
 * @param items - items with boolean flags, e.g. `{ handled: true }`
 * @param policy - a service policy with `kpis`
 * @returns the rate and whether it meets the target
 * @throws ZhiduError `unknown_reference` for an unknown key
 * @example
 * const k = measureKpi('revisitHandling', [{ handled: true }, { handled: false }], s002CsProcedurePolicy).value;
 * k.rate; //=> 0.5
 * k.meetsTarget; //=> false (target 100 %)
 */
export function measureKpi(
  key: string,
  items: readonly Record<string, unknown>[],
  policy: ServicePolicy,
): Decision<KpiResult> {
  parseInput(ItemsArg, items, ['items']);
  return measureKpiParsed(key, items, policy);
}

/** {@link measureKpi} on items its module has parsed already (one parse, not two; issue 21). @internal */
export function measureKpiParsed(
  key: string,
  items: readonly Record<string, unknown>[],
  policy: ServicePolicy,
): Decision<KpiResult> {
  const kpis = requireSection(paramsOf(policy).kpis, 'kpis');
  const k = kpis.find((x) => x.key === key);
  if (!k)
    throw new ZhiduError(
      'unknown_reference',
      ['key'],
      `制度 ${policy.id} 中没有考核指标 "${key}" / no KPI "${key}" in policy ${policy.id}`,
    );
  const total = items.length;
  const count = items.filter((i) => i[k.numerator] === true).length;
  let rate: number | null = total === 0 ? (k.whenEmpty === 'met' ? 1 : null) : count / total;
  if (rate !== null) rate = Math.round(rate * 1e6) / 1e6;
  const meetsTarget =
    k.targetPercent === null
      ? null
      : total === 0
        ? k.whenEmpty === 'met'
          ? true
          : null
        : meetsPercent(count, total, k.targetPercent);
  return {
    value: { key, total, count, rate, targetPercent: k.targetPercent, meetsTarget },
    trace: [
      entry(
        k,
        `${k.zh}:${count}/${total}${k.targetPercent === null ? '' : `,目标${k.targetPercent}%,${meetsTarget === true ? '达标' : meetsTarget === false ? '未达标' : '不适用'}`}`,
        `${k.en}: ${count}/${total}${k.targetPercent === null ? '' : `, target ${k.targetPercent}% → ${meetsTarget === true ? 'met' : meetsTarget === false ? 'not met' : 'n/a'}`}`,
      ),
    ],
  };
}

/**
 * Survey follow-up: when satisfaction is below the company standard, corrective and preventive
 * action (纠正和预防措施) is required, aimed at the weakest dimensions (S000-FOLLOWUP-05, S000B-FOLLOWUP-14).
 *
 * @param scores - score per dimension
 * @param policy - a service policy with a `surveys` section whose `targetScore` is set
 * @returns whether action is needed, by whom, and the dimensions below target
 * @throws ZhiduError `invalid_input` when the target is not configured (no seed states it)
 * @example
 * // No seed states the target score: a company sets it (here 85) before follow-ups can be decided.
 * surveyFollowUp({ delivery: 78 }, s000CustomerInfoPolicy); // throws ZhiduError invalid_input
 * const policy = defineServicePolicy({
 *   ...s000CustomerInfoPolicy,
 *   params: { ...s000CustomerInfoPolicy.params, surveys: { ...s000CustomerInfoPolicy.params.surveys, targetScore: 85 } },
 * });
 * surveyFollowUp({ delivery: 78, quality: 90 }, policy).value; //=> { capaRequired: true, owner: 'office', lowDimensions: ['delivery'] }
 */
export function surveyFollowUp(
  scores: Record<string, number>,
  policy: ServicePolicy,
): Decision<{ capaRequired: boolean; owner: string; lowDimensions: string[] }> {
  parseInput(ScoresArg, scores, ['scores']);
  return surveyFollowUpParsed(scores, policy);
}

/** {@link surveyFollowUp} on scores its module has parsed already (one parse, not two; issue 21). @internal */
export function surveyFollowUpParsed(
  scores: Record<string, number>,
  policy: ServicePolicy,
): Decision<{ capaRequired: boolean; owner: string; lowDimensions: string[] }> {
  const s = requireSection(paramsOf(policy).surveys, 'surveys');
  if (s.targetScore === null) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', 'surveys', 'targetScore'],
      '制度将满意度标准交由公司自定，请设定 targetScore / the regulation leaves the satisfaction standard to the company; set targetScore',
    );
  }
  const target = s.targetScore;
  for (const [k, v] of Object.entries(scores)) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ZhiduError(
        'invalid_input',
        ['scores', k],
        '评分须为有限数值 / scores must be finite numbers',
      );
  }
  const lowDimensions = Object.entries(scores)
    .filter(([, v]) => v < target)
    .sort((a, b) => a[1] - b[1])
    .map(([k]) => k);
  const capaRequired = lowDimensions.length > 0;
  return {
    value: { capaRequired, owner: s.correctiveOwner, lowDimensions },
    trace: [
      entry(
        s.citations.target,
        capaRequired
          ? `满意度未达${target},由${s.correctiveOwner}组织纠正预防措施:${lowDimensions.join('、')}`
          : `满意度达到${target}`,
        capaRequired
          ? `below ${target}: ${s.correctiveOwner} organises corrective action on ${lowDimensions.join(', ')}`
          : `satisfaction meets ${target}`,
      ),
    ],
  };
}

/**
 * Whether a staff assessment record carries every required dimension (S002-KPI-02).
 *
 * @param record - dimension → score
 * @param policy - a service policy with a `surveys` section
 * @returns the missing dimensions
 * @example
 * assessmentCheck({ complaintHandlingRate: 0.9 }, s002CsSystemPolicy).value; //=> ['customerSatisfaction', 'serviceAttitude']
 */
export function assessmentCheck(record: Record<string, unknown>, policy: ServicePolicy): Decision<string[]> {
  parseInput(RecordArg, record, ['record']);
  return assessmentCheckParsed(record, policy);
}

/** {@link assessmentCheck} on a record its module has parsed already (one parse, not two; issue 21). @internal */
export function assessmentCheckParsed(
  record: Record<string, unknown>,
  policy: ServicePolicy,
): Decision<string[]> {
  const s = requireSection(paramsOf(policy).surveys, 'surveys');
  const missing = s.assessmentDimensions.filter((d) => record[d] === undefined || record[d] === null);
  const cite = s.citations.dimensions ?? s.citations.target;
  return {
    value: missing,
    trace: [
      entry(
        cite,
        missing.length ? `考核缺少维度:${missing.join('、')}` : '考核维度齐全',
        missing.length ? `assessment lacks ${missing.join(', ')}` : 'assessment complete',
      ),
    ],
  };
}

/**
 * Counts of complaints and collected information by category for the analysis report sent to
 * departments (S002-INFO-02).
 *
 * @param items - `{ category }[]`
 * @returns counts by category
 * @example
 * countByCategory([{ category: 'leak' }, { category: 'noise' }, { category: 'leak' }]).value; //=> { leak: 2, noise: 1 }
 */
export function countByCategory(items: readonly { category: string }[]): Decision<Record<string, number>> {
  parseInput(CategoriesArg, items, ['items']);
  return countByCategoryParsed(items);
}

/** {@link countByCategory} on items its module has parsed already (one parse, not two; issue 21). @internal */
export function countByCategoryParsed(
  items: readonly { category: string }[],
): Decision<Record<string, number>> {
  // Own keys only: a category named `constructor` or `__proto__` is counted like any other.
  const out: Record<string, number> = {};
  items.forEach((i, n) => {
    if (typeof i.category !== 'string' || i.category === '')
      throw new ZhiduError('invalid_input', ['items', n, 'category'], '须填写类别 / category required');
    setOwn(out, i.category, (ownValue(out, i.category) ?? 0) + 1);
  });
  return {
    value: out,
    trace: [
      {
        rule: 'S002-INFO-02',
        clause: '002 L344 §3.7.2',
        message: { zh: `分类统计${items.length}条`, en: `${items.length} item(s) counted by category` },
        data: out,
      },
    ],
  };
}
