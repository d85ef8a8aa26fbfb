import type { ServicePolicy } from '../policy.js';
import { cite, noLeasing, noRevisit, preset, ruleDefaults } from './define.js';

/** (房地产公司)客服管理制度 role descriptions, seed 002 L24–28: analyst monthly report. */
export const s002CsRolesPolicy: ServicePolicy = preset(
  's002.csRoles',
  '(房地产公司)客服管理制度',
  '002 L24–28',
  {
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S002-KPI-03', '002 L28 §4(4)'),
        key: 'analystMonthlyReport',
        zh: '数据分析员月报',
        en: 'data analyst monthly report',
        trigger: 'reportingMonth',
        action: 'monthlyReport',
        // "按要求提交报表及月报": monthly cadence, no deadline in the seed; a company adds one.
        due: null,
        assigneeRole: 'dataAnalyst',
        violationCode: 'service.analystMonthlyReport',
      },
    ],
  },
);

/** 地产售楼部客户服务管理制度, seed 002 L29–47: designated receptionist, needs record, after-delivery follower. */
export const s002SalesOfficePolicy: ServicePolicy = preset(
  's002.salesOffice',
  '地产售楼部客户服务管理制度',
  '002 L29–47',
  {
    checklists: [
      {
        ...cite('S002-FLOW-03', '002 L33'),
        id: 'salesOfficeVisit',
        title: { zh: '售楼部接待', en: 'sales-office visit' },
        items: [{ field: 'receptionistId', label: { zh: '指定接待专人', en: 'designated receptionist' } }],
      },
      {
        ...cite('S002-FLOW-03', '002 L35–36'),
        id: 'needsRecord',
        title: { zh: '客户需求记录', en: 'customer needs record' },
        items: [
          { field: 'budget', label: { zh: '购房预算', en: 'budget' } },
          { field: 'houseType', label: { zh: '房屋类型', en: 'house type' } },
          { field: 'livingNeeds', label: { zh: '居住需求', en: 'living needs' } },
        ],
      },
      {
        ...cite('S002-FLOW-03', '002 L43'),
        id: 'delivery',
        title: { zh: '房屋交付', en: 'unit delivery' },
        items: [
          {
            field: 'afterSalesOwnerId',
            label: { zh: '跟进入住及维修的专人', en: 'designated after-delivery follower' },
          },
        ],
      },
    ],
  },
);

/** 房地产项目客户服务部工作流程, seed 002 L66–92: consultation flow and viewing booking. */
export const s002ProjectCsPolicy: ServicePolicy = preset(
  's002.projectCs',
  '房地产项目客户服务部工作流程',
  '002 L66–92',
  {
    leasing: {
      ...noLeasing,
      citations: {
        consultation: cite('S002-FLOW-05', '002 L72–76'),
        booking: cite('S002-SYS-03', '002 L92'),
      },
      bookingsPerSlot: 1,
      consultationSteps: ['collected', 'classified', 'assigned', 'answered', 'recorded'],
    },
  },
);

/** 客户服务管理制度 (customer care, payment reminders, staff assessment), seed 002 L150–260. */
export const s002CsSystemPolicy: ServicePolicy = preset(
  's002.csSystem',
  '房地产客户服务管理制度',
  '002 L150–260',
  {
    care: {
      citations: {
        birthday: cite('S002-FOLLOW-01', '002 L154'),
        holiday: cite('S002-FOLLOW-01', '002 L154'),
        payment: cite('S002-FOLLOW-02', '002 L198'),
      },
      birthday: {
        includeFamily: false,
        closedDealOnly: false,
        channel: 'message',
        importantAction: 'messageGreeting',
        leapDayFallback: 'feb28',
      },
      // "重要节日": the holiday list is the company's choice.
      holiday: { holidays: [], channels: ['message'], closedDealOnly: false, firstDayOnly: true },
      paymentLeadDays: null,
    },
    kpis: [
      {
        ...cite('S002-KPI-02', '002 L201'),
        key: 'complaintHandling',
        zh: '投诉处理率',
        en: 'complaint handling rate',
        numerator: 'closed',
        targetPercent: null,
        whenEmpty: 'notApplicable',
      },
    ],
    surveys: {
      citations: {
        target: cite('S002-KPI-02', '002 L201'),
        dimensions: cite('S002-KPI-02', '002 L201, L255–258'),
      },
      targetScore: null,
      correctiveOwner: 'customerServiceDept',
      assessmentDimensions: ['customerSatisfaction', 'complaintHandlingRate', 'serviceAttitude'],
    },
    checklists: [
      {
        ...cite('S002-FOLLOW-01', '002 L222–223'),
        id: 'periodicRevisit',
        title: { zh: '定期回访内容', en: 'periodic revisit content' },
        items: [
          { field: 'purchaseSatisfaction', label: { zh: '购房满意度', en: 'purchase satisfaction' } },
          { field: 'constructionProgress', label: { zh: '工程进度', en: 'construction progress' } },
          {
            field: 'afterSalesSatisfaction',
            label: { zh: '售后服务满意度', en: 'after-sales satisfaction' },
          },
        ],
      },
    ],
  },
);

