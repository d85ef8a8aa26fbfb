import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeContext, PolicyHistory, type ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { contactCoverageOf } from './accounts.js';
import { claimsRuling } from './conference.js';
import {
  allocateOutreachFiles,
  attributionClaims,
  attributionContactCoverage,
  attributionDuplicates,
  attributionJointEvent,
  attributionModules,
  attributionOutreach,
  attributionOwnership,
  attributionOwnershipBatch,
  attributionRegistration,
  attributionRotation,
  attributionServiceAdequacy,
  attributionSharedBox,
  attributionVenue,
  auditSharedBox,
  type Claim,
  canCompanyReassign,
  conferenceMarketing001,
  dealerRegistration000b,
  detectDuplicates,
  isServiceInadequate,
  isVenueAllowed,
  ReceptionRotation,
  requiredSubmissions,
  type SalesHistoryInput,
  salesOffice001,
} from './index.js';
import { jointEventOf } from './joint-event.js';
import { registrationOutcome } from './protection.js';
import { ownershipOf, ownershipOfAll } from './resolve.js';

const dir = join(import.meta.dirname, '..', 'scenarios');
type Scenario = {
  name: string;
  kind: string;
  preset: string;
  policyOverrides?: Record<string, unknown>;
  now?: string;
  seed?: number;
  history?: SalesHistoryInput;
  input?: unknown;
};
/** The package's scenario files (`*.scenario.json`, the one scenario format) of a preset directory. */
const scenarios = (preset: string): Scenario[] =>
  readdirSync(join(dir, preset))
    .filter((f) => f.endsWith('.scenario.json'))
    .sort()
    .map((f) => {
      const s = JSON.parse(readFileSync(join(dir, preset, f), 'utf8')) as {
        name: string;
        module: string;
        preset: string;
        policyPatch?: { params?: Record<string, unknown> };
        context: { now: string; seed?: number };
        input: unknown;
      };
      return {
        name: s.name,
        kind: s.module,
        preset: s.preset,
        ...(s.policyPatch?.params ? { policyOverrides: s.policyPatch.params } : {}),
        now: s.context.now,
        ...(s.context.seed !== undefined ? { seed: s.context.seed } : {}),
        ...(s.module === 'attribution.ownership' ? { history: s.input as SalesHistoryInput } : {}),
        input: s.input,
      };
    });

function merge<T>(base: T, over: Record<string, unknown> | undefined): T {
  if (!over) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object'
        ? merge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out as T;
}

const fields = { name: '王先生', phone: '13800000000' };
const reg = (customerId: string, salespersonId: string, at: string) => ({
  type: 'registration' as const,
  at,
  customerId,
  salespersonId,
  channel: 'walkIn' as const,
  fields,
});
const visit = (customerId: string, onTurnId: string, at: string, named: string[]) => ({
  type: 'visit' as const,
  at,
  customerId,
  onTurnId,
  intake: { visitedBefore: 'yes' as const, named },
  presentIds: ['A', 'C'],
});
const deal = (customerId: string, closerId: string, at: string) => ({
  type: 'deal' as const,
  at,
  customerId,
  stage: 'contract' as const,
  closerId,
});
const staff = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
const history: SalesHistoryInput = {
  customerId: 'c1',
  staff,
  events: [
    reg('c1', 'B', '2024-03-01T10:30+08:00'),
    visit('c1', 'A', '2024-03-20T14:00+08:00', ['B']),
    deal('c1', 'B', '2024-03-28T16:00+08:00'),
  ],
};
const now = '2024-03-28T23:00+08:00';
const salesPreset = attributionOwnership.preset('sales-office-001');

describe('attribution modules: one contract', () => {
  it('exports every module in attributionModules with <pkg>.<name> ids, kebab-case presets and strict JSON Schemas', () => {
    expect(attributionModules.map((m) => m.id)).toEqual([
      'attribution.ownership',
      'attribution.ownership-batch',
      'attribution.joint-event',
      'attribution.shared-box',
      'attribution.claims',
      'attribution.service-adequacy',
      'attribution.duplicates',
      'attribution.outreach-allocation',
      'attribution.rotation',
      'attribution.venue',
      'attribution.registration',
      'attribution.contact-coverage',
    ]);
    expect(attributionOwnership.presetNames).toEqual([
      'sales-office-001',
      'dealer-registration-000b',
      'example-lanting-realty',
      'example-haiancheng-marketing-center',
      'example-beichen-property',
    ]);
    expect(attributionJointEvent.presetNames).toEqual(['conference-marketing-001']);
    expect(attributionRotation.presetNames).toEqual(['rotation-001']);
    expect(attributionVenue.presetNames).toEqual(['venues-001']);
    for (const m of attributionModules) {
      for (const name of m.presetNames) expect(m.preset(name).params).toBeDefined();
      const policy = m.jsonSchema.policy as { additionalProperties?: unknown };
      expect(policy.additionalProperties, m.id).toBe(false);
      // Protection periods count calendar days and months; no module counts working days.
      expect(m.needsCalendar, m.id).toBe(false);
    }
    expect(salesPreset.params).toEqual(salesOffice001.params);
  });
});

