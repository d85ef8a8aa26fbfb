import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import {
  attributionClaims,
  attributionContactCoverage,
  attributionJointEvent,
  attributionOwnership,
  attributionOwnershipBatch,
  attributionRegistration,
  attributionSharedBox,
  checkContactCoverage,
  checkRegistration,
  resolveAllOwnership,
  resolveClaims,
  resolveJointEvent,
  resolveOwnership,
  salesOffice001,
} from './index.js';

const fields = { name: '王先生', phone: '13800000000' };
const registration = (customerId: string, salespersonId: string, at: string) => ({
  type: 'registration' as const,
  at,
  customerId,
  salespersonId,
  channel: 'walkIn' as const,
  fields,
});
const staff = [{ id: 'A' }, { id: 'B' }];
const events = [
  registration('c1', 'B', '2024-03-01T10:05+08:00'),
  registration('c2', 'A', '2024-03-02T15:00+08:00'),
];
const ctx = { now: '2024-03-10T00:00+08:00' };

describe('the named attribution functions are thin calls of their modules', () => {
  it('resolveOwnership is a thin call of attribution.ownership: the same decision, trace and provenance', () => {
    const policy = attributionOwnership.preset('sales-office-001');
    const input = { customerId: 'c1', staff, events };
    const d = resolveOwnership(input, policy, ctx);
    expect(d).toEqual(attributionOwnership.evaluate(input, policy, ctx));
    expect(d.value.result.owner).toBe('B');
    expect(resolveOwnership(input, salesOffice001, ctx).value.result).toEqual(d.value.result);
  });

  it('resolveOwnership (thin call) refuses a misspelt policy key and an out-of-order log', () => {
    const policy = attributionOwnership.preset('sales-office-001');
    const badPolicy = refusal(() =>
      resolveOwnership({ customerId: 'c1', staff, events }, { ...policy, efectiveTo: '2030-01-01' }, ctx),
    );
    expect(badPolicy.code).toBe('unknown_key');
    expect(badPolicy.path).toEqual(['policy', 'efectiveTo']);
    const late = [
      registration('c1', 'B', '2024-03-05T10:00+08:00'),
      registration('c1', 'A', '2024-03-01T10:00+08:00'),
    ];
    const outOfOrder = refusal(() =>
      resolveOwnership({ customerId: 'c1', staff, events: late }, policy, ctx),
    );
    expect(outOfOrder.code).toBe('out_of_order');
    expect(outOfOrder.path).toEqual(['input', 'events', 1, 'at']);
  });

  it('resolveAllOwnership is a thin call of attribution.ownership-batch, and refuses a misspelt input key', () => {
    const policy = attributionOwnershipBatch.preset('sales-office-001');
    const d = resolveAllOwnership({ staff, events }, policy, ctx);
    expect(d).toEqual(attributionOwnershipBatch.evaluate({ staff, events }, policy, ctx));
    expect(Object.keys(d.value.result.customers)).toEqual(['c1', 'c2']);
    const e = refusal(() => resolveAllOwnership({ staff, events, evnets: [] } as never, policy, ctx));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['input', 'evnets']);
  });

  it('checkRegistration is a thin call of attribution.registration, and refuses a bad instant', () => {
    const policy = attributionRegistration.preset('sales-office-001');
    const reg = { ...registration('c1', 'B', '2024-03-01T10:30+08:00'), fields: { name: '王先生' } };
    const d = checkRegistration(reg, policy, ctx);
    expect(d).toEqual(attributionRegistration.evaluate(reg, policy, ctx));
    expect(d.value.result).toEqual({ valid: false, missing: ['phone'], badChannel: false });
    const e = refusal(() => checkRegistration({ ...reg, at: 'yesterday' }, policy, ctx));
    expect(e.path).toEqual(['input', 'at']);
  });

  it('checkContactCoverage is a thin call of attribution.contact-coverage, and refuses a non-boolean flag', () => {
    const policy = attributionContactCoverage.preset('customer-management-000b');
    const input = {
      isImportant: true,
      isHighPotential: true,
      contacts: ['e1'],
      contactReportingEnabled: true,
    };
    const d = checkContactCoverage(input, policy, ctx);
    expect(d).toEqual(attributionContactCoverage.evaluate(input, policy, ctx));
    expect(d.value.result).toEqual({ compliant: false, issues: ['needsMoreContacts'] });
    const e = refusal(() => checkContactCoverage({ ...input, isImportant: 'yes' } as never, policy, ctx));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'isImportant']);
  });

  it('resolveJointEvent is a thin call of attribution.joint-event, and refuses an unknown employee', () => {
    const policy = attributionJointEvent.preset('conference-marketing-001');
    const input = {
      customerId: 'X',
      event: { id: 'J2', date: '2024-06-15', start: '19:00' },
      divisions: [
        { id: 'division1', headId: 'H1' },
        { id: 'division2', headId: 'H2' },
      ],
      staff: [
        { id: 'E1', divisionId: 'division1' },
        { id: 'E2', divisionId: 'division2' },
      ],
      crmOwner: { employeeId: 'E1', since: '2024-05-01T10:00+08:00' },
      invitations: [
        { at: '2024-06-10T14:00+08:00', employeeId: 'E1', confirmed: true },
        { at: '2024-06-11T10:00+08:00', employeeId: 'E2', confirmed: true },
      ],
      submissions: [
        {
          divisionId: 'division1',
          headId: 'H1',
          day: '2024-06-10',
          kind: 'confirmed' as const,
          submittedAt: '2024-06-10T17:00+08:00',
          entries: [{ customerId: 'X', employeeId: 'E1' }],
        },
      ],
      sale: { at: '2024-06-15T20:00+08:00' },
    };
    const jctx = { now: '2024-06-16T00:00+08:00' };
    const d = resolveJointEvent(input, policy, jctx);
    expect(d).toEqual(attributionJointEvent.evaluate(input, policy, jctx));
    expect(d.value.result.performance).toEqual({ E1: 100 });
    const e = refusal(() =>
      resolveJointEvent(
        { ...input, crmOwner: { employeeId: 'E9', since: '2024-05-01T10:00+08:00' } },
        policy,
        jctx,
      ),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path[0]).toBe('input');
    // A division listed twice (S001-ATTR-02, -04): its lists were owed and flagged once per mention, and
    // 10^5 mentions took seconds; refused where it is repeated, by attribution.joint-event and
    // attribution.shared-box alike.
    const repeated = [
      ...input.divisions,
      { id: 'division1', headId: 'H9' },
      ...Array(100_000).fill(input.divisions[0]),
    ];
    const j = refusal(() => resolveJointEvent({ ...input, divisions: repeated }, policy, jctx));
    expect([j.code, j.path]).toEqual(['duplicate', ['input', 'divisions', 2, 'id']]);
    expect(j.message).toContain('division1 is listed twice');
    const box = attributionSharedBox.preset('conference-marketing-001');
    const b = refusal(() =>
      attributionSharedBox.evaluate(
        { event: input.event, divisions: repeated, submissions: input.submissions },
        box,
        jctx,
      ),
    );
    expect([b.code, b.path]).toEqual(['duplicate', ['input', 'divisions', 2, 'id']]);
    // Each division once: the lists owed are per division (8 per division under this preset, 7 daily
    // confirmed lists and the event-day list, and Division 2's daily plans).
    const once = attributionSharedBox.evaluate(
      { event: input.event, divisions: input.divisions, submissions: input.submissions },
      box,
      jctx,
    );
    expect(once.value.result.statuses.filter((x) => x.divisionId === 'division1')).toHaveLength(8);
    // An employee listed twice, in another division the second time (the last one used to win, so E1's
    // invitation counted for division2).
    const twice = refusal(() =>
      resolveJointEvent(
        { ...input, staff: [...input.staff, { id: 'E1', divisionId: 'division2' }] },
        policy,
        jctx,
      ),
    );
    expect([twice.code, twice.path]).toEqual(['duplicate', ['input', 'staff', 2, 'id']]);
  });

  it('resolveClaims is a thin call of attribution.claims, and refuses a claim without a division', () => {
    const policy = attributionClaims.preset('conference-marketing-001');
    const claim = (divisionId: string, employeeId: string, effectiveDate: string) => ({
      divisionId,
      employeeId,
      effectiveDate,
      listed: true,
      role: 'invitee' as const,
      confirmed: true,
    });
    const claims = [claim('division2', 'E2', '2024-06-11'), claim('division1', 'E1', '2024-06-10')];
    const d = resolveClaims({ claims }, policy, ctx);
    expect(d).toEqual(attributionClaims.evaluate({ claims }, policy, ctx));
    expect(d.value.result).toEqual({ winner: claims[1], reason: 'earliest' });
    const e = refusal(() =>
      resolveClaims({ claims: [{ ...(claims[0] as (typeof claims)[0]), divisionId: '' }] }, policy, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'claims', 0, 'divisionId']);
  });
});
