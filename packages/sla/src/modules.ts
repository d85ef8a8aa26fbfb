import {
  checkCustomRules,
  defineModule,
  describeValue,
  type EvalContext,
  formatMoney,
  formatPath,
  type HistoryReading,
  InstantSchema,
  LocalDateSchema,
  nearestKey,
  type Policy,
  parseWorkflow,
  recordOf,
  refusalsAt,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { checklistParsed } from './checklist.js';
import { classifyParsed, intakeParsed } from './complaint/classify.js';
import { ComplaintRefSchema, dedupeParsedComplaints, handlingRateOf } from './complaint/records.js';
import { runSteps, type WorkflowEvent, WorkflowEventSchema } from './complaint/workflow.js';
import { AttributesSchema } from './conditions.js';
import { orderEvents, SlaEventSchema } from './events.js';
import { readTimerEventsFast } from './fast-events.js';
import { incidentsOf } from './incidents.js';
import { type SlaPolicy, type SlaPolicyParams, SlaPolicyParamsSchema } from './policy.js';
import {
  isInAnnualInspectionWindow,
  marginRefundParsed,
  RefundInputSchema,
} from './presets/exchange-membership-001b.js';
import { SLA_PRESET_JSON } from './presets/load.js';
import { isLateAttitudeComplaint } from './presets/logistics-001b.js';
import { checkQuotaRange, quotaRowsOfParsed } from './quota.js';
import { rateRows } from './rates.js';
import { UNSELECTED_RULE } from './timer/engine.js';
import { collectViolations, timersOfOrdered, timersWithViolations } from './timer/evaluate.js';
import { type EvaluateTimersOptions, type TimerCustomRule, timerPipeline } from './timer/pipeline.js';
import type { TimerState } from './timer/state.js';

/**
 * Every SLA preset: the policy JSON of `packages/sla/presets/<name>.json` (bundled into the build),
 * validated by each module on first use. The variants (`dealer-000-from-receipt`…) are presets of
 * their own.
 */
const PRESETS: Record<string, unknown> = SLA_PRESET_JSON;

/** Some of the presets. */
function subset(...names: (keyof typeof SLA_PRESET_JSON)[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, SLA_PRESET_JSON[name]]));
}

/** The events of an SLA log, in time order within a subject (`subject`, `at`). */
const eventOrder = {
  path: ['events'],
  events: (input: { events: readonly unknown[] }) => input.events,
  subject: (e: unknown) => (e as { subject: string }).subject,
  at: (e: unknown) => (e as { at: string }).at,
};

const EventsInputSchema = z.strictObject({ events: z.array(SlaEventSchema) });

/**
 * Policy history of `sla.timers`: a timer is judged under the version in force at its start event
 * (a timer started before a 4h → 8h change keeps 4h); a timer that never started, under the version
 * in force at its subject's first event. Trace entries follow their timer (or subject).
 */
const timerHistory: HistoryReading<
  z.output<typeof EventsInputSchema>,
  TimerState[],
  SlaPolicyParams,
  Readonly<Policy<SlaPolicyParams>>
> = {
  kind: 'anchored',
  keep: (value, trace, inWindow, input) => {
    const firstOf = new Map<string, string>();
    for (const e of input.events) if (!firstOf.has(e.subject)) firstOf.set(e.subject, e.at);
    const timers = value.result.filter((t) => {
      const anchor = t.startedAt ?? firstOf.get(t.subject);
      return anchor !== undefined && inWindow(anchor);
    });
    const kept = new Set(timers.map((t) => `${t.subject}\u0000${t.timerId}`));
    const subjects = new Set(timers.map((t) => t.subject));
    return {
      value: { result: timers, violations: collectViolations(timers) },
      trace: trace.filter((t) => {
        const subject = t.data?.subject;
        if (typeof subject !== 'string') return true;
        // A subject no timer applied to has no timer to follow: its note goes with the version in
        // force at its first event.
        if (t.rule === UNSELECTED_RULE) {
          const first = firstOf.get(subject);
          return first !== undefined && inWindow(first);
        }
        const timerId = t.data?.timerId;
        return typeof timerId === 'string' ? kept.has(`${subject}\u0000${timerId}`) : subjects.has(subject);
      }),
    };
  },
  merge: (parts) => {
    const result = parts
      .flatMap((p) => p.result)
      .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0));
    return { result, violations: collectViolations(result) };
  },
};

