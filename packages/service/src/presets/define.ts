import { defineServicePolicy, type ServiceParamsInput, type ServicePolicy } from '../policy.js';

/**
 * A condition that holds when a flag is recorded as `false` or not recorded at all (an unticked box
 * on a paper form): `{ any: [{ attribute, equals: false }, { attribute, exists: false }] }`.
 */
export const falseOrUnrecorded = (attribute: string) => ({
  any: [
    { attribute, equals: false },
    { attribute, exists: false },
  ],
});

/** A citation literal. */
export const cite = (rule: string, clause: string) => ({ rule, clause });

/**
 * Builds a named preset for one source regulation. Presets start at 2000-01-01 (the regulations are
 * undated samples); a company copies one, changes `id`, `version`, `effectiveFrom` and the params.
 */
export function preset(id: string, title: string, clause: string, params: ServiceParamsInput): ServicePolicy {
  return defineServicePolicy({
    id,
    version: '1',
    effectiveFrom: '2000-01-01',
    zone: 'Asia/Shanghai',
    source: { title, clause },
    params,
  });
}

/** Defaults shared by follow-up rules: hard rule, no rate, no exemptions, lateness in calendar days. */
export const ruleDefaults = {
  earliest: undefined,
  allowedRoles: [] as string[],
  channels: [] as string[],
  ratePeriod: 'month' as const,
  lateCountsForRate: false,
  exemptFlags: [] as string[],
  severity: 'hard' as const,
  latenessUnit: 'calendarDays' as const,
};

/** An empty sales section to extend. */
export const noSales = {
  visitQuotas: {},
  preApprovalKinds: [] as string[],
  approvalRequiredBeforeActivity: true,
  pruneAfterFruitlessVisits: null,
  trackingFormGrades: [] as string[],
  seniorVisitGrades: [] as string[],
  seniorVisitSelectableGrades: [] as string[],
  maintenanceCategories: [] as string[],
  noticeLeadDays: null,
};

/** An empty revisit section to extend. */
export const noRevisit = {
  planOwnerRole: null,
  planMustCover: [] as string[],
  phoneAllowedFromRevisitNumber: null,
  onSiteOnlyLevels: [] as string[],
  openLetter: null,
  estate: null,
  dissatisfied: null,
  visitTypes: null,
  review: null,
};

/** An empty leasing section to extend. */
export const noLeasing = {
  areaTolerancePercent: null,
  flexibleTerms: [] as string[],
  negotiationLocations: [] as string[],
  bookingsPerSlot: 1,
  consultationSteps: [] as string[],
};
