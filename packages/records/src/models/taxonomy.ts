import { type Decision, parseInput, Trace, ZhiduError } from '@zhidu/core';
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
 * @throws ZhiduError `invalid_state` for a closed taxonomy, `invalid_input` for a duplicate value
 * @example
 * extendTaxonomy(contactChannelsAndTypes, [{ value: 'fax', group: 'channel', label: { zh: '传真', en: 'Fax' } }]);
 */
export function extendTaxonomy(
  base: TaxonomyInput,
  values: readonly z.input<typeof TaxonomyValueSchema>[],
): Taxonomy {
  const t = parseInput(TaxonomySchema, base, ['base']);
  if (!t.open)
    throw new ZhiduError(
      'invalid_state',
      ['base'],
      `分类 ${t.id} 是封闭的（制度原文未写“等”） / taxonomy ${t.id} is closed (no 等 in the seed)`,
    );
  return parseInput(TaxonomySchema, { ...t, values: [...t.values, ...values] }, ['values']);
}

/**
 * Whether a value belongs to a taxonomy (optionally to one group, or as a sub-value of a parent).
 *
 * @param taxonomy - the taxonomy
 * @param value - the value to test
 * @param options - `group` to restrict to one axis, `parent` for a sub-value
 * @returns a decision whose trace cites the taxonomy's id and source
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
  const found = t.values.find(
    (v) =>
      v.value === value &&
      (options.group === undefined || v.group === options.group) &&
      (options.parent === undefined ? v.parent === undefined : v.parent === options.parent),
  );
  const where = [options.group, options.parent].filter(Boolean).join('/');
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
      { value, ...options },
    )
    .decide(found !== undefined);
}
