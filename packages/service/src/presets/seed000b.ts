import type { ServicePolicy } from '../policy.js';
import { cite, falseOrUnrecorded, noLeasing, noRevisit, noSales, preset, ruleDefaults } from './define.js';

/** 案场客户维护 (real-estate sales site), seed 000 L773–1013: greetings and lead sources. */
export const s000bSalesSitePolicy: ServicePolicy = preset(
  's000b.salesSite',
  '客户管理制度(案场客户维护)',
  '000 L773–1013',
  {
    care: {
      citations: {
        birthday: cite('S000B-FOLLOWUP-01', '000 L819'),
        holiday: cite('S000B-FOLLOWUP-02', '000 L821'),
      },
      birthday: {
        includeFamily: true,
        closedDealOnly: true,
        channel: 'phone',
        importantAction: 'phoneGreetingOrGift',
        leapDayFallback: 'feb28',
      },
      // "每个节假日": every statutory holiday the caller's calendar lists; greet once per holiday.
      holiday: { holidays: [], channels: ['phone', 'sms'], closedDealOnly: true, firstDayOnly: true },
      paymentLeadDays: null,
    },
    leads: {
      citations: {
        sources: cite('S000B-REFERRAL-01', '000 L827–869'),
        prospect: cite('S000B-REFERRAL-02', '000 L833'),
        repeatDiscount: cite('S000B-REFERRAL-01', '000 L827'),
      },
      sources: [
        { source: 'chainReferral', referrerRequired: true },
        { source: 'keyInfluencerReferral', referrerRequired: true },
        { source: 'personalObservation', referrerRequired: false },
        { source: 'crossCooperation', referrerRequired: true },
      ],
      repeatDiscountMinPurchases: 1,
      repeatDiscountRate: null,
    },
  },
);

