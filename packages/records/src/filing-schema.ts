import { InstantSchema } from '@zhidu/core';
import { z } from 'zod';
import { IdSchema, LabelSchema, RuleRefSchema, StrictDurationSpecSchema } from './schemas.js';

/** A register, cabinet or archive system that files and entries go into (登记簿, 档案柜, 档案系统). */
export const RegisterDefSchema = z.strictObject({
  id: IdSchema,
  name: LabelSchema,
  /** What it is: a written register, a cabinet, or an electronic archive system. */
  kind: z.enum(['register', 'cabinet', 'system']).default('register'),
});
export type RegisterDef = z.output<typeof RegisterDefSchema>;

/**
 * A filing duty with one party: when `trigger` happens, the holder of `role` enters it into `register`
 * within `within` (经办人于成交后3个工作日内归入档案柜; 须在5日内录入档案系统). No receiving role: the entry
 * appearing in the register is what counts.
 */
export const FilingDutySchema = z.strictObject({
  ...RuleRefSchema.shape,
  id: IdSchema,
  name: LabelSchema,
  /** The register, cabinet or system the entry must appear in (an id of the policy's `registers`). */
  register: IdSchema,
  /** The event that starts the clock (成交, 签约, 来访 …). */
  trigger: IdSchema,
  /** Time allowed from the trigger (calendar or working days, hours …). */
  within: StrictDurationSpecSchema,
  /** Who files: answers for a late or missing entry when the row names no person. */
  role: IdSchema,
  /** The department that answers with the role, when the regulation names one. */
  departmentId: IdSchema.optional(),
});
export type FilingDuty = z.output<typeof FilingDutySchema>;
export type FilingDutyInput = z.input<typeof FilingDutySchema>;

/** One row of a filing audit: something that happened and, when it was filed, when. */
export const FilingRowSchema = z.strictObject({
  /** The row's id in the audited list (a contract number, a visit id). */
  id: IdSchema,
  /** When the trigger happened. */
  triggeredAt: InstantSchema,
  /** When the entry appeared in the register; absent while not filed. */
  filedAt: InstantSchema.optional(),
  /** Who filed or should have filed it; the duty's role answers when absent. */
  personId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
});
export type FilingRow = z.output<typeof FilingRowSchema>;

/** Input of `records.filing`: the rows audited against one filing duty of the policy. */
export const FilingInputSchema = z.strictObject({
  /** The id of a filing duty of the policy. */
  duty: IdSchema,
  rows: z.array(FilingRowSchema),
});
export type FilingInput = z.input<typeof FilingInputSchema>;
