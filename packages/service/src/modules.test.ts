import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  type Decision,
  type EvalContext,
  jsonPatch,
  makeContext,
  mergePatch,
  PolicyHistory,
  type RuleModule,
  toInstant,
  weekdayCalendar,
  ZhiduError,
} from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frequencyCheck } from './followup/frequency.js';
import { periodicDuties, sampleFollowUps } from './followup/periodic.js';
import { answerByOpenLetter, revisitPlanCheck } from './followup/revisit.js';
import { preApprovalCheck, supervisorCheckDue } from './followup/sales.js';
import * as service from './index.js';
import {
  advanceConsultation,
  agentHandling,
  allowedRevisitModes,
  assignWalkIn,
  bookViewing,
  cadenceSchedule,
  classifyAgent,
  defineServicePolicy,
  dissatisfactionFollowUp,
  dutyLogCompleteness,
  estateCampaignCheck,
  firstRevisitTriggered,
  greetingsDue,
  isClassVenueAllowed,
  measureKpi,
  measureProgramme,
  monthlyCost,
  newRotation,
  nextDueDate,
  partnerVisitDuties,
  paymentRemindersDue,
  planReception,
  prioritiseVisits,
  pruneVisitPlan,
  receptionLevel,
  recommendVacancies,
  referredProspect,
  repeatPurchaseDiscount,
  responsibleRoles,
  type ServiceParams,
  ServiceParamsSchema,
  type ServicePolicy,
  s000bPropertyRevisitPolicy,
  s000ReceptionPolicy,
  scheduleFollowUps,
  serviceCadence,
  serviceFollowUp,
  serviceFrequency,
  serviceLeasing,
  serviceModules,
  serviceReception,
  serviceRecords,
  serviceRotation,
  setDeskStatus,
  surveyFollowUp,
  validateLead,
  validateReturnVisit,
  visitorRisk,
  visitQuotaStatus,
  type WalkIn,
} from './index.js';
import { classifyGuest } from './reception/plan.js';
import { recordCheck } from './records/checklist.js';
import { referralPoints } from './referral/points.js';

/** Any service module, seen through what every module shares. */
type AnyModule = RuleModule<ServiceParams, unknown, unknown, ServicePolicy, never>;
const modules: readonly AnyModule[] = serviceModules as readonly AnyModule[];
type Json = Record<string, unknown>;

const china = chinaCalendar();
const at = (s: string) => `2024-03-${s}+08:00`;

const OFFSET_INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})$/;
/** Instants compared as instants: `2024-03-05T11:00:00+08:00` and `2024-03-05T03:00:00.000Z` are one. */
function canonical(value: unknown): unknown {
  if (typeof value === 'string' && OFFSET_INSTANT.test(value)) return toInstant(value);
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  return value;
}

/** The ops a module answers (its input is `{ op, … }`), or `[]` for a single-entry module. */
function opsOf(m: AnyModule): string[] {
  const s = m.schemas.input as unknown as { options?: { shape: { op: { value: string } } }[] };
  return s.options ? s.options.map((o) => o.shape.op.value) : [];
}

// ----- every scenario file, evaluated through its module, equals what the entry point computes -----

const root = fileURLToPath(new URL('../scenarios', import.meta.url));
const files = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(root, d.name)).map((f) => join(d.name, f)))
  .filter((f) => f.endsWith('.scenario.json'))
  .sort();

// Scenario inputs are JSON; each entry point validates its own input at run time (ZhiduError on
// mismatch), so handing the JSON over under the parameter's static type is safe.
function arg<T>(value: unknown): T {
  return value as T;
}
type Entry = (input: Json, policy: ServicePolicy, ctx: EvalContext) => Decision<unknown>;

/** A rotation driven step by step through the entry points (`newRotation`, `setDeskStatus`, `assignWalkIn`). */
function walkIns(input: Json, policy: ServicePolicy): Decision<unknown> {
  let state = newRotation(arg<string[]>(input.order));
  const receivers: (string | null)[] = [];
  const trace = [];
  for (const event of arg<Json[]>(input.events)) {
    if (event.type === 'status') {
      state = setDeskStatus(state, arg<Parameters<typeof setDeskStatus>[1]>(event.status));
      continue;
    }
    const { type: _type, ...walkIn } = event;
    const r = assignWalkIn(state, arg<WalkIn>(walkIn), policy);
    receivers.push(r.value.receiver);
    trace.push(...r.trace);
    state = r.value.state;
  }
  return { value: { receivers, makeUp: state.makeUp }, trace };
}

