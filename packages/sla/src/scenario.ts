import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, parseInput, toEpochMs, ZhiduError } from '@zhidu/core';
import { z } from 'zod';
import { evaluateChecklist } from './checklist.js';
import { classifyComplaint, validateIntake } from './complaint/classify.js';
import { dedupeComplaints, handlingRate } from './complaint/records.js';
import { runWorkflow } from './complaint/workflow.js';
import type { SlaEventInput } from './events.js';
import { evaluateIncidents } from './incidents.js';
import type { SlaPolicy } from './policy.js';
import { SLA_PRESETS, type SlaPresetName } from './presets/registry.js';
import { evaluateTimers } from './timer/evaluate.js';

const ViolationExpectation = z
  .object({ code: z.string(), role: z.string(), personId: z.string().optional() })
  .strict();
const TimerExpectation = z
  .object({
    timerId: z.string(),
    subject: z.string().optional(),
    status: z.enum(['pending', 'running', 'paused', 'met', 'breached', 'cancelled']),
    dueAt: z.string().optional(),
    latenessUnits: z.number().int().optional(),
    violations: z.array(ViolationExpectation).optional(),
    consequences: z.array(z.string()).optional(),
    escalationLevels: z.array(z.number().int()).optional(),
  })
  .strict();

const common = {
  name: z.string().min(1),
  rules: z.array(z.string().min(1)).min(1),
  preset: z.string().min(1),
  presetOptions: z.record(z.string(), z.unknown()).optional(),
};

/**
 * A scenario file: a named walk through a preset's clauses with the expected outcome.
 * `kind` selects what is evaluated: timers (with incidents), a classification, a workflow, an
 * intake record, a checklist, or record-keeping (repeat merging and handling rate).
 */
export const SlaScenarioSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...common,
      kind: z.literal('timers'),
      now: z.string(),
      events: z.array(z.unknown()),
      expected: z
        .object({ timers: z.array(TimerExpectation), incidents: z.array(ViolationExpectation).optional() })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('classify'),
      facts: z.record(z.string(), z.unknown()),
      expected: z
        .object({
          groups: z.record(z.string(), z.array(z.string())).optional(),
          attributes: z.record(z.string(), z.unknown()).optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('workflow'),
      workflowId: z.string(),
      now: z.string(),
      steps: z.array(z.unknown()),
      expected: z
        .object({ state: z.string(), rejected: z.array(z.record(z.string(), z.unknown())) })
        .strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('intake'),
      record: z.record(z.string(), z.unknown()),
      expected: z.object({ missing: z.array(z.string()) }).strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('checklist'),
      checklistId: z.string(),
      record: z.record(z.string(), z.unknown()),
      expected: z.object({ missing: z.array(z.string()) }).strict(),
    })
    .strict(),
  z
    .object({
      ...common,
      kind: z.literal('records'),
      complaints: z.array(z.unknown()),
      items: z.array(z.object({ handled: z.boolean() }).strict()),
      expected: z
        .object({
          links: z.array(z.object({ duplicateId: z.string(), primaryId: z.string() }).strict()),
          compliant: z.boolean(),
        })
        .strict(),
    })
    .strict(),
]);
export type SlaScenario = z.output<typeof SlaScenarioSchema>;

/** The outcome of a scenario: each mismatch between expected and computed, empty when it passes. */
export type ScenarioResult = { name: string; rules: string[]; failures: string[] };

