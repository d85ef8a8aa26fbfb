import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  contentHash,
  makeContext,
  parseScenario,
  type Scenario,
  scenarioPolicy,
  ZhiduError,
} from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cn, ev } from '../test/helpers.js';
import { checklistOutcome } from './checklist.js';
import { incidentsFromLog } from './incidents.js';
import {
  classifyComplaint,
  collectViolations,
  dedupeComplaints,
  exchangeMembership001bPreset,
  handlingRate,
  isInAnnualInspectionWindow,
  isLateAttitudeComplaint,
  logistics001bPreset,
  marginRefundSchedule,
  propertyService004Preset,
  runWorkflow,
  SLA_PRESETS,
  type SlaEventInput,
  type SlaPolicy,
  slaAttitudeLimit,
  slaChecklist,
  slaClassification,
  slaIncidents,
  slaInspectionWindow,
  slaIntake,
  slaMarginRefund,
  slaModules,
  slaQuota,
  slaRates,
  slaRecords,
  slaTimers,
  slaWorkflow,
  validateIntake,
  type WorkflowEventInput,
} from './index.js';
import { quotaRows } from './quota.js';
import { timerStates } from './timer/evaluate.js';

const NOW = '2024-05-10T10:20:00+08:00';
const ctx = cn('2024-05-10T10:20');
const received = (subject: string, at: string) => ev('received', subject, at);

/** Catches what `f` throws (the test fails when nothing is thrown). */
function caught(f: () => unknown): ZhiduError {
  try {
    f();
  } catch (e) {
    return e as ZhiduError;
  }
  throw new Error('expected a refusal');
}

/** A scenario file of the package, in the one scenario format (`*.scenario.json`). */
type ScenarioFile = { file: string; s: Scenario; policy: SlaPolicy };
const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));
const scenarioFiles = (d: string): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? scenarioFiles(join(d, e.name))
      : e.name.endsWith('.scenario.json')
        ? [join(d, e.name)]
        : [],
  );
const byId = new Map<string, (typeof slaModules)[number]>(slaModules.map((m) => [m.id, m]));
const scenarios: ScenarioFile[] = scenarioFiles(dir).map((path) => {
  const s = parseScenario(JSON.parse(readFileSync(path, 'utf8')));
  const module = byId.get(s.module);
  if (!module) throw new Error(`${path}: not an sla module: ${s.module}`);
  // The preset with the scenario's policyPatch, validated as the old entry points take it.
  const policy = slaTimers.policy(scenarioPolicy(s, module)) as SlaPolicy;
  return { file: relative(dir, path), s, policy };
});

