// Issue 11, one violation builder: every violation a module emits is built by core's violation() and
// names, in source.module, the id of the module that emitted it (the decision's provenance.module) —
// never a package name ('records', 'sla', '@zhidu/attribution').
import { fileURLToPath } from 'node:url';
import type { Violation } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { evaluate, runScenarios } from './index.js';

const PACKAGES = ['attribution', 'credit', 'penalty', 'records', 'service', 'sla'];
const dirs = PACKAGES.map((p) => fileURLToPath(new URL(`../../${p}/scenarios`, import.meta.url)));

/** Modules no shipped scenario drives to a violation: one breach each (their doc examples, made to breach). */
const BREACHES: { module: string; input: unknown; preset: string; now: string }[] = [
  {
    module: 'attribution.shared-box',
    input: {
      event: { id: 'expo-0615', date: '2024-06-15', start: '14:00' },
      divisions: [{ id: 'division1', headId: 'H1' }],
      submissions: [],
    },
    preset: 'conference-marketing-001',
    now: '2024-06-16T00:00+08:00',
  },
  {
    module: 'attribution.ownership-batch',
    input: {
      staff: [{ id: 'K' }, { id: 'T' }],
      events: [
        {
          type: 'visit',
          at: '2024-03-01T10:00+08:00',
          customerId: 'c1',
          onTurnId: 'T',
          intake: { visitedBefore: 'no', named: [] },
          presentIds: ['K', 'T'],
          neglectedBy: ['K'],
        },
      ],
    },
    preset: 'sales-office-001',
    now: '2024-03-01T23:00+08:00',
  },
  {
    module: 'records.access-log',
    input: {
      log: [
        {
          actor: { id: 'u1', roles: ['salesperson'] },
          action: 'view',
          file: { id: 'F1', fileTypeId: 'salesCompanyCustomerFile' },
          at: '2024-03-05T10:00:00+08:00',
        },
      ],
    },
    preset: 'sales-company-files',
    now: '2024-03-06T00:00:00+08:00',
  },
  {
    module: 'records.ledger',
    input: {
      date: '2024-03-05',
      admin: { personId: 'a1' },
      received: ['F1', 'F2'],
      registered: ['F1'],
      electronicCreated: ['F1'],
    },
    preset: 'dealer-files',
    now: '2024-03-06T08:00:00+08:00',
  },
  {
    module: 'records.destruction',
    input: {
      fileTypeId: 'leasingCustomerArchiveForm',
      fileId: 'A1',
      archivedOn: '2014-06-30',
      destroyedAt: '2024-07-01T10:00:00+08:00',
      responsible: { personId: 'k1' },
    },
    preset: 'leasing-archive',
    now: '2024-07-02T10:00:00+08:00',
  },
  {
    module: 'sla.checklist',
    input: {
      checklist: 'M20.preCompletion',
      subject: 'phase-2',
      at: '2024-09-30T00:00:00+08:00',
      record: { gasSupply: false },
    },
    preset: 'construction-000',
    now: '2024-09-30T00:00:00+08:00',
  },
  {
    module: 'service.rotation',
    input: {
      op: 'walkIns',
      order: ['A', 'B', 'C'],
      events: [{ type: 'walkIn', kind: 'newWalkIn', at: '2024-03-01T09:10:00+08:00', takenBy: 'C' }],
    },
    preset: 's001-sales-office',
    now: '2024-03-01T18:00:00+08:00',
  },
];

/** Every module that emits violations: each must be seen emitting at least one below. */
const EMITTERS = [
  'attribution.joint-event',
  'attribution.ownership',
  'attribution.ownership-batch',
  'attribution.rotation',
  'attribution.shared-box',
  'credit.month-end-recovery',
  'credit.unapproved-shipment',
  'records.access-log',
  'records.completeness',
  'records.destruction',
  'records.handover',
  'records.ledger',
  'records.loan',
  'records.snapshots',
  'service.followup',
  'service.reception',
  'service.rotation',
  'sla.checklist',
  'sla.incidents',
  'sla.timers',
];

/** `[module id, source.module]` of every violation of a decision that does not name its module. */
function misnamed(module: string, violations: readonly Violation[]): [string, string, string][] {
  return violations.filter((v) => v.source.module !== module).map((v) => [module, v.code, v.source.module]);
}

describe('violation source.module (issue 11)', () => {
  it('every violation names the module that emitted it', () => {
    const seen = new Map<string, number>();
    const wrong: [string, string, string][] = [];
    const note = (module: string, violations: readonly Violation[]): void => {
      seen.set(module, (seen.get(module) ?? 0) + violations.length);
      wrong.push(...misnamed(module, violations));
    };
    const outcomes = runScenarios(dirs);
    expect(outcomes.length).toBeGreaterThan(150);
    for (const o of outcomes) {
      if (!o.decision) continue; // a refused scenario (an expected error) has no decision
      expect(o.decision.provenance.module).toBe(o.module);
      note(o.module, o.decision.value.violations);
    }
    for (const b of BREACHES) {
      const d = evaluate(b.module, b.input, b.preset, { now: b.now });
      expect(d.value.violations.length, `${b.module} breaches`).toBeGreaterThan(0);
      note(d.provenance.module, d.value.violations);
    }
    expect(wrong).toEqual([]);
    expect(EMITTERS.filter((m) => (seen.get(m) ?? 0) === 0)).toEqual([]);
    // penalty prices violations and finds none of its own
    expect(seen.get('penalty.ledger')).toBe(0);
  });
});
