import { LatenessUnitSchema, StrictDurationSpecSchema, TextSchema } from '@zhidu/core';
import { z } from 'zod';
import { ConditionListSchema } from '../conditions.js';
import { BreachRolesSchema } from '../roles.js';

/** Which events a timer reacts to: an event type, optionally narrowed by attribute conditions. */
export const EventMatcherSchema = z
  .object({ type: z.string().min(1), when: ConditionListSchema.optional() })
  .strict();
export type EventMatcher = z.infer<typeof EventMatcherSchema>;

// Time limits are core's StrictDurationSpecSchema: a misspelt key (`amout`) is refused, not dropped.
const NonNegativeSpec = StrictDurationSpecSchema;

/**
 * The target of a timer (目标时限):
 * - `duration`: a core `DurationSpec` from the start instant (minutes, working days, 当日, 次月N日前…);
 * - `byAttribute`: the first case whose conditions hold on the subject picks the spec — severity
 *   grades, amount bands, trade counts, scopes (attribute-dependent targets);
 * - `relative`: an offset from an instant or date the subject carries — "on the appointment"
 *   (offset 0), "15 days before the sales launch" (offset −15 days, end of day);
 * - `beforeEvent`: due at the first event of a type — "before the main works start";
 * - `count`: not a time at all, a measured attribute with a ceiling — "answer within 3 rings";
 * - `immediately`: 立即 / 马上 / 第一时间, due `graceMinutes` after the start.
 */
export const TargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('duration'), spec: NonNegativeSpec }).strict(),
  z
    .object({
      kind: z.literal('byAttribute'),
      cases: z.array(z.object({ when: ConditionListSchema, spec: NonNegativeSpec }).strict()).min(1),
      otherwise: NonNegativeSpec.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('relative'),
      attribute: z.string().min(1),
      offset: z
        .object({
          calendarDays: z.number().int().optional(),
          calendarMonths: z.number().int().optional(),
          minutes: z.number().int().optional(),
        })
        .strict()
        .default({}),
      at: z.enum(['sameTime', 'endOfDay', 'startOfDay']).default('sameTime'),
      inclusive: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      kind: z.literal('beforeEvent'),
      type: z.string().min(1),
      inclusive: z.boolean().default(false),
    })
    .strict(),
  z
    .object({ kind: z.literal('count'), attribute: z.string().min(1), max: z.number().int().nonnegative() })
    .strict(),
  /**
   * 立即 / 马上 / 第一时间: due at the start plus the grace the policy allows ("within 10 minutes"),
   * inclusive; the trace reads "immediately (grace N min)".
   */
  z.object({ kind: z.literal('immediately'), graceMinutes: z.number().int().nonnegative() }).strict(),
]);
export type Target = z.output<typeof TargetSchema>;

/** When to warn before a breach: at a fraction of the target, or a fixed number of minutes before it. */
export const WarningSchema = z.union([
  z.object({ fraction: z.number().gt(0).lt(1) }).strict(),
  z.object({ minutesBeforeDue: z.number().int().positive() }).strict(),
]);

/** One rung of an escalation ladder (升级): who is told, and when. */
export const EscalationSchema = z
  .object({
    level: z.number().int().positive(),
    notify: z.array(z.string().min(1)).min(1),
    when: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('atStart') }).strict(),
      z.object({ kind: z.literal('fraction'), fraction: z.number().gt(0).lte(1) }).strict(),
      z.object({ kind: z.literal('atDue') }).strict(),
      z.object({ kind: z.literal('afterDue'), minutes: z.number().int().positive() }).strict(),
    ]),
    rule: z.string().min(1).optional(),
    clause: z.string().min(1).optional(),
  })
  .strict();
export type Escalation = z.output<typeof EscalationSchema>;

/**
 * The most warnings or escalation steps one timer (or recurring duty) may list. A regulation's ladder has
 * a handful of steps (the shipped presets at most 3); a longer list is refused at once, before its
 * entries are parsed and the policy hashed (10^5 copies took over a second).
 */
export const MAX_TIMER_LADDER = 100;

