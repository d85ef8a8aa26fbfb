import {
  BilingualText,
  calendarBasisTrace,
  type Deadline,
  type Decision,
  type EvalContext,
  LateBy,
  type Lateness,
  LatenessUnitSchema,
  lateness,
  localDateOf,
  localMinutesOf,
  ownValue,
  parseInput,
  plainConstructor,
  readsWorkCalendar,
  Trace,
  type TraceEntry,
  toEpochDay,
  toInstant,
  type Violation,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import type { ServicePolicy } from '../policy.js';
import { entry, meetsPercent, requiredCount } from '../shared.js';
import {
  CANONICAL,
  type CompletionTable,
  canonicalAt,
  columnsOf,
  type ParsedProgramme,
  type ProgrammeColumns,
  programmeLists,
  readCompletions,
  readProgramme,
  readTrigger,
  repeatedTrigger,
  type TriggerColumns,
  triggerColumns,
} from './programme-fast.js';
import type { FollowUpRule, ProgrammeInput } from './programme-schema.js';
import { dateOnly, type FollowUpTask, type Provenance, rulesFor, type TaskTimes, timesAt } from './tasks.js';

/** Status of a task when a programme is measured. */
export type TaskStatus = 'done' | 'doneLate' | 'tooEarly' | 'invalid' | 'overdue' | 'pending' | 'exempt';

/** A task with what happened to it. */
export type MeasuredTask = FollowUpTask & {
  status: TaskStatus;
  completedAt: string | null;
  /** Why a completion did not count (wrong channel or performer). */
  reason: string | null;
};

/** Achieved rate of one rule in one period. */
export type ProgrammeRate = {
  ruleKey: string;
  rule: string;
  period: string;
  total: number;
  counted: number;
  required: number;
  targetPercent: number;
  achievedPercent: number | null;
  met: boolean;
  /** False while some task of the period is not yet due: the rate can still change. */
  final: boolean;
};

/** The module whose violations `measureProgramme` emits (late or missed follow-ups, a rate below target). */
const FOLLOWUP = 'service.followup';

/** What `measureProgramme` returns. */
export type ProgrammeMeasurement = {
  tasks: MeasuredTask[];
  /** Open tasks not yet due. */
  due: MeasuredTask[];
  /** Breaches of hard rules, as core Violations for penalty. */
  violations: Violation[];
  /** Breaches of soft rules (宜/可), follow-ups done too early, and rates below target nobody answers for. */
  warnings: { code: string; rule: string; taskId: string | null; message: { zh: string; en: string } }[];
  rates: ProgrammeRate[];
};

/** Options of `measureProgramme`, validated. */
export const MeasureOptionsSchema = z.strictObject({
  /** Only these rule keys (default: all rules of the policy). */
  ruleKeys: z.array(z.string()).optional(),
  /** Who answers for a programme rate below target; without it rates are reported but not Violations. */
  accountable: z.strictObject({ personId: z.string().min(1), role: z.string().optional() }).optional(),
});
/** Options of `measureProgramme`. */
export type MeasureOptions = z.input<typeof MeasureOptionsSchema>;

/** The empty year set of a breach without provisional years (never added to: only a calendar unit adds). */
const NO_YEARS: Set<number> = new Set();
const LATENESS_UNITS: ReadonlySet<string> = new Set(LatenessUnitSchema.options);
const MS_PER_DAY = 86_400_000;
const WEEK_MS = 7 * MS_PER_DAY;
/**
 * No week or local day yet: the weeks (±1.5 × 10^7) and local days (±10^8) of instants a Date can
 * hold never reach it, and it is a small integer like them (a field holding it keeps their kind).
 */
const NONE_YET = -0x4000_0000;
/** The largest distance from the epoch a JavaScript Date can hold. */
const MAX_EPOCH_MS = 8.64e15;
/** Lateness units core's `lateness()` counts in fixed milliseconds (the others read local dates or the calendar). */
const UNIT_MS: Readonly<Record<string, number>> = {
  minutes: 60_000,
  hours: 3_600_000,
  blocks24h: 86_400_000,
};

/** Whether `violation()` keeps an instant as it is (it is already canonical). */
function isCanonical(at: string): boolean {
  if (at.length !== 24 || !CANONICAL.test(at)) return false;
  try {
    return toInstant(at) === at;
  } catch {
    return false;
  }
}

/** Whether a due instant is canonical (as `violation()` would keep it), asked once per instant. */
function isCanonicalDue(known: Map<string, boolean>, at: string): boolean {
  let ok = known.get(at);
  if (ok === undefined) {
    ok = isCanonical(at);
    known.set(at, ok);
  }
  return ok;
}

/**
 * Whether one of a trigger's flags is among a rule's exempt flags (as `flags.some((f) =>
 * exempt.includes(f))`, without a closure: one capturing the rule gave every task's loop step a
 * context object of its own).
 */
function exemptBy(flags: readonly string[], exempt: readonly string[]): boolean {
  if (exempt.length === 0) return false;
  for (let i = 0; i < flags.length; i++) if (exempt.includes(flags[i] as string)) return true;
  return false;
}

/**
 * Local days (days since 1970-01-01 in `zone`) of epoch milliseconds, exactly as core's
 * `localDateOf` reads them, without building a date string per instant: core holds a zone's offset
 * for a whole week when the week starts and ends on the same offset, and so does this (the offsets
 * read back from core's own local date and time); any other week is asked of core per instant.
 */
class LocalDays {
  private readonly weeks = new Map<number, number | null>();
  /** The last week asked and its offset (a trigger's act and due time often fall in its week). */
  private lastWeek = NONE_YET;
  private lastOffset: number | null = null;
  constructor(private readonly zone: string) {}

  /** The offset core applies at `ms` (NaN where core would refuse the instant). */
  private offsetAt(ms: number): number {
    if (Math.abs(ms) > MAX_EPOCH_MS) return Number.NaN;
    try {
      const wall =
        toEpochDay(localDateOf(ms, this.zone)) * MS_PER_DAY +
        Math.round(localMinutesOf(ms, this.zone) * 60_000);
      return wall - ms;
    } catch {
      return Number.NaN;
    }
  }

  /**
   * The offset core holds for the whole of `week` (weeks since the epoch, `Math.floor(ms / WEEK_MS)`),
   * or null when the week's offset changes (then ask {@link of}). A caller with the instant in a local
   * reads `Math.floor((ms + offset) / MS_PER_DAY)` itself: the week is a small integer, so no number
   * is boxed to pass it (an epoch-ms argument is, a heap number per call).
   */
  weekOffset(week: number): number | null {
    if (week === this.lastWeek) return this.lastOffset;
    let offset = this.weeks.get(week);
    if (offset === undefined) {
      const a = this.offsetAt(week * WEEK_MS);
      const b = this.offsetAt((week + 1) * WEEK_MS - 1);
      offset = a === b && !Number.isNaN(a) ? a : null;
      this.weeks.set(week, offset);
    }
    this.lastWeek = week;
    this.lastOffset = offset;
    return offset;
  }

  /** The local day of `ms`. */
  of(ms: number): number {
    const offset = this.weekOffset(Math.floor(ms / WEEK_MS));
    return offset === null ? toEpochDay(localDateOf(ms, this.zone)) : Math.floor((ms + offset) / MS_PER_DAY);
  }
}

type Counts = Record<TaskStatus, number>;
/** The statuses a rule's tally counts. */
const STATUS_COUNT = 7;
/** A status's position in `Counts` (done, doneLate, tooEarly, invalid, overdue, pending, exempt). */
function statusIndex(status: TaskStatus): number {
  switch (status) {
    case 'done':
      return 0;
    case 'doneLate':
      return 1;
    case 'tooEarly':
      return 2;
    case 'invalid':
      return 3;
    case 'overdue':
      return 4;
    case 'pending':
      return 5;
    default:
      return 6;
  }
}
type RateGroup = { rule: FollowUpRule; period: string; total: number; counted: number; final: boolean };
/** What a rule's tasks share within one call: the rule, its slot in the per-day caches, its rate groups. */
type RulePlan = {
  rule: FollowUpRule;
  /** The plan's position among the call's plans (its slot in each day's shared lateness). */
  index: number;
  /** Rules of one key share due-time cache entries and tallies (as the cache and tallies keyed by key did). */
  keySlot: number;
  /** `<key>:`, the start of each task id (one string per rule, not one per task). */
  prefix: string;
  /** Due and earliest times depend only on the trigger's local date. */
  byDay: boolean;
  /** A breach's violation can be built directly (see `directBreach`). */
  direct: boolean;
  late: string;
  missing: string;
  /** The source of the rule's usual breaches: the same for each, so built once and shared, frozen. */
  source: Violation['source'];
  /** The rule's rate groups by period. */
  groups: Map<string, RateGroup> | undefined;
};
/**
 * A local day met in a call: its date, its month, the times of each rule key's tasks opened that day,
 * and the lateness each rule's usual breaches of that day have shown so far (by plan index).
 */
type DayInfo = {
  day: string;
  month: string;
  times: (TaskTimes | undefined)[];
  lateBy: (SharedLateness | undefined)[] | undefined;
  /** Whether each rule key's due instant of that day is canonical (asked at its first usual missed breach). */
  canonicalDue: (boolean | undefined)[] | undefined;
  /** Each rule's rate group of that day's period (by plan index). */
  groups: (RateGroup | undefined)[] | undefined;
};
/**
 * The lateness a rule's usual breaches of one day share: the one of the tasks missed by now (all the
 * same: now minus the day's due time), and up to {@link SHARED_LATE_BY} of late completions.
 */
type SharedLateness = { missed: LateBy | undefined; late: LateBy[] };
/** The most distinct lateness values of late completions a rule's breaches of one day share (more are built each time). */
const SHARED_LATE_BY = 8;

/*
 * The objects of the answer (tasks, usual violations and their data and lateness, rates, warnings)
 * are built by `new` on constructors whose prototype is `Object.prototype` instead of literals: the
 * same plain objects (prototype, `constructor === Object`, own keys in the same order, the same JSON),
 * made without a V8 allocation site. A literal's site learns from the objects it made: when a
 * young-generation collection falls in the middle of a call, the tasks and violations already built
 * outlive it, and V8 then allocates every later object of that site in the old generation, for the
 * rest of the process (issue 21: a call of 100,000 follow-ups paid major collections and fresh
 * old-space pages for answers that die young, 1.3-1.5x its time, in some processes and not others).
 */

/** A measured task: `taskFor`'s keys in order (`provisional` and `provisionalYears` only when given), then status, completedAt, reason. */
const Task = plainConstructor(function Task(
  this: MeasuredTask,
  id: string,
  ruleKey: string,
  rule: string,
  triggerId: string,
  subjectId: string | null,
  personId: string | null,
  action: string,
  assigneeRole: string,
  channels: string[],
  earliest: string | null,
  due: Deadline | null,
  exempt: boolean,
  provisionalYears: number[] | undefined,
  status: TaskStatus,
  completedAt: string | null,
  reason: string | null,
) {
  this.id = id;
  this.ruleKey = ruleKey;
  this.rule = rule;
  this.triggerId = triggerId;
  this.subjectId = subjectId;
  this.personId = personId;
  this.action = action;
  this.assigneeRole = assigneeRole;
  this.channels = channels;
  this.earliest = earliest;
  this.due = due;
  this.exempt = exempt;
  if (provisionalYears !== undefined) {
    this.provisional = true;
    this.provisionalYears = provisionalYears;
  }
  this.status = status;
  this.completedAt = completedAt;
  this.reason = reason;
});

/** `{ taskId, due }`, a usual breach's data. */
const BreachData = plainConstructor(function BreachData(
  this: Record<string, unknown>,
  taskId: string,
  due: string,
) {
  this.taskId = taskId;
  this.due = due;
});

/** A usual breach's violation, core `violation()`'s keys in its order (no department, subject or quantity). */
const DirectViolation = plainConstructor(function DirectViolation(
  this: Violation,
  code: string,
  personId: string,
  role: string,
  occurredAt: string,
  lateBy: LateBy,
  source: Violation['source'],
  data: Record<string, unknown>,
) {
  this.code = code;
  this.personId = personId;
  this.role = role;
  this.occurredAt = occurredAt;
  this.lateBy = lateBy;
  this.source = source;
  this.data = data;
});

type WarningItem = ProgrammeMeasurement['warnings'][number];
/** `{ code, rule, taskId, message }`, a warning. */
const Warning = plainConstructor(function Warning(
  this: WarningItem,
  code: string,
  rule: string,
  taskId: string | null,
  message: { zh: string; en: string },
) {
  this.code = code;
  this.rule = rule;
  this.taskId = taskId;
  this.message = message;
});

/** A rate, `ProgrammeRate`'s keys in order. */
const Rate = plainConstructor(function Rate(
  this: ProgrammeRate,
  ruleKey: string,
  rule: string,
  period: string,
  total: number,
  counted: number,
  required: number,
  targetPercent: number,
  achievedPercent: number | null,
  met: boolean,
  final: boolean,
) {
  this.ruleKey = ruleKey;
  this.rule = rule;
  this.period = period;
  this.total = total;
  this.counted = counted;
  this.required = required;
  this.targetPercent = targetPercent;
  this.achievedPercent = achievedPercent;
  this.met = met;
  this.final = final;
});

/** `{ total, counted, required }`, the data of a rate's trace entry. */
const RateData = plainConstructor(function RateData(
  this: Record<string, unknown>,
  total: number,
  counted: number,
  required: number,
) {
  this.total = total;
  this.counted = counted;
  this.required = required;
});

/** `{ ruleKey, ...counts }`, the data of a rule key's tally entry (`Counts`' keys in order after the key). */
const KeyTally = plainConstructor(function KeyTally(
  this: Record<string, unknown>,
  ruleKey: string,
  c: Counts,
) {
  this.ruleKey = ruleKey;
  this.done = c.done;
  this.doneLate = c.doneLate;
  this.tooEarly = c.tooEarly;
  this.invalid = c.invalid;
  this.overdue = c.overdue;
  this.pending = c.pending;
  this.exempt = c.exempt;
});

/*
 * What a call keeps for each local day it meets (a few hundred a call) is built the same way, so
 * that its sites are not tenured either; its lists are made by `Array(n)` and `Array.of()`, which
 * (unlike `[]` and `new Array(n)`) have no allocation site.
 */

/** A day met, its caches still empty but the times'. */
const Day = plainConstructor(function Day(
  this: DayInfo,
  day: string,
  month: string,
  times: (TaskTimes | undefined)[],
) {
  this.day = day;
  this.month = month;
  this.times = times;
  this.lateBy = undefined;
  this.canonicalDue = undefined;
  this.groups = undefined;
});

/** The lateness a rule's usual breaches of one day share, none yet. */
const DayLateness = plainConstructor(function DayLateness(this: SharedLateness) {
  this.missed = undefined;
  this.late = Array.of<LateBy>();
});

/**
 * The lateness of a usual breach, frozen: the one already built for this rule and day when it has
 * the same units and milliseconds (a rule's breaches of one day missed by now all have the same, and
 * completions on the same day and hour too), else a new one, kept for the next breach (late ones
 * while the day keeps fewer than {@link SHARED_LATE_BY}). `shared` is undefined where the times are
 * not the same for the whole day.
 */
function lateByOf(
  shared: SharedLateness | undefined,
  missed: boolean,
  unit: string,
  units: number,
  ms: number,
): LateBy {
  if (shared === undefined) return Object.freeze(new LateBy(unit as LateBy['unit'], units, ms));
  if (missed) {
    const m = shared.missed;
    if (m !== undefined && m.ms === ms && m.units === units) return m;
    const l = Object.freeze(new LateBy(unit as LateBy['unit'], units, ms));
    if (m === undefined) shared.missed = l;
    return l;
  }
  const list = shared.late;
  for (let n = 0; n < list.length; n++) {
    const l = list[n] as LateBy;
    if (l.ms === ms && l.units === units) return l;
  }
  const l = Object.freeze(new LateBy(unit as LateBy['unit'], units, ms));
  if (list.length < SHARED_LATE_BY) list.push(l);
  return l;
}

/**
 * The usual breach's violation (a named person, no subject, reason or provisional year, a lateness
 * unit that does not read the calendar) as core's `violation()` builds it from these fields — key
 * for key, in the same order — without its checks: the rule's fields were checked once (`direct`),
 * the person is named, the units and milliseconds are whole counts by construction and the instant is
 * canonical (checked by the caller). Its `source` is the rule's, built once per call and shared,
 * frozen, by all its usual breaches (as records shares a file type's); its `lateBy` is frozen and
 * shared by the rule's breaches of one day with the same lateness ({@link lateByOf}).
 */
function directBreach(
  code: string,
  personId: string,
  role: string,
  occurredAt: string,
  lateBy: LateBy,
  source: Violation['source'],
  taskId: string,
  due: string,
): Violation {
  return new DirectViolation(code, personId, role, occurredAt, lateBy, source, new BreachData(taskId, due));
}

/** What a breach outside the usual case reads from its call. */
type BreachScope = {
  completedAt: string | null;
  ctx: EvalContext;
  provenance: Provenance;
  lateByNow: Map<TaskTimes, Lateness>;
  trace: TraceEntry[];
  violations: Violation[];
};

/**
 * A breach of a hard rule outside the usual case (nobody named, a subject, a reason, a provisional
 * year or a lateness counted on the calendar): attributed to the responsible role when nobody is
 * named (and traced), its years named, built and checked by core's `violation()`.
 */
function breach(
  r: FollowUpRule,
  kind: 'late' | 'missing',
  type: string,
  triggerId: string,
  subjectId: string | undefined,
  personId: string | undefined,
  assigneeRole: string,
  reason: string | null,
  due: Deadline,
  times: TaskTimes,
  taskId: string,
  s: BreachScope,
): void {
  const { ctx, provenance } = s;
  const code = `${r.violationCode}.${kind}`;
  const actual = kind === 'late' && s.completedAt !== null ? s.completedAt : ctx.now;
  // Nobody named: the breach stays a breach, answered by the policy's responsible role.
  const responsible = r.responsible ?? { role: assigneeRole };
  const answerable =
    personId === undefined
      ? {
          personId: `role:${responsible.role}`,
          role: responsible.role,
          ...(responsible.departmentId === undefined ? {} : { departmentId: responsible.departmentId }),
        }
      : { personId, role: assigneeRole };
  if (personId === undefined) {
    s.trace.push(
      entry(
        r,
        `${r.zh}:${triggerId}未注明责任人,按制度归责于岗位${responsible.role}${responsible.departmentId ? `(${responsible.departmentId})` : ''}`,
        `${r.en}: ${triggerId} names no person; the breach is attributed to the role ${responsible.role}${responsible.departmentId ? ` (${responsible.departmentId})` : ''} the policy names`,
        { taskId, attributedTo: 'role', role: responsible.role },
      ),
    );
  }
  // Missed by now: the lateness depends only on the due time, shared by a rule's tasks of one day.
  let late = actual === ctx.now ? s.lateByNow.get(times) : undefined;
  if (late === undefined) {
    late = lateness(due, actual, { unit: r.latenessUnit }, ctx);
    if (actual === ctx.now) s.lateByNow.set(times, late);
  }
  // A lateness counted in working time reads the calendar between the due time and the act.
  // The provisional years (a set only when there can be any: most breaches have none).
  const calendarUnit = readsWorkCalendar(r.latenessUnit);
  const provisionalYears = times.provisionalYears.length > 0 ? times.provisionalYears : undefined;
  const years: Set<number> =
    provisionalYears !== undefined || calendarUnit ? new Set(provisionalYears ?? []) : NO_YEARS;
  if (calendarUnit) {
    const basis = calendarBasisTrace(
      provenance.trace,
      ctx.calendar,
      localDateOf(due.at, ctx.zone),
      localDateOf(actual, ctx.zone),
      { when: 'notable', seen: provenance.seen },
    );
    for (const b of basis) if (b.kind !== 'data') years.add(b.year);
  }
  const lateBy = { unit: r.latenessUnit, units: late.units, ms: late.ms };
  const occurredAt = kind === 'late' ? actual : due.at;
  // The usual fields: the same, in the same order, without the spreads of the general form below.
  const plain = personId !== undefined && subjectId === undefined && reason === null && years.size === 0;
  s.violations.push(
    violation(
      FOLLOWUP,
      { rule: r.rule, clause: r.clause },
      plain
        ? {
            code,
            personId,
            role: assigneeRole,
            occurredAt,
            lateBy,
            data: { taskId, due: due.at },
          }
        : {
            code,
            ...answerable,
            occurredAt,
            lateBy,
            ...(subjectId === undefined ? {} : { subject: { kind: type, id: subjectId } }),
            data: {
              taskId,
              due: due.at,
              ...(personId === undefined ? { attributedTo: 'role' } : {}),
              ...(reason === null ? {} : { reason }),
              ...(years.size > 0
                ? { provisional: true, provisionalYears: [...years].sort((a, b) => a - b) }
                : {}),
            },
          },
    ),
  );
}

/**
 * Measures a follow-up programme at `ctx.now`: each task is done, done late, too early, invalid
 * (wrong channel or performer), overdue, pending or exempt; late and missing follow-ups of hard
 * rules become core Violations (`<violationCode>.late` / `.missing`, with `lateBy`); each rule with a
 * target gets its achieved rate per period (`done × 100 ≥ target × total`, exempt triggers left out
 * of the base), and a rate below target becomes `<violationCode>.rateBelowTarget` when an accountable
 * person is given. Working-day times beyond the calendar's data are flagged `provisional` (tasks, and
 * violations in their `data`), and the trace names the provisional year or the dated notice used.
 *
 * @param input - triggers and completions
 * @param policy - a service policy with `followUps`
 * @param ctx - evaluation context (`now`, zone, calendar)
 * @param options - rule filter and the person accountable for rates
 * @returns tasks, what is due, violations, warnings and rates
 * @throws ZhiduError `invalid_input` for malformed input, `duplicate` at `input.triggers[i].id` for a
 *   trigger listed twice, `unknown_reference` for a completion of an unknown trigger
 * @example
 * const ctx = makeContext({ now: '2024-03-20T09:00:00+08:00', calendar: chinaCalendar() });
 * const triggers = [
 *   { id: 'K-01', type: 'complaintHandled', at: '2024-03-04T10:00:00+08:00', level: 'general', personId: 'zhang' },
 *   { id: 'K-02', type: 'complaintHandled', at: '2024-03-05T10:00:00+08:00', level: 'general', personId: 'zhang' },
 * ];
 * const completions = [{ triggerId: 'K-01', action: 'revisit', at: '2024-03-06T15:00:00+08:00', role: 'propertyAssistant' }];
 * const m = measureProgramme({ triggers, completions }, s000bPropertyRevisitPolicy, ctx, { ruleKeys: ['complaintRevisit'] }).value;
 * m.tasks.map((t) => t.status); //=> ['done', 'overdue']
 * m.violations[0].code; //=> 'service.complaintRevisit.missing'
 */
export function measureProgramme(
  input: ProgrammeInput,
  policy: ServicePolicy,
  ctx: EvalContext,
  options: MeasureOptions = {},
): Decision<ProgrammeMeasurement> {
  return measureFast(input, policy, ctx, options) ?? measureColumns(input, policy, ctx, options);
}

/**
 * The measurement of a plainly well-formed programme in one pass: the completions read into columns,
 * then each trigger checked and measured as it is read (no column or copy per trigger). It gives the
 * decision {@link measureColumns} gives, or steps aside (undefined) at anything it cannot vouch for —
 * an entry zod must judge, a completion of an unknown trigger, any refusal — so that the general path
 * refuses the input with its error, in its order.
 */
function measureFast(
  input: unknown,
  policy: ServicePolicy,
  ctx: EvalContext,
  options: MeasureOptions,
): Decision<ProgrammeMeasurement> | undefined {
  try {
    const lists = programmeLists(input);
    if (lists === undefined) return undefined;
    const read = readCompletions(lists.completions);
    if (read === undefined) return undefined;
    const opts = parseInput(MeasureOptionsSchema, options, ['options']);
    const rules = rulesFor(policy, opts.ruleKeys);
    const m = new Measurement(read, rules, ctx);
    const one = triggerColumns(1);
    const { triggers } = lists;
    for (let i = 0; i < triggers.length; i++) {
      if (!readTrigger(triggers[i], one, 0)) return undefined;
      const head = m.claim(one.id[0] as string);
      // A trigger id met again goes to the general path, which refuses it.
      if (head === REPEATED) return undefined;
      m.trigger(one, 0, head);
    }
    if (m.unclaimed() !== -1) return undefined;
    return m.finish(opts, rules);
  } catch {
    return undefined;
  }
}

/** The measurement of any programme: validated by zod where needed, refused as before. */
function measureColumns(
  input: unknown,
  policy: ServicePolicy,
  ctx: EvalContext,
  options: MeasureOptions,
): Decision<ProgrammeMeasurement> {
  const read = readProgramme(input);
  return measureRead(read, policy, ctx, parseInput(MeasureOptionsSchema, options, ['options']));
}

/**
 * {@link measureProgramme} of a programme and options already validated (as `ProgrammeInputSchema`
 * and `MeasureOptionsSchema` output them: the `service.followup` module's parse), without
 * validating them again: the decision, or the refusal, `measureProgramme` gives for them.
 */
export function measureParsed(
  input: ParsedProgramme,
  policy: ServicePolicy,
  ctx: EvalContext,
  opts: z.output<typeof MeasureOptionsSchema>,
): Decision<ProgrammeMeasurement> {
  return measureRead(columnsOf(input), policy, ctx, opts);
}

/** The measurement of a programme read into columns, under options validated. */
function measureRead(
  { triggers: T, completions: C }: ProgrammeColumns,
  policy: ServicePolicy,
  ctx: EvalContext,
  opts: z.output<typeof MeasureOptionsSchema>,
): Decision<ProgrammeMeasurement> {
  const rules = rulesFor(policy, opts.ruleKeys);
  const m = new Measurement(C, rules, ctx);
  const heads = new Int32Array(T.length);
  for (let ti = 0; ti < T.length; ti++) {
    const head = m.claim(T.id[ti] as string);
    // A trigger id given twice is refused at its second trigger.
    if (head === REPEATED) throw repeatedTrigger(T.id[ti] as string, ['input', 'triggers', ti, 'id']);
    heads[ti] = head;
  }
  // A completion of an id no trigger has is refused at its first occurrence.
  const i = m.unclaimed();
  if (i !== -1) {
    const id = C.ids[i] as string;
    throw new ZhiduError(
      'unknown_reference',
      ['input', 'completions', i, 'triggerId'],
      `没有触发事项 "${id}" / no trigger "${id}"`,
    );
  }
  for (let ti = 0; ti < T.length; ti++) m.trigger(T, ti, heads[ti] as number);
  return m.finish(opts, rules);
}

/** What {@link Measurement.claim} answers for an id a trigger before had: a trigger id given twice. */
const REPEATED = -2;

/** Days a call keeps in an array around its first trigger's day (about 22 years). */
const DAY_SPAN = 8192;

/** Slots of a call's canonical completion instants, and the shift that takes a mixed minute's top bits to one. */
const ISO_SLOTS = 1024;
const ISO_SHIFT = 22;

/** Probes a lookup in {@link TriggerIdIndex} may take before the index steps aside to a Map. */
const MAX_PROBE = 32;
/** Seeds the index's hash per process (the answer never depends on it, only where ids sit). */
const HASH_SEED = (Math.random() * 0x1_0000_0000) | 0;

/** Mixes a number before its top bits are taken (Fibonacci hashing): the trigger-id filter's, the instants' slots. */
const FILTER_MIX = 0x9e3779b1 | 0;

/** A 32-bit FNV-1a hash of a string's UTF-16 code units, seeded. */
function hashOf(s: string): number {
  let h = HASH_SEED ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The first completion of each trigger id, the others of that id linked after it in input order
 * (`nextOf`): an open-addressing table over typed arrays, sized once (three to four times cheaper
 * than a Map of 10^5 strings: no rehashing, no entry per id). A probe longer than `MAX_PROBE` (ids
 * that happen, or are made, to collide) makes it step aside to a Map, so no input costs more than a
 * Map would.
 */
export class TriggerIdIndex {
  /** Distinct trigger ids among the completions. */
  size = 0;
  /** Completion index + 1 of the first completion of the id sitting in each slot (0: empty). */
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  /**
   * A filter of the ids held: one bit per class of their hashes (mixed, so apart from the slot the low
   * bits pick), set for every id; a lookup whose bit is clear is absent. A trigger with no completion
   * (the cursor finds the others) is answered here.
   */
  private readonly seen: Int32Array;
  private readonly seenShift: number;
  private map: Map<string, number> | undefined;

  /** The trigger id of each completion. */
  private readonly ids: readonly string[];

  /**
   * @param ids - the trigger id of each completion, in input order
   * @param nextOf - filled in: the next completion of the same id (−1: none), all −1 on entry
   * @param maxProbe - the longest probe before the Map takes over (tests lower it)
   */
  constructor(
    ids: readonly string[],
    nextOf: Int32Array,
    private readonly maxProbe = MAX_PROBE,
  ) {
    this.ids = ids;
    let capacity = 16;
    // log2 of twice the capacity: the filter's bits.
    let bits = 5;
    while (capacity < ids.length * 2) {
      capacity *= 2;
      bits++;
    }
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    // The filter has two bits per slot (at least four per id): a quarter or fewer of its bits are set.
    this.seen = new Int32Array(capacity >>> 4);
    this.seenShift = 32 - bits;
    const tailOf = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as string;
      const h = hashOf(id);
      const b = Math.imul(h, FILTER_MIX) >>> this.seenShift;
      this.seen[b >>> 5] = (this.seen[b >>> 5] as number) | (1 << (b & 31));
      let j = h & this.mask;
      let head = -1;
      for (let probes = 0; ; probes++) {
        const slot = this.slots[j] as number;
        if (slot === 0) break;
        if (this.hashes[j] === h && ids[slot - 1] === id) {
          head = slot - 1;
          break;
        }
        if (probes === this.maxProbe) {
          this.map = mapIndex(ids, nextOf);
          this.size = this.map.size;
          return;
        }
        j = (j + 1) & this.mask;
      }
      if (head === -1) {
        this.slots[j] = i + 1;
        this.hashes[j] = h;
        tailOf[i] = i;
        this.size++;
      } else {
        nextOf[tailOf[head] as number] = i;
        tailOf[head] = i;
      }
    }
  }

  /** The first completion of `id` (−1: none). */
  first(id: string): number {
    if (this.map !== undefined) return this.map.get(id) ?? -1;
    const h = hashOf(id);
    // No id of this hash's filter bit: absent, without reading the table (a read of it, and of the id
    // it holds, misses the cache for most lookups of a large table).
    const b = Math.imul(h, FILTER_MIX) >>> this.seenShift;
    if (((this.seen[b >>> 5] as number) & (1 << (b & 31))) === 0) return -1;
    let j = h & this.mask;
    for (let probes = 0; ; probes++) {
      const slot = this.slots[j] as number;
      if (slot === 0) return -1;
      if (this.hashes[j] === h && this.ids[slot - 1] === id) return slot - 1;
      if (probes === this.maxProbe) {
        const map = new Map<string, number>();
        for (const s of this.slots) if (s !== 0) map.set(this.ids[s - 1] as string, s - 1);
        this.map = map;
        return map.get(id) ?? -1;
      }
      j = (j + 1) & this.mask;
    }
  }
}

/** The same index as a Map: the first completion of each trigger id, the others linked in input order. */
export function mapIndex(ids: readonly string[], nextOf: Int32Array): Map<string, number> {
  nextOf.fill(-1);
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as string;
    const prev = last.get(id);
    if (prev === undefined) first.set(id, i);
    else nextOf[prev] = i;
    last.set(id, i);
  }
  return first;
}

