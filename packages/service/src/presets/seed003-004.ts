import type { ServicePolicy } from '../policy.js';
import { cite, falseOrUnrecorded, noLeasing, noRevisit, preset, ruleDefaults } from './define.js';

/** 客户档案管理制度, seed 003 L9: revisit feedback into the file, satisfaction and loyalty indicators. */
export const s003ArchivePolicy: ServicePolicy = preset('s003.archive', '客戶檔案管理制度', '003 L9', {
  cadences: [
    // "定期回訪": no interval in the seed (003 has no numbers at all).
    {
      ...cite('S003-ARCHIVE-04', '003 L9 §二.2'),
      key: 'feedbackRevisit',
      zh: '购房后定期回访',
      en: 'periodic revisit after purchase',
      phases: [],
    },
  ],
  checklists: [
    {
      ...cite('S003-ARCHIVE-04', '003 L9 §三.1'),
      id: 'feedback',
      title: { zh: '客户反馈信息', en: 'customer feedback' },
      items: [
        {
          field: 'evaluation',
          label: { zh: '对产品和服务的评价', en: 'evaluation of products and services' },
        },
      ],
    },
  ],
  kpis: [
    {
      ...cite('S003-KPI-01', '003 L9 §二.2'),
      key: 'satisfaction',
      zh: '客户满意度',
      en: 'satisfaction rate',
      numerator: 'satisfied',
      targetPercent: null,
      whenEmpty: 'notApplicable',
    },
    {
      ...cite('S003-KPI-01', '003 L9 §二.2'),
      key: 'repeatBuyers',
      zh: '重复购买(忠诚度)',
      en: 'repeat buyers (loyalty)',
      numerator: 'repeatBuyer',
      targetPercent: null,
      whenEmpty: 'notApplicable',
    },
  ],
});

const daily = { distinctSubjects: false, window: null, workdaysOnly: false, requiredTags: [] as string[] };

/** 篇1 物業管理客戶管理, seed 004 L1–126: move-in, revisits, service frequencies. */
export const s004PropertyPolicy: ServicePolicy = preset(
  's004.property',
  '物業公司客戶管理制度(篇1)',
  '004 L1–126',
  {
    checklists: [
      {
        ...cite('S004-RECEPT-01', '004 L10, L27'),
        id: 'moveIn',
        title: { zh: '入住登记', en: 'move-in registration' },
        items: [
          { field: 'registeredAt', label: { zh: '登记', en: 'registration' } },
          { field: 'keysIssued', label: { zh: '领取钥匙', en: 'keys issued' }, min: 1 },
          { field: 'userInfoForm', label: { zh: '用户资料', en: 'user information form' } },
          { field: 'facilityInspection', label: { zh: '室内设施验收', en: 'facility inspection' } },
          { field: 'electricityMeterReading', label: { zh: '电表读数', en: 'electricity meter reading' } },
        ],
      },
    ],
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S004-FOLLOW-01', '004 L13'),
        key: 'newCustomerRevisit',
        zh: '入住一个月内回访新客户',
        en: 'revisit within a month of move-in',
        trigger: 'moveIn',
        action: 'revisit',
        due: { unit: 'calendarMonths', amount: 1 },
        assigneeRole: 'propertyAdministrator',
        allowedRoles: ['propertyDeptHead', 'propertyAdministrator'],
        violationCode: 'service.newCustomerRevisit',
      },
    ],
    revisit: { ...noRevisit, citations: { priority: cite('S004-FOLLOW-02', '004 L14–15') } },
    frequencies: [
      {
        ...cite('S004-FOLLOW-03', '004 L76 T4-02'),
        key: 'householdRevisits',
        zh: '回访用户',
        en: 'household revisits',
        activity: 'revisit',
        period: 'month',
        min: 10,
        distinctSubjects: true,
        perScope: false,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
      {
        ...cite('S004-KPI-01', '004 L77 T4-03'),
        ...daily,
        key: 'landscapingInspection',
        zh: '绿化全面巡查',
        en: 'landscaping inspection',
        activity: 'landscapingInspection',
        period: 'day',
        min: 2,
        perScope: false,
      },
      {
        ...cite('S004-KPI-01', '004 L113 T6-01'),
        ...daily,
        key: 'corridorCleaning',
        zh: '走廊及电梯厅清洁(每层)',
        en: 'corridor and lift-lobby cleaning per floor',
        activity: 'corridorCleaning',
        period: 'day',
        min: 5,
        perScope: true,
      },
      {
        ...cite('S004-KPI-01', '004 L114 T6-02a'),
        ...daily,
        key: 'cleanlinessInspection',
        zh: '全面清洁检查',
        en: 'full cleanliness inspection',
        activity: 'cleanlinessInspection',
        period: 'day',
        min: 2,
        perScope: false,
      },
      {
        ...cite('S004-KPI-01', '004 L114 T6-02b'),
        ...daily,
        key: 'cleaningPatrol',
        zh: '楼层洗手间茶水间巡查',
        en: 'cleaning patrol',
        activity: 'cleaningPatrol',
        period: 'day',
        min: 6,
        perScope: false,
      },
      // "8:00—18:00內清潔不少于6次(節假日除外)": only in the window, not on non-working days.
      {
        ...cite('S004-KPI-01', '004 L116 T6-03a'),
        key: 'washroomFullClean',
        zh: '洗手间茶水间全面清洁',
        en: 'washroom and pantry full clean',
        activity: 'washroomFullClean',
        period: 'day',
        min: 6,
        distinctSubjects: false,
        perScope: false,
        window: { from: '08:00', to: '18:00' },
        workdaysOnly: true,
        requiredTags: [],
      },
      {
        ...cite('S004-KPI-01', '004 L117 T6-03b'),
        ...daily,
        key: 'garbageCollection',
        zh: '茶水间垃圾收集',
        en: 'pantry garbage collection',
        activity: 'garbageCollection',
        period: 'day',
        min: 4,
        perScope: false,
      },
    ],
  },
);

