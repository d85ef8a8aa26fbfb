import { z } from 'zod';
import { type ErrorPath, parseInput } from './errors.js';
import { expectObject } from './guards.js';
import { recordOf } from './record.js';
import type { BilingualText } from './text.js';

/**
 * A value a subject may carry as an attribute (severity, amount band, category, a flag…). Kept to
 * JSON scalars and string lists so that policies and event logs round-trip through JSON.
 */
export const AttributeValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()),
  z.null(),
]);
/** An attribute value (see {@link AttributeValueSchema}). */
export type AttributeValue = z.infer<typeof AttributeValueSchema>;

/** Attributes of a subject (a complaint, a repair request, a project) accumulated from its events. */
export const AttributesSchema = recordOf(z.string(), AttributeValueSchema);
/** Attributes of a subject (see {@link AttributesSchema}). */
export type Attributes = z.infer<typeof AttributesSchema>;

/**
 * Where a condition looks in the subject: a key (`'amountYuan'`), or a path of keys into nested
 * objects (`['customer', 'grade']`). A string is one key even when it contains a dot, so an
 * attribute named `a.b` is never mistaken for a path.
 */
export const AttributePathSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
/** An attribute path (see {@link AttributePathSchema}). */
export type AttributePath = z.output<typeof AttributePathSchema>;

const MemberSchema = z.union([z.string(), z.number(), z.boolean()]);

/**
 * The tests on one value, every given one must hold (AND). Boundaries are explicit: `gte`/`lte`
 * include the bound (以上/以下/以内), `gt`/`lt` exclude it (超过/不满), so a policy states which side
 * of "100,000 yuan" a band owns instead of the code guessing (catalog convention C4).
 * Positive tests (`equals`, `in`, bounds, `includes`, `exists: true`) fail on a missing (or null)
 * value; negative ones (`notIn`, `excludes`, `exists: false`) hold on it.
 * An empty test `{}` holds for every value — used where the attribute is implied (a decision-table
 * column); a condition naming an attribute must test something.
 */
export const ValueTestSchema = z.strictObject({
  /** Equal to this value (lists compare element by element). */
  equals: AttributeValueSchema.optional(),
  /** One of these values (set membership). */
  in: z.array(MemberSchema).min(1).optional(),
  /** None of these values. */
  notIn: z.array(MemberSchema).min(1).optional(),
  /** A number ≥ this (inclusive). */
  gte: z.number().optional(),
  /** A number > this (exclusive). */
  gt: z.number().optional(),
  /** A number ≤ this (inclusive). */
  lte: z.number().optional(),
  /** A number < this (exclusive). */
  lt: z.number().optional(),
  /** Present (not missing, not null) — or, with `false`, absent. */
  exists: z.boolean().optional(),
  /** A list value containing this element. */
  includes: z.string().optional(),
  /** A list value not containing this element. */
  excludes: z.string().optional(),
});
/** The tests on one value (see {@link ValueTestSchema}). */
export type ValueTest = z.output<typeof ValueTestSchema>;

const TEST_KEYS = [
  'equals',
  'in',
  'notIn',
  'gte',
  'gt',
  'lte',
  'lt',
  'exists',
  'includes',
  'excludes',
] as const;

/** A test on one attribute of the subject (see {@link ValueTestSchema} for the operators). */
export const AttributeConditionSchema = ValueTestSchema.extend({ attribute: AttributePathSchema }).refine(
  (c) => TEST_KEYS.some((k) => c[k] !== undefined),
  { message: '条件须至少有一项检验 / a condition must test something (equals, in, gte, …)' },
);
/** A test on one attribute. */
export type AttributeCondition = z.output<typeof AttributeConditionSchema>;

/**
 * A condition: a test on one attribute, or a combination — `all` (every one holds), `any` (at
 * least one holds), `not` (the condition does not hold).
 *
 * @example
 * // 10万元以上(含)50万元以下(含), not for VIP customers
 * const band: Condition = { all: [
 *   { attribute: 'amountYuan', gte: 100000, lte: 500000 },
 *   { not: { attribute: 'tier', equals: 'vip' } },
 * ] };
 */
