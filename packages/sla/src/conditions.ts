// sla's conditions are core's condition language (`ConditionSchema`, `evaluateCondition`,
// `conditionsHold` in @zhidu/core); this module keeps the short names the timer code reads.
import {
  type Attributes,
  type Condition,
  ConditionSchema,
  conditionsHold,
  evaluateCondition,
} from '@zhidu/core';
import { z } from 'zod';

export {
  type Attributes,
  AttributesSchema,
  type AttributeValue,
  AttributeValueSchema,
  type Condition,
  ConditionSchema,
  conditionAttributes,
} from '@zhidu/core';

/** Whether one condition holds on the attributes (core's `evaluateCondition(…).holds`). */
export function matchesCondition(condition: Condition, attributes: Attributes): boolean {
  return evaluateCondition(condition, attributes).holds;
}

/** Whether every condition holds (an empty or absent list holds) — core's `conditionsHold`. */
export function matchesAll(conditions: readonly Condition[] | undefined, attributes: Attributes): boolean {
  return conditionsHold(conditions, attributes);
}

/**
 * The most conditions one list of a policy may hold (a timer's `appliesWhen`, an event matcher's or a
 * flag rule's `when` …): a regulation's ground has a handful (the shipped presets at most 3), so a
 * longer list is refused at once, before its conditions are parsed and the policy hashed (10^5
 * conditions took over half a second).
 */
export const MAX_CONDITIONS = 100;

/** A list of conditions in a policy, at most {@link MAX_CONDITIONS}. @internal */
export const ConditionListSchema = z.array(ConditionSchema).max(MAX_CONDITIONS, {
  message: `最多 ${MAX_CONDITIONS} 个条件 / at most ${MAX_CONDITIONS} conditions in a list`,
});