/** The argument name a module input gives to the entry point's one object, for ops that take one. */
const WHOLE: Record<string, string> = {
  planReception: 'request',
  receptionLevel: 'customer',
  advanceConsultation: 'consultation',
  allowedRevisitModes: 'revisit',
  checkPreApproval: 'visit',
  classifyAgent: 'facts',
  estateCampaignCheck: 'campaign',
  monthlyCost: 'cost',
  partnerVisitDuties: 'partner',
  validateLead: 'lead',
  validateReturnVisit: 'visit',
  visitorRisk: 'visitor',
  firstRevisitTriggered: 'estate',
};
const whole = (op: string, i: Json): Json => i[WHOLE[op] as string] as Json;

/** The entry point each scenario's module op wraps, called with the module input's arguments. */
const ENTRY: Record<string, Entry> = {
  planReception: (i, p, c) => planReception(arg(whole('planReception', i)), p, c),
  receptionLevel: (i, p) => receptionLevel(arg(whole('receptionLevel', i)), p),
  isVenueAllowed: (i, p) => isClassVenueAllowed(arg(i.class), arg(i.venue), p),
  classifyGuest: (i, p) => classifyGuest(arg(i.flags), p),
  checkRevisitPlan: (i, p) => revisitPlanCheck(arg(i.plan), arg(i.triggers), p),
  answerByOpenLetter: (i, p) => answerByOpenLetter(arg(i.letter), p),
  responsibleRoles: (i, p) => responsibleRoles(arg(i.task), p),
  walkIns: (i, p) => walkIns(i, p),
  supervisorCheckDue: (i, p) => supervisorCheckDue(arg(i.lastCheck), p),
  checkRecord: (i, p) => recordCheck(arg(i.key), arg(i.record), p),
  computeReferralPoints: (i, p) => referralPoints(arg(i.referrals), arg(i.sales), p),
  repeatPurchaseDiscount: (i, p) => repeatPurchaseDiscount(arg(i.completedPurchases), p),
  validateLead: (i, p) => validateLead(arg(whole('validateLead', i)), p),
  referredProspect: (i, p) => referredProspect(arg(i.prospect), p),
  classifyAgent: (i, p) => classifyAgent(arg(whole('classifyAgent', i)), p),
  agentHandling: (i, p) => agentHandling(arg(i.type), arg(i.hasClient), p),
  scheduleFollowUps: (i, p, c) => scheduleFollowUps(arg(i.triggers), p, c),
  measureProgramme: (i, p, c) => {
    const { op: _op, options, ...programme } = i;
    return measureProgramme(arg(programme), p, c, arg(options) ?? {});
  },
  checkFrequency: (i, p, c) => frequencyCheck(arg(i.key), arg(i.activities), arg(i.range), p, c),
  nextDueDate: (i, p) => nextDueDate(arg(i.key), arg(i.last), p, arg(i.grade)),
  cadenceSchedule: (i, p) => cadenceSchedule(arg(i.key), arg(i.anchor), arg(i.until), p),
  allowedRevisitModes: (i, p) => allowedRevisitModes(arg(whole('allowedRevisitModes', i)), p),
  validateReturnVisit: (i, p) => validateReturnVisit(arg(whole('validateReturnVisit', i)), p),
  firstRevisitTriggered: (i, p) => firstRevisitTriggered(arg(whole('firstRevisitTriggered', i)), p),
  estateCampaignCheck: (i, p) => estateCampaignCheck(arg(whole('estateCampaignCheck', i)), p),
  prioritiseVisits: (i, p) =>
    prioritiseVisits(arg<{ id: string; lastFeedbackAt?: string }[]>(i.customers), p),
  dissatisfactionFollowUp: (i, p) => dissatisfactionFollowUp(arg(i.responses), p),
  visitQuotaStatus: (i, p) => visitQuotaStatus(arg(i.position), arg(i.actualVisits), p),
  checkPreApproval: (i, p) => preApprovalCheck(arg(whole('checkPreApproval', i)), p),
  pruneVisitPlan: (i, p) => pruneVisitPlan(arg(i.plan), arg(i.visits), p),
  partnerVisitDuties: (i, p) => partnerVisitDuties(arg(whole('partnerVisitDuties', i)), p),
  greetingsDue: (i, p) => greetingsDue(arg(i.date), arg(i.customers), arg(i.holidays) ?? [], p),
  paymentRemindersDue: (i, p) => paymentRemindersDue(arg(i.today), arg(i.instalments), p),
  measureKpi: (i, p) => measureKpi(arg(i.key), arg(i.items), p),
  surveyFollowUp: (i, p) => surveyFollowUp(arg(i.scores), p),
  monthlyCost: (i) => monthlyCost(arg(whole('monthlyCost', i))),
  visitorRisk: (i, p) => visitorRisk(arg(whole('visitorRisk', i)), p),
  bookViewing: (i, p) => bookViewing(arg(i.existing), arg(i.request), p),
  dutyLogCompleteness: (i, p) => dutyLogCompleteness(arg(i.log), arg(i.form), p),
  advanceConsultation: (i, p) => advanceConsultation(arg(whole('advanceConsultation', i)), p),
  periodicDuties: (i, p, c) => periodicDuties(arg(i), p, c),
  sampleFollowUps: (i, p, c) => sampleFollowUps(arg(i), p, c),
};

