import {
  addDays,
  calendarBasisTrace,
  type Decision,
  type EvalContext,
  expectArray,
  expectEvalContext,
  expectObject,
  type LocalDate,
  LocalDateSchema,
  localDateOf,
  localTimeOf,
  parseInput,
  Trace,
} from '@zhidu/core';
import { z } from 'zod';
import { parseEvents, type SlaEventInput } from './events.js';

/**
 * A frequency commitment rather than a deadline: "at least twice a day", "10 households a month",
 * "5 times per floor per day", optionally only inside a time window on working days (004 T6-03a).
 */
export const QuotaSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    type: z.string().min(1),
    atLeast: z.number().int().positive(),
    per: z.enum(['day', 'month']),
    perSubject: z.boolean().default(false),
    window: z
      .object({
        from: z.string().regex(/^\d{2}:\d{2}$/),
        to: z.string().regex(/^\d{2}:\d{2}$/),
        excludeHolidays: z.boolean(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Quota = z.output<typeof QuotaSchema>;

/**
 * Counts performances of a quota per day or month over a date range (inclusive) and reports the
 * periods that fell short. Days off are skipped when the window excludes holidays; then the trace
 * names where the calendar's days off came from whenever the range reaches beyond the calendar's
 * data or uses a dated notice, and the rows of years answered beyond the data carry
 * `provisional: true` (which days are off there may change when the year's notice is loaded).
 *
 * @param events - the log of performed tasks (`type` = the quota's type)
 * @param quota - the commitment
 * @param range - first and last local date to check
 * @param ctx - zone and calendar
 * @returns one row per period (and subject when `perSubject`) with `count`, `met` and, for a period
 *   whose days off were answered beyond the calendar's data, `provisional: true`
 * @example
 * const twiceADay = { id: 'T6-02a', rule: 'S004-SLA-00', clause: '004 L114', type: 'perform', atLeast: 2, per: 'day' as const };
 * const log = [{ type: 'perform', subject: 'lobby', at: '2024-03-04T09:00:00+08:00' }];
 * const ctx = makeContext({ now: '2024-03-05T00:00:00+08:00', calendar: chinaCalendar() });
 * quotaRows(log, twiceADay, { from: '2024-03-04', to: '2024-03-04' }, ctx).value
 * //=> [{ period: '2024-03-04', subject: null, count: 1, met: false }]
 */
export function quotaRows(
  events: readonly SlaEventInput[],
  quota: Quota,
  range: { from: LocalDate; to: LocalDate },
  ctx: EvalContext,
): Decision<{ period: string; subject: string | null; count: number; met: boolean; provisional?: true }[]> {
  expectArray(events, ['events']);
  expectObject(quota, ['quota']);
  expectObject(range, ['range']);
  expectEvalContext(ctx);
  const from = parseInput(LocalDateSchema, range.from, ['range', 'from']);
  const to = parseInput(LocalDateSchema, range.to, ['range', 'to']);
  const parsed = parseEvents(events);
  const counts = new Map<string, number>();
  const subjects = new Set<string>();
  for (const e of parsed) {
    if (e.type !== quota.type) continue;
    const date = localDateOf(e.at, ctx.zone);
    if (quota.window) {
      const t = localTimeOf(e.at, ctx.zone);
      if (t < quota.window.from || t > quota.window.to) continue;
    }
    const period = quota.per === 'day' ? date : date.slice(0, 7);
    const subject = quota.perSubject ? e.subject : '';
    subjects.add(subject);
    counts.set(`${period}|${subject}`, (counts.get(`${period}|${subject}`) ?? 0) + 1);
  }
  if (!quota.perSubject) subjects.add('');
  const periods: string[] = [];
  // A report over a range lists every period in it; this walk is bounded by the caller's range,
  // unlike deadline arithmetic, which never steps day by day.
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (quota.window?.excludeHolidays && !ctx.calendar.isWorkday(d)) continue;
    const p = quota.per === 'day' ? d : d.slice(0, 7);
    if (!periods.includes(p)) periods.push(p);
  }
  const trace = new Trace();
  const beyond = new Set<string>();
  if (quota.window?.excludeHolidays && from <= to) {
    const basis = calendarBasisTrace(trace, ctx.calendar, from, to, { when: 'notable' });
    for (const b of basis) if (b.kind !== 'data') beyond.add(String(b.year).padStart(4, '0'));
  }
  const rows = periods.flatMap((period) =>
    [...subjects].map((subject) => {
      const count = counts.get(`${period}|${subject}`) ?? 0;
      const met = count >= quota.atLeast;
      const provisional = beyond.has(period.slice(0, 4));
      if (!met) {
        trace.add(
          quota.rule,
          quota.clause,
          `${quota.id} ${period} 仅 ${count} 次,少于 ${quota.atLeast} 次`,
          `${quota.id} ${period}: ${count} of at least ${quota.atLeast}`,
          {
            subject: subject || null,
            ...(provisional ? { provisional: true } : {}),
          },
        );
      }
      return provisional
        ? { period, subject: subject || null, count, met, provisional: true as const }
        : { period, subject: subject || null, count, met };
    }),
  );
  return trace.decide(rows);
}
