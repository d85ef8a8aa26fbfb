import {
  type EvalContext,
  localDateOf,
  occurrences,
  ownValue,
  RecurrenceSchema,
  TextSchema,
  Trace,
  type TraceEntry,
  toEpochMs,
  type Violation,
  violation,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { BreachRolesSchema } from './roles.js';
import { type TimerState, TimerStatusSchema } from './timer/state.js';

/**
 * A rate across timers (回访率100%, 及时处理率≥95%): over the timers `timers` of each reporting
 * `period` (a core recurrence; a timer belongs to the period holding its start, or its due time with
 * `by: 'due'`), the share of those in the `denominator` states (default met and breached: the
 * timers that finished or ran out) that are in the `numerator` states (default met), against the
 * threshold `min` (a ratio: `1`, `'95%'`, `{ numerator: 19, denominator: 20 }`). A period is judged
 * at its due instant; a missed rate emits one violation per `breach.roles` when `breach` is given.
 */
export const RateSchema = z.strictObject({
  id: z.string().min(1),
  rule: z.string().min(1),
  clause: z.string().min(1),
  title: TextSchema,
  timers: z.array(z.string().min(1)).min(1),
  period: RecurrenceSchema,
  by: z.enum(['start', 'due']).default('start'),
  numerator: z.array(TimerStatusSchema).min(1).default(['met']),
  denominator: z.array(TimerStatusSchema).min(1).default(['met', 'breached']),
  min: z.union([
    z.number().min(0).max(1),
    z.string().regex(/^\d+(\.\d+)?%$/, '百分数，如 95% / a percentage such as 95%'),
    z.strictObject({ numerator: z.number().int().nonnegative(), denominator: z.number().int().positive() }),
  ]),
  breach: z
    .strictObject({
      code: z
        .string()
        .regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9-]+)+$/, 'a namespaced code like sla.rate.revisit'),
      roles: BreachRolesSchema,
    })
    .optional(),
});
/** A parsed rate. */
export type Rate = z.output<typeof RateSchema>;

/** One rate over one reporting period. */
export interface RateRow {
  rateId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  /** When the period's rate is judged (the recurrence's due instant). */
  dueAt: string;
  /** Timers in the numerator states. */
  numerator: number;
  /** Timers in the denominator states. */
  denominator: number;
  /** numerator / denominator, or null when no timer counts. */
  rate: number | null;
  /** The threshold as a decimal. */
  min: number;
  /** Whether the rate reaches the threshold; null before the period is judged or with no timer counted. */
  met: boolean | null;
  /** The timers counted: `<subject>/<timerId>#<cycle>` with their status. */
  timers: { subject: string; timerId: string; cycle: number; status: string }[];
}

/** An exact fraction of a ratio threshold. */
function fractionOf(ratio: Rate['min'], path: (string | number)[]): { n: bigint; d: bigint } {
  if (typeof ratio === 'object') return { n: BigInt(ratio.numerator), d: BigInt(ratio.denominator) };
  const text = typeof ratio === 'number' ? String(ratio) : ratio.slice(0, -1);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) {
    throw new ZhiduError(
      'invalid_input',
      path,
      `比率阈值须为非负小数、百分数或分数 / a rate threshold must be a non-negative decimal, percentage or fraction, got ${JSON.stringify(ratio)}`,
    );
  }
  const decimals = m[2] ?? '';
  const n = BigInt(`${m[1]}${decimals}`);
  const d = 10n ** BigInt(decimals.length) * (typeof ratio === 'number' ? 1n : 100n);
  return { n, d };
}

/**
 * The rates of a policy over evaluated timers: one row per rate and reporting period holding a
 * counted timer, and the violations of the periods judged (due by `ctx.now`) that missed the
 * threshold. Internal: the `sla.rates` module calls it.
 *
 * @internal
 */
export function rateRows(
  rates: readonly Rate[],
  states: readonly TimerState[],
  assignees: Readonly<Record<string, string>>,
  ctx: EvalContext,
): { rows: RateRow[]; violations: Violation[]; trace: TraceEntry[] } {
  const trace = new Trace();
  const rows: RateRow[] = [];
  const violations: Violation[] = [];
  const today = localDateOf(ctx.now, ctx.zone);
  rates.forEach((rate, ri) => {
    const min = fractionOf(rate.min, ['policy', 'params', 'rates', ri, 'min']);
    const counted = states
      .filter((s) => rate.timers.includes(s.timerId))
      .map((s) => {
        const at = rate.by === 'start' ? s.startedAt : s.dueAt;
        return at === undefined ? undefined : { state: s, date: localDateOf(at, ctx.zone) };
      })
      .filter((x): x is { state: TimerState; date: string } => x !== undefined);
    if (counted.length === 0) return;
    // Dates as YYYY-MM-DD compare as strings: the earliest counted date, the later of the last and today.
    const dates = [...counted.map((c) => c.date), today].sort();
    const first = dates[0] ?? today;
    const last = dates[dates.length - 1] ?? today;
    const periods = occurrences(rate.period, {
      from: first,
      to: last,
      zone: ctx.zone,
      calendar: ctx.calendar,
    });
    for (const p of periods) {
      const inPeriod = counted.filter((c) => c.date >= p.periodStart && c.date <= p.periodEnd);
      if (inPeriod.length === 0) continue;
      const denominator = inPeriod.filter((c) => rate.denominator.includes(c.state.status));
      const numerator = denominator.filter((c) => rate.numerator.includes(c.state.status));
      const judged = toEpochMs(p.due) <= toEpochMs(ctx.now);
      const reaches = BigInt(numerator.length) * min.d >= min.n * BigInt(denominator.length);
      const met = !judged || denominator.length === 0 ? null : reaches;
      const row: RateRow = {
        rateId: rate.id,
        period: p.period,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        dueAt: p.due,
        numerator: numerator.length,
        denominator: denominator.length,
        rate: denominator.length === 0 ? null : numerator.length / denominator.length,
        min: Number(min.n) / Number(min.d),
        met,
        timers: inPeriod.map((c) => ({
          subject: c.state.subject,
          timerId: c.state.timerId,
          cycle: c.state.cycle,
          status: c.state.status,
        })),
      };
      rows.push(row);
      const pct = row.rate === null ? '—' : `${numerator.length}/${denominator.length}`;
      trace.add(
        rate.rule,
        rate.clause,
        `${rate.title.zh}(${p.period}):${pct},要求 ≥ ${row.min * 100}%,${met === null ? '尚未判定' : met ? '达标' : '未达标'}`,
        `${rate.title.en} (${p.period}): ${pct}, at least ${row.min * 100}% required, ${met === null ? 'not judged yet' : met ? 'met' : 'missed'}`,
        { rateId: rate.id, period: p.period, numerator: row.numerator, denominator: row.denominator },
      );
      if (met === false && rate.breach) {
        for (const role of rate.breach.roles) {
          violations.push(
            violation('sla.rates', rate, {
              code: rate.breach.code,
              personId: ownValue(assignees, role) ?? `role:${role}`,
              role,
              occurredAt: p.due,
              subject: { kind: 'slaRate', id: `${rate.id}@${p.period}` },
              data: {
                rateId: rate.id,
                period: p.period,
                numerator: row.numerator,
                denominator: row.denominator,
              },
            }),
          );
        }
      }
    }
  });
  return { rows, violations, trace: trace.entries };
}
