import type { ServicePolicy } from '../policy.js';
import { cite, noRevisit, noSales, preset, ruleDefaults } from './define.js';

/** 精選篇8 (customer return-visit control procedure), seed 001 L664–730. */
export const s001bReturnVisitPolicy: ServicePolicy = preset(
  's001b.returnVisit',
  '企業客戶管理規章制度精選篇8',
  '001 L664–730',
  {
    revisit: {
      ...noRevisit,
      citations: {
        visitTypes: cite('S001B-FOLLOWUP-01', '001 L678'),
        plan: cite('S001B-FOLLOWUP-02', '001 L682–686'),
        review: cite('S001B-FOLLOWUP-08', '001 L718'),
      },
      visitTypes: { specialRequiresMajorCustomer: true, performerRole: 'customerServiceSpecialist' },
      // "提出指導意見": a guidance comment is part of the review.
      review: { reviewerRole: 'customerServiceSupervisor', commentRequired: true },
    },
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S001B-FOLLOWUP-06', '001 L706'),
        key: 'punctualArrival',
        zh: '准时到达回访地点',
        en: 'punctual arrival at the visit',
        // Trigger at the appointment time; arrival is due by that instant (no tolerance in the text).
        trigger: 'appointment',
        action: 'arrival',
        due: { unit: 'minutes', amount: 0 },
        assigneeRole: 'customerServiceSpecialist',
        latenessUnit: 'minutes',
        violationCode: 'service.returnVisitArrival',
      },
      {
        ...ruleDefaults,
        ...cite('S001B-FOLLOWUP-07', '001 L714'),
        key: 'returnVisitReport',
        zh: '客户回访报告表',
        en: 'return-visit report',
        trigger: 'returnVisitEnded',
        action: 'report',
        // "第二天": the next calendar day, not moved for weekends.
        due: { unit: 'nextDay' },
        assigneeRole: 'customerServiceSpecialist',
        violationCode: 'service.returnVisitReport',
      },
    ],
    checklists: [
      {
        ...cite('S001B-FOLLOWUP-03', '001 L692'),
        id: 'returnVisitPlanItem',
        title: { zh: '客户回访计划', en: 'return-visit plan item' },
        items: [
          { field: 'approxTime', label: { zh: '大概时间', en: 'approximate time' } },
          { field: 'content', label: { zh: '回访内容', en: 'content' } },
          { field: 'purpose', label: { zh: '回访目的', en: 'purpose' } },
          { field: 'method', label: { zh: '回访方式', en: 'method' } },
        ],
      },
      {
        ...cite('S001B-FOLLOWUP-04', '001 L696'),
        id: 'appointment',
        title: { zh: '预约回访时间和地点', en: 'appointment' },
        items: [
          { field: 'appointmentTime', label: { zh: '预约时间', en: 'appointment time' } },
          { field: 'appointmentPlace', label: { zh: '预约地点', en: 'appointment place' } },
          { field: 'customerConfirmed', label: { zh: '客户确认', en: 'customer confirmed' }, equals: true },
        ],
      },
      {
        ...cite('S001B-FOLLOWUP-06', '001 L708'),
        id: 'returnVisitRecord',
        title: { zh: '客户回访记录表', en: 'return-visit record' },
        items: [
          { field: 'customerNeeds', label: { zh: '客户需求', en: 'customer needs' } },
          { field: 'serviceOpinions', label: { zh: '对服务的意见', en: 'opinions on the service' } },
        ],
      },
    ],
  },
);

/** 精選篇9 (sales customer visits), seed 001 L732–820. */
export const s001bSalesVisitPolicy: ServicePolicy = preset(
  's001b.salesVisit',
  '企業客戶管理規章制度精選篇9',
  '001 L732–820',
  {
    followUps: [
      {
        ...ruleDefaults,
        ...cite('S001B-FOLLOWUP-13', '001 L790'),
        key: 'visitPlan',
        zh: '次月拜访计划书',
        en: "next month's visit plan",
        trigger: 'planningMonth',
        action: 'visitPlan',
        due: { unit: 'endOfMonth' },
        assigneeRole: 'salesperson',
        violationCode: 'service.visitPlan',
      },
      {
        ...ruleDefaults,
        ...cite('S001B-FOLLOWUP-16', '001 L816'),
        key: 'visitReport',
        zh: '客户拜访报告',
        en: 'visit report',
        trigger: 'salesVisit',
        action: 'visitReport',
        due: { unit: 'calendarDays', amount: 2 },
        assigneeRole: 'salesperson',
        violationCode: 'service.visitReport',
      },
    ],
    sales: {
      ...noSales,
      citations: {
        quota: cite('S001B-FOLLOWUP-12', '001 L784'),
        preApproval: cite('S001B-FOLLOWUP-15', '001 L810'),
        commitments: cite('S001B-FOLLOWUP-17', '001 L818'),
        appraisal: cite('S001B-FOLLOWUP-18', '001 L820'),
      },
      // "根據各銷售崗位制定相應的拜訪次數": no numbers in the seed; the company fills this in.
      visitQuotas: {},
      preApprovalKinds: ['gift', 'entertainment'],
      approvalRequiredBeforeActivity: true,
    },
    checklists: [
      {
        ...cite('S001B-FOLLOWUP-14', '001 L796–802'),
        id: 'preVisit',
        title: { zh: '拜访前准备', en: 'pre-visit checklist' },
        items: [
          {
            field: 'contactedInAdvance',
            label: { zh: '事先联系', en: 'contacted in advance' },
            equals: true,
          },
          { field: 'targetSet', label: { zh: '确定拜访对象', en: 'visit target set' }, equals: true },
          {
            field: 'itemsRequested',
            label: { zh: '携带物品申请', en: 'items requested' },
            equals: true,
            when: [{ attribute: 'needsItems', equals: true }],
          },
          {
            field: 'expensesRequested',
            label: { zh: '相关费用申请', en: 'expenses requested' },
            equals: true,
            when: [{ attribute: 'needsExpenses', equals: true }],
          },
        ],
      },
    ],
  },
);

/** 精選篇11 (GPS after-sales), seed 001 L878–954: repair intake. */
export const s001bGpsServicePolicy: ServicePolicy = preset(
  's001b.gpsService',
  '企業客戶管理規章制度精選篇11',
  '001 L878–954',
  {
    checklists: [
      {
        ...cite('S001B-SERVICE-04', '001 L906'),
        id: 'repairIntake',
        title: { zh: '维修服务单', en: 'repair service order' },
        items: [
          { field: 'customerName', label: { zh: '客户名称', en: 'customer name' } },
          { field: 'address', label: { zh: '具体地址', en: 'address' } },
          { field: 'contact', label: { zh: '联系方式', en: 'contact details' } },
          { field: 'productModel', label: { zh: '商品型号', en: 'product model' } },
          { field: 'purchaseDate', label: { zh: '购买日期', en: 'purchase date' } },
          { field: 'faultSymptom', label: { zh: '问题和故障现象', en: 'problem and fault symptoms' } },
        ],
      },
    ],
  },
);
