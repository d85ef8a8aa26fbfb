import {
  BilingualText,
  calendarBasisTrace,
  compareInstants,
  compileDeadline,
  type Deadline,
  type Decision,
  type Instant,
  InstantSchema,
  isLate,
  lateness,
  localDateOf,
  nearestKey,
  ownValue,
  parseInput,
  plainConstructor,
  recordOf,
  Trace,
  type TraceEntry,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import {
  findFileType,
  formatLocal,
  type RecordsContext,
  type ResolvedContext,
  resolveContext,
  triggerLabel,
  type Violation,
} from './context.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import { type FileType, type HandoverRule, IdSchema } from './schemas.js';

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
  const d = handoverModuleParts(parsed, policy, ctx);
  return { value: { ...d.result, violations: d.violations }, trace: d.trace };
}

/**
 * The handover rule on a module's parsed input: `{ result, violations }` and its trace, the module's
 * decision before its provenance.
 *
 * @internal
 */
export function handoverModuleParts(
  parsed: ParsedHandover,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): JudgedHandover {
  const time = resolveContext(ctx, policy);
  return judgeHandover(parsed, compiledHandoverOf(policy, parsed.fileTypeId), time);
}

type ParsedHandover = z.output<typeof HandoverInputSchema>;

/**
 * What `judgeHandover` reads of a file: the parsed input, or the same data read by hand by
 * `handoverBatch` (canonical instants, `quantity` defaulted).
 *
 * @internal
 */
export type HandoverView = {
  fileTypeId: string;
  fileId: string;
  responsible: { personId: string; role?: string | undefined; departmentId?: string | undefined };
  events: Readonly<Record<string, Instant>>;
  handedOverAt?: Instant | undefined;
  completedAt?: Instant | undefined;
  quantity: number;
};

/** A file type's handover rules prepared once: the events they count from. */
type CompiledHandover = {
  readonly fileType: FileType;
  /** The triggering events of the rules, in rule order (a name may repeat). */
  readonly triggers: readonly string[];
};

const compiledHandovers = new WeakMap<FileType, CompiledHandover>();

/**
 * The prepared handover rules of a policy's file type: `unknown_reference` at `fileTypeId` for an
 * unknown file type, `invalid_input` when it has no handover rule.
 *
 * @internal
 */
export function compiledHandoverOf(policy: RecordsPolicy, fileTypeId: string): CompiledHandover {
  const fileType = findFileType(policy, fileTypeId, ['fileTypeId']);
  if (fileType.handover.length === 0) {
    throw new ZhiduError(
      'invalid_input',
      ['fileTypeId'],
      `制度 ${policy.id} 中档案类型 "${fileType.id}" 没有移交规定 / file type "${fileType.id}" has no handover rule in policy ${policy.id}`,
    );
  }
  let hit = compiledHandovers.get(fileType);
  if (hit === undefined) {
    hit = {
      fileType,
      triggers: fileType.handover.flatMap((r) =>
        r.informationalTrigger ? [r.trigger, r.informationalTrigger] : [r.trigger],
      ),
    };
    compiledHandovers.set(fileType, hit);
  }
  return hit;
}

/** A handover check's parts: the result (without its violations), the violations, the trace. */
type JudgedHandover = {
  result: Omit<HandoverResult, 'violations'>;
  violations: Violation[];
  trace: TraceEntry[];
};

/**
 * The handover rule on a validated file (what `handoverOf` decides). Each rule's deadline is
 * computed once per triggering instant, zone and calendar (a bounded cache per rule: a batch or a
 * server sees the same delivery instants again), and local times are formatted once per instant.
 *
 * @internal
 */
