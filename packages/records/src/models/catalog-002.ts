import { field, opts, req, SEED } from './build.js';
import { defineResponsibilityMatrix } from './matrix.js';
import { defineTaxonomy } from './taxonomy.js';
import { defineTemplate } from './template.js';

const src = (lines: string) => ({ seed: SEED.s002, lines });

/** The eight steps of the customer-service department (客户服务部工作流程), S002-FLOW-01; see `canEnterStep`. */
export const customerServiceWorkflowSteps = defineTaxonomy({
  id: 'S002-FLOW-01',
  title: { zh: '客户服务部工作流程', en: 'Customer-service department workflow' },
  source: src('L5-L12'),
  values: [
    { value: 'reception', label: { zh: '接待客户,并建立客户档案', en: 'Reception and customer file' } },
    { value: 'productIntroduction', label: { zh: '介绍相关产品或房源并推荐', en: 'Product introduction' } },
    { value: 'contractSigned', label: { zh: '签订房屋租赁或销售合同', en: 'Lease or sale contract signed' } },
    {
      value: 'inspectionHandover',
      label: { zh: '安排房屋验收,记录房屋交接', en: 'Inspection and handover' },
    },
    {
      value: 'support',
      label: { zh: '帮助客户解决房屋使用中的问题或抱怨', en: 'Support with usage problems' },
    },
    {
      value: 'repairFollowUp',
      label: { zh: '协助房屋维修或维护并跟进', en: 'Repair and maintenance follow-up' },
    },
    {
      value: 'satisfactionSurvey',
      label: { zh: '定期发送满意度调查问卷', en: 'Periodic satisfaction survey' },
    },
    {
      value: 'internalCollaboration',
      label: { zh: '与企业内部其他部门建立协作关系', en: 'Internal collaboration' },
      description: 'Not a customer state: no gate applies.',
    },
  ],
});

/** Handover record (记录房屋交接的具体时间和内容), S002-FLOW-02: a date-time (a bare date is refused) and content. */
export const handoverRecordTemplate = defineTemplate({
  id: 'S002-FLOW-02',
  title: { zh: '房屋交接记录', en: 'Handover record' },
  source: src('L8'),
  open: true,
  fields: [
    req('handoverAt', '交接的具体时间', 'Handover date-time', 'instant'),
    req('content', '交接内容', 'Handover content', 'longText'),
  ],
});

/** Purchase lifecycle stages (客户服务流程 1–6) and the construction-completion event, S002-FLOW-04. */
export const purchaseLifecycleStages = defineTaxonomy({
  id: 'S002-FLOW-04',
  title: { zh: '购房客户服务流程', en: 'Purchase lifecycle' },
  source: src('L52-L59'),
  values: [
    { value: 'intentReception', label: { zh: '意向客户接待', en: 'Intent reception' } },
    { value: 'siteVisit', label: { zh: '现场参观与样板房展示', en: 'Site and show-flat visit' } },
    { value: 'intentLetterSigned', label: { zh: '签订购房意向书', en: 'Intent letter signed' } },
    { value: 'contractSigned', label: { zh: '签订正式购房合同', en: 'Formal contract signed' } },
    {
      value: 'constructionCompleted',
      label: { zh: '房屋建设完毕', en: 'Construction completed' },
      description: 'An event of the unit, not of the customer; delivery may only follow it.',
    },
    { value: 'deliveredAccepted', label: { zh: '房屋交付与验收', en: 'Delivered and accepted' } },
    { value: 'afterSales', label: { zh: '售后服务', en: 'After-sales service' } },
  ],
});

