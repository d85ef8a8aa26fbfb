import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  type Decision,
  type EvalContext,
  makeContext,
  parseInput,
  weekdayCalendar,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { cadenceSchedule, nextDueDate } from './followup/cadence.js';
import { greetingsDue, paymentRemindersDue } from './followup/care.js';
import { dissatisfactionFollowUp, estateCampaignCheck, firstRevisitTriggered } from './followup/estate.js';
import { checkFrequency } from './followup/frequency.js';
import { measureProgramme } from './followup/measure.js';
import { scheduleFollowUps } from './followup/programme.js';
import { partnerVisitDuties } from './followup/relationship.js';
import { allowedRevisitModes, prioritiseVisits, validateReturnVisit } from './followup/revisit.js';
import { checkPreApproval, pruneVisitPlan, visitQuotaStatus } from './followup/sales.js';
import { measureKpi, surveyFollowUp } from './kpi/kpi.js';
import { defineServicePolicy, type ServicePolicy } from './policy.js';
import * as presets from './presets/index.js';
import { isClassVenueAllowed, receptionLevel, responsibleRoles } from './reception/conduct.js';
import { advanceConsultation, bookViewing, dutyLogCompleteness } from './reception/desk.js';
import { monthlyCost, visitorRisk } from './reception/leasing.js';
import { planReception } from './reception/plan.js';
import { assignWalkIn, newRotation, setDeskStatus, type WalkIn } from './reception/rotation.js';
import { checkRecord } from './records/checklist.js';
import { agentHandling, classifyAgent, referredProspect, validateLead } from './referral/leads.js';
import { computeReferralPoints } from './referral/points.js';

/** Every preset of this package by policy id (e.g. `s000.reception`). */
export const servicePresets: Readonly<Record<string, ServicePolicy>> = Object.freeze(
  Object.fromEntries(Object.values(presets).map((p) => [p.id, p])),
);

/** A scenario file: a preset (optionally patched), an operation, its input and the expected value. */
export const ScenarioSchema = z.strictObject({
  name: z.string().min(1),
  rules: z.array(z.string().min(1)).min(1),
  preset: z.string().min(1),
  /** Sections of params to replace (shallow, per section) before running. */
  paramsPatch: z.record(z.string(), z.unknown()).optional(),
  now: z.string().optional(),
  calendar: z.enum(['china', 'weekdays']).optional(),
  op: z.string().min(1),
  input: z.unknown(),
  expected: z.unknown(),
});
/** A scenario. */
export type Scenario = z.output<typeof ScenarioSchema>;

type Json = Record<string, unknown>;
type Op = (input: Json, policy: ServicePolicy, ctx: EvalContext) => Decision<unknown>;

// Scenario inputs are JSON; each operation validates its own input at run time (ZhiduError on
// mismatch), so handing the JSON over under the parameter's static type is safe.
function arg<T>(value: unknown): T {
  return value as T;
}

function walkIns(input: Json, policy: ServicePolicy): Decision<unknown> {
  let state = newRotation(arg<string[]>(input.order));
  const receivers: (string | null)[] = [];
  const trace = [];
  for (const step of arg<Json[]>(input.steps)) {
    if (step.status) state = setDeskStatus(state, arg<Parameters<typeof setDeskStatus>[1]>(step.status));
    if (!step.kind) continue;
    const r = assignWalkIn(state, arg<WalkIn>(step), policy);
    receivers.push(r.value.receiver);
    trace.push(...r.trace);
    state = r.value.state;
  }
  return { value: { receivers, makeUp: state.makeUp }, trace };
}

