import { InstantSchema, ViolationSchema } from '@zhidu/core';
import { z } from 'zod';

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, len: number): number {
  let x = 0;
  for (let k = from; k < from + len; k++) x = x * 10 + (s.charCodeAt(k) - 48);
  return x;
}

/** Whether the fields of a `YYYY-MM-DDTHH:mm:ss.sssZ` string name a real instant. */
function fieldsValid(s: string): boolean {
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && leap ? 29 : (DAYS[month - 1] ?? 0);
  return day <= max && digits(s, 11, 2) <= 23 && digits(s, 14, 2) <= 59 && digits(s, 17, 2) <= 59;
}

/**
 * Core's `InstantSchema` with a fast path: a canonical UTC instant (`2024-03-07T15:59:59.999Z`, what
 * every zhidu module emits) whose fields name a real date and time is already its own canonical
 * form, so the zone arithmetic is skipped. Anything else goes through core's schema unchanged, with
 * its error codes. The output is identical in both cases (checked by a property test).
 */
const FastInstantSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  if (typeof value === 'string' && CANONICAL.test(value) && fieldsValid(value)) return value;
  const parsed = InstantSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const params = (issue as { params?: Record<string, unknown> }).params;
    ctx.addIssue({ code: 'custom', message: issue.message, ...(params === undefined ? {} : { params }) });
  }
  return z.NEVER;
});

/**
 * Core's `ViolationSchema`, strict (a misspelt field such as `personID` or `occuredAt` is refused
 * with `unknown_key` and the field meant, instead of being dropped), with the fast instant path for
 * `occurredAt` and `correctedAt`: pricing a million violations spends most of its validation time
 * there. A company's own fields go in `data` (any JSON values), where schedule items can match them
 * (`match.data`) and outcomes read them (`lossField`, `expenseField`, `field`, `parties`).
 */
export const ViolationInputSchema = ViolationSchema.extend({
  occurredAt: FastInstantSchema,
  correctedAt: FastInstantSchema.optional(),
});

/** A violation as `assessPenalties` and `penalty.ledger` accept it (instants may carry any offset). */
export type ViolationInput = z.input<typeof ViolationInputSchema>;
