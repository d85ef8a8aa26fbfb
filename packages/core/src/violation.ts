import { z } from 'zod';
import { LatenessUnitSchema } from './duration.js';
import { InstantSchema } from './time.js';

/**
 * A breach of a regulation, as modules emit it and `@zhidu/penalty` prices it — the common
 * currency between packages. It says who, what, when and how much (items, lateness); never the fine
 * itself, which belongs to the fine schedule.
 */
export const ViolationSchema = z.strictObject({
  /** Namespaced code, e.g. `records.handover.late`. Fine schedules key on it. */
  code: z.string().min(1),
  /** The person answerable for it. */
  personId: z.string().min(1),
  role: z.string().optional(),
  departmentId: z.string().optional(),
  occurredAt: InstantSchema,
  /** How many items, vehicles, signatures … (default 1). */
  quantity: z.number().int().positive().optional(),
  /** How late, in the unit the regulation fines by. */
  lateBy: z
    .strictObject({
      unit: LatenessUnitSchema,
      units: z.number().int().nonnegative(),
      ms: z.number().int().nonnegative().optional(),
    })
    .optional(),
  /** What it concerns: a customer, a file, a complaint … */
  subject: z.strictObject({ kind: z.string().min(1), id: z.string().min(1) }).optional(),
  /** Which rule found it. */
  source: z.strictObject({
    module: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().optional(),
  }),
  /** When it was put right, for fines that repeat until corrected. */
  correctedAt: InstantSchema.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
/** A breach of a regulation (see {@link ViolationSchema}). */
export type Violation = z.output<typeof ViolationSchema>;
/** A violation as JSON input (instants may carry any offset). */
export type ViolationInput = z.input<typeof ViolationSchema>;
