import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import type { ServicePolicy } from '../policy.js';
import {
  s000bPartnerPolicy,
  s000bPropertyRevisitPolicy,
  s000bRelationshipPolicy,
  s000bSalesInfoPolicy,
  s000bSalesVisitPolicy,
  s000CustomerInfoPolicy,
  s001bGpsServicePolicy,
  s001bReturnVisitPolicy,
  s001bSalesVisitPolicy,
  s002CsProcedurePolicy,
  s002CsSystemPolicy,
  s002SalesOfficePolicy,
  s003ArchivePolicy,
  s004LeasingPolicy,
  s004PropertyPolicy,
} from '../presets/index.js';
import { recordCheck } from './checklist.js';

type Row = [
  rule: string,
  policy: ServicePolicy,
  key: string,
  complete: Record<string, unknown>,
  broken: Record<string, unknown>,
  missing: string[],
  invalid: string[],
];

// Each row: a record the regulation accepts, and one it does not, with the exact fields reported.
const rows: Row[] = [
  [
    'S001B-SERVICE-04',
    s001bGpsServicePolicy,
    'repairIntake',
    {
      customerName: 'Wang',
      address: 'A-1',
      contact: '138',
      productModel: 'G7',
      purchaseDate: '2024-01-01',
      faultSymptom: 'no signal',
    },
    { customerName: 'Wang', contact: '138' },
    ['address', 'productModel', 'purchaseDate', 'faultSymptom'],
    [],
  ],
  [
    'S004-RECEPT-01',
    s004PropertyPolicy,
    'moveIn',
    {
      registeredAt: '2024-03-01',
      keysIssued: 2,
      userInfoForm: true,
      facilityInspection: 'ok',
      electricityMeterReading: 1234,
    },
    { registeredAt: '2024-03-01', keysIssued: 0, userInfoForm: true, facilityInspection: 'ok' },
    ['electricityMeterReading'],
    ['keysIssued'],
  ],
  [
    'S002-FLOW-03',
    s002SalesOfficePolicy,
    'needsRecord',
    { budget: 3000000, houseType: '3BR', livingNeeds: 'near school' },
    { budget: 3000000 },
    ['houseType', 'livingNeeds'],
    [],
  ],
  [
    'S002-FLOW-03',
    s002SalesOfficePolicy,
    'delivery',
    { afterSalesOwnerId: 'u9' },
    { afterSalesOwnerId: null },
    ['afterSalesOwnerId'],
    [],
  ],
  [
    'S004-RECEPT-02',
    s004LeasingPolicy,
    'phoneLead',
    { companyName: 'ABC Ltd', phone: '021-1' },
    { companyName: 'ABC Ltd' },
    ['contact'],
    [],
  ],
  [
    'S004-RECEPT-04',
    s004LeasingPolicy,
    'visitorRecord',
    { businessCard: 'yes', companyNature: 'private', businessScope: 'trade', requiredAreaSqm: 300 },
    { businessCard: 'yes', businessScope: 'trade', requiredAreaSqm: 300 },
    ['companyNature'],
    [],
  ],
  [
    'S004-RECEPT-05',
    s004LeasingPolicy,
    'viewingRecord',
    { orientation: 'S', areaSqm: 300, efficiencyRatio: 0.8, neighbouringTenants: 'banks' },
    { orientation: 'S', areaSqm: 300 },
    ['efficiencyRatio', 'neighbouringTenants'],
    [],
  ],
  [
    'S004-FOLLOW-05',
    s004LeasingPolicy,
    'noIntentVisit',
    { intent: 'none', cardGiven: false, contactName: 'Li', phone: '1', address: 'x' },
    { intent: 'none', cardGiven: false, contactName: 'Li' },
    ['phone', 'address'],
    [],
  ],
  [
    'S004-FOLLOW-06',
    s004LeasingPolicy,
    'trackingActivity',
    { channel: 'phone' },
    { channel: 'wechat' },
    [],
    ['channel'],
  ],
  [
    'S004-FOLLOW-07',
    s004LeasingPolicy,
    'lostToCompetitor',
    { competitorBuilding: 'Tower X', signedPrice: 110 },
    { signedPrice: 110 },
    ['competitorBuilding'],
    [],
  ],
  [
    'S004-FOLLOW-08',
    s004LeasingPolicy,
    'priceObjection',
    { obstacle: 'price', targetPrice: 95 },
    { obstacle: 'price' },
    ['targetPrice'],
    [],
  ],
  ['S004-REFERRAL-04', s004LeasingPolicy, 'type3AgentVisit', { escortedOut: true }, {}, ['escortedOut'], []],
  [
    'S001B-FOLLOWUP-03',
    s001bReturnVisitPolicy,
    'returnVisitPlanItem',
    { approxTime: '2024-04-10', content: 'review', purpose: 'satisfaction', method: 'ON_SITE' },
    { content: 'x', method: 'PHONE' },
    ['approxTime', 'purpose'],
    [],
  ],
  [
    'S001B-FOLLOWUP-04',
    s001bReturnVisitPolicy,
    'appointment',
    { appointmentTime: '2024-04-10T14:00', appointmentPlace: 'client office', customerConfirmed: true },
    { appointmentTime: '2024-04-10T14:00', customerConfirmed: true },
    ['appointmentPlace'],
    [],
  ],
  [
    'S001B-FOLLOWUP-04',
    s001bReturnVisitPolicy,
    'appointment',
    { appointmentTime: 't', appointmentPlace: 'p', customerConfirmed: true },
    { appointmentTime: 't', appointmentPlace: 'p', customerConfirmed: false },
    ['customerConfirmed'],
    [],
  ],
  [
    'S001B-FOLLOWUP-06',
    s001bReturnVisitPolicy,
    'returnVisitRecord',
    { customerNeeds: 'faster delivery', serviceOpinions: 'ok' },
    { customerNeeds: 'faster delivery' },
    ['serviceOpinions'],
    [],
  ],
  [
    'S001B-FOLLOWUP-14',
    s001bSalesVisitPolicy,
    'preVisit',
    { contactedInAdvance: true, targetSet: true },
    { contactedInAdvance: false, targetSet: true },
    ['contactedInAdvance'],
    [],
  ],
  [
    'S001B-FOLLOWUP-14',
    s001bSalesVisitPolicy,
    'preVisit',
    { contactedInAdvance: true, targetSet: true, needsExpenses: true, expensesRequested: true },
    { contactedInAdvance: true, targetSet: true, needsExpenses: true, expensesRequested: false },
    ['expensesRequested'],
    [],
  ],
  [
    'S000B-FOLLOWUP-08',
    s000bPropertyRevisitPolicy,
    'revisitProof',
    { mode: 'phone', modeNote: '电话回访' },
    { mode: 'onSite', customerSignature: null },
    ['customerSignature'],
    [],
  ],
  [
    'S000B-FOLLOWUP-08',
    s000bPropertyRevisitPolicy,
    'revisitProof',
    { mode: 'onSite', customerSignature: 'sig' },
    { mode: 'phone', modeNote: '' },
    ['modeNote'],
    [],
  ],
  [
    'S000B-FOLLOWUP-09',
    s000bPropertyRevisitPolicy,
    'revisitReview',
    { supervisorOpinion: 'ok', supervisorSignedAt: '2024-03-06' },
    { supervisorOpinion: '' },
    ['supervisorOpinion', 'supervisorSignedAt'],
    [],
  ],
  [
    'S000B-FOLLOWUP-10',
    s000bPropertyRevisitPolicy,
    'newIssueDuringRevisit',
    { newIssueRaised: true, answeredOnSpot: false, replyScheduledAt: '2024-03-08' },
    { newIssueRaised: true, answeredOnSpot: false },
    ['replyScheduledAt'],
    [],
  ],
  [
    'S000B-FOLLOWUP-12',
    s000bPropertyRevisitPolicy,
    'exemptClosure',
    { exempt: true, replyLetterNote: '复函已附' },
    { exempt: true },
    ['replyLetterNote'],
    [],
  ],
  [
    'S000B-FOLLOWUP-13',
    s000bPropertyRevisitPolicy,
    'revisitOutcome',
    {
      satisfied: false,
      resolvedNow: false,
      explanation: '材料到货需5天',
      nextRevisitAt: '2024-03-12',
      rectificationAssigneeId: 't3',
    },
    { satisfied: false, resolvedNow: false, explanation: '材料到货需5天', rectificationAssigneeId: 't3' },
    ['nextRevisitAt'],
    [],
  ],
  [
    'S000B-FOLLOWUP-15',
    s000bSalesVisitPolicy,
    'salesVisitRecord',
    { target: 'peer', purpose: 'competitorIntel' },
    { target: 'supplier', purpose: 'competitorIntel' },
    [],
    ['target'],
  ],
  [
    'S000B-FOLLOWUP-21',
    s000bPartnerPolicy,
    'partnerVisit',
    { dataUpdated: true, forwardedToShengchangAt: '2024-03-06' },
    { dataUpdated: true },
    ['forwardedToShengchangAt'],
    [],
  ],
  [
    'S000B-FOLLOWUP-23',
    s000bSalesInfoPolicy,
    'maintenanceActivity',
    { type: 'scheduledVisit', trigger: 'holiday', archived: true },
    { type: 'productUsageSurvey', archived: false },
    ['archived'],
    [],
  ],
  [
    'S000B-FOLLOWUP-24',
    s000bRelationshipPolicy,
    'relationshipVisit',
    { nextVisitAt: '2024-04-01' },
    {},
    ['nextVisitAt'],
    [],
  ],
  [
    'S000-FOLLOWUP-03',
    s000CustomerInfoPolicy,
    'relationshipActivity',
    { type: 'scheduledVisit', department: 'sales', occasion: 'Mid-Autumn' },
    { type: 'scheduledVisit', department: 'sales' },
    ['occasion'],
    [],
  ],
  [
    'S002-REVISIT-04',
    s002CsProcedurePolicy,
    'revisitSurvey',
    { formVersion: 'handover-v2' },
    {},
    ['formVersion'],
    [],
  ],
  [
    'S002-REVISIT-05',
    s002CsProcedurePolicy,
    'reRevisit',
    { csDeptManagerPresent: true },
    { csDeptManagerPresent: false },
    ['csDeptManagerPresent'],
    [],
  ],
  [
    'S002-FOLLOW-01',
    s002CsSystemPolicy,
    'periodicRevisit',
    { purchaseSatisfaction: 4, constructionProgress: 'on time', afterSalesSatisfaction: 5 },
    { purchaseSatisfaction: 4 },
    ['constructionProgress', 'afterSalesSatisfaction'],
    [],
  ],
  [
    'S003-ARCHIVE-04',
    s003ArchivePolicy,
    'feedback',
    { evaluation: 'good', suggestions: [] },
    { suggestions: ['x'] },
    ['evaluation'],
    [],
  ],
];