/** One measurement in progress: the completions' index, the rules' plans, and what is found so far. */
class Measurement {
  /** The first completion of each trigger id. */
  private readonly ids: TriggerIdIndex;
  /** The next completion of the same trigger id, in input order (−1: none). */
  private readonly nextOf: Int32Array;
  /** Which first completions a trigger has claimed. */
  private readonly claimed: Uint8Array;
  private claimedIds = 0;
  private readonly slots = new Map<string, number>();
  private readonly plansByTrigger = new Map<string, RulePlan[]>();
  /** The last trigger type met and its plans (a programme's triggers are mostly of one type). */
  private lastType: string | undefined = undefined;
  private lastPlans: RulePlan[] | undefined = undefined;
  private planCount = 0;
  /** Tasks per rule key and status: `STATUS_COUNT` entries per key slot, in `Counts`' key order. */
  private readonly tallies: Int32Array;
  private readonly tasks: MeasuredTask[] = [];
  /** The pending tasks, in task order. */
  private readonly pending: MeasuredTask[] = [];
  private readonly violations: Violation[] = [];
  private readonly warnings: ProgrammeMeasurement['warnings'] = [];
  private readonly trace: TraceEntry[] = [];
  /** Rate groups in the order they first occur. */
  private readonly rateGroups: RateGroup[] = [];
  private readonly provenance: Provenance = { trace: new Trace(), seen: new Set() };
  /** `now` in epoch ms (parsed instants are canonical ISO UTC, so Date.parse is exact). */
  private readonly nowMs: number;
  private readonly lateByNow = new Map<TaskTimes, Lateness>();
  private readonly localDays: LocalDays;
  private readonly days = new Map<number, DayInfo>();
  /** The last local day met and its entry. */
  private lastDay = NONE_YET;
  /**
   * The days met within {@link DAY_SPAN} days around the first one, by their distance from `dayBase`
   * (an array read instead of a Map lookup per trigger); days further off are in {@link days}.
   */
  private readonly dayTable: (DayInfo | undefined)[] = new Array(DAY_SPAN);
  private dayBase = NONE_YET;
  private lastInfo: DayInfo | undefined = undefined;
  private readonly canonicalDue = new Map<string, boolean>();
  /**
   * The completions of the task being measured that perform its action (the first `n` entries): one
   * buffer for the call (emptying an array by its length gave its storage back, so each task
   * allocated a new one).
   */
  private candidates = new Int32Array(8);

