import type { AccessAction, AccessRuleInput } from './access-schema.js';
import { afterSalesMaintenanceFile, newCarSalesFile, salesCompanyCustomerFile } from './catalog/dealer.js';
import { customerArchive003, paperArchiveDocument, propertyCustomerFile, serviceRecordEntry } from './catalog/property.js';
import {
  closedDealArchive,
  corporateCustomerArchive,
  customerInformationFile,
  leasingCustomerArchiveForm,
  leasingRegistrationForm,
  partnerArchive,
  salesDepartmentArchive,
} from './catalog/real-estate.js';
import {
  customerTransactionCard,
  outreachFileBatch,
  returnVisitFiles,
  salesOfficeForms,
  salesOfficeObjects,
  subscriptionAgreement,
} from './catalog/sales-office.js';
import { defineRecordsPolicy, type RecordsParamsInput, type RecordsPolicy } from './policy.js';

const S000 = '000_4818bcf0bb2aaeac.txt';
const S001 = '001_b5a166781b06eda6.txt';
const S002 = '002_30394bec54f702c8.txt';
const S003 = '003_cb606191094b0008.txt';

/** Every action that reads or lets a file out of its custody. */
const READ_ACTIONS: AccessAction[] = ['view', 'copy', 'backup', 'lend', 'export', 'disclose', 'share'];

function preset(id: string, title: string, clause: string, params: RecordsParamsInput): RecordsPolicy {
  return defineRecordsPolicy({
    id: `zhidu.records.${id}`,
    version: '1',
    effectiveFrom: '2000-01-01',
    zone: 'Asia/Shanghai',
    source: { title, clause },
    params,
  });
}

/**
 * Škoda dealer user files (客户档案管理制度, seed 000 L195–L275): the 12-document new-car file handed over by
 * the sales consultant within 3 working days of delivery, the after-sales maintenance file within 1
 * working day, both in paper and electronic form, the daily handover ledger, borrowing that keeps the
 * file complete, and credentials for electronic files. The borrowing policy (档案借阅制度) is referenced
 * but not part of the seed, so loans carry their own due time.
 */
export const dealerFilesPreset: RecordsPolicy = preset('skoda-dealer', '客户档案管理制度(上海大众斯柯达)', `${S000} L195-L275`, {
  fileTypes: [newCarSalesFile, afterSalesMaintenanceFile],
  accessRules: [
    {
      rule: 'S000-ACCESS-01',
      clause: `${S000} L207 (电子档案应设置相应的用户名和密码)`,
      fileTypes: ['*'],
      actions: [...READ_ACTIONS, 'write'],
      requires: [{ kind: 'authenticated' }],
    },
    {
      rule: 'S000-ACCESS-02',
      clause: `${S000} L211 (严格按照《档案借阅制度》进行管理)`,
      fileTypes: ['*'],
      actions: ['lend'],
      audience: 'internal',
      requires: [{ kind: 'notOnLoan' }],
    },
  ],
  unmaskRoles: ['archiveAdmin'],
  loans: { rule: 'S000-ACCESS-02', clause: `${S000} L211 + L259 (另罚款20元/件)`, period: null, lostPieceUnit: 'document' },
  ledger: { rule: 'S000-ARCHIVE-05', clause: `${S000} L209 (每日将销售部和服务部转交的书面用户档案信息进行登记)` },
  workflows: [
    {
      id: 'newCarHandover',
      rule: 'S000-ARCHIVE-07',
      clause: `${S000} L217 (销售部检查——交接双方签字确认——管理员检查——复印及扫描——原版放进档案柜——填充电子版)`,
      states: ['open', 'salesChecked', 'ledgerSigned', 'adminChecked', 'scanned', 'filed', 'electronicDone'],
      initial: 'open',
      transitions: [
        { from: 'open', to: 'salesChecked', action: 'check', roles: ['salesConsultant', 'salesManager'] },
        { from: 'salesChecked', to: 'ledgerSigned', action: 'signLedger', roles: ['archiveAdmin'] },
        { from: 'ledgerSigned', to: 'adminChecked', action: 'adminCheck', roles: ['archiveAdmin'] },
        { from: 'adminChecked', to: 'scanned', action: 'scan', roles: ['archiveAdmin'] },
        { from: 'scanned', to: 'filed', action: 'file', roles: ['archiveAdmin'] },
        { from: 'filed', to: 'electronicDone', action: 'completeElectronic', roles: ['archiveAdmin'] },
      ],
    },
    {
      id: 'afterSalesHandover',
      rule: 'S000-ARCHIVE-09',
      clause: `${S000} L243 (服务顾问检查——交接双方签字确认——管理员检查——复印扫描——原版放进档案柜——填充电子版)`,
      states: ['open', 'advisorChecked', 'ledgerSigned', 'adminChecked', 'scanned', 'filed', 'electronicDone'],
      initial: 'open',
      transitions: [
        { from: 'open', to: 'advisorChecked', action: 'check', roles: ['serviceAdvisor'] },
        { from: 'advisorChecked', to: 'ledgerSigned', action: 'signLedger', roles: ['archiveAdmin'] },
        { from: 'ledgerSigned', to: 'adminChecked', action: 'adminCheck', roles: ['archiveAdmin'] },
        { from: 'adminChecked', to: 'scanned', action: 'scan', roles: ['archiveAdmin'] },
        { from: 'scanned', to: 'filed', action: 'file', roles: ['archiveAdmin'] },
        { from: 'filed', to: 'electronicDone', action: 'completeElectronic', roles: ['archiveAdmin'] },
      ],
    },
  ],
});