describe('record checklists (data-driven)', () => {
  const cases = rows.map(([rule, policy, key, complete, broken, missing, invalid]) => ({
    rule,
    policy,
    key,
    complete,
    broken,
    missing,
    invalid,
  }));
  it.each(cases)(
    '$rule: checklist $key accepts the complete record and reports exactly what is missing',
    ({ rule, policy, key, complete, broken, missing, invalid }) => {
      const ok = recordCheck(key, complete, policy);
      expect(ok.value).toEqual({ complete: true, missing: [], invalid: [] });
      expect(ok.trace[0]?.rule).toBe(rule);
      const bad = recordCheck(key, broken, policy);
      expect(bad.value).toEqual({ complete: false, missing, invalid });
    },
  );

  it('does not require the no-intent contact details when a card was left (S004-FOLLOW-05)', () => {
    expect(
      recordCheck('noIntentVisit', { intent: 'none', cardGiven: true }, s004LeasingPolicy).value.complete,
    ).toBe(true);
  });

  it('does not require an outcome plan when the customer is satisfied (S000B-FOLLOWUP-13)', () => {
    expect(
      recordCheck('revisitOutcome', { satisfied: true }, s000bPropertyRevisitPolicy).value.complete,
    ).toBe(true);
  });

  it('refuses an unknown checklist or a non-object record', () => {
    expect(() => recordCheck('nope', {}, s004LeasingPolicy)).toThrow(ZhiduError);
    expect(() =>
      recordCheck('phoneLead', [] as unknown as Record<string, unknown>, s004LeasingPolicy),
    ).toThrow(ZhiduError);
    expect(() => recordCheck('phoneLead', {}, s002CsSystemPolicy)).toThrow(ZhiduError);
  });
});