/** Customer-service roles (岗位职责说明) and the duties software can route, S002-ROLE-01. */
export const customerServiceRoles = defineResponsibilityMatrix({
  id: 'S002-ROLE-01',
  title: { zh: '客服部岗位职责', en: 'Customer-service duty matrix' },
  source: src('L27-L28'),
  roles: [
    { value: 'crManager', label: { zh: '客户关系经理', en: 'Customer-relations manager' } },
    { value: 'crSupervisor', label: { zh: '客户关系主管', en: 'Customer-relations supervisor' } },
    { value: 'crSpecialist', label: { zh: '客户关系专员', en: 'Customer-relations specialist' } },
    { value: 'dataAnalyst', label: { zh: '数据分析专员', en: 'Data analyst' } },
    { value: 'complaintSupervisor', label: { zh: '客户投诉主管', en: 'Complaint supervisor' } },
    { value: 'hotlineAgent', label: { zh: '400接线专员', en: '400 hotline agent' } },
    { value: 'complaintOfficer', label: { zh: '投诉专员', en: 'Complaint officer' } },
  ],
  duties: [
    {
      duty: 'majorComplaint',
      label: { zh: '重大客户投诉处理', en: 'Major complaints' },
      roles: ['crManager'],
    },
    {
      duty: 'groupComplaint',
      label: { zh: '群诉处理', en: 'Group complaints' },
      roles: ['crManager', 'complaintSupervisor', 'complaintOfficer'],
    },
    {
      duty: 'majorIncidentOrLargeClaim',
      label: {
        zh: '重大突发投诉事件及一万元以上索赔处理',
        en: 'Major incidents and claims of 10,000 yuan or more',
      },
      roles: ['crManager'],
    },
    {
      duty: 'customerDatabase',
      label: { zh: '建立并管理客户数据库', en: 'Customer database' },
      roles: ['crManager', 'complaintOfficer'],
    },
    {
      duty: 'satisfactionSurvey',
      label: { zh: '客户满意度调查', en: 'Satisfaction surveys' },
      roles: ['crSupervisor', 'crSpecialist', 'hotlineAgent'],
    },
    {
      duty: 'assessSubordinates',
      label: { zh: '培训和指导下属并实施考核', en: 'Assess subordinates' },
      roles: ['crSupervisor', 'complaintSupervisor'],
    },
    {
      duty: 'periodicRevisit',
      label: { zh: '定期客户回访', en: 'Periodic revisits' },
      roles: ['crSpecialist', 'hotlineAgent'],
    },
    {
      duty: 'customerFileMaintenance',
      label: { zh: '客户档案的建立与管理', en: 'Customer file maintenance' },
      roles: ['complaintSupervisor', 'complaintOfficer', 'crSpecialist'],
    },
    {
      duty: 'monthlyReport',
      label: { zh: '定期提交统计结果,按要求提交报表及月报', en: 'Statistics and monthly report' },
      roles: ['dataAnalyst'],
    },
    {
      duty: 'callCentre',
      label: { zh: '统筹管理400呼叫中心', en: 'Run the 400 call centre' },
      roles: ['complaintSupervisor'],
    },
    {
      duty: 'classifyContacts',
      label: { zh: '对客户咨询、投诉、建议等进行分类统计', en: 'Classify and count contacts' },
      roles: ['complaintSupervisor', 'hotlineAgent', 'complaintOfficer'],
    },
    {
      duty: 'answerCalls',
      label: { zh: '400电话接听与记录', en: 'Answer and record 400 calls' },
      roles: ['hotlineAgent'],
    },
    {
      duty: 'reportEmergency',
      label: { zh: '突发事件和严重投诉及时反馈', en: 'Report emergencies and serious complaints' },
      roles: ['hotlineAgent', 'complaintOfficer'],
    },
    {
      duty: 'propertyServiceQc',
      label: { zh: '监督物业公司服务质量并定期出具品质报告', en: 'Property-service quality reports' },
      roles: ['complaintOfficer'],
    },
  ],
});

