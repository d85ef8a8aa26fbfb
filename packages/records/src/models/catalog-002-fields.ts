import { field, req, SEED } from './build.js';
import type { RecordTemplate } from './template.js';
import { defineTemplate } from './template.js';

/**
 * The other field lists of seed 002 (S002-FIELD-02). Every list there reads 包括/等, so each template is
 * open; the named fields are required unless they accrue over time (histories, optional groupings).
 */
function t002(
  name: string,
  zh: string,
  en: string,
  lines: string,
  fields: Parameters<typeof defineTemplate>[0]['fields'],
): RecordTemplate {
  return defineTemplate({
    id: 'S002-FIELD-02',
    name,
    title: { zh, en },
    source: { seed: SEED.s002, lines },
    open: true,
    fields,
  });
}

/** Sales-office needs record (购房预算、房屋类型、居住需求), 002 L35. */
export const salesOfficeNeedsTemplate = t002(
  'salesOfficeNeeds',
  '客户需求记录',
  'Sales-office needs record',
  'L35',
  [
    req('budget', '购房预算', 'Budget (fen)', 'money'),
    req('houseType', '房屋类型', 'House type', 'text'),
    req('livingNeeds', '居住需求', 'Living needs', 'longText'),
  ],
);

/** CRM customer (分类、购房需求、购房意向、购房历程、满意度和反馈), 002 L61. */
export const crmCustomerTemplate = t002('crmCustomer', '客户关系管理系统客户', 'CRM customer', 'L61', [
  req('category', '分类', 'Category', 'text'),
  req('purchaseNeeds', '购房需求', 'Purchase needs', 'longText'),
  req('purchaseIntention', '购房意向', 'Purchase intention', 'text'),
  field('purchaseHistory', '购房历程', 'Purchase history', 'list'),
  field('satisfactionFeedback', '满意度和反馈', 'Satisfaction and feedback', 'list'),
]);

/** Consultation record (联系信息、咨询内容、问题和解决方案), 002 L72, L76. */
export const consultationRecordTemplate = t002(
  'consultation',
  '客户咨询记录',
  'Consultation record',
  'L72, L76',
  [
    req('contact', '联系信息', 'Contact information', 'text'),
    req('inquiryContent', '咨询内容', 'Inquiry content', 'longText'),
    field('question', '问题', 'Question', 'longText'),
    field('solution', '解决方案', 'Solution', 'longText'),
  ],
);

/** Customer data (姓名、联系方式、购房需求), 002 L90 and the same list at L151. */
export const customerDataTemplate = t002('customerData', '客户数据', 'Customer data', 'L90, L151', [
  req('name', '姓名', 'Name', 'text'),
  req('contact', '联系方式', 'Contact details', 'text'),
  req('purchaseNeeds', '购房需求', 'Purchase needs', 'longText'),
]);

/** Inquiry record (咨询内容、咨询时间, 分类和归档), 002 L91. */
export const inquiryRecordTemplate = t002('inquiry', '客户咨询信息', 'Inquiry record', 'L91', [
  req('content', '咨询内容', 'Inquiry content', 'longText'),
  req('inquiredAt', '咨询时间', 'Inquired at', 'instant'),
  req('category', '分类', 'Category', 'text'),
  field('archived', '归档', 'Archived', 'boolean'),
]);

/** Viewing appointment (预约看房, 日历和时间), 002 L92. */
export const viewingAppointmentTemplate = t002(
  'viewingAppointment',
  '预约看房',
  'Viewing appointment',
  'L92',
  [req('slotStart', '开始时间', 'Slot start', 'instant'), req('slotEnd', '结束时间', 'Slot end', 'instant')],
);

/** Follow-up record (联系方式、沟通内容、下一步计划); 联系方式 read as the channel used, 002 L93. */
export const followUpRecordTemplate = t002('followUp', '客户跟进记录', 'Follow-up record', 'L93', [
  req('contactMethod', '联系方式', 'Contact method used', 'text'),
  req('content', '沟通内容', 'Communication content', 'longText'),
  req('nextStep', '下一步计划', 'Next step', 'longText'),
]);

/** Feedback (满意度调查、投诉处理), 002 L94. */
export const feedbackRecordTemplate = t002('feedback', '客户反馈信息', 'Feedback record', 'L94', [
  field('surveyResult', '满意度调查', 'Satisfaction survey result', 'longText'),
  field('complaintHandling', '投诉处理', 'Complaint handling', 'longText'),
]);

