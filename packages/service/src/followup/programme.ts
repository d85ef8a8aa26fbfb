import { type Decision, type EvalContext, Trace, type TraceEntry } from '@zhidu/core';
import type { z } from 'zod';
import type { ServicePolicy } from '../policy.js';
import { entry } from '../shared.js';
import { parseTriggers, refuseRepeatedTriggers } from './programme-fast.js';
import type { Trigger, TriggerSchema } from './programme-schema.js';
import {
  type DueCache,
  type FollowUpTask,
  type Provenance,
  rulesByTrigger,
  rulesFor,
  taskFor,
} from './tasks.js';

export type { FollowUpTask } from './tasks.js';

/**
 * Schedules follow-ups (回访 / 拜访报告 / 计划): for every trigger, each policy rule on that trigger
 * type yields a task with its due time (core `deadline()` on the policy's DurationSpec, in the
 * context's zone and calendar), the assignee role (by trigger level where the rule says so), the
 * allowed channels and whether the trigger is exempt. A working-day due time beyond the calendar's
 * data carries `provisional: true` and the years (on the task and on its `due`), and the trace then
 * names, once per year, where the calendar's working days came from — the provisional year, or the
 * dated notice loaded for it.
 *
 * @param triggers - handled complaints, completed repairs, visits, move-ins, planning months …
 * @param policy - a service policy with `followUps`
 * @param ctx - evaluation context (zone, calendar)
 * @returns the tasks, in trigger order
 * @throws ZhiduError `invalid_input` for a malformed trigger, `duplicate` at `triggers[i].id` for a
 *   trigger listed twice
 * @example
 * const ctx = makeContext({ now: '2024-03-08T10:00:00+08:00', calendar: chinaCalendar() });
 * const tasks = scheduleFollowUps(
 *   [{ id: 'k1', type: 'complaintHandled', at: '2024-03-08T10:00:00+08:00', level: 'important' }],
 *   s000bPropertyRevisitPolicy,
 *   ctx,
 * ).value;
 * tasks[0].due.at;        //=> '2024-03-11T15:59:59.999Z' (Mon 03-11 23:59:59.999 Shanghai)
 * tasks[0].assigneeRole;  //=> 'departmentSupervisor'
 */
export function scheduleFollowUps(
  triggers: readonly z.input<typeof TriggerSchema>[],
  policy: ServicePolicy,
  ctx: EvalContext,
): Decision<FollowUpTask[]> {
  return scheduleParsed(parseTriggers(triggers), policy, ctx);
}

/**
 * {@link scheduleFollowUps} of triggers already validated (as `TriggerSchema` outputs them: the
 * `service.followup` module's parse), without validating them again.
 */
export function scheduleParsed(
  parsed: readonly Trigger[],
  policy: ServicePolicy,
  ctx: EvalContext,
): Decision<FollowUpTask[]> {
  const rules = rulesFor(policy);
  refuseRepeatedTriggers(
    parsed.map((t) => t.id),
    ['triggers'],
  );
  const byTrigger = rulesByTrigger(rules);
  const tasks: FollowUpTask[] = [];
  const trace: TraceEntry[] = [];
  const seen = new Set<string>();
  const cache: DueCache = new Map();
  const provenance: Provenance = { trace: new Trace(), seen: new Set() };
  for (const t of parsed) {
    for (const r of byTrigger.get(t.type) ?? []) {
      const task = taskFor(r, t, ctx, cache, undefined, provenance);
      tasks.push(task);
      if (!seen.has(r.key)) {
        seen.add(r.key);
        trace.push(
          entry(
            r,
            `${r.zh}:由${task.assigneeRole}在期限内完成`,
            `${r.en}: due by ${task.assigneeRole} within the rule's period`,
            {
              ruleKey: r.key,
              due: r.due,
            },
          ),
        );
      }
    }
  }
  trace.push(...provenance.trace.entries);
  return { value: tasks, trace };
}
