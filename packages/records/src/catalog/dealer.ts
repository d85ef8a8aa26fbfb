import type { FileTypeInput } from '../schemas.js';

const SEED = '000_4818bcf0bb2aaeac.txt';

/**
 * Inspection-type documents (检查类档案) of the new-car file. The seed fines a sales consultant 20 CNY per
 * such document without the customer's signature (S000-PENALTY-02) but does not list them; the catalog's
 * reading, kept here, is the delivery checklist and the PDI checklist.
 */
const customerSigned = ['customer'] as const;

/**
 * The new-vehicle sales file (新车档案) of a Shanghai-Volkswagen Škoda dealer: 12 documents, handed over by
 * the sales consultant to the customer-care file administrator within 3 working days of delivery.
 */
export const newCarSalesFile: FileTypeInput = {
  id: 'newCarSalesFile',
  name: { zh: '新车用户档案', en: 'New-vehicle sales file' },
  rule: 'S000-ARCHIVE-08',
  clause: `${SEED} L217-L241`,
  family: 'vehicle',
  uniqueKey: 'vin',
  media: ['paper', 'electronic'],
  documents: [
    {
      id: 'greenCard',
      name: { zh: '绿卡', en: 'Green card (customer information card)' },
      fields: [
        { id: 'customerName', name: { zh: '客户名称', en: 'Customer name' } },
        { id: 'contactPerson', name: { zh: '联系人', en: 'Contact person' } },
        { id: 'mobile', name: { zh: '联系手机', en: 'Mobile phone' }, pattern: '^1[3-9]\\d{9}$' },
        // 座机需加上区号: a landline must carry its area code.
        {
          id: 'landline',
          name: { zh: '电话(座机需加区号)', en: 'Landline with area code' },
          required: false,
          pattern: '^0\\d{2,3}-?\\d{7,8}$',
        },
        { id: 'address', name: { zh: '联系地址', en: 'Address' } },
      ],
    },
    { id: 'invoiceCopy', name: { zh: '购车发票复印件', en: 'Copy of the purchase invoice' } },
    { id: 'salesContract', name: { zh: '销售合同原件', en: 'Original sales contract' }, original: true },
    {
      id: 'idCardCopy',
      name: {
        zh: '身份证复印件(需两面)或组织机构代码证复印件',
        en: 'ID card copy (both sides) or organisation-code certificate copy',
      },
      acceptedAs: ['orgCodeCertCopy'],
    },
    {
      id: 'deliveryChecklist',
      name: { zh: '交车检查表', en: 'Delivery checklist' },
      signatures: [...customerSigned],
    },
    { id: 'drivingLicenceCopy', name: { zh: '行驶证复印件', en: 'Copy of the vehicle licence' } },
    { id: 'insuranceCopy', name: { zh: '保险单复印件', en: 'Copy of the insurance policy' } },
    { id: 'derivativeServices', name: { zh: '衍生服务清单', en: 'List of add-on services' } },
    {
      id: 'conformityCertCopy',
      name: { zh: '车辆合格证复印件', en: 'Copy of the certificate of conformity' },
    },
    { id: 'deliveryPhotos', name: { zh: '交车照片', en: 'Delivery photos' } },
    {
      id: 'pdiChecklist',
      name: { zh: '新车PDI检查表', en: 'New-car PDI checklist' },
      signatures: [...customerSigned],
    },
    {
      id: 'otherProofs',
      name: { zh: '其它证明类文件(特定客户)', en: 'Other supporting documents (specific customers)' },
      when: { flag: 'requiresExtraDocs', equals: true },
    },
  ],
  handover: [
    {
      rule: 'S000-ARCHIVE-07',
      clause: `${SEED} L217 + L247 (销售顾问超过交车后3个工作日上交档案者)`,
      from: 'salesConsultant',
      to: 'archiveAdmin',
      trigger: 'delivery',
      informationalTrigger: 'sale',
      within: { unit: 'workingDays', amount: 3, at: 'endOfDay' },
      measuredAt: 'handover',
    },
  ],
  custodianRole: 'archiveAdmin',
  accountable: ['salesDirector', 'salesManager'],
  notes: [
    'S000-ARCHIVE-01: kind SALES; one file per vehicle with sales and after-sales sections (S000-ARCHIVE-04).',
    'S000-ARCHIVE-07 workflow: salesChecked → ledgerSigned → adminChecked → scanned → filed → electronicDone.',
  ],
};