describe('attribution.ownership', () => {
  for (const preset of ['salesOffice001', 'dealerRegistration000b']) {
    it(`computes exactly what ownershipOf computes on every ${preset} scenario (behaviour preserved)`, () => {
      const base = preset === 'salesOffice001' ? 'sales-office-001' : 'dealer-registration-000b';
      let count = 0;
      // the preset's attribution.ownership scenarios (its directory also holds registration and batch ones)
      for (const s of scenarios(preset).filter((x) => x.kind === 'attribution.ownership')) {
        const p = attributionOwnership.preset(base);
        const policy = { ...p, params: merge(p.params, s.policyOverrides) };
        const ctxInput = { now: s.now ?? '', ...(s.seed !== undefined ? { seed: s.seed } : {}) };
        const old = ownershipOf(s.history as SalesHistoryInput, policy, makeContext(ctxInput));
        const d = attributionOwnership.evaluate(s.history as SalesHistoryInput, policy, ctxInput);
        expect(d.value.result, s.name).toEqual(old.value);
        expect(d.value.violations, s.name).toEqual(old.value.violations);
        expect(d.trace, s.name).toEqual(old.trace);
        count++;
      }
      expect(count).toBeGreaterThan(8);
    });
  }

  it('puts the violations in the result (criterion 14 neglect: attribution.reception.neglect)', () => {
    const s = scenarios('salesOffice001').find((x) => x.name.includes('eglect'));
    if (!s?.history) throw new Error('scenario attr14-neglect missing');
    const d = attributionOwnership.evaluate(s.history, salesPreset, { now: s.now ?? '' });
    expect(d.value.violations.map((v) => v.code)).toEqual(['attribution.reception.neglect']);
    expect(d.value.violations).toEqual(d.value.result.violations);
    expect(d.value.violations.map((v) => v.source.module)).toEqual(['attribution.ownership']);
  });

  it('states its provenance: module id, policy id, version and content hash', () => {
    const d = attributionOwnership.evaluate(history, salesPreset, { now });
    expect(d.provenance.module).toBe('attribution.ownership');
    expect(d.provenance.policy).toEqual({
      id: 'seed-001-sales-office',
      version: '1',
      hash: attributionOwnership.compile(salesPreset).hash,
    });
    expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.value.result.owner).toBe('B');
    expect(d.value.result.deals[0]?.bonus).toEqual([
      { party: 'B', kind: 'staff', bp: 8000 },
      { party: 'A', kind: 'staff', bp: 2000 },
    ]);
  });

  it('refuses the issue’s misspelt policy keys (protection.defualt, protection.countfrom, efectiveTo) with the key meant', () => {
    const json = structuredClone(salesOffice001) as unknown as Record<string, unknown> & {
      params: { protection: Record<string, unknown> };
    };
    const { default: def, countFrom, ...rest } = json.params.protection;
    const typo = (protection: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
      ...json,
      ...top,
      params: { ...json.params, protection },
    });
    const defualt = typo({ ...rest, countFrom, defualt: def });
    for (const call of [
      () => attributionOwnership.evaluate(history, defualt, { now }),
      () => ownershipOf(history, defualt as never, makeContext({ now })),
    ]) {
      const e = refusal(call);
      expect(e.code).toBe('unknown_key');
      expect(e.path).toEqual(['policy', 'params', 'protection', 'defualt']);
      expect(e.message).toContain('did you mean `policy.params.protection.default`?');
    }
    const countfrom = refusal(() =>
      attributionOwnership.policy(typo({ ...rest, default: def, countfrom: countFrom })),
    );
    expect(countfrom.code).toBe('unknown_key');
    expect(countfrom.path).toEqual(['policy', 'params', 'protection', 'countfrom']);
    expect(countfrom.message).toContain('did you mean `policy.params.protection.countFrom`?');
    const efective = refusal(() =>
      attributionOwnership.policy(typo({ ...rest, default: def, countFrom }, { efectiveTo: '2030-01-01' })),
    );
    expect(efective.code).toBe('unknown_key');
    expect(efective.path).toEqual(['policy', 'efectiveTo']);
    expect(efective.message).toContain('did you mean `policy.effectiveTo`?');
  });

  it('refuses a misspelt event field and a misspelt intake field, naming the field meant', () => {
    const bad = {
      ...history,
      events: [{ ...reg('c1', 'B', '2024-03-01T10:30+08:00'), salespersonID: 'B' }],
    } as unknown as SalesHistoryInput;
    const e = refusal(() => attributionOwnership.evaluate(bad, salesPreset, { now }));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['input', 'events', 0, 'salespersonID']);
    expect(e.message).toContain('salespersonId');
    const intake = {
      ...history,
      events: [
        reg('c1', 'B', '2024-03-01T10:30+08:00'),
        {
          ...visit('c1', 'A', '2024-03-20T14:00+08:00', []),
          intake: { visitedBefore: 'yes', nmed: ['B'] },
        },
      ],
    } as unknown as SalesHistoryInput;
    const e2 = refusal(() => ownershipOf(intake, salesOffice001, makeContext({ now })));
    expect(e2.code).toBe('unknown_key');
    expect(e2.path).toEqual(['history', 'events', 1, 'intake', 'nmed']);
    expect(e2.message).toContain('named');
  });

  it('refuses an unvalidated raw policy with a wrong type with a ZhiduError, not a TypeError (module and ownershipOf)', () => {
    const raw = {
      ...structuredClone(salesOffice001),
      params: {
        ...structuredClone(salesOffice001.params),
        protection: { ...salesOffice001.params.protection, default: '2 months' },
      },
    };
    for (const call of [
      () => attributionOwnership.evaluate(history, raw, { now }),
      () => ownershipOf(history, raw as never, makeContext({ now })),
      () => ownershipOfAll({ staff, events: history.events }, raw as never, makeContext({ now })),
    ]) {
      const e = refusal(call);
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['policy', 'params', 'protection', 'default']);
    }
    const missing = refusal(() => attributionOwnership.evaluate(history, { id: 'x' }, { now }));
    expect(missing.path[0]).toBe('policy');
  });

  it('refuses an unknown event type instead of ignoring it', () => {
    const bad = {
      ...history,
      events: [...history.events, { type: 'vist', at: '2024-03-29T10:00+08:00', customerId: 'c1' }],
    } as unknown as SalesHistoryInput;
    const e = refusal(() => attributionOwnership.evaluate(bad, salesPreset, { now }));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'events', 3, 'type']);
  });

  it('refuses events out of time order within a customer, and accepts any interleaving of customers', () => {
    const outOfOrder: SalesHistoryInput = {
      ...history,
      events: [reg('c1', 'B', '2024-03-20T10:30+08:00'), visit('c1', 'A', '2024-03-01T14:00+08:00', ['B'])],
    };
    const e = refusal(() => attributionOwnership.evaluate(outOfOrder, salesPreset, { now }));
    expect(e.code).toBe('out_of_order');
    expect(e.path).toEqual(['input', 'events', 1, 'at']);
    // c2's registration (earlier) sits between c1's events: accepted, and judged as in time order.
    const c2 = reg('c2', 'C', '2024-02-01T09:00+08:00');
    const interleaved: SalesHistoryInput = {
      ...history,
      events: [history.events[0], c2, ...history.events.slice(1)] as SalesHistoryInput['events'],
    };
    const sorted: SalesHistoryInput = { ...history, events: [c2, ...history.events] };
    const d = attributionOwnership.evaluate(interleaved, salesPreset, { now });
    expect(d.value.result).toEqual(ownershipOf(sorted, salesOffice001, makeContext({ now })).value);
    expect(d.value.result.owner).toBe('B');
    // The 0.x entry point keeps its global order rule.
    expect(refusal(() => ownershipOf(interleaved, salesOffice001, makeContext({ now }))).code).toBe(
      'out_of_order',
    );
  });

  it('names a bad reference under input, at the index the caller gave', () => {
    const bad: SalesHistoryInput = {
      ...history,
      events: [
        history.events[0],
        reg('c2', 'C', '2024-02-01T09:00+08:00'),
        reg('c3', 'Z', '2024-01-01T09:00+08:00'),
      ],
    } as SalesHistoryInput;
    const e = refusal(() => attributionOwnership.evaluate(bad, salesPreset, { now }));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['input', 'events', 2, 'salespersonId']);
  });

  it('keeps a company’s own fields in attrs, visible to custom rules and not changing the catalog result', () => {
    const withAttrs: SalesHistoryInput = {
      ...history,
      events: history.events.map((e, i) => ({ ...e, attrs: { crmLeadId: `L-${i}`, vip: i === 0 } })),
    } as SalesHistoryInput;
    const d = attributionOwnership.evaluate(withAttrs, salesPreset, { now });
    expect(d.value.result).toEqual(attributionOwnership.evaluate(history, salesPreset, { now }).value.result);
    let seen: unknown;
    ownershipOf(withAttrs, salesOffice001, makeContext({ now }), {
      customRules: [
        {
          before: 'attribution.salesOfficeProcedure',
          step: {
            id: 'acme.readAttrs',
            clause: 'ACME §1',
            run: (stage) => {
              seen = stage.history.events[0]?.attrs;
              return stage;
            },
          },
        },
      ],
    });
    expect(seen).toEqual({ crmLeadId: 'L-0', vip: true });
    const badAttr = {
      ...history,
      events: [{ ...history.events[0], attrs: { nested: { no: 1 } } }],
    } as unknown as SalesHistoryInput;
    expect(refusal(() => attributionOwnership.evaluate(badAttr, salesPreset, { now })).path).toEqual([
      'input',
      'events',
      0,
      'attrs',
      'nested',
    ]);
  });

  it('judges under the PolicyHistory version in force at the registration (not ctx.now) and names it', () => {
    const v1 = { ...structuredClone(salesOffice001), version: '1', effectiveTo: '2024-03-15T00:00+08:00' };
    const v2 = {
      ...structuredClone(salesOffice001),
      version: '2',
      effectiveFrom: '2024-03-15T00:00+08:00',
      params: {
        ...structuredClone(salesOffice001.params),
        protection: { ...salesOffice001.params.protection, default: { unit: 'days' as const, amount: 10 } },
      },
    };
    const h = new PolicyHistory(attributionOwnership.schemas.params as never, [v1, v2]);
    const only = { ...history, events: [history.events[0]] } as SalesHistoryInput;
    const d = attributionOwnership.evaluate(only, h, { now: '2024-03-20T00:00+08:00' });
    expect(d.trace[0]?.rule).toBe('zhidu.policy.version');
    // registered on 2024-03-01 under version 1 (two months): the ten days of version 2 do not apply
    expect(d.provenance.policy.version).toBe('1');
    expect(d.value.result.owner).toBe('B');
    // the same registration after the change gets version 2's ten days: expired by 03-30
    const later = {
      ...only,
      events: [{ ...(only.events[0] as object), at: '2024-03-16T10:30+08:00' }],
    } as SalesHistoryInput;
    const d2 = attributionOwnership.evaluate(later, h, { now: '2024-03-30T00:00+08:00' });
    expect(d2.provenance.policy.version).toBe('2');
    expect(d2.value.result.owner).toBeNull();
  });
});

