import type { z } from 'zod';
import type { FieldDefSchema, FileTypeInput } from '../schemas.js';

const SEED = '000_4818bcf0bb2aaeac.txt';
type FieldIn = z.input<typeof FieldDefSchema>;

/** [id, 中文, English, sensitive?] for the 42 numbered items of 客户信息档案 (seed 000 L871-L997). */
const ITEMS_42: readonly [string, string, string, ('phone' | 'personal')?][] = [
  ['gender', '性别', 'Gender'],
  ['mailingAddress', '通讯地址', 'Mailing address', 'personal'],
  ['company', '公司名称及地址', 'Company name and address'],
  ['officePhone', '办公电话', 'Office phone', 'phone'],
  ['homePhone', '家庭电话', 'Home phone', 'phone'],
  ['mobilePhone', '移动电话', 'Mobile phone', 'phone'],
  ['nativePlace', '籍贯', 'Native place'],
  ['education', '教育背景', 'Education'],
  ['familySituation', '家庭状况', 'Family situation', 'personal'],
  ['maritalStatus', '婚姻状况', 'Marital status', 'personal'],
  ['spouse', '配偶信息', 'Spouse (phone, employer)', 'personal'],
  ['spouseEducation', '配偶教育背景', 'Spouse education'],
  ['spouseInterests', '配偶兴趣', 'Spouse interests'],
  ['parents', '父母状况', 'Parents'],
  ['children', '子女状况', 'Children', 'personal'],
  ['closestFamilyMember', '家庭中最亲密的人', 'Closest family member'],
  ['preferredDining', '最偏好的就餐地点', 'Preferred dining'],
  ['preferredShoppingPlaces', '偏爱购物场所', 'Preferred shopping places'],
  ['preferredCuisine', '最偏爱的菜式', 'Preferred cuisine'],
  ['drinking', '饮酒', 'Drinking'],
  ['smoking', '抽烟', 'Smoking'],
  ['health', '健康状况', 'Health', 'personal'],
  ['longDistanceTransport', '远行交通工具', 'Long-distance transport'],
  ['socialOrganizations', '所属的社会组织', 'Social organisations'],
  ['socialEnthusiasm', '社交热衷程度', 'Social enthusiasm'],
  ['currentResidence', '现居住状况', 'Current residence', 'personal'],
  ['currentPropertyInvestments', '现房产投资状况', 'Current property investments', 'personal'],
  ['idealResidencePriorities', '理想居住状况', 'Ideal residence priorities'],
  ['purchaseReason', '由于何种原因而购房', 'Reason for buying'],
  ['purchaseWithUs', '在我处购买物业的具体情况', 'Purchase with us'],
  ['developerFamiliarity', '对建业房产的了解', 'Familiarity with the developer'],
  ['caresAboutNeighbourQuality', '对小区其他业主的素质是否在意', 'Cares about neighbour quality'],
  ['jobTitle', '职位', 'Job title'],
  ['carBrand', '汽车品牌', 'Car brand'],
  ['licensePlate', '车牌号', 'Licence plate', 'personal'],
  ['dressStyle', '服饰讲究', 'Dress style'],
  ['mainInformationSource', '信息主要来源', 'Main information source'],
  ['mostAdmiredPerson', '最佩服的人', 'Most admired person'],
  ['careerGoals', '事业目标', 'Career goals'],
  ['personalGoals', '个人目标', 'Personal goals'],
  ['proudestAchievement', '自认为最得意的事', 'Proudest achievement'],
  ['independence', '主见', 'Independence of mind'],
];

const fortyTwo: FieldIn[] = ITEMS_42.map(([id, zh, en, sensitive]) => ({
  id,
  name: { zh, en },
  ...(sensitive ? { sensitive } : {}),
}));

/**
 * The real-estate customer information file (客户信息档案, reference template): a salesperson header and
 * 42 numbered items, every item optional (S000B-CORE-04: filled in over time, projects may add or drop
 * items). The customer name is not in the template; it is added as an identifier.
 */
export const customerInformationFile: FileTypeInput = {
  id: 'customerInformationFile',
  name: { zh: '客户信息档案', en: 'Customer information file' },
  rule: 'S000B-CORE-03',
  clause: `${SEED} L871-L997`,
  family: 'customer',
  uniqueKey: 'customerId',
  media: ['electronic'],
  fields: [
    { id: 'salespersonId', name: { zh: '销售人员', en: 'Salesperson' }, required: true },
    { id: 'customerName', name: { zh: '客户姓名', en: 'Customer name' } },
    ...fortyTwo,
  ],
};

