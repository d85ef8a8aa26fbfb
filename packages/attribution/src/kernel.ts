/**
 * The slice of `@zhidu/core` this package builds on, gathered in one module so every rule file
 * imports the same vocabulary.
 */
export {
  addDays,
  addMonthsClamped,
  allocate,
  atLocal,
  type Decision,
  type EvalContext,
  InstantSchema,
  LocalDateSchema,
  LocalTimeSchema,
  localDateOf,
  localTimeOf,
  makeContext,
  parseInput,
  type Rng,
  seededRng,
  Trace,
  type TraceEntry,
  type Violation,
  ViolationSchema,
  ZhiduError,
} from '@zhidu/core';

import { localDateOf, localTimeOf } from '@zhidu/core';

/**
 * An instant as a reader in the policy zone writes it, for trace messages: `2025-03-01 10:05`.
 * (The exact instant stays in the entry's data.)
 *
 * @example
 * localStamp('2025-03-01T02:05:00.000Z', 'Asia/Shanghai'); //=> '2025-03-01 10:05'
 */
export function localStamp(instant: string, zone: string): string {
  return `${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}`;
}
