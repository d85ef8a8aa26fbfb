// The implementation before issue 21's prepared file types and batch entry points, kept verbatim
// (imports aside) as the oracle of the property tests in batch.test.ts: the new paths must decide
// every file exactly as this one did. Not exported by the package.
import {
  compareInstants,
  type Deadline,
  type Decision,
  deadline,
  type Instant,
  InstantSchema,
  isLate,
  lateness,
  nearestKey,
  ownValue,
  parseInput,
  recordOf,
  Trace,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import {
  findFileType,
  formatLocal,
  type RecordsContext,
  resolveContext,
  triggerLabel,
  type Violation,
} from '../context.js';
import { protoEvent } from '../handover.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from '../policy.js';
import { type HandoverRule, IdSchema } from '../schemas.js';

/** The module that emits the violations of `checkHandover`. */
const HANDOVER = 'records.handover';

/** The person a check holds responsible: the one who hands over, fills in or borrows. */
export const ResponsibleSchema = z.strictObject({
  personId: IdSchema,
  role: IdSchema.optional(),
  departmentId: IdSchema.optional(),
});

/** Input of `checkHandover`. */
export const HandoverInputSchema = z.strictObject({
  fileTypeId: IdSchema,
  fileId: IdSchema,
  responsible: ResponsibleSchema,
  /** Instants of the triggering events by name: `{ delivery: '…', sale: '…' }`. */
  events: recordOf(IdSchema, InstantSchema),
  /** When the file changed hands (签收薄 signed); absent while it has not. */
  handedOverAt: InstantSchema.optional(),
  /** When the full set was in (补齐全套档案); defaults to `handedOverAt` (the set handed over was complete). */
  completedAt: InstantSchema.optional(),
  /** Vehicle occasions (车次) covered by this handover; fines are per vehicle occasion. */
  quantity: z.number().int().min(1).default(1),
});
export type HandoverInput = z.input<typeof HandoverInputSchema>;

/** The outcome of one handover rule. */
export type HandoverOutcome = {
  rule: string;
  trigger: string;
  triggeredAt: Instant;
  /** `null` when the regulation gives no deadline (e.g. 按时 without a number). */
  due: Deadline | null;
  /** The deadline counted from the informational trigger, when there is one (e.g. the sale date). */
  informationalDue: Deadline | null;
  /** The instant that counts (handover, or completion of the full set). */
  measuredAt: Instant | null;
  status: 'onTime' | 'late' | 'pending' | 'overdue' | 'noDeadline';
  /** Working days late, counted on the calendar (0 when on time). */
  workingDaysLate: number;
};

/** The value of a handover decision. */
export type HandoverResult = { fileId: string; outcomes: HandoverOutcome[]; violations: Violation[] };

/**
 * Checks that a customer file was handed over (档案移交) within the deadline its file type sets, counted
 * in working days from the triggering event (delivery 交车, sale, first contact …) on the context's
 * calendar (the PRC statutory calendar by default). A late or overdue handover emits a
 * `records.handover.late` violation for the person handing over, one per vehicle occasion.
 *
 * @param input - file type, file, responsible person, trigger instants and the handover instant
 * @param policyInput - a records policy (e.g. `dealerFilesPreset`)
 * @param ctx - `{ now, zone?, calendar? }`; `now` decides whether an open handover is already overdue
 * @returns the outcome per handover rule, and the violations, with a trace naming each rule
 * @throws ZhiduError `unknown_reference` for an unknown file type, `invalid_input` when the trigger is
 *   missing or a quantity is not a positive integer, `out_of_order` for a handover before the trigger
 * @example
 * const d = handoverOf({
 *   fileTypeId: 'newCarSalesFile', fileId: 'VIN1',
 *   responsible: { personId: 'sc1', role: 'salesConsultant' },
 *   events: { delivery: '2024-03-04T10:00:00+08:00' },
 *   handedOverAt: '2024-03-11T10:00:00+08:00',
 * }, dealerFilesPreset, { now: '2024-03-12T00:00:00Z' });
 * d.value.outcomes[0].status; //=> 'late' (due Thu 2024-03-07, handed over 2 working days later)
 */
export function handoverOf(
  input: HandoverInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<HandoverResult> {
  const policy = asRecordsPolicy(policyInput);
  return handoverOfParsed(parseInput(HandoverInputSchema, input), policy, ctx);
}

/**
 * `handoverOf` on an input already validated by `HandoverInputSchema` (the module's input, parsed once by
 * the module) and a validated policy: the same decision, without validating the input again.
 *
 * @internal
 */
export function handoverOfParsed(
  parsed: ParsedHandover,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<HandoverResult> {
  const time = resolveContext(ctx, policy);
  const fileType = findFileType(policy, parsed.fileTypeId, ['fileTypeId']);
  const trace = new Trace();
  const outcomes: HandoverOutcome[] = [];
  const violations: Violation[] = [];

  if (fileType.handover.length === 0) {
    throw new ZhiduError(
      'invalid_input',
      ['fileTypeId'],
      `制度 ${policy.id} 中档案类型 "${fileType.id}" 没有移交规定 / file type "${fileType.id}" has no handover rule in policy ${policy.id}`,
    );
  }
  // An event the file type's handover rules never count from is a typo (`delivry`), refused rather than ignored.
  const triggers = fileType.handover.flatMap((r) =>
    r.informationalTrigger ? [r.trigger, r.informationalTrigger] : [r.trigger],
  );
  for (const name of Object.keys(parsed.events)) {
    if (triggers.includes(name)) continue;
    const near = nearestKey(name, triggers);
    throw new ZhiduError(
      'unknown_key',
      ['events', name],
      `"${name}" 不是${fileType.id}的移交起算事件${near ? `;是否应为 \`${near}\`?` : ''} / "${name}" is not an event the handover of ${fileType.id} counts from (known: ${[...new Set(triggers)].join(', ')})${near ? `; did you mean \`${near}\`?` : ''}`,
    );
  }
  if (
    parsed.handedOverAt &&
    parsed.completedAt &&
    compareInstants(parsed.completedAt, parsed.handedOverAt) < 0
  ) {
    throw new ZhiduError(
      'out_of_order',
      ['completedAt'],
      '档案移交前不能已经齐全 / the full set cannot be complete before it was handed over',
    );
  }

  for (const rule of fileType.handover) {
    const outcome = evaluateRule(rule, parsed, time, trace);
    outcomes.push(outcome);
    if (outcome.status === 'late' || outcome.status === 'overdue') {
      violations.push(lateViolation(rule, parsed, outcome));
    }
  }
  return trace.decide({ fileId: parsed.fileId, outcomes, violations });
}

type ParsedHandover = z.output<typeof HandoverInputSchema>;

function evaluateRule(
  rule: HandoverRule,
  input: ParsedHandover,
  time: ReturnType<typeof resolveContext>,
  trace: Trace,
): HandoverOutcome {
  // Own keys only: an event named `constructor` or `toString` is not read from Object.prototype.
  const triggeredAt = ownValue(input.events, rule.trigger);
  if (triggeredAt === undefined) {
    if (rule.trigger === '__proto__') throw protoEvent(input.fileTypeId);
    throw new ZhiduError(
      'invalid_input',
      ['events', rule.trigger],
      `${input.fileTypeId} 的档案移交时限自 "${rule.trigger}" 起算，但事件中没有该事件 / the handover of ${input.fileTypeId} counts from "${rule.trigger}", which is missing from events`,
    );
  }
  if (input.handedOverAt !== undefined && compareInstants(input.handedOverAt, triggeredAt) < 0) {
    throw new ZhiduError(
      'out_of_order',
      ['handedOverAt'],
      `移交时间 ${input.handedOverAt} 早于起算事件 ${rule.trigger} 的时间 ${triggeredAt} / handover at ${input.handedOverAt} is before the triggering event ${rule.trigger} at ${triggeredAt}`,
    );
  }
  const measuredAt =
    rule.measuredAt === 'complete' ? (input.completedAt ?? input.handedOverAt) : input.handedOverAt;
  const timeCtx = { zone: time.zone, calendar: time.calendar };
  const due = rule.within ? deadline(triggeredAt, rule.within, timeCtx) : null;
  const informationalAt = rule.informationalTrigger
    ? ownValue(input.events, rule.informationalTrigger)
    : undefined;
  const informationalDue =
    rule.within && informationalAt ? deadline(informationalAt, rule.within, timeCtx) : null;

  const base = {
    rule: rule.rule,
    trigger: rule.trigger,
    triggeredAt,
    due,
    informationalDue,
    measuredAt: measuredAt ?? null,
  };
  const L = (i: Instant): string => formatLocal(i, time.zone);
  const what = rule.measuredAt === 'complete' ? '补齐全套档案' : '移交档案';
  const whatEn = rule.measuredAt === 'complete' ? 'complete file' : 'handover';

  if (informationalDue && rule.informationalTrigger) {
    const met = measuredAt !== undefined && !isLate(informationalDue, measuredAt);
    trace.add(
      rule.rule,
      rule.clause,
      `按${triggerLabel(rule.informationalTrigger)}起算的期限为${L(informationalDue.at)}(仅供参考,${met ? '已满足' : '未满足'});处罚按${triggerLabel(rule.trigger)}起算`,
      `Deadline counted from ${rule.informationalTrigger} is ${L(informationalDue.at)} (informational, ${met ? 'met' : 'not met'}); enforcement counts from ${rule.trigger}`,
      { informationalDue: informationalDue.at },
    );
  }

  if (!due) {
    trace.add(
      rule.rule,
      rule.clause,
      `制度未规定${what}的具体期限,仅核对先后顺序`,
      `The regulation sets no number for the ${whatEn} deadline; only the order of events is checked`,
    );
    return { ...base, status: 'noDeadline', workingDaysLate: 0 };
  }

  const lateUnit = { unit: 'workingDays' as const };
  if (measuredAt === undefined) {
    const overdue = isLate(due, time.now);
    const late = overdue ? lateness(due, time.now, lateUnit, timeCtx).units : 0;
    trace.add(
      rule.rule,
      rule.clause,
      overdue
        ? `${rule.from}应于${L(due.at)}前向${rule.to}${what},截至${L(time.now)}仍未完成,已逾期${late}个工作日`
        : `${rule.from}应于${L(due.at)}前向${rule.to}${what},尚在期限内`,
      overdue
        ? `${rule.from} had to ${whatEn} to ${rule.to} by ${L(due.at)}; still not done at ${L(time.now)}, ${late} working day(s) late`
        : `${rule.from} must ${whatEn} to ${rule.to} by ${L(due.at)}; still within the deadline`,
      { triggeredAt, dueAt: due.at, now: time.now },
    );
    return { ...base, status: overdue ? 'overdue' : 'pending', workingDaysLate: late };
  }

  const late = isLate(due, measuredAt);
  const units = late ? lateness(due, measuredAt, lateUnit, timeCtx).units : 0;
  trace.add(
    rule.rule,
    rule.clause,
    late
      ? `${triggerLabel(rule.trigger)}于${L(triggeredAt)},期限${L(due.at)},实际${L(measuredAt)},超期${units}个工作日`
      : `${triggerLabel(rule.trigger)}于${L(triggeredAt)},期限${L(due.at)},实际${L(measuredAt)},按时`,
    late
      ? `${rule.trigger} at ${L(triggeredAt)}, due ${L(due.at)}, ${whatEn} at ${L(measuredAt)}: ${units} working day(s) late`
      : `${rule.trigger} at ${L(triggeredAt)}, due ${L(due.at)}, ${whatEn} at ${L(measuredAt)}: on time`,
    { triggeredAt, dueAt: due.at, measuredAt, workingDaysLate: units },
  );
  return { ...base, status: late ? 'late' : 'onTime', workingDaysLate: units };
}

function lateViolation(rule: HandoverRule, input: ParsedHandover, outcome: HandoverOutcome): Violation {
  const due = outcome.due;
  return violation(
    HANDOVER,
    { rule: rule.rule, clause: rule.clause },
    {
      code: 'records.handover.late',
      personId: input.responsible.personId,
      role: input.responsible.role ?? rule.from,
      ...(input.responsible.departmentId ? { departmentId: input.responsible.departmentId } : {}),
      // The breach happens when the deadline passes; that instant decides the month it counts in.
      occurredAt: due ? due.at : outcome.triggeredAt,
      quantity: input.quantity,
      lateBy: { unit: 'workingDays', units: outcome.workingDaysLate },
      subject: { kind: 'file', id: input.fileId },
      data: { fileTypeId: input.fileTypeId, trigger: rule.trigger, status: outcome.status },
    },
  );
}
