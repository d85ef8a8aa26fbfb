// Regression tests for the crashes and slow calls `pnpm fuzz` found in this package (issue 12):
// every bad argument is refused with a ZhiduError naming it, never a TypeError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canInitiateGradeChange,
  canMaintainFile,
  contactCoverageOf,
  keyAccountOwner,
  receptionCostCentre,
} from './accounts.js';
import {
  attributeEventSale,
  canInvite,
  conferenceMarketing001,
  isServiceInadequate,
  jointEventConflict,
} from './conference.js';
import { drawHeirs, handleDeparture, isLongLeave, reassignByLottery } from './draw.js';
import { seededRng, ZhiduError } from './kernel.js';
import { salesOffice001 } from './presets.js';
import { claimOf, expiryDate, isProtected } from './protection.js';
import { isVenueAllowed, responsibleRole, routeIntake } from './reception.js';
import { ReceptionRotation } from './rotation.js';
import { sharesOf, splitAmount } from './shares.js';

/** The refusal's code and path. */
function refusal(fn: () => unknown): [string, readonly (string | number)[]] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZhiduError) return [e.code, e.path];
    throw e;
  }
  throw new Error('expected a ZhiduError');
}

const noProto = Object.create(null) as never;
const big = <T>(v: T): T[] => Array.from({ length: 100_000 }, () => v);

describe('draw: drawHeirs, reassignByLottery, isLongLeave, handleDeparture refuse bad arguments', () => {
  it('drawHeirs refuses non-list customers / eligible (was "eligible is not iterable", "customers.forEach is not a function")', () => {
    expect(refusal(() => drawHeirs(['c1'], 5 as never, 's', 'independent'))).toEqual([
      'invalid_input',
      ['eligible'],
    ]);
    expect(refusal(() => drawHeirs({} as never, ['A'], 's', 'shuffleRoundRobin'))).toEqual([
      'invalid_input',
      ['customers'],
    ]);
    expect(refusal(() => drawHeirs(['c1', 7 as never], ['A'], 's', 'independent'))).toEqual([
      'invalid_input',
      ['customers', 1],
    ]);
    expect(refusal(() => drawHeirs(['c1'], ['A'], 's', 'sometimes' as never))).toEqual([
      'invalid_input',
      ['mode'],
    ]);
  });

  it('drawHeirs refuses a customer listed twice and keeps a customer named __proto__', () => {
    expect(refusal(() => drawHeirs(['c1', 'c1'], ['A', 'B'], 's', 'independent'))).toEqual([
      'duplicate',
      ['customers', 1],
    ]);
    const out = drawHeirs(['__proto__', 'constructor'], ['A'], 's', 'shuffleRoundRobin');
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor']);
    expect(Object.values(out)).toEqual(['A', 'A']);
  });

  it('drawHeirs refuses 10^5 junk customers at the first one', () => {
    expect(refusal(() => drawHeirs(big(null) as never, ['A'], 's', 'independent'))).toEqual([
      'invalid_input',
      ['customers', 0],
    ]);
  });

  it('reassignByLottery refuses a missing input, lists and rng (was "reading filter" / "reading eligible")', () => {
    expect(refusal(() => reassignByLottery(undefined as never, seededRng(1)))).toEqual([
      'invalid_input',
      ['input'],
    ]);
    expect(
      refusal(() => reassignByLottery({ departing: 'S', customers: ['c1'] } as never, seededRng(1))),
    ).toEqual(['invalid_input', ['eligible']]);
    expect(
      refusal(() => reassignByLottery({ departing: 'S', customers: ['c1'], eligible: ['B'] }, null as never)),
    ).toEqual(['invalid_input', ['rng']]);
    expect(
      reassignByLottery({ departing: 'S', customers: ['c1', 'c2'], eligible: ['S', 'B'] }, seededRng(1))
        .value,
    ).toEqual({ c1: 'B', c2: 'B' });
  });

  it('isLongLeave refuses a non-number (was "Cannot convert object to primitive value") and NaN', () => {
    expect(refusal(() => isLongLeave(noProto, 30))).toEqual(['invalid_input', ['leaveDays']]);
    expect(refusal(() => isLongLeave(Number.NaN, 30))).toEqual(['invalid_input', ['leaveDays']]);
    expect(refusal(() => isLongLeave(45, '30' as never))).toEqual(['invalid_input', ['longLeaveDays']]);
    expect(isLongLeave(45, 30)).toBe(true);
    expect(isLongLeave(3, null)).toBe(true);
  });

  it('handleDeparture refuses a missing input or customers (was "reading forEach" / "reading customers")', () => {
    expect(refusal(() => handleDeparture(null as never))).toEqual(['invalid_input', ['input']]);
    expect(refusal(() => handleDeparture({ employeeId: 'e1', replacementMap: {} } as never))).toEqual([
      'invalid_input',
      ['customers'],
    ]);
    expect(
      refusal(() =>
        handleDeparture({ employeeId: 'e1', customers: ['c1'], replacementMap: { c1: 5 } as never }),
      ),
    ).toEqual(['invalid_input', ['replacementMap', 'c1']]);
  });

  it('handleDeparture reads only the map’s own keys: a customer named toString has no inherited replacement', () => {
    expect(
      refusal(() => handleDeparture({ employeeId: 'e1', customers: ['toString'], replacementMap: {} })),
    ).toEqual(['invalid_input', ['replacementMap', 'toString']]);
    expect(
      refusal(() =>
        handleDeparture({ employeeId: 'e1', customers: ['c1', 'c1'], replacementMap: { c1: 'e2' } }),
      ),
    ).toEqual(['duplicate', ['customers', 1]]);
  });
});