/** 物业回访制度 (property revisits), seed 000 L1015–1053. */
export const s000bPropertyRevisitPolicy: ServicePolicy = preset(
  's000b.propertyRevisit',
  '客户管理制度(物业回访)',
  '000 L1015–1053',
  {
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-04', '000 L1021'),
        key: 'complaintRevisit',
        zh: '投诉回访',
        en: 'complaint revisit',
        trigger: 'complaintHandled',
        action: 'revisit',
        // "三天内" read as calendar days (C2); a company on working days sets { unit: 'workingDays', amount: 3 }.
        due: { unit: 'calendarDays', amount: 3 },
        assigneeRole: 'propertyAssistant',
        assigneeByLevel: {
          general: 'propertyAssistant',
          important: 'departmentSupervisor',
          major: 'companyManager',
        },
        targetPercent: 50,
        // S000B-FOLLOWUP-12: no name left, or the higher authority only wants a reply letter.
        exemptFlags: ['anonymous', 'replyLetterOnly'],
        violationCode: 'service.complaintRevisit',
      },
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-05', '000 L1023'),
        key: 'repairRevisit',
        zh: '维修回访',
        en: 'repair revisit',
        trigger: 'repairCompleted',
        action: 'revisit',
        due: { unit: 'calendarMonths', amount: 1 },
        assigneeRole: 'zonePropertyAssistant',
        targetPercent: 30,
        violationCode: 'service.repairRevisit',
      },
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-06', '000 L1025'),
        key: 'activityRevisit',
        zh: '文体活动回访',
        en: 'community-activity revisit',
        // One trigger per participating household; the base of the 10 % is participants.
        trigger: 'activityParticipation',
        action: 'revisit',
        due: { unit: 'calendarMonths', amount: 1 },
        assigneeRole: 'communityCultureClerk',
        targetPercent: 10,
        violationCode: 'service.activityRevisit',
      },
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-07', '000 L1027'),
        key: 'holidayVisit',
        zh: '重大节日拜访',
        en: 'major-holiday visit',
        trigger: 'majorHoliday',
        action: 'holidayVisit',
        due: null,
        assigneeRole: 'companyManager',
        violationCode: 'service.holidayVisit',
      },
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-07', '000 L1027'),
        key: 'moveInRevisit',
        zh: '入伙回访',
        en: 'move-in revisit',
        trigger: 'moveIn',
        action: 'revisit',
        due: null,
        assigneeRole: 'propertyAssistant',
        violationCode: 'service.moveInRevisit',
      },
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-07', '000 L1027'),
        key: 'emergencyRevisit',
        zh: '突发事件处理后回访',
        en: 'revisit after an emergency',
        trigger: 'emergencyResolved',
        action: 'revisit',
        due: null,
        assigneeRole: 'propertyAssistant',
        violationCode: 'service.emergencyRevisit',
      },
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-09', '000 L1049'),
        key: 'monthlySummary',
        zh: '每月回访统计报公司领导',
        en: 'monthly revisit summary to leadership',
        trigger: 'revisitMonth',
        action: 'summaryToLeadership',
        // The seed sets no deadline for the summary; a company adds one (e.g. 次月5日前).
        due: null,
        assigneeRole: 'departmentSupervisor',
        violationCode: 'service.revisitSummary',
      },
    ],
    revisit: {
      ...noRevisit,
      citations: {
        plan: cite('S000B-FOLLOWUP-03', '000 L1017–1019'),
        modes: cite('S000B-FOLLOWUP-10', '000 L1033'),
        openLetter: cite('S000B-FOLLOWUP-11', '000 L1035'),
      },
      planOwnerRole: 'csSupervisor',
      planMustCover: ['complaintHandled', 'repairCompleted'],
      // "第二次以后" read inclusively (2nd onward); set 3 for the literal "after the 2nd".
      phoneAllowedFromRevisitNumber: 2,
      // "第三类投诉" read as the third level of L1021: major complaints.
      onSiteOnlyLevels: ['major'],
      openLetter: { allowed: true, mustBeArchived: true },
    },
    checklists: [
      {
        ...cite('S000B-FOLLOWUP-08', '000 L1029'),
        id: 'revisitProof',
        title: { zh: '回访记录', en: 'revisit record' },
        items: [
          {
            field: 'customerSignature',
            label: { zh: '客户签名', en: 'customer signature' },
            when: [{ attribute: 'mode', equals: 'onSite' }],
          },
          {
            field: 'modeNote',
            label: { zh: '写明“电话回访”', en: 'note "电话回访"' },
            equals: '电话回访',
            when: [{ attribute: 'mode', equals: 'phone' }],
          },
        ],
      },
      {
        ...cite('S000B-FOLLOWUP-09', '000 L1031'),
        id: 'revisitReview',
        title: { zh: '主管检查回访工作', en: 'supervisor review of a revisit' },
        items: [
          { field: 'supervisorOpinion', label: { zh: '主管意见', en: 'supervisor opinion' } },
          { field: 'supervisorSignedAt', label: { zh: '主管签署时间', en: 'supervisor signature time' } },
        ],
      },
      {
        ...cite('S000B-FOLLOWUP-10', '000 L1033'),
        id: 'newIssueDuringRevisit',
        title: { zh: '回访中新提出的问题', en: 'new issue raised during a revisit' },
        items: [
          {
            field: 'replyScheduledAt',
            label: { zh: '告知预约回复时间', en: 'scheduled reply time told to the customer' },
            when: [{ attribute: 'newIssueRaised', equals: true }, falseOrUnrecorded('answeredOnSpot')],
          },
        ],
      },
      {
        ...cite('S000B-FOLLOWUP-12', '000 L1041'),
        id: 'exemptClosure',
        title: { zh: '免回访投诉结案', en: 'closing an exempt complaint' },
        items: [
          {
            field: 'replyLetterNote',
            label: { zh: '复函情况附于投诉表后', en: 'reply-letter details attached' },
            when: [{ attribute: 'exempt', equals: true }],
          },
        ],
      },
      {
        ...cite('S000B-FOLLOWUP-13', '000 L1047'),
        id: 'revisitOutcome',
        title: { zh: '回访发现不满意的处理', en: 'handling dissatisfaction found in a revisit' },
        items: [
          {
            field: 'explanation',
            label: { zh: '向客户解释原因', en: 'explanation to the customer' },
            when: [falseOrUnrecorded('satisfied'), falseOrUnrecorded('resolvedNow')],
          },
          {
            field: 'nextRevisitAt',
            label: { zh: '下次回访时间', en: 'next revisit date' },
            when: [falseOrUnrecorded('satisfied'), falseOrUnrecorded('resolvedNow')],
          },
          {
            field: 'rectificationAssigneeId',
            label: { zh: '整改人员', en: 'rectification assignee' },
            when: [falseOrUnrecorded('satisfied'), falseOrUnrecorded('resolvedNow')],
          },
        ],
      },
    ],
  },
);