/**
 * Customer files of a sales company (客户管理制度, seed 000 L277–L331): a custodian, updates with every
 * transaction, sales-director approval; nobody views or discloses them without the general manager's
 * authorisation. The custodian and the GM hold a standing grant by role (the catalog's reading).
 */
export const salesCompanyFilesPreset: RecordsPolicy = preset('sales-company', '客户管理制度(客户档案)', `${S000} L277-L331`, {
  fileTypes: [salesCompanyCustomerFile],
  accessRules: [
    {
      rule: 'S000-ACCESS-03',
      clause: `${S000} L305 (未经公司总经理授权,任何人不得查阅及外传)`,
      fileTypes: ['salesCompanyCustomerFile'],
      actions: READ_ACTIONS,
      exemptRoles: ['generalManager', 'customerFileCustodian'],
      requires: [{ kind: 'approval', role: 'generalManager' }],
    },
  ],
  unmaskRoles: ['generalManager', 'customerFileCustodian'],
});

/**
 * Leasing customer files of a real-estate investment company (seed 000 L1115–L1143): registration forms
 * kept by General Services and viewed or backed up only with the GM's permission; the complete archive
 * form filed after a deal; archives kept 10 years, destroyed only after the leasing head's review and the
 * GM's approval, with a record. Reading: the archive form sits in the same custody and under the same
 * GM-permission rule as the registration forms.
 */
export const leasingArchivePreset: RecordsPolicy = preset('leasing', '客户管理规范(招商)', `${S000} L1115-L1143`, {
  fileTypes: [leasingRegistrationForm, leasingCustomerArchiveForm],
  accessRules: [
    {
      rule: 'S000B-ACCESS-01',
      clause: `${S000} L1127 (未经过总经理允许,任何人不得查阅,备份)`,
      fileTypes: ['leasingRegistrationForm', 'leasingCustomerArchiveForm'],
      actions: READ_ACTIONS,
      exemptRoles: ['generalManager'],
      requires: [{ kind: 'approval', role: 'generalManager' }],
    },
    {
      rule: 'S000B-ACCESS-01',
      clause: `${S000} L1127 (由综合服务部专人保管)`,
      fileTypes: ['leasingRegistrationForm', 'leasingCustomerArchiveForm'],
      actions: ['store'],
      requires: [{ kind: 'role', anyOf: ['generalServicesCustodian'] }],
    },
  ],
  unmaskRoles: ['generalManager'],
});