  /** The epoch ms of each completion's instant. */
  private readonly Cms: Float64Array;
  /**
   * The canonical instants of completions written with an offset, by epoch ms (a slot per minute,
   * hashed into {@link ISO_SLOTS}; NaN: empty; a slot keeps the last instant written in it): an instant
   * met again while it holds its slot is the string already made, not a Date and a string per task.
   */
  private readonly isoMs = new Float64Array(ISO_SLOTS).fill(Number.NaN);
  private readonly isoAt: (string | undefined)[] = new Array(ISO_SLOTS);

  constructor(
    private readonly C: CompletionTable,
    rules: readonly FollowUpRule[],
    private readonly ctx: EvalContext,
  ) {
    this.Cms = C.ms;
    this.nextOf = new Int32Array(C.length).fill(-1);
    this.claimed = new Uint8Array(C.length);
    this.ids = new TriggerIdIndex(C.ids, this.nextOf);
    this.isHead = new Uint8Array(C.length).fill(1);
    for (let i = 0; i < C.length; i++) {
      const k = this.nextOf[i] as number;
      if (k !== -1) this.isHead[k] = 0;
    }
    this.cursor = this.headFrom(0);
    // One plan per rule; rules of one key share a slot (the due-time cache and tallies were keyed by key).
    for (const r of rules) {
      let keySlot = this.slots.get(r.key);
      if (keySlot === undefined) {
        keySlot = this.slots.size;
        this.slots.set(r.key, keySlot);
      }
      const plan: RulePlan = {
        rule: r,
        index: this.planCount++,
        keySlot,
        prefix: `${r.key}:`,
        byDay: dateOnly(r.due) && dateOnly(r.earliest),
        direct:
          typeof r.rule === 'string' &&
          r.rule.length > 0 &&
          (r.clause === undefined || typeof r.clause === 'string') &&
          LATENESS_UNITS.has(r.latenessUnit) &&
          !readsWorkCalendar(r.latenessUnit),
        late: `${r.violationCode}.late`,
        missing: `${r.violationCode}.missing`,
        source: Object.freeze(
          r.clause === undefined
            ? { module: FOLLOWUP, rule: r.rule }
            : { module: FOLLOWUP, rule: r.rule, clause: r.clause },
        ),
        groups: undefined,
      };
      const list = this.plansByTrigger.get(r.trigger);
      if (list === undefined) this.plansByTrigger.set(r.trigger, [plan]);
      else list.push(plan);
    }
    this.tallies = new Int32Array(this.slots.size * STATUS_COUNT);
    this.nowMs = Date.parse(ctx.now);
    this.localDays = new LocalDays(ctx.zone);
  }

