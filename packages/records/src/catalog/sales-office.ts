import type { FileTypeInput } from '../schemas.js';

const S001 = '001_b5a166781b06eda6.txt';

type FormSpec = [
  id: string,
  zh: string,
  en: string,
  rule: string,
  line: number,
  author: string,
  cadence: FileTypeInput['cadence'],
];

/** Registers and reports of the sales office (来人来电登记, 定单登记, 统计表, 计划表), each with its author. */
const FORMS: readonly FormSpec[] = [
  ['visitorRegister', '来人登记表', 'Visitor register', 'S001-ARCHIVE-02', 122, 'salesperson', 'perEvent'],
  ['callRegister', '来电登记表', 'Call register', 'S001-ARCHIVE-02', 122, 'salesperson', 'perEvent'],
  [
    'smallDepositDetail',
    '小定明细表',
    'Small-deposit detail table',
    'S001-ARCHIVE-03',
    128,
    'salesAssistant',
    'perEvent',
  ],
  [
    'largeDepositDetail',
    '大定明细表',
    'Large-deposit detail table',
    'S001-ARCHIVE-03',
    130,
    'salesAssistant',
    'perEvent',
  ],
  ['salesStatistics', '销售统计表', 'Sales statistics', 'S001-ARCHIVE-03', 224, 'salesAssistant', 'perEvent'],
  [
    'signingDetail',
    '签约明细表',
    'Signing detail table',
    'S001-ARCHIVE-03',
    224,
    'salesAssistant',
    'perEvent',
  ],
  [
    'dailyVisitCallStats',
    '来人来电统计表',
    'Daily visitor/call statistics',
    'S001-ARCHIVE-04',
    132,
    'salesManager',
    'daily',
  ],
  [
    'weeklyVisitCallAnalysis',
    '周来人来电统计成交状况分析表',
    'Weekly visitor/call/deal analysis',
    'S001-ARCHIVE-04',
    134,
    'salesManager',
    'weekly',
  ],
  [
    'monthlyVisitCallAnalysis',
    '月来人来电统计成交状况分析表',
    'Monthly visitor/call/deal analysis',
    'S001-ARCHIVE-04',
    136,
    'salesManager',
    'monthly',
  ],
  ['dailyPlan', '日计划表', 'Daily plan', 'S001-ARCHIVE-06', 216, 'salesperson', 'daily'],
  [
    'weeklyPlan',
    '周计划表(每周六填写)',
    'Weekly plan (filled in on Saturdays)',
    'S001-ARCHIVE-06',
    216,
    'salesperson',
    'weekly',
  ],
  [
    'weeklySalesAnalysis',
    '每周销售综合分析表',
    'Weekly comprehensive sales analysis',
    'S001-ARCHIVE-07',
    226,
    'salesManager',
    'weekly',
  ],
  [
    'weeklyBusinessReport',
    '业务综合周报',
    'Weekly business report',
    'S001-ARCHIVE-07',
    226,
    'salesManager',
    'weekly',
  ],
  [
    'creditInvestigationReport',
    '客户信用调查报告',
    'Credit investigation report (to the sales manager)',
    'S001-ARCHIVE-10',
    292,
    'finance',
    'perEvent',
  ],
];

/** The sales office's registers, tables and reports as file types (each names the role that writes it). */
export const salesOfficeForms: FileTypeInput[] = FORMS.map(([id, zh, en, rule, line, author, cadence]) => ({
  id,
  name: { zh, en },
  rule,
  clause: `${S001} L${line}`,
  family: id.includes('Register') ? 'register' : 'form',
  // 客户资料均存入集团系统电脑 / 销售原始数据一律电脑存档 (S001-ARCHIVE-05).
  media: ['electronic'],
  author,
  cadence,
}));

/** The subscription agreement (认购书): 4 copies, balance = price − deposit, current contact details. */
export const subscriptionAgreement: FileTypeInput = {
  id: 'subscriptionAgreement',
  name: { zh: '认购书', en: 'Subscription agreement' },
  rule: 'S001-ARCHIVE-08',
  clause: `${S001} L232-L234`,
  family: 'form',
  media: ['paper', 'electronic'],
  copies: [
    { holder: 'customer', count: 1 },
    { holder: 'finance', count: 1 },
    { holder: 'sales', count: 2 },
  ],
  fields: [
    { id: 'price', name: { zh: '房价', en: 'Price' }, required: true },
    { id: 'deposit', name: { zh: '定金', en: 'Deposit' }, required: true },
    { id: 'balance', name: { zh: '余额', en: 'Balance' }, required: true },
    {
      id: 'mailingAddress',
      name: { zh: '现在可通信地址', en: 'Current mailing address' },
      required: true,
      sensitive: 'personal',
    },
    { id: 'postalCode', name: { zh: '邮政编码', en: 'Postal code' }, required: true, pattern: '^\\d{6}$' },
    { id: 'phone', name: { zh: '电话', en: 'Phone' }, required: true, sensitive: 'phone' },
  ],
  consistency: [
    {
      rule: 'S001-ARCHIVE-09',
      clause: `${S001} L234 (余额一定要细心填写)`,
      field: 'balance',
      equalsDifferenceOf: ['price', 'deposit'],
    },
  ],
  custodianRole: 'documentCustodian',
};