/** Finds a named item (workflow, checklist, quota) in the policy, or refuses naming the nearest id. */
function pick<T extends { id: string }>(
  list: readonly T[],
  id: string,
  path: (string | number)[],
  what: { zh: string; en: string },
): T {
  const hit = list.find((x) => x.id === id);
  if (hit) return hit;
  const ids = list.map((x) => x.id);
  const guess = nearestKey(id, ids);
  throw new ZhiduError(
    'unknown_reference',
    path,
    `\`${formatPath(path)}\`：制度中没有${what.zh} "${id}"${guess ? `；是否应为 "${guess}"？` : ''} / \`${formatPath(path)}\`: the policy has no ${what.en} "${id}"${guess ? `; did you mean "${guess}"?` : ` (have: ${ids.join(', ') || 'none'})`}`,
  );
}

const asPolicy = (p: Readonly<Policy<SlaPolicyParams>>): SlaPolicy => p as SlaPolicy;

/**
 * `sla.timers` — every timer of a policy from an event log at `ctx.now` (compute-on-read): one
 * state per timer instance, with the violations their breaches emit. Counts working days, so the
 * context must name its calendar (e.g. `chinaCalendar()`). With a company's own rules:
 * {@link slaTimersWith}.
 *
 * @example
 * const d = slaTimers.evaluate(
 *   { events: [{ type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }] },
 *   slaTimers.preset('logistics-001b'),
 *   { now: '2024-05-10T10:20:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result.find((t) => t.timerId === 'plan30min')?.status; //=> 'breached'
 * d.provenance.module; //=> 'sla.timers'
 */
export const slaTimers = timersModule(undefined);

/**
 * `sla.timers` run with a company's own rules (functions, so not part of the JSON policy or input):
 * the same module id, schemas and presets, its evaluation placing `customRules` before, after or
 * instead of the timer pipeline's steps (see `TIMER_STEPS`). The rules are checked when the module
 * is built.
 *
 * @param options - the company's rules (`customRules`, see `TIMER_STEPS`)
 * @returns the module
 * @throws ZhiduError `unknown_reference` (naming the nearest step id), `invalid_input`, `duplicate`
 * @example
 * const acme = slaTimersWith({
 *   customRules: [{ after: 'S002-SLA-05', step: { id: 'acme.audit', run: (s, step) => { step.note('已复核', 'Reviewed'); return s; } } }],
 * });
 * const d = acme.evaluate(
 *   { events: [{ type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' }] },
 *   acme.preset('logistics-001b'),
 *   { now: '2024-05-10T10:20:00+08:00', calendar: chinaCalendar() },
 * );
 * d.value.result.find((t) => t.timerId === 'plan30min')?.status; //=> 'breached'
 * d.trace.some((t) => t.rule === 'acme.audit'); //=> true
 */
export function slaTimersWith(options: EvaluateTimersOptions) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ZhiduError(
      'invalid_input',
      ['options'],
      '选项须为对象 { customRules? } / options must be an object { customRules? }',
    );
  }
  if (options.customRules !== undefined)
    checkCustomRules(options.customRules, timerPipeline(), ['customRules']);
  return timersModule(options.customRules);
}

