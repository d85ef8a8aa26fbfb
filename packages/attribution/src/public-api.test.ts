import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public names of @zhidu/attribution, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'AttrsSchema',
  'CATALOG_STEP_IDS',
  'ChannelSchema',
  'ClaimBasisSchema',
  'ClaimSchema',
  'ClaimsInputSchema',
  'ComplaintVerificationEventSchema',
  'ConferenceParamsSchema',
  'ContactCoverageInputSchema',
  'ContactCoverageParamsSchema',
  'CustomerEventSchema',
  'DealAttributionSchema',
  'DealEventSchema',
  'DepartureEventSchema',
  'DeskStatusSchema',
  'DisputeEventSchema',
  'DuplicatesInputSchema',
  'FollowUpEventSchema',
  'IntakeSchema',
  'JointEventCaseSchema',
  'JointEventSchema',
  'LinkEventSchema',
  'LookupEventSchema',
  'ManagerDecisionEventSchema',
  'OWNERSHIP_RULE_ID',
  'OutreachInputSchema',
  'OwnershipSchema',
  'PercentSchema',
  'PeriodSchema',
  'PriorOwnerSchema',
  'ReassignmentEventSchema',
  'ReceptionKindSchema',
  'ReceptionRotation',
  'RegistrationEventSchema',
  'RotationEventSchema',
  'RotationInputSchema',
  'RotationParamsSchema',
  'RotationStateSchema',
  'SalesEventSchema',
  'SalesHistorySchema',
  'SalesLogSchema',
  'SalesOfficeParamsSchema',
  'SalesOfficePolicySchema',
  'ServiceActivitySchema',
  'ServiceAdequacyInputSchema',
  'ShareSchema',
  'SharedBoxInputSchema',
  'StaffMemberSchema',
  'SubmissionSchema',
  'TwoWaySplitSchema',
  'VenueInputSchema',
  'VenuePolicySchema',
  'VisitCaseSchema',
  'VisitEventSchema',
  'VisitOutcomeSchema',
  'ZhiduError',
  'allocateOutreachFiles',
  'attributeEventSale',
  'attributionClaims',
  'attributionContactCoverage',
  'attributionDuplicates',
  'attributionJointEvent',
  'attributionModules',
  'attributionOutreach',
  'attributionOwnership',
  'attributionOwnershipBatch',
  'attributionOwnershipBatchWith',
  'attributionOwnershipWith',
  'attributionPipelines',
  'attributionRegistration',
  'attributionRotation',
  'attributionServiceAdequacy',
  'attributionSharedBox',
  'attributionVenue',
  'auditSharedBox',
  'canCompanyReassign',
  'canInitiateGradeChange',
  'canInvite',
  'canMaintainFile',
  'checkContactCoverage',
  'checkRegistration',
  'claimOf',
  'conferenceMarketing001',
  'conferencePolicyJsonSchema',
  'dealerRegistration000b',
  'defineSalesOfficePolicy',
  'detectDuplicates',
  'drawHeirs',
  'effectiveInvitationDate',
  'eventDayDeadline',
  'expiryDate',
  'handleDeparture',
  'isLongLeave',
  'isProtected',
  'isServiceInadequate',
  'isVenueAllowed',
  'jointEventConflict',
  'keyAccountOwner',
  'makeContext',
  'ownershipPipeline',
  'reassignByLottery',
  'receptionCostCentre',
  'receptionDuties001',
  'requiredSubmissions',
  'resolveAllOwnership',
  'resolveClaims',
  'resolveJointEvent',
  'resolveOwnership',
  'responsibleRole',
  'rotation001',
  'rotationPolicyJsonSchema',
  'routeIntake',
  'salesOffice001',
  'salesOfficePolicyJsonSchema',
  'seededRng',
  'sharesOf',
  'splitAmount',
  'venues001',
];

const TYPE_NAMES: readonly string[] = [
  'Assignment',
  'AttributionPhase',
  'AttributionState',
  'AttributionStateBase',
  'Channel',
  'Claim',
  'ClaimBasis',
  'ClaimRuling',
  'ClassifiedVisit',
  'ConferenceParams',
  'CustomRule',
  'CustomerEvent',
  'DealAttribution',
  'DealEvent',
  'DealState',
  'Decision',
  'DepartureEvent',
  'DepartureHandling',
  'DeskStatus',
  'EvalContext',
  'IntakeCase',
  'JointEvent',
  'JointEventCaseInput',
  'JointEventOutcome',
  'ListStatus',
  'LotteryMode',
  'OwnerState',
  'Ownership',
  'OwnershipStage',
  'Period',
  'PriorOwner',
  'ReceptionKind',
  'RegistrationCheck',
  'RegistrationClaim',
  'RegistrationEvent',
  'RequiredSubmission',
  'ResolveOptions',
  'Rng',
  'RotationOutcome',
  'RotationParams',
  'RotationState',
  'RuleStep',
  'SalesEvent',
  'SalesHistory',
  'SalesHistoryInput',
  'SalesLogInput',
  'SalesOfficeParams',
  'SalesOfficePolicy',
  'SalesOfficePolicyInput',
  'ServiceAdequacyInput',
  'Share',
  'Submission',
  'TraceEntry',
  'TwoWaySplit',
  'VenuePolicy',
  'Violation',
  'VisitCase',
  'VisitEvent',
  'VisitOutcome',
  'VisitState',
];

const indexSource = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');

/** The type-only names the index exports (`export type { … }`, `type X` specifiers, exported types and interfaces). */
function typeOnlyExports(text: string): string[] {
  const sf = ts.createSourceFile('index.ts', text, ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) if (st.isTypeOnly || e.isTypeOnly) names.push(e.name.text);
    } else if (
      (ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st)) &&
      st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      names.push(st.name.text);
    }
  }
  return names.sort();
}

describe('@zhidu/attribution public API', () => {
  it('exports exactly the pinned runtime names', () => {
    expect(Object.keys(api).sort()).toEqual([...RUNTIME_NAMES]);
  });

  it('exports exactly the pinned type-only names', () => {
    expect(typeOnlyExports(indexSource)).toEqual([...TYPE_NAMES]);
  });

  it('lists every export explicitly (no export * in the index)', () => {
    expect(indexSource.match(/export \*/g) ?? []).toEqual([]);
  });
});
