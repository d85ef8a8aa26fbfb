// Every attribution violation comes from core's violation() builder and names the module that emits
// it in source.module (issue 11): not the package name '@zhidu/attribution'.
import { describe, expect, it } from 'vitest';
import {
  attributeEventSale,
  attributionOwnership,
  attributionOwnershipBatch,
  auditSharedBox,
  conferenceMarketing001,
  jointEventConflict,
  ReceptionRotation,
} from './index.js';

const now = '2024-03-01T23:00+08:00';
const salesOfficePresetJson = attributionOwnership.preset('sales-office-001');
// attr14-neglect (packages/attribution/scenarios/salesOffice001): K ignores the customer T receives.
const staff = [{ id: 'K' }, { id: 'T' }];
const events = [
  {
    type: 'visit',
    at: '2024-03-01T10:00+08:00',
    customerId: 'c1',
    onTurnId: 'T',
    intake: { visitedBefore: 'no', named: [] },
    presentIds: ['K', 'T'],
    neglectedBy: ['K'],
  },
  {
    type: 'registration',
    at: '2024-03-01T10:30+08:00',
    customerId: 'c1',
    salespersonId: 'T',
    channel: 'walkIn',
    fields: { name: '王先生', phone: '13800000000' },
  },
];

describe('violation source.module is the emitting module id (attribution)', () => {
  it('one customer (attribution.ownership) and the same log in a batch (attribution.ownership-batch) stamp their own ids on the same neglect', () => {
    const one = attributionOwnership.evaluate(
      { customerId: 'c1', staff, events: events as never },
      salesOfficePresetJson,
      {
        now,
      },
    );
    const all = attributionOwnershipBatch.evaluate(
      { staff, events: events as never },
      salesOfficePresetJson,
      { now },
    );
    expect(one.value.violations.map((v) => [v.code, v.source.module])).toEqual([
      ['attribution.reception.neglect', 'attribution.ownership'],
    ]);
    expect(all.value.violations.map((v) => [v.code, v.source.module])).toEqual([
      ['attribution.reception.neglect', 'attribution.ownership-batch'],
    ]);
    expect(all.value.result.customers.c1?.violations[0]?.source.module).toBe('attribution.ownership-batch');
  });

  it('a missing shared-box list is attribution.shared-box', () => {
    const d = auditSharedBox(
      {
        event: { id: 'expo-0615', date: '2024-06-15', start: '14:00' },
        divisions: [{ id: 'division1', headId: 'H1' }],
        submissions: [],
      },
      conferenceMarketing001,
      'Asia/Shanghai',
    );
    expect(new Set(d.value.violations.map((v) => v.source.module))).toEqual(
      new Set(['attribution.shared-box']),
    );
    expect(d.value.violations[0]?.source).toEqual({
      module: 'attribution.shared-box',
      rule: 'S001-ATTR-02',
      clause: '001 L36, L40',
    });
  });

  it('the sale at a joint event and a quarrel there are attribution.joint-event', () => {
    const sale = attributeEventSale({
      customerId: 'X',
      at: '2024-06-15T20:00+08:00',
      currentInviter: 'E1',
      helpers: ['E2'],
      consentGiven: false,
      simultaneousPitch: true,
    });
    expect(sale.value.violations.map((v) => [v.code, v.source.module])).toEqual([
      ['attribution.jointEvent.noConsent', 'attribution.joint-event'],
      ['attribution.jointEvent.simultaneousPitch', 'attribution.joint-event'],
    ]);
    const quarrel = jointEventConflict({
      at: '2024-06-15T20:00+08:00',
      parties: ['E1', 'E2'],
      arguedBeforeCustomer: true,
      resolvedViaProcedure: false,
    });
    expect(quarrel.value.map((v) => v.source)).toEqual([
      { module: 'attribution.joint-event', rule: 'S001-PENALTY-02', clause: '001 L46' },
      { module: 'attribution.joint-event', rule: 'S001-PENALTY-02', clause: '001 L46' },
    ]);
    // built by the core builder: the instant is normalised to UTC
    expect(quarrel.value[0]?.occurredAt).toBe('2024-06-15T12:00:00.000Z');
  });

  it('grabbing a customer out of turn is attribution.rotation; a malformed time is refused, not emitted', () => {
    const r = ReceptionRotation.create(['A', 'B']);
    const out = r.record({ kind: 'newWalkIn', receiverId: 'B', at: '2024-03-01T09:40:00+08:00' });
    expect(out.violations.map((v) => [v.code, v.source.module, v.occurredAt])).toEqual([
      ['attribution.reception.grabbing', 'attribution.rotation', '2024-03-01T01:40:00.000Z'],
    ]);
    expect(() => r.record({ kind: 'newWalkIn', receiverId: 'B', at: 'yesterday' })).toThrow(
      expect.objectContaining({ name: 'ZhiduError', path: ['violation', 'occurredAt'] }),
    );
  });
});
