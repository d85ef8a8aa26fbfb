import { field, opts, req, SEED } from './build.js';
import { defineTaxonomy } from './taxonomy.js';
import { defineTemplate } from './template.js';

const src = (lines: string) => ({ seed: SEED.s000, lines });

/** S000-CORE-06 categories; reused by the general-complaint record to waive the plate for proposals. */
const DEALER_CATEGORIES = opts(
  ['PRODUCT_QUALITY', '与产品质量有关的投诉', 'Product quality'],
  ['SALES_CONTRACT', '新车销售合同/购车合同', 'New-car sales contract'],
  ['REPAIR_QUALITY', '维修质量', 'Repair quality'],
  ['SERVICE_QUALITY', '服务质量', 'Service quality'],
  ['SUGGESTION', '客户提出的各类提案,建议,批评与意见', 'Proposals, suggestions, criticism and opinions'],
);

/** Dealer complaint intake record (投诉人姓名、电话、车型、车牌、投诉内容), store or call centre (S000-CORE-01). */
export const dealerComplaintIntakeTemplate = defineTemplate({
  id: 'S000-CORE-01',
  title: { zh: '经销商客户投诉受理记录', en: 'Dealer complaint intake record' },
  source: src('L123, L125'),
  fields: [
    req('complainantName', '投诉人姓名', 'Complainant name', 'text'),
    req('phone', '电话', 'Phone', 'phone'),
    req('vehicleModel', '车型', 'Vehicle model', 'text'),
    req('plateNumber', '车牌', 'Licence plate', 'text'),
    req('content', '投诉内容', 'Complaint content', 'longText'),
  ],
});

/**
 * General-complaint record (投诉时间、投诉内容、投诉人、投诉人车牌号等), S000-CORE-02. The list ends with 等, so
 * the template is open; the plate is waived for scope item 5 (proposals and suggestions), the catalog's reading.
 */
export const generalComplaintRecordTemplate = defineTemplate({
  id: 'S000-CORE-02',
  title: { zh: '一般投诉记录', en: 'General complaint record' },
  source: src('L739, L743'),
  open: true,
  fields: [
    req('receivedAt', '投诉时间', 'Complaint time', 'instant'),
    req('content', '投诉内容', 'Complaint content', 'longText'),
    req('complainant', '投诉人', 'Complainant', 'text'),
    field('plateNumber', '投诉人车牌号', "Complainant's plate number", 'text', {
      requiredUnless: { key: 'category', in: ['SUGGESTION'] },
    }),
    field('category', '投诉范围', 'Complaint category (S000-CORE-06)', 'enum', {
      options: DEALER_CATEGORIES,
    }),
  ],
});

/** Retail complaint record card (客户投诉记录卡), S000-CORE-03; the department's opinion is due at closure. */
export const complaintRecordCardTemplate = defineTemplate({
  id: 'S000-CORE-03',
  title: { zh: '客户投诉记录卡', en: 'Complaint record card' },
  source: src('L617'),
  fields: [
    req('customerName', '投诉客户名称', 'Complaining customer', 'text'),
    req('customerRequest', '客户要求', "Customer's request", 'longText'),
    req('acceptedAt', '受理时间', 'Accepted at', 'instant'),
    req('caseNumber', '编号', 'Case number', 'text'),
    field('handlingDeptOpinion', '受理部门处理意见', "Handling department's opinion", 'longText', {
      requiredWhen: { key: 'stage', in: ['closed'] },
    }),
    req('stage', '阶段', 'Stage', 'enum', {
      options: opts(['open', '受理中', 'Open'], ['closed', '结案', 'Closed']),
    }),
  ],
});

/** Complaint investigation report (投诉调查报告), S000-CORE-04; countermeasures and prevention are two fields. */
export const complaintInvestigationReportTemplate = defineTemplate({
  id: 'S000-CORE-04',
  title: { zh: '投诉调查报告', en: 'Complaint investigation report' },
  source: src('L619'),
  fields: [
    req('cause', '发生原因', 'Cause', 'longText'),
    req('course', '具体经过', 'Course of events', 'longText'),
    req('responsiblePersons', '具体责任者', 'Responsible persons', 'list', { items: 'text' }),
    req('conclusion', '结论', 'Conclusion', 'longText'),
    req('countermeasures', '对策', 'Countermeasures', 'longText'),
    req('preventiveMeasures', '防范措施', 'Preventive measures', 'longText'),
  ],
});

