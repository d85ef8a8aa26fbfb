import { expectArray, expectObject } from '@zhidu/core';
import { z } from 'zod';

/**
 * A value an event or a complaint record may carry as an attribute (severity, amount band, category…).
 * Kept to JSON scalars and string lists so that policies and event logs round-trip through JSON.
 */
export const AttributeValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

/** Attributes of a subject (a complaint, a repair request, a project) accumulated from its events. */
export const AttributesSchema = z.record(z.string(), AttributeValueSchema);
export type Attributes = z.infer<typeof AttributesSchema>;

/**
 * One test on one attribute. Every given operator must hold (AND). Boundaries are explicit:
 * `gte`/`lte` include the value (以上/以下/以内), `gt`/`lt` exclude it (超过/不满), so a policy states
 * which side of "100,000 yuan" a band owns instead of the code guessing (catalog convention C4).
 */
export const ConditionSchema = z
  .object({
    attribute: z.string().min(1),
    equals: AttributeValueSchema.optional(),
    in: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
    notIn: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
    gte: z.number().optional(),
    gt: z.number().optional(),
    lte: z.number().optional(),
    lt: z.number().optional(),
    exists: z.boolean().optional(),
    includes: z.string().optional(),
    excludes: z.string().optional(),
  })
  .strict();
export type Condition = z.infer<typeof ConditionSchema>;

function scalarEquals(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/**
 * Tests one condition against attributes. A missing attribute fails every operator except
 * `exists: false` — an unknown severity never silently matches a band.
 *
 * @param condition - the test
 * @param attributes - the subject's attributes
 * @returns whether the condition holds
 * @example
 * matchesCondition({ attribute: 'amountYuan', gte: 100000, lte: 500000 }, { amountYuan: 300000 }); //=> true
 */
export function matchesCondition(condition: Condition, attributes: Attributes): boolean {
  expectObject(condition, ['condition']);
  expectObject(attributes, ['attributes']);
  const has = Object.hasOwn(attributes, condition.attribute) && attributes[condition.attribute] !== null;
  const value = attributes[condition.attribute];
  if (condition.exists !== undefined && condition.exists !== has) return false;
  if (condition.equals !== undefined && !scalarEquals(value, condition.equals)) return false;
  if (condition.in !== undefined) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
    if (!condition.in.includes(value)) return false;
  }
  if (condition.notIn !== undefined) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (condition.notIn.includes(value)) return false;
    }
  }
  if (condition.includes !== undefined) {
    if (!Array.isArray(value) || !value.includes(condition.includes)) return false;
  }
  if (condition.excludes !== undefined && Array.isArray(value) && value.includes(condition.excludes))
    return false;
  const numeric = condition.gte !== undefined || condition.gt !== undefined;
  if (numeric || condition.lte !== undefined || condition.lt !== undefined) {
    if (typeof value !== 'number') return false;
    if (condition.gte !== undefined && !(value >= condition.gte)) return false;
    if (condition.gt !== undefined && !(value > condition.gt)) return false;
    if (condition.lte !== undefined && !(value <= condition.lte)) return false;
    if (condition.lt !== undefined && !(value < condition.lt)) return false;
  }
  return true;
}

/**
 * Tests a list of conditions; all must hold (an empty list always holds).
 *
 * @param conditions - the tests, AND-ed
 * @param attributes - the subject's attributes
 * @returns whether every condition holds
 * @example
 * matchesAll([{ attribute: 'grade', equals: 'critical' }], { grade: 'critical' }); //=> true
 */
export function matchesAll(conditions: readonly Condition[] | undefined, attributes: Attributes): boolean {
  if (conditions !== undefined) expectArray(conditions, ['conditions'], 'object');
  expectObject(attributes, ['attributes']);
  if (!conditions) return true;
  for (const c of conditions) if (!matchesCondition(c, attributes)) return false;
  return true;
}
