import { afterSalesMaintenanceFile, newCarSalesFile, salesCompanyCustomerFile } from '../catalog/dealer.js';
import type { RecordsPolicy } from '../policy.js';
import { preset, READ_ACTIONS, S000 } from './shared.js';

/**
 * Škoda dealer user files (客户档案管理制度, seed 000 L195–L275): the 12-document new-car file handed over by
 * the sales consultant within 3 working days of delivery, the after-sales maintenance file within 1
 * working day, both in paper and electronic form, the daily handover ledger, borrowing that keeps the
 * file complete, and credentials for electronic files. The borrowing policy (档案借阅制度) is referenced
 * but not part of the seed, so loans carry their own due time.
 */
export const dealerFilesPreset: RecordsPolicy = preset(
  'skoda-dealer',
  '客户档案管理制度(上海大众斯柯达)',
  `${S000} L195-L275`,
  {
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
    loans: {
      rule: 'S000-ACCESS-02',
      clause: `${S000} L211 + L259 (另罚款20元/件)`,
      period: null,
      lostPieceUnit: 'document',
    },
    ledger: {
      rule: 'S000-ARCHIVE-05',
      clause: `${S000} L209 (每日将销售部和服务部转交的书面用户档案信息进行登记)`,
    },
    workflows: [
      {
        id: 'newCarHandover',
        rule: 'S000-ARCHIVE-07',
        clause: `${S000} L217 (销售部检查——交接双方签字确认——管理员检查——复印及扫描——原版放进档案柜——填充电子版)`,
        states: [
          'open',
          'salesChecked',
          'ledgerSigned',
          'adminChecked',
          'scanned',
          'filed',
          'electronicDone',
        ],
        initial: 'open',
        transitions: [
          { from: ['open'], to: 'salesChecked', action: 'check', roles: ['salesConsultant', 'salesManager'] },
          { from: ['salesChecked'], to: 'ledgerSigned', action: 'signLedger', roles: ['archiveAdmin'] },
          { from: ['ledgerSigned'], to: 'adminChecked', action: 'adminCheck', roles: ['archiveAdmin'] },
          { from: ['adminChecked'], to: 'scanned', action: 'scan', roles: ['archiveAdmin'] },
          { from: ['scanned'], to: 'filed', action: 'file', roles: ['archiveAdmin'] },
          { from: ['filed'], to: 'electronicDone', action: 'completeElectronic', roles: ['archiveAdmin'] },
        ],
      },
      {
        id: 'afterSalesHandover',
        rule: 'S000-ARCHIVE-09',
        clause: `${S000} L243 (服务顾问检查——交接双方签字确认——管理员检查——复印扫描——原版放进档案柜——填充电子版)`,
        states: [
          'open',
          'advisorChecked',
          'ledgerSigned',
          'adminChecked',
          'scanned',
          'filed',
          'electronicDone',
        ],
        initial: 'open',
        transitions: [
          { from: ['open'], to: 'advisorChecked', action: 'check', roles: ['serviceAdvisor'] },
          { from: ['advisorChecked'], to: 'ledgerSigned', action: 'signLedger', roles: ['archiveAdmin'] },
          { from: ['ledgerSigned'], to: 'adminChecked', action: 'adminCheck', roles: ['archiveAdmin'] },
          { from: ['adminChecked'], to: 'scanned', action: 'scan', roles: ['archiveAdmin'] },
          { from: ['scanned'], to: 'filed', action: 'file', roles: ['archiveAdmin'] },
          { from: ['filed'], to: 'electronicDone', action: 'completeElectronic', roles: ['archiveAdmin'] },
        ],
      },
    ],
  },
);

/**
 * Customer files of a sales company (客户管理制度, seed 000 L277–L331): a custodian, updates with every
 * transaction, sales-director approval; nobody views or discloses them without the general manager's
 * authorisation. The custodian and the GM hold a standing grant by role (the catalog's reading).
 */
export const salesCompanyFilesPreset: RecordsPolicy = preset(
  'sales-company',
  '客户管理制度(客户档案)',
  `${S000} L277-L331`,
  {
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
  },
);