/** Contact channels and contact types (来电、来访、网络、信函…; 咨询、投诉、建议、意见), S002-CPL-01. */
export const contactChannelsAndTypes = defineTaxonomy({
  id: 'S002-CPL-01',
  title: { zh: '客户来访渠道与类型', en: 'Contact channels and types' },
  source: src('L28, L74, L185, L246, L264'),
  open: true,
  values: [
    { group: 'channel', value: 'callCentrePhone', label: { zh: '呼叫中心来电', en: 'Call-centre phone' } },
    { group: 'channel', value: 'visit', label: { zh: '来访', en: 'Visit' } },
    { group: 'channel', value: 'online', label: { zh: '网络', en: 'Online' } },
    { group: 'channel', value: 'letter', label: { zh: '信函', en: 'Letter' } },
    { group: 'channel', value: 'email', label: { zh: '邮件', en: 'Email' } },
    { group: 'channel', value: 'wechat', label: { zh: '微信', en: 'WeChat' } },
    { group: 'channel', value: 'sms', label: { zh: '短信', en: 'SMS' } },
    { group: 'channel', value: 'onlineChat', label: { zh: '在线聊天工具', en: 'Online chat' } },
    { group: 'channel', value: 'complaintHotline', label: { zh: '投诉热线', en: 'Complaint hotline' } },
    {
      group: 'channel',
      value: 'onlineFeedbackForm',
      label: { zh: '在线反馈表', en: 'Online feedback form' },
    },
    { group: 'channel', value: 'frontDesk', label: { zh: '前台接待', en: 'Front desk' } },
    { group: 'type', value: 'consultation', label: { zh: '咨询', en: 'Consultation' } },
    { group: 'type', value: 'complaint', label: { zh: '投诉', en: 'Complaint' } },
    { group: 'type', value: 'suggestion', label: { zh: '建议', en: 'Suggestion' } },
    { group: 'type', value: 'opinion', label: { zh: '意见', en: 'Opinion' } },
  ],
});

/** Dispatch work-order types (《工程派工单》分A、B两类), S002-REPAIR-02; see `workOrderType`. */
export const dispatchWorkOrderTypes = defineTaxonomy({
  id: 'S002-REPAIR-02',
  title: { zh: '工程派工单类别', en: 'Dispatch work-order types' },
  source: src('L338'),
  values: [
    {
      value: 'A',
      label: { zh: 'A类:保修任务', en: 'Type A: warranty task' },
      description:
        'Within the warranty period; costs recovered from the contractor retention (S002-REPAIR-05).',
    },
    {
      value: 'B',
      label: { zh: 'B类:保修期外应由公司承担的维修任务', en: 'Type B: post-warranty, company-borne' },
    },
  ],
});

const G1 = '客户基本信息';
const G2 = '客户购房需求';
const G3 = '客户购房记录';
const G4 = '客户投诉与建议';
const afterDeal = { requiredWhen: { key: 'stage', in: ['closed'] } };

/**
 * Customer information record (第五条, 包括但不限于), S002-FIELD-01: the basic group is required at creation,
 * the purchase record once the deal is closed (the catalog's reading); needs and complaint groups optional.
 */
export const customerInformationRecordTemplate = defineTemplate({
  id: 'S002-FIELD-01',
  title: { zh: '客户信息', en: 'Customer information record' },
  source: src('L215-L217'),
  open: true,
  fields: [
    req('name', '姓名', 'Name', 'text', { group: G1 }),
    req('gender', '性别', 'Gender', 'enum', {
      group: G1,
      options: opts(['male', '男', 'Male'], ['female', '女', 'Female']),
    }),
    req('age', '年龄', 'Age', 'number', { group: G1 }),
    req('occupation', '职业', 'Occupation', 'text', { group: G1 }),
    req('contact', '联系方式', 'Contact details', 'list', { group: G1, items: 'text' }),
    field('propertyType', '购房类型', 'Property type', 'text', { group: G2 }),
    field('areaSqm', '面积', 'Area (m²)', 'number', { group: G2 }),
    field('price', '价格', 'Price (fen)', 'money', { group: G2 }),
    field('floor', '楼层', 'Floor', 'number', { group: G2 }),
    field('layout', '户型', 'Layout', 'text', { group: G2 }),
    field('purchasedAt', '购房时间', 'Purchased on', 'date', { group: G3, ...afterDeal }),
    field('purchaseLocation', '购房地点', 'Purchase location', 'text', { group: G3, ...afterDeal }),
    field('purchaseAmount', '购房金额', 'Purchase amount (fen)', 'money', { group: G3, ...afterDeal }),
    field('complaintContent', '客户投诉内容', 'Complaint content', 'longText', { group: G4 }),
    field('handlingResult', '处理结果', 'Handling result', 'longText', { group: G4 }),
    field('satisfaction', '客户满意度', 'Satisfaction', 'text', { group: G4 }),
    field('stage', '客户阶段', 'Customer stage', 'enum', {
      options: opts(['prospect', '意向', 'Prospect'], ['closed', '成交', 'Deal closed']),
    }),
  ],
});