/**
 * Corporate customer archives (公司客户, seed 000 L1449–L1500): an archive account per new customer with the
 * seven basic fields, filed within 5 working days of first contact, major changes recorded; one's own
 * department's archives viewed with the department manager's approval, other departments' with the GM's.
 */
export const corporateArchivePreset: RecordsPolicy = preset('corporate', '客户管理制度(公司客户)', `${S000} L1449-L1500`, {
  fileTypes: [corporateCustomerArchive],
  accessRules: [
    {
      rule: 'S000B-ACCESS-02',
      clause: `${S000} L1473 (本业务部门客户档案,经部门经理批准后,可以进行查阅)`,
      fileTypes: ['corporateCustomerArchive'],
      actions: ['view', 'copy'],
      audience: 'ownDepartment',
      exemptRoles: ['departmentManager', 'generalManager'],
      requires: [{ kind: 'approval', role: 'departmentManager', scope: 'fileDepartment' }],
    },
    {
      rule: 'S000B-ACCESS-02',
      clause: `${S000} L1475 (非本业务部门客户档案,经总经理批准后,可以进行查阅)`,
      fileTypes: ['corporateCustomerArchive'],
      actions: ['view', 'copy'],
      audience: 'otherDepartment',
      exemptRoles: ['generalManager'],
      requires: [{ kind: 'approval', role: 'generalManager' }],
    },
  ],
  unmaskRoles: ['generalManager', 'marketPromotion'],
});

/**
 * Joint-venture partner archives (seed 000 L1420–L1445): updated at once, A/B partners snapshotted every
 * half-year, grades for internal use only (never in what a partner sees).
 */
export const partnerArchivePreset: RecordsPolicy = preset('partner', '联营工程合作伙伴管理', `${S000} L1420-L1445`, {
  fileTypes: [partnerArchive],
  accessRules: [
    {
      rule: 'S000B-ARCHIVE-06',
      clause: `${S000} L1437 (盛昌公司要为每位联营合作伙伴建立个人档案)`,
      fileTypes: ['partnerArchive'],
      actions: ['view', 'write'],
      audience: 'internal',
      requires: [{ kind: 'authenticated' }],
    },
    {
      rule: 'S000B-ACCESS-03',
      clause: `${S000} L1425 (分级结果为公司内部使用,不对合作伙伴公开)`,
      fileTypes: ['partnerArchive'],
      actions: READ_ACTIONS,
      audience: 'external',
      effect: 'deny',
    },
  ],
  snapshots: {
    rule: 'S000B-ARCHIVE-06',
    clause: `${S000} L1437 (a类和b类客户的档案每半年存档一次,c类和d类客户的档案不需存档但要即时更新)`,
    grades: ['A', 'B'],
  },
});

/**
 * Real-estate sales-site files (seed 000 L783–L1011 and L1083–L1091): the 42-item customer information
 * file, the archive of closed-deal customers, and the sales department's own archive (custodian,
 * transactions, sales-director sign-off). The seed states no access rule for these files; the default
 * (deny) applies until a company adds its own.
 */
export const salesSitePreset: RecordsPolicy = preset('sales-site', '房地产客户管理制度(售楼处)', `${S000} L783-L1091`, {
  fileTypes: [customerInformationFile, closedDealArchive, salesDepartmentArchive],
});

/** Which role writes which sales-office form (S001-ACCESS-03), derived from the form catalog. */
const formWriteRules: AccessRuleInput[] = salesOfficeForms.map((form) => ({
  rule: form.rule === 'S001-ARCHIVE-10' ? 'S001-ARCHIVE-10' : 'S001-ACCESS-03',
  clause: form.clause,
  fileTypes: [form.id],
  actions: ['write'],
  requires: [
    { kind: 'role', anyOf: form.author === 'salesperson' ? ['salesperson', 'salesManager'] : [form.author ?? 'salesManager'] },
    // 来人登记表、来电登记表由接待销售人员填写: only the salesperson who received the customer.
    ...(form.family === 'register' ? [{ kind: 'self' as const, attribute: 'receiverId' }] : []),
  ],
}));

