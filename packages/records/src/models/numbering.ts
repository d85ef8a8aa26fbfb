import {
  DEFAULT_ZONE,
  type Decision,
  type InstantInput,
  InstantSchema,
  localDateOf,
  parseInput,
  Trace,
  toInstant,
  ZhiduError,
  ZoneSchema,
} from '@zhidu/core';
import { z } from 'zod';
import { SEED } from './build.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The next number in a sequence: the highest sequence among `issued` numbers that share the rendered
 * prefix, plus one. Numbers of deleted records must stay in `issued`, so none is ever handed out twice.
 */
function nextInSequence(
  issued: readonly string[],
  format: string,
  digits: number,
  path: string,
): { no: string; seq: number } {
  const parts = format.split('{seq}');
  if (parts.length !== 2) {
    throw new ZhiduError(
      'invalid_input',
      [path, 'format'],
      '编号格式须恰好包含一次 {seq} / the format must contain {seq} exactly once',
    );
  }
  const [before = '', after = ''] = parts;
  const pattern = new RegExp(`^${escapeRegExp(before)}(\\d+)${escapeRegExp(after)}$`);
  let max = 0;
  for (const n of issued) {
    const m = pattern.exec(n);
    if (m?.[1]) max = Math.max(max, Number(m[1]));
  }
  const seq = max + 1;
  return { no: `${before}${String(seq).padStart(digits, '0')}${after}`, seq };
}

/** Parameters of {@link nextWorkOrderNumber}: the seed fixes uniqueness, not the format. */
export const WorkOrderNumberOptionsSchema = z.strictObject({
  /** Tokens: `{yyyy}` `{MM}` `{dd}` (date of `at` in `zone`) and `{seq}` (required, once). */
  format: z.string().min(1).default('WO{yyyy}{MM}{dd}-{seq}'),
  /** Zero-padded width of the sequence. */
  seqDigits: z.number().int().min(1).max(12).default(4),
  zone: ZoneSchema.default(DEFAULT_ZONE),
});
/** Parameters of {@link nextWorkOrderNumber}. */
export type WorkOrderNumberOptions = z.input<typeof WorkOrderNumberOptionsSchema>;

/**
 * The next repair work-order number (工单号): system-generated and unique (S002-SYS-01, 002 L106). With a
 * date in the format the sequence restarts each day, so numbers also sort in creation order.
 *
 * @param issued - every number issued so far (including those of cancelled orders)
 * @param at - when the order is created
 * @param options - {@link WorkOrderNumberOptions}
 * @returns the new number, with a trace
 * @throws ZhiduError for a format without `{seq}`, an invalid instant or zone
 * @example
 * nextWorkOrderNumber(['WO20240304-0001'], '2024-03-04T09:05:00+08:00').value; //=> 'WO20240304-0002'
 */
export function nextWorkOrderNumber(
  issued: readonly string[],
  at: InstantInput,
  options: WorkOrderNumberOptions = {},
): Decision<string> {
  const o = parseInput(WorkOrderNumberOptionsSchema, options, ['options']);
  const list = parseInput(z.array(z.string()), issued, ['issued']);
  // Read at its own name: `localDateOf` refused a bad instant at its first argument, `[0]`.
  const date = localDateOf(toInstant(at, ['at']), o.zone);
  const [y = '', m = '', d = ''] = date.split('-');
  const format = o.format.replaceAll('{yyyy}', y).replaceAll('{MM}', m).replaceAll('{dd}', d);
  const { no, seq } = nextInSequence(list, format, o.seqDigits, 'options');
  return new Trace()
    .add(
      'S002-SYS-01',
      `${SEED.s002} L106`,
      `系统自动生成唯一工单号 ${no}(当前序号 ${seq})`,
      `system-generated unique work-order number ${no} (sequence ${seq})`,
      { date, seq },
    )
    .decide(no);
}

/** A work order as listed: its number and when it was reported. */
export const ListedWorkOrderSchema = z.strictObject({
  workOrderNo: z.string().min(1),
  reportedAt: InstantSchema,
});
/** A work order as listed. */
export type ListedWorkOrder = z.input<typeof ListedWorkOrderSchema>;

