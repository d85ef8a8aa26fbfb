import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public names of @zhidu/sla, pinned: an export added or removed by accident fails here. A
// deliberate change updates these lists together with the changeset that announces it.
const RUNTIME_NAMES: readonly string[] = [
  'BreachSchema',
  'ComplaintRefSchema',
  'EscalationSchema',
  'EventMatcherSchema',
  'ExtensionSchema',
  'FlagRuleSchema',
  'IncidentSchema',
  'IntakeFieldSchema',
  'PhaseDeadlineSchema',
  'QuotaSchema',
  'RecurringObligationSchema',
  'RefundInputSchema',
  'RoutingTableSchema',
  'SERVICE_TABLES_004',
  'SLA_PRESETS',
  'ServiceRowSchema',
  'SlaChecklistSchema',
  'SlaEventSchema',
  'SlaPolicyParamsSchema',
  'TIMER_STEPS',
  'TargetSchema',
  'TimerAnomalySchema',
  'TimerDefinitionSchema',
  'TimerStateSchema',
  'TimerStatusSchema',
  'WarningSchema',
  'WorkflowEventSchema',
  'asSlaPolicy',
  'assertKnownEventTypes',
  'assignRegisterNumbers',
  'classifyComplaint',
  'collectViolations',
  'conferenceMarketing001Preset',
  'construction000Preset',
  'corporate000bPreset',
  'dealer000Preset',
  'dealerGroup000Preset',
  'dedupeComplaints',
  'defineSlaPolicy',
  'evaluateChecklist',
  'evaluateIncidents',
  'evaluateQuota',
  'evaluateTimers',
  'eventsUpTo',
  'exchangeMembership001bPreset',
  'expandRecurring',
  'gps000Preset',
  'gpsAfterSales001bPreset',
  'handlingRate',
  'isInAnnualInspectionWindow',
  'isLateAttitudeComplaint',
  'jointVenturePartners000bPreset',
  'knownEventTypes',
  'lawFirm001bPreset',
  'leasing000bPreset',
  'logistics001bPreset',
  'marginRefundSchedule',
  'newCustomerDevelopment001Preset',
  'parseEvents',
  'periodDue',
  'propertyCommunication000bPreset',
  'propertyRepair002Preset',
  'propertyRevisit000bPreset',
  'propertyService004Preset',
  'prosthetics001Preset',
  'resolveTarget',
  'retail000Preset',
  'runTimers',
  'runWorkflow',
  'salesOffice001Preset',
  'salesSite000bPreset',
  'serviceQuotas004',
  'serviceSupervision001Preset',
  'slaChecklist',
  'slaClassification',
  'slaIncidents',
  'slaInspectionWindow',
  'slaIntake',
  'slaMarginRefund',
  'slaModules',
  'slaPolicyJsonSchema',
  'slaQuota',
  'slaRecords',
  'slaTimers',
  'slaTimersWith',
  'slaWorkflow',
  'summarizeComplaints',
  'timerPipeline',
  'validateIntake',
];

const TYPE_NAMES: readonly string[] = [
  'Classification',
  'ClassifyParams',
  'ConferenceMarketing001Options',
  'Construction000Options',
  'Dealer000Options',
  'DealerGroup000Options',
  'Escalation',
  'EvaluateTimersOptions',
  'EventMatcher',
  'FlagRule',
  'Incident',
  'IntakeField',
  'LawFirm001bOptions',
  'Leasing000bOptions',
  'NewCustomerDevelopment001Options',
  'ParsedEvent',
  'PhaseDeadline',
  'PropertyRepair002Options',
  'PropertyService004Options',
  'Quota',
  'RecurringObligation',
  'ResolvedTarget',
  'RoutingTable',
  'ServiceRow',
  'ServiceSupervision001Options',
  'SlaChecklist',
  'SlaEvent',
  'SlaEventInput',
  'SlaPolicy',
  'SlaPolicyParams',
  'SlaPolicyParamsInput',
  'SlaPresetName',
  'Target',
  'TimerAnomaly',
  'TimerCustomRule',
  'TimerDefinition',
  'TimerDefinitionInput',
  'TimerInstance',
  'TimerRuleStep',
  'TimerRun',
  'TimerStage',
  'TimerState',
  'TimerStatus',
  'WorkflowEventInput',
  'WorkflowState',
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

describe('@zhidu/sla public API', () => {
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
