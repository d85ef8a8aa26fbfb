import {
  calendarBasisTrace,
  type Deadline,
  type DurationSpec,
  deadline,
  dueByDateAlone,
  type EvalContext,
  localDateOf,
  ownValue,
  plainConstructor,
  readsWorkCalendar,
  startOfLocalDay,
  type Trace,
} from '@zhidu/core';
import { paramsOf, type ServicePolicy } from '../policy.js';
import { requireSection } from '../shared.js';
import type { FollowUpRule, Trigger } from './programme-schema.js';

/** A follow-up that is due because of a trigger. */
export type FollowUpTask = {
  id: string;
  ruleKey: string;
  rule: string;
  triggerId: string;
  subjectId: string | null;
  personId: string | null;
  action: string;
  assigneeRole: string;
  channels: string[];
  /** Earliest allowed instant, when the rule has one. */
  earliest: string | null;
  /**
   * null when the regulation sets no time limit. Beyond the calendar's data it carries core's
   * `provisional: true` and `provisionalYears`.
   */
  due: Deadline | null;
  exempt: boolean;
  /**
   * Set (to `true`) when a working-day time of the task (`due` or `earliest`) was answered by the
   * calendar beyond its data — provisionally from the statutory holidays, or from Mon–Fri alone.
   * Show the task's times as provisional and recompute them when the year's notice is loaded.
   * Absent otherwise.
   */
  provisional?: true;
  /** The years answered beyond the calendar's data, when `provisional`. */
  provisionalYears?: number[];
};

/**
 * Where a decision collects the calendar's provenance: one trace for the whole decision and the
 * entries already in it, so each year's basis is named once.
 */
export type Provenance = { trace: Trace; seen: Set<string> };

export function rulesFor(policy: ServicePolicy, keys?: readonly string[]): FollowUpRule[] {
  const rules = requireSection(paramsOf(policy).followUps, 'followUps');
  return keys ? rules.filter((r) => keys.includes(r.key)) : rules;
}

/** Rules grouped by the trigger type they follow, in policy order. */
export function rulesByTrigger(rules: readonly FollowUpRule[]): Map<string, FollowUpRule[]> {
  const byTrigger = new Map<string, FollowUpRule[]>();
  for (const r of rules) byTrigger.set(r.trigger, [...(byTrigger.get(r.trigger) ?? []), r]);
  return byTrigger;
}

/** Specs whose due time depends only on the start's local date, so it can be computed once per date. */
export function dateOnly(spec: FollowUpRule['due'] | undefined): boolean {
  // Core's reading: `endOfWork` from the start day reads the start's wall time (after work ended,
  // the next workday's end), so it is not computed once per date.
  return spec === null || spec === undefined || dueByDateAlone(spec);
}

/** The times of a task: its due time and earliest instant, with their instants in epoch ms. */
export type TaskTimes = {
  due: Deadline | null;
  earliest: string | null;
  provisionalYears: number[];
  /** `due.at` in epoch ms (+∞ without a due time). */
  dueMs: number;
  /** `earliest` in epoch ms (−∞ without one). */
  earliestMs: number;
};

export type DueCache = Map<string, TaskTimes>;

/**
 * A deadline of a follow-up rule; when its unit reads the working-day calendar and the span is
 * beyond the data or on a dated notice, the calendar's basis is traced into `provenance`.
 */
function ruleDeadline(
  at: string,
  spec: DurationSpec,
  ctx: EvalContext,
  provenance: Provenance | undefined,
): Deadline {
  const due = deadline(at, spec, ctx);
  if (provenance && readsWorkCalendar(spec.unit)) {
    calendarBasisTrace(
      provenance.trace,
      ctx.calendar,
      localDateOf(at, ctx.zone),
      localDateOf(due.at, ctx.zone),
      {
        when: 'notable',
        seen: provenance.seen,
      },
    );
  }
  return due;
}

/**
 * The due time and earliest instant of the task a trigger opens under a rule, from `cache` when
 * they depend only on the trigger's local date.
 */