describe('sla modules: behaviour preserved (every scenario file, module vs the existing entry point)', () => {
  it('has a scenario of every module the old scenario kinds covered', () => {
    expect(new Set(scenarios.map((x) => x.s.module))).toEqual(
      new Set([
        'sla.timers',
        'sla.incidents',
        'sla.classification',
        'sla.workflow',
        'sla.intake',
        'sla.checklist',
        'sla.records',
        'sla.rates',
        'sla.quota',
        'sla.margin-refund',
        'sla.attitude-limit',
      ]),
    );
  });

  for (const { file, s, policy } of scenarios) {
    it(`${file}: the module computes what the existing entry point computes`, () => {
      const c = makeContext({ now: s.context.now, calendar: chinaCalendar() });
      const input = s.input as Record<string, unknown>;
      if (s.expected.error !== undefined && s.module === 'sla.incidents') {
        // A refusal: the module and the existing entry point refuse alike, at the same field: the
        // module's path under `input`, the entry point's relative to its own `events` parameter.
        const events = input.events as SlaEventInput[];
        const path = s.expected.error.path;
        if (path === undefined) throw new Error(`${file}: a refusal of sla.incidents names its path`);
        const m = caught(() => slaIncidents.evaluate({ events }, policy, c));
        expect([m.code, m.path]).toEqual([s.expected.error.code, path]);
        expect(m.path[0]).toBe('input');
        const e = caught(() => incidentsFromLog(events, policy, c));
        expect([e.code, e.path]).toEqual([s.expected.error.code, path.slice(1)]);
        return;
      }
      switch (s.module) {
        case 'sla.timers':
        case 'sla.incidents': {
          const events = input.events as SlaEventInput[];
          const old = timerStates(events, policy, c);
          const d = slaTimers.evaluate({ events }, policy, c);
          expect(d.value.result).toEqual(old.value);
          expect(d.value.violations).toEqual(collectViolations(old.value));
          expect(d.trace).toEqual(old.trace);
          const inc = slaIncidents.evaluate({ events }, policy, c);
          expect(inc.value.violations).toEqual(incidentsFromLog(events, policy, c).value);
          break;
        }
        case 'sla.classification': {
          const facts = input.facts as Record<string, string>;
          const d = slaClassification.evaluate({ facts }, policy, c);
          expect(d.value.result).toEqual(classifyComplaint(facts, policy.params).value);
          expect(d.value.violations).toEqual([]);
          break;
        }
        case 'sla.workflow': {
          const steps = input.steps as WorkflowEventInput[];
          const wf = policy.params.workflows.find((w) => w.id === input.workflow);
          const d = slaWorkflow.evaluate({ workflow: String(input.workflow), steps }, policy, c);
          expect(d.value.result).toEqual(wf && runWorkflow(steps, wf, c).value);
          break;
        }
        case 'sla.intake': {
          const record = input.record as Record<string, string>;
          const d = slaIntake.evaluate({ record }, policy, c);
          expect(d.value.result).toEqual(validateIntake(record, policy.params.intake).value);
          break;
        }
        case 'sla.checklist': {
          const record = input.record as Record<string, boolean>;
          const list = policy.params.checklists.find((x) => x.id === input.checklist);
          const at = { subject: String(input.subject), at: String(input.at) };
          const d = slaChecklist.evaluate({ checklist: String(input.checklist), ...at, record }, policy, c);
          const old = list && checklistOutcome(record, list, at).value;
          expect(d.value.result.missing).toEqual(old?.missing);
          expect(d.value.violations).toEqual(old?.violations);
          break;
        }
        case 'sla.records': {
          const complaints = input.complaints as {
            id: string;
            complainantId: string;
            issueKey: string;
            receivedAt: string;
          }[];
          const items = input.items as { handled: boolean }[];
          const d = slaRecords.evaluate({ complaints, items }, policy, c);
          expect(d.value.result.links).toEqual(dedupeComplaints(complaints).value.links);
          expect(d.value.result.handling).toEqual(handlingRate(items, 1).value);
          break;
        }
        case 'sla.quota': {
          const events = input.events as SlaEventInput[];
          const range = input.range as { from: string; to: string };
          const d = slaQuota.evaluate(input as never, policy, c);
          const named = policy.params.quotas.filter((q) => input.quota === undefined || q.id === input.quota);
          expect(d.value.result).toEqual(
            named.map((q) => ({
              id: q.id,
              rows: quotaRows(events, q, range, c, policy.params.excuses).value,
            })),
          );
          break;
        }
        case 'sla.margin-refund': {
          const d = slaMarginRefund.evaluate(input as never, policy, c);
          expect(d.value.result).toEqual(marginRefundSchedule(input as never, policy));
          break;
        }
        case 'sla.rates': {
          // New with the module (no older entry point): the rows are the rates over timerStates.
          const events = input.events as SlaEventInput[];
          const d = slaRates.evaluate(
            { events, assignees: input.assignees as Record<string, string> },
            policy,
            c,
          );
          const rows = d.value.result;
          const states = timerStates(events, policy, c).value;
          for (const row of rows)
            expect(row.denominator).toBe(
              row.timers.filter((t) => states.some((x) => x.subject === t.subject && x.status === t.status))
                .length,
            );
          expect(rows.length).toBeGreaterThan(0);
          break;
        }
        case 'sla.attitude-limit': {
          const d = slaAttitudeLimit.evaluate(input as never, policy, c);
          expect(d.value.result.late).toBe(
            isLateAttitudeComplaint(input as never, Number(policy.params.settings.attitudeLimitMonths)),
          );
          break;
        }
        default:
          throw new Error(`${file}: no old entry point for ${s.module}`);
      }
    });
  }
});