function timersModule(customRules: readonly TimerCustomRule[] | undefined) {
  return defineModule({
    id: 'sla.timers',
    title: { zh: '投诉与服务时限', en: 'Complaint and service timers' },
    params: SlaPolicyParamsSchema,
    input: EventsInputSchema,
    needsCalendar: true,
    order: eventOrder,
    history: timerHistory,
    presets: PRESETS,
    evaluate: (input, policy, ctx: EvalContext) => {
      // The module has parsed the events and refused a subject out of order (`order`): ordered as
      // they are, not parsed or checked again.
      const d = timersWithViolations(orderEvents(input.events, true), asPolicy(policy), ctx, customRules, [
        'customRules',
      ]);
      // The pipeline's trace is already a fresh array of the decision's own: not copied again.
      return { value: { result: d.value, violations: d.violations }, trace: d.trace };
    },
    // Issue 21: a well-formed log read in one pass (readTimerEventsFast), the rule run on it as is;
    // anything else (and any refusal) goes the general way. Not with a company's own rules: they
    // would run twice on a refused input.
    fast:
      customRules === undefined
        ? (input, policy, ctx) => {
            const events = readTimerEventsFast(input);
            if (events === undefined) return undefined;
            try {
              const d = timersWithViolations(events, asPolicy(policy), ctx, undefined, ['customRules']);
              return { value: { result: d.value, violations: d.violations }, trace: d.trace };
            } catch {
              return undefined;
            }
          }
        : undefined,
  });
}

/**
 * `sla.incidents` — sanctions triggered by an occurrence ("each grievance found → 100 CNY"): one
 * violation per matching event and role. `result` and `violations` hold the same list.
 *
 * @example
 * slaIncidents.evaluate(
 *   { events: [{ type: 'grievanceFound', subject: 'g1', at: '2024-05-01T09:00:00+08:00', assignees: { employee: 'e1' } }] },
 *   slaIncidents.preset('conference-marketing-001'),
 *   { now: '2024-05-02T00:00:00+08:00' },
 * ).value.violations[0]?.code; //=> 'sla.grievance.S001-COMPLAINT-02'
 */
export const slaIncidents = defineModule({
  id: 'sla.incidents',
  title: { zh: '事件触发的处罚', en: 'Occurrence-triggered sanctions' },
  params: SlaPolicyParamsSchema,
  input: EventsInputSchema,
  order: eventOrder,
  presets: PRESETS,
  evaluate: (input, policy, ctx) => {
    const d = incidentsOf(orderEvents(input.events), asPolicy(policy), ctx);
    return new Trace().append(d.trace).decide({ result: d.value, violations: d.value });
  },
  // Each sanction under the version in force when its event occurred.
  history: {
    kind: 'anchored',
    keep: (value, trace, inWindow, input) => {
      const kept = value.result.filter((v) => inWindow(v.occurredAt));
      return {
        value: { result: kept, violations: kept },
        trace: trace.filter((t) => {
          const event = typeof t.data?.eventIndex === 'number' ? input.events[t.data.eventIndex] : undefined;
          return event === undefined || inWindow(event.at);
        }),
      };
    },
    merge: (parts) => {
      const all = parts.flatMap((p) => p.result);
      return { result: all, violations: all };
    },
  },
});

/**
 * `sla.classification` — the grounds (flag rules) a complaint's facts meet and the routing tables'
 * results (department, validity, severity…).
 *
 * @example
 * slaClassification.evaluate({ facts: { returnOrExchangeRequested: true } },
 *   slaClassification.preset('dealer-group-000'), { now: '2024-03-05T09:00:00+08:00' }).value.result.groups.major
 * //=> ['returnOrExchange']
 */