  /**
   * Whether each completion is the first of its trigger id (1) or follows an earlier one (0): the
   * heads of {@link nextOf}'s lists.
   */
  private readonly isHead: Uint8Array;
  /** The next head {@link claim} expects (completions usually follow their triggers' order). */
  private cursor = 0;

  /** The first head at or after `i` (the completions' length: none). */
  private headFrom(i: number): number {
    const { isHead } = this;
    while (i < isHead.length && isHead[i] === 0) i++;
    return i;
  }

  /**
   * The first completion of a trigger's id (−1: none), or {@link REPEATED} when a trigger before had
   * the id: its first completion claimed already, or, without completions, the id met before (only
   * those ids are kept in a set: an id with completions is told by its claim).
   * The head the cursor points at is compared first: when its id is the trigger's, it is that id's
   * first completion (heads are one per id) and no hash is computed; otherwise the index answers and
   * the cursor moves past the head it found.
   */
  claim(id: string): number {
    let h = this.cursor;
    if (h < this.C.length && this.C.ids[h] === id) {
      this.cursor = this.headFrom(h + 1);
    } else {
      h = this.ids.first(id);
      if (h > this.cursor) this.cursor = this.headFrom(h + 1);
    }
    if (h === -1) {
      if (this.bare.has(id)) return REPEATED;
      this.bare.add(id);
      return -1;
    }
    if (this.claimed[h] !== 0) return REPEATED;
    this.claimed[h] = 1;
    this.claimedIds++;
    return h;
  }

