import {
  type Decision,
  describeValue,
  expectArray,
  nearestKey,
  parseInput,
  Trace,
  ZhiduError,
} from '@zhidu/core';
import { z } from 'zod';
import { BilingualLabelSchema, ModelSourceSchema } from './template.js';

/** One value of a taxonomy. `group` splits two axes of one id; `parent` nests a sub-value. */
export const TaxonomyValueSchema = z.strictObject({
  value: z.string().min(1),
  label: BilingualLabelSchema,
  description: z.string().min(1).optional(),
  group: z.string().min(1).optional(),
  parent: z.string().min(1).optional(),
});
/** One value of a taxonomy. */
export type TaxonomyValue = z.infer<typeof TaxonomyValueSchema>;

/**
 * A taxonomy (分类): the shared vocabulary a regulation fixes — request types, channels, visit purposes.
 * `open` marks lists the seed ends with 等: a company may add values with {@link extendTaxonomy}.
 */
export const TaxonomySchema = z
  .strictObject({
    id: z.string().min(1),
    title: BilingualLabelSchema,
    source: ModelSourceSchema,
    open: z.boolean().default(false),
    values: z.array(TaxonomyValueSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.values.forEach((v, i) => {
      const k = `${v.group ?? ''}:${v.value}`;
      if (seen.has(k))
        ctx.addIssue({
          code: 'custom',
          path: ['values', i, 'value'],
          message: `重复的值 ${v.value} / duplicate ${v.value}`,
        });
      seen.add(k);
    });
    t.values.forEach((v, i) => {
      if (v.parent !== undefined && !t.values.some((p) => p.value === v.parent && p.parent === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['values', i, 'parent'],
          message: `未知上级 ${v.parent} / unknown parent ${v.parent}`,
        });
      }
    });
  });
/** A taxonomy as validated. */
export type Taxonomy = z.output<typeof TaxonomySchema>;
/** A taxonomy as written. */
export type TaxonomyInput = z.input<typeof TaxonomySchema>;

/**
 * Validates a taxonomy definition.
 *
 * @param input - the taxonomy as data
 * @returns the validated taxonomy
 * @throws ZhiduError `invalid_input` for duplicate values or an unknown parent
 * @example
 * defineTaxonomy({ id: 'ACME-CH', title: { zh: '渠道', en: 'Channels' }, source: { seed: 'acme.md', lines: 'L1' },
 *   values: [{ value: 'fax', label: { zh: '传真', en: 'Fax' } }] });
 */
export function defineTaxonomy(input: TaxonomyInput): Taxonomy {
  return parseInput(TaxonomySchema, input, ['taxonomy']);
}

/**
 * Adds values to an open taxonomy (its list ends with 等). Closed taxonomies are refused: the seed gives
 * the full list, so a new value would change the regulation, not extend it.
 *
 * @param base - the reference taxonomy
 * @param values - the values to add
 * @returns the extended taxonomy
 * @throws ZhiduError `invalid_state` for a closed taxonomy, `invalid_input` for a duplicate value or
 *   for `values` that is not an array
 * @example
 * extendTaxonomy(contactChannelsAndTypes, [{ value: 'fax', group: 'channel', label: { zh: '传真', en: 'Fax' } }]);
 */
export function extendTaxonomy(
  base: TaxonomyInput,
  values: readonly z.input<typeof TaxonomyValueSchema>[],
): Taxonomy {
  const t = parseInput(TaxonomySchema, base, ['base']);
  // `extendTaxonomy(tax, undefined)` threw "values is not iterable" (a TypeError) from the spread below.
  expectArray(values, ['values']);
  if (!t.open)
    throw new ZhiduError(
      'invalid_state',
      ['base'],
      `分类 ${t.id} 是封闭的（制度原文未写“等”） / taxonomy ${t.id} is closed (no 等 in the seed)`,
    );
  return parseInput(TaxonomySchema, { ...t, values: [...t.values, ...values] }, ['values']);
}