/** 销售部门客户信息与满意度 (group sales department), seed 000 L1071–1107. */
export const s000bSalesInfoPolicy: ServicePolicy = preset(
  's000b.salesInfo',
  '客户管理制度(客户信息与满意度)',
  '000 L1071–1107',
  {
    frequencies: [
      {
        ...cite('S000B-FOLLOWUP-14', '000 L1105'),
        key: 'comprehensiveSurvey',
        zh: '全面顾客满意度调查',
        en: 'comprehensive satisfaction survey',
        activity: 'satisfactionSurvey',
        period: 'year',
        min: 1,
        distinctSubjects: false,
        perScope: false,
        window: null,
        workdaysOnly: false,
        requiredTags: ['comprehensive'],
      },
    ],
    surveys: {
      citations: { target: cite('S000B-FOLLOWUP-14', '000 L1107') },
      targetScore: null,
      correctiveOwner: 'generalOffice',
      assessmentDimensions: [],
    },
    checklists: [
      {
        ...cite('S000B-FOLLOWUP-23', '000 L1093–1101'),
        id: 'maintenanceActivity',
        title: { zh: '客户关系维护活动', en: 'relationship-maintenance activity' },
        items: [
          {
            field: 'type',
            label: { zh: '活动类型', en: 'activity type' },
            oneOf: ['scheduledVisit', 'adHocVisit', 'productUsageSurvey', 'satisfactionSurvey'],
          },
          {
            field: 'trigger',
            label: { zh: '节日或重要活动', en: 'holiday or important event' },
            oneOf: ['holiday', 'importantEvent'],
            when: [{ attribute: 'type', equals: 'scheduledVisit' }],
          },
          {
            field: 'archived',
            label: { zh: '记录存入客户档案', en: 'record kept in the customer archive' },
            equals: true,
          },
        ],
      },
    ],
  },
);

/** 招商客户信息管理 (Shaanxi Zhonghui leasing/sales), seed 000 L1109–1143. */
export const s000bLeasingInfoPolicy: ServicePolicy = preset(
  's000b.leasingInfo',
  '客户管理制度(招商客户信息)',
  '000 L1109–1143',
  {
    leasing: { ...noLeasing, citations: { dutyLog: cite('S000B-RECEPTION-02', '000 L1117') } },
  },
);

/** 客户关系维护三十一条, seed 000 L1145–1207. */
export const s000bRelationshipPolicy: ServicePolicy = preset(
  's000b.relationship',
  '客户管理制度(客户关系维护)',
  '000 L1145–1207',
  {
    leads: {
      citations: {
        sources: cite('S000B-REFERRAL-03', '000 L1171'),
        prospect: cite('S000B-REFERRAL-03', '000 L1171'),
        repeatDiscount: cite('S000B-REFERRAL-03', '000 L1171'),
      },
      sources: [],
      repeatDiscountMinPurchases: 1,
      // The seed gives no discount rate.
      repeatDiscountRate: null,
    },
    care: {
      citations: { promotion: cite('S000B-FOLLOWUP-24', '000 L1207') },
      birthday: null,
      holiday: null,
      paymentLeadDays: null,
    },
    sales: { ...noSales, citations: { coverage: cite('S000B-FOLLOWUP-24', '000 L1195') } },
    checklists: [
      {
        ...cite('S000B-FOLLOWUP-24', '000 L1169'),
        id: 'relationshipVisit',
        title: { zh: '拜访记录', en: 'visit record' },
        items: [
          { field: 'nextVisitAt', label: { zh: '当时预约下一次拜访', en: 'next visit booked on the spot' } },
        ],
      },
    ],
  },
);

/** 物业客户服务沟通 (property customer-service communication), seed 000 L1309–1327. */
export const s000bPropertyCommsPolicy: ServicePolicy = preset(
  's000b.propertyComms',
  '客户管理制度(物业客户沟通)',
  '000 L1309–1327',
  {
    revisit: { ...noRevisit, citations: { priority: cite('S000B-FOLLOWUP-25', '000 L1327') } },
  },
);

const VISIT_TARGETS = ['businessCustomer', 'targetCustomer', 'potentialCustomer', 'peer'];
const VISIT_PURPOSES = [
  'marketResearch',
  'competitorIntel',
  'maintenance',
  'paymentCollection',
  'newCustomerDevelopment',
  'newProductPromotion',
  'coverage',
];