/** 房地产客户服务管理程序, seed 002 L320–346: repair phone revisit, estate revisits, KPIs. */
export const s002CsProcedurePolicy: ServicePolicy = preset(
  's002.csProcedure',
  '房地产客户服务管理程序',
  '002 L320–346',
  {
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S002-SLA-07', '002 L338 §3.5.4'),
        key: 'repairPhoneRevisit',
        zh: '维修完工电话回访',
        en: 'phone revisit after a repair',
        // Completion = customer sign-off; "一个工作日内" on the statutory calendar.
        trigger: 'repairSignedOff',
        action: 'revisit',
        due: { unit: 'workingDays', amount: 1 },
        assigneeRole: 'recordsClerk',
        channels: ['phone'],
        latenessUnit: 'workingDays',
        violationCode: 'service.repairPhoneRevisit',
      },
    ],
    revisit: {
      ...noRevisit,
      citations: {
        estateTrigger: cite('S002-REVISIT-01', '002 L344 §3.7.5'),
        estateFirst: cite('S002-REVISIT-02', '002 L345 §3.7.5.1'),
        estateAnnual: cite('S002-REVISIT-03', '002 L345 §3.7.5.2'),
        dissatisfied: cite('S002-REVISIT-05', '002 L345 §3.7.5.9'),
      },
      estate: {
        firstTriggerOccupancyPercent: 50,
        firstMinCoveragePercent: 90,
        firstPreferredMode: 'inHome',
        annualMinPercent: 10,
        annualSampleMaxPercent: 25,
      },
      // Scale of the 客户满意度调查表 is not given: read as 1–5 (1 = 很不满意, 2 = 不满意); no cluster threshold in the seed.
      dissatisfied: {
        seriousAtOrBelow: 1,
        reRevisitParticipant: 'csDeptManager',
        clusterThresholdPercent: null,
        dissatisfiedAtOrBelow: 2,
      },
    },
    frequencies: [
      {
        ...cite('S002-REVISIT-03', '002 L345 §3.7.5.2'),
        key: 'annualEstateRevisit',
        zh: '小区年度回访',
        en: 'annual estate revisit',
        activity: 'estateRevisitCampaign',
        period: 'year',
        min: 1,
        distinctSubjects: false,
        perScope: true,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
      {
        ...cite('S002-REVISIT-06', '002 L345 §3.7.5.8'),
        key: 'surveySpotCheck',
        zh: '经理抽查满意度调查表整改',
        en: 'manager spot-check of survey follow-up',
        activity: 'surveySpotCheck',
        period: 'year',
        min: 1,
        distinctSubjects: false,
        perScope: false,
        window: null,
        workdaysOnly: false,
        requiredTags: [],
      },
    ],
    kpis: [
      {
        ...cite('S002-KPI-01', '002 L345 §3.7.5.7'),
        key: 'revisitHandling',
        zh: '回访处理率',
        en: 'revisit handling rate',
        numerator: 'handled',
        targetPercent: 100,
        whenEmpty: 'met',
      },
      {
        ...cite('S002-REVISIT-04', '002 L345 §3.7.5.5–6'),
        key: 'satisfaction',
        zh: '客户满意率',
        en: 'satisfaction rate',
        numerator: 'satisfied',
        targetPercent: null,
        whenEmpty: 'notApplicable',
      },
    ],
    checklists: [
      {
        ...cite('S002-REVISIT-04', '002 L345 §3.7.5.5'),
        id: 'revisitSurvey',
        title: { zh: '客户满意度调查表', en: 'satisfaction survey form' },
        items: [{ field: 'formVersion', label: { zh: '调查表版本', en: 'survey form version' } }],
      },
      {
        ...cite('S002-REVISIT-05', '002 L345 §3.7.5.9'),
        id: 'reRevisit',
        title: { zh: '严重不满意客户再回访', en: 're-revisit of a seriously dissatisfied customer' },
        items: [
          {
            field: 'csDeptManagerPresent',
            label: { zh: '客户服务部经理参与', en: 'CS manager took part' },
            equals: true,
          },
        ],
      },
    ],
  },
);
