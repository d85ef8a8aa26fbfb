import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public names of @zhidu/penalty, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'CapSchema',
  'ChargeSchema',
  'CustomerFilingOptionsSchema',
  'EnforcementInputSchema',
  'ExchangeConductSchema',
  'FileHandoverRecordSchema',
  'FilingUrgingsSchema',
  'FineEscalationSchema',
  'FineItemSchema',
  'FineScheduleParamsSchema',
  'FineScheduleSchema',
  'FineTargetSchema',
  'InactivitySchema',
  'IncentiveReviewSchema',
  'LEDGER_STEPS',
  'LedgerInputSchema',
  'LedgerSchema',
  'LineKindSchema',
  'LineSchema',
  'LineStatusSchema',
  'LossBandSchema',
  'MEASURES',
  'MeasureCodeSchema',
  'OutcomeSchema',
  'PRESETS',
  'PayEntrySchema',
  'PeriodLedgerSchema',
  'PersonLedgerSchema',
  'RepeatSchema',
  'RewardClaimSchema',
  'RosterSchema',
  'SanctionSetSchema',
  'TierSchema',
  'ViolationInputSchema',
  'assertScheduleConsistent',
  'assessPenalties',
  'assessmentConsequence',
  'conferenceMarketingSchedule',
  'constructionSchedule',
  'creditLiabilitySchedule',
  'customerFilingSchedule',
  'dealerFileSchedule',
  'defineSchedule',
  'departmentFileRates',
  'exchangeMemberSchedule',
  'exchangeTier',
  'feeRefundOnRevocation',
  'fineScheduleJsonSchema',
  'ignoredFilingUrgings',
  'incentiveReview',
  'ledgerPipeline',
  'mayLevyFine',
  'mayOrderCorrection',
  'meetsInactivityGround',
  'minCompensation',
  'penaltyEnforcement',
  'penaltyLedger',
  'penaltyLedgerWith',
  'penaltyModules',
  'preset',
  'propertyServiceSchedule',
  'rectificationOutcome',
  'rewardEligible',
  'salesOfficeSchedule',
  'validateSanctionSet',
];

const TYPE_NAMES: readonly string[] = [
  'AssessContext',
  'AssessOptions',
  'Cap',
  'Charge',
  'DepartmentFileRates',
  'EnforcementInput',
  'EnforcementResult',
  'ExchangeConduct',
  'ExchangeTier',
  'FineEscalation',
  'FineItem',
  'FineSchedule',
  'FineScheduleInput',
  'FineScheduleParams',
  'FineScheduleParamsInput',
  'FineTarget',
  'Ledger',
  'LedgerInput',
  'Line',
  'LineKind',
  'LineStatus',
  'MeasureCode',
  'Outcome',
  'PayEntry',
  'PenaltyCustomRule',
  'PenaltyEntry',
  'PenaltyEscalationNote',
  'PenaltyRuleStep',
  'PenaltyStage',
  'PeriodLedger',
  'PersonLedger',
  'PresetName',
  'Tier',
  'ViolationInput',
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

describe('@zhidu/penalty public API', () => {
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
