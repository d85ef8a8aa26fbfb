import type { z } from 'zod';
import { type ErrorPath, parseInput } from './errors.js';
import { deepFreeze, frozenThrough } from './plain.js';

/**
 * A parser for a part of a policy that rule code reads on every call (a workflow, a recurrence, a
 * checklist): it validates what it is given with `schema` as {@link parseInput} does and returns
 * the parsed value frozen, but a value frozen through (a validated policy's: the module path freezes
 * every policy it validates) is parsed once, and its parsed value is returned again by identity;
 * so is a value this parser returned. A value that could still change is parsed on every call
 * (issue 21: the workflow modules, `sla.rates`, `service.periodic` and the checklists parsed their
 * validated policy's part again on every decision).
 *
 * @param schema - the part's schema
 * @returns `(value, path) => parsed`, refusing as {@link parseInput} does at `path`
 * @internal
 */
export function parseOnceFrozen<S extends z.ZodType>(
  schema: S,
): (value: unknown, path: ErrorPath) => Readonly<z.output<S>> {
  // The values this parser returned, and the parsed value of each value given frozen through.
  const returned = new WeakSet<object>();
  const ofFrozen = new WeakMap<object, Readonly<z.output<S>>>();
  return (value, path) => {
    const isObject = typeof value === 'object' && value !== null;
    if (isObject) {
      if (returned.has(value)) return value as Readonly<z.output<S>>;
      const known = ofFrozen.get(value);
      if (known !== undefined) return known;
    }
    const parsed = deepFreeze(parseInput(schema, value, path)) as Readonly<z.output<S>>;
    if (typeof parsed === 'object' && parsed !== null) returned.add(parsed);
    if (isObject && frozenThrough(value)) ofFrozen.set(value, parsed);
    return parsed;
  };
}