describe('sla.timers', () => {
  const events = [received('c1', '2024-05-10T09:45')];

  it('evaluates the logistics-001b preset: the 30-minute plan is breached and its violations are in the result', () => {
    const d = slaTimers.evaluate({ events }, slaTimers.preset('logistics-001b'), ctx);
    const plan = d.value.result.find((t) => t.timerId === 'plan30min');
    expect(plan?.status).toBe('breached');
    expect(plan?.dueAt).toBe('2024-05-10T02:15:00.000Z');
    expect(d.value.result).toEqual(timerStates(events, logistics001bPreset(), ctx).value);
    expect(d.value.violations).toEqual(collectViolations(d.value.result));
  });

  it('carries violations in the result (construction-000: two directors charged for a late milestone)', () => {
    const log = [
      ev('mainStructureCompleted', 'block-3', '2024-01-10T12:00', undefined, {
        emcDirector: 'u-emc',
        pdcDirector: 'u-pdc',
      }),
      ev('completionStandardMet', 'block-3', '2024-04-12T10:00'),
    ];
    const d = slaTimers.evaluate(
      { events: log },
      slaTimers.preset('construction-000'),
      cn('2024-06-01T00:00'),
    );
    expect(d.value.violations.map((v) => `${v.code} → ${v.personId}`)).toEqual([
      'sla.milestone.S000-MILESTONE-01 → u-emc',
      'sla.milestone.S000-MILESTONE-01 → u-pdc',
    ]);
  });

  it('states its provenance: module id, policy id, version and content hash', () => {
    const policy = slaTimers.preset('logistics-001b');
    const d = slaTimers.evaluate({ events }, policy, ctx);
    expect(d.provenance.module).toBe('sla.timers');
    expect(d.provenance.policy).toEqual({
      id: 'zhidu.sla.logistics-001b',
      version: '1',
      hash: contentHash(policy),
    });
    expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.provenance.calendar.zone).toBe('Asia/Shanghai');
  });

  it('refuses a misspelt event type, naming the nearest type the policy knows (was: an empty result)', () => {
    const e = caught(() =>
      slaTimers.evaluate(
        { events: [received('c1', '2024-05-10T09:45'), ev('planPropsed', 'c1', '2024-05-10T09:50')] },
        slaTimers.preset('logistics-001b'),
        ctx,
      ),
    );
    expect(e).toBeInstanceOf(ZhiduError);
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'events', 1, 'type']);
    expect(e.message).toContain('did you mean "planProposed"?');
    // The same refusal from the existing entry point.
    expect(() => timerStates([ev('recieved', 'c1', '2024-05-10T09:45')], logistics001bPreset(), ctx)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['events', 0, 'type'] }),
    );
  });

  it('accepts an attribute-only event type once the policy declares it in params.eventTypes', () => {
    const p = slaTimers.preset('logistics-001b');
    const declared = { ...p, params: { ...p.params, eventTypes: ['graded'] } };
    const log = [received('c1', '2024-05-10T09:45'), ev('graded', 'c1', '2024-05-10T09:46', { grade: 'A' })];
    const d = slaTimers.evaluate({ events: log }, declared, ctx);
    expect(d.value.result.find((t) => t.timerId === 'plan30min')?.status).toBe('breached');
  });

  it('refuses a misspelt event field (subjcet) with unknown_key and the field meant', () => {
    const bad = [{ type: 'received', subjcet: 'c1', at: '2024-05-10T09:45:00+08:00' }];
    const e = caught(() =>
      slaTimers.evaluate({ events: bad } as never, slaTimers.preset('logistics-001b'), ctx),
    );
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['input', 'events', 0, 'subjcet']);
    expect(e.message).toContain('did you mean `input.events[0].subject`?');
  });

  it('refuses a misspelt policy key (params.timer, a top-level efectiveTo) with the key meant', () => {
    const p = JSON.parse(JSON.stringify(slaTimers.preset('logistics-001b')));
    const { timers, ...rest } = p.params;
    const e = caught(() => slaTimers.policy({ ...p, params: { ...rest, timer: timers } }));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['policy', 'params', 'timer']);
    expect(e.message).toContain('did you mean `policy.params.timers`?');
    const e2 = caught(() => slaTimers.evaluate({ events }, { ...p, efectiveTo: '2030-01-01' }, ctx));
    expect(e2.code).toBe('unknown_key');
    expect(e2.path).toEqual(['policy', 'efectiveTo']);
    expect(e2.message).toContain('did you mean `policy.effectiveTo`?');
    const p3 = JSON.parse(JSON.stringify(p));
    p3.params.timers[0].target.spec.amout = 30;
    const e3 = caught(() => slaTimers.policy(p3));
    expect(e3.code).toBe('unknown_key');
    expect(e3.path).toEqual(['policy', 'params', 'timers', 0, 'target', 'spec', 'amout']);
  });

  it('refuses an unvalidated raw policy with a wrong type (-0 is fine, a string target is not) with ZhiduError, never a TypeError', () => {
    const raw = JSON.parse(JSON.stringify(logistics001bPreset()));
    raw.params.timers[0].target.spec.amount = 'thirty';
    for (const f of [
      () => slaTimers.evaluate({ events }, raw, ctx),
      () => timerStates(events, raw, ctx),
      () => incidentsFromLog(events, raw, ctx),
    ]) {
      const e = caught(f);
      expect(e).toBeInstanceOf(ZhiduError);
      expect(e.code).toBe('invalid_input');
      expect(e.path).toEqual(['policy', 'params', 'timers', 0, 'target', 'spec', 'amount']);
    }
    const noParams = { ...raw, params: { timers: 'none' } };
    expect(caught(() => timerStates(events, noParams, ctx))).toBeInstanceOf(ZhiduError);
    expect(caught(() => isInAnnualInspectionWindow('2024-07-01', { id: 'x' } as never))).toBeInstanceOf(
      ZhiduError,
    );
    expect(
      caught(() =>
        marginRefundSchedule(
          { peakMarginFen: 1, currentBalanceFen: 1, announcementDate: '2024-01-31' },
          null as never,
        ),
      ),
    ).toBeInstanceOf(ZhiduError);
  });

  it('validates a raw policy once per object identity', () => {
    const raw = JSON.parse(JSON.stringify(logistics001bPreset()));
    expect(slaTimers.compile(raw).policy).toBe(slaTimers.compile(raw).policy);
    expect(timerStates(events, raw, ctx).value).toEqual(
      slaTimers.evaluate({ events }, raw, ctx).value.result,
    );
  });

  it('refuses out-of-order events within a subject and accepts any interleaving between subjects', () => {
    const policy = slaTimers.preset('logistics-001b');
    const e = caught(() =>
      slaTimers.evaluate(
        { events: [received('c1', '2024-05-10T09:45'), ev('planProposed', 'c1', '2024-05-10T09:40')] },
        policy,
        ctx,
      ),
    );
    expect(e.code).toBe('out_of_order');
    expect(e.path).toEqual(['input', 'events', 1, 'at']);
    // c2 before c1 in time but after it in the log: accepted, same result as the time-ordered log.
    const interleaved = [
      received('c1', '2024-05-10T09:45'),
      received('c2', '2024-05-10T09:00'),
      ev('planProposed', 'c1', '2024-05-10T09:50'),
    ];
    const ordered = [interleaved[1], interleaved[0], interleaved[2]] as SlaEventInput[];
    const a = slaTimers.evaluate({ events: interleaved }, policy, ctx).value.result;
    const b = slaTimers.evaluate({ events: ordered }, policy, ctx).value.result;
    const byKey = (xs: typeof a) =>
      [...xs].sort((x, y) => `${x.subject}${x.timerId}`.localeCompare(`${y.subject}${y.timerId}`));
    expect(byKey(a).map((s) => [s.subject, s.timerId, s.status, s.dueAt])).toEqual(
      byKey(b).map((s) => [s.subject, s.timerId, s.status, s.dueAt]),
    );
    expect(a.find((s) => s.subject === 'c1' && s.timerId === 'plan30min')?.status).toBe('met');
    expect(a.find((s) => s.subject === 'c2' && s.timerId === 'plan30min')?.status).toBe('breached');
  });

  it('property: any interleaving of per-subject ordered logs gives the same states as the time-sorted log (seeded)', () => {
    const policy = slaTimers.preset('logistics-001b');
    const base = Date.parse('2024-05-10T01:00:00Z');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 120 })), {
          maxLength: 8,
        }),
        (picks) => {
          // Per subject: received, then planProposed, at increasing minutes.
          const clock = new Map<string, number>();
          const seen = new Map<string, number>();
          const log: SlaEventInput[] = picks.map(([subject, gap]) => {
            const t = (clock.get(subject) ?? 0) + gap;
            clock.set(subject, t);
            const n = seen.get(subject) ?? 0;
            seen.set(subject, n + 1);
            return {
              type: n === 0 ? 'received' : 'planProposed',
              subject,
              at: new Date(base + t * 60_000).toISOString(),
            };
          });
          const sorted = log
            .map((e, i) => ({ e, i }))
            .sort((x, y) => Date.parse(String(x.e.at)) - Date.parse(String(y.e.at)) || x.i - y.i)
            .map((x) => x.e);
          const key = (xs: { subject: string; timerId: string; status: string; dueAt?: string }[]) =>
            xs.map((s) => `${s.subject}|${s.timerId}|${s.status}|${s.dueAt}`).sort();
          const c = cn('2024-05-10T14:00');
          expect(key(slaTimers.evaluate({ events: log }, policy, c).value.result)).toEqual(
            key(slaTimers.evaluate({ events: sorted }, policy, c).value.result),
          );
        },
      ),
      { seed: 20241204, numRuns: 60 },
    );
  });

  it('refuses a context without an explicit calendar (it counts working days)', () => {
    const e = caught(() => slaTimers.evaluate({ events }, slaTimers.preset('logistics-001b'), { now: NOW }));
    expect(e.code).toBe('calendar_required');
    expect(e.path).toEqual(['ctx', 'calendar']);
    expect(slaQuota.needsCalendar).toBe(true);
    expect(slaIncidents.needsCalendar).toBe(false);
  });
});

