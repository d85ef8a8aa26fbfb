import { z } from 'zod';
import { CitationSchema } from '../shared.js';

/** Kinds of reception, which decide whether a rotation turn is used (S001-RECEP-04). */
export const ReceptionKindSchema = z.enum([
  'newWalkIn',
  'returnVisit',
  'assistAbsentPrevious',
  'forgotPrevious',
  'designatedFirstVisit',
]);
/** A reception kind. */
export type ReceptionKind = z.infer<typeof ReceptionKindSchema>;

/** Rotation reception (轮流接待) section of a service policy. */
export const RotationParamsSchema = z.strictObject({
  citations: z.strictObject({
    rotation: CitationSchema,
    standby: CitationSchema,
    skip: CitationSchema,
    turns: CitationSchema,
    intake: CitationSchema,
  }),
  /** Whether a salesperson skipped while busy earns a make-up turn (the text grants it only to 因公外出). */
  creditBusySkips: z.boolean(),
  /** Which reception kinds use a turn. */
  consumesTurn: z.record(ReceptionKindSchema, z.boolean()),
});
/** Rotation section of a service policy. */
export type RotationParams = z.output<typeof RotationParamsSchema>;

/** Salesperson availability at the moment of a walk-in. */
export const SalespersonStatusSchema = z.enum(['available', 'busy', 'outOnBusiness', 'offDuty']);

/** State of the reception rotation (接待顺序表). */
export const RotationStateSchema = z.strictObject({
  order: z.array(z.string().min(1)).min(1),
  /** Index in `order` of the salesperson on turn. */
  pointer: z.number().int().min(0),
  status: z.record(z.string(), SalespersonStatusSchema),
  /** Make-up turns (补接) owed to salespeople who were skipped while out on business. */
  makeUp: z.record(z.string(), z.number().int().min(0)),
  /** Salespeople with make-up credits, earliest first. */
  makeUpQueue: z.array(z.string()),
});
/** State of the reception rotation. */
export type RotationState = z.output<typeof RotationStateSchema>;