describe('attribution.ownership-batch', () => {
  it('computes what ownershipOfAll computes, with each trace entry naming its customer', () => {
    const events = [
      reg('c1', 'B', '2024-03-01T10:30+08:00'),
      reg('c2', 'C', '2024-03-02T10:30+08:00'),
      visit('c1', 'A', '2024-03-20T14:00+08:00', ['B']),
      deal('c1', 'B', '2024-03-28T16:00+08:00'),
    ];
    const old = ownershipOfAll({ staff, events }, salesOffice001, makeContext({ now }));
    const d = attributionOwnershipBatch.evaluate({ staff, events }, salesPreset, { now });
    expect(Object.keys(d.value.result.customers)).toEqual(['c1', 'c2']);
    expect(d.value.result.customers.c1).toEqual(old.get('c1')?.value);
    expect(d.value.result.customers.c2?.owner).toBe('C');
    expect(d.trace.length).toBe((old.get('c1')?.trace.length ?? 0) + (old.get('c2')?.trace.length ?? 0));
    expect(new Set(d.trace.map((t) => t.data?.customerId))).toEqual(new Set(['c1', 'c2']));
    expect(d.provenance.module).toBe('attribution.ownership-batch');
    const unknown = [...events, { type: 'registraton', at: now, customerId: 'c3' }];
    expect(
      refusal(() =>
        attributionOwnershipBatch.evaluate({ staff, events: unknown } as never, salesPreset, { now }),
      ).path,
    ).toEqual(['input', 'events', 4, 'type']);
  });
});

