import type { FileTypeInput } from '../schemas.js';

const S002 = '002_30394bec54f702c8.txt';
const S003 = '003_cb606191094b0008.txt';

/** The property-service customer file (客户档案, seed 002): created at first reception, updated periodically. */
export const propertyCustomerFile: FileTypeInput = {
  id: 'propertyCustomerFile',
  name: { zh: '客户档案(物业客服)', en: 'Property customer file' },
  rule: 'S002-ARCHIVE-01',
  clause: `${S002} L5, L159-L160, L342-L344`,
  family: 'customer',
  uniqueKey: 'customerId',
  openedOn: 'firstContact',
  media: ['electronic'],
  fields: [
    { id: 'name', name: { zh: '姓名', en: 'Name' }, required: true },
    { id: 'phone', name: { zh: '联系电话', en: 'Phone' }, required: true, sensitive: 'phone' },
    { id: 'idCard', name: { zh: '身份证号', en: 'ID card number' }, sensitive: 'idCard' },
    { id: 'transactions', name: { zh: '交易记录', en: 'Transaction records' } },
    { id: 'serviceRecords', name: { zh: '服务记录', en: 'Service records' } },
  ],
};

/**
 * The customer archive of seed 003 (客户档案管理制度): the field table collected at first contact, the
 * channels, the customer notice, and a clerk's deadline for entry into the CRM (规定时间, no number given).
 */
export const customerArchive003: FileTypeInput = {
  id: 'customerArchive003',
  name: { zh: '客户档案(房产)', en: 'Real-estate customer archive' },
  rule: 'S003-ARCHIVE-02',
  clause: `${S003} L9 §三.1`,
  family: 'customer',
  uniqueKey: 'customerId',
  openedOn: 'firstContact',
  media: ['paper', 'electronic'],
  fields: [
    { id: 'name', name: { zh: '姓名', en: 'Name' }, required: true },
    { id: 'gender', name: { zh: '性别', en: 'Gender' }, required: true, allowDeclined: true },
    { id: 'age', name: { zh: '年龄', en: 'Age' }, required: true, allowDeclined: true },
    // 联系方式: a CN mobile (S003-ARCHIVE-05 format check).
    {
      id: 'contact',
      name: { zh: '联系方式', en: 'Contact' },
      required: true,
      pattern: '^1[3-9]\\d{9}$',
      sensitive: 'phone',
    },
    { id: 'idCard', name: { zh: '身份证号', en: 'ID card number' }, sensitive: 'idCard' },
    {
      id: 'homeAddress',
      name: { zh: '家庭住址', en: 'Home address' },
      required: true,
      allowDeclined: true,
      sensitive: 'personal',
    },
    { id: 'occupation', name: { zh: '职业', en: 'Occupation' }, required: true, allowDeclined: true },
    {
      id: 'income',
      name: { zh: '收入情况', en: 'Income' },
      required: true,
      allowDeclined: true,
      sensitive: 'personal',
    },
    { id: 'budgetYuan', name: { zh: '购房预算', en: 'Budget' }, required: true, allowDeclined: true },
    {
      id: 'unitTypeRequirement',
      name: { zh: '户型要求', en: 'Unit type' },
      required: true,
      allowDeclined: true,
    },
    {
      id: 'locationPreference',
      name: { zh: '地段偏好', en: 'Location preference' },
      required: true,
      allowDeclined: true,
    },
    {
      id: 'purchaseTimeframe',
      name: { zh: '购房时间', en: 'Purchase timeframe' },
      required: true,
      allowDeclined: true,
    },
    { id: 'preferences', name: { zh: '偏好', en: 'Preferences' } },
    { id: 'economicStatus', name: { zh: '经济状况', en: 'Economic status' } },
    {
      id: 'collectionChannel',
      name: { zh: '收集方式', en: 'Collection channel' },
      required: true,
      oneOf: ['faceToFace', 'phone', 'onlineQuestionnaire'],
    },
    { id: 'collectedBy', name: { zh: '收集人', en: 'Collected by' }, required: true },
    { id: 'collectedAt', name: { zh: '收集时间', en: 'Collected at' }, required: true },
    { id: 'customerType', name: { zh: '客户类型', en: 'Customer type' } },
    { id: 'purchaseStage', name: { zh: '购房阶段', en: 'Purchase stage' } },
    // 知情权: the customer is told the purpose, method and scope of collection (S003-ARCHIVE-13).
    { id: 'privacyNoticeGivenAt', name: { zh: '告知时间', en: 'Privacy notice given at' }, required: true },
  ],
  handover: [
    {
      rule: 'S003-ARCHIVE-05',
      clause: `${S003} L9 §三.2 (应在规定时间内将信息准确录入公司客户管理系统)`,
      from: 'salesperson',
      to: 'crm',
      trigger: 'collected',
      within: null,
      measuredAt: 'handover',
    },
  ],
  custodianRole: 'archiveAdmin',
  notes: ['S003-ARCHIVE-07: classification axes customerType × purchaseStage.'],
};

/** A service entry of the archive (服务记录): problem, handling process and result (S003-ARCHIVE-03). */
export const serviceRecordEntry: FileTypeInput = {
  id: 'serviceRecordEntry',
  name: { zh: '服务记录', en: 'Service record entry' },
  rule: 'S003-ARCHIVE-03',
  clause: `${S003} L9 §三.1`,
  family: 'customer',
  fields: [
    { id: 'at', name: { zh: '时间', en: 'At' }, required: true },
    { id: 'type', name: { zh: '类型', en: 'Type' }, required: true, oneOf: ['consultation', 'complaint'] },
    { id: 'problem', name: { zh: '客户问题', en: 'Problem' }, required: true },
    { id: 'handlingProcess', name: { zh: '处理过程', en: 'Handling process' }, required: true },
    { id: 'result', name: { zh: '结果', en: 'Result' }, required: true },
  ],
};

/** An important paper document (购房合同, 客户授权书) in the numbered paper archive (S003-ARCHIVE-10). */
export const paperArchiveDocument: FileTypeInput = {
  id: 'paperArchiveDocument',
  name: { zh: '纸质档案文件', en: 'Paper archive document' },
  rule: 'S003-ARCHIVE-10',
  clause: `${S003} L9 §三.3`,
  family: 'customer',
  media: ['paper'],
  fields: [
    { id: 'type', name: { zh: '文件类型', en: 'Document type' }, required: true },
    { id: 'customerId', name: { zh: '客户编号', en: 'Customer id' }, required: true },
    { id: 'archiveNo', name: { zh: '档案编号', en: 'Archive number' }, required: true },
    { id: 'cabinet', name: { zh: '档案柜', en: 'Cabinet' }, required: true },
  ],
};