/**
 * The sales office of seed 001 part a (售楼处管理): registers, deposit tables, reports and plans with their
 * authors; the subscription agreement in 4 copies with a consistent balance; the transaction card;
 * outreach files through the CRM centre; only finance collects money; custody of signed and blank forms;
 * project confidentiality; remote access with the customer's authorisation; blacklist management.
 */
export const salesOfficePreset: RecordsPolicy = preset('sales-office', '售楼处客户管理制度', `${S001} L20-L662`, {
  fileTypes: [...salesOfficeForms, subscriptionAgreement, customerTransactionCard, outreachFileBatch, ...salesOfficeObjects],
  accessRules: [
    ...formWriteRules,
    {
      rule: 'S001-ACCESS-01',
      clause: `${S001} L206-L208 (客户所交每笔房款,必须到财务交缴)`,
      fileTypes: ['customerPayment'],
      actions: ['collectPayment'],
      requires: [{ kind: 'role', anyOf: ['finance'] }],
    },
    {
      rule: 'S001-ACCESS-02',
      clause: `${S001} L228 (收据、认购书由该楼盘现场销售主管领取后统一使用)`,
      fileTypes: ['blankReceiptBook'],
      actions: ['issueBlankForm'],
      requires: [{ kind: 'role', anyOf: ['siteSalesSupervisor'] }],
    },
    {
      rule: 'S001-ACCESS-02',
      clause: `${S001} L220 (订单、认购书签过后交由专人统一保管)`,
      fileTypes: ['signedSalesDocument', 'subscriptionAgreement'],
      actions: ['store'],
      requires: [{ kind: 'role', anyOf: ['documentCustodian'] }],
    },
    {
      rule: 'S001-ACCESS-04',
      clause: `${S001} L584 (销售内务主管负责本部门的客户档案管理工作)`,
      fileTypes: ['departmentCustomerFile'],
      actions: ['manage', 'write'],
      requires: [{ kind: 'role', anyOf: ['salesAdminSupervisor'] }, { kind: 'sameDepartment' }],
    },
    {
      rule: 'S001-ACCESS-05',
      clause: `${S001} L408 (除公司评审组、主管领导及经办人员因工作需要了解信息外)`,
      fileTypes: ['developmentProject'],
      actions: ['view'],
      requires: [{ kind: 'role', anyOf: ['reviewGroup', 'leaderInCharge', 'handler', 'technician'] }],
    },
    {
      rule: 'S001-ACCESS-05',
      clause: `${S001} L408 (在协议签署后,在需要其他技术人员配合时,需经公司主管领导及评审组同意)`,
      fileTypes: ['developmentProject'],
      actions: ['view'],
      exemptRoles: ['reviewGroup', 'leaderInCharge', 'handler'],
      requires: [
        { kind: 'fileState', anyOf: ['agreementSigned'] },
        { kind: 'approval', role: 'leaderInCharge' },
        { kind: 'approval', role: 'reviewGroup' },
      ],
    },
    {
      rule: 'S001-ACCESS-06',
      clause: `${S001} L532 (在客户授权的前提下…经过互联网远程接入客户所用系统)`,
      fileTypes: ['customerSystem'],
      actions: ['remoteAccess'],
      requires: [{ kind: 'customerAuthorization' }],
    },
    {
      rule: 'S001-ACCESS-07',
      clause: `${S001} L660 (公司"客户黑名单"的管理权限在营销事业部)`,
      fileTypes: ['companyBlacklist'],
      actions: ['editBlacklist'],
      requires: [{ kind: 'department', anyOf: ['marketingDivision'] }],
    },
    {
      rule: 'S001-ACCESS-07',
      clause: `${S001} L660 (各销售部门的"客户黑名单"的管理权限在各所属部门)`,
      fileTypes: ['departmentBlacklist'],
      actions: ['editBlacklist'],
      requires: [{ kind: 'sameDepartment' }],
    },
  ],
  workflows: [
    {
      id: 'outreachBatch',
      rule: 'S001-ARCHIVE-01',
      clause: `${S001} L20-L22 (先交CRM管理中心进行录入处理…再将处理后的顾客档案返还该部负责人)`,
      states: ['collected', 'submittedToCrm', 'crmProcessed', 'returnedToDeptHead', 'allocated'],
      initial: 'collected',
      transitions: [
        { from: 'collected', to: 'submittedToCrm', action: 'submit', roles: ['departmentHead'] },
        { from: 'submittedToCrm', to: 'crmProcessed', action: 'process', roles: ['crmCentre'] },
        { from: 'crmProcessed', to: 'returnedToDeptHead', action: 'return', roles: ['crmCentre'] },
        { from: 'returnedToDeptHead', to: 'allocated', action: 'allocate', roles: ['departmentHead'] },
      ],
    },
  ],
});