/** 篇2 招租部接待程序 (leasing reception), seed 004 L127–195. */
export const s004LeasingPolicy: ServicePolicy = preset(
  's004.leasing',
  '招租部接待程序(篇2)',
  '004 L127–195',
  {
    leasing: {
      ...noLeasing,
      citations: {
        recommend: cite('S004-RECEPT-03', '004 L132–135'),
        nextStep: cite('S004-RECEPT-04', '004 L145–150'),
        flexibleTerms: cite('S004-RECEPT-05', '004 L156'),
        negotiation: cite('S004-RECEPT-06', '004 L158'),
        anonymous: cite('S004-RECEPT-09', '004 L170'),
      },
      // The seed gives no matching tolerance; a company sets one before recommending by area.
      areaTolerancePercent: null,
      flexibleTerms: ['standardFitOut', 'rentFreePeriod', 'businessCentreServices'],
      negotiationLocations: ['meetingRoom'],
    },
    agents: {
      citations: {
        classify: cite('S004-REFERRAL-01', '004 L172–176'),
        type1: cite('S004-REFERRAL-02', '004 L178–185'),
        type2: cite('S004-REFERRAL-03', '004 L187–190'),
        type3: cite('S004-REFERRAL-04', '004 L192–195'),
      },
      handling: [
        {
          type: 1,
          viewing: 'onlyWithClient',
          materials: ['quotation', 'floorPlans', 'colourBrochure'],
          materialsWithoutClient: ['vacancyInfo'],
          quoteMode: 'matched',
          quoteModeWithoutClient: 'conservative',
          maxBrochures: null,
          escortRequired: false,
          notifyMonitoringRoom: 'no',
        },
        {
          type: 2,
          viewing: 'no',
          materials: ['brochure', 'vacancyInfo'],
          materialsWithoutClient: ['brochure', 'vacancyInfo'],
          quoteMode: 'reserved',
          quoteModeWithoutClient: 'reserved',
          maxBrochures: null,
          escortRequired: false,
          notifyMonitoringRoom: 'optional',
        },
        {
          type: 3,
          viewing: 'no',
          materials: ['colourBrochure'],
          materialsWithoutClient: ['colourBrochure'],
          quoteMode: 'none',
          quoteModeWithoutClient: 'none',
          maxBrochures: 1,
          escortRequired: true,
          notifyMonitoringRoom: 'no',
        },
      ],
      companyNatures: ['multinational', 'whollyOwned', 'jointVenture', 'private'],
      businessScopes: ['finance', 'transport', 'telecom', 'trade'],
    },
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S004-FOLLOW-04', '004 L166'),
        key: 'postVisitCall',
        zh: '来访后两三天电话询问',
        en: 'follow-up call two to three days after a visit',
        trigger: 'leasingVisit',
        action: 'followUpCall',
        earliest: { unit: 'calendarDays', amount: 2 },
        due: { unit: 'calendarDays', amount: 3 },
        assigneeRole: 'leasingAgent',
        channels: ['phone'],
        // "稍待两三天后" is advice, not a duty: breaches are warnings.
        severity: 'soft',
        violationCode: 'service.postVisitCall',
      },
    ],
    checklists: [
      {
        ...cite('S004-RECEPT-02', '004 L129–139'),
        id: 'phoneLead',
        title: { zh: '来电客户记录', en: 'phone-inquiry lead' },
        items: [
          { field: 'companyName', label: { zh: '公司名称', en: 'company name' } },
          {
            field: 'contact',
            label: { zh: '联系人姓名或电话', en: 'contact name or phone' },
            anyOf: ['contactName', 'phone'],
          },
        ],
      },
      {
        ...cite('S004-RECEPT-04', '004 L145–147'),
        id: 'visitorRecord',
        title: { zh: '来访客户记录', en: 'visitor record' },
        items: [
          {
            field: 'contact',
            label: { zh: '名片或联系方式', en: 'business card or contact details' },
            anyOf: ['businessCard', 'phone'],
          },
          { field: 'companyNature', label: { zh: '公司性质', en: 'company nature' } },
          { field: 'businessScope', label: { zh: '业务范围', en: 'business scope' } },
          { field: 'requiredAreaSqm', label: { zh: '需要租赁的面积', en: 'required area' } },
        ],
      },
      {
        ...cite('S004-RECEPT-05', '004 L154'),
        id: 'viewingRecord',
        title: { zh: '实地看房', en: 'viewing' },
        items: [
          { field: 'orientation', label: { zh: '朝向', en: 'orientation' } },
          { field: 'areaSqm', label: { zh: '面积', en: 'area' } },
          { field: 'efficiencyRatio', label: { zh: '得房率', en: 'efficiency ratio' } },
          { field: 'neighbouringTenants', label: { zh: '周围的客户群', en: 'neighbouring tenants' } },
        ],
      },
      {
        ...cite('S004-FOLLOW-05', '004 L165'),
        id: 'noIntentVisit',
        title: { zh: '无明确意向的来访', en: 'visit without clear intent' },
        items: ['contactName', 'phone', 'address'].map((f) => ({
          field: f,
          label: { zh: { contactName: '联系人姓名', phone: '电话', address: '地址' }[f] ?? f, en: f },
          when: [{ attribute: 'intent', equals: 'none' }, falseOrUnrecorded('cardGiven')],
        })),
      },
      {
        ...cite('S004-FOLLOW-06', '004 L167'),
        id: 'trackingActivity',
        title: { zh: '跟踪活动', en: 'lead tracking activity' },
        items: [
          {
            field: 'channel',
            label: { zh: '跟踪方式', en: 'channel' },
            oneOf: ['phone', 'letter', 'fax', 'visit'],
          },
        ],
      },
      {
        ...cite('S004-FOLLOW-07', '004 L168'),
        id: 'lostToCompetitor',
        title: { zh: '已与其他大楼签约', en: 'lost to a competitor' },
        items: [{ field: 'competitorBuilding', label: { zh: '签约大楼名称', en: 'competitor building' } }],
      },
      {
        ...cite('S004-FOLLOW-08', '004 L169'),
        id: 'priceObjection',
        title: { zh: '租金偏高', en: 'price objection' },
        items: [
          {
            field: 'targetPrice',
            label: { zh: '心理价位', en: 'target price' },
            when: [{ attribute: 'obstacle', equals: 'price' }],
          },
        ],
      },
      {
        ...cite('S004-REFERRAL-04', '004 L195'),
        id: 'type3AgentVisit',
        title: { zh: '第三类中介来访', en: 'type-3 agent visit' },
        items: [
          {
            field: 'escortedOut',
            label: { zh: '亲自送离大堂', en: 'escorted out of the lobby' },
            equals: true,
          },
        ],
      },
    ],
  },
);