// The joint-event scenarios of the directory (the others pin the shared box and service adequacy).
const jointScenarios = scenarios('conferenceMarketing001').filter(
  (s) => s.kind === 'attribution.joint-event',
);
const conferencePreset = attributionJointEvent.preset('conference-marketing-001');

describe('attribution.joint-event and the conference modules', () => {
  it('computes what jointEventOf computes on every conference scenario, violations in the result', () => {
    for (const s of jointScenarios) {
      const params = merge(conferenceMarketing001, s.policyOverrides);
      const policy = { ...conferencePreset, params };
      const input = s.input as Parameters<typeof jointEventOf>[0];
      const old = jointEventOf(input, params, makeContext({ now: s.now ?? '' }));
      const d = attributionJointEvent.evaluate(input, policy, { now: s.now ?? '' });
      expect(d.value.result, s.name).toEqual(old.value);
      expect(d.value.violations).toEqual(old.value.violations);
      expect(d.trace).toEqual(old.trace);
      expect(d.provenance.policy.id).toBe('seed-001-conference-marketing');
    }
    const e2e = jointScenarios.find((s) => s.name.startsWith('End-to-end 6'));
    const d = attributionJointEvent.evaluate(e2e?.input as never, conferencePreset, { now: e2e?.now ?? '' });
    expect(d.value.result.performance).toEqual({ E5: 100 });
  });

  it('refuses invitations out of time order and a misspelt parameter (tieBrake → tieBreak)', () => {
    const e2e = jointScenarios.find((s) => s.name.startsWith('End-to-end 6'));
    const input = structuredClone(e2e?.input) as { invitations: { at: string; employeeId: string }[] };
    input.invitations = [
      { at: '2024-01-19T19:10+08:00', employeeId: 'E5', confirmed: true },
      { at: '2024-01-18T19:10+08:00', employeeId: 'E2', confirmed: false },
    ] as never;
    const e = refusal(() => attributionJointEvent.evaluate(input as never, conferencePreset, { now }));
    expect(e.code).toBe('out_of_order');
    expect(e.path).toEqual(['input', 'invitations', 1, 'at']);
    const { tieBreak, ...rest } = conferenceMarketing001;
    const typo = refusal(() =>
      attributionJointEvent.policy({ ...conferencePreset, params: { ...rest, tieBrake: tieBreak } }),
    );
    expect(typo.code).toBe('unknown_key');
    expect(typo.message).toContain('did you mean `policy.params.tieBreak`?');
  });

  const event = { id: 'J', date: '2024-06-15', start: '19:00' };
  const divisions = [
    { id: 'division1', headId: 'H1' },
    { id: 'division2', headId: 'H2' },
  ];
  const submissions = [
    {
      divisionId: 'division1',
      headId: 'H1',
      day: '2024-06-10',
      kind: 'confirmed' as const,
      submittedAt: '2024-06-10T17:00+08:00',
      entries: [{ customerId: 'X', employeeId: 'E1', phone: '1', confirmedAt: '2024-06-10T11:00+08:00' }],
    },
    {
      divisionId: 'division2',
      headId: 'H2',
      day: '2024-06-10',
      kind: 'confirmed' as const,
      submittedAt: '2024-06-10T19:00+08:00',
      entries: [{ customerId: 'X', employeeId: 'E2', confirmedAt: '2024-06-10T18:30+08:00' }],
    },
  ];
  const ctxNow = { now: '2024-06-16T00:00+08:00' };

  it('attribution.shared-box computes what auditSharedBox computes; late and missing lists are violations', () => {
    const old = auditSharedBox({ event, divisions, submissions }, conferenceMarketing001, 'Asia/Shanghai');
    const d = attributionSharedBox.evaluate({ event, divisions, submissions }, conferencePreset, ctxNow);
    expect(d.value.result).toEqual(old.value);
    expect(d.value.violations).toEqual(old.value.violations);
    const codes = d.value.violations.map((v) => v.code);
    expect(codes).toContain('attribution.sharedBox.late');
    expect(codes).toContain('attribution.sharedBox.missing');
    expect(d.value.result.statuses).toHaveLength(
      requiredSubmissions(event, ['division1', 'division2'], conferenceMarketing001, 'Asia/Shanghai').length,
    );
    const typo = refusal(() =>
      attributionSharedBox.evaluate(
        { event, divisions, submissions: [{ ...submissions[0], sumbittedAt: 'x' }] } as never,
        conferencePreset,
        ctxNow,
      ),
    );
    expect(typo.code).toBe('unknown_key');
    expect(typo.path).toEqual(['input', 'submissions', 0, 'sumbittedAt']);
  });

  it('attribution.claims, service-adequacy and duplicates compute what their 0.x functions compute', () => {
    const claim = (over: Partial<Claim>): Claim => ({
      divisionId: 'division1',
      employeeId: 'E1',
      effectiveDate: '2024-06-10',
      listed: true,
      role: 'invitee',
      confirmed: true,
      ...over,
    });
    const claims = [claim({}), claim({ divisionId: 'division2', employeeId: 'E2' })];
    const c = attributionClaims.evaluate({ claims }, conferencePreset, ctxNow);
    expect(c.value.result).toEqual(claimsRuling(claims, conferenceMarketing001).value);
    expect(c.value.result).toEqual({ winner: claims[0], reason: 'priorityDivision' });
    expect(c.value.violations).toEqual([]);

    const adequacy = { ownerSince: '2023-12-01T00:00+08:00', asOf: '2024-04-01T00:00+08:00', activities: [] };
    const a = attributionServiceAdequacy.evaluate(adequacy, conferencePreset, ctxNow);
    expect(a.value.result).toEqual({
      ...isServiceInadequate(adequacy, conferenceMarketing001, 'Asia/Shanghai').value,
      companyMayReassign: canCompanyReassign(adequacy, conferenceMarketing001, 'Asia/Shanghai').value,
    });
    expect(a.value.result).toEqual({
      inadequate: true,
      reasons: ['noInvitation', 'noHomeVisit'],
      companyMayReassign: true,
    });
    expect(a.trace.map((t) => t.rule)).toEqual(['S001-ATTR-09', 'S001-ATTR-10']);

    const dup = attributionDuplicates.evaluate({ submissions }, conferencePreset, ctxNow);
    expect(dup.value.result).toEqual(detectDuplicates(submissions, conferenceMarketing001, 'Asia/Shanghai'));
    // E2's confirmation at 18:30 counts for the next day (S001-ATTR-03).
    expect(dup.value.result[0]?.entries.map((e) => e.effectiveDate)).toEqual(['2024-06-10', '2024-06-11']);
  });

  it('attribution.outreach-allocation draws with the context’s seed exactly as allocateOutreachFiles with that rng', () => {
    const files = ['f1', 'f2', 'f3', 'f4'];
    const participants = ['E1', 'E2', 'E3'];
    const d = attributionOutreach.evaluate({ files, participants }, conferencePreset, ctxNow);
    expect(d.value.result).toEqual({ E1: ['f1', 'f4'], E2: ['f2'], E3: ['f3'] });
    const seeded = {
      ...conferencePreset,
      params: { ...conferenceMarketing001, allocationRemainder: 'seededRandom' },
    };
    const ctx = makeContext({ ...ctxNow, seed: 9 });
    const old = allocateOutreachFiles(
      files,
      participants,
      { ...conferenceMarketing001, allocationRemainder: 'seededRandom' },
      ctx.rng,
    );
    expect(
      attributionOutreach.evaluate({ files, participants }, seeded, { ...ctxNow, seed: 9 }).value.result,
    ).toEqual(old.value);
    expect(
      refusal(() => attributionOutreach.evaluate({ files, participants: [] }, conferencePreset, ctxNow)).code,
    ).toBe('invalid_input');
  });

  it('the 0.x conference functions refuse raw parameters with a wrong type with a ZhiduError, not a TypeError', () => {
    const bad = { ...conferenceMarketing001, eventDay: 'evening' } as never;
    const e = refusal(() => auditSharedBox({ event, divisions, submissions }, bad, 'Asia/Shanghai'));
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['params', 'eventDay']);
    expect(refusal(() => claimsRuling([], {} as never)).path[0]).toBe('params');
    expect(refusal(() => requiredSubmissions(event, ['division1'], bad, 'Asia/Shanghai')).code).toBe(
      'invalid_input',
    );
  });
});