const OPS: Record<string, Op> = {
  planReception: (i, p, c) => planReception(arg(i), p, c),
  receptionLevel: (i, p) => receptionLevel(arg(i), p),
  isVenueAllowed: (i, p) => isClassVenueAllowed(arg(i.class), arg(i.venue), p),
  responsibleRoles: (i, p) => responsibleRoles(arg(i.task), p),
  walkIns: (i, p) => walkIns(arg(i), p),
  checkRecord: (i, p) => checkRecord(arg(i.key), arg(i.record), p),
  computeReferralPoints: (i, p) => computeReferralPoints(arg(i.referrals), arg(i.sales), p),
  validateLead: (i, p) => validateLead(arg(i), p),
  referredProspect: (i, p) => referredProspect(arg(i), p),
  classifyAgent: (i, p) => classifyAgent(arg(i), p),
  agentHandling: (i, p) => agentHandling(arg(i.type), arg(i.hasClient), p),
  scheduleFollowUps: (i, p, c) => scheduleFollowUps(arg(i.triggers), p, c),
  measureProgramme: (i, p, c) => measureProgramme(arg(i), p, c, arg(i.options) ?? {}),
  checkFrequency: (i, p, c) => checkFrequency(arg(i.key), arg(i.activities), arg(i.range), p, c),
  nextDueDate: (i, p) => nextDueDate(arg(i.key), arg(i.last), p, arg(i.grade)),
  cadenceSchedule: (i, p) => cadenceSchedule(arg(i.key), arg(i.anchor), arg(i.until), p),
  allowedRevisitModes: (i, p) => allowedRevisitModes(arg(i), p),
  validateReturnVisit: (i, p) => validateReturnVisit(arg(i), p),
  firstRevisitTriggered: (i, p) => firstRevisitTriggered(arg(i), p),
  estateCampaignCheck: (i, p) => estateCampaignCheck(arg(i), p),
  prioritiseVisits: (i, p) =>
    prioritiseVisits(arg<{ id: string; lastFeedbackAt?: string }[]>(i.customers), p),
  dissatisfactionFollowUp: (i, p) => dissatisfactionFollowUp(arg(i.responses), p),
  visitQuotaStatus: (i, p) => visitQuotaStatus(arg(i.position), arg(i.actual), p),
  checkPreApproval: (i, p) => checkPreApproval(arg(i), p),
  pruneVisitPlan: (i, p) => pruneVisitPlan(arg(i.plan), arg(i.visits), p),
  partnerVisitDuties: (i, p) => partnerVisitDuties(arg(i), p),
  greetingsDue: (i, p) => greetingsDue(arg(i.date), arg(i.customers), arg(i.holidays) ?? [], p),
  paymentRemindersDue: (i, p) => paymentRemindersDue(arg(i.today), arg(i.instalments), p),
  measureKpi: (i, p) => measureKpi(arg(i.key), arg(i.items), p),
  surveyFollowUp: (i, p) => surveyFollowUp(arg(i.scores), p),
  monthlyCost: (i) => monthlyCost(arg(i)),
  visitorRisk: (i, p) => visitorRisk(arg(i), p),
  bookViewing: (i, p) => bookViewing(arg(i.existing), arg(i.request), p),
  dutyLogCompleteness: (i, p) => dutyLogCompleteness(arg(i.log), arg(i.form), p),
  advanceConsultation: (i, p) => advanceConsultation(arg(i), p),
};

/**
 * Runs one scenario: looks up the preset, applies the params patch, builds the context and calls
 * the operation. The caller compares `value` with `scenario.expected`.
 *
 * @param input - a scenario (JSON)
 * @returns the operation's decision
 * @throws ZhiduError `unknown_reference` for an unknown preset or operation
 * @example
 * const d = runScenario({
 *   name: 'Class D: 12 guests spend ¥1,900 against a cap of ¥1,800',
 *   rules: ['S000-RECEPTION-02'],
 *   preset: 's000.reception',
 *   op: 'planReception',
 *   input: { class: 'D', guests: 12, spend: 190000, hostId: 'p7', occurredAt: '2024-03-05T20:00:00+08:00' },
 *   expected: { spend: { over: true, overBy: 10000 } },
 * });
 * (d.value as { spend: { over: boolean; overBy: number } }).spend.overBy; //=> 10000 (¥100 over the cap)
 * runScenario({ name: 'x', rules: ['S000-RECEPTION-02'], preset: 's000.nowhere', op: 'planReception', input: {}, expected: {} }); // throws ZhiduError unknown_reference
 */
export function runScenario(input: unknown): Decision<unknown> {
  const s = parseInput(ScenarioSchema, input, ['scenario']);
  const base = servicePresets[s.preset];
  if (!base) throw new ZhiduError('unknown_reference', ['scenario', 'preset'], `no preset "${s.preset}"`);
  const policy = s.paramsPatch
    ? defineServicePolicy({ ...base, params: { ...base.params, ...s.paramsPatch } })
    : base;
  const op = OPS[s.op];
  if (!op) throw new ZhiduError('unknown_reference', ['scenario', 'op'], `no operation "${s.op}"`);
  const ctx = makeContext({
    now: s.now ?? '2025-01-01T00:00:00+08:00',
    calendar: s.calendar === 'weekdays' ? weekdayCalendar() : chinaCalendar(),
  });
  if (typeof s.input !== 'object' || s.input === null || Array.isArray(s.input)) {
    throw new ZhiduError('invalid_input', ['scenario', 'input'], 'scenario input must be an object');
  }
  return op(arg<Json>(s.input), policy, ctx);
}
