import { yuan } from '@zhidu/core';
import type { ServicePolicy } from '../policy.js';
import { cite, preset } from './define.js';

/**
 * 客户管理制度 (reception), seed 000 L137–149 with the guest-meeting etiquette of L181–193:
 * reception classes A–D, host and budget per class, companions by party size, gifts.
 */
export const s000ReceptionPolicy: ServicePolicy = preset(
  's000.reception',
  '客户管理制度(客户接待)',
  '000 L137–149, L181–193',
  {
    reception: {
      citations: {
        classes: cite('S000-RECEPTION-01', '000 L139'),
        budget: cite('S000-RECEPTION-02', '000 L145'),
        companions: cite('S000-RECEPTION-03', '000 L147'),
        gifts: cite('S000-RECEPTION-04', '000 L149'),
        host: cite('S000-RECEPTION-05', '000 L141'),
        restricted: cite('S000-RECEPTION-06', '000 L143'),
        greeting: cite('S000-RECEPTION-07', '000 L183–191'),
      },
      classes: [
        {
          class: 'A',
          zh: 'A类公司贵客',
          en: 'company distinguished guest',
          criteria: ['seniorMgmtGuest'],
          hostRole: 'seniorManagement',
          budgetPerPerson: yuan(500),
          budgetKind: 'cap',
          venue: null,
        },
        {
          class: 'B',
          zh: 'B类贵宾接待',
          en: 'VIP reception',
          criteria: ['importantCustomer', 'foreignGuest'],
          hostRole: 'departmentDirector',
          budgetPerPerson: yuan(300),
          budgetKind: 'approximate',
          venue: null,
        },
        {
          class: 'C',
          zh: 'C类业务接待',
          en: 'business reception',
          criteria: ['marketingCustomer'],
          hostRole: 'departmentManager',
          budgetPerPerson: yuan(200),
          budgetKind: 'approximate',
          venue: null,
        },
        {
          class: 'D',
          zh: 'D类普通接待',
          en: 'ordinary reception',
          criteria: ['generalVisitor'],
          hostRole: 'departmentSupervisor',
          budgetPerPerson: yuan(150),
          budgetKind: 'cap',
          venue: null,
        },
      ],
      defaultClass: 'D',
      // "左右" has no stated tolerance; 10 % is the catalog's recommendation, not the seed's.
      approximateTolerancePercent: 10,
      budgetBasis: 'guests',
      // C4: "5人以下" and "10人以上" would include 5 and 10, but the explicit "5至10人" claims both.
      companionBands: [
        { minGuests: 1, maxGuests: 4, companionsMin: 1, companionsMax: 1 },
        { minGuests: 5, maxGuests: 10, companionsMin: 2, companionsMax: 2 },
        { minGuests: 11, maxGuests: null, companionsMin: 3, companionsMax: null },
      ],
      hostRanks: [
        'seniorManagement',
        'departmentDirector',
        'departmentManager',
        'departmentSupervisor',
        'businessOwner',
      ],
      gifts: {
        arrangedBy: 'departmentSupervisor',
        importantApprover: 'execCommitteeChair',
        importantFrom: null,
      },
      alwaysAllowedVenues: [],
      mustDecline: ['otherCustomerFile'],
      vipCategories: [],
      duties: { receptionSupplies: ['departmentSupervisor'], frontDeskSupport: ['frontDesk'] },
    },
  },
);

/** 物业管理服务中心 recurring duties, seed 000 L151–179: minimum frequencies per period. */
export const s000PropertyCentrePolicy: ServicePolicy = preset(
  's000.propertyCentre',
  '客户管理制度(物业服务中心工作)',
  '000 L151–179',
  {
    frequencies: [
      {
        ...cite('S000-FOLLOWUP-02', '000 L155'),
        key: 'dailyPatrol',
        zh: '每日巡视',
        en: 'daily unannounced patrol',
        activity: 'patrol',
        period: 'day',
        min: 1,
        distinctSubjects: false,
        perScope: false,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
      {
        ...cite('S000-FOLLOWUP-02', '000 L159'),
        key: 'disinfection',
        zh: '公共区域消杀',
        en: 'public-area disinfection',
        activity: 'disinfection',
        period: 'month',
        min: 2,
        distinctSubjects: false,
        perScope: false,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
      {
        ...cite('S000-FOLLOWUP-02', '000 L169'),
        key: 'feeDisclosure',
        zh: '公布管理费收支及维修基金使用',
        en: 'fee and maintenance-fund disclosure',
        activity: 'feeDisclosure',
        period: 'quarter',
        min: 1,
        distinctSubjects: false,
        perScope: false,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
      {
        ...cite('S000-FOLLOWUP-02', '000 L171'),
        key: 'tankCleaning',
        zh: '水池/箱清洗并送检',
        en: 'water-tank cleaning with a water test',
        activity: 'tankCleaning',
        period: 'year',
        min: 2,
        distinctSubjects: false,
        perScope: false,
        window: null,
        workdaysOnly: false,
        requiredTags: ['waterTested'],
      },
      {
        ...cite('S000-FOLLOWUP-02', '000 L173'),
        key: 'opinionSurvey',
        zh: '客户意见征询',
        en: 'customer opinion survey',
        activity: 'opinionSurvey',
        period: 'year',
        min: 1,
        distinctSubjects: false,
        perScope: false,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
    ],
  },
);

/** 客户信息档案与满意度 (a company's customer files), seed 000 L277–331. */
export const s000CustomerInfoPolicy: ServicePolicy = preset(
  's000.customerInfo',
  '客户管理制度(客户信息与关系维护)',
  '000 L277–331',
  {
    frequencies: [
      {
        ...cite('S000-FOLLOWUP-04', '000 L321'),
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
    // The company's required satisfaction level is not stated: it must be configured.
    surveys: {
      citations: { target: cite('S000-FOLLOWUP-05', '000 L323') },
      targetScore: null,
      correctiveOwner: 'office',
      assessmentDimensions: [],
    },
    checklists: [
      {
        ...cite('S000-FOLLOWUP-03', '000 L311'),
        id: 'relationshipActivity',
        title: { zh: '客户关系维护记录', en: 'relationship-maintenance record' },
        items: [
          {
            field: 'type',
            label: { zh: '维护方式', en: 'activity type' },
            oneOf: ['scheduledVisit', 'adHocVisit', 'usageSurvey', 'satisfactionSurvey'],
          },
          { field: 'department', label: { zh: '执行业务部门', en: 'business department carrying it out' } },
          {
            field: 'occasion',
            label: { zh: '节日或重要活动', en: 'holiday or event' },
            when: [{ attribute: 'type', equals: 'scheduledVisit' }],
          },
        ],
      },
    ],
  },
);

/** GPS 产品安装维修与售后 (seed 000 L53–115): long-term after-sales tracking with no stated frequency. */
export const s000GpsServicePolicy: ServicePolicy = preset(
  's000.gpsService',
  '客户管理制度(GPS售后服务)',
  '000 L53–115',
  {
    cadences: [
      // "长期售后跟踪" — no frequency in the text, so the phases are empty and must be set by the company.
      {
        ...cite('S000-FOLLOWUP-01', '000 L59'),
        key: 'gpsAfterSales',
        zh: 'GPS产品长期售后跟踪',
        en: 'GPS long-term after-sales tracking',
        phases: [],
      },
    ],
  },
);
