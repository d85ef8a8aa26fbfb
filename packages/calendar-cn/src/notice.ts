import { LocalDateSchema } from '@zhidu/core';
import { z } from 'zod';

/**
 * One year's State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知) as data:
 * the days off and the weekend days worked in exchange (调休补班), each with the festival's name.
 */
export const YearNoticeSchema = z
  .object({
    year: z.number().int().min(1949).max(2200),
    holidays: z.record(LocalDateSchema, z.string()),
    makeUpWorkdays: z.record(LocalDateSchema, z.string()),
  })
  .superRefine((n, ctx) => {
    for (const [kind, dates] of [
      ['holidays', n.holidays],
      ['makeUpWorkdays', n.makeUpWorkdays],
    ] as const) {
      for (const date of Object.keys(dates)) {
        if (Number(date.slice(0, 4)) !== n.year) {
          ctx.addIssue({ code: 'custom', path: [kind, date], message: `${date} is not in ${n.year}` });
        }
        if (kind === 'makeUpWorkdays' && date in n.holidays) {
          ctx.addIssue({
            code: 'custom',
            path: [kind, date],
            message: `${date} cannot be both a holiday and a make-up workday`,
          });
        }
      }
    }
  });
/** One year's holiday notice. */
export type YearNotice = z.input<typeof YearNoticeSchema>;
