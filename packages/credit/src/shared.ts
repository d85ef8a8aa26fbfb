import { firstRepeat, type Policy, parseInput, policySchema, ZhiduError } from '@zhidu/core';
import { z } from 'zod';

/** An exact fraction, e.g. `{ numerator: 1, denominator: 3 }` for 三分之一. */
export const FractionSchema = z.strictObject({
  numerator: z.number().int().nonnegative(),
  denominator: z.number().int().positive(),
});
/** An exact fraction (see {@link FractionSchema}). */
export type Fraction = z.output<typeof FractionSchema>;

/**
 * A share of a whole, an exact fraction at most 1 (`{ numerator: 1, denominator: 5 }`): the part of
 * an amount one person bears can never exceed the amount.
 */
export const ShareFractionSchema = FractionSchema.refine((f) => f.numerator <= f.denominator, {
  message:
    '份额不能超过整体（分子须不大于分母） / a share cannot exceed the whole (the numerator is at most the denominator)',
});

/** A person acting in a role: a signer, an approver, a member of staff on a shipment. */
export const ActorSchema = z.strictObject({ personId: z.string().min(1), role: z.string().min(1) });
/** A person acting in a role (see {@link ActorSchema}). */
export type Actor = z.output<typeof ActorSchema>;

/**
 * The staff involved in a case, each person in each role once: a person listed twice in one role
 * split that role's share with themself (two lines for one person). One person in two roles is
 * allowed. A repeat is refused, `duplicate` at `[i, 'personId']` below the list.
 */
export const StaffListSchema = z.array(ActorSchema).superRefine((staff, ctx) => {
  const i = firstRepeat(staff, (a) => `${a.personId}\u0000${a.role}`);
  if (i === -1) return;
  const a = staff[i] as Actor;
  ctx.addIssue({
    code: 'custom',
    path: [i, 'personId'],
    message: `${a.personId} 以 ${a.role} 身份重复列出 / ${a.personId} is listed twice as ${a.role}`,
    params: { zhiduCode: 'duplicate' },
  });
});

/** Source-line citations of the seeds this package encodes (seed file + line). */
export const SEED_000 = '000_4818bcf0bb2aaeac.txt';
/** @see SEED_000 */
export const SEED_001 = '001_b5a166781b06eda6.txt';

/**
 * The dating fields every seed preset's input accepts: when the policy takes effect and the zone
 * its local dates are read in. Spread into each preset's input schema.
 */
export const PresetDatingShape = {
  effectiveFrom: z.string().default('1970-01-01'),
  zone: z.string().default('Asia/Shanghai'),
};

/** Validated policies by params schema and object identity: each object is validated once. */
const validatedPolicies = new WeakMap<z.ZodType, WeakMap<object, Policy<unknown>>>();

/**
 * Validates a whole policy (the strict envelope and its params) before a rule function reads it,
 * so that a policy object that never went through `define*()` or a module is refused with a
 * `ZhiduError` (code, path, message) instead of failing deep inside with a `TypeError`. Cached per
 * object identity, so the hot path pays once.
 */
export function policyOf<P>(
  policy: unknown,
  schema: z.ZodType<P>,
  path: (string | number)[] = ['policy'],
): Policy<P> {
  if (typeof policy !== 'object' || policy === null) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `须提供制度对象（例如预设或 definePolicy 的结果），收到 ${policy === null ? 'null' : typeof policy} / a policy object is required (a preset or the result of definePolicy), got ${policy === null ? 'null' : typeof policy}`,
    );
  }
  let bySchema = validatedPolicies.get(schema);
  if (bySchema === undefined) {
    bySchema = new WeakMap();
    validatedPolicies.set(schema, bySchema);
  }
  const cached = bySchema.get(policy);
  if (cached !== undefined) return cached as Policy<P>;
  const parsed = parseInput(policySchema(schema), policy, path) as Policy<P>;
  bySchema.set(policy, parsed);
  bySchema.set(parsed as object, parsed);
  return parsed;
}

/** The validated params of a policy (see {@link policyOf}). */
export function paramsOf<P>(
  policy: unknown,
  schema: z.ZodType<P>,
  path: (string | number)[] = ['policy'],
): P {
  return policyOf(policy, schema, path).params;
}

/** `amount < limit × fraction` (strict) or `≤` (inclusive), compared exactly in integers. */
export function belowFraction(amount: number, limit: number, fraction: Fraction, strict: boolean): boolean {
  const lhs = BigInt(amount) * BigInt(fraction.denominator);
  const rhs = BigInt(limit) * BigInt(fraction.numerator);
  return strict ? lhs < rhs : lhs <= rhs;
}

/** `floor(count × fraction)`, the largest whole number that does not exceed the fraction. */
export function floorFraction(count: number, fraction: Fraction): number {
  return Math.floor((count * fraction.numerator) / fraction.denominator);
}