/** 客户拜访管理 (sales-department customer visits), seed 000 L1329–1407. */
export const s000bSalesVisitPolicy: ServicePolicy = preset(
  's000b.salesVisit',
  '客户管理制度(客户拜访)',
  '000 L1329–1407',
  {
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-16', '000 L1379'),
        key: 'visitPlan',
        zh: '次月拜访计划书',
        en: "next month's visit plan",
        // One trigger per salesperson at the start of the planning month; "月底" = last calendar day.
        trigger: 'planningMonth',
        action: 'visitPlan',
        due: { unit: 'endOfMonth' },
        assigneeRole: 'salesperson',
        violationCode: 'service.visitPlan',
      },
      {
        ...ruleDefaults,
        ...cite('S000B-FOLLOWUP-18', '000 L1403'),
        key: 'visitReport',
        zh: '客户拜访报告',
        en: 'visit report',
        trigger: 'salesVisit',
        action: 'visitReport',
        // "两天内" read as calendar days (C2); a company may switch to { unit: 'workingDays', amount: 2 }.
        due: { unit: 'calendarDays', amount: 2 },
        assigneeRole: 'salesperson',
        violationCode: 'service.visitReport',
      },
    ],
    sales: {
      ...noSales,
      citations: {
        quota: cite('S000B-FOLLOWUP-15', '000 L1375'),
        preApproval: cite('S000B-FOLLOWUP-17', '000 L1383–1397'),
        commitments: cite('S000B-FOLLOWUP-18', '000 L1405'),
        appraisal: cite('S000B-FOLLOWUP-18', '000 L1407'),
      },
      preApprovalKinds: ['gift', 'entertainment', 'expense'],
      approvalRequiredBeforeActivity: true,
    },
    checklists: [
      {
        ...cite('S000B-FOLLOWUP-15', '000 L1343–1375'),
        id: 'salesVisitRecord',
        title: { zh: '拜访记录', en: 'sales-visit record' },
        items: [
          { field: 'target', label: { zh: '拜访对象', en: 'visit target' }, oneOf: VISIT_TARGETS },
          { field: 'purpose', label: { zh: '拜访目的', en: 'visit purpose' }, oneOf: VISIT_PURPOSES },
        ],
      },
    ],
  },
);

/** 联营工程合作方管理 (joint-venture partners, 盛昌/海盛), seed 000 L1409–1445. */
export const s000bPartnerPolicy: ServicePolicy = preset(
  's000b.partner',
  '客户管理制度(联营合作方)',
  '000 L1409–1445',
  {
    frequencies: [
      {
        ...cite('S000B-FOLLOWUP-19', '000 L1427'),
        key: 'outOfTownPartnerVisit',
        zh: '外埠合作伙伴走访',
        en: 'out-of-town partner visit',
        activity: 'partnerVisit',
        period: 'halfYear',
        min: 1,
        distinctSubjects: false,
        perScope: true,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
      // The grade table ("上表") is missing from the seed: the local minimum is unspecified.
      {
        ...cite('S000B-FOLLOWUP-19', '000 L1425'),
        key: 'localPartnerVisit',
        zh: '本地合作伙伴走访',
        en: 'local partner visit',
        activity: 'partnerVisit',
        period: 'halfYear',
        min: null,
        distinctSubjects: false,
        perScope: true,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
      {
        ...cite('S000B-FOLLOWUP-20', '000 L1429'),
        key: 'seniorPartnerVisit',
        zh: '公司高层走访',
        en: 'senior-management partner visit',
        activity: 'partnerVisit',
        period: 'year',
        min: 1,
        distinctSubjects: false,
        perScope: true,
        window: null,
        workdaysOnly: false,
        requiredTags: ['senior'],
      },
    ],
    sales: {
      ...noSales,
      citations: {
        seniorVisit: cite('S000B-FOLLOWUP-20', '000 L1429'),
        partnerData: cite('S000B-FOLLOWUP-21', '000 L1431–1433'),
      },
      seniorVisitGrades: ['a'],
      seniorVisitSelectableGrades: ['b'],
    },
    checklists: [
      {
        ...cite('S000B-FOLLOWUP-21', '000 L1431'),
        id: 'partnerVisit',
        title: { zh: '合作伙伴走访记录', en: 'partner visit record' },
        items: [
          {
            field: 'dataUpdated',
            label: { zh: '更新合作伙伴资料', en: 'partner data updated' },
            equals: true,
          },
          {
            field: 'forwardedToShengchangAt',
            label: { zh: '转告盛昌公司', en: 'forwarded to Shengchang' },
            when: [{ attribute: 'dataUpdated', equals: true }],
          },
        ],
      },
    ],
  },
);

/** 市场推广部客户管理 (corporate, effective 2013-07-01), seed 000 L1447–1501. */
export const s000bCorporatePolicy: ServicePolicy = preset(
  's000b.corporate',
  '客户管理制度(市场推广部)',
  '000 L1447–1501',
  {
    reception: {
      citations: {
        classes: cite('S000B-RECEPTION-01', '000 L1477'),
        vipLevel: cite('S000B-RECEPTION-01', '000 L1477'),
      },
      // The company's 对外接待办法 is referenced but not included: no class table here.
      classes: [],
      defaultClass: null,
      approximateTolerancePercent: 0,
      budgetBasis: 'guests',
      companionBands: [],
      hostRanks: [],
      gifts: null,
      alwaysAllowedVenues: [],
      mustDecline: [],
      vipCategories: ['key'],
      duties: {},
    },
    sales: {
      ...noSales,
      citations: { maintenancePlans: cite('S000B-FOLLOWUP-22', '000 L1487–1491') },
      maintenanceCategories: ['key', 'general', 'target', 'potential'],
    },
  },
);