  /** The ids of the triggers claimed so far that have no completion. */
  private readonly bare = new Set<string>();

  /** The first completion (input order) of an id no trigger claimed, or −1. */
  unclaimed(): number {
    if (this.claimedIds === this.ids.size) return -1;
    for (let i = 0; i < this.C.length; i++)
      if (this.claimed[this.ids.first(this.C.ids[i] as string)] === 0) return i;
    return -1;
  }

  /**
   * Whether the due instant of a rule key's tasks opened on a day is canonical, asked once per day and
   * key (those tasks share their times, so their due instant) rather than looked up per task.
   */
  private canonicalDueOfDay(info: DayInfo, keySlot: number, at: string): boolean {
    let known = info.canonicalDue;
    if (known === undefined) {
      known = Array(this.slots.size);
      info.canonicalDue = known;
    }
    let ok = known[keySlot];
    if (ok === undefined) {
      ok = isCanonicalDue(this.canonicalDue, at);
      known[keySlot] = ok;
    }
    return ok;
  }

  /** How many completions {@link candidatesOf} found. */
  private found = 0;

  /**
   * The completions from `head` on (one trigger's, in input order) that perform `action`, earliest
   * first and in input order on ties (as a stable sort by instant): the first {@link found} entries
   * of the returned buffer.
   */
  private candidatesOf(head: number, action: string): Int32Array {
    const actions = this.C.action;
    let out = this.candidates;
    let n = 0;
    for (let k = head; k !== -1; k = this.nextOf[k] as number) {
      if (actions[k] !== action) continue;
      if (n === out.length) {
        const grown = new Int32Array(n * 2);
        grown.set(out);
        out = grown;
        this.candidates = grown;
      }
      // Insertion by instant: a later entry moves only before strictly later ones (stable).
      const ms = this.Cms[k] as number;
      let j = n;
      while (j > 0 && (this.Cms[out[j - 1] as number] as number) > ms) {
        out[j] = out[j - 1] as number;
        j--;
      }
      out[j] = k;
      n++;
    }
    this.found = n;
    return out;
  }