export type Condition = AttributeCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** The one condition language of zhidu (see {@link Condition}). */
export const ConditionSchema: z.ZodType<Condition, Condition> = z.lazy(() =>
  z.union([
    AttributeConditionSchema,
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

const ConditionListSchema = z.array(ConditionSchema);

// Conditions come from validated policies and are tested many times (every event of a timer
// replay); a condition object validated once is not validated again. The schema has no defaults or
// transforms, so the validated object is evaluated as given.
const validated = new WeakSet<object>();
function checked(schema: z.ZodType, value: unknown, path: ErrorPath): void {
  if (value !== null && typeof value === 'object' && validated.has(value)) return;
  parseInput(schema, value, path);
  if (value !== null && typeof value === 'object') validated.add(value);
}

/** What {@link evaluateCondition} found: whether the condition holds, and what was tested. */
export type ConditionResult = {
  holds: boolean;
  /** The tests and the value they saw, e.g. `amountYuan (300000) ≥ 100000 and ≤ 500000: holds`. */
  explanation: BilingualText;
};

function pathOf(attribute: AttributePath): string[] {
  return typeof attribute === 'string' ? [attribute] : attribute;
}

function nameOf(attribute: AttributePath): string {
  return typeof attribute === 'string' ? attribute : attribute.join('.');
}

/** The value at a path, or undefined when any key on the way is not an own property. */
function resolve(subject: unknown, attribute: AttributePath): unknown {
  let at: unknown = subject;
  for (const key of pathOf(attribute)) {
    if (at === null || typeof at !== 'object' || Array.isArray(at) || !Object.hasOwn(at, key))
      return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

function isMember(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

/**
 * Whether a value passes the tests of a {@link ValueTest} (every given test must hold). The value
 * is what the subject carries (`undefined` when missing).
 *
 * @param test - the tests
 * @param value - the value tested
 * @returns true when every given test holds
 * @example
 * valuePasses({ gte: 60, lt: 80 }, 80); //=> false
 */
export function valuePasses(test: ValueTest, value: unknown): boolean {
  checked(ValueTestSchema, test, ['test']);
  return passes(test, value);
}

function passes(test: ValueTest, value: unknown): boolean {
  const has = value !== undefined && value !== null;
  if (test.exists !== undefined && test.exists !== has) return false;
  if (test.equals !== undefined && !sameValue(value, test.equals)) return false;
  if (test.in !== undefined && !(isMember(value) && test.in.includes(value))) return false;
  if (test.notIn !== undefined && isMember(value) && test.notIn.includes(value)) return false;
  if (test.includes !== undefined && !(Array.isArray(value) && value.includes(test.includes))) return false;
  if (test.excludes !== undefined && Array.isArray(value) && value.includes(test.excludes)) return false;
  const bounded =
    test.gte !== undefined || test.gt !== undefined || test.lte !== undefined || test.lt !== undefined;
  if (bounded) {
    if (typeof value !== 'number' || Number.isNaN(value)) return false;
    if (test.gte !== undefined && !(value >= test.gte)) return false;
    if (test.gt !== undefined && !(value > test.gt)) return false;
    if (test.lte !== undefined && !(value <= test.lte)) return false;
    if (test.lt !== undefined && !(value < test.lt)) return false;
  }
  return true;
}

const show = (v: unknown): string => (v === undefined ? '—' : JSON.stringify(v));

/**
 * The tests of a {@link ValueTest} in words, e.g. `≥ 100000 且 < 500000` / `≥ 100000 and < 500000`.
 *
 * @param test - the tests
 * @returns the bilingual description (`任意值` / `any value` for an empty test)
 * @example
 * describeValueTest({ gte: 60, lt: 80 }).en; //=> '≥ 60 and < 80'
 */
export function describeValueTest(test: ValueTest): BilingualText {
  checked(ValueTestSchema, test, ['test']);
  return describeTest(test);
}

function describeTest(test: ValueTest): BilingualText {
  const zh: string[] = [];
  const en: string[] = [];
  const both = (z: string, e: string = z) => {
    zh.push(z);
    en.push(e);
  };
  if (test.exists !== undefined) both(test.exists ? '存在' : '不存在', test.exists ? 'present' : 'absent');
  if (test.equals !== undefined) both(`= ${show(test.equals)}`);
  if (test.in !== undefined)
    both(`属于 {${test.in.map(show).join(', ')}}`, `in {${test.in.map(show).join(', ')}}`);
  if (test.notIn !== undefined)
    both(`不属于 {${test.notIn.map(show).join(', ')}}`, `not in {${test.notIn.map(show).join(', ')}}`);
  if (test.gte !== undefined) both(`≥ ${test.gte}`);
  if (test.gt !== undefined) both(`> ${test.gt}`);
  if (test.lte !== undefined) both(`≤ ${test.lte}`);
  if (test.lt !== undefined) both(`< ${test.lt}`);
  if (test.includes !== undefined) both(`包含 ${show(test.includes)}`, `includes ${show(test.includes)}`);
  if (test.excludes !== undefined) both(`不含 ${show(test.excludes)}`, `excludes ${show(test.excludes)}`);
  if (zh.length === 0) return { zh: '任意值', en: 'any value' };
  return { zh: zh.join(' 且 '), en: en.join(' and ') };
}

/** Whether a (validated) condition holds, without building its explanation (the boolean path). */
function holdsOn(cond: Condition, subject: Record<string, unknown>): boolean {
  if ('all' in cond) return cond.all.every((c) => holdsOn(c, subject));
  if ('any' in cond) return cond.any.some((c) => holdsOn(c, subject));
  if ('not' in cond) return !holdsOn(cond.not, subject);
  return passes(cond, resolve(subject, cond.attribute));
}

function run(cond: Condition, subject: Record<string, unknown>): ConditionResult {
  if ('all' in cond || 'any' in cond) {
    const isAll = 'all' in cond;
    const parts = (isAll ? (cond as { all: Condition[] }).all : (cond as { any: Condition[] }).any).map((c) =>
      run(c, subject),
    );
    const holds = isAll ? parts.every((p) => p.holds) : parts.some((p) => p.holds);
    const zhJoin = isAll ? ';' : ' 或 ';
    const enJoin = isAll ? '; ' : ' or ';
    return {
      holds,
      explanation: {
        zh: `${isAll ? '全部' : '任一'}(${parts.map((p) => p.explanation.zh).join(zhJoin)}):${holds ? '成立' : '不成立'}`,
        en: `${isAll ? 'all' : 'any'} (${parts.map((p) => p.explanation.en).join(enJoin)}): ${holds ? 'holds' : 'fails'}`,
      },
    };
  }
  if ('not' in cond) {
    const inner = run(cond.not, subject);
    return {
      holds: !inner.holds,
      explanation: {
        zh: `非(${inner.explanation.zh}):${inner.holds ? '不成立' : '成立'}`,
        en: `not (${inner.explanation.en}): ${inner.holds ? 'fails' : 'holds'}`,
      },
    };
  }
  const value = resolve(subject, cond.attribute);
  const holds = passes(cond, value);
  const tests = describeTest(cond);
  const name = nameOf(cond.attribute);
  return {
    holds,
    explanation: {
      zh: `${name}(值 ${show(value)})${tests.zh}:${holds ? '成立' : '不成立'}`,
      en: `${name} (${show(value)}) ${tests.en}: ${holds ? 'holds' : 'fails'}`,
    },
  };
}

/**
 * Tests a condition against a subject and says what it tested. The condition is validated
 * ({@link ConditionSchema}); a missing attribute fails every positive test — an unknown severity
 * never silently matches a band.
 *
 * @param condition - the condition
 * @param subject - the subject's attributes (a plain object; paths may go into nested objects)
 * @param path - where the condition sits in the caller's input, for error paths (default `['condition']`)
 * @returns `{ holds, explanation }`
 * @throws ZhiduError `invalid_input` / `unknown_key` for a malformed condition or a subject that is not an object
 * @example
 * evaluateCondition({ attribute: 'amountYuan', gte: 100000, lte: 500000 }, { amountYuan: 300000 });
 * //=> { holds: true, explanation: { zh: 'amountYuan(值 300000)≥ 100000 且 ≤ 500000:成立', en: 'amountYuan (300000) ≥ 100000 and ≤ 500000: holds' } }
 */
export function evaluateCondition(
  condition: Condition,
  subject: Readonly<Record<string, unknown>>,
  path: ErrorPath = ['condition'],
): ConditionResult {
  checked(ConditionSchema, condition, path);
  expectObject(subject, ['subject']);
  return run(condition, subject);
}

/**
 * Tests a list of conditions, all of which must hold (an empty or absent list always holds).
 *
 * @param conditions - the conditions, AND-ed
 * @param subject - the subject's attributes
 * @param path - where the list sits in the caller's input (default `['conditions']`)
 * @returns whether every condition holds
 * @throws ZhiduError for a malformed condition (path names its index) or a subject that is not an object
 * @example
 * conditionsHold([{ attribute: 'grade', equals: 'critical' }], { grade: 'critical' }); //=> true
 */
export function conditionsHold(
  conditions: readonly Condition[] | undefined,
  subject: Readonly<Record<string, unknown>>,
  path: ErrorPath = ['conditions'],
): boolean {
  if (conditions === undefined) {
    expectObject(subject, ['subject']);
    return true;
  }
  checked(ConditionListSchema, conditions, path);
  expectObject(subject, ['subject']);
  // Only the answer is asked for: no explanation strings are built (issue 21).
  return conditions.every((c) => holdsOn(c, subject));
}

/**
 * The attributes a condition reads, in order of first mention (a path is joined with dots) — for
 * messages that show the values a failed match saw.
 *
 * @param condition - the condition
 * @returns the attribute names
 * @example
 * conditionAttributes({ all: [{ attribute: 'grade', equals: 'A' }, { not: { attribute: 'vip', equals: true } }] });
 * //=> ['grade', 'vip']
 */
export function conditionAttributes(condition: Condition): string[] {
  checked(ConditionSchema, condition, ['condition']);
  const out: string[] = [];
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else if (!out.includes(nameOf(c.attribute))) out.push(nameOf(c.attribute));
  };
  walk(condition);
  return out;
}