describe('the other sla modules', () => {
  it('sla.incidents: a grievance found charges the employee; violations are the result', () => {
    const log = [ev('grievanceFound', 'g1', '2024-05-01T09:00', undefined, { employee: 'e1' })];
    const d = slaIncidents.evaluate({ events: log }, slaIncidents.preset('conference-marketing-001'), {
      now: '2024-05-02T00:00:00+08:00',
    });
    expect(d.value.violations.map((v) => [v.code, v.personId])).toEqual([
      ['sla.grievance.S001-COMPLAINT-02', 'e1'],
    ]);
    expect(d.value.result).toEqual(d.value.violations);
    expect(d.provenance.module).toBe('sla.incidents');
    expect(() =>
      slaIncidents.evaluate(
        { events: [ev('grievanceFund', 'g1', '2024-05-01T09:00')] },
        slaIncidents.preset('conference-marketing-001'),
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['input', 'events', 0, 'type'] }));
  });

  it('sla.workflow: refuses an unknown workflow id with the nearest one, and out-of-order steps', () => {
    const p = slaWorkflow.preset('dealer-000');
    const e = caught(() => slaWorkflow.evaluate({ workflow: 'genral', steps: [] }, p, ctx));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['input', 'workflow']);
    expect(e.message).toContain('did you mean "general"?');
    const step = (at: string) => ({
      action: 'notifyCustomer',
      at,
      actor: { personId: 'u1', role: 'crManager' },
    });
    expect(() =>
      slaWorkflow.evaluate(
        {
          workflow: 'general',
          steps: [step('2024-03-05T10:00:00+08:00'), step('2024-03-05T09:00:00+08:00')],
        },
        p,
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'out_of_order', path: ['input', 'steps', 1, 'at'] }));
    const d = slaWorkflow.evaluate(
      { workflow: 'general', steps: [step('2024-03-05T10:00:00+08:00')] },
      p,
      ctx,
    );
    expect(d.value.result.rejected[0]?.reason).toBe('not_allowed_from_state');
    expect(() =>
      slaWorkflow.evaluate(
        { workflow: 'general', steps: [{ ...step('2024-03-05T10:00:00+08:00'), fact: {} }] } as never,
        p,
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'unknown_key', path: ['input', 'steps', 0, 'fact'] }));
  });

  it('sla.checklist: missing items and one violation per role with quantity', () => {
    const p = slaChecklist.preset('construction-000');
    const list = p.params.checklists[0];
    if (!list) throw new Error('construction-000 has checklists');
    const input = { checklist: list.id, subject: 'P1', at: '2024-09-30T00:00:00+08:00', record: {} };
    const d = slaChecklist.evaluate(input, p, ctx);
    const old = checklistOutcome({}, list, { subject: 'P1', at: input.at });
    expect(d.value.result.missing).toEqual(old.value.missing);
    expect(d.value.result.missing.length).toBeGreaterThan(0);
    expect(d.value.violations).toEqual(old.value.violations);
    expect(d.value.violations.every((v) => v.quantity === old.value.missing.length)).toBe(true);
  });

  it('sla.quota: counts the 004 quotas like quotaRows, and needs a calendar', () => {
    const p = slaQuota.preset('property-service-004');
    const quotas = propertyService004Preset().params.quotas;
    expect(p.params.quotas.map((q) => q.id)).toEqual(quotas.map((q) => q.id));
    const q = quotas[0];
    if (!q) throw new Error('004 has quotas');
    const log = [ev(q.type, 's1', '2024-03-04T10:00')];
    const range = { from: '2024-03-04', to: '2024-03-05' };
    const d = slaQuota.evaluate({ quota: q.id, range, events: log }, p, ctx);
    expect(d.value.result).toEqual([{ id: q.id, rows: quotaRows(log, q, range, ctx).value }]);
    expect(slaQuota.evaluate({ range, events: log }, p, ctx).value.result.map((r) => r.id)).toEqual(
      quotas.map((x) => x.id),
    );
    expect(() => slaQuota.evaluate({ quota: q.id, range, events: log }, p, { now: NOW })).toThrow(
      expect.objectContaining({ code: 'calendar_required' }),
    );
    expect(() => slaQuota.evaluate({ quota: 'nope', range, events: log }, p, ctx)).toThrow(
      expect.objectContaining({ code: 'unknown_reference', path: ['input', 'quota'] }),
    );
  });

  it('sla.records: repeats merged and the 100 % handling target from settings', () => {
    const complaints = [
      { id: 'a', complainantId: 'r1', issueKey: 'leak', receivedAt: '2024-03-01T09:00:00+08:00' },
      { id: 'b', complainantId: 'r1', issueKey: 'leak', receivedAt: '2024-03-03T09:00:00+08:00' },
    ];
    const d = slaRecords.evaluate(
      { complaints, items: [{ handled: true }, { handled: false }] },
      slaRecords.preset('property-revisit-000b'),
      ctx,
    );
    expect(d.value.result.links).toEqual([{ duplicateId: 'b', primaryId: 'a' }]);
    expect(d.value.result.handling).toEqual({ raised: 2, handled: 1, rate: 0.5, compliant: false });
  });

  it('sla.margin-refund and sla.inspection-window: the exchange settings, as the functions compute them', () => {
    const p = exchangeMembership001bPreset();
    const input = {
      peakMarginFen: 200_000_000,
      currentBalanceFen: 150_000_000,
      announcementDate: '2024-01-31',
    };
    const d = slaMarginRefund.evaluate(input, slaMarginRefund.preset('exchange-membership-001b'), ctx);
    expect(d.value.result).toEqual(marginRefundSchedule(input, p));
    expect(d.value.result.instalments.map((i) => i.amountFen)).toEqual([110_000_000, 16_000_000, 24_000_000]);
    const w = slaInspectionWindow.evaluate({ date: '2024-08-31' }, p, ctx);
    expect(w.value.result.inWindow).toBe(isInAnnualInspectionWindow('2024-08-31', p));
    expect(w.value.result.inWindow).toBe(true);
    expect(() => slaMarginRefund.evaluate({ ...input, peakMarginFen: -1 }, p, ctx)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'peakMarginFen'] }),
    );
  });

  it('a misspelt setting is refused with unknown_key naming the setting meant, never read as the default (sla.margin-refund)', () => {
    const p = slaMarginRefund.preset('exchange-membership-001b');
    const input = {
      peakMarginFen: 200_000_000,
      currentBalanceFen: 150_000_000,
      announcementDate: '2024-01-31',
    };
    // The company's own copy: 30 % reserved, first refund after 3 months.
    const own = {
      ...p,
      params: { ...p.params, settings: { ...p.params.settings, reservePercent: 30, firstRefundMonths: 3 } },
    };
    const d = slaMarginRefund.evaluate(input, own, ctx).value.result;
    expect(d.riskReserveFen).toBe(60_000_000);
    expect(d.instalments[1]?.dueDate).toBe('2024-04-30');
    // The same copy with `reservePercnt`: refused, where it priced a 20 % reserve without a word.
    const typo = { ...p, params: { ...p.params, settings: { ...p.params.settings, reservePercnt: 30 } } };
    let refused: unknown;
    try {
      slaMarginRefund.evaluate(input, typo, ctx);
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({
      code: 'unknown_key',
      path: ['policy', 'params', 'settings', 'reservePercnt'],
    });
    expect(String((refused as Error).message)).toContain('reservePercent');
  });

  it('sla.attitude-limit reads settings.attitudeLimitMonths (S001B-CCLASS-04) and refuses a limit that is not a positive whole month count', () => {
    const p = slaAttitudeLimit.preset('logistics-001b');
    const input = { isServiceAttitude: true, incidentDate: '2024-01-31', complaintDate: '2024-03-01' };
    const d = slaAttitudeLimit.evaluate(input, p, ctx);
    expect(d.value.result).toEqual({ late: true, limitMonths: 1 });
    expect(d.trace.map((t) => t.rule)).toEqual(['S001B-CCLASS-04']);
    // A company's copy with two months: the same filing is in time.
    const twoMonths = {
      ...p,
      params: { ...p.params, settings: { ...p.params.settings, attitudeLimitMonths: 2 } },
    };
    expect(slaAttitudeLimit.evaluate(input, twoMonths, ctx).value.result).toEqual({
      late: false,
      limitMonths: 2,
    });
    for (const bad of [0, -1, 1.5, '1'])
      expect(() =>
        slaAttitudeLimit.evaluate(
          input,
          { ...p, params: { ...p.params, settings: { ...p.params.settings, attitudeLimitMonths: bad } } },
          ctx,
        ),
      ).toThrow(
        expect.objectContaining({
          code: 'invalid_input',
          path: ['params', 'settings', 'attitudeLimitMonths'],
        }),
      );
    expect(() => slaAttitudeLimit.evaluate({ ...input, complaintDate: '2024-01-30' }, p, ctx)).toThrow(
      expect.objectContaining({ code: 'out_of_order' }),
    );
  });

  it('sla.classification and sla.intake refuse a non-attribute fact and a misspelt input key', () => {
    const p = slaClassification.preset('dealer-group-000');
    expect(() => slaClassification.evaluate({ facts: { x: { nested: 1 } } } as never, p, ctx)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    const e = caught(() => slaIntake.evaluate({ recrod: {} } as never, slaIntake.preset('dealer-000'), ctx));
    expect(e.code).toBe('unknown_key');
    expect(e.message).toContain('did you mean `input.record`?');
  });
});

