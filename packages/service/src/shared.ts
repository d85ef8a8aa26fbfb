import { type TraceEntry, ZhiduError } from '@zhidu/core';
import { z } from 'zod';

/** Where a rule comes from: the stable catalog id and the clause (seed file + line). */
export const CitationSchema = z.strictObject({
  /** Stable catalog id, e.g. `S000B-FOLLOWUP-04`. */
  rule: z.string().min(1),
  /** Seed file and line, e.g. `000 L1021`. */
  clause: z.string().min(1),
});
/** A rule citation carried by every policy row so that traces can name their source. */
export type Citation = z.infer<typeof CitationSchema>;

/** Non-empty identifier string. */
export const IdSchema = z.string().min(1);

/** A percentage 0–100 (e.g. `50` for 回访率达50%). */
export const PercentSchema = z.number().min(0).max(100);

/**
 * Items needed to reach `percent` of `total`: `ceil(total × percent / 100)` (catalog C6 / C4: a
 * minimum share is rounded up). Computed on integers where possible so 0.1 × 30 is exactly 3.
 *
 * @param total - size of the base (≥ 0)
 * @param percent - target percentage
 * @returns the smallest count that meets the target
 * @example
 * requiredCount(9, 50); //=> 5
 * requiredCount(437, 90); //=> 394
 */
export function requiredCount(total: number, percent: number): number {
  // For an integer percent, total × percent is an exact integer and its division by 100 is
  // correctly rounded, so ceil never crosses an integer boundary by float error.
  return Math.ceil((total * percent) / 100);
}

/**
 * Whether `done` of `total` reaches `percent` ("达X%" is ≥ X %). A zero base meets any target (C6).
 *
 * @param done - items that count
 * @param total - size of the base
 * @param percent - target percentage
 * @returns true when done ≥ ceil(total × percent / 100)
 * @example
 * meetsPercent(4, 9, 50); //=> false
 * meetsPercent(0, 0, 50); //=> true
 */
export function meetsPercent(done: number, total: number, percent: number): boolean {
  return done >= requiredCount(total, percent);
}

/**
 * Whether a recorded field counts as filled in: not null/undefined, not a blank string, not an
 * empty array, not `false`.
 *
 * @param value - any field value
 * @returns true when present
 * @example
 * isPresent('  '); //=> false
 * isPresent(0); //=> true
 */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * Returns a section of the policy params, refusing a policy that lacks it: a preset for one
 * regulation only carries the sections that regulation states.
 *
 * @param section - the section value (possibly undefined)
 * @param name - section name, for the error path
 * @returns the section
 * @throws ZhiduError `invalid_input` when the section is missing
 * @example
 * const reception = requireSection(paramsOf(policy).reception, 'reception');
 */
export function requireSection<T>(section: T | undefined, name: string): T {
  if (section === undefined) {
    throw new ZhiduError(
      'invalid_input',
      ['policy', 'params', name],
      `this policy has no "${name}" section; use a preset whose regulation states it or add the section`,
    );
  }
  return section;
}

/** A trace entry built from a citation. */
export function entry(cite: Citation, zh: string, en: string, data?: Record<string, unknown>): TraceEntry {
  return data === undefined
    ? { rule: cite.rule, clause: cite.clause, message: { zh, en } }
    : { rule: cite.rule, clause: cite.clause, message: { zh, en }, data };
}