/**
 * Return visits and complaints of seed 001 part b: visit materials returned promptly (or kept with the
 * customer-service supervisor's approval), return-visit records consolidated by a custodian and used by
 * market development for planning, complaint files seen only by those involved, respondents recused,
 * closed cases archived by administrative staff. "及时" has no number: the 1-day return period is the
 * catalog's reading (by analogy with the next-day visit report) and a policy parameter.
 */
export const returnVisitPreset: RecordsPolicy = preset('return-visit', '客户回访及投诉处理制度', `${S001} L700-L870`, {
  fileTypes: returnVisitFiles,
  accessRules: [
    {
      rule: 'S001B-ACCESS-01',
      clause: `${S001} L724 (相关市场开拓部参考客户回访的相关资料制订《客户开发计划》)`,
      fileTypes: ['returnVisitRecordArchive'],
      actions: ['view'],
      exemptRoles: ['customerServiceStaff', 'returnVisitCustodian'],
      requires: [
        { kind: 'department', anyOf: ['marketDevelopment'] },
        { kind: 'purpose', anyOf: ['customerDevelopmentPlan', 'salesStrategy'] },
      ],
    },
    {
      rule: 'S001B-ACCESS-02',
      clause: `${S001} L844 (被投诉人应当回避)`,
      fileTypes: ['complaintCase'],
      actions: ['handle', 'decide'],
      requires: [{ kind: 'notRespondent' }],
    },
    {
      rule: 'S001B-ACCESS-03',
      clause: `${S001} L864 (处理人员不得将投诉及处理事宜告知不相关人员)`,
      fileTypes: ['complaintCase'],
      actions: ['view', 'disclose'],
      exemptRoles: ['adminStaff'],
      requires: [{ kind: 'participant' }],
    },
    {
      rule: 'S001B-ARCHIVE-03',
      clause: `${S001} L870 (处理完结后的所有材料由行政人员归档备查)`,
      fileTypes: ['complaintCase'],
      actions: ['view'],
      requires: [{ kind: 'fileState', anyOf: ['closed'], forRoles: ['adminStaff'] }],
    },
  ],
  loans: {
    rule: 'S001B-ARCHIVE-01',
    clause: `${S001} L710 (及时将回访的相关资料归还给公司…应报客户服务主管批准)`,
    period: { unit: 'calendarDays', amount: 1, at: 'endOfDay' },
    nonReturnApproverRole: 'customerServiceSupervisor',
    lostPieceUnit: 'document',
  },
});

/**
 * The property-service customer file of seed 002: created at first reception, updated periodically (no
 * interval in the seed), role-based module permissions with credentials, and no disclosure to third
 * parties without the customer's consent.
 */
