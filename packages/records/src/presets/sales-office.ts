import type { AccessRuleInput } from '../access-schema.js';
import {
  customerTransactionCard,
  outreachFileBatch,
  returnVisitFiles,
  salesOfficeForms,
  salesOfficeObjects,
  subscriptionAgreement,
} from '../catalog/sales-office.js';
import type { RecordsPolicy } from '../policy.js';
import { preset, S001 } from './shared.js';

const formWriteRules: AccessRuleInput[] = salesOfficeForms.map((form) => ({
  rule: form.rule === 'S001-ARCHIVE-10' ? 'S001-ARCHIVE-10' : 'S001-ACCESS-03',
  clause: form.clause,
  fileTypes: [form.id],
  actions: ['write'],
  requires: [
    {
      kind: 'role',
      anyOf:
        form.author === 'salesperson' ? ['salesperson', 'salesManager'] : [form.author ?? 'salesManager'],
    },
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
export const salesOfficePreset: RecordsPolicy = preset(
  'sales-office',
  '售楼处客户管理制度',
  `${S001} L20-L662`,
  {
    fileTypes: [
      ...salesOfficeForms,
      subscriptionAgreement,
      customerTransactionCard,
      outreachFileBatch,
      ...salesOfficeObjects,
    ],
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
          { from: ['collected'], to: 'submittedToCrm', action: 'submit', roles: ['departmentHead'] },
          { from: ['submittedToCrm'], to: 'crmProcessed', action: 'process', roles: ['crmCentre'] },
          { from: ['crmProcessed'], to: 'returnedToDeptHead', action: 'return', roles: ['crmCentre'] },
          { from: ['returnedToDeptHead'], to: 'allocated', action: 'allocate', roles: ['departmentHead'] },
        ],
      },
    ],
  },
);

/**
 * Return visits and complaints of seed 001 part b: visit materials returned promptly (or kept with the
 * customer-service supervisor's approval), return-visit records consolidated by a custodian and used by
 * market development for planning, complaint files seen only by those involved, respondents recused,
 * closed cases archived by administrative staff. "及时" has no number: the 1-day return period is the
 * catalog's reading (by analogy with the next-day visit report) and a policy parameter.
 */
export const returnVisitPreset: RecordsPolicy = preset(
  'return-visit',
  '客户回访及投诉处理制度',
  `${S001} L700-L870`,
  {
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
  },
);
