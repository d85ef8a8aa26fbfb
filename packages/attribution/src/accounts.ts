/**
 * Account-level ownership rules of seeds 000 and 000-b: key-account regions, department-scoped
 * files, reception cost centres, contact coverage of important customers, joint-venture partners.
 */

import { ownValue } from '@zhidu/core';
import {
  expectFlag,
  expectId,
  expectIdList,
  expectIdRecord,
  expectNonNegative,
  expectObject,
} from './boundary.js';
import { type Decision, Trace, ZhiduError } from './kernel.js';

/**
 * Key-account ownership (S000-ATTR-01): the manager of the account's region maintains it; the
 * manager who signed it follows its orders.
 *
 * @param account - region and signing manager
 * @param regionManagers - region → key-account manager
 * @returns maintenance and order owners (null when no manager covers the region: only the map's own
 *   keys count, so a region named `constructor` is not covered by the prototype)
 * @throws ZhiduError `invalid_input` for an account without string region and signer, or a map whose
 *   values are not manager ids
 * @example
 * keyAccountOwner({ region: 'East', signedBy: 'M2' }, { East: 'M1', West: 'M2' }).value
 * //=> { maintenanceOwner: 'M1', orderOwner: 'M2' }
 */
export function keyAccountOwner(
  account: { region: string; signedBy: string },
  regionManagers: Readonly<Record<string, string>>,
): Decision<{ maintenanceOwner: string | null; orderOwner: string }> {
  expectObject(account, ['account']);
  expectId(account.region, ['account', 'region']);
  expectId(account.signedBy, ['account', 'signedBy']);
  const maintenanceOwner =
    ownValue(expectIdRecord(regionManagers, ['regionManagers']), account.region) ?? null;
  return new Trace()
    .add(
      'S000-ATTR-01',
      '000 L335, L337',
      `区域${account.region}的大客户由${maintenanceOwner ?? '(未指派)'}维护,订单跟进归签约人${account.signedBy}`,
      `Region ${account.region} is maintained by ${maintenanceOwner ?? '(unassigned)'}; orders follow the signer ${account.signedBy}`,
    )
    .decide({ maintenanceOwner, orderOwner: account.signedBy });
}

/**
 * Department-scoped customer files (S000-ATTR-02): only the owning department (or the file
 * custodian) maintains a file.
 *
 * @param user - department and roles of the user
 * @param file - the owning department
 * @param custodianRole - role allowed across departments
 * @returns whether the user may maintain the file
 * @throws ZhiduError `invalid_input` for a user, file or role that is not of string ids
 * @example
 * canMaintainFile({ departmentId: 'sales', roles: [] }, { ownerDepartmentId: 'sales' }).value; //=> true
 */
export function canMaintainFile(
  user: { departmentId: string; roles: readonly string[] },
  file: { ownerDepartmentId: string },
  custodianRole = 'fileCustodian',
): Decision<boolean> {
  expectObject(user, ['user']);
  expectId(user.departmentId, ['user', 'departmentId']);
  const roles = expectIdList(user.roles, ['user', 'roles']);
  expectObject(file, ['file']);
  expectId(file.ownerDepartmentId, ['file', 'ownerDepartmentId']);
  expectId(custodianRole, ['custodianRole']);
  const ok = user.departmentId === file.ownerDepartmentId || roles.includes(custodianRole);
  return new Trace()
    .add(
      'S000-ATTR-02',
      '000 L291 各自客户档案',
      ok ? '可维护本部门档案' : '非本部门档案,不得维护',
      ok ? 'May maintain the file' : 'Another department’s file: may not maintain it',
    )
    .decide(ok);
}

/**
 * Reception cost centre (S000-ATTR-03): the sales department pays for receiving its own
 * customers; other hosts pay their own (configurable reading of an unstated case).
 *
 * @param reception - hosting department
 * @param salesDepartmentId - id of the sales department
 * @returns the cost centre
 * @throws ZhiduError `invalid_input` for a reception without a host department id, or a bad sales id
 * @example
 * receptionCostCentre({ hostDepartmentId: 'sales' }).value; //=> 'sales'
 */
export function receptionCostCentre(
  reception: { hostDepartmentId: string },
  salesDepartmentId = 'sales',
): Decision<string> {
  expectObject(reception, ['reception']);
  expectId(reception.hostDepartmentId, ['reception', 'hostDepartmentId']);
  expectId(salesDepartmentId, ['salesDepartmentId']);
  const isSales = reception.hostDepartmentId === salesDepartmentId;
  return new Trace()
    .add(
      'S000-ATTR-03',
      '000 L145 销售部门客户接待费用由本部门负责',
      isSales ? '销售部门客户接待费用由本部门负责' : '原文未规定,由接待部门承担',
      isSales
        ? 'The sales department bears its own reception costs'
        : 'Not stated by the seed: the hosting department pays',
    )
    .decide(reception.hostDepartmentId);
}

