import { InstantSchema, LatenessUnitSchema, ViolationSchema } from '@zhidu/core';
import { z } from 'zod';

/** Lifecycle of one timer instance, as ServiceNow names them. */
export const TimerStatusSchema = z.enum(['pending', 'running', 'paused', 'met', 'breached', 'cancelled']);
export type TimerStatus = z.infer<typeof TimerStatusSchema>;

/** An event the engine could not apply (a stop before any start, a pause while not running…). */
export const TimerAnomalySchema = z
  .object({
    kind: z.enum([
      'stop_before_start',
      'stop_after_completion',
      'pause_while_not_running',
      'resume_while_not_paused',
      'reset_while_not_running',
      'start_while_running',
      'start_after_completion',
      'unknown_target_case',
      'missing_attribute',
      'unassigned_role',
    ]),
    at: InstantSchema.optional(),
    eventIndex: z.number().int().optional(),
    detail: z.string().optional(),
  })
  .strict();
export type TimerAnomaly = z.output<typeof TimerAnomalySchema>;

/**
 * The state of one timer instance at `ctx.now`, computed from the event log. Times are instants
 * (UTC ISO); durations are milliseconds of wall clock, and business minutes on the policy
 * calendar for working-time targets.
 *
 * Its lists (`warningsReached`, `escalationsDue`, `violations`, `consequences`, `anomalies`) are
 * read-only results: an empty one may be a single frozen empty array shared by many states (a log
 * of thousands of timers has almost all of them empty), so copy a list before adding to it
 * (`[...state.violations, v]`). A list with items is the state's own.
 */
export const TimerStateSchema = z.object({
  timerId: z.string(),
  rule: z.string(),
  clause: z.string(),
  subject: z.string(),
  cycle: z.number().int().nonnegative(),
  status: TimerStatusSchema,
  severity: z.enum(['hard', 'soft']),
  startedAt: InstantSchema.optional(),
  dueAt: InstantSchema.optional(),
  dueInclusive: z.boolean().optional(),
  /**
   * Set (to `true`) when a working-time figure of this state — the due time, business minutes or a
   * lateness in working time — was answered by the calendar beyond its data (provisionally from the
   * statutory holidays, or from Mon–Fri alone). Show the due time as provisional and re-evaluate
   * once the year's holiday notice is loaded. Absent otherwise.
   */
  provisional: z.literal(true).optional(),
  /** The years answered beyond the calendar's data, when `provisional`. */
  provisionalYears: z.array(z.number().int()).optional(),
  stoppedAt: InstantSchema.optional(),
  /**
   * Set when this breach was reported at that instant (evaluating with the events recorded by then)
   * and a fact recorded afterwards would have undone it: the state is the breach as reported there,
   * and it stays (no excuse rule of the policy fired).
   */
  reportedAt: InstantSchema.optional(),
  /** Set when a breach reported at `reportedAt` was excused by the policy's excuse rule `excuse`. */
  excused: z.object({ excuse: z.string(), reportedAt: InstantSchema }).optional(),
  breachedAt: InstantSchema.optional(),
  pausedMs: z.number().int().nonnegative(),
  elapsedMs: z.number().int().nonnegative(),
  remainingMs: z.number().int().optional(),
  elapsedBusinessMinutes: z.number().optional(),
  remainingBusinessMinutes: z.number().optional(),
  lateness: z
    .object({
      unit: LatenessUnitSchema,
      units: z.number().int().nonnegative(),
      ms: z.number().int().nonnegative(),
    })
    .optional(),
  measured: z.object({ attribute: z.string(), value: z.number().nullable(), max: z.number() }).optional(),
  warningsReached: z.array(InstantSchema),
  escalationsDue: z.array(
    z.object({ level: z.number().int(), notify: z.array(z.string()), at: InstantSchema }),
  ),
  violations: z.array(ViolationSchema),
  consequences: z.array(z.string()),
  anomalies: z.array(TimerAnomalySchema),
});
export type TimerState = z.output<typeof TimerStateSchema>;
