import {
  closedDealArchive,
  complaintForm,
  corporateCustomerArchive,
  customerInformationFile,
  leasingCustomerArchiveForm,
  leasingRegistrationForm,
  partnerArchive,
  revisitArchive,
  salesDepartmentArchive,
} from '../catalog/real-estate.js';
import type { RecordsPolicy } from '../policy.js';
import { preset, READ_ACTIONS, S000 } from './shared.js';

/**
 * Leasing customer files of a real-estate investment company (seed 000 L1115–L1143): registration forms
 * kept by General Services and viewed or backed up only with the GM's permission; the complete archive
 * form filed after a deal; archives kept 10 years, destroyed only after the leasing head's review and the
 * GM's approval, with a record. Reading: the archive form sits in the same custody and under the same
 * GM-permission rule as the registration forms.
 */
export const leasingArchivePreset: RecordsPolicy = preset(
  'leasing',
  '客户管理规范(招商)',
  `${S000} L1115-L1143`,
  {
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
  },
);

/**
 * Corporate customer archives (公司客户, seed 000 L1449–L1500): an archive account per new customer with the
 * seven basic fields, filed within 5 working days of first contact, major changes recorded; one's own
 * department's archives viewed with the department manager's approval, other departments' with the GM's.
 */
export const corporateArchivePreset: RecordsPolicy = preset(
  'corporate',
  '客户管理制度(公司客户)',
  `${S000} L1449-L1500`,
  {
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
  },
);

/**
 * Joint-venture partner archives (seed 000 L1420–L1445): updated at once, A/B partners snapshotted every
 * half-year, grades for internal use only (never in what a partner sees).
 */
export const partnerArchivePreset: RecordsPolicy = preset(
  'partner',
  '联营工程合作伙伴管理',
  `${S000} L1420-L1445`,
  {
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
  },
);

/**
 * Real-estate sales-site files (seed 000 L783–L1011 and L1083–L1091): the 42-item customer information
 * file, the archive of closed-deal customers, the sales department's own archive (custodian,
 * transactions, sales-director sign-off), and the records that must be filed (open letters in the revisit
 * archive, reply-letter notes on complaint forms). The seed states no access rule for these files; the default
 * (deny) applies until a company adds its own.
 */
export const salesSitePreset: RecordsPolicy = preset(
  'sales-site',
  '房地产客户管理制度(售楼处)',
  `${S000} L783-L1091`,
  {
    fileTypes: [
      customerInformationFile,
      closedDealArchive,
      salesDepartmentArchive,
      revisitArchive,
      complaintForm,
    ],
  },
);

/** Which role writes which sales-office form (S001-ACCESS-03), derived from the form catalog. */