/** The entry point of a scenario: by its `op`, or by its module for the single-entry ones. */
function entryOf(module: string, input: Json): Entry {
  const name =
    module === 'service.frequency'
      ? 'checkFrequency'
      : module === 'service.records'
        ? 'checkRecord'
        : module === 'service.periodic'
          ? 'periodicDuties'
          : module === 'service.sampling'
            ? 'sampleFollowUps'
            : input.op;
  const entry = ENTRY[String(name)];
  if (!entry) throw new Error(`no entry point for ${module} ${String(input.op)}`);
  return entry;
}

/** The policy of a scenario: its preset, patched as the one scenario format patches. */
function scenarioPolicyOf(m: AnyModule, s: { preset: string; policyPatch?: Json | Json[] }): unknown {
  const base = JSON.parse(JSON.stringify(m.preset(s.preset)));
  if (s.policyPatch === undefined) return base;
  return Array.isArray(s.policyPatch) ? jsonPatch(base, arg(s.policyPatch)) : mergePatch(base, s.policyPatch);
}

describe('service modules: behaviour preserved', () => {
  it('finds the scenario files (*.scenario.json, one directory per preset)', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s: the module computes what the entry point computes', (file) => {
    // The one scenario format: module, kebab-case preset, policyPatch, context, the module's input.
    const s = JSON.parse(readFileSync(join(root, file), 'utf8')) as {
      module: string;
      preset: string;
      policyPatch?: Json | Json[];
      context: { now: string; calendar?: 'prc' | 'weekdays'; seed?: number };
      input: Json;
    };
    const module = modules.find((m) => m.id === s.module);
    if (!module) throw new Error(`no module ${s.module}`);
    const policy = scenarioPolicyOf(module, s);
    // A fresh context per call: a seeded rng is consumed by the draw it makes.
    const context = () =>
      makeContext({
        now: s.context.now,
        calendar: s.context.calendar === 'weekdays' ? weekdayCalendar() : china,
        ...(s.context.seed === undefined ? {} : { seed: s.context.seed }),
      });
    const ctx = context();
    const direct = entryOf(s.module, s.input)(s.input, defineServicePolicy(policy), context());
    const d = module.evaluate(s.input as never, policy, ctx);
    const result = d.value.result as Json;
    if (s.input.op === 'walkIns') {
      expect({ receivers: result.receivers, makeUp: result.makeUp }).toEqual(direct.value);
    } else {
      // A module's input is parsed, so instants it hands back come out canonical (UTC ISO).
      expect(canonical(result)).toEqual(canonical(direct.value));
    }
    // Violations the entry point carried are lifted beside the result, never dropped.
    const carried = (direct.value as { violations?: unknown[] } | null)?.violations ?? [];
    if (s.input.op !== 'walkIns') expect(d.value.violations).toEqual(carried);
    expect(d.trace.map((t) => t.rule)).toEqual(expect.arrayContaining(direct.trace.map((t) => t.rule)));
    expect(d.provenance.module).toBe(module.id);
    expect(d.provenance.policy.hash).toBe(module.compile(policy).hash);
  });

  it('planReception through service.reception: the overspend violation is in the result, provenance names the module and policy', () => {
    const request = {
      class: 'D' as const,
      guests: 12,
      spend: 190000,
      hostId: 'h1',
      occurredAt: '2024-03-01T12:00:00+08:00',
    };
    const ctx = makeContext({ now: '2024-03-01T18:00:00+08:00', calendar: china });
    const direct = planReception(request, s000ReceptionPolicy, ctx);
    const d = serviceReception.evaluate(
      { op: 'planReception', request },
      serviceReception.preset('s000-reception'),
      ctx,
    );
    expect(d.value.result).toEqual(direct.value);
    expect(d.value.violations.map((v) => [v.code, v.personId])).toEqual([
      ['service.reception.overspend', 'h1'],
    ]);
    expect(d.value.violations).toEqual(direct.value.violations);
    expect(d.provenance.module).toBe('service.reception');
    expect(d.provenance.policy).toEqual({
      id: 's000.reception',
      version: '1',
      hash: serviceReception.compile(serviceReception.preset('s000-reception')).hash,
    });
    expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('measureProgramme through service.followup (README example): the late revisit is a violation of the result', () => {
    const input = {
      triggers: [
        { id: 'k1', type: 'complaintHandled', at: at('08T10:00:00'), personId: 'pa1', level: 'important' },
        { id: 'k2', type: 'complaintHandled', at: at('08T11:00:00'), personId: 'pa2' },
      ],
      completions: [
        { triggerId: 'k1', action: 'revisit', at: at('10T15:00:00') },
        { triggerId: 'k2', action: 'revisit', at: at('12T15:00:00') },
      ],
    };
    const ctx = makeContext({ now: '2024-04-01T09:00:00+08:00', calendar: china });
    const direct = measureProgramme(input, s000bPropertyRevisitPolicy, ctx);
    const d = serviceFollowUp.evaluate(
      { op: 'measureProgramme', ...input },
      serviceFollowUp.preset('s000b-property-revisit'),
      ctx,
    );
    expect(d.value.result).toEqual(direct.value);
    expect(d.value.violations.map((v) => [v.code, v.personId, v.lateBy?.units])).toEqual([
      ['service.complaintRevisit.late', 'pa2', 1],
    ]);
    expect(d.provenance.module).toBe('service.followup');
  });

  it('a PolicyHistory is judged under the version in force at ctx.now, and the trace names it', () => {
    const v1 = serviceReception.preset('s000-reception');
    const v2 = serviceReception.policy({
      ...JSON.parse(JSON.stringify(v1)),
      version: '2',
      effectiveFrom: '2024-06-01',
      params: {
        ...JSON.parse(JSON.stringify(v1.params)),
        reception: {
          ...JSON.parse(JSON.stringify(v1.params.reception)),
          classes: (v1.params.reception?.classes ?? []).map((c) =>
            c.class === 'D' ? { ...c, budgetPerPerson: 20000 } : c,
          ),
        },
      },
    });
    const history = new PolicyHistory(ServiceParamsSchema, [v1, v2]);
    const input = {
      op: 'planReception' as const,
      request: { class: 'D' as const, guests: 12, spend: 190000 },
    };
    const before = serviceReception.evaluate(input, history, { now: '2024-03-01T12:00:00+08:00' });
    const after = serviceReception.evaluate(input, history, { now: '2024-07-01T12:00:00+08:00' });
    const cap = (d: typeof before) => (d.value.result as { budget?: { cap: number } }).budget?.cap;
    expect([cap(before), cap(after)]).toEqual([180000, 240000]);
    expect(after.trace[0]?.rule).toBe('zhidu.policy.version');
    expect(after.provenance.policy.version).toBe('2');
  });

  it('property (seeded): planReception through the module equals the entry point for any class, party size and spend', () => {
    const policy = serviceReception.preset('s000-reception');
    fc.assert(
      fc.property(
        fc.constantFrom('A' as const, 'B' as const, 'C' as const, 'D' as const),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (cls, guests, spend) => {
          const request = { class: cls, guests, spend, hostId: 'h' };
          const ctx = makeContext({ now: '2024-03-01T12:00:00+08:00' });
          const d = serviceReception.evaluate({ op: 'planReception', request }, policy, ctx);
          const direct = planReception(request, s000ReceptionPolicy, ctx);
          expect(d.value.result).toEqual(direct.value);
          expect(d.value.violations).toEqual(direct.value.violations);
        },
      ),
      { seed: 20241204, numRuns: 60 },
    );
  });
});

// ----- strict at the boundary -----

describe('service modules: strict at the boundary', () => {
  const json = (): Json => JSON.parse(JSON.stringify(serviceReception.preset('s000-reception')));
  const request = { class: 'D' as const, guests: 12, spend: 190000 };
  const ctx = { now: '2024-03-01T12:00:00+08:00' };

  it('refuses a misspelt policy section with unknown_key and the section meant (params.recepton)', () => {
    const p = json();
    const bad = { ...p, params: { recepton: (p.params as Json).reception } };
    expect(() => serviceReception.evaluate({ op: 'planReception', request }, bad, ctx)).toThrow(
      expect.objectContaining({
        code: 'unknown_key',
        path: ['policy', 'params', 'recepton'],
        message: expect.stringContaining('did you mean `policy.params.reception`?'),
      }),
    );
  });

  it('refuses a misspelt nested policy key (a follow-up rule targetPercnt) and a top-level efectiveTo', () => {
    const p = JSON.parse(JSON.stringify(serviceFollowUp.preset('s000b-property-revisit'))) as Json;
    const rules = (p.params as { followUps: Json[] }).followUps;
    const { targetPercent, ...rest } = rules[0] as Json;
    rules[0] = { ...rest, targetPercnt: targetPercent };
    expect(() => serviceFollowUp.policy(p)).toThrow(
      expect.objectContaining({
        code: 'unknown_key',
        path: ['policy', 'params', 'followUps', 0, 'targetPercnt'],
        message: expect.stringContaining('did you mean `policy.params.followUps[0].targetPercent`?'),
      }),
    );
    expect(() => serviceReception.policy({ ...json(), efectiveTo: '2030-01-01' })).toThrow(
      expect.objectContaining({ code: 'unknown_key', path: ['policy', 'efectiveTo'] }),
    );
  });

  it('refuses a misspelt input key with the key meant, through the module and the old entry point', () => {
    const typo = { clas: 'D', guests: 12 };
    expect(() =>
      serviceReception.evaluate({ op: 'planReception', request: typo } as never, json(), ctx),
    ).toThrow(
      expect.objectContaining({
        code: 'unknown_key',
        path: ['input', 'request', 'clas'],
        message: expect.stringContaining('did you mean `input.request.class`?'),
      }),
    );
    expect(() => planReception(typo as never, s000ReceptionPolicy)).toThrow(
      expect.objectContaining({ code: 'unknown_key', path: ['request', 'clas'] }),
    );
  });

  it('refuses an unknown op naming the ops there are', () => {
    expect(() => serviceReception.evaluate({ op: 'planReceptoin', request } as never, json(), ctx)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'op'] }),
    );
  });

  it('refuses an unvalidated raw policy with a wrong type with a ZhiduError, never a TypeError (module and old entry point)', () => {
    const p = json();
    const bad = {
      ...p,
      params: { reception: { ...(p.params as { reception: Json }).reception, classes: 'A-D' } },
    };
    const viaModule = () => serviceReception.evaluate({ op: 'planReception', request }, bad, ctx);
    expect(viaModule).toThrow(ZhiduError);
    expect(viaModule).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['policy', 'params', 'reception', 'classes'] }),
    );
    const viaEntryPoint = () => planReception(request, bad as never);
    expect(viaEntryPoint).toThrow(ZhiduError);
    expect(viaEntryPoint).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['policy', 'params', 'reception', 'classes'] }),
    );
    expect(() => planReception(request, {} as never)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['policy', 'id'] }),
    );
    // A raw, valid policy (JSON that never went through defineServicePolicy) is validated and used.
    expect(planReception(request, json() as never).value).toEqual(
      planReception(request, s000ReceptionPolicy).value,
    );
  });

  it('keeps a company’s own fields in attrs and refuses any other unknown key on a vacancy', () => {
    const policy = serviceLeasing.policy({
      ...JSON.parse(JSON.stringify(serviceLeasing.preset('s004-leasing'))),
      params: {
        ...JSON.parse(JSON.stringify(serviceLeasing.preset('s004-leasing').params)),
        leasing: {
          ...JSON.parse(JSON.stringify(serviceLeasing.preset('s004-leasing').params.leasing)),
          areaTolerancePercent: 10,
        },
      },
    });
    const vacancies = [
      { id: 'u1', areaSqm: 290, attrs: { floor: 12, view: 'river', corner: true } },
      { id: 'u2', areaSqm: 500 },
    ];
    const d = serviceLeasing.evaluate(
      { op: 'recommendVacancies', requestedAreaSqm: 300, vacancies },
      policy,
      ctx,
    );
    expect(d.value.result).toEqual([
      { id: 'u1', areaSqm: 290, attrs: { floor: 12, view: 'river', corner: true } },
    ]);
    expect(() =>
      recommendVacancies(300, [{ id: 'u1', areaSqm: 290, floor: 12 } as never], policy as never),
    ).toThrow(expect.objectContaining({ code: 'unknown_key', path: ['vacancies', 0, 'floor'] }));
  });
});