/** Contract record (合同编号、签约时间、支付方式), 002 L95. */
export const contractRecordTemplate = t002('contract', '合同信息', 'Contract record', 'L95', [
  req('contractNo', '合同编号', 'Contract number', 'text'),
  req('signedAt', '签约时间', 'Signed on', 'date'),
  req('paymentMethod', '支付方式', 'Payment method', 'text'),
]);

/** After-sales record (售后服务需求, 跟进处理过程), 002 L96. */
export const afterSalesRecordTemplate = t002('afterSales', '售后服务记录', 'After-sales record', 'L96', [
  req('request', '售后服务需求', 'After-sales request', 'longText'),
  field('handlingLog', '处理过程', 'Handling log', 'list'),
]);

/** Customer in the service system (姓名、性别、联系方式; 还可以分组), 002 L105. */
export const systemCustomerTemplate = t002(
  'systemCustomer',
  '客户基本信息',
  'Customer (service system)',
  'L105',
  [
    req('name', '姓名', 'Name', 'text'),
    req('gender', '性别', 'Gender', 'text'),
    req('contact', '联系方式', 'Contact details', 'text'),
    field('group', '分组', 'Group', 'text'),
  ],
);

/** Repair work order (报修内容、报修时间、接单人员, 唯一工单号), 002 L106; numbers from `nextWorkOrderNumber`. */
export const repairWorkOrderTemplate = t002('repairWorkOrder', '工单', 'Repair work order', 'L106', [
  req('workOrderNo', '工单号', 'Work-order number', 'text'),
  req('content', '报修的内容', 'Repair request', 'longText'),
  req('reportedAt', '报修时间', 'Reported at', 'instant'),
  req('assignee', '接单人员', 'Taken by', 'text'),
]);

/** Work-order follow-up (派单、指派维修人员、跟进进度), 002 L107. */
export const workOrderFollowUpTemplate = t002(
  'workOrderFollowUp',
  '工单跟进',
  'Work-order follow-up',
  'L107',
  [
    req('dispatchedAt', '派单', 'Dispatched at', 'instant'),
    req('repairerId', '指派维修人员', 'Assigned repairer', 'text'),
    field('progress', '跟进进度', 'Progress', 'longText'),
  ],
);

/** Complaint or suggestion follow-up (记录沟通的时间、内容), 002 L107. */
export const complaintFollowUpTemplate = t002(
  'complaintFollowUp',
  '投诉建议跟进',
  'Complaint/suggestion follow-up',
  'L107',
  [
    req('at', '沟通的时间', 'Communicated at', 'instant'),
    req('content', '沟通的内容', 'Communication content', 'longText'),
  ],
);

/** Repairer (基本信息、工作经历、服务区域、技能等级), 002 L108. */
export const repairerTemplate = t002('repairer', '维修人员', 'Repairer', 'L108', [
  req('profile', '基本信息', 'Profile', 'longText'),
  field('workHistory', '工作经历', 'Work history', 'list'),
  req('serviceAreas', '维修服务区域', 'Service areas', 'list', { items: 'text' }),
  req('skillLevel', '技能等级', 'Skill level', 'text'),
]);

/** Customer file (交易记录、服务记录), 002 L159. */
export const transactionServiceFileTemplate = t002('customerFile', '客户档案', 'Customer file', 'L159', [
  req('transactions', '交易记录', 'Transactions', 'list', { allowEmpty: true }),
  req('serviceRecords', '服务记录', 'Service records', 'list', { allowEmpty: true }),
]);

/** Reception record (姓名、联系方式、咨询内容), 002 L197. */
export const receptionRecordTemplate = t002('reception', '客户咨询与接待记录', 'Reception record', 'L197', [
  req('name', '姓名', 'Name', 'text'),
  req('contact', '联系方式', 'Contact details', 'text'),
  req('inquiryContent', '咨询内容', 'Inquiry content', 'longText'),
]);

/** Information gathered after handover (投诉要求、客户建议、回访结果等), 002 L342. */
export const postHandoverInfoTemplate = t002(
  'postHandoverInfo',
  '接楼后客户信息',
  'Post-handover information',
  'L342',
  [
    field('complaintRequests', '投诉要求', 'Complaint requests', 'list'),
    field('suggestions', '客户建议', 'Suggestions', 'list'),
    field('revisitResults', '回访结果', 'Revisit results', 'list'),
  ],
);