  /** Measures the tasks trigger `ti` of `T` opens, `head` its first completion. */
  trigger(T: TriggerColumns, ti: number, head: number): void {
    const type = T.type[ti] as string;
    let plans: RulePlan[] | undefined;
    if (type === this.lastType) plans = this.lastPlans;
    else {
      plans = this.plansByTrigger.get(type);
      this.lastType = type;
      this.lastPlans = plans;
    }
    if (plans === undefined) return;
    const { C, ctx, nowMs } = this;
    const tId = T.id[ti] as string;
    const tMs = T.ms[ti] as number;
    // The local day, read here rather than by a call taking the epoch ms (a boxed number per trigger).
    const localDays = this.localDays;
    const tOffset = localDays.weekOffset(Math.floor(tMs / WEEK_MS));
    const local = tOffset === null ? localDays.of(tMs) : Math.floor((tMs + tOffset) / MS_PER_DAY);
    // The last day met is asked first (a programme in time order opens many tasks a day).
    if (this.dayBase === NONE_YET) this.dayBase = local - (DAY_SPAN >> 1);
    const dayAt = local - this.dayBase;
    const inTable = dayAt >= 0 && dayAt < DAY_SPAN;
    let info = local === this.lastDay ? this.lastInfo : inTable ? this.dayTable[dayAt] : this.days.get(local);
    if (info === undefined) {
      const day = localDateOf(tMs, ctx.zone);
      info = new Day(day, day.slice(0, 7), Array(this.slots.size));
      if (inTable) this.dayTable[dayAt] = info;
      else this.days.set(local, info);
    }
    this.lastDay = local;
    this.lastInfo = info;
    const subjectId = T.subjectId[ti];
    const tPerson = T.personId[ti];
    const level = T.level[ti];
    const flags = T.flags[ti];
    for (let pi = 0; pi < plans.length; pi++) {
      const plan = plans[pi] as RulePlan;
      const r = plan.rule;
      let times = plan.byDay ? info.times[plan.keySlot] : undefined;
      if (times === undefined) {
        times = timesAt(r, canonicalAt(T.at[ti] as string, tMs), ctx, this.provenance);
        if (plan.byDay) info.times[plan.keySlot] = times;
      }
      const exempt = flags !== undefined && flags.length > 0 && exemptBy(flags, r.exemptFlags);
      const dueMs = times.dueMs;
      // This rule's completions of the trigger, earliest first (input order on ties).
      const candidates = this.candidatesOf(head, r.action);
      const found = this.found;
      let status: TaskStatus;
      let completedAt: string | null = null;
      let reason: string | null = null;
      let valid = -1;
      for (let n = 0; n < found; n++) {
        const k = candidates[n] as number;
        const channel = C.channel === undefined ? undefined : C.channel[k];
        const role = C.role === undefined ? undefined : C.role[k];
        if (r.channels.length > 0 && (channel === undefined || !r.channels.includes(channel))) {
          reason = `channel ${channel ?? '(none)'} not allowed`;
          continue;
        }
        if (r.allowedRoles.length > 0 && (role === undefined || !r.allowedRoles.includes(role))) {
          reason = `performer role ${role ?? '(none)'} not allowed`;
          continue;
        }
        valid = k;
        break;
      }
      const due = times.due;
      // Whether an instant misses the deadline (after it when inclusive, at or after it otherwise), written
      // out here and below: a call taking epoch ms boxes them (a heap number each).
      const missedNow = due !== null && (due.inclusive ? nowMs > dueMs : nowMs >= dueMs);
      let atMs = nowMs;
      if (exempt) status = 'exempt';
      else if (valid !== -1) {
        atMs = this.Cms[valid] as number;
        // canonicalAt(at, atMs), written out for the same reason; an instant not written canonically is
        // written again only when another minute took its slot (completions of one day often share
        // their time).
        const doneAt = C.at[valid] as string;
        if (doneAt.length === 24 && CANONICAL.test(doneAt)) completedAt = doneAt;
        else {
          // The minute, mixed (Fibonacci hashing: the same time on other days falls in other slots).
          const slot = Math.imul((atMs / 60_000) | 0, FILTER_MIX) >>> ISO_SHIFT;
          if (this.isoMs[slot] === atMs) completedAt = this.isoAt[slot] as string;
          else {
            completedAt = new Date(atMs).toISOString();
            this.isoMs[slot] = atMs;
            this.isoAt[slot] = completedAt;
          }
        }
        reason = null;
        if (atMs < times.earliestMs) status = 'tooEarly';
        else status = due !== null && (due.inclusive ? atMs > dueMs : atMs >= dueMs) ? 'doneLate' : 'done';
      } else if (found > 0) status = 'invalid';
      else status = missedNow ? 'overdue' : 'pending';
      if (status === 'invalid' && !missedNow) status = 'pending';
      // The task, in one object: the keys and order of `taskFor`'s task, then status, completedAt, reason.
      const id = plan.prefix + tId;
      const assigneeRole =
        (level !== undefined ? ownValue(r.assigneeByLevel, level) : undefined) ?? r.assigneeRole;
      const task = new Task(
        id,
        r.key,
        r.rule,
        tId,
        subjectId ?? null,
        tPerson ?? null,
        r.action,
        assigneeRole,
        r.channels,
        times.earliest,
        due,
        exempt,
        times.provisionalYears.length === 0 ? undefined : [...times.provisionalYears],
        status,
        completedAt,
        reason,
      );
      this.tasks.push(task);
      // What is due, in task order (as a filter of the tasks by status would list them, without a pass over them).
      if (status === 'pending') this.pending.push(task);
      // The tally, by the status's position in `Counts` (a keyed store by the status text took V8's
      // megamorphic path).
      const tally = plan.keySlot * STATUS_COUNT + statusIndex(status);
      this.tallies[tally] = (this.tallies[tally] as number) + 1;

      // Breaches: late completion, or nothing valid by the due time.
      if (status === 'doneLate' || status === 'overdue' || status === 'invalid' || status === 'tooEarly') {
        const kind = status === 'doneLate' ? 'late' : status === 'tooEarly' ? 'tooEarly' : 'missing';
        const personId = valid === -1 || C.personId === undefined ? tPerson : (C.personId[valid] ?? tPerson);
        if (r.severity === 'soft' || kind === 'tooEarly' || due === null) {
          const message = new BilingualText(
            `${r.zh}:${kind === 'late' ? '逾期完成' : kind === 'tooEarly' ? '过早进行' : '逾期未完成'}(${tId})`,
            `${r.en}: ${kind === 'late' ? 'done late' : kind === 'tooEarly' ? 'done too early' : 'not done by the deadline'} (${tId})`,
          );
          this.warnings.push(new Warning(`${r.violationCode}.${kind}`, r.rule, id, message));
        } else if (
          plan.direct &&
          personId !== undefined &&
          personId.length > 0 &&
          typeof assigneeRole === 'string' &&
          subjectId === undefined &&
          reason === null &&
          times.provisionalYears.length === 0 &&
          (kind === 'late' ||
            (plan.byDay
              ? this.canonicalDueOfDay(info, plan.keySlot, due.at)
              : isCanonicalDue(this.canonicalDue, due.at)))
        ) {
          // The usual breach; its lateness as core's `lateness()` counts it (every started unit, at least one).
          const late = kind === 'late';
          const ms = atMs - dueMs;
          const per = UNIT_MS[r.latenessUnit];
          let units: number;
          if (per !== undefined) units = Math.max(1, Math.ceil(ms / per));
          else {
            // Local days of the act and the due time, read here (as the trigger's, without boxing).
            const aOffset = localDays.weekOffset(Math.floor(atMs / WEEK_MS));
            const dOffset = localDays.weekOffset(Math.floor(dueMs / WEEK_MS));
            const aDay = aOffset === null ? localDays.of(atMs) : Math.floor((atMs + aOffset) / MS_PER_DAY);
            const dDay = dOffset === null ? localDays.of(dueMs) : Math.floor((dueMs + dOffset) / MS_PER_DAY);
            units = Math.max(1, aDay - dDay);
          }
          let shared: SharedLateness | undefined;
          if (plan.byDay) {
            if (info.lateBy === undefined) info.lateBy = Array(this.planCount);
            shared = info.lateBy[plan.index];
            if (shared === undefined) {
              shared = new DayLateness();
              info.lateBy[plan.index] = shared;
            }
          }
          // The lateness the day already shares, looked up here (lateByOf's lookup, without boxing `ms`
          // to pass it); lateByOf builds, or finds, it otherwise.
          let lateBy: LateBy | undefined;
          if (shared !== undefined) {
            if (late) {
              const list = shared.late;
              for (let n = 0; n < list.length; n++) {
                const l = list[n] as LateBy;
                if (l.ms === ms && l.units === units) {
                  lateBy = l;
                  break;
                }
              }
            } else {
              const m = shared.missed;
              if (m !== undefined && m.ms === ms && m.units === units) lateBy = m;
            }
          }
          if (lateBy === undefined) lateBy = lateByOf(shared, !late, r.latenessUnit, units, ms);
          this.violations.push(
            directBreach(
              late ? plan.late : plan.missing,
              personId,
              assigneeRole,
              late ? (completedAt as string) : due.at,
              lateBy,
              plan.source,
              id,
              due.at,
            ),
          );
        } else {
          breach(
            r,
            kind,
            T.type[ti] as string,
            tId,
            subjectId,
            personId,
            assigneeRole,
            reason,
            due,
            times,
            id,
            {
              completedAt,
              ctx,
              provenance: this.provenance,
              lateByNow: this.lateByNow,
              trace: this.trace,
              violations: this.violations,
            },
          );
        }
      }

      if (r.targetPercent !== undefined && status !== 'exempt') {
        // The rate group of the day's period, held by the day (one Map lookup per rule and day, not per task).
        let dayGroups = info.groups;
        if (dayGroups === undefined) {
          dayGroups = Array(this.planCount);
          info.groups = dayGroups;
        }
        let g = dayGroups[plan.index];
        if (g === undefined) {
          const period = r.ratePeriod === 'month' ? info.month : 'all';
          let groups = plan.groups;
          if (groups === undefined) {
            groups = new Map();
            plan.groups = groups;
          }
          g = groups.get(period);
          if (g === undefined) {
            g = { rule: r, period, total: 0, counted: 0, final: true };
            groups.set(period, g);
            this.rateGroups.push(g);
          }
          dayGroups[plan.index] = g;
        }
        g.total += 1;
        if (status === 'done' || (status === 'doneLate' && r.lateCountsForRate)) g.counted += 1;
        if (status === 'pending') g.final = false;
      }
    }
  }