export const slaClassification = defineModule({
  id: 'sla.classification',
  title: { zh: '投诉分类与分派', en: 'Complaint classification and routing' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({ facts: AttributesSchema }),
  history: { kind: 'now', reason: { zh: '投诉事实不含时间', en: 'the facts of a complaint carry no time' } },
  presets: PRESETS,
  evaluate: (input, policy) => {
    // The module parsed the facts, and the policy is validated: neither read again.
    const d = classifyParsed(input.facts, policy.params);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * `sla.intake` — the fields an intake record (投诉登记) must carry, conditional ones included.
 *
 * @example
 * slaIntake.evaluate({ record: { content: '…' } }, slaIntake.preset('dealer-000'),
 *   { now: '2024-03-05T09:00:00+08:00' }).value.result.ok; //=> false
 */
export const slaIntake = defineModule({
  id: 'sla.intake',
  title: { zh: '投诉登记字段', en: 'Intake record fields' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({ record: AttributesSchema }),
  history: { kind: 'now', reason: { zh: '登记记录不含时间', en: 'an intake record carries no time' } },
  presets: PRESETS,
  evaluate: (input, policy) => {
    // The module parsed the record, and the policy is validated: neither read again.
    const d = intakeParsed(input.record, policy.params.intake);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * `sla.workflow` — replays the steps taken on one case through a procedure of the policy (named by
 * `workflow`); refused steps are findings in `result.rejected`, not errors. The steps are one
 * subject (the case), so they must be in time order.
 *
 * @example
 * slaWorkflow.evaluate({ workflow: 'general', steps: [] }, slaWorkflow.preset('dealer-000'),
 *   { now: '2024-03-05T09:00:00+08:00' }).value.result.state; //=> 'new' (the workflow's initial state)
 */
export const slaWorkflow = defineModule({
  id: 'sla.workflow',
  title: { zh: '投诉处理流程', en: 'Complaint procedure' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({ workflow: z.string().min(1), steps: z.array(WorkflowEventSchema) }),
  // The procedure in force when the case's first step was taken (no steps: ctx.now).
  history: {
    kind: 'judgedAt',
    at: (input) => {
      const first = input.steps[0] as { at?: string } | undefined;
      return first?.at === undefined ? undefined : { at: first.at, path: ['steps', 0, 'at'] };
    },
  },
  order: {
    path: ['steps'],
    events: (input) => input.steps,
    subject: () => 'case',
    at: (e) => (e as { at: string }).at,
  },
  presets: PRESETS,
  evaluate: (input, policy, ctx) => {
    const wf = pick(policy.params.workflows, input.workflow, ['input', 'workflow'], {
      zh: '流程',
      en: 'workflow',
    });
    // The steps are parsed by the module's input schema; the policy's workflow is validated once.
    const d = runSteps(input.steps, parseWorkflow(wf), ctx, (step) => step as WorkflowEvent);
    return new Trace().append(d.trace).decide({ result: d.value, violations: [] });
  },
});

/**
 * `sla.checklist` — the items of a policy checklist (named by `checklist`) missing at a moment, with
 * one violation per responsible role (`quantity` = the number of missing items).
 *
 * @example
 * slaChecklist.evaluate(
 *   { checklist: 'M20.preCompletion', subject: 'phase-2', at: '2024-09-30T00:00:00+08:00', record: { gasSupply: false } },
 *   slaChecklist.preset('construction-000'), { now: '2024-09-30T00:00:00+08:00' },
 * ).value.result.missing.length > 0; //=> true
 */
export const slaChecklist = defineModule({
  id: 'sla.checklist',
  title: { zh: '必备事项清单', en: 'Checklist' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({
    checklist: z.string().min(1),
    subject: z.string().min(1),
    at: InstantSchema,
    record: AttributesSchema,
    assignees: recordOf(z.string(), z.string().min(1)).optional(),
  }),
  history: { kind: 'judgedAt', at: (input) => ({ at: input.at, path: ['at'] }) },
  presets: PRESETS,
  evaluate: (input, policy) => {
    const list = pick(policy.params.checklists, input.checklist, ['input', 'checklist'], {
      zh: '清单',
      en: 'checklist',
    });
    // The module parsed the record, and the checklist is the validated policy's: neither read again.
    const d = checklistParsed(input.record, list, input.at, {
      subject: input.subject,
      ...(input.assignees ? { assignees: input.assignees } : {}),
    });
    return new Trace()
      .append(d.trace)
      .decide({ result: { missing: d.value.missing }, violations: d.value.violations });
  },
});

/**
 * `sla.quota` — frequency commitments ("at least twice a day") of the policy's `quotas` counted per
 * day or month over a date range; `quota` names one, else every quota is counted. Counts working
 * days where a window excludes holidays, so the context must name its calendar.
 *
 * @example
 * slaQuota.evaluate({ quota: 'T6-02a', range: { from: '2024-03-04', to: '2024-03-04' }, events: [] },
 *   slaQuota.preset('property-service-004'), { now: '2024-03-05T00:00:00+08:00', calendar: chinaCalendar() })
 *   .value.result[0]?.rows[0]?.met; //=> false
 */
export const slaQuota = defineModule({
  id: 'sla.quota',
  title: { zh: '频次要求', en: 'Frequency commitments' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({
    quota: z.string().min(1).optional(),
    range: z.strictObject({ from: LocalDateSchema, to: LocalDateSchema }),
    events: z.array(SlaEventSchema),
  }),
  // The range is counted under the version in force on its first day: split a range at a change.
  history: { kind: 'judgedAt', at: (input) => ({ date: input.range.from, path: ['range', 'from'] }) },
  needsCalendar: true,
  order: eventOrder,
  presets: PRESETS,
  evaluate: (input, policy, ctx) => {
    const quotas =
      input.quota === undefined
        ? policy.params.quotas
        : [pick(policy.params.quotas, input.quota, ['input', 'quota'], { zh: '频次要求', en: 'quota' })];
    const trace = new Trace();
    // The module parsed the log (and checked its order): ordered once, when the first quota's range
    // has been checked, and counted for every quota.
    let ordered: ReturnType<typeof orderEvents> | undefined;
    const events = () => {
      ordered ??= orderEvents(input.events);
      return ordered;
    };
    const result = quotas.map((q) => {
      const d = refusalsAt('range', ['input'], () =>
        quotaRowsOfParsed(events, q, input.range, ctx, policy.params.excuses, false),
      );
      trace.append(d.trace);
      return { id: q.id, rows: d.value };
    });
    if (quotas.length === 0) {
      // A policy without quotas counts nothing, but the range and the log are the input's: refused as
      // they are under a policy with quotas (a bad event was accepted without a word).
      refusalsAt('range', ['input'], () =>
        checkQuotaRange(input.range.from, input.range.to, ['range', 'to']),
      );
      events();
    }
    return trace.decide({ result, violations: [] });
  },
});

/**
 * `sla.records` — record-keeping duties: repeat complaints merged (same complainant, same issue;
 * only while the first is open when `settings.dedupeOnlyWhileOpen` is true) and the handling rate
 * against `settings.handlingRateTarget` (default 1, i.e. 100 %).
 *
 * @example
 * slaRecords.evaluate({ complaints: [], items: [{ handled: true }, { handled: false }] },
 *   slaRecords.preset('property-revisit-000b'), { now: '2024-03-05T00:00:00+08:00' })
 *   .value.result.handling.compliant; //=> false
 */
export const slaRecords = defineModule({
  id: 'sla.records',
  title: { zh: '投诉记录：重复合并与处理率', en: 'Complaint records: repeats and handling rate' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({
    complaints: z.array(ComplaintRefSchema),
    items: z.array(z.strictObject({ handled: z.boolean() })),
  }),
  history: {
    kind: 'now',
    reason: {
      zh: '重复合并与处理率按当前制度统计',
      en: 'repeats and the handling rate are counted under the rules of now',
    },
  },
  presets: PRESETS,
  evaluate: (input, policy) => {
    const s = policy.params.settings;
    const dedupe = dedupeParsedComplaints(input.complaints, {
      onlyWhileOpen: s.dedupeOnlyWhileOpen === true,
    });
    const target = s.handlingRateTarget ?? 1;
    // A rate from 0 to 1 (a text or a percentage such as 100 was read as NaN or as more than 100 %,
    // and the rate silently never compliant).
    if (typeof target !== 'number' || !(target >= 0 && target <= 1))
      throw new ZhiduError(
        'invalid_input',
        ['params', 'settings', 'handlingRateTarget'],
        `处理率目标须为 0 到 1 之间的小数（1 即 100%），实际为 ${describeValue(target)} / the handling-rate target is a fraction from 0 to 1 (1 is 100 %), got ${describeValue(target)}`,
      );
    const rate = handlingRateOf(input.items, target);
    return new Trace()
      .append(dedupe.trace)
      .append(rate.trace)
      .decide({ result: { ...dedupe.value, handling: rate.value }, violations: [] });
  },
});

/**
 * `sla.margin-refund` — the margin refund schedule after membership ends (001 L1174): risk reserve
 * and dated instalments in fen, from the policy's `settings` (reservePercent, firstRefundPercent,
 * firstRefundMonths, secondRefundMonths).
 *
 * @example
 * slaMarginRefund.evaluate({ peakMarginFen: 200_000_000, currentBalanceFen: 150_000_000, announcementDate: '2024-01-31' },
 *   slaMarginRefund.preset('exchange-membership-001b'), { now: '2024-01-31T00:00:00+08:00' })
 *   .value.result.instalments.map((i) => i.amountFen); //=> [110_000_000, 16_000_000, 24_000_000]
 */
export const slaMarginRefund = defineModule({
  id: 'sla.margin-refund',
  title: { zh: '保证金退还', en: 'Margin refund schedule' },
  params: SlaPolicyParamsSchema,
  input: RefundInputSchema,
  history: {
    kind: 'judgedAt',
    at: (input) => ({ date: input.announcementDate, path: ['announcementDate'] }),
  },
  presets: subset('exchange-membership-001b'),
  evaluate: (input, policy) => {
    const result = marginRefundParsed(input, asPolicy(policy));
    return new Trace()
      .add(
        'S001B-MILESTONE-04',
        '001 L1174',
        `风险准备金 ${formatMoney(result.riskReserveFen)}，分 ${result.instalments.length} 期退还`,
        `risk reserve ${formatMoney(result.riskReserveFen)}, refunded in ${result.instalments.length} instalments`,
      )
      .decide({ result, violations: [] });
  },
});

/**
 * `sla.inspection-window` — whether a date falls inside the annual inspection registration window
 * (001 L1126, inclusive; `settings.annualWindowFrom` / `annualWindowTo`).
 *
 * @example
 * slaInspectionWindow.evaluate({ date: '2024-08-31' }, slaInspectionWindow.preset('exchange-membership-001b'),
 *   { now: '2024-08-31T00:00:00+08:00' }).value.result.inWindow; //=> true
 */
export const slaInspectionWindow = defineModule({
  id: 'sla.inspection-window',
  title: { zh: '年检登记期', en: 'Annual inspection window' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({ date: LocalDateSchema }),
  history: { kind: 'judgedAt', at: (input) => ({ date: input.date, path: ['date'] }) },
  presets: subset('exchange-membership-001b'),
  evaluate: (input, policy) => {
    const inWindow = isInAnnualInspectionWindow(input.date, asPolicy(policy));
    return new Trace()
      .add(
        'S001B-MILESTONE-02',
        '001 L1126',
        `${input.date}${inWindow ? '在' : '不在'}年检登记期内`,
        `${input.date} is ${inWindow ? 'inside' : 'outside'} the annual inspection window`,
      )
      .decide({ result: { inWindow }, violations: [] });
  },
});

/**
 * `sla.attitude-limit` — whether a complaint about service attitude came too late to be valid
 * (001 L1014 「對企業或員工服務態度不滿在一個月以后提出來的」, S001B-CCLASS-04): filed after the incident
 * date plus the policy's `settings.attitudeLimitMonths` (end-of-month clamp; filing on the limit date
 * is in time). A business complaint is never time-barred by this rule.
 *
 * @example
 * slaAttitudeLimit.evaluate({ isServiceAttitude: true, incidentDate: '2024-01-31', complaintDate: '2024-03-01' },
 *   slaAttitudeLimit.preset('logistics-001b'), { now: '2024-03-01T00:00:00+08:00' }).value.result.late; //=> true
 */
export const slaAttitudeLimit = defineModule({
  id: 'sla.attitude-limit',
  title: { zh: '服务态度投诉时限', en: 'Time limit on service-attitude complaints' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({
    isServiceAttitude: z.boolean(),
    incidentDate: LocalDateSchema,
    complaintDate: LocalDateSchema,
  }),
  history: {
    kind: 'judgedAt',
    at: (input) => ({ date: input.complaintDate, path: ['complaintDate'] }),
  },
  presets: subset('logistics-001b', 'logistics-001b-manual-escalation'),
  evaluate: (input, policy) => {
    const raw = policy.params.settings.attitudeLimitMonths;
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1)
      throw new ZhiduError(
        'invalid_input',
        ['params', 'settings', 'attitudeLimitMonths'],
        '服务态度投诉时限须为正整数月 / the attitude complaint limit must be a positive whole number of months',
      );
    const late = isLateAttitudeComplaint(input, raw);
    const zh = !input.isServiceAttitude
      ? '业务投诉不受服务态度投诉一个月时限约束'
      : late
        ? `服务态度投诉在事发 ${raw} 个月以后提出，为无效投诉`
        : `服务态度投诉在事发后 ${raw} 个月内提出，未超时限`;
    const en = !input.isServiceAttitude
      ? 'a business complaint is not time-barred by the attitude limit'
      : late
        ? `an attitude complaint filed more than ${raw} month(s) after the incident is invalid`
        : `an attitude complaint filed within ${raw} month(s) of the incident is in time`;
    return new Trace()
      .add('S001B-CCLASS-04', '001 L1014', zh, en)
      .decide({ result: { late, limitMonths: raw }, violations: [] });
  },
});

/** Every module of @zhidu/sla, for the registry and the CLI. */
/**
 * `sla.rates` — the policy's rates across timers (回访率100%, 及时处理率≥95%) per reporting period:
 * the timers of each period counted by state, the rate against its threshold once the period is due,
 * and a violation per responsible role (`input.assignees`: role → person) for a missed rate.
 *
 * @example
 * const d = slaRates.evaluate({ events: [] }, slaRates.preset('property-revisit-000b'),
 *   { now: '2025-04-01T00:00:00+08:00', calendar: chinaCalendar() });
 * d.value.result; //=> [] (no timer, no period to report)
 */
export const slaRates = defineModule({
  id: 'sla.rates',
  title: { zh: '比率要求（回访率、及时率）', en: 'Rates across timers (revisit rate, on-time rate)' },
  params: SlaPolicyParamsSchema,
  input: z.strictObject({
    events: z.array(SlaEventSchema),
    assignees: recordOf(z.string(), z.string().min(1)).optional(),
  }),
  history: {
    kind: 'now',
    reason: {
      zh: '比率按报告期汇总同一版本下的计时器',
      en: 'a rate aggregates the timers of a reporting period under one version',
    },
  },
  order: eventOrder,
  presets: PRESETS,
  evaluate: (input, policy, ctx) => {
    const timers = timersOfOrdered(orderEvents(input.events), asPolicy(policy), ctx);
    const r = rateRows(policy.params.rates, timers.value, input.assignees ?? {}, ctx);
    return new Trace()
      .append(timers.trace)
      .append(r.trace)
      .decide({ result: r.rows, violations: r.violations });
  },
});

export const slaModules = [
  slaTimers,
  slaIncidents,
  slaClassification,
  slaIntake,
  slaWorkflow,
  slaChecklist,
  slaQuota,
  slaRecords,
  slaMarginRefund,
  slaInspectionWindow,
  slaRates,
  slaAttitudeLimit,
] as const;