function presetOf(name: string, options: Record<string, unknown> | undefined): SlaPolicy {
  const make = (SLA_PRESETS as Record<string, (o: unknown) => SlaPolicy>)[name];
  if (!make)
    throw new ZhiduError(
      'unknown_reference',
      ['preset'],
      `unknown preset ${name}; known: ${Object.keys(SLA_PRESETS).join(', ')}`,
    );
  return make(options ?? {});
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sameInstant = (a: string | undefined, b: string) => a !== undefined && toEpochMs(a) === toEpochMs(b);

/**
 * Runs one scenario against its preset on the PRC statutory calendar and lists every mismatch.
 * Pure: the caller reads the file; the CLI and the test suite share this runner.
 *
 * @param input - the parsed JSON of a scenario file
 * @returns the scenario's name, rule ids and failures (empty when it passes)
 * @throws ZhiduError for a malformed scenario or an unknown preset
 * @example
 * runSlaScenario(JSON.parse(readFileSync('scenarios/logistics-001b/plan-and-escalation.json', 'utf8'))).failures; //=> []
 */
export function runSlaScenario(input: unknown): ScenarioResult {
  const s = parseInput(SlaScenarioSchema, input, ['scenario']);
  const policy = presetOf(s.preset as SlaPresetName, s.presetOptions);
  const failures: string[] = [];
  const check = (label: string, actual: unknown, expected: unknown) => {
    if (!same(actual, expected))
      failures.push(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  switch (s.kind) {
    case 'timers': {
      const ctx = makeContext({ now: s.now, calendar: chinaCalendar() });
      // The events are validated (strictly) by evaluateTimers itself.
      const events = s.events as SlaEventInput[];
      const states = evaluateTimers(events, policy, ctx).value;
      for (const t of s.expected.timers) {
        const hits = states.filter(
          (x) => x.timerId === t.timerId && (t.subject === undefined || x.subject === t.subject),
        );
        const label = `${t.timerId}${t.subject ? `@${t.subject}` : ''}`;
        const [hit] = hits;
        if (hits.length !== 1 || !hit) {
          failures.push(`${label}: expected one timer state, found ${hits.length}`);
          continue;
        }
        check(`${label} status`, hit.status, t.status);
        if (t.dueAt && !sameInstant(hit.dueAt, t.dueAt))
          failures.push(`${label} dueAt: expected ${t.dueAt}, got ${hit.dueAt}`);
        if (t.latenessUnits !== undefined) check(`${label} lateness`, hit.lateness?.units, t.latenessUnits);
        if (t.violations)
          check(
            `${label} violations`,
            hit.violations.map((v) => ({
              code: v.code,
              role: v.role,
              ...(t.violations?.some((e) => e.personId) ? { personId: v.personId } : {}),
            })),
            t.violations,
          );
        if (t.consequences) check(`${label} consequences`, hit.consequences, t.consequences);
        if (t.escalationLevels)
          check(
            `${label} escalations`,
            hit.escalationsDue.map((e) => e.level),
            t.escalationLevels,
          );
      }
      if (s.expected.incidents) {
        const v = evaluateIncidents(events, policy, ctx).value.map((x) => ({
          code: x.code,
          role: x.role,
          personId: x.personId,
        }));
        check('incidents', v, s.expected.incidents);
      }
      break;
    }
    case 'classify': {
      const r = classifyComplaint(s.facts, policy.params).value;
      for (const [g, codes] of Object.entries(s.expected.groups ?? {}))
        check(`group ${g}`, r.groups[g] ?? [], codes);
      for (const [k, v] of Object.entries(s.expected.attributes ?? {}))
        check(`attribute ${k}`, r.attributes[k] ?? null, v);
      break;
    }
    case 'workflow': {
      const wf = policy.params.workflows.find((w) => w.id === s.workflowId);
      if (!wf)
        throw new ZhiduError(
          'unknown_reference',
          ['scenario', 'workflowId'],
          `preset ${s.preset} has no workflow ${s.workflowId}`,
        );
      const r = runWorkflow(s.steps, wf, makeContext({ now: s.now, calendar: chinaCalendar() })).value;
      check('state', r.state, s.expected.state);
      check('rejected', r.rejected, s.expected.rejected);
      break;
    }
    case 'intake':
      check('missing', validateIntake(s.record, policy.params.intake).value.missing, s.expected.missing);
      break;
    case 'checklist': {
      const list = policy.params.checklists.find((c) => c.id === s.checklistId);
      if (!list)
        throw new ZhiduError(
          'unknown_reference',
          ['scenario', 'checklistId'],
          `preset ${s.preset} has no checklist ${s.checklistId}`,
        );
      check(
        'missing',
        evaluateChecklist(s.record, list, { subject: 'scenario', at: '2000-01-01T00:00:00Z' }).value.missing,
        s.expected.missing,
      );
      break;
    }
    case 'records': {
      check('links', dedupeComplaints(s.complaints).value.links, s.expected.links);
      check(
        'compliant',
        handlingRate(s.items, Number(policy.params.settings.handlingRateTarget ?? 1)).value.compliant,
        s.expected.compliant,
      );
      break;
    }
  }
  return { name: s.name, rules: s.rules, failures };
}
