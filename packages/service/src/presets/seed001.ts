import { yuan } from '@zhidu/core';
import type { ServicePolicy } from '../policy.js';
import { cite, noSales, preset, ruleDefaults } from './define.js';

/** 精選篇1 (conference marketing), seed 001 L12–74: referral points. */
export const s001ConferenceMarketingPolicy: ServicePolicy = preset(
  's001.conferenceMarketing',
  '企業客戶管理規章制度精選篇1',
  '001 L28–32',
  {
    referral: {
      citations: {
        attendance: cite('S001-REFERRAL-01', '001 L30'),
        sales: cite('S001-REFERRAL-02', '001 L32'),
      },
      pointsPerNewAttendee: 100,
      // "每帶一個新顧客": once per distinct new customer, not per attendance.
      perAttendance: false,
      requireClubMember: true,
      pointsPerSalesUnit: 100,
      salesUnit: yuan(1000),
      // "每1000元銷售": full thousands of the new customer's on-site sales at one event.
      salesRounding: 'floorPerCustomerEvent',
      onSiteOnly: true,
    },
  },
);

/** 精選篇2 (real-estate sales office), seed 001 L76–238: rotation reception, registration, tracking. */
export const s001SalesOfficePolicy: ServicePolicy = preset(
  's001.salesOffice',
  '企業客戶管理規章制度精選篇2',
  '001 L76–238',
  {
    rotation: {
      citations: {
        rotation: cite('S001-RECEP-01', '001 L100, L106'),
        standby: cite('S001-RECEP-02', '001 L102'),
        skip: cite('S001-RECEP-03', '001 L104'),
        turns: cite('S001-RECEP-04', '001 L112, L170, L178'),
        intake: cite('S001-RECEP-05', '001 L108'),
      },
      // Only "因公事外出" earns make-up turns (L104); a busy skip earns none.
      creditBusySkips: false,
      // The catalog's reading (S001-RECEP-01): the order table restarts every day.
      resets: 'daily',
      consumesTurn: {
        newWalkIn: true,
        returnVisit: false,
        assistForAbsent: false,
        // L178 (specific) wins over L112.
        forgotWhoServed: true,
        firstVisitDesignated: false,
      },
    },
    sales: {
      ...noSales,
      citations: {
        trackingForm: cite('S001-FOLLOW-02', '001 L144'),
        corroboration: cite('S001-FOLLOW-01', '001 L124–126, L146'),
        dailyTasks: cite('S001-FOLLOW-04', '001 L138'),
      },
      trackingFormGrades: ['A', 'B'],
    },
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S001-FOLLOW-03', '001 L150'),
        key: 'dailyRegistration',
        zh: '每日客户登记上交主管',
        en: 'daily customer registration to the supervisor',
        trigger: 'workday',
        action: 'registration',
        // No time is given: by the end of the day (the evening meeting closes the day).
        due: { unit: 'sameDay' },
        assigneeRole: 'salesRep',
        violationCode: 'service.dailyRegistration',
      },
    ],
  },
);

/** 精選篇3 (credit management), seed 001 L240–336: credit-report cadence, visit-plan pruning. */
export const s001CreditManagementPolicy: ServicePolicy = preset(
  's001.creditManagement',
  '企業客戶管理規章制度精選篇3',
  '001 L240–336',
  {
    cadences: [
      {
        ...cite('S001-FOLLOW-06', '001 L296–300'),
        key: 'creditReport',
        zh: '信用报告',
        en: 'credit report',
        phases: [],
        byGrade: { A: { months: 6 }, B: { months: 3 }, C: { months: 1 }, D: { months: 1 } },
      },
    ],
    sales: {
      ...noSales,
      citations: { prune: cite('S001-FOLLOW-05', '001 L320') },
      pruneAfterFruitlessVisits: 5,
    },
  },
);

/** 精選篇4 (new-customer development), seed 001 L338–412: project tracking records. */
export const s001NewCustomerDevelopmentPolicy: ServicePolicy = preset(
  's001.newCustomerDevelopment',
  '企業客戶管理規章制度精選篇4',
  '001 L338–412',
  {
    cadences: [
      {
        ...cite('S001-FOLLOW-07', '001 L376'),
        key: 'projectTracking',
        zh: '项目跟踪记录',
        en: 'project tracking record',
        phases: [{ step: { days: 30 }, untilMonths: null }],
      },
    ],
  },
);