// Options of checkTaxonomyValue: a misspelt key (`parnet`) is refused, not ignored.
const TaxonomyValueOptionsSchema = z.strictObject({
  /** One axis of the taxonomy (a `group` its values carry, e.g. `channel`). */
  group: z.string().min(1).optional(),
  /** A top-level value of the taxonomy: the value must be one of its sub-values. */
  parent: z.string().min(1).optional(),
});
/**
 * Whether a value belongs to a taxonomy (optionally to one group, or as a sub-value of a parent).
 * `group` must be a group the taxonomy's values carry and `parent` one of its top-level values: a
 * misspelt axis or parent is refused (naming the one meant), not answered `false`.
 *
 * @param taxonomy - the taxonomy
 * @param value - the value to test
 * @param options - `group` to restrict to one axis, `parent` for a sub-value
 * @returns a decision whose trace cites the taxonomy's id and source
 * @throws ZhiduError `invalid_input` for a value that is not a string or options that are not an
 *   object of strings; `unknown_key` for another option; `unknown_reference` for a group or parent the
 *   taxonomy does not have
 * @example
 * checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { parent: 'CUSTOMER_MAINTENANCE' }).value; //=> true
 * checkTaxonomyValue(visitPurposes, 'SETTLE_PAYMENT', { parent: 'MARKET_RESEARCH' }).value;      //=> false
 */
export function checkTaxonomyValue(
  taxonomy: TaxonomyInput,
  value: string,
  options: { group?: string; parent?: string } = {},
): Decision<boolean> {
  const t = parseInput(TaxonomySchema, taxonomy, ['taxonomy']);
  if (typeof value !== 'string') {
    throw new ZhiduError(
      'invalid_input',
      ['value'],
      `须为分类值（字符串） / expected a taxonomy value (a string), got ${describeValue(value)}`,
    );
  }
  const o = parseInput(TaxonomyValueOptionsSchema, options, ['options']);
  if (o.group !== undefined) {
    const groups = groupsOf(t);
    knownName(t, groups, o.group, 'group', '组', 'group');
  }
  if (o.parent !== undefined) {
    const parents = t.values.filter((v) => v.parent === undefined).map((v) => v.value);
    knownName(t, parents, o.parent, 'parent', '上级值', 'top-level value');
  }
  const found = t.values.find(
    (v) =>
      v.value === value &&
      (o.group === undefined || v.group === o.group) &&
      (o.parent === undefined ? v.parent === undefined : v.parent === o.parent),
  );
  const where = [o.group, o.parent].filter(Boolean).join('/');
  return new Trace()
    .add(
      t.id,
      `${t.source.seed} ${t.source.lines}`,
      found
        ? `「${found.label.zh}」属于${t.title.zh}`
        : `${value} 不属于${t.title.zh}${where ? `(${where})` : ''}`,
      found
        ? `"${found.label.en}" is a ${t.title.en} value`
        : `${value} is not a ${t.title.en} value${where ? ` (${where})` : ''}`,
      { value, ...o },
    )
    .decide(found !== undefined);
}

/** The groups (axes) a taxonomy's values carry, each once, in order of first use. @internal */
export function groupsOf(t: { values: readonly { group?: string | undefined }[] }): string[] {
  return [...new Set(t.values.flatMap((v) => (v.group === undefined ? [] : [v.group])))];
}

/** Refuses a `group` or `parent` option the taxonomy does not have, naming the nearest it has. */
function knownName(
  t: Taxonomy,
  known: readonly string[],
  given: string,
  option: 'group' | 'parent',
  zh: string,
  en: string,
): void {
  if (known.includes(given)) return;
  const near = nearestKey(given, known);
  const list = known.length > 0 ? known.join(', ') : null;
  throw new ZhiduError(
    'unknown_reference',
    ['options', option],
    `分类 ${t.id} 中没有${zh} ${describeValue(given)}${near ? `；是否应为 ${describeValue(near)}？` : ''}${list ? `（已有：${list}）` : `（该分类没有${zh}）`} / taxonomy ${t.id} has no ${en} ${describeValue(given)}${near ? `; did you mean ${describeValue(near)}?` : ''}${list ? ` (known: ${list})` : ` (it has no ${en}s)`}`,
  );
}
