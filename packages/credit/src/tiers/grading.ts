import {
  type Decision,
  firstRepeat,
  formatMoney,
  NonNegativeFenSchema,
  parseInput,
  recordOf,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { floorFraction, paramsOf, SEED_001 } from '../shared.js';
import {
  type CreditTier,
  CreditTierSchema,
  HOSPITAL_LEVELS,
  HospitalLevelSchema,
  type TierCriteria,
  TierParamsSchema,
  type TierPolicy,
} from './policy.js';

/** What the tier rules need to know about a sales customer. */
export const TierCustomerSchema = z.strictObject({
  id: z.string().min(1),
  /** e.g. `distributor`, `medicalInstitution`, `retail`, `relatedParty`. */
  kind: z.string().min(1),
  /** Attested facts: admission facts (`businessLicence` …) and tier attestations (`goodOperations` …). */
  facts: recordOf(z.string(), z.boolean()).default({}),
  hospitalLevel: HospitalLevelSchema.optional(),
  /** A specialist orthopaedic/trauma institution (專業骨科/創傷醫療機構). */
  orthoTraumaSpecialist: z.boolean().default(false),
  beds: z.number().int().nonnegative().optional(),
  /** Business with the company per year (每年): give the lowest full year, in fen. */
  annualBusiness: NonNegativeFenSchema.optional(),
  /** Late-payment and overdue-pickup default records (滯期付款、逾期未提貨). */
  defaultRecords: z.number().int().nonnegative().default(0),
  products: z.array(z.string().min(1)).default([]),
});
/** A customer as the tier rules see it (see {@link TierCustomerSchema}). */
export type TierCustomer = z.output<typeof TierCustomerSchema>;

/**
 * A sales department's customers (admitted and not blacklisted) with their current tiers, each
 * customer once: a customer listed twice would count twice in the caps' denominator and among a
 * tier's holders (refused, `duplicate` at `customers[i].id`).
 */
export const DepartmentRosterSchema = z
  .strictObject({
    id: z.string().min(1),
    customers: z.array(
      z.strictObject({
        id: z.string().min(1),
        tier: CreditTierSchema,
        products: z.array(z.string().min(1)).default([]),
      }),
    ),
  })
  .superRefine((d, ctx) => {
    const i = firstRepeat(d.customers, (c) => c.id);
    if (i === -1) return;
    const id = d.customers[i]?.id;
    ctx.addIssue({
      code: 'custom',
      path: ['customers', i, 'id'],
      message: `客户 ${id} 重复列出 / customer ${id} is listed twice`,
      params: { zhiduCode: 'duplicate' },
    });
  });
/** A department roster (see {@link DepartmentRosterSchema}). */
export type DepartmentRoster = z.output<typeof DepartmentRosterSchema>;

/**
 * Admission (客戶準入, S001-GRADE-03): retail and internal related-party customers are outside the
 * system; every other customer must meet all the policy's conditions. A fact not attested counts as
 * not met.
 *
 * @param customer - the customer's kind and attested facts
 * @param policy - a tier policy, e.g. {@link customerTierPolicy}
 * @returns a decision: admitted, the exemption (if any) and the failed condition ids
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * const hospital = { id: 'h1', kind: 'medicalInstitution', facts: { medicalQualifications: true, goodReputation: true } };
 * admitCustomer(hospital, tiers).value; //=> { admitted: false, exempt: null, failed: ['c', 'd', 'e', 'f'] }
 * // Retail customers are outside the system altogether:
 * admitCustomer({ id: 'r1', kind: 'retail' }, tiers).value; //=> { admitted: false, exempt: 'retail', failed: [] }
 */
export function admitCustomer(
  customer: z.input<typeof TierCustomerSchema>,
  policy: TierPolicy,
): Decision<{ admitted: boolean; exempt: string | null; failed: string[] }> {
  paramsOf(policy, TierParamsSchema);
  return admitCustomerParsed(parseInput(TierCustomerSchema, customer, ['customer']), policy);
}

/** {@link admitCustomer} on a customer its module has parsed already (one parse, not two; issue 21). @internal */
export function admitCustomerParsed(
  c: TierCustomer,
  policy: TierPolicy,
): Decision<{ admitted: boolean; exempt: string | null; failed: string[] }> {
  const p = paramsOf(policy, TierParamsSchema);
  const trace = new Trace();
  if (p.exemptKinds.includes(c.kind)) {
    trace.add(
      'S001-GRADE-03',
      `${SEED_001} L600 1.1`,
      `${c.kind} 客戶不適用客戶準入制度，由部門另定辦法`,
      `${c.kind} customers are outside the admission system; the department sets its own rules`,
      { kind: c.kind },
    );
    return trace.decide({ admitted: false, exempt: c.kind, failed: [] });
  }
  const failed: string[] = [];
  for (const cond of p.admission) {
    const met = cond.anyOf.some((group) => group.every((fact) => c.facts[fact] === true));
    if (!met) failed.push(cond.id);
    trace.add(
      'S001-GRADE-03',
      cond.clause,
      `${met ? '符合' : '不符合'}準入條件 ${cond.id})：${cond.label.zh}`,
      `admission condition ${cond.id}) ${met ? 'met' : 'not met'}: ${cond.label.en}`,
      { condition: cond.id, anyOf: cond.anyOf },
    );
  }
  return trace.decide({ admitted: failed.length === 0, exempt: null, failed });
}

function levelAtLeast(level: string | undefined, min: string): boolean {
  if (level === undefined) return false;
  const rank = (l: string) => HOSPITAL_LEVELS.indexOf(l as (typeof HOSPITAL_LEVELS)[number]);
  return rank(level) <= rank(min);
}

function criteriaFor(policy: TierPolicy, tier: 'vip' | 'preferred'): TierCriteria {
  const found = paramsOf(policy, TierParamsSchema).tiers.find((t) => t.tier === tier);
  if (found === undefined)
    throw new ZhiduError(
      'unknown_reference',
      ['tier'],
      `制度未定义等级 "${tier}" 的评定标准 / the policy defines no criteria for tier "${tier}"`,
    );
  return found;
}

/**
 * Whether a customer meets a tier's criteria (S001-GRADE-05 for VIP, S001-GRADE-07 for preferred),
 * caps aside: scale (hospital grade, or orthopaedic/trauma specialist with enough beds, or yearly
 * business), every attestation, and no default record.
 *
 * @param customer - the customer's facts
 * @param tier - `vip` or `preferred`
 * @param policy - a tier policy
 * @returns a decision: eligible, and failed criteria (`scale`, an attestation fact, `defaultRecords`)
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * const facts = {
 *   goodOperations: true,
 *   highReputationStabilityLoyalty: true,
 *   directDistributorOrMedical: true,
 *   paysOnTimeLowRisk: true,
 *   longTermPartnershipIntent: true,
 * };
 * const distributor = { id: 'd1', kind: 'distributor', annualBusiness: yuan(1_200_000), facts };
 * tierEligibility(distributor, 'vip', tiers).value; //=> { eligible: true, failed: [] }
 * tierEligibility({ ...distributor, defaultRecords: 1 }, 'vip', tiers).value.failed; //=> ['defaultRecords']
 */
export function tierEligibility(
  customer: z.input<typeof TierCustomerSchema>,
  tier: 'vip' | 'preferred',
  policy: TierPolicy,
): Decision<{ eligible: boolean; failed: string[] }> {
  return tierEligibilityParsed(parseInput(TierCustomerSchema, customer, ['customer']), tier, policy);
}

/**
 * {@link tierEligibility} on a customer its module has parsed already (one parse, not two; issue
 * 21). @internal
 */
export function tierEligibilityParsed(
  c: TierCustomer,
  tier: 'vip' | 'preferred',
  policy: TierPolicy,
): Decision<{ eligible: boolean; failed: string[] }> {
  const crit = criteriaFor(policy, tier);
  const failed: string[] = [];
  const byLevel = levelAtLeast(c.hospitalLevel, crit.scale.minHospitalLevel);
  const byBeds = c.orthoTraumaSpecialist && (c.beds ?? 0) >= crit.scale.minBeds;
  const byBusiness = (c.annualBusiness ?? 0) >= crit.scale.minAnnualBusiness;
  const scaleOk = byLevel || byBeds || byBusiness;
  if (!scaleOk) failed.push('scale');
  const trace = new Trace().add(
    crit.rule,
    crit.clause,
    scaleOk
      ? `規模符合（${byLevel ? `醫院等級 ${c.hospitalLevel}` : byBeds ? `骨科/創傷專科 ${c.beds} 張床位` : `年業務量 ${formatMoney(c.annualBusiness ?? 0)}`}）`
      : `規模不符：醫院等級不到 ${crit.scale.minHospitalLevel}、床位不到 ${crit.scale.minBeds}、年業務量不到 ${formatMoney(crit.scale.minAnnualBusiness)}`,
    scaleOk
      ? `scale met (${byLevel ? `hospital grade ${c.hospitalLevel}` : byBeds ? `orthopaedic/trauma specialist with ${c.beds} beds` : `yearly business ${formatMoney(c.annualBusiness ?? 0)}`})`
      : `scale not met: hospital grade below ${crit.scale.minHospitalLevel}, beds below ${crit.scale.minBeds}, yearly business below ${formatMoney(crit.scale.minAnnualBusiness)}`,
    { byLevel, byBeds, byBusiness, scale: crit.scale },
  );
  for (const a of crit.attestations) {
    if (c.facts[a.fact] !== true) {
      failed.push(a.fact);
      trace.add(crit.rule, crit.clause, `未確認：${a.label.zh}`, `not attested: ${a.label.en}`, {
        fact: a.fact,
      });
    }
  }
  if (c.defaultRecords > crit.maxDefaultRecords) {
    failed.push('defaultRecords');
    trace.add(
      crit.rule,
      crit.clause,
      `有 ${c.defaultRecords} 次滯期付款或逾期未提貨等違約記錄`,
      `${c.defaultRecords} late-payment or overdue-pickup default record(s)`,
      { defaultRecords: c.defaultRecords },
    );
  }
  return trace.decide({ eligible: failed.length === 0, failed });
}

/** The customer who would take a tier, with its products (see {@link tierCapCheck}). */
export const TierCandidateSchema = z.strictObject({
  id: z.string().min(1),
  products: z.array(z.string().min(1)).default([]),
});

/** The outcome of a cap check. */
export type CapCheck = {
  tier: 'vip' | 'preferred';
  /** Department customers counted (the denominator). */
  departmentCustomers: number;
  departmentMax: number;
  /** Holders of the tier other than the candidate. */
  departmentCount: number;
  departmentOk: boolean;
  products: { product: string; customers: number; max: number; count: number; ok: boolean }[];
  /** True when a product cap is exceeded and the policy only warns (原則上). */
  productWarning: boolean;
  /** Whether the candidate may take the tier under the caps. */
  allowed: boolean;
};

/**
 * Checks the tier caps for a candidate (S001-GRADE-06 for VIP ≤ 15 %, S001-GRADE-08 for preferred ≤
 * 30 %): the department's holders of the tier, the candidate included, may not exceed
 * floor(cap × the department's customers); per product the same holds "in principle", which warns.
 *
 * @param department - the department's customers and their tiers (the denominator), each customer once
 * @param candidate - the customer who would take the tier, with its products
 * @param tier - `vip` or `preferred`
 * @param policy - a tier policy
 * @returns a decision with the counts, the maxima and whether the candidate fits
 * @throws ZhiduError `invalid_input` / `unknown_key` for a malformed department or candidate;
 *   `duplicate` for a customer listed twice (at `department.customers[i].id`)
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * // 20 customers, 3 of them VIP: 15 % of 20 is 3, so the cap is full.
 * const customers = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, tier: i < 3 ? ('vip' as const) : ('qualified' as const) }));
 * const check = tierCapCheck({ id: 'D1', customers }, { id: 'c19' }, 'vip', tiers).value;
 * [check.departmentMax, check.departmentCount, check.departmentOk]; //=> [3, 3, false]
 */
export function tierCapCheck(
  department: z.input<typeof DepartmentRosterSchema>,
  candidate: z.input<typeof TierCandidateSchema>,
  tier: 'vip' | 'preferred',
  policy: TierPolicy,
): Decision<CapCheck> {
  return tierCapParsed(
    parseInput(DepartmentRosterSchema, department, ['department']),
    parseInput(TierCandidateSchema, candidate, ['candidate']),
    tier,
    policy,
  );
}

/**
 * {@link tierCapCheck} on a department and a candidate its module has parsed already (one parse,
 * not two; issue 21). @internal
 */
export function tierCapParsed(
  dept: DepartmentRoster,
  cand: z.output<typeof TierCandidateSchema>,
  tier: 'vip' | 'preferred',
  policy: TierPolicy,
): Decision<CapCheck> {
  const crit = criteriaFor(policy, tier);
  const others = dept.customers.filter((x) => x.id !== cand.id);
  const total = others.length + 1;
  const departmentMax = floorFraction(total, crit.cap.department);
  const departmentCount = others.filter((x) => x.tier === tier).length;
  const departmentOk = departmentCount + 1 <= departmentMax;
  const products = cand.products.map((product) => {
    const pool = others.filter((x) => x.products.includes(product));
    const max = floorFraction(pool.length + 1, crit.cap.perProduct);
    const count = pool.filter((x) => x.tier === tier).length;
    return { product, customers: pool.length + 1, max, count, ok: count + 1 <= max };
  });
  const productOver = products.some((x) => !x.ok);
  const productWarning = productOver && crit.cap.perProductEnforcement === 'warn';
  const allowed = departmentOk && !(productOver && crit.cap.perProductEnforcement === 'block');
  const f = crit.cap.department;
  const trace = new Trace().add(
    crit.capRule,
    crit.clause,
    `本部門 ${total} 家客戶，${tier} 上限 ${departmentMax}（${f.numerator}/${f.denominator}，向下取整），現有 ${departmentCount}：${departmentOk ? '可再增加' : '已滿'}`,
    `${total} customers in the department; ${tier} cap ${departmentMax} (${f.numerator}/${f.denominator}, rounded down), ${departmentCount} held: ${departmentOk ? 'room left' : 'full'}`,
    { total, departmentMax, departmentCount },
  );
  for (const x of products.filter((p) => !p.ok)) {
    trace.add(
      crit.capRule,
      crit.clause,
      `單品種 ${x.product}：${x.customers} 家客戶，上限 ${x.max}，已有 ${x.count}${productWarning ? '（原則上控制，提示）' : ''}`,
      `product ${x.product}: ${x.customers} customers, cap ${x.max}, ${x.count} held${productWarning ? ' (a principle: warning only)' : ''}`,
      x,
    );
  }
  return trace.decide({
    tier,
    departmentCustomers: total,
    departmentMax,
    departmentCount,
    departmentOk,
    products,
    productWarning,
    allowed,
  });
}

/**
 * Grades a customer into a tier (S001-GRADE-04): not admitted → no tier; otherwise the best tier
 * whose criteria it meets and whose caps have room, else `qualified` (合格類, the default tier).
 *
 * @param customer - the customer's facts
 * @param department - the department roster (for the caps)
 * @param policy - a tier policy
 * @returns a decision: the tier (null when not admitted or exempt) with every step in the trace
 * @example
 * const tiers = customerTierPolicy({
 *   vip: { minBeds: 300, minAnnualBusiness: yuan(1_000_000) },
 *   preferred: { minBeds: 100, minAnnualBusiness: yuan(300_000) },
 * });
 * const hospital = {
 *   id: 'c9',
 *   kind: 'medicalInstitution',
 *   hospitalLevel: '3A' as const,
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
 *   },
 * };
 * const department = { id: 'D1', customers: Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, tier: 'qualified' as const })) };
 * gradeCustomer(hospital, department, tiers).value; //=> { tier: 'vip', capBlocked: [] }
 */
export function gradeCustomer(
  customer: z.input<typeof TierCustomerSchema>,
  department: z.input<typeof DepartmentRosterSchema>,
  policy: TierPolicy,
): Decision<{ tier: CreditTier | null; capBlocked: ('vip' | 'preferred')[] }> {
  paramsOf(policy, TierParamsSchema);
  const c = parseInput(TierCustomerSchema, customer, ['customer']);
  // The department is parsed only when a cap is checked (an unadmitted customer's is never read).
  return gradeWith(c, policy, (cand, tier) => tierCapCheck(department, cand, tier, policy));
}

/**
 * {@link gradeCustomer} on a customer and a department its module has parsed already (one parse,
 * not two; issue 21). @internal
 */
export function gradeCustomerParsed(
  c: TierCustomer,
  dept: DepartmentRoster,
  policy: TierPolicy,
): Decision<{ tier: CreditTier | null; capBlocked: ('vip' | 'preferred')[] }> {
  return gradeWith(c, policy, (cand, tier) => tierCapParsed(dept, cand, tier, policy));
}

/** {@link gradeCustomer} on a parsed customer, the caps checked by `capCheck`. */
function gradeWith(
  c: TierCustomer,
  policy: TierPolicy,
  capCheck: (
    candidate: z.output<typeof TierCandidateSchema>,
    tier: 'vip' | 'preferred',
  ) => Decision<CapCheck>,
): Decision<{ tier: CreditTier | null; capBlocked: ('vip' | 'preferred')[] }> {
  const p = paramsOf(policy, TierParamsSchema);
  const admission = admitCustomerParsed(c, policy);
  const trace = new Trace().append(admission.trace);
  if (!admission.value.admitted) return trace.decide({ tier: null, capBlocked: [] });
  const capBlocked: ('vip' | 'preferred')[] = [];
  for (const crit of p.tiers) {
    const eligible = tierEligibilityParsed(c, crit.tier, policy);
    trace.append(eligible.trace);
    if (!eligible.value.eligible) continue;
    const cap = capCheck({ id: c.id, products: c.products }, crit.tier);
    trace.append(cap.trace);
    if (cap.value.allowed) {
      trace.add('S001-GRADE-04', `${SEED_001} L616 2.1`, `劃分為 ${crit.tier} 客戶`, `graded ${crit.tier}`, {
        tier: crit.tier,
      });
      return trace.decide({ tier: crit.tier, capBlocked });
    }
    capBlocked.push(crit.tier);
  }
  trace.add(
    'S001-GRADE-04',
    `${SEED_001} L642 2.4`,
    '滿足準入條件，非VIP、非優選類：劃分為合格類客戶',
    'admitted, neither VIP nor preferred: graded qualified',
    { capBlocked },
  );
  return trace.decide({ tier: 'qualified', capBlocked });
}