describe('attribution.rotation', () => {
  const rotationPreset = attributionRotation.preset('rotation-001');
  const t = (hm: string) => `2024-03-01T${hm}+08:00`;

  it('assigns walk-ins as ReceptionRotation does: skips, make-up turns on return (S001-RECEP-03)', () => {
    const d = attributionRotation.evaluate(
      {
        order: ['A', 'B', 'C'],
        events: [
          { type: 'status', at: t('09:00'), salespersonId: 'B', status: 'outOnBusiness' },
          { type: 'walkIn', at: t('09:10') },
          { type: 'walkIn', at: t('09:20') },
          { type: 'status', at: t('10:00'), salespersonId: 'B', status: 'available' },
          { type: 'walkIn', at: t('10:10') },
        ],
      },
      rotationPreset,
      { now: t('18:00') },
    );
    let r = ReceptionRotation.create(['A', 'B', 'C']).startDay('2024-03-01').setStatus('B', 'outOnBusiness');
    const expected: (string | null)[] = [];
    for (const step of [0, 1]) {
      const a = r.assignNewWalkIn();
      expected.push(a.assignment.receiver);
      r = a.rotation;
      void step;
    }
    r = r.setStatus('B', 'available');
    const last = r.assignNewWalkIn();
    expected.push(last.assignment.receiver);
    const walkIns = d.value.result.outcomes.filter((o) => o.type === 'walkIn');
    expect(walkIns.map((o) => ('receiver' in o ? o.receiver : undefined))).toEqual(expected);
    expect(expected).toEqual(['A', 'C', 'B']);
    expect(walkIns[2] && 'makeUp' in walkIns[2] ? walkIns[2].makeUp : undefined).toBe(true);
    expect(d.value.result.state).toEqual(last.rotation.toJSON());
    expect(d.trace.map((x) => x.rule)).toContain('S001-RECEP-03');
  });

  it('flags grabbing as a violation in the result (S001-RECEP-01) and continues from a stored state', () => {
    const d = attributionRotation.evaluate(
      {
        order: ['A', 'B', 'C'],
        events: [{ type: 'reception', at: t('09:40'), kind: 'newWalkIn', receiverId: 'B' }],
      },
      rotationPreset,
      { now: t('18:00') },
    );
    expect(d.value.violations.map((v) => v.code)).toEqual(['attribution.reception.grabbing']);
    expect(d.value.result.outcomes[0]).toMatchObject({ type: 'reception', expected: 'A', receiverId: 'B' });
    const next = attributionRotation.evaluate(
      { state: d.value.result.state, events: [{ type: 'walkIn', at: t('10:00') }] },
      rotationPreset,
      { now: t('18:00') },
    );
    expect(next.value.result.outcomes[0]).toMatchObject({ receiver: 'A' });
    expect(next.provenance.policy.id).toBe('seed-001-rotation');
  });

  it('refuses an unknown event type, events out of order, an unknown person and a missing order table', () => {
    const run = (input: unknown) => () =>
      attributionRotation.evaluate(input as never, rotationPreset, { now: t('18:00') });
    expect(refusal(run({ order: ['A'], events: [{ type: 'walkin', at: t('09:00') }] })).path).toEqual([
      'input',
      'events',
      0,
      'type',
    ]);
    const ooo = refusal(
      run({
        order: ['A'],
        events: [
          { type: 'walkIn', at: t('10:00') },
          { type: 'walkIn', at: t('09:00') },
        ],
      }),
    );
    expect(ooo.code).toBe('out_of_order');
    expect(ooo.path).toEqual(['input', 'events', 1, 'at']);
    const who = refusal(
      run({ order: ['A'], events: [{ type: 'status', at: t('09:00'), salespersonId: 'Z', status: 'busy' }] }),
    );
    expect(who.code).toBe('unknown_reference');
    expect(who.path).toEqual(['input', 'events', 0, 'salespersonId']);
    expect(refusal(run({ events: [] })).code).toBe('invalid_input');
    const typo = refusal(() =>
      attributionRotation.policy({
        ...rotationPreset,
        params: { ...rotationPreset.params, resets: undefined, reset: 'daily' },
      }),
    );
    expect(typo.code).toBe('unknown_key');
    expect(typo.message).toContain('did you mean `policy.params.resets`?');
  });
});

