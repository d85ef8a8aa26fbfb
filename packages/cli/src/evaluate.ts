import { dealerRegistration000b, resolveAllOwnership, salesOffice001 } from '@zhidu/attribution';
import { chinaCalendar } from '@zhidu/calendar-cn';
import {
  type Decision,
  type EvalContext,
  makeContext,
  nearestKey,
  weekdayCalendar,
  ZhiduError,
} from '@zhidu/core';
import { assessPenalties, defineSchedule, PRESETS as FINE_PRESETS } from '@zhidu/penalty';
import { defineSlaPolicy, evaluateTimers, SLA_PRESETS } from '@zhidu/sla';

/** The evaluations the CLI can run, each from one JSON input and one policy. */
export const MODULES = ['timers', 'ownership', 'penalties'] as const;
/** A module the CLI evaluates. */
export type ModuleName = (typeof MODULES)[number];

const OWNERSHIP_PRESETS: Record<string, unknown> = { salesOffice001, dealerRegistration000b };

/** The presets a policy can be named by on the command line, per module. */
function presetTable(module: ModuleName): Record<string, unknown> {
  if (module === 'timers') return SLA_PRESETS;
  if (module === 'penalties') return FINE_PRESETS;
  return OWNERSHIP_PRESETS;
}

/** Names a policy can be given by on the command line, per module. */
export function presetNames(module: ModuleName): string[] {
  return Object.keys(presetTable(module));
}

/**
 * Resolves a `--policy` argument: a preset name, or a policy object read from a JSON file.
 *
 * @throws ZhiduError `unknown_reference` for an unknown preset name
 */
export function resolvePolicy(module: ModuleName, policy: string | object): unknown {
  if (typeof policy === 'object') {
    if (module === 'timers') return defineSlaPolicy(policy);
    if (module === 'penalties') return defineSchedule(policy);
    return policy;
  }
  const table = presetTable(module);
  // An own property only: `constructor`, `__proto__`, `toString` … are unknown presets.
  if (typeof policy !== 'string' || !Object.hasOwn(table, policy)) {
    const names = presetNames(module);
    const near = typeof policy === 'string' ? nearestKey(policy, names) : undefined;
    throw new ZhiduError(
      'unknown_reference',
      ['policy'],
      `没有 ${module} 预设 ${JSON.stringify(policy)}${near ? `；是否应为 ${near}？` : ''} / no ${module} preset ${JSON.stringify(policy)}${near ? `; did you mean ${near}?` : ''} (known: ${names.join(', ')})`,
      near ? { suggestion: near } : undefined,
    );
  }
  const found = table[policy];
  return typeof found === 'function' ? (found as () => unknown)() : found;
}

/** Builds the context: `now`, calendar (`prc` by default) and optional seed. */
export function contextFor(options: { now: string; calendar?: string; seed?: string }): EvalContext {
  const calendar = options.calendar === 'weekdays' ? weekdayCalendar() : chinaCalendar();
  if (options.calendar !== undefined && options.calendar !== 'weekdays' && options.calendar !== 'prc') {
    throw new ZhiduError(
      'invalid_input',
      ['calendar'],
      `--calendar 须为 prc 或 weekdays，而不是 ${options.calendar} / --calendar is prc or weekdays, not ${options.calendar}`,
    );
  }
  return makeContext({
    now: options.now,
    calendar,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}

/**
 * Evaluates one module's input under a policy.
 *
 * @param module - `timers` (events → timer states), `ownership` (sales log → owner per customer),
 *   `penalties` (violations → ledger)
 * @param input - the parsed JSON input
 * @param policy - a resolved policy (see {@link resolvePolicy})
 * @param ctx - evaluation context
 * @returns the module's decision (for ownership: one entry per customer)
 */
export function evaluate(
  module: ModuleName,
  input: unknown,
  policy: unknown,
  ctx: EvalContext,
): Decision<unknown> {
  switch (module) {
    case 'timers': {
      // The legacy input is the bare event list; the result, the bare timer states.
      const d = evaluateTimers({ events: input as never }, policy, ctx);
      return { value: d.value.result, trace: d.trace };
    }
    case 'penalties': {
      // The legacy input is the bare violation list; the result, the bare ledger.
      const d = assessPenalties({ violations: input as never }, policy, ctx);
      return { value: d.value.result, trace: d.trace };
    }
    case 'ownership': {
      // One entry per customer; each trace entry already names its customer in `data.customerId`.
      const d = resolveAllOwnership(input as never, policy, ctx);
      return { value: d.value.result.customers, trace: d.trace };
    }
  }
}
