// sla's conditions are core's condition language (`ConditionSchema`, `evaluateCondition`,
// `conditionsHold` in @zhidu/core); this module keeps the short names the timer code reads.
import { type Attributes, type Condition, conditionsHold, evaluateCondition } from '@zhidu/core';

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