/** A timer's warnings, at most {@link MAX_TIMER_LADDER}. @internal */
export const WarningListSchema = z
  .array(WarningSchema)
  .max(MAX_TIMER_LADDER, {
    message: `最多 ${MAX_TIMER_LADDER} 个预警 / at most ${MAX_TIMER_LADDER} warnings in a timer`,
  })
  .default([]);

/** A timer's escalation ladder, at most {@link MAX_TIMER_LADDER} steps. @internal */
export const EscalationListSchema = z
  .array(EscalationSchema)
  .max(MAX_TIMER_LADDER, {
    message: `最多 ${MAX_TIMER_LADDER} 级升级 / at most ${MAX_TIMER_LADDER} escalation steps in a timer`,
  })
  .default([]);

/**
 * What a breach emits: one `Violation` per responsible role, under a namespaced code that
 * @zhidu/penalty prices (e.g. 100 CNY per started 24 h). The lateness unit is how the fine counts.
 */
export const BreachSchema = z
  .object({
    code: z
      .string()
      .regex(
        /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9-]+)+$/,
        'a namespaced code like sla.milestone.S000-MILESTONE-01',
      ),
    roles: BreachRolesSchema,
    lateness: z
      .object({ unit: LatenessUnitSchema, rounding: z.enum(['ceil', 'floor']).default('ceil') })
      .strict()
      .default({ unit: 'blocks24h', rounding: 'ceil' }),
  })
  .strict();

/**
 * An agreed extension: an event carrying a new due instant in `attribute`. With `mustPrecedeDue`
 * (default) it only counts when agreed before the current due time — 事先取得客户的认可 (002 §3.4.5).
 */
export const ExtensionSchema = z
  .object({
    type: z.string().min(1),
    attribute: z.string().min(1),
    mustPrecedeDue: z.boolean().default(true),
  })
  .strict();

/**
 * A timer definition as data, in the spirit of ServiceNow SLA definitions: the events that open,
 * start, pause, resume, stop, reset or cancel it, its target, warnings, escalation ladder and what a
 * breach emits. `severity: 'soft'` marks 宜/尽量 targets (catalog C7): exceeding them is a warning,
 * never a violation.
 */
export const TimerDefinitionSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    title: TextSchema,
    appliesWhen: ConditionListSchema.optional(),
    open: z.array(EventMatcherSchema).default([]),
    start: z.array(EventMatcherSchema).min(1),
    startMode: z
      .enum(['any', 'all'])
      .default('any')
      .meta({
        'x-zhidu-inert-unless': {
          items: 'start',
          min: 2,
          reason: {
            zh: '只有一个开始事件时，“任一”与“全部”结果相同',
            en: 'with one start event, "any" and "all" give the same answer',
          },
        },
      }),
    stop: z.array(EventMatcherSchema).default([]),
    stopMode: z
      .enum(['any', 'all'])
      .default('any')
      .meta({
        'x-zhidu-inert-unless': {
          items: 'stop',
          min: 2,
          reason: {
            zh: '只有一个停止事件时，“任一”与“全部”结果相同',
            en: 'with one stop event, "any" and "all" give the same answer',
          },
        },
      }),
    pause: z.array(EventMatcherSchema).default([]),
    /**
     * The most the clock may stand still in total ("while the customer cannot be reached, at most
     * 48 h": `{ maxMinutes: 2880 }`); paused time beyond it counts. Default: no cap.
     */
    pauseCap: z.strictObject({ maxMinutes: z.number().int().nonnegative() }).optional(),
    resume: z.array(EventMatcherSchema).default([]),
    reset: z.array(EventMatcherSchema).default([]),
    cancel: z.array(EventMatcherSchema).default([]),
    extend: z.array(ExtensionSchema).default([]),
    target: TargetSchema,
    warnings: WarningListSchema,
    escalations: EscalationListSchema,
    breach: BreachSchema.optional(),
    /** What else a breach triggers, e.g. 'transferCustomerToOtherDepartment' (001 L74). */
    consequences: z.array(z.string().min(1)).default([]),
    severity: z.enum(['hard', 'soft']).default('hard'),
    repeat: z.boolean().default(false),
  })
  .strict();
export type TimerDefinition = z.output<typeof TimerDefinitionSchema>;
export type TimerDefinitionInput = z.input<typeof TimerDefinitionSchema>;
