import { definePolicy, type Policy, ZhiduError } from '@zhidu/core';
import { z } from 'zod';

/** An exact fraction, e.g. `{ numerator: 1, denominator: 3 }` for 三分之一. */
export const FractionSchema = z.strictObject({
  numerator: z.number().int().nonnegative(),
  denominator: z.number().int().positive(),
});
/** An exact fraction (see {@link FractionSchema}). */
export type Fraction = z.output<typeof FractionSchema>;

/** A person acting in a role: a signer, an approver, a member of staff on a shipment. */
export const ActorSchema = z.strictObject({ personId: z.string().min(1), role: z.string().min(1) });
/** A person acting in a role (see {@link ActorSchema}). */
export type Actor = z.output<typeof ActorSchema>;

/** A bilingual label, as every trace message and policy label carries. */
export const LabelSchema = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });

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

/**
 * Builds and validates the envelope of a seed preset (version `'1'`, dated from the preset input),
 * so that each preset states only its id, source and params.
 */
export function presetPolicy<S extends z.ZodType>(
  schema: S,
  dating: { effectiveFrom: string; zone: string },
  preset: { id: string; source: { title: string; clause: string }; params: z.input<S> },
): Policy<z.output<S>> {
  return definePolicy(schema, {
    id: preset.id,
    version: '1',
    effectiveFrom: dating.effectiveFrom,
    zone: dating.zone,
    source: preset.source,
    params: preset.params,
  });
}

/**
 * Refuses a policy object that does not carry params of the expected shape; used by every rule
 * function so that a hand-built policy object cannot bypass validation.
 */
export function paramsOf<P>(
  policy: Policy<P>,
  schema: z.ZodType<P>,
  path: (string | number)[] = ['policy'],
): P {
  if (typeof policy !== 'object' || policy === null) {
    throw new ZhiduError('invalid_input', path, 'a policy object is required');
  }
  const r = schema.safeParse(policy.params);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new ZhiduError(
      'invalid_input',
      [...path, 'params', ...(first?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p))],
      first?.message ?? 'invalid policy params',
    );
  }
  return r.data;
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
