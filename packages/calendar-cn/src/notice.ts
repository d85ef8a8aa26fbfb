import { DayOverrideSchema, LocalDateSchema, recordOf } from '@zhidu/core';
import { z } from 'zod';

/** A local date as the JSON Schema describes it (zhidu's own check also refuses 2025-02-30). */
const DateSchema = LocalDateSchema.meta({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

const SourceSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .describe('Title of the notice, e.g. 国务院办公厅关于2027年部分节假日安排的通知');

const noticeFields = {
  /** Lets an editor validate a file against the published JSON Schema; ignored by zhidu. */
  $schema: z.string().optional().describe('URL or path of this JSON Schema (ignored)'),
  year: z.number().int().min(1949).max(2200).describe('The calendar year the notice arranges'),
  /** The notice's title, e.g. 国务院办公厅关于2027年部分节假日安排的通知. */
  source: SourceSchema.optional(),
  /** Publication date: a later notice for the same year supersedes an earlier one only when newer. */
  published: DateSchema.optional().describe(
    'Publication date (YYYY-MM-DD); a notice supersedes a loaded one for the same year only when newer',
  ),
  holidays: recordOf(DateSchema, z.string()).describe(
    'Days off (放假), including weekends inside a holiday block: date → festival name',
  ),
  makeUpWorkdays: recordOf(DateSchema, z.string()).describe(
    'Weekend days worked in exchange (调休补班): date → festival name',
  ),
};

function checkDates(
  n: { year: number; holidays: Record<string, string>; makeUpWorkdays: Record<string, string> },
  ctx: z.RefinementCtx,
): void {
  for (const [kind, dates] of [
    ['holidays', n.holidays],
    ['makeUpWorkdays', n.makeUpWorkdays],
  ] as const) {
    for (const date of Object.keys(dates)) {
      if (Number(date.slice(0, 4)) !== n.year) {
        ctx.addIssue({
          code: 'custom',
          path: [kind, date],
          message: `${date} 不在 ${n.year} 年内 / ${date} is not in ${n.year}`,
        });
      }
      if (kind === 'makeUpWorkdays' && date in n.holidays) {
        ctx.addIssue({
          code: 'custom',
          path: [kind, date],
          message: `${date} 不能既是假日又是补班日 / ${date} cannot be both a holiday and a make-up workday`,
        });
      }
    }
  }
}

/**
 * One year's State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知) as data:
 * the days off and the weekend days worked in exchange (调休补班), each with the festival's name,
 * optionally with the notice's title (`source`) and publication date (`published`).
 */
export const YearNoticeSchema = z.strictObject(noticeFields).superRefine(checkDates);
/** One year's holiday notice. */
export type YearNotice = z.input<typeof YearNoticeSchema>;

/**
 * The JSON file format of a holiday notice (`zhidu calendar import`, `chinaCalendar({ notices })`):
 * a {@link YearNoticeSchema} whose `source` title and `published` date are required, so the trace
 * can name the notice and a later amendment can supersede it.
 *
 * @example
 * NoticeFileSchema.parse({
 *   year: 2027,
 *   source: '国务院办公厅关于2027年部分节假日安排的通知',
 *   published: '2026-11-05',
 *   holidays: { '2027-01-01': '元旦' },
 *   makeUpWorkdays: {},
 * });
 */
export const NoticeFileSchema = z
  .strictObject({
    ...noticeFields,
    source: SourceSchema,
    published: DateSchema.describe(noticeFields.published.description ?? ''),
  })
  .superRefine(checkDates)
  .describe('zhidu holiday notice: one year of PRC public holidays and make-up workdays');
/** A holiday notice as stored in a file. */
export type NoticeFile = z.input<typeof NoticeFileSchema>;

/**
 * The JSON file format of a company's own working-day adjustments: closures, extra workdays and short
 * days on top of the statutory calendar, with a title and publication date like a notice.
 *
 * @example
 * CompanyDaysSchema.parse({
 *   source: '某某置业2027年春节值班安排',
 *   published: '2027-01-10',
 *   days: { '2027-02-12': { workday: false, note: '公司春节加休' } },
 * });
 */
export const CompanyDaysSchema = z
  .strictObject({
    $schema: noticeFields.$schema,
    source: z.string().trim().min(1).max(300).describe('Title of the company notice'),
    published: DateSchema.describe('Publication date (YYYY-MM-DD); a newer file wins for the same date'),
    days: recordOf(DateSchema, DayOverrideSchema).describe(
      'date → { workday, spans?, note? }: closures, extra workdays, short days',
    ),
  })
  .describe("zhidu company working days: a company's closures and extra workdays");
/** A company's own closures and extra workdays. */
export type CompanyDays = z.input<typeof CompanyDaysSchema>;

/**
 * The JSON Schemas of the two file formats, generated from the zod schemas (the files shipped in
 * `@zhidu/calendar-cn/schema/*.schema.json` are these, verbatim).
 *
 * @example
 * calendarFileJsonSchemas().notice.required; //=> ['year', 'source', 'published', 'holidays', 'makeUpWorkdays']
 */
export function calendarFileJsonSchemas(): { notice: object; companyDays: object } {
  return {
    notice: z.toJSONSchema(NoticeFileSchema, { io: 'input', unrepresentable: 'any' }),
    companyDays: z.toJSONSchema(CompanyDaysSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
