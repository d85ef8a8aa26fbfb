import exchangeMember from '../../presets/exchange-member.json' with { type: 'json' };
import { defineSchedule, type FineSchedule } from '../schedule.js';

// One item per conduct code of `ExchangeConductSchema`, in its tier (`exchangeTier`); a test checks the
// JSON still lists every code in its tier.

/**
 * The exchange-member sanction schedule (seed 001 part B, 第十四–二十條), pricing violation codes
 * `exchange.conduct.<P1…X5>` in measures, not money: the rectification tier (notice or circulated
 * criticism with a deadline; failing it cancels membership), the general menu M1–M7 (one or more,
 * M6 ≥ the illicit gain), the warning-talk tier (talk with senior management + mandatory training)
 * and revocation (fees not refunded).
 *
 * @returns the validated schedule, from `presets/exchange-member.json` (a new object on every call)
 * @example
 * exchangeMemberSchedule().params.items.length; //=> 31
 */
export function exchangeMemberSchedule(): FineSchedule {
  return defineSchedule(exchangeMember);
}
