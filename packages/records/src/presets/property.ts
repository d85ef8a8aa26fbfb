import {
  customerArchive003,
  paperArchiveDocument,
  propertyCustomerFile,
  serviceRecordEntry,
} from '../catalog/property.js';
import type { RecordsPolicy } from '../policy.js';
import { preset, READ_ACTIONS, S002, S003 } from './shared.js';

/**
 * The property-service customer file of seed 002: created at first reception, updated periodically (no
 * interval in the seed), role-based module permissions with credentials, and no disclosure to third
 * parties without the customer's consent.
 */
export const propertyServicePreset: RecordsPolicy = preset(
  'property-service',
  '房产公司客户管理制度(客服)',
  `${S002} L101-L344`,
  {
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
  },
);

/**
 * The customer archive regulation of seed 003 (客户档案管理制度): the field table collected at first contact,
 * entry within the stipulated time (no number given), review by the sales manager then the archive
 * administrator, internal use by request with the department head's approval and the administrator's
 * verification for a stated purpose, content and period, external sharing only with a legal basis, the
 * customer's authorisation, an NDA signed first and management approval.
 */
export const customerArchivePreset: RecordsPolicy = preset(
  'customer-archive',
  '客户档案管理制度',
  `${S003} L9`,
  {
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
          {
            from: ['entered'],
            to: 'preReviewed',
            action: 'preliminaryPass',
            roles: ['salesManager', 'csSupervisor'],
          },
          {
            from: ['entered'],
            to: 'returned',
            action: 'preliminaryFail',
            roles: ['salesManager', 'csSupervisor'],
          },
          { from: ['preReviewed'], to: 'archived', action: 'archivePass', roles: ['archiveAdmin'] },
          { from: ['preReviewed'], to: 'returned', action: 'archiveFail', roles: ['archiveAdmin'] },
          { from: ['returned'], to: 'entered', action: 'resubmit', roles: [] },
        ],
      },
      {
        id: 'correctionRequest',
        rule: 'S003-ARCHIVE-13',
        clause: `${S003} L9 §四.3 (信息更正权…公司应在收到客户申请后,及时核实情况并进行相应的信息更新)`,
        states: ['received', 'verified', 'updated', 'rejected'],
        initial: 'received',
        transitions: [
          { from: ['received'], to: 'verified', action: 'verify', roles: ['archiveAdmin'] },
          { from: ['received'], to: 'rejected', action: 'reject', roles: ['archiveAdmin'] },
          { from: ['verified'], to: 'updated', action: 'update', roles: ['archiveAdmin'] },
        ],
      },
    ],
  },
);