export const propertyServicePreset: RecordsPolicy = preset('property-service', '房产公司客户管理制度(客服)', `${S002} L101-L344`, {
  fileTypes: [propertyCustomerFile],
  accessRules: [
    {
      rule: 'S002-ACCESS-02',
      clause: `${S002} L101, L110 (根据不同用户的不同权限,可以访问不同的模块和功能)`,
      fileTypes: ['propertyCustomerFile'],
      actions: [...READ_ACTIONS, 'write'],
      audience: 'internal',
      requires: [{ kind: 'authenticated' }, { kind: 'permission', permission: 'customerInfo' }],
    },
    {
      rule: 'S002-ACCESS-01',
      clause: `${S002} L152 (未经客户同意,不得向第三方透露)`,
      fileTypes: ['propertyCustomerFile'],
      actions: READ_ACTIONS,
      audience: 'external',
      requires: [{ kind: 'customerAuthorization' }],
    },
  ],
});

/**
 * The customer archive regulation of seed 003 (客户档案管理制度): the field table collected at first contact,
 * entry within the stipulated time (no number given), review by the sales manager then the archive
 * administrator, internal use by request with the department head's approval and the administrator's
 * verification for a stated purpose, content and period, external sharing only with a legal basis, the
 * customer's authorisation, an NDA signed first and management approval.
 */
export const customerArchivePreset: RecordsPolicy = preset('customer-archive', '客户档案管理制度', `${S003} L9`, {
  fileTypes: [customerArchive003, serviceRecordEntry, paperArchiveDocument],
  accessRules: [
    {
      rule: 'S003-ACCESS-01',
      clause: `${S003} L9 §三.4 (填写《客户档案信息使用申请表》…经部门负责人审批后,提交给档案管理人员)`,
      fileTypes: ['*'],
      actions: ['view', 'copy', 'export'],
      audience: 'internal',
      exemptRoles: ['archiveAdmin'],
      requires: [
        { kind: 'purpose' },
        { kind: 'approval', role: 'departmentHead', scope: 'actorDepartment' },
        { kind: 'approval', role: 'archiveAdmin' },
      ],
    },
    {
      rule: 'S003-ACCESS-02',
      clause: `${S003} L9 §三.4 (在符合法律法规和客户授权的情况下…签订保密协议…由公司管理层审核批准后)`,
      fileTypes: ['*'],
      actions: ['share', 'disclose', 'export'],
      audience: 'external',
      requires: [
        { kind: 'lawfulBasis' },
        { kind: 'customerAuthorization' },
        { kind: 'nda' },
        { kind: 'approval', role: 'management' },
      ],
    },
  ],
  unmaskRoles: ['archiveAdmin'],
  workflows: [
    {
      id: 'archiveReview',
      rule: 'S003-ARCHIVE-06',
      clause: `${S003} L9 §二.1, §二.2, §三.2 (初审…审核…发现问题及时反馈给相关人员进行核实和补充)`,
      states: ['entered', 'preReviewed', 'archived', 'returned'],
      initial: 'entered',
      transitions: [
        { from: 'entered', to: 'preReviewed', action: 'preliminaryPass', roles: ['salesManager', 'csSupervisor'] },
        { from: 'entered', to: 'returned', action: 'preliminaryFail', roles: ['salesManager', 'csSupervisor'] },
        { from: 'preReviewed', to: 'archived', action: 'archivePass', roles: ['archiveAdmin'] },
        { from: 'preReviewed', to: 'returned', action: 'archiveFail', roles: ['archiveAdmin'] },
        { from: 'returned', to: 'entered', action: 'resubmit', roles: [] },
      ],
    },
  ],
});

/** Every preset by name (for scenario files and the CLI). */
export const recordsPresets: Readonly<Record<string, RecordsPolicy>> = {
  dealerFiles: dealerFilesPreset,
  salesCompanyFiles: salesCompanyFilesPreset,
  leasingArchive: leasingArchivePreset,
  corporateArchive: corporateArchivePreset,
  partnerArchive: partnerArchivePreset,
  salesSite: salesSitePreset,
  salesOffice: salesOfficePreset,
  returnVisit: returnVisitPreset,
  propertyService: propertyServicePreset,
  customerArchive: customerArchivePreset,
};