// ----- events: unknown types refused, the ordering rule -----

describe('service modules: events', () => {
  const rotation = serviceRotation.preset('s001-sales-office');
  const followUp = serviceFollowUp.preset('s000b-property-revisit');
  const ctx = makeContext({ now: '2024-04-01T09:00:00+08:00', calendar: china });

  it('refuses an unknown rotation event type instead of ignoring it', () => {
    expect(() =>
      serviceRotation.evaluate(
        {
          op: 'walkIns',
          order: ['A', 'B'],
          events: [{ type: 'walkin', kind: 'newWalkIn', at: at('01T09:00:00') }],
        } as never,
        rotation,
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['input', 'events', 0, 'type'] }));
  });

  it('refuses a trigger type or completion action that no follow-up rule names, suggesting the one meant', () => {
    const trigger = { id: 'k1', type: 'complaintHandeld', at: at('08T10:00:00'), personId: 'pa1' };
    expect(() =>
      serviceFollowUp.evaluate({ op: 'scheduleFollowUps', triggers: [trigger] }, followUp, ctx),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        path: ['input', 'triggers', 0, 'type'],
        message: expect.stringContaining('did you mean `complaintHandled`?'),
      }),
    );
    expect(() =>
      serviceFollowUp.evaluate(
        {
          op: 'measureProgramme',
          triggers: [{ ...trigger, type: 'complaintHandled' }],
          completions: [{ triggerId: 'k1', action: 'revist', at: at('09T10:00:00') }],
        },
        followUp,
        ctx,
      ),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['input', 'completions', 0, 'action'] }),
    );
  });

  it('refuses rotation events out of time order (one desk is one subject)', () => {
    expect(() =>
      serviceRotation.evaluate(
        {
          op: 'walkIns',
          order: ['A', 'B'],
          events: [
            { type: 'walkIn', kind: 'newWalkIn', at: at('01T10:00:00') },
            { type: 'walkIn', kind: 'newWalkIn', at: at('01T09:00:00') },
          ],
        },
        rotation,
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'out_of_order', path: ['input', 'events', 1, 'at'] }));
  });

  it('refuses follow-up triggers out of order within a subject and completions out of order within a trigger; interleaving between subjects is accepted', () => {
    const t = (id: string, subjectId: string, time: string) => ({
      id,
      type: 'complaintHandled',
      at: at(time),
      subjectId,
      personId: 'pa1',
    });
    expect(() =>
      serviceFollowUp.evaluate(
        { op: 'scheduleFollowUps', triggers: [t('k1', 'c1', '08T10:00:00'), t('k2', 'c1', '07T10:00:00')] },
        followUp,
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'out_of_order', path: ['input', 'triggers', 1, 'at'] }));
    const interleaved = [
      t('k1', 'c1', '08T10:00:00'),
      t('k2', 'c2', '07T10:00:00'),
      t('k3', 'c1', '09T10:00:00'),
    ];
    const d = serviceFollowUp.evaluate({ op: 'scheduleFollowUps', triggers: interleaved }, followUp, ctx);
    expect((d.value.result as { triggerId: string }[]).map((x) => x.triggerId).sort()).toEqual([
      'k1',
      'k2',
      'k3',
    ]);
    expect(() =>
      serviceFollowUp.evaluate(
        {
          op: 'measureProgramme',
          triggers: [t('k1', 'c1', '08T10:00:00')],
          completions: [
            { triggerId: 'k1', action: 'revisit', at: at('10T10:00:00') },
            { triggerId: 'k1', action: 'revisit', at: at('09T10:00:00') },
          ],
        },
        followUp,
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'out_of_order', path: ['input', 'completions', 1, 'at'] }));
  });

  it('property (seeded): any interleaving of two customers’ in-order triggers is accepted and yields the same tasks', () => {
    const times = ['08T09:00:00', '08T10:00:00', '09T10:00:00', '11T08:00:00'];
    const mk = (subject: string, n: number) => ({
      id: `${subject}-${n}`,
      type: 'complaintHandled',
      at: at(times[n] as string),
      subjectId: subject,
      personId: 'pa1',
    });
    const a = times.map((_, n) => mk('a', n));
    const b = times.map((_, n) => mk('b', n));
    const key = (r: unknown) =>
      (r as { triggerId: string; due: unknown }[]).map((x) => JSON.stringify([x.triggerId, x.due])).sort();
    const reference = key(
      serviceFollowUp.evaluate({ op: 'scheduleFollowUps', triggers: [...a, ...b] }, followUp, ctx).value
        .result,
    );
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (picks) => {
        const qa = [...a];
        const qb = [...b];
        const merged = picks.map((p) => ((p && qa.length) || !qb.length ? qa.shift() : qb.shift()));
        const d = serviceFollowUp.evaluate(
          { op: 'scheduleFollowUps', triggers: merged as typeof a },
          followUp,
          ctx,
        );
        expect(key(d.value.result)).toEqual(reference);
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('a module that counts working days refuses a context without a calendar (followup, frequency)', () => {
    expect(() =>
      serviceFollowUp.evaluate({ op: 'scheduleFollowUps', triggers: [] }, followUp, {
        now: '2024-04-01T09:00:00+08:00',
      }),
    ).toThrow(expect.objectContaining({ code: 'calendar_required', path: ['ctx', 'calendar'] }));
    const freq = serviceFrequency.preset(serviceFrequency.presetNames[0] as string);
    const key = (freq.params.frequencies?.[0]?.key ?? 'x') as string;
    expect(() =>
      serviceFrequency.evaluate(
        { key, activities: [], range: { from: '2024-03-01', to: '2024-03-31' } },
        freq,
        { now: '2024-04-01T09:00:00+08:00' },
      ),
    ).toThrow(expect.objectContaining({ code: 'calendar_required' }));
    // Modules that count no working days take the context as it is.
    expect(serviceCadence.needsCalendar).toBe(false);
  });
});

// ----- the contract as a whole -----

describe('serviceModules', () => {
  it('ids are service.<name>, unique; every preset name is kebab-case and validates', () => {
    const ids = serviceModules.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of serviceModules) {
      expect(m.id).toMatch(/^service\.[a-z]+$/);
      expect(m.presetNames.length).toBeGreaterThan(0);
      for (const name of m.presetNames) {
        expect(name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(m.preset(name).params).toBeDefined();
      }
      expect(m.jsonSchema.input).toHaveProperty('$schema', 'https://json-schema.org/draft/2020-12/schema');
    }
    expect(ids).toEqual([
      'service.reception',
      'service.rotation',
      'service.leasing',
      'service.referral',
      'service.followup',
      'service.frequency',
      'service.cadence',
      'service.revisit',
      'service.sales',
      'service.care',
      'service.kpi',
      'service.records',
      'service.periodic',
      'service.sampling',
    ]);
  });

  it('every exported function that takes a policy is backed by a module op', () => {
    // Helpers that validate or read a policy rather than decide anything.
    const helpers = new Set([
      'defineServicePolicy',
      'servicePolicy',
      'paramsOf',
      'rulesFor',
      'requireSection',
    ]);
    const takesPolicy = Object.entries(service)
      .filter(([, v]) => typeof v === 'function')
      .filter(([name, fn]) => {
        const params = /^[^(]*\(([^)]*)\)/.exec(String(fn))?.[1] ?? '';
        return /\bpolicy\b/.test(params) && !helpers.has(name) && !/^[A-Z]/.test(name);
      })
      .map(([name]) => name)
      .sort();
    const backed = new Set([
      ...modules.flatMap((m) => opsOf(m)),
      'checkFrequency',
      'checkRecord',
      'assignWalkIn',
      // service.reception's op isVenueAllowed calls it (the op keeps its name).
      'isClassVenueAllowed',
    ]);
    expect(takesPolicy.length).toBeGreaterThan(55);
    expect(takesPolicy.filter((n) => !backed.has(n))).toEqual([]);
  });
});

describe('service modules: the TSDoc examples hold', () => {
  const now = { now: '2024-03-01T10:00:00+08:00' };
  type R = { value: { result: unknown } };
  const result = (d: R) => d.value.result as never as Record<string, unknown> & unknown[];

  it('reception, rotation, leasing, referral', () => {
    const d = serviceReception.evaluate(
      {
        op: 'planReception',
        request: {
          class: 'D',
          guests: 12,
          spend: 190000,
          hostId: 'h1',
          occurredAt: '2024-03-01T12:00:00+08:00',
        },
      },
      serviceReception.preset('s000-reception'),
      { now: '2024-03-01T12:00:00+08:00' },
    );
    expect((result(d).budget as { cap: number }).cap).toBe(180000);
    expect(d.value.violations.map((v) => v.code)).toEqual(['service.reception.overspend']);
    const r = serviceRotation.evaluate(
      {
        op: 'walkIns',
        order: ['A', 'B', 'C'],
        events: [
          { type: 'status', at: '2024-03-01T09:00:00+08:00', status: { B: 'outOnBusiness' } },
          { type: 'walkIn', kind: 'newWalkIn', at: '2024-03-01T09:10:00+08:00' },
          { type: 'walkIn', kind: 'newWalkIn', at: '2024-03-01T09:20:00+08:00' },
        ],
      },
      serviceRotation.preset('s001-sales-office'),
      { now: '2024-03-01T18:00:00+08:00' },
    );
    expect(result(r).receivers).toEqual(['A', 'C']);
    expect(
      serviceLeasing.evaluate(
        { op: 'visitorRisk', visitor: { cardGiven: false, phoneGiven: false } },
        serviceLeasing.preset('s004-leasing'),
        now,
      ).value.result,
    ).toBe('anonymous');
    expect(
      service.serviceReferral.evaluate(
        { op: 'classifyAgent', facts: { firstVisit: true, suspectedMarketResearch: true } },
        service.serviceReferral.preset('s004-leasing'),
        now,
      ).value.result,
    ).toBe(3);
  });

  it('frequency, cadence, revisit, sales, care, kpi, records', () => {
    const f = serviceFrequency.evaluate(
      {
        key: 'disinfection',
        activities: [{ activity: 'disinfection', at: '2024-03-05T10:00:00+08:00' }],
        range: { from: '2024-03-01', to: '2024-04-30' },
      },
      serviceFrequency.preset('s000-property-centre'),
      { now: '2024-05-01T00:00:00+08:00', calendar: china },
    );
    expect(f.value.result.map((x) => [x.period, x.count, x.met])).toEqual([
      ['2024-03', 1, false],
      ['2024-04', 0, false],
    ]);
    expect(
      serviceCadence.evaluate(
        { op: 'nextDueDate', key: 'creditReport', last: '2024-01-10', grade: 'B' },
        serviceCadence.preset('s001-credit-management'),
        now,
      ).value.result,
    ).toBe('2024-04-10');
    expect(
      service.serviceRevisit.evaluate(
        {
          op: 'validateReturnVisit',
          visit: { type: 'SPECIAL', isMajorCustomer: false, assigneeRole: 'salesperson' },
        },
        service.serviceRevisit.preset('s001b-return-visit'),
        now,
      ).value.result,
    ).toEqual(['SPECIAL_VISIT_REQUIRES_MAJOR_CUSTOMER', 'ASSIGNEE_MUST_BE_CS_SPECIALIST']);
    const s = service.serviceSales.evaluate(
      {
        op: 'appraisalInputs',
        appraisal: {
          reportStatuses: ['done', 'doneLate'],
          commitments: ['OPEN', 'CLOSED'],
          planStatuses: ['done'],
        },
      },
      service.serviceSales.preset('s001b-sales-visit'),
      now,
    );
    expect(result(s).reportsOnTime).toBe(1);
    expect(
      service.serviceCare.evaluate(
        { op: 'promotionNotifications', promotionId: 'p1', customerIds: ['c1'] },
        service.serviceCare.preset('s000b-relationship'),
        now,
      ).value.result,
    ).toEqual([{ promotionId: 'p1', customerId: 'c1' }]);
    expect(
      service.serviceKpi.evaluate(
        { op: 'countByCategory', items: [{ category: 'noise' }, { category: 'noise' }] },
        service.serviceKpi.preset('s000-customer-info'),
        now,
      ).value.result,
    ).toEqual({ noise: 2 });
    expect(
      serviceRecords.evaluate(
        { key: 'repairIntake', record: { customerName: 'Wang', contact: '138' } },
        serviceRecords.preset('s001b-gps-service'),
        now,
      ).value.result.complete,
    ).toBe(false);
  });
});