/** Archive of closed-deal customers (成交客户档案库): opened when a deal closes, one entry per customer. */
export const closedDealArchive: FileTypeInput = {
  id: 'closedDealArchive',
  name: { zh: '成交客户档案库', en: 'Closed-deal customer archive' },
  rule: 'S000B-ARCHIVE-01',
  clause: `${SEED} L783`,
  family: 'customer',
  uniqueKey: 'customerId',
  openedOn: 'dealClosed',
  media: ['electronic'],
  fields: [
    { id: 'customerId', name: { zh: '客户编号', en: 'Customer id' }, required: true },
    { id: 'closedAt', name: { zh: '成交日期', en: 'Deal closed at' }, required: true },
    { id: 'purchaseWithUs', name: { zh: '在我处购买物业的具体情况', en: 'Units bought with us' } },
  ],
  notes: [
    'Closed-deal customers are enrolled in birthday and holiday greetings (service package, S000B-FOLLOWUP-01/02).',
  ],
};

/** Daily customer registration form of a leasing manager (客户信息登记表): kept by General Services, GM permission to view. */
export const leasingRegistrationForm: FileTypeInput = {
  id: 'leasingRegistrationForm',
  name: { zh: '客户信息登记表(招商)', en: 'Leasing customer registration form' },
  rule: 'S000B-ACCESS-01',
  clause: `${SEED} L1127`,
  family: 'register',
  media: ['paper'],
  fields: [
    { id: 'managerId', name: { zh: '招商经理', en: 'Leasing manager' }, required: true },
    { id: 'date', name: { zh: '日期', en: 'Date' }, required: true },
    { id: 'customers', name: { zh: '来电来访客户', en: 'Callers and visitors' }, required: true },
  ],
  custodianRole: 'generalServicesCustodian',
  author: 'leasingManager',
  cadence: 'daily',
};

/**
 * The customer archive form of a leasing deal (客户档案表, attachment 1): the complete form goes to General
 * Services; kept 10 years; destruction needs the leasing head's review, then the GM's approval, and a
 * destruction record. The form's fields (附件一) are not in the text; the seed gives no submission
 * deadline either ("按时" without a number), so `within` is null until a company sets one.
 */
export const leasingCustomerArchiveForm: FileTypeInput = {
  id: 'leasingCustomerArchiveForm',
  name: { zh: '客户档案表(招商)', en: 'Leasing customer archive form' },
  rule: 'S000B-ARCHIVE-02',
  clause: `${SEED} L1129`,
  family: 'customer',
  uniqueKey: 'customerId',
  openedOn: 'dealClosed',
  media: ['paper'],
  handover: [
    {
      rule: 'S000B-ARCHIVE-02',
      clause: `${SEED} L1129 + L1133 (未按时上交《客户档案表》)`,
      from: 'leasingManager',
      to: 'generalServicesCustodian',
      trigger: 'dealClosed',
      within: null,
      measuredAt: 'complete',
    },
  ],
  custodianRole: 'generalServicesCustodian',
  retention: {
    rule: 'S000B-ARCHIVE-03',
    clause: `${SEED} L1131 (客户档案的保管期限为10年…招商部负责人审核,总经理审批…做好销毁记录)`,
    years: 10,
    destructionApprovals: ['leasingHead', 'generalManager'],
    destructionRecordRequired: true,
  },
};

/** Sales-department customer archive (S000B-CORE-06, S000B-ARCHIVE-04): custodian, transactions, sales-director sign-off. */
export const salesDepartmentArchive: FileTypeInput = {
  id: 'salesDepartmentArchive',
  name: { zh: '销售部客户档案', en: 'Sales-department customer archive' },
  rule: 'S000B-ARCHIVE-04',
  clause: `${SEED} L1083-L1091`,
  family: 'customer',
  uniqueKey: 'customerId',
  media: ['electronic'],
  fields: [
    {
      id: 'ownerDept',
      name: { zh: '建档部门', en: 'Owning department' },
      required: true,
      oneOf: ['sales', 'hrJointOffice'],
    },
    { id: 'phone', name: { zh: '电话', en: 'Phone' }, required: true, sensitive: 'phone' },
    { id: 'contactPerson', name: { zh: '联系人', en: 'Contact person' }, required: true },
    { id: 'website', name: { zh: '网址', en: 'Website' } },
    { id: 'transactions', name: { zh: '客户以往交易记录', en: 'Past transactions' } },
    { id: 'custodianId', name: { zh: '专人管理', en: 'Custodian' }, required: true },
  ],
  custodianRole: 'archiveCustodian',
  approverRole: 'salesDirector',
};

/**
 * Corporate customer archive (公司客户档案): one archive account per new customer, seven basic fields,
 * major changes recorded; filed with market promotion within 5 working days of first contact
 * (须在5个工作日内到市场推广部进行备案).
 */