/** Retail complaint request types (减价、退货、换货、损害赔偿、批评建议等) and customer types, S000-CORE-05. */
export const retailComplaintTypes = defineTaxonomy({
  id: 'S000-CORE-05',
  title: { zh: '客户投诉的要求类型与客户类型', en: 'Retail complaint request and customer types' },
  source: src('L599, L601'),
  open: true,
  values: [
    { group: 'requestType', value: 'PRICE_REDUCTION', label: { zh: '减价', en: 'Price reduction' } },
    { group: 'requestType', value: 'RETURN', label: { zh: '退货', en: 'Return' } },
    { group: 'requestType', value: 'EXCHANGE', label: { zh: '换货', en: 'Exchange' } },
    { group: 'requestType', value: 'DAMAGES', label: { zh: '损害赔偿', en: 'Damages compensation' } },
    {
      group: 'requestType',
      value: 'CRITICISM_SUGGESTION',
      label: { zh: '批评建议', en: 'Criticism or suggestion' },
    },
    { group: 'requestType', value: 'OTHER', label: { zh: '其他(等)', en: 'Other' } },
    { group: 'customerType', value: 'END_CONSUMER', label: { zh: '最终消费者', en: 'End consumer' } },
    { group: 'customerType', value: 'AGENT', label: { zh: '代理商', en: 'Agent' } },
    { group: 'customerType', value: 'FRANCHISEE', label: { zh: '加盟商', en: 'Franchisee' } },
  ],
});

/** The five scope categories of the dealer complaint regulation, S000-CORE-06. */
export const dealerComplaintCategories = defineTaxonomy({
  id: 'S000-CORE-06',
  title: { zh: '经销商投诉范围', en: 'Dealer complaint scope categories' },
  source: src('L709-L717'),
  values: DEALER_CATEGORIES,
});

/** GPS repair service order (维修服务单), S000-CORE-07, with terminal- and SIM-swap numbers when swapped. */
export const gpsRepairServiceOrderTemplate = defineTemplate({
  id: 'S000-CORE-07',
  title: { zh: '维修服务单', en: 'Repair service order' },
  source: src('L71, L77, L79'),
  fields: [
    req('customerName', '客户名称', 'Customer name', 'text'),
    req('address', '具体地址', 'Detailed address', 'text'),
    req('contact', '联系方式', 'Contact details', 'text'),
    req('productModel', '商品型号', 'Product model', 'text'),
    req('purchaseDate', '购买日期', 'Purchase date', 'date'),
    req('faultDescription', '存在的问题和故障现象', 'Problem and fault description', 'longText'),
    field('terminalSwapped', '更换终端', 'Terminal swapped', 'boolean'),
    field('plateNumber', '车牌号', 'Plate number', 'text', {
      requiredWhen: { key: 'terminalSwapped', in: [true] },
    }),
    field('oldTerminalNo', '原终端号', 'Original terminal number', 'text', {
      requiredWhen: { key: 'terminalSwapped', in: [true] },
    }),
    field('newTerminalNo', '更新的终端号', 'Replacement terminal number', 'text', {
      requiredWhen: { key: 'terminalSwapped', in: [true] },
    }),
    field('simSwapped', '更换SIM卡', 'SIM swapped', 'boolean'),
    field('oldSim', '旧SIM', 'Old SIM number', 'text', { requiredWhen: { key: 'simSwapped', in: [true] } }),
    field('newSim', '新SIM', 'New SIM number', 'text', { requiredWhen: { key: 'simSwapped', in: [true] } }),
  ],
});

/** Customer file of a sales company (客户档案), S000-CORE-08: contacts, credit description, transactions. */
export const salesCompanyCustomerFileTemplate = defineTemplate({
  id: 'S000-CORE-08',
  title: { zh: '客户档案(销售公司)', en: 'Customer file (sales company)' },
  source: src('L293-L297, L319'),
  open: true,
  fields: [
    req('phone', '电话', 'Phone', 'phone', { group: '客户联系方式' }),
    req('contactPerson', '联系人', 'Contact person', 'text', { group: '客户联系方式' }),
    field('website', '网址', 'Website', 'text', { group: '客户联系方式' }),
    req('creditStatusNote', '客户信用状况描述', 'Credit status description', 'longText'),
    req('transactions', '客户以往交易记录', 'Past transactions', 'list', { allowEmpty: true }),
    field('relationshipRecords', '客户关系维护记录', 'Relationship-maintenance records', 'list'),
  ],
});

/** Intake channels of a sales site (来电、来访、客资), S000B-CORE-01. */
export const siteIntakeChannels = defineTaxonomy({
  id: 'S000B-CORE-01',
  title: { zh: '案场客户来源分类', en: 'Sales-site intake channels' },
  source: src('L781'),
  values: [
    { value: 'inboundCall', label: { zh: '来电', en: 'Inbound call' } },
    { value: 'walkInVisit', label: { zh: '来访', en: 'Walk-in visit' } },
    { value: 'customerLead', label: { zh: '客资', en: 'Customer lead' } },
  ],
});