export function judgeHandover(
  input: HandoverView,
  ch: CompiledHandover,
  time: ResolvedContext,
): JudgedHandover {
  const { fileType, triggers } = ch;
  const trace: TraceEntry[] = [];
  const outcomes: HandoverOutcome[] = [];
  const violations: Violation[] = [];
  // An event the file type's handover rules never count from is a typo (`delivry`), refused rather than ignored.
  for (const name of Object.keys(input.events)) {
    if (triggers.includes(name)) continue;
    const near = nearestKey(name, triggers);
    throw new ZhiduError(
      'unknown_key',
      ['events', name],
      `"${name}" 不是${fileType.id}的移交起算事件${near ? `;是否应为 \`${near}\`?` : ''} / "${name}" is not an event the handover of ${fileType.id} counts from (known: ${[...new Set(triggers)].join(', ')})${near ? `; did you mean \`${near}\`?` : ''}`,
    );
  }
  if (input.handedOverAt && input.completedAt && before(input.completedAt, input.handedOverAt)) {
    throw new ZhiduError(
      'out_of_order',
      ['completedAt'],
      '档案移交前不能已经齐全 / the full set cannot be complete before it was handed over',
    );
  }

  for (const rule of fileType.handover) {
    const outcome = evaluateRule(rule, input, time, trace);
    outcomes.push(outcome);
    if (outcome.status === 'late' || outcome.status === 'overdue') {
      violations.push(lateViolation(rule, input, outcome));
    }
  }
  const beyond = outcomes.some(
    (o) => o.due?.provisional === true || o.informationalDue?.provisional === true,
  );
  return new Judged(
    new ResultBody(input.fileId, outcomes),
    violations,
    beyond ? [...basisOfDues(outcomes, time), ...trace] : trace,
  );
}

/*
 * A decision's objects built by `new` on constructors whose prototype is `Object.prototype`: the
 * same plain objects (prototype, own keys in the same order, JSON) as the literals they replace,
 * made without a V8 allocation site, so a batch or a caller keeping many decisions does not have
 * every later decision allocated in the old generation (issue 21; see completeness-fast.ts).
 */

/** An outcome, `HandoverOutcome`'s keys in order. */
const Outcome = plainConstructor(function Outcome(
  this: HandoverOutcome,
  rule: string,
  trigger: string,
  triggeredAt: Instant,
  due: Deadline | null,
  informationalDue: Deadline | null,
  measuredAt: Instant | null,
  status: HandoverOutcome['status'],
  workingDaysLate: number,
) {
  this.rule = rule;
  this.trigger = trigger;
  this.triggeredAt = triggeredAt;
  this.due = due;
  this.informationalDue = informationalDue;
  this.measuredAt = measuredAt;
  this.status = status;
  this.workingDaysLate = workingDaysLate;
});

/** `{ rule, message }`, a trace entry before its clause and data. */
const Entry = plainConstructor(function Entry(
  this: TraceEntry,
  rule: string,
  message: { zh: string; en: string },
) {
  this.rule = rule;
  this.message = message;
});

/** The data of a measured rule's trace entry. */
const MeasuredData = plainConstructor(function MeasuredData(
  this: Record<string, unknown>,
  triggeredAt: Instant,
  dueAt: Instant,
  measuredAt: Instant,
  workingDaysLate: number,
) {
  this.triggeredAt = triggeredAt;
  this.dueAt = dueAt;
  this.measuredAt = measuredAt;
  this.workingDaysLate = workingDaysLate;
});

/** `{ fileId, outcomes }`, the result before its violations. */
const ResultBody = plainConstructor(function ResultBody(
  this: JudgedHandover['result'],
  fileId: string,
  outcomes: HandoverOutcome[],
) {
  this.fileId = fileId;
  this.outcomes = outcomes;
});

/** `{ result, violations, trace }`. */
const Judged = plainConstructor(function Judged(
  this: JudgedHandover,
  result: JudgedHandover['result'],
  violations: Violation[],
  trace: TraceEntry[],
) {
  this.result = result;
  this.violations = violations;
  this.trace = trace;
});

/** `{ unit: 'workingDays', units }`. */
const LateBy = plainConstructor(function LateBy(this: { unit: 'workingDays'; units: number }, units: number) {
  this.unit = 'workingDays';
  this.units = units;
});

/** `{ kind: 'file', id }`. */
const FileSubject = plainConstructor(function FileSubject(this: { kind: string; id: string }, id: string) {
  this.kind = 'file';
  this.id = id;
});

/** A late violation's data. */
const LateData = plainConstructor(function LateData(
  this: Record<string, unknown>,
  fileTypeId: string,
  trigger: string,
  status: string,
) {
  this.fileTypeId = fileTypeId;
  this.trigger = trigger;
  this.status = status;
});

/** A `records.handover.late` violation without a department (core `violation()`'s keys, in order). */
const LateViolation = plainConstructor(function LateViolation(
  this: Violation,
  personId: string,
  role: string,
  occurredAt: Instant,
  quantity: number,
  lateBy: { unit: 'workingDays'; units: number },
  subject: { kind: string; id: string },
  source: Violation['source'],
  data: Record<string, unknown>,
) {
  this.code = 'records.handover.late';
  this.personId = personId;
  this.role = role;
  this.occurredAt = occurredAt;
  this.quantity = quantity;
  this.lateBy = lateBy;
  this.subject = subject;
  this.source = source;
  this.data = data;
});

/**
 * Whether canonical instant `a` is earlier than `b` (`compareInstants(a, b) < 0`). Two canonical
 * instants of years 0000–9999 (`YYYY-MM-DDTHH:mm:ss.sssZ`, 24 characters) compare as strings, without
 * parsing either; any other form (an extended year) is parsed.
 *
 * @internal
 */
export function before(a: Instant, b: Instant): boolean {
  return a.length === 24 && b.length === 24 ? a < b : compareInstants(a, b) < 0;
}

/** A trace entry exactly as `Trace.add` builds it (rule, message, clause?, data?). */
function entry(
  rule: string,
  clause: string | undefined,
  zh: string,
  en: string,
  data?: Record<string, unknown>,
): TraceEntry {
  const e = new Entry(rule, new BilingualText(zh, en));
  if (clause !== undefined) e.clause = clause;
  if (data !== undefined) e.data = data;
  return e;
}

/**
 * A rule's deadlines and local-time labels under one zone and calendar, by instant (bounded): the
 * same delivery instants come back in a batch or a server, and calendars are immutable.
 */
type RuleTimes = {
  zone: string;
  calendar: ResolvedContext['calendar'];
  due: ((start: Instant) => Deadline) | undefined;
  deadlines: Map<Instant, Deadline>;
  labels: Map<Instant, string>;
  /** Working days late, by `<deadline instant>|<local date of the late instant>` (at most `MAX_CACHED`). */
  lateUnits: Map<string, number>;
};
const ruleTimes = new WeakMap<HandoverRule, RuleTimes>();
const MAX_CACHED = 4096;

function timesOf(rule: HandoverRule, time: ResolvedContext): RuleTimes {
  const hit = ruleTimes.get(rule);
  if (hit !== undefined && hit.zone === time.zone && hit.calendar === time.calendar) return hit;
  const fresh: RuleTimes = {
    zone: time.zone,
    calendar: time.calendar,
    due: undefined,
    deadlines: new Map(),
    labels: new Map(),
    lateUnits: new Map(),
  };
  ruleTimes.set(rule, fresh);
  return fresh;
}

/** The deadline of `within` from `start` (core `deadline`, once per instant), shared frozen. */
function dueFrom(
  times: RuleTimes,
  within: NonNullable<HandoverRule['within']>,
  start: Instant,
  time: ResolvedContext,
): Deadline {
  const known = times.deadlines.get(start);
  if (known !== undefined) return known;
  times.due ??= compileDeadline(within, { zone: time.zone, calendar: time.calendar });
  const d = times.due(start);
  if (d.provisionalYears) Object.freeze(d.provisionalYears);
  Object.freeze(d);
  if (times.deadlines.size >= MAX_CACHED) times.deadlines.clear();
  times.deadlines.set(start, d);
  return d;
}

const LATE_UNIT = { unit: 'workingDays' } as const;

/**
 * The working days by which `actual` missed `due` (core `lateness` in working days, for an
 * instant that is late): it depends on the instant only through its local date, so it is computed
 * once per deadline and local date under the rule's zone and calendar, in one map of at most
 * `MAX_CACHED` entries.
 */
function workingDaysLate(times: RuleTimes, due: Deadline, actual: Instant): number {
  const key = `${due.at}|${localDateOf(actual, times.zone)}`;
  const known = times.lateUnits.get(key);
  if (known !== undefined) return known;
  const units = lateness(due, actual, LATE_UNIT, { zone: times.zone, calendar: times.calendar }).units;
  if (times.lateUnits.size >= MAX_CACHED) times.lateUnits.clear();
  times.lateUnits.set(key, units);
  return units;
}

/** `formatLocal`, once per instant. */
function labelOf(times: RuleTimes, i: Instant): string {
  const known = times.labels.get(i);
  if (known !== undefined) return known;
  const label = formatLocal(i, times.zone);
  if (times.labels.size >= MAX_CACHED) times.labels.clear();
  times.labels.set(i, label);
  return label;
}

/**
 * Where the working days of dues beyond the calendar's data come from (`zhidu.calendar.provisional`
 * or `.workweek`, and the data years beside them), as a deadline explains it: a decision's provenance
 * then says `provisional: true`, as its due does.
 */
function basisOfDues(outcomes: readonly HandoverOutcome[], time: ResolvedContext): TraceEntry[] {
  const trace = new Trace();
  const seen = new Set<string>();
  for (const o of outcomes) {
    for (const due of [o.due, o.informationalDue]) {
      if (due?.provisional !== true) continue;
      const from = localDateOf(o.triggeredAt, time.zone);
      calendarBasisTrace(trace, time.calendar, from, localDateOf(due.at, time.zone), {
        when: 'notable',
        seen,
      });
    }
  }
  return [...trace.entries];
}

function evaluateRule(
  rule: HandoverRule,
  input: HandoverView,
  time: ResolvedContext,
  trace: TraceEntry[],
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
  if (input.handedOverAt !== undefined && before(input.handedOverAt, triggeredAt)) {
    throw new ZhiduError(
      'out_of_order',
      ['handedOverAt'],
      `移交时间 ${input.handedOverAt} 早于起算事件 ${rule.trigger} 的时间 ${triggeredAt} / handover at ${input.handedOverAt} is before the triggering event ${rule.trigger} at ${triggeredAt}`,
    );
  }
  const measuredAt =
    rule.measuredAt === 'complete' ? (input.completedAt ?? input.handedOverAt) : input.handedOverAt;
  const times = timesOf(rule, time);
  const due = rule.within ? dueFrom(times, rule.within, triggeredAt, time) : null;
  const informationalAt = rule.informationalTrigger
    ? ownValue(input.events, rule.informationalTrigger)
    : undefined;
  const informationalDue =
    rule.within && informationalAt ? dueFrom(times, rule.within, informationalAt, time) : null;

  const outcome = (status: HandoverOutcome['status'], workingDaysLate: number): HandoverOutcome =>
    new Outcome(
      rule.rule,
      rule.trigger,
      triggeredAt,
      due,
      informationalDue,
      measuredAt ?? null,
      status,
      workingDaysLate,
    );
  const L = (i: Instant): string => labelOf(times, i);
  const what = rule.measuredAt === 'complete' ? '补齐全套档案' : '移交档案';
  const whatEn = rule.measuredAt === 'complete' ? 'complete file' : 'handover';

  if (informationalDue && rule.informationalTrigger) {
    const met = measuredAt !== undefined && !isLate(informationalDue, measuredAt);
    trace.push(
      entry(
        rule.rule,
        rule.clause,
        `按${triggerLabel(rule.informationalTrigger)}起算的期限为${L(informationalDue.at)}(仅供参考,${met ? '已满足' : '未满足'});处罚按${triggerLabel(rule.trigger)}起算`,
        `Deadline counted from ${rule.informationalTrigger} is ${L(informationalDue.at)} (informational, ${met ? 'met' : 'not met'}); enforcement counts from ${rule.trigger}`,
        { informationalDue: informationalDue.at },
      ),
    );
  }

  if (!due) {
    trace.push(
      entry(
        rule.rule,
        rule.clause,
        `制度未规定${what}的具体期限,仅核对先后顺序`,
        `The regulation sets no number for the ${whatEn} deadline; only the order of events is checked`,
      ),
    );
    return outcome('noDeadline', 0);
  }

  if (measuredAt === undefined) {
    const overdue = isLate(due, time.now);
    const late = overdue ? workingDaysLate(times, due, time.now) : 0;
    trace.push(
      entry(
        rule.rule,
        rule.clause,
        overdue
          ? `${rule.from}应于${L(due.at)}前向${rule.to}${what},截至${L(time.now)}仍未完成,已逾期${late}个工作日`
          : `${rule.from}应于${L(due.at)}前向${rule.to}${what},尚在期限内`,
        overdue
          ? `${rule.from} had to ${whatEn} to ${rule.to} by ${L(due.at)}; still not done at ${L(time.now)}, ${late} working day(s) late`
          : `${rule.from} must ${whatEn} to ${rule.to} by ${L(due.at)}; still within the deadline`,
        { triggeredAt, dueAt: due.at, now: time.now },
      ),
    );
    return outcome(overdue ? 'overdue' : 'pending', late);
  }

  const late = lateAt(due, measuredAt);
  const units = late ? workingDaysLate(times, due, measuredAt) : 0;
  // Each local-time label once (both languages read it).
  const trigger = triggerLabel(rule.trigger);
  const triggeredLabel = L(triggeredAt);
  const dueLabel = L(due.at);
  const measuredLabel = L(measuredAt);
  trace.push(
    entry(
      rule.rule,
      rule.clause,
      late
        ? `${trigger}于${triggeredLabel},期限${dueLabel},实际${measuredLabel},超期${units}个工作日`
        : `${trigger}于${triggeredLabel},期限${dueLabel},实际${measuredLabel},按时`,
      late
        ? `${rule.trigger} at ${triggeredLabel}, due ${dueLabel}, ${whatEn} at ${measuredLabel}: ${units} working day(s) late`
        : `${rule.trigger} at ${triggeredLabel}, due ${dueLabel}, ${whatEn} at ${measuredLabel}: on time`,
      new MeasuredData(triggeredAt, due.at, measuredAt, units),
    ),
  );
  return outcome(late ? 'late' : 'onTime', units);
}

/**
 * `isLate(due, actual)` for a deadline and an instant that are canonical (issue 21): two canonical
 * instants of years 0000–9999 (24 characters) compare as strings, without parsing either; any
 * other form is read by `isLate`.
 *
 * @internal
 */
export function lateAt(due: Deadline, actual: Instant): boolean {
  const at = due.at;
  if (at.length === 24 && actual.length === 24) return due.inclusive ? actual > at : actual >= at;
  return isLate(due, actual);
}

/** The `source` of a rule's violations (what core `violation()` builds), shared frozen per rule. */
const sources = new WeakMap<HandoverRule, Violation['source']>();
function sourceOf(rule: HandoverRule): Violation['source'] {
  let source = sources.get(rule);
  if (source === undefined) {
    source = Object.freeze(
      rule.clause === undefined
        ? { module: HANDOVER, rule: rule.rule }
        : { module: HANDOVER, rule: rule.rule, clause: rule.clause },
    );
    sources.set(rule, source);
  }
  return source;
}

function lateViolation(rule: HandoverRule, input: HandoverView, outcome: HandoverOutcome): Violation {
  const due = outcome.due;
  const { personId, departmentId } = input.responsible;
  const role = input.responsible.role ?? rule.from;
  // The breach happens when the deadline passes; that instant decides the month it counts in.
  const occurredAt = due ? due.at : outcome.triggeredAt;
  const quantity = input.quantity;
  const units = outcome.workingDaysLate;
  // What core `violation()` builds from these fields, key for key, written directly for the
  // well-formed fields of a validated file (anything else is built, or refused, by `violation()`).
  if (
    typeof personId === 'string' &&
    personId.length > 0 &&
    typeof role === 'string' &&
    occurredAt.length === 24 &&
    Number.isSafeInteger(quantity) &&
    quantity >= 1 &&
    Number.isSafeInteger(units) &&
    units >= 0 &&
    input.fileId.length > 0
  ) {
    const lateBy = new LateBy(units);
    const subject = new FileSubject(input.fileId);
    const data = new LateData(input.fileTypeId, rule.trigger, outcome.status);
    return departmentId
      ? {
          code: 'records.handover.late',
          personId,
          role,
          departmentId,
          occurredAt,
          quantity,
          lateBy,
          subject,
          source: sourceOf(rule),
          data,
        }
      : new LateViolation(personId, role, occurredAt, quantity, lateBy, subject, sourceOf(rule), data);
  }
  return violation(
    HANDOVER,
    { rule: rule.rule, clause: rule.clause },
    {
      code: 'records.handover.late',
      personId,
      role,
      ...(departmentId ? { departmentId } : {}),
      occurredAt,
      quantity,
      lateBy: { unit: 'workingDays', units },
      subject: { kind: 'file', id: input.fileId },
      data: { fileTypeId: input.fileTypeId, trigger: rule.trigger, status: outcome.status },
    },
  );
}

/**
 * The refusal of a trigger named `__proto__`: the events record drops that key when it is read.
 * @internal
 */
export function protoEvent(fileTypeId: string): ZhiduError {
  return new ZhiduError(
    'invalid_input',
    ['events', '__proto__'],
    `${fileTypeId} 的档案移交时限自 "__proto__" 起算，但事件不能以 \`__proto__\` 为名：读入时该键被丢弃 / the handover of ${fileTypeId} counts from "__proto__", but no event can be named \`__proto__\`: the events record drops that key when it is read`,
  );
}
