import { type Decision, type EvalContext, parseInput, type TraceEntry } from '@zhidu/core';
import { z } from 'zod';
import type { ServicePolicy } from '../policy.js';
import { entry } from '../shared.js';
import { TriggerSchema } from './programme-schema.js';
import { type DueCache, type FollowUpTask, rulesByTrigger, rulesFor, taskFor } from './tasks.js';

export type { FollowUpTask } from './tasks.js';

/**
 * Schedules follow-ups (回访 / 拜访报告 / 计划): for every trigger, each policy rule on that trigger
 * type yields a task with its due time (core `deadline()` on the policy's DurationSpec, in the
 * context's zone and calendar), the assignee role (by trigger level where the rule says so), the
 * allowed channels and whether the trigger is exempt.
 *
 * @param triggers - handled complaints, completed repairs, visits, move-ins, planning months …
 * @param policy - a service policy with `followUps`
 * @param ctx - evaluation context (zone, calendar)
 * @returns the tasks, in trigger order
 * @throws ZhiduError `invalid_input` for a malformed trigger
 * @example
 * const tasks = scheduleFollowUps(
 *   [{ id: 'k1', type: 'complaintHandled', at: '2024-03-08T10:00:00+08:00', level: 'important' }],
 *   s000bPropertyRevisitPolicy, ctx,
 * ).value;
 * tasks[0].due.at;        //=> '2024-03-11T15:59:59.999Z' (Mon 03-11 23:59:59.999 Shanghai)
 * tasks[0].assigneeRole;  //=> 'departmentSupervisor'
 */
export function scheduleFollowUps(
  triggers: readonly z.input<typeof TriggerSchema>[],
  policy: ServicePolicy,
  ctx: EvalContext,
): Decision<FollowUpTask[]> {
  const parsed = parseInput(z.array(TriggerSchema), triggers, ['triggers']);
  const rules = rulesFor(policy);
  const byTrigger = rulesByTrigger(rules);
  const tasks: FollowUpTask[] = [];
  const trace: TraceEntry[] = [];
  const seen = new Set<string>();
  const cache: DueCache = new Map();
  for (const t of parsed) {
    for (const r of byTrigger.get(t.type) ?? []) {
      const task = taskFor(r, t, ctx, cache);
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
  return { value: tasks, trace };
}