  /** The tallies of a key slot as `Counts` (undefined: no task of that key). */
  private countsOf(keySlot: number): Counts | undefined {
    const t = this.tallies;
    const at = keySlot * STATUS_COUNT;
    let total = 0;
    for (let i = 0; i < STATUS_COUNT; i++) total += t[at + i] as number;
    if (total === 0) return undefined;
    return {
      done: t[at] as number,
      doneLate: t[at + 1] as number,
      tooEarly: t[at + 2] as number,
      invalid: t[at + 3] as number,
      overdue: t[at + 4] as number,
      pending: t[at + 5] as number,
      exempt: t[at + 6] as number,
    };
  }

  /** The decision: tallies per rule, rates per rule and period (below target: a violation or warning), provenance. */
  finish(
    opts: z.output<typeof MeasureOptionsSchema>,
    rules: readonly FollowUpRule[],
  ): Decision<ProgrammeMeasurement> {
    const { ctx, tasks, violations, warnings, trace } = this;
    for (const r of rules) {
      const c = this.countsOf(this.slots.get(r.key) as number);
      if (c === undefined) continue;
      trace.push(
        entry(
          r,
          `${r.zh}:按时${c.done},逾期完成${c.doneLate},逾期未完成${c.overdue + c.invalid},待办${c.pending},免于${c.exempt}`,
          `${r.en}: ${c.done} on time, ${c.doneLate} late, ${c.overdue + c.invalid} missed, ${c.pending} pending, ${c.exempt} exempt`,
          new KeyTally(r.key, c),
        ),
      );
    }

    const rates: ProgrammeRate[] = [];
    for (const g of this.rateGroups) {
      const target = g.rule.targetPercent ?? 0;
      const required = requiredCount(g.total, target);
      const met = meetsPercent(g.counted, g.total, target);
      rates.push(
        new Rate(
          g.rule.key,
          g.rule.rule,
          g.period,
          g.total,
          g.counted,
          required,
          target,
          g.total === 0 ? null : (g.counted * 100) / g.total,
          met,
          g.final,
        ),
      );
      trace.push(
        entry(
          g.rule,
          `${g.rule.zh}(${g.period}):${g.counted}/${g.total},需${required},${met ? '达标' : '未达标'}(目标${target}%)`,
          `${g.rule.en} (${g.period}): ${g.counted}/${g.total}, ${required} needed for ${target}% → ${met ? 'met' : 'not met'}`,
          new RateData(g.total, g.counted, required),
        ),
      );
      if (!met && g.final) {
        const code = `${g.rule.violationCode}.rateBelowTarget`;
        const message = new BilingualText(
          `${g.rule.zh}(${g.period})回访率未达${target}%`,
          `${g.rule.en} (${g.period}) below ${target}%`,
        );
        if (opts.accountable && g.rule.severity === 'hard') {
          violations.push(
            violation(
              FOLLOWUP,
              { rule: g.rule.rule, clause: g.rule.clause },
              {
                code,
                personId: opts.accountable.personId,
                ...(opts.accountable.role === undefined ? {} : { role: opts.accountable.role }),
                occurredAt: ctx.now,
                quantity: required - g.counted,
                data: {
                  period: g.period,
                  total: g.total,
                  counted: g.counted,
                  required,
                  targetPercent: target,
                },
              },
            ),
          );
        } else warnings.push(new Warning(code, g.rule.rule, null, message));
      }
    }
    trace.push(...this.provenance.trace.entries);
    rates.sort((a, b) =>
      a.ruleKey === b.ruleKey ? a.period.localeCompare(b.period) : a.ruleKey.localeCompare(b.ruleKey),
    );
    return {
      value: { tasks, due: this.pending, violations, warnings, rates },
      trace,
    };
  }
}