/** The customer transaction card (客户交易卡): printed by the company, 2 copies, filled in by the customer before trading. */
export const customerTransactionCard: FileTypeInput = {
  id: 'customerTransactionCard',
  name: { zh: '客户交易卡', en: 'Customer transaction card' },
  rule: 'S001-ARCHIVE-11',
  clause: `${S001} L322`,
  family: 'form',
  media: ['paper'],
  // Who keeps each copy is not stated; company 1 / customer 1 is the catalog's reading.
  copies: [
    { holder: 'company', count: 1 },
    { holder: 'customer', count: 1 },
  ],
  author: 'customer',
};

/** An outreach file batch (科普档案): collected → CRM centre → returned → allocated. */
export const outreachFileBatch: FileTypeInput = {
  id: 'outreachFileBatch',
  name: { zh: '科普顾客档案', en: 'Outreach customer file batch' },
  rule: 'S001-ARCHIVE-01',
  clause: `${S001} L20-L22`,
  family: 'customer',
  media: ['electronic'],
};

/** Other sales-office objects that access rules govern. */
export const salesOfficeObjects: FileTypeInput[] = [
  {
    id: 'departmentCustomerFile',
    name: { zh: '部门客户档案', en: 'Department customer file' },
    rule: 'S001-ACCESS-04',
    clause: `${S001} L584`,
    family: 'customer',
    custodianRole: 'salesAdminSupervisor',
  },
  {
    id: 'signedSalesDocument',
    name: { zh: '已签订单、认购书', en: 'Signed orders and subscription agreements' },
    rule: 'S001-ACCESS-02',
    clause: `${S001} L220`,
    family: 'form',
    custodianRole: 'documentCustodian',
  },
  {
    id: 'blankReceiptBook',
    name: { zh: '空白收据、认购书', en: 'Blank receipts and subscription forms' },
    rule: 'S001-ACCESS-02',
    clause: `${S001} L228`,
    family: 'form',
    custodianRole: 'siteSalesSupervisor',
  },
  {
    id: 'customerPayment',
    name: { zh: '定金及房款', en: 'Deposits and instalments' },
    rule: 'S001-ACCESS-01',
    clause: `${S001} L206-L208`,
    family: 'form',
  },
  {
    id: 'developmentProject',
    name: { zh: '新客户开发项目', en: 'New-customer development project' },
    rule: 'S001-ACCESS-05',
    clause: `${S001} L408`,
    family: 'customer',
  },
  {
    id: 'customerSystem',
    name: { zh: '客户所用系统', en: "Customer's own system" },
    rule: 'S001-ACCESS-06',
    clause: `${S001} L532`,
    family: 'customer',
  },
  {
    id: 'companyBlacklist',
    name: { zh: '公司客户黑名单', en: 'Company customer blacklist' },
    rule: 'S001-ACCESS-07',
    clause: `${S001} L660`,
    family: 'register',
  },
  {
    id: 'departmentBlacklist',
    name: { zh: '部门客户黑名单', en: 'Department customer blacklist' },
    rule: 'S001-ACCESS-07',
    clause: `${S001} L660`,
    family: 'register',
  },
];

/** Return-visit records and the materials taken out for a visit (seed 001 part b). */
export const returnVisitFiles: FileTypeInput[] = [
  {
    id: 'visitMaterials',
    name: { zh: '回访资料', en: 'Visit materials' },
    rule: 'S001B-ARCHIVE-01',
    clause: `${S001} L710`,
    family: 'visit',
  },
  {
    id: 'returnVisitRecordArchive',
    name: { zh: '客户回访记录表汇总', en: 'Consolidated return-visit records' },
    rule: 'S001B-ARCHIVE-02',
    clause: `${S001} L722`,
    family: 'visit',
    fields: [
      { id: 'records', name: { zh: '回访记录', en: 'Records' }, required: true },
      { id: 'classification', name: { zh: '分类', en: 'Classification' }, required: true },
      { id: 'custodianId', name: { zh: '专人保存', en: 'Custodian' }, required: true },
    ],
    custodianRole: 'returnVisitCustodian',
  },
  {
    id: 'complaintCase',
    name: { zh: '投诉案宗', en: 'Complaint case file' },
    rule: 'S001B-ARCHIVE-03',
    clause: `${S001} L844-L870`,
    family: 'complaint',
    custodianRole: 'adminStaff',
    notes: [
      'Archived after closure by administrative staff in yearly case volumes keyed by the closure year.',
    ],
  },
];