export const corporateCustomerArchive: FileTypeInput = {
  id: 'corporateCustomerArchive',
  name: { zh: '公司客户档案', en: 'Corporate customer archive' },
  rule: 'S000B-ARCHIVE-07',
  clause: `${SEED} L1457-L1465`,
  family: 'corporate',
  uniqueKey: 'customerId',
  openedOn: 'firstContact',
  media: ['electronic'],
  fields: [
    { id: 'customerName', name: { zh: '客户名称', en: 'Customer name' }, required: true },
    {
      id: 'customerCategory',
      name: { zh: '客户类别', en: 'Customer category' },
      required: true,
      oneOf: ['target', 'general', 'key', 'potential'],
    },
    { id: 'enterpriseNature', name: { zh: '企业性质', en: 'Nature of the enterprise' }, required: true },
    { id: 'supervisingAuthority', name: { zh: '主管单位', en: 'Supervising authority' }, required: true },
    { id: 'address', name: { zh: '地址', en: 'Address' }, required: true },
    { id: 'contactPerson', name: { zh: '联系人', en: 'Contact person' }, required: true },
    { id: 'contactPhone', name: { zh: '联系电话', en: 'Contact phone' }, required: true, sensitive: 'phone' },
    { id: 'majorChanges', name: { zh: '重大变动事件', en: 'Major changes' } },
  ],
  handover: [
    {
      rule: 'S000B-ARCHIVE-07',
      clause: `${SEED} L1467 (业务部门接触到新客户后,须在5个工作日内到市场推广部进行备案)`,
      from: 'businessDepartment',
      to: 'marketPromotion',
      trigger: 'firstContact',
      within: { unit: 'workingDays', amount: 5, at: 'endOfDay' },
      measuredAt: 'handover',
    },
  ],
  custodianRole: 'marketPromotion',
};

/** Joint-venture partner archive (联营合作伙伴个人档案): updated at once; A/B snapshots every half-year; grade internal only. */
export const partnerArchive: FileTypeInput = {
  id: 'partnerArchive',
  name: { zh: '联营合作伙伴档案', en: 'Joint-venture partner archive' },
  rule: 'S000B-ARCHIVE-06',
  clause: `${SEED} L1437-L1439`,
  family: 'partner',
  uniqueKey: 'partnerId',
  media: ['electronic'],
  cadence: 'halfYearly',
  fields: [
    { id: 'partnerName', name: { zh: '合作伙伴名称', en: 'Partner name' }, required: true },
    { id: 'contractingArea', name: { zh: '承揽区域', en: 'Contracting area' } },
    { id: 'network', name: { zh: '人脉背景', en: 'Network and background' } },
    { id: 'pastPerformance', name: { zh: '过往业绩', en: 'Past performance' } },
    { id: 'cooperationRecord', name: { zh: '合作中的表现', en: 'Performance in cooperation' } },
    { id: 'completionEvaluation', name: { zh: '竣工后的评价', en: 'Evaluation after completion' } },
    { id: 'creditStanding', name: { zh: '信誉程度', en: 'Credit standing' }, internalOnly: true },
    // 分级结果为公司内部使用,不对合作伙伴公开 (S000B-ACCESS-03).
    {
      id: 'grade',
      name: { zh: '分级', en: 'Grade' },
      required: true,
      oneOf: ['A', 'B', 'C', 'D'],
      internalOnly: true,
    },
  ],
  custodianRole: 'shengchang',
};

/** The revisit archive (回访档案): an open letter answering many residents must be filed in it (公开信应存入回访档案). */
export const revisitArchive: FileTypeInput = {
  id: 'revisitArchive',
  name: { zh: '回访档案', en: 'Revisit archive' },
  rule: 'S000B-ARCHIVE-05',
  clause: `${SEED} L1035 (公开信应存入回访档案)`,
  family: 'visit',
  documents: [
    { id: 'revisitRecord', name: { zh: '回访记录', en: 'Revisit record' } },
    {
      id: 'openLetter',
      name: { zh: '公开信', en: 'Open letter' },
      when: { flag: 'answeredByOpenLetter', equals: true },
    },
  ],
};

/** The complaint form (投诉表): a complaint exempt from revisit carries the reply-letter note (应将复函情况附在投诉表后). */
export const complaintForm: FileTypeInput = {
  id: 'complaintForm',
  name: { zh: '投诉表', en: 'Complaint form' },
  rule: 'S000B-ARCHIVE-05',
  clause: `${SEED} L1041 (可不进行回访,但应将复函情况附在投诉表后)`,
  family: 'complaint',
  documents: [
    { id: 'complaintRecord', name: { zh: '投诉记录', en: 'Complaint record' } },
    {
      id: 'replyLetterNote',
      name: { zh: '复函情况', en: 'Reply-letter note' },
      when: { flag: 'exemptFromRevisit', equals: true },
    },
  ],
};
