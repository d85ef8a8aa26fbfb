import { recordOf, TextSchema, ValueTestSchema } from '@zhidu/core';
import { z } from 'zod';

/**
 * A cell value a decision table compares against or returns: text, a number or a flag.
 */
export const ScalarSchema = z.union([z.string(), z.number().finite(), z.boolean()]);
/** A cell value (see {@link ScalarSchema}). */
export type Scalar = z.output<typeof ScalarSchema>;

/** The type of a declared input or output column. */
export const ColumnTypeSchema = z.enum(['number', 'string', 'boolean']);

/** A declared input or output column. */
export const ColumnSchema = z.strictObject({
  name: z.string().min(1),
  type: ColumnTypeSchema,
  label: TextSchema.optional(),
});

/**
 * A row: for each input column it tests, core's value test (the one condition language of zhidu,
 * `ValueTestSchema` from `@zhidu/core`) — `equals`, `in` / `notIn` sets, `gte` / `gt` / `lte` / `lt`
 * bounds, every given test AND-ed. The column is the attribute; inputs a row does not name (or names
 * with the empty test `{}`) match anything. Bounds say which side owns a boundary (`gte: 60, lt: 80`
 * is `[60, 80)`). `exists`, `includes` and `excludes` are refused: every input is a present scalar.
 * `rule`/`clause` let a company cite its own regulation; the trace carries them.
 */
export const TableRowSchema = z.strictObject({
  id: z.string().min(1),
  when: recordOf(z.string(), ValueTestSchema).default({}),
  result: recordOf(z.string(), ScalarSchema),
  rule: z.string().min(1).optional(),
  clause: z.string().min(1).optional(),
});
/** A row of a decision table. */
export type TableRow = z.output<typeof TableRowSchema>;

/**
 * Hit policies, as in DMN and zen-engine:
 * - `first`: rows are tried in order and the first match wins. Overlapping rows are refused unless
 *   `allowOverlap` is set (then a row that an earlier row fully covers is still refused, being unreachable).
 * - `unique`: at most one row may match any input; overlapping rows are refused.
 * - `collect`: every matching row is returned, optionally aggregated (`sum`, `count`, `min`, `max`).
 */
export const HitPolicySchema = z.enum(['first', 'unique', 'collect']);

/** A decision table as JSON data. */
export const DecisionTableSchema = z.strictObject({
  id: z.string().min(1),
  clause: z.string().min(1).optional(),
  hitPolicy: HitPolicySchema,
  allowOverlap: z.boolean().default(false),
  inputs: z.array(ColumnSchema).min(1),
  outputs: z.array(ColumnSchema).min(1),
  rules: z.array(TableRowSchema),
  defaultOutput: recordOf(z.string(), ScalarSchema).optional(),
  aggregate: z
    .strictObject({ op: z.enum(['sum', 'count', 'min', 'max']), output: z.string().min(1).optional() })
    .optional(),
});
/** A decision table as accepted by {@link defineDecisionTable}. */
export type DecisionTableInput = z.input<typeof DecisionTableSchema>;
/** A validated decision table. */
export type DecisionTable = z.output<typeof DecisionTableSchema>;

/** The inputs of one evaluation: a value for every declared input column. */
export type TableInput = Readonly<Record<string, Scalar>>;

/** What an evaluation found. */
export type TableResult = {
  /** The rows that matched, in table order (at most one for `first` / `unique`). */
  matches: { rowId: string; output: Record<string, Scalar> }[];
  /** For `first` / `unique`: the winning row's output, else `defaultOutput`, else null. */
  output: Record<string, Scalar> | null;
  /** For `collect` with `aggregate`: the aggregated number (`count` of no rows is 0; others null). */
  aggregate: number | null;
};
