import {
  addDays,
  addMonthsClamped,
  type Decision,
  endOfLocalDay,
  InstantSchema,
  LocalDateSchema,
  localDateOf,
  parseInput,
  Trace,
  violation,
  weekdayOf,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { answerable, findFileType, type RecordsContext, resolveContext, type Violation } from './context.js';
import { asRecordsPolicy, type RecordsPolicy, type RecordsPolicyLike } from './policy.js';
import type { FileType } from './schemas.js';
import { IdSchema } from './schemas.js';

/** The module that emits `records.cadence.missed`. */
const CADENCE = 'records.cadence';

/** The longest range judged at once: ten years of daily forms. */
const MAX_RANGE_DAYS = 3660;

/** Input of `records.cadence`: the periodic forms and reports produced over a range of days. */
export const FormCadenceInputSchema = z.strictObject({
  /** The days judged, both included (local dates in the policy's zone). */
  range: z.strictObject({ from: LocalDateSchema, to: LocalDateSchema }),
  /** The periodic file types judged; default: every file type of the policy with a cadence. */
  fileTypeIds: z.array(IdSchema).optional(),
  /** One entry per form or report produced: its file type and the period it covers (any instant in it). */
  produced: z
    .array(z.strictObject({ fileTypeId: IdSchema, period: InstantSchema, fileId: IdSchema.optional() }))
    .default([]),
  /** Who answers for a missed period (e.g. the sales manager for his own forms); without a role, the file type's author role. */
  responsible: z.strictObject({ personId: IdSchema, role: IdSchema.optional() }),
});
export type FormCadenceInput = z.input<typeof FormCadenceInputSchema>;

/** One period of a periodic form: its days and how many were produced for it. */
export interface FormCadencePeriod {
  from: string;
  to: string;
  produced: number;
  /** `missed` once the period is over with nothing produced; `open` while it still runs. */
  status: 'done' | 'missed' | 'open';
}

/** The value of `records.cadence`: per file type, its periods in the range. */
export interface FormCadenceResult {
  fileTypes: {
    fileTypeId: string;
    cadence: FileType['cadence'];
    periods: FormCadencePeriod[];
    missed: number;
  }[];
  violations: Violation[];
}

type Cadence = Exclude<FileType['cadence'], 'perEvent'>;

const CADENCE_ZH: Record<Cadence, string> = {
  daily: '每日',
  weekly: '每周',
  monthly: '每月',
  halfYearly: '每半年',
};
const CADENCE_EN: Record<Cadence, string> = {
  daily: 'daily',
  weekly: 'weekly',
  monthly: 'monthly',
  halfYearly: 'half-yearly',
};

/** A file type whose periodic duty is the graded snapshot duty (判断见 records.snapshots), not a plain cadence. */
function snapshotDuty(policy: RecordsPolicy, t: FileType): boolean {
  return policy.params.snapshots != null && policy.params.snapshots.rule === t.rule;
}

/** Whether `records.cadence` judges a file type by default: periodic, and not the graded snapshot duty. */
export function periodic(policy: RecordsPolicy, t: FileType): boolean {
  return t.cadence !== 'perEvent' && !snapshotDuty(policy, t);
}

/** The first day of the period of `date`: the day, its Monday, the 1st of its month, 1 January or 1 July. */
export function periodStart(cadence: Cadence, date: string): string {
  switch (cadence) {
    case 'daily':
      return date;
    case 'weekly':
      // Weeks run Monday (weekday 1) to Sunday (the PRC working week).
      return addDays(date, 1 - weekdayOf(date));
    case 'monthly':
      return `${date.slice(0, 7)}-01`;
    case 'halfYearly':
      return `${date.slice(0, 4)}-${Number(date.slice(5, 7)) <= 6 ? '01' : '07'}-01`;
  }
}

/** The first day of the next period. */
function nextStart(cadence: Cadence, start: string): string {
  switch (cadence) {
    case 'daily':
      return addDays(start, 1);
    case 'weekly':
      return addDays(start, 7);
    case 'monthly':
      return addMonthsClamped(start, 1);
    case 'halfYearly':
      return addMonthsClamped(start, 6);
  }
}

/**
 * Checks the periodic forms and reports of a records policy (每日来人来电统计表、周/月分析表、日/周计划表…,
 * S001-ARCHIVE-04/06/07): every period of each file type's `cadence` that overlaps the range and is over
 * by `now` has at least one form produced for it; each period without one emits
 * `records.cadence.missed`, answered by the file type's author role (or `responsible`). Weeks run Monday
 * to Sunday, half-years January–June and July–December; a period still running at `now` is `open`,
 * never missed.
 *
 * @param input - the range, the file types (default: every periodic one) and the forms produced
 * @param policyInput - a records policy
 * @param ctx - `{ now }` (and the zone of the policy)
 * @returns the periods per file type and the missed ones as violations
 * @throws ZhiduError `unknown_reference` for an unknown file type; `invalid_input` for a file type kept per
 *   event (no cadence), a reversed range or one over ten years; `duplicate` for a file type named twice
 *   in `fileTypeIds`
 * @example
 * cadenceOf(
 *   { range: { from: '2024-03-04', to: '2024-03-10' }, fileTypeIds: ['dailyVisitCallStats'],
 *     produced: [{ fileTypeId: 'dailyVisitCallStats', period: '2024-03-04T20:00:00+08:00' }],
 *     responsible: { personId: 'm1', role: 'salesManager' } },
 *   salesOfficePreset, { now: '2024-03-11T09:00:00+08:00' },
 * ).value.fileTypes[0]?.missed; //=> 6
 */
export function cadenceOf(
  input: FormCadenceInput,
  policyInput: RecordsPolicyLike,
  ctx: RecordsContext,
): Decision<FormCadenceResult> {
  const policy = asRecordsPolicy(policyInput);
  return cadenceParsed(parseInput(FormCadenceInputSchema, input), policy, ctx);
}

/** {@link cadenceOf} on an input its module has parsed already (one parse, not two; issue 21). @internal */
export function cadenceParsed(
  req: z.output<typeof FormCadenceInputSchema>,
  policy: RecordsPolicy,
  ctx: RecordsContext,
): Decision<FormCadenceResult> {
  const time = resolveContext(ctx, policy);
  const { from, to } = req.range;
  if (from > to) {
    throw new ZhiduError(
      'invalid_input',
      ['range', 'to'],
      `区间结束日 ${to} 早于开始日 ${from} / the range ends (${to}) before it starts (${from})`,
    );
  }
  if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > MAX_RANGE_DAYS * 86_400_000) {
    throw new ZhiduError(
      'invalid_input',
      ['range'],
      `区间最长 ${MAX_RANGE_DAYS} 天（十年） / a range is at most ${MAX_RANGE_DAYS} days (ten years)`,
    );
  }
  // A file type named twice would be judged twice: refused, which also bounds the work by the
  // policy's file types (a list of 10^5 repeats took a second).
  const named = new Set<string>();
  const types: FileType[] =
    req.fileTypeIds === undefined
      ? policy.params.fileTypes.filter((t) => periodic(policy, t))
      : req.fileTypeIds.map((id, i) => {
          const t = findFileType(policy, id, ['fileTypeIds', i]);
          if (named.has(t.id)) {
            throw new ZhiduError(
              'duplicate',
              ['fileTypeIds', i],
              `档案类型 ${id} 重复列出 / file type ${id} is listed twice`,
            );
          }
          named.add(t.id);
          if (snapshotDuty(policy, t)) {
            throw new ZhiduError(
              'invalid_input',
              ['fileTypeIds', i],
              `档案类型 ${id} 的定期存档按客户等级规定，由 records.snapshots 判断 / file type ${id} is archived periodically by partner grade: records.snapshots judges it`,
            );
          }
          if (t.cadence === 'perEvent') {
            throw new ZhiduError(
              'invalid_input',
              ['fileTypeIds', i],
              `档案类型 ${id} 按事件填写，没有填写周期 / file type ${id} is kept per event: it has no cadence to check`,
            );
          }
          return t;
        });
  const wanted = new Set(types.map((t) => t.id));
  const producedBy = new Map<string, string[]>();
  req.produced.forEach((p, i) => {
    findFileType(policy, p.fileTypeId, ['produced', i, 'fileTypeId']);
    if (!wanted.has(p.fileTypeId)) return;
    const list = producedBy.get(p.fileTypeId) ?? [];
    list.push(localDateOf(p.period, time.zone));
    producedBy.set(p.fileTypeId, list);
  });
  const today = localDateOf(time.now, time.zone);
  const trace = new Trace();
  const violations: Violation[] = [];
  const fileTypes: FormCadenceResult['fileTypes'] = [];
  for (const t of types) {
    const cadence = t.cadence as Cadence;
    const days = producedBy.get(t.id) ?? [];
    const counts = new Map<string, number>();
    for (const d of days) {
      const s = periodStart(cadence, d);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const periods: FormCadencePeriod[] = [];
    for (let s = periodStart(cadence, from); s <= to; s = nextStart(cadence, s)) {
      const end = addDays(nextStart(cadence, s), -1);
      const produced = counts.get(s) ?? 0;
      const status = produced > 0 ? 'done' : end < today ? 'missed' : 'open';
      periods.push({ from: s, to: end, produced, status });
    }
    const missed = periods.filter((p) => p.status === 'missed');
    // The person who answers, in the role given, else the role that writes the form.
    const role = req.responsible.role ?? t.author;
    const who = { personId: req.responsible.personId, ...(role === undefined ? {} : { role }) };
    for (const p of missed) {
      violations.push(
        violation(
          CADENCE,
          { rule: t.rule, clause: t.clause },
          {
            code: 'records.cadence.missed',
            ...answerable(who),
            occurredAt: endOfLocalDay(p.to, time.zone),
            quantity: 1,
            subject: { kind: 'fileType', id: t.id },
            data: { fileTypeId: t.id, from: p.from, to: p.to },
          },
        ),
      );
    }
    const done = periods.filter((p) => p.status === 'done').length;
    const open = periods.length - done - missed.length;
    trace.add(
      t.rule,
      t.clause,
      `${t.name.zh}${CADENCE_ZH[cadence]}填写：${from} 至 ${to} 共 ${periods.length} 期，已填 ${done} 期，缺 ${missed.length} 期${open > 0 ? `，${open} 期尚未结束` : ''}`,
      `${t.name.en} (${CADENCE_EN[cadence]}): ${periods.length} period(s) from ${from} to ${to}, ${done} produced, ${missed.length} missed${open > 0 ? `, ${open} still running` : ''}`,
      { fileTypeId: t.id, cadence, periods: periods.length, done, missed: missed.length },
    );
    fileTypes.push({ fileTypeId: t.id, cadence: t.cadence, periods, missed: missed.length });
  }
  return trace.decide({ fileTypes, violations });
}
