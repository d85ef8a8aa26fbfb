import {
  type Decision,
  expectArray,
  expectObject,
  InstantSchema,
  ownValue,
  parseInput,
  refuseRepeats,
  setOwn,
  Trace,
  toEpochMs,
} from '@zhidu/core';
import { z } from 'zod';
import { AttributesSchema } from '../conditions.js';

/** A complaint reference for repeat merging: who complained, about what, when received and resolved. */
export const ComplaintRefSchema = z
  .object({
    id: z.string().min(1),
    complainantId: z.string().min(1),
    issueKey: z.string().min(1),
    receivedAt: InstantSchema,
    resolvedAt: InstantSchema.optional(),
  })
  .strict();

/**
 * Merges repeated complaints: the same complainant about the same issue (matched by an issue key
 * the handler assigns) is one record, dated by the earliest receipt; later ones link to it.
 * With `onlyWhileOpen`, a repeat counts only while the first is unresolved (the "customer must not
 * need to call twice" reading of 001 L478).
 *
 * @param complaints - complaint references, any order
 * @param options - `onlyWhileOpen` (default false), and the rule id / clause to cite
 * @returns the primary records and duplicate links
 * @throws ZhiduError `invalid_input` for malformed references, `duplicate` at `['complaints', i, 'id']`
 *   for a complaint whose id an earlier one has (the same complaint listed twice, not a repeat
 *   complaint: it was linked as a repeat of itself)
 * @example
 * dedupeComplaints([
 *   { id: 'a', complainantId: 'r1', issueKey: 'leak-3-502', receivedAt: '2024-03-01T09:00:00+08:00' },
 *   { id: 'b', complainantId: 'r1', issueKey: 'leak-3-502', receivedAt: '2024-03-03T09:00:00+08:00' },
 * ]).value; //=> { primaries: ['a'], links: [{ duplicateId: 'b', primaryId: 'a' }] }
 */
export function dedupeComplaints(
  complaints: readonly unknown[],
  options: { onlyWhileOpen?: boolean; rule?: string; clause?: string } = {},
): Decision<{ primaries: string[]; links: { duplicateId: string; primaryId: string }[] }> {
  expectArray(complaints, ['complaints']);
  expectObject(options, ['options']);
  return dedupeParsedComplaints(
    complaints.map((c, i) => parseInput(ComplaintRefSchema, c, ['complaints', i])),
    options,
  );
}

/**
 * {@link dedupeComplaints} over references already parsed with {@link ComplaintRefSchema} (the
 * `sla.records` module parses its input once; 10^5 complaints are not parsed a second time).
 * @internal
 */
export function dedupeParsedComplaints(
  complaints: readonly z.output<typeof ComplaintRefSchema>[],
  options: { onlyWhileOpen?: boolean; rule?: string; clause?: string },
): Decision<{ primaries: string[]; links: { duplicateId: string; primaryId: string }[] }> {
  // An id names one complaint: the same complaint listed twice is refused (in the order given), not
  // merged as a repeat of itself. A repeat complaint is another id about the same matter.
  refuseRepeats(
    complaints,
    (c) => c.id,
    (i) => ['complaints', i, 'id'],
    (id) => `投诉 ${id} 重复列出 / complaint ${id} is listed twice`,
  );
  const list = complaints
    .map((c) => ({
      id: c.id,
      key: `${c.complainantId}\u0000${c.issueKey}`,
      resolvedAt: c.resolvedAt,
      ms: toEpochMs(c.receivedAt),
    }))
    .sort((a, b) => a.ms - b.ms);
  const trace = new Trace();
  const rule = options.rule ?? 'S000B-COMPLAINT-11';
  const clause = options.clause ?? '000 L1039';
  const first = new Map<string, (typeof list)[number]>();
  const primaries: string[] = [];
  const links: { duplicateId: string; primaryId: string }[] = [];
  for (const c of list) {
    const p = first.get(c.key);
    const stillOpen = p && (p.resolvedAt === undefined || toEpochMs(p.resolvedAt) > c.ms);
    if (p && (!options.onlyWhileOpen || stillOpen)) {
      links.push({ duplicateId: c.id, primaryId: p.id });
      trace.add(
        rule,
        clause,
        `重复投诉 ${c.id} 并入 ${p.id}`,
        `repeat complaint ${c.id} merged into ${p.id}`,
      );
    } else {
      first.set(c.key, c);
      primaries.push(c.id);
    }
  }
  return trace.decide({ primaries, links });
}

