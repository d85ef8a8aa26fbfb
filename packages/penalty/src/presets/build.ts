import { yuan } from '@zhidu/core';
import type { z } from 'zod';
import type { FineItemSchema, FineTargetSchema, OutcomeSchema } from '../schedule.js';

// Small builders so presets read like the regulation: `item(...)`, `each([emc, pdc], perDay(100))`.
// They produce plain JSON; `defineSchedule` validates the result.

/** A schedule item as JSON (before validation). */
export type ItemInput = z.input<typeof FineItemSchema>;
type OutcomeInput = z.input<typeof OutcomeSchema>;
type TargetInput = z.input<typeof FineTargetSchema>;
type ChargeInput = ItemInput['charges'][number];

/** The person the violation names. */
export const violator: TargetInput = { kind: 'violator' };

/** The holder of a named role. */
export function role(name: string): TargetInput {
  return { kind: 'role', role: name };
}

/** A fine per occurrence (per 车次, per 次, one-off). */
export function perTime(amountYuan: number): OutcomeInput {
  return { kind: 'fine', amount: yuan(amountYuan), per: 'occurrence' };
}

/** A fine per item (项, 件, 张, 处), optionally only for items beyond a threshold. */
export function perItem(amountYuan: number, itemsOver?: number): OutcomeInput {
  return itemsOver === undefined
    ? { kind: 'fine', amount: yuan(amountYuan), per: 'item' }
    : { kind: 'fine', amount: yuan(amountYuan), per: 'item', itemsOver };
}

/** A fine per started 24-hour block (每超/每延迟24小时, X元/天 — catalog convention C3). */
export function perDay(amountYuan: number): OutcomeInput {
  return { kind: 'fine', amount: yuan(amountYuan), per: 'lateUnit', lateUnit: 'blocks24h' };
}

/** A fine per started hour (每超1小时). */
export function perHour(amountYuan: number): OutcomeInput {
  return { kind: 'fine', amount: yuan(amountYuan), per: 'lateUnit', lateUnit: 'hours' };
}

/** Salary-grade demotion (降N级工资), a range when the clause gives one. */
export function demotion(min: number, max = min, per: 'occurrence' | 'item' = 'occurrence'): OutcomeInput {
  return { kind: 'demotion', grades: { min, max }, per };
}

/** Non-monetary measures. */
export function sanction(measures: string[], select: 'all' | 'oneOrMore' | 'one' = 'all'): OutcomeInput {
  return { kind: 'sanction', measures, select };
}

/** A consequence the regulation names without an amount. */
export function unspecified(measure: string, zh: string, en: string): OutcomeInput {
  return { kind: 'unspecified', measure, note: { zh, en } };
}

/** One charge: the same outcome for each target in full (C5). */
export function each(to: TargetInput[], outcome: OutcomeInput): ChargeInput {
  return { to, outcome };
}

/** Shorthand for a charge on the violator alone. */
export function own(outcome: OutcomeInput): ChargeInput {
  return { to: [violator], outcome };
}

/** A schedule item. */
export function item(
  id: string,
  rule: string,
  clause: string,
  zh: string,
  en: string,
  match: ItemInput['match'],
  charges: ChargeInput[],
  extra: Partial<Pick<ItemInput, 'assessedBy' | 'tally' | 'repeatUntilCorrected'>> = {},
): ItemInput {
  return { id, rule, clause, title: { zh, en }, match, charges, ...extra };
}

/** A deduction of shares of pay components (当日基本工资, 当月奖金的50%). */
export function payDeduction(
  parts: { component: string; ratio: number | `${number}%` | { numerator: number; denominator: number } }[],
): OutcomeInput {
  return { kind: 'payDeduction', parts };
}