/** 精選篇5 (visitor reception), seed 001 L414–454: categories, venues, duties. */
export const s001VisitorReceptionPolicy: ServicePolicy = preset(
  's001.visitorReception',
  '企業客戶管理規章制度精選篇5',
  '001 L414–454',
  {
    reception: {
      citations: {
        classes: cite('S001-RECEP-06', '001 L426–430'),
        venue: cite('S001-RECEP-06', '001 L434–436'),
        duties: cite('S001-RECEP-07', '001 L444–454'),
      },
      classes: [
        {
          class: 'A',
          zh: 'a類貴賓接待',
          en: 'VIP reception',
          criteria: ['seniorMgmtGuest', 'importantCustomer', 'foreignGuest', 'delegation', 'government'],
          hostRole: null,
          budgetPerPerson: null,
          budgetKind: 'cap',
          venue: 'cultureHall',
        },
        {
          class: 'B',
          zh: 'b類業務接待',
          en: 'business reception',
          criteria: ['marketingCustomer'],
          hostRole: null,
          budgetPerPerson: null,
          budgetKind: 'cap',
          venue: 'businessRoom',
        },
        {
          class: 'C',
          zh: 'c類普通接待',
          en: 'general reception',
          criteria: ['generalVisitor'],
          hostRole: null,
          budgetPerPerson: null,
          budgetKind: 'cap',
          venue: 'leisureLounge',
        },
      ],
      defaultClass: 'C',
      approximateTolerancePercent: 0,
      budgetBasis: 'guests',
      companionBands: [],
      hostRanks: [],
      gifts: null,
      alwaysAllowedVenues: ['gmOffice'],
      mustDecline: [],
      vipCategories: [],
      duties: {
        environmentAndSupplies: ['receptionCenter'],
        securityAndGuiding: ['guard'],
        visitorLog: ['frontDeskClerk'],
        mealsAndLodging: ['frontDeskClerk'],
        accompanyNegotiation: ['handlingDepartment', 'secretary'],
        vipAndBusinessRooms: ['secretary'],
        overall: ['officeDirector'],
      },
    },
  },
);

/** 精選篇6 (service supervision), seed 001 L456–540: New Year gifts, weekly report, return-visit calls. */
export const s001ServiceSupervisionPolicy: ServicePolicy = preset(
  's001.serviceSupervision',
  '企業客戶管理規章制度精選篇6',
  '001 L456–540',
  {
    cadences: [
      {
        ...cite('S001-FOLLOW-08', '001 L490'),
        key: 'returnVisitCalls',
        zh: '定期电话回访',
        en: 'return-visit calls',
        phases: [
          { step: { months: 1 }, untilMonths: 12 },
          { step: { months: 3 }, untilMonths: null },
        ],
      },
      // "定期" with no period for the three proactive services: the company must set them.
      {
        ...cite('S001-FOLLOW-11', '001 L514'),
        key: 'qualityInspection',
        zh: '质量巡检',
        en: 'quality inspection',
        phases: [],
      },
      {
        ...cite('S001-FOLLOW-11', '001 L518'),
        key: 'satisfactionSurvey',
        zh: '满意度调查',
        en: 'satisfaction survey',
        phases: [],
      },
      {
        ...cite('S001-FOLLOW-11', '001 L522'),
        key: 'serviceResearch',
        zh: '服务调研',
        en: 'service research',
        phases: [],
      },
    ],
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S001-FOLLOW-09', '001 L482'),
        key: 'newYearCampaign',
        zh: '新年礼物及次年需求调查',
        en: 'New Year gift and next-year demand survey',
        // One trigger per customer on 1 December; due by the end of December.
        trigger: 'decemberCampaign',
        action: 'newYearGift',
        due: { unit: 'endOfMonth' },
        assigneeRole: 'customerService',
        violationCode: 'service.newYearCampaign',
      },
      {
        ...ruleDefaults,
        ...cite('S001-FOLLOW-10', '001 L486'),
        key: 'weeklyServiceReport',
        zh: '周五午时例会提交周报',
        en: 'weekly service report at the Friday noon meeting',
        // Trigger at Monday 00:00 of the week; 4 days 12 hours later is Friday 12:00 (Asia/Shanghai has no DST).
        trigger: 'serviceWeek',
        action: 'weeklyReport',
        due: { unit: 'hours', amount: 108 },
        assigneeRole: 'technicalServiceStaff',
        latenessUnit: 'minutes',
        violationCode: 'service.weeklyReport',
      },
    ],
  },
);
