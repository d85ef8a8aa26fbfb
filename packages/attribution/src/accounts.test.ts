import { describe, expect, it } from 'vitest';
import {
  canInitiateGradeChange,
  canMaintainFile,
  contactCoverageOf,
  keyAccountOwner,
  receptionCostCentre,
} from './accounts.js';
import { handleDeparture } from './draw.js';
import { ZhiduError } from './kernel.js';

describe('seed 000 account ownership', () => {
  it('gives maintenance to the regional key-account manager and orders to the signer (S000-ATTR-01)', () => {
    const managers = { East: 'M1', West: 'M2' };
    expect(keyAccountOwner({ region: 'East', signedBy: 'M1' }, managers).value).toEqual({
      maintenanceOwner: 'M1',
      orderOwner: 'M1',
    });
    expect(keyAccountOwner({ region: 'East', signedBy: 'M2' }, managers).value).toEqual({
      maintenanceOwner: 'M1',
      orderOwner: 'M2',
    });
  });
  it('lets only the owning department (or the custodian) maintain a file (S000-ATTR-02)', () => {
    expect(canMaintainFile({ departmentId: 'sales', roles: [] }, { ownerDepartmentId: 'sales' }).value).toBe(
      true,
    );
    expect(
      canMaintainFile({ departmentId: 'jointOps', roles: [] }, { ownerDepartmentId: 'sales' }).value,
    ).toBe(false);
    expect(
      canMaintainFile({ departmentId: 'admin', roles: ['fileCustodian'] }, { ownerDepartmentId: 'sales' })
        .value,
    ).toBe(true);
  });
  it('charges sales-customer reception costs to the sales department (S000-ATTR-03)', () => {
    const d = receptionCostCentre({ hostDepartmentId: 'sales' });
    expect(d.value).toBe('sales');
    expect(d.trace[0]?.rule).toBe('S000-ATTR-03');
    expect(receptionCostCentre({ hostDepartmentId: 'management' }).value).toBe('management');
  });
});

describe('seed 000-b account rules', () => {
  it('reassigns every customer of a departing employee and has the company notify each (S000B-ATTR-05)', () => {
    const r = handleDeparture({
      employeeId: 'e1',
      customers: ['c1', 'c2'],
      replacementMap: { c1: 'e2', c2: 'e3' },
    }).value;
    expect(r.reassignments).toEqual([
      { customerId: 'c1', from: 'e1', to: 'e2' },
      { customerId: 'c2', from: 'e1', to: 'e3' },
    ]);
    expect(r.notifications).toHaveLength(2);
    expect(handleDeparture({ employeeId: 'e1', customers: [], replacementMap: {} }).value).toEqual({
      reassignments: [],
      notifications: [],
    });
  });
  it('refuses a departure that leaves a customer without replacement (S000B-ATTR-05)', () => {
    try {
      handleDeparture({ employeeId: 'e1', customers: ['c1', 'c2'], replacementMap: { c1: 'e2' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      expect((e as ZhiduError).path).toEqual(['replacementMap', 'c2']);
    }
  });
  it('requires two or more contacts and contact reporting for important, high-potential customers (S000B-ATTR-06)', () => {
    const base = { isImportant: true, isHighPotential: true, contactReportingEnabled: true };
    expect(contactCoverageOf({ ...base, contacts: ['e1', 'e2'] }).value).toEqual({
      compliant: true,
      issues: [],
    });
    expect(contactCoverageOf({ ...base, contacts: ['e1'] }).value).toEqual({
      compliant: false,
      issues: ['needsMoreContacts'],
    });
    expect(contactCoverageOf({ ...base, isHighPotential: false, contacts: ['e1'] }).value.compliant).toBe(
      true,
    );
  });
  it('lets only the managing contracting unit (default: the introducer) initiate a partner grade change (S000B-ATTR-07)', () => {
    expect(
      canInitiateGradeChange({ partnerId: 'p1', managingUnitId: 'U1', introducingDeptId: 'U1' }, 'U1').value,
    ).toBe(true);
    expect(
      canInitiateGradeChange({ partnerId: 'p1', managingUnitId: 'U1', introducingDeptId: 'U1' }, 'U2').value,
    ).toBe(false);
    expect(canInitiateGradeChange({ partnerId: 'p2', introducingDeptId: 'U3' }, 'U3').value).toBe(true);
  });
});