/**
 * Lists work orders in time order (按照时间顺序进行排列), earliest first, and refuses duplicate numbers.
 *
 * @param orders - orders with number and report time
 * @returns the numbers in report-time order (ties by number), with a trace
 * @throws ZhiduError `duplicate` when two orders share a number
 * @example
 * listWorkOrders([
 *   { workOrderNo: 'B', reportedAt: '2024-03-04T09:05:00+08:00' },
 *   { workOrderNo: 'A', reportedAt: '2024-03-04T09:00:00+08:00' },
 * ]).value; //=> ['A', 'B']
 */
export function listWorkOrders(orders: readonly ListedWorkOrder[]): Decision<string[]> {
  const list = parseInput(z.array(ListedWorkOrderSchema), orders, ['orders']);
  const seen = new Set<string>();
  list.forEach((o, i) => {
    if (seen.has(o.workOrderNo)) {
      throw new ZhiduError(
        'duplicate',
        ['orders', i, 'workOrderNo'],
        `工单编号 ${o.workOrderNo} 重复 / work-order number ${o.workOrderNo} is not unique`,
      );
    }
    seen.add(o.workOrderNo);
  });
  const sorted = [...list].sort((a, b) =>
    a.reportedAt === b.reportedAt
      ? a.workOrderNo.localeCompare(b.workOrderNo)
      : a.reportedAt < b.reportedAt
        ? -1
        : 1,
  );
  return new Trace()
    .add(
      'S002-SYS-01',
      `${SEED.s002} L106`,
      '工单按报修时间先后排列',
      'work orders listed by report time, earliest first',
      {
        count: sorted.length,
      },
    )
    .decide(sorted.map((o) => o.workOrderNo));
}

/**
 * Whether a number supplied from outside (an import, a manual entry) is still free.
 *
 * @param candidate - the proposed number
 * @param issued - every number issued so far
 * @returns false when it collides, with a trace
 * @example
 * isWorkOrderNumberFree('WO20240304-0001', ['WO20240304-0001']).value; //=> false
 */
export function isWorkOrderNumberFree(candidate: string, issued: readonly string[]): Decision<boolean> {
  parseInput(z.string(), candidate, ['candidate']);
  parseInput(z.array(z.string()), issued, ['issued']);
  const taken = issued.includes(candidate);
  return new Trace()
    .add(
      'S002-SYS-01',
      `${SEED.s002} L106`,
      taken ? `工单号 ${candidate} 已被使用` : `工单号 ${candidate} 可用`,
      taken ? `work-order number ${candidate} is already taken` : `work-order number ${candidate} is free`,
    )
    .decide(!taken);
}

/** Parameters of {@link nextCustomerNumber}: the seed asks for a number, not its shape. */
export const CustomerNumberOptionsSchema = z.strictObject({
  siteCode: z
    .string()
    .regex(/^[A-Za-z0-9]+$/, { message: '站点代码须为字母和数字 / site codes are letters and digits' }),
  digits: z.number().int().min(1).max(12).default(6),
});
/** Parameters of {@link nextCustomerNumber}. */
export type CustomerNumberOptions = z.input<typeof CustomerNumberOptionsSchema>;

/**
 * The number of the next customer registered at a sales site (并将所有客户资料进行编号, S000B-CORE-01):
 * `${siteCode}-${seq}`. Pass every number ever issued at the site, deleted records included, so a
 * number is never reused.
 *
 * @param issued - numbers issued so far
 * @param options - site code and width
 * @returns the new number, with a trace
 * @example
 * nextCustomerNumber(['JY01-000001', 'JY01-000002'], { siteCode: 'JY01' }).value; //=> 'JY01-000003'
 */
export function nextCustomerNumber(
  issued: readonly string[],
  options: CustomerNumberOptions,
): Decision<string> {
  const o = parseInput(CustomerNumberOptionsSchema, options, ['options']);
  const list = parseInput(z.array(z.string()), issued, ['issued']);
  const { no, seq } = nextInSequence(list, `${o.siteCode}-{seq}`, o.digits, 'options');
  return new Trace()
    .add(
      'S000B-CORE-01',
      `${SEED.s000} L781`,
      `案场客户编号 ${no}(编号不重复使用)`,
      `site customer number ${no} (numbers are never reused)`,
      { siteCode: o.siteCode, seq },
    )
    .decide(no);
}