const HANDLED_ITEMS = z.array(z.looseObject({ handled: z.boolean() }));
const RATE_TARGET = z.number().min(0).max(1);

/**
 * The handling rate of raised issues (回访处理率): handled ÷ raised, compliant when it reaches the
 * target (100 % in 000 L1037). No issues raised counts as compliant.
 *
 * @param items - one entry per raised issue, `handled` true when it got a handling response
 * @param target - the required rate as a fraction (policy setting, e.g. 1)
 * @returns `{ raised, handled, rate, compliant }`
 * @throws ZhiduError `invalid_input` for an item that is not an object or whose `handled` is not a
 *   boolean (at `['items', i, 'handled']`), and for a target that is not a number from 0 to 1
 * @example
 * handlingRate([{ handled: true }, { handled: false }], 1).value; //=> { raised: 2, handled: 1, rate: 0.5, compliant: false }
 */
export function handlingRate(
  items: readonly { handled: boolean }[],
  target: number,
): Decision<{ raised: number; handled: number; rate: number; compliant: boolean }> {
  // Each issue is an object saying whether it was handled (a boolean: "no" is not a handling), and
  // the target is a rate: nothing is guessed from other values.
  parseInput(HANDLED_ITEMS, items, ['items']);
  parseInput(RATE_TARGET, target, ['target']);
  return handlingRateOf(items, target);
}

/**
 * {@link handlingRate} of items and a target already checked (the module `sla.records`: its input
 * schema and its setting check). @internal
 */
export function handlingRateOf(
  items: readonly { handled: boolean }[],
  target: number,
): Decision<{ raised: number; handled: number; rate: number; compliant: boolean }> {
  const raised = items.length;
  const handled = items.filter((i) => i.handled === true).length;
  const rate = raised === 0 ? 1 : handled / raised;
  const compliant = handled >= Math.ceil(raised * target - 1e-9);
  return new Trace()
    .add(
      'S000B-COMPLAINT-12',
      '000 L1037',
      `处理率 ${handled}/${raised}`,
      `handling rate ${handled}/${raised}`,
      { target },
    )
    .decide({ raised, handled, rate, compliant });
}

const ReportRowSchema = AttributesSchema;

/**
 * Counts complaints for a periodic report (weekly/monthly report, 周报/月报, 投诉分析报告) by the
 * given attributes. Which complaints belong to the period is the caller's selection.
 *
 * @param rows - one attribute record per complaint
 * @param by - the attributes to count by (e.g. `['category', 'validity']`)
 * @returns `{ total, counts: { [attribute]: { [value]: n } } }`
 * @example
 * summarizeComplaints([{ category: 'repairQuality' }, { category: 'repairQuality' }], ['category']).value.counts
 * //=> { category: { repairQuality: 2 } }
 */
export function summarizeComplaints(
  rows: readonly unknown[],
  by: readonly string[],
  cite: { rule: string; clause: string } = { rule: 'S001B-SLA-03', clause: '001 L1064' },
): Decision<{ total: number; counts: Record<string, Record<string, number>> }> {
  expectArray(rows, ['rows']);
  expectArray(by, ['by']);
  expectObject(cite, ['cite']);
  const parsed = rows.map((r, i) => parseInput(ReportRowSchema, r, ['rows', i]));
  // Own keys only: an attribute or a value named `constructor` or `__proto__` is counted like any other.
  const counts: Record<string, Record<string, number>> = {};
  for (const key of by) {
    const bucket: Record<string, number> = {};
    for (const r of parsed) {
      const v = ownValue(r, key);
      const label = v === undefined || v === null ? '(none)' : String(v);
      setOwn(bucket, label, (ownValue(bucket, label) ?? 0) + 1);
    }
    setOwn(counts, key, bucket);
  }
  return new Trace()
    .add(cite.rule, cite.clause, `统计 ${parsed.length} 件投诉`, `summarised ${parsed.length} complaints`, {
      by,
    })
    .decide({ total: parsed.length, counts });
}