/**
 * The after-sales maintenance file (保养车辆资料档案), handed over by the service advisor within 1 working day
 * of returning the vehicle. The seed lists only item 3) (maintenance); items 1) and 2) are missing from
 * the text and are not invented.
 *
 * Which documents need which signature is not listed in the seed; S000-PENALTY-05 only prices the
 * missing signatures. The reading encoded here (policy data, change it freely): the customer signs the
 * reception sheet, the task order and the settlement sheet; staff sign all four.
 */
export const afterSalesMaintenanceFile: FileTypeInput = {
  id: 'afterSalesMaintenanceFile',
  name: { zh: '售后保养车辆资料档案', en: 'After-sales maintenance file' },
  rule: 'S000-ARCHIVE-10',
  clause: `${SEED} L243-L245`,
  family: 'vehicle',
  uniqueKey: 'vin',
  media: ['paper', 'electronic'],
  documents: [
    {
      id: 'receptionSheet',
      name: { zh: '接车单', en: 'Vehicle reception sheet' },
      signatures: ['customer', 'staff'],
    },
    { id: 'taskOrder', name: { zh: '任务委托书', en: 'Task order' }, signatures: ['customer', 'staff'] },
    {
      id: 'settlementSheet',
      name: { zh: '结算单', en: 'Settlement sheet' },
      signatures: ['customer', 'staff'],
    },
    {
      id: 'freeCheck12',
      name: { zh: '12项免费检查表', en: '12-item free inspection sheet' },
      signatures: ['staff'],
    },
  ],
  handover: [
    {
      rule: 'S000-ARCHIVE-09',
      clause: `${SEED} L243 + L253 (服务顾问未在交车后一个工作日内移交或完善补齐全套档案者)`,
      from: 'serviceAdvisor',
      to: 'archiveAdmin',
      trigger: 'delivery',
      within: { unit: 'workingDays', amount: 1, at: 'endOfDay' },
      measuredAt: 'complete',
    },
  ],
  custodianRole: 'archiveAdmin',
  accountable: ['serviceAdvisor', 'serviceManager'],
  notes: [
    'S000-ARCHIVE-01: kind AFTER_SALES, origin ownSaleTransferred or otherStore (flag `origin`).',
    'S000-ARCHIVE-06: the accountable manager for after-sales files is not named in the seed; serviceManager is a reading.',
  ],
};

/**
 * The customer file of a sales company (客户档案, S000-CORE-08): a dedicated custodian, updated with every
 * transaction, approved by the sales director, confidential without the GM's authorisation.
 */
export const salesCompanyCustomerFile: FileTypeInput = {
  id: 'salesCompanyCustomerFile',
  name: { zh: '客户档案(销售公司)', en: 'Customer file (sales company)' },
  rule: 'S000-ARCHIVE-11',
  clause: `${SEED} L299-L305`,
  family: 'customer',
  uniqueKey: 'customerId',
  media: ['electronic'],
  fields: [
    { id: 'customerName', name: { zh: '客户名称', en: 'Customer name' }, required: true },
    { id: 'contactPerson', name: { zh: '联系人', en: 'Contact person' }, required: true },
    { id: 'phone', name: { zh: '联系电话', en: 'Phone' }, required: true, sensitive: 'phone' },
    { id: 'custodianId', name: { zh: '专人管理', en: 'Custodian' }, required: true },
    { id: 'transactions', name: { zh: '交易情况', en: 'Transactions' } },
    { id: 'relationshipRecords', name: { zh: '客户关系维护记录', en: 'Relationship-maintenance records' } },
  ],
  custodianRole: 'customerFileCustodian',
  approverRole: 'salesDirector',
  notes: ['S000-ARCHIVE-12: every relationship-maintenance activity is recorded in relationshipRecords.'],
};