/** Each contact-coverage issue said in Chinese for the zh trace; the code stays in `issues`. */
const COVERAGE_ISSUE_ZH: Readonly<Record<'needsMoreContacts' | 'noContactReporting', string>> = {
  needsMoreContacts: '联系人人数不足',
  noContactReporting: '未建立联系报告制度',
};

/**
 * Important, high-potential customers need two or more contact persons and a contact-reporting
 * system (S000B-ATTR-06).
 *
 * @param c - flags, contacts, reporting
 * @param minContacts - "两名以上" = at least 2
 * @returns compliance and issues
 * @throws ZhiduError `invalid_input` for flags that are not booleans, contacts that are not ids, or a
 *   minimum that is not a non-negative integer
 * @example
 * contactCoverageOf({ isImportant: true, isHighPotential: true, contacts: ['e1'], contactReportingEnabled: true }).value
 * //=> { compliant: false, issues: ['needsMoreContacts'] }
 */
export function contactCoverageOf(
  c: {
    isImportant: boolean;
    isHighPotential: boolean;
    contacts: readonly string[];
    contactReportingEnabled: boolean;
  },
  minContacts = 2,
): Decision<{ compliant: boolean; issues: ('needsMoreContacts' | 'noContactReporting')[] }> {
  expectObject(c, ['c']);
  expectFlag(c.isImportant, ['c', 'isImportant']);
  expectFlag(c.isHighPotential, ['c', 'isHighPotential']);
  const contacts = expectIdList(c.contacts, ['c', 'contacts']);
  expectFlag(c.contactReportingEnabled, ['c', 'contactReportingEnabled']);
  if (!Number.isSafeInteger(expectNonNegative(minContacts, ['minContacts']))) {
    throw new ZhiduError(
      'invalid_input',
      ['minContacts'],
      `最少联系人数须为整数,实为${minContacts} / the minimum number of contacts must be a whole number, got ${minContacts}`,
    );
  }
  const t = new Trace();
  if (!(c.isImportant && c.isHighPotential)) {
    t.add(
      'S000B-ATTR-06',
      '000 L1481',
      '非重要且潜力巨大的客户,不适用',
      'Not both important and high-potential: not applicable',
    );
    return t.decide({ compliant: true, issues: [] });
  }
  const issues: ('needsMoreContacts' | 'noContactReporting')[] = [];
  if (new Set(contacts).size < minContacts) issues.push('needsMoreContacts');
  if (!c.contactReportingEnabled) issues.push('noContactReporting');
  t.add(
    'S000B-ATTR-06',
    '000 L1481 两名以上的人员与之联系,并建立联系报告制度',
    issues.length === 0
      ? '联系人与报告制度齐备'
      : `不符合:${issues.map((i) => COVERAGE_ISSUE_ZH[i]).join('、')}`,
    issues.length === 0 ? 'Coverage compliant' : `Not compliant: ${issues.join(', ')}`,
  );
  return t.decide({ compliant: issues.length === 0, issues });
}

/**
 * Joint-venture partner ownership (S000B-ATTR-07): one managing contracting unit, defaulting to the
 * introducing department; only it may initiate a grade change.
 *
 * @param partner - partner with managing unit and introducing department
 * @param unitId - the unit that wants to initiate
 * @returns whether it may
 * @throws ZhiduError `invalid_input` for a partner or unit that is not of string ids
 * @example
 * canInitiateGradeChange({ partnerId: 'p2', introducingDeptId: 'U3' }, 'U3').value; //=> true
 */
export function canInitiateGradeChange(
  partner: { partnerId: string; managingUnitId?: string; introducingDeptId: string },
  unitId: string,
): Decision<boolean> {
  expectObject(partner, ['partner']);
  expectId(partner.partnerId, ['partner', 'partnerId']);
  if (partner.managingUnitId !== undefined) expectId(partner.managingUnitId, ['partner', 'managingUnitId']);
  expectId(partner.introducingDeptId, ['partner', 'introducingDeptId']);
  expectId(unitId, ['unitId']);
  const managing = partner.managingUnitId ?? partner.introducingDeptId;
  const ok = managing === unitId;
  return new Trace()
    .add(
      'S000B-ATTR-07',
      '000 L1415 各承揽主体单位负责为各自分管的客户',
      ok ? `${unitId}为分管单位,可发起调整` : `分管单位为${managing},${unitId}不得发起`,
      ok
        ? `${unitId} manages ${partner.partnerId} and may initiate`
        : `${partner.partnerId} is managed by ${managing}; ${unitId} may not initiate`,
    )
    .decide(ok);
}
