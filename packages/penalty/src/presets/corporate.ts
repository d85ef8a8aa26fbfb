import { parseInput, toInstant } from '@zhidu/core';
import { z } from 'zod';
import customerFiling from '../../presets/customer-filing.json' with { type: 'json' };
import { defineSchedule, type FineSchedule } from '../schedule.js';

/**
 * Options of {@link customerFilingSchedule}: the loss scale a company adds to the qualitative
 * liability clause (S000B-PENALTY-01), and how the amount is shared between the person responsible
 * and the department supervisor. The regulation gives neither; by default no scale is set and the
 * clause yields an open item for a human, never a made-up figure.
 */
export const CustomerFilingOptionsSchema = z
  .object({
    lossBands: z
      .array(
        z
          .object({
            from: z.number().int().nonnegative(),
            to: z.number().int().positive().optional(),
            amount: z.number().int().nonnegative().optional(),
            ratio: z.union([z.number(), z.templateLiteral([z.number(), '%'])]).optional(),
          })
          .strict(),
      )
      .default([]),
    /** Weights of person and supervisor; absent = each bears the full amount (C5). */
    shares: z.tuple([z.number().nonnegative(), z.number().nonnegative()]).optional(),
  })
  .strict();

/**
 * The customer-filing and complaint-liability schedule of seed 000 part B: every penalty there is
 * qualitative, so this schedule prices nothing in money by default and returns open items:
 * - a complaint that caused a loss: the person responsible and the department supervisor are liable
 *   "according to the size of the loss" (S000B-PENALTY-01; loss in `data.lossFen`, a loss of 0 costs nothing);
 * - the handler of a delayed complaint (S000B-PENALTY-02);
 * - a leasing manager's late registration or archive form: points off that month's performance
 *   score (S000B-PENALTY-03);
 * - expenses for a customer never filed are not reimbursed (S000B-PENALTY-04; `data.expenseFen`);
 * - ignoring repeated requests to file: a month-end KPI penalty (S000B-PENALTY-05).
 *
 * @param options - an optional loss scale and liability shares for S000B-PENALTY-01
 * @returns the validated schedule: `presets/customer-filing.json`, with the options' scale and shares in its `complaint-loss` item
 * @example
 * const s = customerFilingSchedule({ lossBands: [{ from: 0, ratio: '1%' }], shares: [70, 30] });
 * s.params.items[0]?.charges[0]?.weights; //=> [70, 30]
 */
export function customerFilingSchedule(
  options: z.input<typeof CustomerFilingOptionsSchema> = {},
): FineSchedule {
  const o = parseInput(CustomerFilingOptionsSchema, options, ['options']);
  const json = structuredClone(customerFiling) as unknown as {
    params: { items: { id: string; charges: Record<string, unknown>[] }[] };
  };
  const loss = json.params.items.find((i) => i.id === 'complaint-loss');
  const charge = loss?.charges[0];
  if (loss !== undefined && charge !== undefined) {
    const { outcome, ...rest } = charge;
    loss.charges[0] = {
      ...rest,
      ...(o.shares === undefined ? {} : { weights: [...o.shares] }),
      outcome: { ...(outcome as object), bands: o.lossBands },
    };
  }
  return defineSchedule(json);
}

/** Input of {@link ignoredFilingUrgings}. */
export const FilingUrgingsSchema = z
  .object({
    filedAt: z.union([z.string(), z.number()]).optional(),
    urgings: z.array(z.union([z.string(), z.number()])),
    monthEnd: z.union([z.string(), z.number()]),
    /** "多次" (several): at least this many ignored urgings (catalog reading: 2). */
    minIgnored: z.number().int().min(1).default(2),
  })
  .strict();

/**
 * Counts the filing requests a department ignored (S000B-PENALTY-05): an urging is ignored when the
 * customer was still not filed at the next urging, or at month-end for the last one. "多次" is read as
 * at least 2 (configurable).
 *
 * @param input - the filing instant (if any), the urgings and the month-end instant
 * @returns the count and whether the month-end KPI penalty applies (emit `records.filing.urgingsIgnored`)
 * @throws ZhiduError `invalid_input` / `invalid_instant`
 * @example
 * ignoredFilingUrgings({ urgings: ['2024-03-12T10:00:00+08:00', '2024-03-19T10:00:00+08:00'],
 *   monthEnd: '2024-03-31T23:59:59+08:00' }); //=> { ignored: 2, flag: true }
 */
export function ignoredFilingUrgings(input: z.input<typeof FilingUrgingsSchema>): {
  ignored: number;
  flag: boolean;
} {
  const i = parseInput(FilingUrgingsSchema, input, ['input']);
  const filed = i.filedAt === undefined ? undefined : toInstant(i.filedAt, ['input', 'filedAt']);
  const urgings = i.urgings.map((u, k) => toInstant(u, ['input', 'urgings', k])).sort();
  const end = toInstant(i.monthEnd, ['input', 'monthEnd']);
  let ignored = 0;
  urgings.forEach((u, k) => {
    const checkAt = urgings[k + 1] ?? end;
    if (u > end) return;
    if (filed === undefined || filed > checkAt) ignored++;
  });
  return { ignored, flag: ignored >= i.minIgnored };
}