describe('attribution.venue', () => {
  it('computes what isVenueAllowed computes (S001-RECEP-06)', () => {
    const p = attributionVenue.preset('venues-001');
    for (const [category, venue] of [
      ['general', 'cultureHall'],
      ['vip', 'cultureHall'],
      ['business', 'gmOffice'],
    ] as const) {
      const d = attributionVenue.evaluate({ category, venue }, p, { now });
      expect(d.value.result).toBe(isVenueAllowed(category, venue).value);
      expect(d.value.violations).toEqual([]);
    }
    expect(
      attributionVenue.evaluate({ category: 'general', venue: 'cultureHall' }, p, { now }).value.result,
    ).toBe(false);
    expect(
      refusal(() => attributionVenue.evaluate({ category: 'vipp', venue: 'x' } as never, p, { now })).path,
    ).toEqual(['input', 'category']);
  });
});

describe('attribution.registration and attribution.contact-coverage', () => {
  const registration = {
    type: 'registration' as const,
    at: '2024-03-01T10:00+08:00',
    customerId: 'c1',
    salespersonId: 'B',
    channel: 'referral' as const,
    fields: { name: '王' },
  };

  it('attribution.registration computes what registrationOutcome computes (S000B-ATTR-01)', () => {
    const p = attributionRegistration.preset('dealer-registration-000b');
    const d = attributionRegistration.evaluate(registration, p, { now });
    expect(d.value.result).toEqual(registrationOutcome(registration, dealerRegistration000b.params));
    expect(d.value.result).toEqual({ valid: false, missing: ['phone', 'hasAgent'], badChannel: true });
    expect(d.value.violations).toEqual([]);
    expect(d.trace.map((t) => t.rule)).toEqual(['S000B-ATTR-01']);
    const ok = { ...registration, channel: 'walkIn' as const, fields: fields };
    expect(attributionRegistration.evaluate(ok, salesPreset, { now }).value.result).toEqual({ valid: true });
  });

  it('registrationOutcome refuses a raw registration or parameters of the wrong shape with a ZhiduError, not a TypeError', () => {
    const noFields = { ...registration, fields: undefined, chanel: 'walkIn' } as never;
    const e = refusal(() => registrationOutcome(noFields, salesOffice001.params));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['registration', 'chanel']);
    const badParams = { ...salesOffice001.params, registration: { requiredFields: 'name' } } as never;
    expect(refusal(() => registrationOutcome(registration, badParams)).path[0]).toBe('params');
  });

  it('attribution.contact-coverage computes what contactCoverageOf computes (S000B-ATTR-06)', () => {
    const p = attributionContactCoverage.preset('customer-management-000b');
    const input = {
      isImportant: true,
      isHighPotential: true,
      contacts: ['e1', 'e1'],
      contactReportingEnabled: false,
    };
    const d = attributionContactCoverage.evaluate(input, p, { now });
    expect(d.value.result).toEqual(contactCoverageOf(input).value);
    expect(d.value.result).toEqual({ compliant: false, issues: ['needsMoreContacts', 'noContactReporting'] });
    const typo = refusal(() => attributionContactCoverage.policy({ ...p, params: { minContact: 2 } }));
    expect(typo.code).toBe('unknown_key');
    expect(typo.message).toContain('did you mean `policy.params.minContacts`?');
  });
});

