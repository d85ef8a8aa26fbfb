import { type Decision, parseInput, Trace, toInstant, type Violation } from '@zhidu/core';
import { z } from 'zod';
import { AttributesSchema, ConditionSchema, matchesAll } from './conditions.js';
import { BreachSchema, TextSchema } from './timer/definition.js';

/**
 * Items that must all be in place at a moment (before completion, before closing a complaint):
 * the 13 pre-completion items of 000 L415, the handover certificates of 000 L357. An item can be
 * required only under conditions (no gas supply → no gas certificate). A breach emits one
 * violation per role with `quantity` = the number of missing items (200 CNY per item).
 */
export const ChecklistSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    title: TextSchema,
    items: z
      .array(
        z.object({ item: z.string().min(1), requiredWhen: z.array(ConditionSchema).optional() }).strict(),
      )
      .min(1),
    breach: BreachSchema.omit({ lateness: true }).optional(),
  })
  .strict();
export type Checklist = z.output<typeof ChecklistSchema>;

/**
 * Checks a checklist against what is in place. `record` holds `true` for each item done and any
 * attributes the conditions read (e.g. `gasSupply: false`).
 *
 * @param record - items done and project attributes
 * @param checklist - the checklist
 * @param at - the moment of the check: subject id, instant and role holders
 * @returns missing items and violations
 * @example
 * evaluateChecklist({ water: true, gasSupply: false }, preCompletion, { subject: 'phase-2', at: '2024-09-30T00:00:00+08:00', assignees: { emcDirector: 'u7' } })
 *   .value.missing; //=> ['power', …]
 */
export function evaluateChecklist(
  record: unknown,
  checklist: Checklist,
  at: { subject: string; at: string; assignees?: Record<string, string> },
): Decision<{ missing: string[]; violations: Violation[] }> {
  const input = parseInput(AttributesSchema, record, ['record']);
  const when = parseInput(z.string().min(1), at.at, ['at', 'at']);
  const trace = new Trace();
  const missing = checklist.items
    .filter((i) => !i.requiredWhen || matchesAll(i.requiredWhen, input))
    .filter((i) => input[i.item] !== true)
    .map((i) => i.item);
  const violations: Violation[] =
    missing.length > 0 && checklist.breach
      ? checklist.breach.roles.map((role) => ({
          code: checklist.breach?.code ?? '',
          personId: at.assignees?.[role] ?? `role:${role}`,
          role,
          occurredAt: toInstant(when),
          quantity: missing.length,
          subject: { kind: 'slaSubject', id: at.subject },
          source: { module: 'sla', rule: checklist.rule, clause: checklist.clause },
          data: { checklist: checklist.id, missing },
        }))
      : [];
  trace.add(
    checklist.rule,
    checklist.clause,
    missing.length
      ? `${checklist.title.zh}:缺 ${missing.length} 项(${missing.join('、')})`
      : `${checklist.title.zh}:齐全`,
    missing.length
      ? `${checklist.title.en}: ${missing.length} missing (${missing.join(', ')})`
      : `${checklist.title.en}: complete`,
  );
  return trace.decide({ missing, violations });
}
