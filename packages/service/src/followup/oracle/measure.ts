// The measure loop before issue 21's columnar rewrite, kept as the test oracle of
// `measure.test`'s seeded old-vs-new properties (not exported by the package).
import {
  calendarBasisTrace,
  compareInstants,
  type Deadline,
  type Decision,
  type EvalContext,
  type Lateness,
  LatenessUnitSchema,
  lateness,
  localDateOf,
  parseInput,
  readsWorkCalendar,
  Trace,
  type TraceEntry,
  toInstant,
  type Violation,
  violation,
  ZhiduError,
} from '@zhidu/core';
import type { ServicePolicy } from '../../policy.js';
import { entry, meetsPercent, requiredCount } from '../../shared.js';
import type {
  MeasuredTask,
  MeasureOptions,
  ProgrammeMeasurement,
  ProgrammeRate,
  TaskStatus,
} from '../measure.js';
import { MeasureOptionsSchema } from '../measure.js';
import { parseProgrammeInput, refuseRepeatedTriggers } from '../programme-fast.js';
import type { Completion, FollowUpRule, ProgrammeInput, Trigger } from '../programme-schema.js';

import {
  assigneeOf,
  type DueCache,
  isExempt,
  type Provenance,
  rulesByTrigger,
  rulesFor,
  type TaskTimes,
  taskTimes,
} from '../tasks.js';

/** The module whose violations `measureProgramme` emits (late or missed follow-ups, a rate below target). */
const FOLLOWUP = 'service.followup';

/** The empty year set of a breach without provisional years (never added to: only a calendar unit adds). */
const NO_YEARS: Set<number> = new Set();
const LATENESS_UNITS: ReadonlySet<string> = new Set(LatenessUnitSchema.options);
const count = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
/** Whether `violation()` keeps an instant as it is (it is already canonical). */
function isCanonical(at: string): boolean {
  try {
    return toInstant(at) === at;
  } catch {
    return false;
  }
}

/**
 * The usual breach's violation (a named person, no subject, reason or provisional year) as core's
 * `violation()` builds it from these fields — key for key, in the same order — without its checks and
 * spreads, when every field is one `violation()` accepts as is (instants here are canonical ISO);
 * `undefined` otherwise, and `violation()` then builds or refuses it as before.
 */
function plainBreach(
  r: FollowUpRule,
  code: string,
  personId: string,
  role: string | undefined,
  occurredAt: string,
  lateBy: { unit: string; units: number; ms: number | undefined },
  task: { id: string; due: Deadline | null },
): Violation | undefined {
  if (
    personId.length === 0 ||
    typeof role !== 'string' ||
    typeof r.rule !== 'string' ||
    r.rule.length === 0 ||
    (r.clause !== undefined && typeof r.clause !== 'string') ||
    !LATENESS_UNITS.has(lateBy.unit) ||
    !count(lateBy.units) ||
    (lateBy.ms !== undefined && !count(lateBy.ms)) ||
    task.due === null ||
    !isCanonical(occurredAt)
  )
    return undefined;
  return {
    code,
    personId,
    role,
    occurredAt,
    lateBy: (lateBy.ms === undefined
      ? { unit: lateBy.unit, units: lateBy.units }
      : { unit: lateBy.unit, units: lateBy.units, ms: lateBy.ms }) as Violation['lateBy'],
    source:
      r.clause === undefined
        ? { module: FOLLOWUP, rule: r.rule }
        : { module: FOLLOWUP, rule: r.rule, clause: r.clause },
    data: { taskId: task.id, due: task.due.at },
  };
}

/** Whether `atMs` misses a deadline whose instant is `dueMs` (instants here are canonical ISO). */
function missed(due: Deadline, dueMs: number, atMs: number): boolean {
  return due.inclusive ? atMs > dueMs : atMs >= dueMs;
}

const NONE: readonly Completion[] = Object.freeze([]);

/** The completions of one trigger that perform `action`, earliest first (input order on ties). */
function completionsOf(found: Completion[] | undefined, action: string): readonly Completion[] {
  if (found === undefined) return NONE;
  if (found.length === 1) return (found[0] as Completion).action === action ? found : NONE;
  const of = found.filter((c) => c.action === action);
  return of.length > 1 ? of.sort((a, b) => compareInstants(a.at, b.at)) : of;
}

/**
 * A task with what happened to it, built in one object with the keys and order of `taskFor`'s task
 * followed by status, completedAt and reason.
 */