/** Sales-site intake record: every customer numbered and classified (S000B-CORE-01). */
export const siteIntakeRecordTemplate = defineTemplate({
  id: 'S000B-CORE-01',
  name: 'siteIntakeRecord',
  title: { zh: '案场客户登记', en: 'Sales-site customer intake record' },
  source: src('L781'),
  open: true,
  fields: [
    req('customerNo', '客户编号', 'Customer number', 'text'),
    req('siteId', '案场', 'Sales site', 'text'),
    req('channel', '来源', 'Channel', 'enum', { options: siteIntakeChannels.values }),
  ],
});

const ORDINAL_FIELDS: readonly [
  string,
  string,
  string,
  'text' | 'phone' | 'boolean' | 'list' | 'longText',
][] = [
  ['gender', '性别', 'Gender', 'text'],
  ['mailingAddress', '通讯地址', 'Mailing address', 'text'],
  ['company', '公司名称及地址', 'Company name and address', 'text'],
  ['officePhone', '办公电话', 'Office phone', 'phone'],
  ['homePhone', '家庭电话', 'Home phone', 'phone'],
  ['mobilePhone', '移动电话', 'Mobile phone', 'phone'],
  ['nativePlace', '籍贯', 'Native place', 'text'],
  ['education', '教育背景', 'Education', 'longText'],
  ['familySituation', '家庭状况', 'Family situation', 'longText'],
  ['maritalStatus', '婚姻状况', 'Marital status', 'text'],
  ['spouse', '配偶信息', 'Spouse (phone, employer)', 'longText'],
  ['spouseEducation', '配偶教育背景', 'Spouse education', 'text'],
  ['spouseInterests', '配偶兴趣', 'Spouse interests', 'list'],
  ['parents', '父母状况', 'Parents', 'list'],
  ['children', '子女状况', 'Children', 'list'],
  ['closestFamilyMember', '家庭中最亲密的人', 'Closest family member', 'text'],
  ['preferredDining', '最偏好的就餐地点', 'Preferred dining', 'longText'],
  ['preferredShoppingPlaces', '偏爱购物场所', 'Preferred shopping places', 'list'],
  ['preferredCuisine', '最偏爱的菜式', 'Preferred cuisine', 'text'],
  ['drinking', '饮酒', 'Drinking', 'longText'],
  ['smoking', '抽烟', 'Smoking', 'longText'],
  ['health', '健康状况', 'Health', 'longText'],
  ['longDistanceTransport', '远行交通工具', 'Long-distance transport', 'text'],
  ['socialOrganizations', '所属的社会组织', 'Social organisations', 'list'],
  ['socialEnthusiasm', '社交热衷程度', 'Social enthusiasm', 'text'],
  ['currentResidence', '现居住状况', 'Current residence', 'longText'],
  ['currentPropertyInvestments', '现房产投资状况', 'Current property investments', 'longText'],
  ['idealResidencePriorities', '理想居住状况', 'Ideal residence priorities', 'list'],
  ['purchaseReason', '由于何种原因而购房', 'Reason for buying', 'longText'],
  ['purchaseWithUs', '在我处购买物业的具体情况', 'Purchase with us', 'longText'],
  ['developerFamiliarity', '对建业房产的了解', 'Familiarity with the developer', 'longText'],
  ['caresAboutNeighbourQuality', '对小区其他业主的素质是否在意', 'Cares about neighbour quality', 'boolean'],
  ['jobTitle', '职位', 'Job title', 'text'],
  ['carBrand', '汽车品牌', 'Car brand', 'text'],
  ['licensePlate', '车牌号', 'Licence plate', 'text'],
  ['dressStyle', '服饰讲究', 'Dress style', 'text'],
  ['mainInformationSource', '信息主要来源', 'Main information source', 'text'],
  ['mostAdmiredPerson', '最佩服的人', 'Most admired person', 'text'],
  ['careerGoals', '事业目标', 'Career goals', 'longText'],
  ['personalGoals', '个人目标', 'Personal goals', 'longText'],
  ['proudestAchievement', '自认为最得意的事', 'Proudest achievement', 'longText'],
  ['independence', '主见', 'Independence of mind', 'longText'],
];

/**
 * Customer information file (客户信息档案, reference template), S000B-CORE-03/04: the salesperson header and
 * 42 numbered items, all optional (随时了解,随时增加); projects derive their own with `customizeTemplate`.
 * The file type with custody and access rules lives in `@zhidu/records` (`customerInformationFile`);
 * this template adds value checks (phones) and the add/remove mechanism.
 */
export const customerInformationFileTemplate = defineTemplate({
  id: 'S000B-CORE-03',
  title: { zh: '客户信息档案(参考模版)', en: 'Customer information file (reference template)' },
  source: src('L871-L1005'),
  fields: [
    req('salespersonId', '销售人员', 'Salesperson', 'text'),
    field('customerName', '客户姓名', 'Customer name', 'text', { recommended: true }),
    ...ORDINAL_FIELDS.map(([key, zh, en, type]) => field(key, zh, en, type)),
  ],
});