describe('attribution.ownership ordering rule (property)', () => {
  it('judges any interleaving of two customers’ logs exactly as the log in time order (seeded, 40 runs)', () => {
    const minute = (m: number) => new Date(Date.UTC(2024, 2, 1) + m * 60_000).toISOString();
    const stepsArb = fc.array(
      fc.record({
        kind: fc.constantFrom('reg', 'visit', 'deal'),
        who: fc.constantFrom('A', 'B', 'C'),
        gap: fc.integer({ min: 0, max: 3000 }),
      }),
      { minLength: 1, maxLength: 5 },
    );
    const log = (customerId: string, steps: { kind: string; who: string; gap: number }[]) => {
      let t = 0;
      return steps.map((s) => {
        t += s.gap;
        const at = minute(t);
        return s.kind === 'reg'
          ? reg(customerId, s.who, at)
          : s.kind === 'visit'
            ? visit(customerId, s.who, at, [s.who])
            : deal(customerId, s.who, at);
      });
    };
    fc.assert(
      fc.property(
        stepsArb,
        stepsArb,
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        (s1, s2, picks) => {
          const c1 = [reg('c1', 'B', minute(0)), ...log('c1', s1)];
          const c2 = [reg('c2', 'C', minute(0)), ...log('c2', s2)];
          // an arbitrary interleaving that keeps each customer's own order
          const mixed: SalesHistoryInput['events'] = [];
          let i = 0;
          let j = 0;
          let k = 0;
          while (i < c1.length || j < c2.length) {
            const takeFirst = j >= c2.length || (i < c1.length && (picks[k++ % picks.length] ?? true));
            mixed.push((takeFirst ? c1[i++] : c2[j++]) as SalesHistoryInput['events'][number]);
          }
          const sorted = [...mixed].sort((a, b) => Date.parse(String(a.at)) - Date.parse(String(b.at)));
          const at = { now: minute(20_000) };
          const run = (events: SalesHistoryInput['events']) => () =>
            attributionOwnership.evaluate({ customerId: 'c1', staff, events }, salesPreset, at).value.result;
          let expected: unknown;
          try {
            expected = run(sorted)();
          } catch (e) {
            // a log the rules refuse (e.g. a deal before any contact) is refused in every interleaving, with the same code
            expect(refusal(run(mixed)).code).toBe((e as ZhiduError).code);
            return;
          }
          expect(run(mixed)()).toEqual(expected);
          expect(expected).toEqual(
            ownershipOf({ customerId: 'c1', staff, events: sorted }, salesOffice001, makeContext(at)).value,
          );
        },
      ),
      { seed: 20_240_301, numRuns: 40 },
    );
  });
});
