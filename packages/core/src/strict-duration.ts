import { z } from 'zod';
import { DurationSpecSchema } from './duration.js';

/**
 * Core's {@link DurationSpecSchema} (it already refuses negative amounts), made strict: a misspelt
 * key in a time limit (`{ unit: 'minutes', amout: 30 }`, `inclsuive`) is refused with `unknown_key`
 * instead of being dropped while the default stays in force. Policies (sla targets, records
 * retention periods) hold their time limits with it.
 *
 * @example
 * StrictDurationSpecSchema.safeParse({ unit: 'minutes', amout: 30 }).success; //=> false
 */
export const StrictDurationSpecSchema = z.discriminatedUnion(
  'unit',
  DurationSpecSchema.options.map((o) => {
    const strict = o.strict();
    return o.description ? strict.describe(o.description) : strict;
  }) as unknown as typeof DurationSpecSchema.options,
);
