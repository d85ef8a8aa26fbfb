import { DurationSpecSchema, InstantSchema, recordOf, TextSchema } from '@zhidu/core';
import { z } from 'zod';
import { CitationSchema, IdSchema, PercentSchema } from '../shared.js';

// Switches that only a time limit or a rate reads (declared for policy-parameter coverage): a rule
// with `due: null` is never late or overdue and a rule without `targetPercent` has no rate, so under
// such a rule these switches cannot change any answer.
const WITHOUT_DUE = {
  present: ['due'],
  reason: {
    zh: '没有时限，不会逾期，逾期计量单位不影响结果',
    en: 'no time limit: nothing is ever late, so the lateness unit changes nothing',
  },
};
const WITHOUT_RATE = {
  present: ['targetPercent'],
  reason: { zh: '没有回访率目标，不计算比率', en: 'no target rate: no rate is computed' },
};
const WITHOUT_DUE_OR_RATE = {
  present: ['due', 'targetPercent'],
  reason: {
    zh: '没有时限也没有比率目标，轻重程度不影响结果',
    en: 'no time limit and no target rate: the severity changes nothing',
  },
};

/**
 * One follow-up obligation of a programme: when a trigger of type `trigger` happens, an action of
 * type `action` is due within `due` (core DurationSpec), by a role, over allowed channels; optionally
 * a share of triggers (`targetPercent`) must be followed up in time.
 *
 * Defaults (a rule may leave these out): any role, any channel, rate by calendar month, a late action
 * not counting toward the rate, no exemptions, `hard` severity, lateness in calendar days.
 */
export const FollowUpRuleSchema = CitationSchema.extend({
  key: z.string().min(1),
  /** Its name in Chinese and English (core's `TextSchema`: both non-empty). */
  ...TextSchema.shape,
  /** Trigger type that opens the obligation, e.g. `complaintHandled`. */
  trigger: z.string().min(1),
  /** Completion type that fulfils it, e.g. `revisit`, `report`. */
  action: z.string().min(1),
  /** Time limit; null when the regulation sets none (the task stays open, never overdue). */
  due: DurationSpecSchema.nullable(),
  /** The action may not happen before the day on which this spec ends (e.g. "稍待两三天后"). */
  earliest: DurationSpecSchema.optional(),
  /** Who does it by default. */
  assigneeRole: z.string().min(1),
  /** Who does it by trigger level (e.g. complaint level → revisitor). */
  assigneeByLevel: recordOf(z.string(), z.string()).optional(),
  /** Roles allowed to perform it; empty (the default): anyone. */
  allowedRoles: z.array(z.string()).default([]),
  /** Allowed channels; empty (the default): any. */
  channels: z.array(z.string()).default([]),
  /** Share of (non-exempt) triggers that must be done on time, e.g. 50 for 回访率达50%. */
  targetPercent: PercentSchema.optional(),
  /** Grouping of triggers for the rate: calendar month of the trigger (the default), or all together. */
  ratePeriod: z.enum(['month', 'all']).default('month').meta({ 'x-zhidu-inert-unless': WITHOUT_RATE }),
  /** Whether a late action still counts toward the rate (catalog: it does not; default `false`). */
  lateCountsForRate: z.boolean().default(false).meta({ 'x-zhidu-inert-unless': WITHOUT_RATE }),
  /** Trigger flags that exempt it (e.g. anonymous complainant); default none. */
  exemptFlags: z.array(z.string()).default([]),
  /** `hard` (必须/应, the default): breaches are Violations; `soft` (宜/可): warnings only. */
  severity: z.enum(['hard', 'soft']).default('hard').meta({ 'x-zhidu-inert-unless': WITHOUT_DUE_OR_RATE }),
  /** Unit in which lateness is counted on a Violation (default `calendarDays`). */
  latenessUnit: z
    .enum(['minutes', 'hours', 'blocks24h', 'calendarDays', 'workingDays', 'workingMinutes'])
    .default('calendarDays')
    .meta({ 'x-zhidu-inert-unless': WITHOUT_DUE }),
  /**
   * Who answers for a breach when neither the trigger nor the completion names a person (责任岗位、部门):
   * the breach stays a Violation, attributed to this role (and department) as `personId: 'role:<role>'`
   * (`data.attributedTo: 'role'`), and the trace says so. Default: the rule's `assigneeRole`.
   */
  responsible: z
    .strictObject({ role: z.string().min(1), departmentId: z.string().min(1).optional() })
    .optional(),
  /** Violation code prefix, e.g. `service.complaintRevisit` → `.late`, `.missing`, `.rateBelowTarget`. */
  violationCode: z.string().min(1),
});
/** A follow-up obligation. */
export type FollowUpRule = z.output<typeof FollowUpRuleSchema>;

/** Something that opens follow-up obligations: a handled complaint, a visit, a move-in, a month … */
export const TriggerSchema = z.strictObject({
  id: IdSchema,
  type: z.string().min(1),
  at: InstantSchema,
  subjectId: z.string().optional(),
  /** Person responsible for the follow-up (receives the Violation when it is late). */
  personId: z.string().optional(),
  /** Severity level, e.g. complaint level `general` / `important` / `major`. */
  level: z.string().optional(),
  flags: z.array(z.string()).optional(),
});
/** A follow-up trigger. */
export type Trigger = z.output<typeof TriggerSchema>;

/** A follow-up action that was done. */
export const CompletionSchema = z.strictObject({
  triggerId: IdSchema,
  action: z.string().min(1),
  at: InstantSchema,
  personId: z.string().optional(),
  role: z.string().optional(),
  channel: z.string().optional(),
});
/** A completed follow-up action. */
export type Completion = z.output<typeof CompletionSchema>;

/** Input of `measureProgramme`. */
export const ProgrammeInputSchema = z.strictObject({
  triggers: z.array(TriggerSchema),
  completions: z.array(CompletionSchema),
});
/** Input of `measureProgramme`. */
export type ProgrammeInput = z.input<typeof ProgrammeInputSchema>;
