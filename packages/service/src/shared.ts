import {
  BilingualText,
  type Citation,
  describeValue,
  plainConstructor,
  type TraceEntry,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';

// Citations and "is it filled in" are core's (CitationSchema, isPresent); service modules read them here.
export { type Citation, CitationSchema, isPresent } from '@zhidu/core';

/** Non-empty identifier string. */
export const IdSchema = z.string().min(1);

/** A percentage 0–100 (e.g. `50` for 回访率达50%). */
export const PercentSchema = z.number().min(0).max(100);

/** Refuses an argument that is not a finite number from 0 to `max` (a count or a percentage). */
function expectCount(value: unknown, name: string, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    throw new ZhiduError(
      'invalid_input',
      [name],
      `须为 0 到 ${max === 100 ? '100' : '∞'} 之间的有限数 / expected a finite number from 0 to ${max === 100 ? '100' : 'any size'}, got ${describeValue(value)}`,
    );
  }
}

/**
 * Items needed to reach `percent` of `total`: `ceil(total × percent / 100)` (catalog C6 / C4: a
 * minimum share is rounded up). Computed on integers where possible so 0.1 × 30 is exactly 3.
 *
 * @param total - size of the base (≥ 0)
 * @param percent - target percentage
 * @returns the smallest count that meets the target
 * @throws ZhiduError `invalid_input` when `total` is not a finite number ≥ 0 or `percent` not in 0–100
 * @example
 * requiredCount(9, 50); //=> 5
 * requiredCount(437, 90); //=> 394
 */
export function requiredCount(total: number, percent: number): number {
  expectCount(total, 'total', Number.POSITIVE_INFINITY);
  expectCount(percent, 'percent', 100);
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
 * @throws ZhiduError `invalid_input` for a negative or non-finite `done` or `total`, or a `percent`
 *   outside 0–100
 * @example
 * meetsPercent(4, 9, 50); //=> false
 * meetsPercent(0, 0, 50); //=> true
 */
export function meetsPercent(done: number, total: number, percent: number): boolean {
  expectCount(done, 'done', Number.POSITIVE_INFINITY);
  return done >= requiredCount(total, percent);
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
      `本制度没有 "${name}" 部分；请选用其制度有此规定的预设，或补充该部分 / this policy has no "${name}" section; use a preset whose regulation states it or add the section`,
    );
  }
  return section;
}

/*
 * A trace entry and a bilingual message are built by `new` on constructors whose prototype is
 * `Object.prototype` instead of literals: the same plain objects (prototype, own keys in the same
 * order, the same JSON), made without a V8 allocation site, which a call making many of them (a
 * breach attributed to a role is traced, one entry per breach) would otherwise have tenured, every
 * later entry then allocated in the old generation (issue 21).
 */

/** `{ rule, clause, message }` and `data` when given, a trace entry's keys in order. */
const Entry = plainConstructor(function Entry(
  this: TraceEntry,
  rule: string,
  clause: string | undefined,
  message: { zh: string; en: string },
  data: Record<string, unknown> | undefined,
) {
  this.rule = rule;
  this.clause = clause;
  this.message = message;
  if (data !== undefined) this.data = data;
});

/** A trace entry built from a citation. */
export function entry(cite: Citation, zh: string, en: string, data?: Record<string, unknown>): TraceEntry {
  return new Entry(cite.rule, cite.clause, new BilingualText(zh, en), data);
}