function measuredTask(
  rule: FollowUpRule,
  t: Trigger,
  times: TaskTimes,
  exempt: boolean,
  status: TaskStatus,
  completedAt: string | null,
  reason: string | null,
): MeasuredTask {
  const id = `${rule.key}:${t.id}`;
  const assigneeRole = assigneeOf(rule, t);
  if (times.provisionalYears.length === 0) {
    return {
      id,
      ruleKey: rule.key,
      rule: rule.rule,
      triggerId: t.id,
      subjectId: t.subjectId ?? null,
      personId: t.personId ?? null,
      action: rule.action,
      assigneeRole,
      channels: rule.channels,
      earliest: times.earliest,
      due: times.due,
      exempt,
      status,
      completedAt,
      reason,
    };
  }
  return {
    id,
    ruleKey: rule.key,
    rule: rule.rule,
    triggerId: t.id,
    subjectId: t.subjectId ?? null,
    personId: t.personId ?? null,
    action: rule.action,
    assigneeRole,
    channels: rule.channels,
    earliest: times.earliest,
    due: times.due,
    exempt,
    provisional: true,
    provisionalYears: [...times.provisionalYears],
    status,
    completedAt,
    reason,
  };
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
 * @throws ZhiduError `invalid_input` for malformed input, `unknown_reference` for a completion of an unknown trigger
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
export function measureProgrammeOracle(
  input: ProgrammeInput,
  policy: ServicePolicy,
  ctx: EvalContext,
  options: MeasureOptions = {},
): Decision<ProgrammeMeasurement> {
  const data = parseProgrammeInput(input);
  const opts = parseInput(MeasureOptionsSchema, options, ['options']);
  const rules = rulesFor(policy, opts.ruleKeys);
  // A trigger id given twice is refused, as measureProgramme refuses it.
  refuseRepeatedTriggers(
    data.triggers.map((t) => t.id),
    ['input', 'triggers'],
  );
  // Completions by the index of the first trigger with their id, in input order; a completion of
  // an id no trigger has is refused at its first occurrence.
  const triggers = data.triggers;
  const firstOf = new Map<string, number>();
  for (let i = triggers.length - 1; i >= 0; i--) firstOf.set((triggers[i] as Trigger).id, i);
  // Ids are usually unique: then a trigger's slot is its own index.
  const slotOf =
    firstOf.size === triggers.length ? null : Int32Array.from(triggers, (t) => firstOf.get(t.id) as number);
  const completionsBy: (Completion[] | undefined)[] = new Array(triggers.length);
  for (let i = 0; i < data.completions.length; i++) {
    const c = data.completions[i] as Completion;
    const slot = firstOf.get(c.triggerId);
    if (slot === undefined) {
      throw new ZhiduError(
        'unknown_reference',
        ['input', 'completions', i, 'triggerId'],
        `没有触发事项 "${c.triggerId}" / no trigger "${c.triggerId}"`,
      );
    }
    const list = completionsBy[slot];
    if (list === undefined) completionsBy[slot] = [c];
    else list.push(c);
  }
  const byTrigger = rulesByTrigger(rules);

  const tasks: MeasuredTask[] = [];
  const violations: Violation[] = [];
  const warnings: ProgrammeMeasurement['warnings'] = [];
  const trace: TraceEntry[] = [];
  type RateGroup = { rule: FollowUpRule; period: string; total: number; counted: number; final: boolean };
  // Rate groups in the order they first occur, found by rule then period.
  const rateGroups: RateGroup[] = [];
  const groupsByRule = new Map<FollowUpRule, Map<string, RateGroup>>();
  const counts = new Map<string, Record<TaskStatus, number>>();
  const cache: DueCache = new Map();
  const provenance: Provenance = { trace: new Trace(), seen: new Set() };
  // Parsed instants are canonical ISO UTC strings, so Date.parse is exact and cheap here.
  const nowMs = Date.parse(ctx.now);
  const lateByNow = new Map<TaskTimes, Lateness>();

  for (let ti = 0; ti < triggers.length; ti++) {
    const t = triggers[ti] as Trigger;
    const rulesOfType = byTrigger.get(t.type);
    if (rulesOfType === undefined) continue;
    const day = localDateOf(t.at, ctx.zone);
    for (const r of rulesOfType) {
      const times = taskTimes(r, t, ctx, cache, day, provenance);
      const exempt = isExempt(r, t);
      const dueMs = times.dueMs;
      const candidates = completionsOf(
        completionsBy[slotOf === null ? ti : (slotOf[ti] as number)],
        r.action,
      );
      let status: TaskStatus;
      let completedAt: string | null = null;
      let reason: string | null = null;
      let valid: Completion | undefined;
      for (const c of candidates) {
        if (r.channels.length > 0 && (c.channel === undefined || !r.channels.includes(c.channel))) {
          reason = `channel ${c.channel ?? '(none)'} not allowed`;
          continue;
        }
        if (r.allowedRoles.length > 0 && (c.role === undefined || !r.allowedRoles.includes(c.role))) {
          reason = `performer role ${c.role ?? '(none)'} not allowed`;
          continue;
        }
        valid = c;
        break;
      }
      const due = times.due;
      if (exempt) status = 'exempt';
      else if (valid) {
        completedAt = valid.at;
        reason = null;
        const atMs = Date.parse(valid.at);
        if (atMs < times.earliestMs) status = 'tooEarly';
        else status = due !== null && missed(due, dueMs, atMs) ? 'doneLate' : 'done';
      } else if (candidates.length > 0) status = 'invalid';
      else status = due !== null && missed(due, dueMs, nowMs) ? 'overdue' : 'pending';
      if (status === 'invalid' && (due === null || !missed(due, dueMs, nowMs))) status = 'pending';
      const task = measuredTask(r, t, times, exempt, status, completedAt, reason);
      tasks.push(task);
      const c = counts.get(r.key) ?? {
        done: 0,
        doneLate: 0,
        tooEarly: 0,
        invalid: 0,
        overdue: 0,
        pending: 0,
        exempt: 0,
      };
      c[status] += 1;
      counts.set(r.key, c);

      // Breaches: late completion, or nothing valid by the due time.
      if (status === 'doneLate' || status === 'overdue' || status === 'invalid' || status === 'tooEarly') {
        const kind = status === 'doneLate' ? 'late' : status === 'tooEarly' ? 'tooEarly' : 'missing';
        const code = `${r.violationCode}.${kind}`;
        const actual = status === 'doneLate' && completedAt !== null ? completedAt : ctx.now;
        const personId = valid?.personId ?? t.personId;
        if (r.severity === 'soft' || kind === 'tooEarly' || task.due === null) {
          const message = {
            zh: `${r.zh}:${kind === 'late' ? '逾期完成' : kind === 'tooEarly' ? '过早进行' : '逾期未完成'}(${t.id})`,
            en: `${r.en}: ${kind === 'late' ? 'done late' : kind === 'tooEarly' ? 'done too early' : 'not done by the deadline'} (${t.id})`,
          };
          warnings.push({ code, rule: r.rule, taskId: task.id, message });
        } else {
          // Nobody named: the breach stays a breach, answered by the policy's responsible role.
          const responsible = r.responsible ?? { role: task.assigneeRole };
          const answerable =
            personId === undefined
              ? {
                  personId: `role:${responsible.role}`,
                  role: responsible.role,
                  ...(responsible.departmentId === undefined
                    ? {}
                    : { departmentId: responsible.departmentId }),
                }
              : { personId, role: task.assigneeRole };
          if (personId === undefined) {
            trace.push(
              entry(
                r,
                `${r.zh}:${t.id}未注明责任人,按制度归责于岗位${responsible.role}${responsible.departmentId ? `(${responsible.departmentId})` : ''}`,
                `${r.en}: ${t.id} names no person; the breach is attributed to the role ${responsible.role}${responsible.departmentId ? ` (${responsible.departmentId})` : ''} the policy names`,
                { taskId: task.id, attributedTo: 'role', role: responsible.role },
              ),
            );
          }
          // Missed by now: the lateness depends only on the due time, shared by a rule's tasks of one day.
          let late = actual === ctx.now ? lateByNow.get(times) : undefined;
          if (late === undefined) {
            late = lateness(task.due, actual, { unit: r.latenessUnit }, ctx);
            if (actual === ctx.now) lateByNow.set(times, late);
          }
          // A lateness counted in working time reads the calendar between the due time and the act.
          // The provisional years (a set only when there can be any: most breaches have none).
          const calendarUnit = readsWorkCalendar(r.latenessUnit);
          const years: Set<number> =
            task.provisionalYears !== undefined || calendarUnit
              ? new Set(task.provisionalYears ?? [])
              : NO_YEARS;
          if (calendarUnit) {
            const basis = calendarBasisTrace(
              provenance.trace,
              ctx.calendar,
              localDateOf(task.due.at, ctx.zone),
              localDateOf(actual, ctx.zone),
              { when: 'notable', seen: provenance.seen },
            );
            for (const b of basis) if (b.kind !== 'data') years.add(b.year);
          }
          const lateBy = { unit: r.latenessUnit, units: late.units, ms: late.ms };
          const occurredAt = kind === 'late' ? actual : task.due.at;
          // The usual breach (a named person, no subject, reason or provisional year): the same fields,
          // in the same order, without the spreads of the general form below.
          const plain =
            personId !== undefined && t.subjectId === undefined && reason === null && years.size === 0;
          const direct = plain
            ? plainBreach(r, code, personId, task.assigneeRole, occurredAt, lateBy, task)
            : undefined;
          violations.push(
            direct ??
              violation(
                FOLLOWUP,
                { rule: r.rule, clause: r.clause },
                plain
                  ? {
                      code,
                      personId,
                      role: task.assigneeRole,
                      occurredAt,
                      lateBy,
                      data: { taskId: task.id, due: task.due.at },
                    }
                  : {
                      code,
                      ...answerable,
                      occurredAt,
                      lateBy,
                      ...(t.subjectId === undefined ? {} : { subject: { kind: t.type, id: t.subjectId } }),
                      data: {
                        taskId: task.id,
                        due: task.due.at,
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
      }

      if (r.targetPercent !== undefined && status !== 'exempt') {
        const period = r.ratePeriod === 'month' ? day.slice(0, 7) : 'all';
        let ofRule = groupsByRule.get(r);
        if (ofRule === undefined) {
          ofRule = new Map();
          groupsByRule.set(r, ofRule);
        }
        let g = ofRule.get(period);
        if (g === undefined) {
          g = { rule: r, period, total: 0, counted: 0, final: true };
          ofRule.set(period, g);
          rateGroups.push(g);
        }
        g.total += 1;
        if (status === 'done' || (status === 'doneLate' && r.lateCountsForRate)) g.counted += 1;
        if (status === 'pending') g.final = false;
      }
    }
  }

  for (const r of rules) {
    const c = counts.get(r.key);
    if (!c) continue;
    trace.push(
      entry(
        r,
        `${r.zh}:按时${c.done},逾期完成${c.doneLate},逾期未完成${c.overdue + c.invalid},待办${c.pending},免于${c.exempt}`,
        `${r.en}: ${c.done} on time, ${c.doneLate} late, ${c.overdue + c.invalid} missed, ${c.pending} pending, ${c.exempt} exempt`,
        { ruleKey: r.key, ...c },
      ),
    );
  }

  const rates: ProgrammeRate[] = [];
  for (const g of rateGroups) {
    const target = g.rule.targetPercent ?? 0;
    const required = requiredCount(g.total, target);
    const met = meetsPercent(g.counted, g.total, target);
    rates.push({
      ruleKey: g.rule.key,
      rule: g.rule.rule,
      period: g.period,
      total: g.total,
      counted: g.counted,
      required,
      targetPercent: target,
      achievedPercent: g.total === 0 ? null : (g.counted * 100) / g.total,
      met,
      final: g.final,
    });
    trace.push(
      entry(
        g.rule,
        `${g.rule.zh}(${g.period}):${g.counted}/${g.total},需${required},${met ? '达标' : '未达标'}(目标${target}%)`,
        `${g.rule.en} (${g.period}): ${g.counted}/${g.total}, ${required} needed for ${target}% → ${met ? 'met' : 'not met'}`,
        { total: g.total, counted: g.counted, required },
      ),
    );
    if (!met && g.final) {
      const code = `${g.rule.violationCode}.rateBelowTarget`;
      const message = {
        zh: `${g.rule.zh}(${g.period})回访率未达${target}%`,
        en: `${g.rule.en} (${g.period}) below ${target}%`,
      };
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
              data: { period: g.period, total: g.total, counted: g.counted, required, targetPercent: target },
            },
          ),
        );
      } else warnings.push({ code, rule: g.rule.rule, taskId: null, message });
    }
  }
  trace.push(...provenance.trace.entries);
  rates.sort((a, b) =>
    a.ruleKey === b.ruleKey ? a.period.localeCompare(b.period) : a.ruleKey.localeCompare(b.ruleKey),
  );
  return {
    value: { tasks, due: tasks.filter((t) => t.status === 'pending'), violations, warnings, rates },
    trace,
  };
}