describe('shares: sharesOf and splitAmount refuse bad arguments', () => {
  it('sharesOf refuses a non-list and entries that are not [party, percent] pairs (was "parts.forEach is not a function", "object is not iterable")', () => {
    for (const parts of [undefined, null, true, Number.NaN, {}, 'A']) {
      expect(refusal(() => sharesOf(parts as never))).toEqual(['invalid_input', ['parts']]);
    }
    expect(refusal(() => sharesOf([['A', 100], null] as never))).toEqual(['invalid_input', ['parts', 1]]);
    expect(refusal(() => sharesOf([[5, 100]] as never))).toEqual(['invalid_input', ['parts', 0, 0]]);
    expect(refusal(() => sharesOf([['A', 100]], 'team' as never))).toEqual(['invalid_input', ['kind']]);
    expect(refusal(() => sharesOf([['A', noProto]] as never))).toEqual(['invalid_ratio', ['parts', 0, 1]]);
  });

  it('splitAmount describes an object without prototype instead of String()-ing it', () => {
    expect(refusal(() => splitAmount(noProto, []))).toEqual(['invalid_money', ['totalFen']]);
  });

  it('property: sharesOf never throws anything but a ZhiduError', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (parts, kind) => {
        try {
          sharesOf(parts as never, kind as never);
        } catch (e) {
          expect(e).toBeInstanceOf(ZhiduError);
        }
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('accounts: seed 000 account rules refuse bad arguments', () => {
  it('keyAccountOwner refuses a missing account (was "reading region") and reads own keys only', () => {
    expect(refusal(() => keyAccountOwner(undefined as never, {}))).toEqual(['invalid_input', ['account']]);
    expect(refusal(() => keyAccountOwner({ region: 'E', signedBy: 'M' }, null as never))).toEqual([
      'invalid_input',
      ['regionManagers'],
    ]);
    expect(keyAccountOwner({ region: 'constructor', signedBy: 'M2' }, { East: 'M1' }).value).toEqual({
      maintenanceOwner: null,
      orderOwner: 'M2',
    });
  });

  it('canMaintainFile refuses a missing user or file (was "reading departmentId" / "reading ownerDepartmentId")', () => {
    expect(refusal(() => canMaintainFile(undefined as never, { ownerDepartmentId: 's' }))).toEqual([
      'invalid_input',
      ['user'],
    ]);
    expect(refusal(() => canMaintainFile({ departmentId: 's', roles: [] }, undefined as never))).toEqual([
      'invalid_input',
      ['file'],
    ]);
    expect(
      refusal(() => canMaintainFile({ departmentId: 's' } as never, { ownerDepartmentId: 's' })),
    ).toEqual(['invalid_input', ['user', 'roles']]);
  });

  it('receptionCostCentre refuses a missing reception (was "reading hostDepartmentId")', () => {
    expect(refusal(() => receptionCostCentre(undefined as never))).toEqual(['invalid_input', ['reception']]);
    expect(refusal(() => receptionCostCentre(null as never))).toEqual(['invalid_input', ['reception']]);
  });

  it('contactCoverageOf refuses a missing customer (was "reading isImportant") and a bad minimum', () => {
    expect(refusal(() => contactCoverageOf(undefined as never))).toEqual(['invalid_input', ['c']]);
    const c = {
      isImportant: true,
      isHighPotential: true,
      contacts: ['e1', 'e2'],
      contactReportingEnabled: true,
    };
    expect(refusal(() => contactCoverageOf({ ...c, isImportant: 'yes' as never }))).toEqual([
      'invalid_input',
      ['c', 'isImportant'],
    ]);
    expect(refusal(() => contactCoverageOf(c, 1.5))).toEqual(['invalid_input', ['minContacts']]);
    expect(contactCoverageOf(c).value).toEqual({ compliant: true, issues: [] });
  });

  it('canInitiateGradeChange refuses a missing partner (was "reading managingUnitId") and an object unit (was "Cannot convert object to primitive value")', () => {
    expect(refusal(() => canInitiateGradeChange(undefined as never, 'U3'))).toEqual([
      'invalid_input',
      ['partner'],
    ]);
    expect(
      refusal(() => canInitiateGradeChange({ partnerId: 'p2', introducingDeptId: 'U3' }, noProto)),
    ).toEqual(['invalid_input', ['unitId']]);
  });
});

describe('conference: canInvite, attributeEventSale, jointEventConflict, isServiceInadequate refuse bad arguments', () => {
  it('canInvite refuses claims that are not a list of claims (was "reading find" / "claims.find is not a function")', () => {
    expect(refusal(() => canInvite('division2', undefined as never, false))).toEqual([
      'invalid_input',
      ['claims'],
    ]);
    expect(refusal(() => canInvite('division2', {} as never, false))).toEqual(['invalid_input', ['claims']]);
    expect(refusal(() => canInvite('division2', [], 'no' as never))).toEqual([
      'invalid_input',
      ['inadequatelyServed'],
    ]);
    const [code, path] = refusal(() => canInvite('division2', big({ divisionId: 'd' }) as never, false));
    expect(code).toBe('invalid_input');
    expect(path.slice(0, 2)).toEqual(['claims', 0]);
  });

  it('attributeEventSale refuses a missing sale (was "reading at") and a bad helper list', () => {
    expect(refusal(() => attributeEventSale(undefined as never))).toEqual(['invalid_input', ['input']]);
    expect(refusal(() => attributeEventSale(null as never))).toEqual(['invalid_input', ['input']]);
    const sale = {
      customerId: 'X',
      at: '2024-06-15T20:00+08:00',
      currentInviter: '__proto__',
      helpers: ['E1'],
      consentGiven: false,
      simultaneousPitch: false,
    };
    expect(refusal(() => attributeEventSale({ ...sale, helpers: 'E1' as never }))).toEqual([
      'invalid_input',
      ['helpers'],
    ]);
    const d = attributeEventSale(sale).value;
    expect(Object.keys(d.performance)).toEqual(['__proto__']);
    expect(d.violations.map((v) => v.code)).toEqual(['attribution.jointEvent.noConsent']);
  });

  it('jointEventConflict refuses a missing input (was "reading at") and non-id parties', () => {
    expect(refusal(() => jointEventConflict(undefined as never))).toEqual(['invalid_input', ['input']]);
    expect(
      refusal(() =>
        jointEventConflict({
          at: '2024-06-15T20:00+08:00',
          parties: [null] as never,
          arguedBeforeCustomer: true,
          resolvedViaProcedure: false,
        }),
      ),
    ).toEqual(['invalid_input', ['parties', 0]]);
  });

  it('isServiceInadequate refuses a missing input and 10^5 bad activities at the first one', () => {
    expect(
      refusal(() => isServiceInadequate(null as never, conferenceMarketing001, 'Asia/Shanghai')),
    ).toEqual(['invalid_input', ['input']]);
    const input = {
      ownerSince: '2023-12-01T00:00+08:00',
      asOf: '2024-04-01T00:00+08:00',
      activities: big({ kind: 'walk' }) as never,
    };
    const [, path] = refusal(() => isServiceInadequate(input, conferenceMarketing001, 'Asia/Shanghai'));
    expect(path.slice(0, 2)).toEqual(['activities', 0]);
  });
});

describe('protection: expiryDate, claimOf, isProtected refuse bad arguments', () => {
  const reg = {
    type: 'registration' as const,
    at: '2024-03-01T10:00+08:00',
    customerId: 'c1',
    salespersonId: 'A',
    channel: 'walkIn' as const,
    fields: { name: '王', phone: '13800000000' },
    eveningRecord: true,
  };

  it('expiryDate refuses a missing period (was "reading unit") and a bad start or flag', () => {
    expect(refusal(() => expiryDate('2024-01-01', undefined as never, false))).toEqual([
      'invalid_input',
      ['period'],
    ]);
    expect(refusal(() => expiryDate('2024-01-01', null as never, false))).toEqual([
      'invalid_input',
      ['period'],
    ]);
    expect(refusal(() => expiryDate(5 as never, { unit: 'days', amount: 3 }, false))[1]).toEqual(['start']);
    expect(refusal(() => expiryDate('2024-01-01', { unit: 'days', amount: 3 }, 1 as never))).toEqual([
      'invalid_input',
      ['inclusiveEnd'],
    ]);
    expect(expiryDate('2023-12-31', { unit: 'months', amount: 2 }, false)).toBe('2024-02-29');
  });

  it('claimOf refuses missing params (was "Cannot destructure property protection") and a missing registration (was "reading at")', () => {
    expect(refusal(() => claimOf(reg as never, [], undefined as never, 'Asia/Shanghai'))[1]).toEqual([
      'params',
    ]);
    expect(refusal(() => claimOf(reg as never, [], null as never, 'Asia/Shanghai'))[1]).toEqual(['params']);
    expect(refusal(() => claimOf(undefined as never, [], salesOffice001.params, 'Asia/Shanghai'))[1]).toEqual(
      ['reg'],
    );
    expect(
      refusal(() => claimOf(reg as never, null as never, salesOffice001.params, 'Asia/Shanghai')),
    ).toEqual(['invalid_input', ['later']]);
    expect(
      refusal(() =>
        claimOf(
          reg as never,
          [{ type: 'followUp', salespersonId: 'A', at: noProto }] as never,
          salesOffice001.params,
          'Asia/Shanghai',
        ),
      )[1].slice(0, 2),
    ).toEqual(['later', 0]);
    expect(claimOf(reg as never, [], salesOffice001.params, 'Asia/Shanghai').from).toBe('2024-03-01');
  });

  it('isProtected refuses a missing claim (was "reading expiresOn") and an object date (was "Cannot convert object to primitive value")', () => {
    expect(refusal(() => isProtected(undefined as never, '2024-04-30'))).toEqual([
      'invalid_input',
      ['claim'],
    ]);
    expect(refusal(() => isProtected(null as never, '2024-04-30'))).toEqual(['invalid_input', ['claim']]);
    expect(refusal(() => isProtected({ expiresOn: '2024-05-01' }, noProto))[1]).toEqual(['date']);
    expect(isProtected({ expiresOn: '2024-05-01' }, '2024-04-30')).toBe(true);
  });
});

describe('reception: routeIntake, isVenueAllowed, responsibleRole, ReceptionRotation.create refuse bad arguments', () => {
  it('routeIntake refuses a missing intake (was "reading named")', () => {
    expect(refusal(() => routeIntake(undefined as never))).toEqual(['invalid_input', ['intake']]);
    expect(refusal(() => routeIntake(null as never))).toEqual(['invalid_input', ['intake']]);
    expect(refusal(() => routeIntake({ visitedBefore: 'yes', named: 'B' as never }))).toEqual([
      'invalid_input',
      ['intake', 'named'],
    ]);
  });

  it('isVenueAllowed refuses an object category or venue (was "Cannot convert object to primitive value")', () => {
    expect(refusal(() => isVenueAllowed(noProto, 'gmOffice'))).toEqual(['invalid_input', ['category']]);
    expect(refusal(() => isVenueAllowed('vip', noProto))).toEqual(['invalid_input', ['venue']]);
  });

  it('responsibleRole refuses a task the duty table does not name (was "Cannot convert object to primitive value")', () => {
    expect(refusal(() => responsibleRole(noProto))).toEqual(['invalid_input', ['task']]);
    expect(refusal(() => responsibleRole('toString' as never))).toEqual(['invalid_input', ['task']]);
    expect(responsibleRole('visitorLog').value).toBe('frontDeskClerk');
  });

  it('ReceptionRotation.create refuses an order that is not a list of ids (was "object is not iterable", "reading length", "order.map is not a function")', () => {
    for (const order of [undefined, null, 19, true, {}, Number.NEGATIVE_INFINITY]) {
      expect(refusal(() => ReceptionRotation.create(order as never))).toEqual(['invalid_input', ['order']]);
    }
    expect(refusal(() => ReceptionRotation.create(['A', { i: 1 }] as never))).toEqual([
      'invalid_input',
      ['order', 1],
    ]);
    expect(refusal(() => ReceptionRotation.create([]))).toEqual(['invalid_input', ['order']]);
    expect(refusal(() => ReceptionRotation.create(['A', 'A']))).toEqual(['duplicate', ['order']]);
  });

  it('ReceptionRotation.create takes a 10^5-person order without re-parsing the state it builds', () => {
    const order = Array.from({ length: 100_000 }, (_, i) => `p${i}`);
    const r = ReceptionRotation.create(order);
    expect(r.state.order).toHaveLength(100_000);
    expect(r.state.status.p99999).toBe('available');
    expect(r.state.makeUp.p0).toBe(0);
    expect(refusal(() => ReceptionRotation.create(big({ i: 1 }) as never))).toEqual([
      'invalid_input',
      ['order', 0],
    ]);
  });
});