export function taskTimes(
  rule: FollowUpRule,
  t: Trigger,
  ctx: EvalContext,
  cache?: DueCache,
  day?: string,
  provenance?: Provenance,
): TaskTimes {
  // Day-based limits ("3天内", "月底", "次日") depend only on the trigger's local date: a programme
  // of 100,000 complaints spread over a year needs only a few hundred deadline computations.
  const key =
    dateOnly(rule.due) && dateOnly(rule.earliest)
      ? `${rule.key}|${day ?? localDateOf(t.at, ctx.zone)}`
      : null;
  let times = key === null ? undefined : cache?.get(key);
  if (times === undefined) {
    times = timesAt(rule, t.at, ctx, provenance);
    if (key !== null) cache?.set(key, times);
  }
  return times;
}

/** The due time and earliest instant of the task a trigger at `at` (canonical) opens under a rule. */
export function timesAt(
  rule: FollowUpRule,
  at: string,
  ctx: EvalContext,
  provenance?: Provenance,
): TaskTimes {
  const due = rule.due === null ? null : ruleDeadline(at, rule.due, ctx, provenance);
  const earliest = rule.earliest ? ruleDeadline(at, rule.earliest, ctx, provenance) : undefined;
  const earliestAt = earliest ? startOfLocalDay(localDateOf(earliest.at, ctx.zone), ctx.zone) : null;
  return new Times(
    due,
    earliestAt,
    yearsOf(due?.provisionalYears, earliest?.provisionalYears),
    due === null ? Number.POSITIVE_INFINITY : Date.parse(due.at),
    earliestAt === null ? Number.NEGATIVE_INFINITY : Date.parse(earliestAt),
  );
}

/**
 * The provisional years of two deadlines, sorted, each once: a new empty list made by `Array.of()`
 * when neither has any (the usual case), which has no V8 allocation site (see {@link Times}).
 */
function yearsOf(a: number[] | undefined, b: number[] | undefined): number[] {
  if ((a === undefined || a.length === 0) && (b === undefined || b.length === 0)) return Array.of<number>();
  return [...new Set([...(a ?? []), ...(b ?? [])])].sort((x, y) => x - y);
}

/**
 * `TaskTimes`, its keys in order, built by `new` on a constructor whose prototype is
 * `Object.prototype`: the same plain object as the literal it replaces, made without a V8
 * allocation site (a call measuring a programme keeps a few hundred, one per rule key and local day;
 * a literal's site tenured once has every later object allocated in the old generation, issue 21).
 */
const Times = plainConstructor(function Times(
  this: TaskTimes,
  due: Deadline | null,
  earliest: string | null,
  provisionalYears: number[],
  dueMs: number,
  earliestMs: number,
) {
  this.due = due;
  this.earliest = earliest;
  this.provisionalYears = provisionalYears;
  this.dueMs = dueMs;
  this.earliestMs = earliestMs;
});

/** The exemption of a trigger under a rule: one of its flags is among the rule's exempt flags. */
export function isExempt(rule: FollowUpRule, t: Trigger): boolean {
  const flags = t.flags;
  if (flags === undefined || flags.length === 0 || rule.exemptFlags.length === 0) return false;
  return flags.some((f) => rule.exemptFlags.includes(f));
}

/** The role that performs the task a trigger opens under a rule (by the trigger's level, or the rule's). */
export function assigneeOf(rule: FollowUpRule, t: Trigger): string {
  return (t.level !== undefined ? ownValue(rule.assigneeByLevel, t.level) : undefined) ?? rule.assigneeRole;
}

export function taskFor(
  rule: FollowUpRule,
  t: Trigger,
  ctx: EvalContext,
  cache?: DueCache,
  day?: string,
  provenance?: Provenance,
): FollowUpTask {
  const times = taskTimes(rule, t, ctx, cache, day, provenance);
  const assigneeRole =
    (t.level !== undefined ? ownValue(rule.assigneeByLevel, t.level) : undefined) ?? rule.assigneeRole;
  return {
    id: `${rule.key}:${t.id}`,
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
    exempt: (t.flags ?? []).some((f) => rule.exemptFlags.includes(f)),
    ...(times.provisionalYears.length > 0
      ? { provisional: true as const, provisionalYears: [...times.provisionalYears] }
      : {}),
  };
}
