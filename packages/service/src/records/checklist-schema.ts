import { z } from 'zod';
import { CitationSchema } from '../shared.js';

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A condition on another field of the same record. */
export const ConditionSchema = z.strictObject({ field: z.string().min(1), equals: Scalar });

/** One required field of a record, with optional conditions and value constraints. */
export const ChecklistItemSchema = z.strictObject({
  field: z.string().min(1),
  zh: z.string(),
  en: z.string(),
  /** Satisfied when any one of these fields is present (e.g. phone or contact name). */
  anyOf: z.array(z.string().min(1)).optional(),
  /** The value must equal this (e.g. the note "电话回访"). */
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** A number must be at least this. */
  min: z.number().optional(),
  /** A present value must be one of these (a closed list such as tracking channels). */
  oneOf: z.array(z.string()).optional(),
  /** The item applies only when every condition holds; an absent boolean counts as false. */
  when: z.array(ConditionSchema).optional(),
});

/** A named list of what a record must contain, with its source. */
export const ChecklistSchema = CitationSchema.extend({
  key: z.string().min(1),
  zh: z.string(),
  en: z.string(),
  items: z.array(ChecklistItemSchema).min(1),
});
/** A named record checklist. */
export type Checklist = z.output<typeof ChecklistSchema>;