describe('the sla module list', () => {
  it('exports every module with a <package>.<name> id, and every preset validates strictly', () => {
    expect(slaModules.map((m) => m.id)).toEqual([
      'sla.timers',
      'sla.incidents',
      'sla.classification',
      'sla.intake',
      'sla.workflow',
      'sla.checklist',
      'sla.quota',
      'sla.records',
      'sla.margin-refund',
      'sla.inspection-window',
      'sla.rates',
      'sla.attitude-limit',
    ]);
    expect(slaTimers.presetNames).toEqual(Object.keys(SLA_PRESETS));
    for (const m of slaModules)
      for (const name of m.presetNames) expect(m.preset(name).id).toMatch(/^zhidu\.sla\./);
    // The wrapped factory: leasing-000b's masked year → the envelope's default date, as documented.
    expect(slaTimers.preset('leasing-000b').effectiveFrom).toBe('1999-12-31T16:00:00.000Z');
  });

  it('publishes strict JSON Schemas: no policy or input object accepts unknown keys', () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          walk(n, `${at}/${i}`);
        });
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      if (o.type === 'object' && o.properties && o.additionalProperties !== false) open.push(at);
      for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
    };
    for (const m of slaModules) {
      walk(m.jsonSchema.policy, `${m.id}:policy`);
      walk(m.jsonSchema.input, `${m.id}:input`);
    }
    expect(open).toEqual([]);
  });
});