/** Corporate customer archive (公司客户档案) basic information, S000B-CORE-05 (list ends with 等). */
export const corporateCustomerArchiveTemplate = defineTemplate({
  id: 'S000B-CORE-05',
  title: { zh: '公司客户档案基本信息', en: 'Corporate customer archive' },
  source: src('L1451, L1459'),
  open: true,
  fields: [
    req('customerName', '客户名称', 'Customer name', 'text'),
    req('customerCategory', '客户类别', 'Customer category', 'enum', {
      options: opts(
        ['target', '目标客户', 'Target'],
        ['general', '一般客户', 'General'],
        ['key', '重点客户', 'Key'],
        ['potential', '潜在客户', 'Potential'],
      ),
    }),
    req('enterpriseNature', '企业性质', 'Enterprise nature', 'text'),
    // 主管单位 may honestly be "无" for a private firm: required, but free text.
    req('supervisingAuthority', '主管单位', 'Supervising authority', 'text'),
    req('address', '地址', 'Address', 'text'),
    req('contactPerson', '联系人', 'Contact person', 'text'),
    req('contactPhone', '联系电话', 'Contact phone', 'phone'),
  ],
});

/** Sales-department customer archive (销售部、人事部联营办各自的客户档案), S000B-CORE-06. */
export const salesDepartmentArchiveTemplate = defineTemplate({
  id: 'S000B-CORE-06',
  title: { zh: '销售部客户档案', en: 'Sales-department customer archive' },
  source: src('L1083-L1087'),
  open: true,
  fields: [
    req('ownerDept', '建档部门', 'Owning department', 'enum', {
      options: opts(
        ['sales', '销售部', 'Sales department'],
        ['hrJointOffice', '人事部联营办', 'HR joint-operations office'],
      ),
    }),
    req('phone', '电话', 'Phone', 'phone', { group: '客户联系方式' }),
    req('contactPerson', '联系人', 'Contact person', 'text', { group: '客户联系方式' }),
    field('website', '网址', 'Website', 'text', { group: '客户联系方式' }),
    req('transactions', '客户以往交易记录', 'Past transactions', 'list', { allowEmpty: true }),
  ],
});

/** Customer relationship card (客户关系卡), fixed format, and the key-customer flag, S000B-CORE-07. */
export const customerRelationshipCardTemplate = defineTemplate({
  id: 'S000B-CORE-07',
  title: { zh: '客户关系卡', en: 'Customer relationship card' },
  source: src('L1183-L1191'),
  fields: [
    req('name', '客户姓名', 'Customer name', 'text'),
    req('employer', '工作单位', 'Employer', 'text'),
    req('position', '职位', 'Position', 'text'),
    req('address', '住址', 'Home address', 'text'),
    req('contact', '联系方式', 'Contact', 'text'),
    field('isKey', '重点客户', 'Key customer (separate key-customer card)', 'boolean'),
    req('updatedAt', '更新时间', 'Updated at', 'instant'),
  ],
});

/** Joint-venture partner archive (合作伙伴档案, 主要包括), S000B-CORE-08. */
export const partnerArchiveTemplate = defineTemplate({
  id: 'S000B-CORE-08',
  title: { zh: '合作伙伴档案', en: 'Partner archive' },
  source: src('L1419, L1437-L1439'),
  open: true,
  fields: [
    req('contractingRegion', '承揽区域', 'Contracting region', 'text'),
    req('networkBackground', '人脉背景', 'Network and background', 'longText'),
    req('pastPerformance', '过往业绩', 'Past performance', 'longText'),
    field(
      'cooperationPerformance',
      '在与海盛公司合作中的表现',
      'Performance in cooperation with us',
      'longText',
    ),
    field('postCompletionEvaluations', '竣工后的评价', 'Post-completion evaluations', 'list'),
    req('creditworthiness', '信誉程度', 'Creditworthiness', 'text'),
    req('updatedAt', '即时更新', 'Updated at', 'instant'),
  ],
});

/** Move-in registration by the customer-service department (客户入住时,客服部要为客户做好登记), S000B-CORE-09. */
export const moveInRegistrationTemplate = defineTemplate({
  id: 'S000B-CORE-09',
  title: { zh: '入住登记', en: 'Move-in registration' },
  source: src('L1317, L1321'),
  open: true,
  fields: [
    req('unitId', '房号', 'Unit', 'text'),
    req('moveInDate', '入住日期', 'Move-in date', 'date'),
    req('registeredBy', '登记部门', 'Registered by', 'enum', {
      options: opts(['customerServiceDept', '客服部', 'Customer-service department']),
    }),
    field('occupants', '入住人员', 'Occupants', 'list', { items: 'text' }),
  ],
});
