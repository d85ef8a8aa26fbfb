import { type Deadline, deadline, type EvalContext, localDateOf, startOfLocalDay } from '@zhidu/core';
import type { ServicePolicy } from '../policy.js';
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
  /** null when the regulation sets no time limit. */
  due: Deadline | null;
  exempt: boolean;
};

export function rulesFor(policy: ServicePolicy, keys?: readonly string[]): FollowUpRule[] {
  const rules = requireSection(policy.params.followUps, 'followUps');
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
  if (spec === null || spec === undefined) return true;
  switch (spec.unit) {
    case 'calendarDays':
    case 'workingDays':
    case 'calendarMonths':
      return spec.at === undefined || spec.at !== 'sameTime';
    case 'endOfMonth':
    case 'dayOfMonth':
    case 'nextDay':
    case 'sameDay':
    case 'endOfWork':
      return true;
    default:
      return false;
  }
}

export type DueCache = Map<string, { due: Deadline | null; earliest: string | null }>;

export function taskFor(
  rule: FollowUpRule,
  t: Trigger,
  ctx: EvalContext,
  cache?: DueCache,
  day?: string,
): FollowUpTask {
  // Day-based limits ("3天内", "月底", "次日") depend only on the trigger's local date: a programme
  // of 100,000 complaints spread over a year needs only a few hundred deadline computations.
  const key =
    dateOnly(rule.due) && dateOnly(rule.earliest)
      ? `${rule.key}|${day ?? localDateOf(t.at, ctx.zone)}`
      : null;
  let times = key === null ? undefined : cache?.get(key);
  if (times === undefined) {
    times = {
      due: rule.due === null ? null : deadline(t.at, rule.due, ctx),
      earliest: rule.earliest
        ? startOfLocalDay(localDateOf(deadline(t.at, rule.earliest, ctx).at, ctx.zone), ctx.zone)
        : null,
    };
    if (key !== null) cache?.set(key, times);
  }
  const assigneeRole =
    (t.level !== undefined ? rule.assigneeByLevel?.[t.level] : undefined) ?? rule.assigneeRole;
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
  };
}
