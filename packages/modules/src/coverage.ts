/**
 * Which exported rule functions of the six packages are backed by a registered module.
 *
 * A function that takes a policy must be reachable through a module of the registry, so the CLI,
 * the store and every adapter can run it by id. The coverage test (`coverage.test.ts`) enumerates
 * each package's exports whose name starts with one of {@link RULE_FUNCTION_PREFIXES} and fails
 * unless each one is listed exactly once here: backed by a registered module ({@link BACKED_BY}),
 * not yet ported ({@link PENDING}, which must shrink, and whose entries must still be exports), or
 * not taking a policy at all ({@link NOT_POLICY_TAKING}, with the reason).
 */

/** The rule packages whose modules the registry holds. */
export const RULE_PACKAGES = ['sla', 'attribution', 'penalty', 'records', 'credit', 'service'] as const;
/** One of {@link RULE_PACKAGES}. */
export type RulePackage = (typeof RULE_PACKAGES)[number];

/** Export-name prefixes of the functions that apply a regulation (and usually take a policy). */
export const RULE_FUNCTION_PREFIXES = [
  'evaluate',
  'resolve',
  'assess',
  'check',
  'decide',
  'compute',
] as const;

/**
 * Exported rule function → the id of the registered module that backs it (the function is a thin
 * call of the module, or the module's `evaluate` calls it and returns the same figures).
 * `thin-calls.test.ts` runs every thin call on its module's scenario files against the module.
 */
export const BACKED_BY: Readonly<Record<RulePackage, Readonly<Record<string, string>>>> = {
  sla: {
    evaluateChecklist: 'sla.checklist',
    evaluateIncidents: 'sla.incidents',
    evaluateQuota: 'sla.quota',
    evaluateTimers: 'sla.timers',
  },
  attribution: {
    resolveOwnership: 'attribution.ownership',
    checkRegistration: 'attribution.registration',
    checkContactCoverage: 'attribution.contact-coverage',
    resolveAllOwnership: 'attribution.ownership-batch',
    resolveJointEvent: 'attribution.joint-event',
    resolveClaims: 'attribution.claims',
  },
  penalty: { assessPenalties: 'penalty.ledger' },
  records: {
    checkBackup: 'records.backup',
    checkCompleteness: 'records.completeness',
    checkCurrency: 'records.currency',
    checkDestruction: 'records.destruction',
    checkHandover: 'records.handover',
    checkLedger: 'records.ledger',
    checkLoan: 'records.loan',
    checkPurge: 'records.purge',
    checkSnapshots: 'records.snapshots',
    decideAccess: 'records.access',
  },
  credit: {
    checkCreditAction: 'credit.action',
    checkCreditEligibility: 'credit.eligibility',
    checkCreditSale: 'credit.sale',
    checkCreditTerms: 'credit.terms-check',
    checkShipment: 'credit.shipment',
    checkTierUpgrade: 'credit.tier-upgrade',
    checkVipDowngrade: 'credit.vip-downgrade',
    // a thin call: the table is the policy's params (compiled once by credit.decision-table)
    evaluateDecisionTable: 'credit.decision-table',
    resolveGradeChange: 'credit.grade-change',
  },
  service: {
    // service modules take an `op` naming the function where one module covers several; each function
    // below is a thin call that supplies its own op.
    checkAssessment: 'service.kpi',
    checkFrequency: 'service.frequency',
    checkGreeting: 'service.reception',
    checkPreApproval: 'service.sales',
    checkRecord: 'service.records',
    checkRevisitPlan: 'service.revisit',
    computeReferralPoints: 'service.referral',
  },
};

/**
 * Exported rule functions that take a policy but are not yet backed by a registered module
 * (issue 10 is being ported package by package). Every entry must still be an export of its
 * package; move an entry to {@link BACKED_BY} when its module lands.
 */
export const PENDING: Readonly<Record<RulePackage, readonly string[]>> = {
  sla: [],
  attribution: [],
  penalty: [],
  records: [],
  credit: [],
  service: [],
};

/**
 * Exports whose name starts like a rule function but that take no policy, with the reason: helpers
 * a module uses, not entry points of their own.
 */
export const NOT_POLICY_TAKING: Readonly<Record<RulePackage, Readonly<Record<string, string>>>> = {
  sla: {
    // (target, startAt, attributes, …): picks the time limit a condition table selects; a step of sla.timers.
    resolveTarget: 'helper of the timer engine: resolves one target row, takes no policy',
  },
  attribution: {},
  penalty: {
    // (outcome): maps an assessment outcome to reward / none / training-or-penalty (a fixed table).
    assessmentConsequence: 'fixed mapping of an assessment outcome, takes no policy',
  },
  records: {
    // (ctx, policy?): fills in the zone and calendar of a records context; not a rule.
    resolveContext: 'context helper (zone and calendar), not a rule',
    // (input): the fixed checklist of archives on termination, no policy parameter.
    checkTerminationArchives: 'fixed checklist on termination, takes no policy',
    // The record templates and taxonomies of the core-model ids (moved here from core): each checks a
    // value against a template, taxonomy or stage graph passed as data, not against a policy.
    checkRecordTemplate: 'checks a record against the template it is given (models), takes no policy',
    checkTaxonomyValue: 'checks a value against the taxonomy it is given (models), takes no policy',
    checkTransition: 'checks a stage change against the stage graph it is given (models), takes no policy',
    checkPurchaseSequence: 'fixed order of purchase documents (S002-FLOW-04, models), takes no policy',
    checkPartnerFormSets:
      'one main form and three annexes per partner (S000B-CORE-08, models), takes no policy',
  },
  credit: {},
  service: {},
};
