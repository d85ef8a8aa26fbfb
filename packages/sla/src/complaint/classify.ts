import {
  type Decision,
  expectArray,
  expectObject,
  parseInput,
  recordOf,
  setOwn,
  TextSchema,
  Trace,
} from '@zhidu/core';
import { z } from 'zod';
import {
  type Attributes,
  AttributesSchema,
  AttributeValueSchema,
  ConditionListSchema,
  matchesAll,
} from '../conditions.js';

/**
 * A named ground that holds when its conditions hold (`when`, AND) or when any of its
 * alternatives holds (`anyOf`, OR of ANDs). Grounds belong to a `group`: the six invalidity grounds
 * (无效投诉), the major-complaint triggers (重大投诉), the vicious-complaint tests (恶性投诉)…
 */
export const FlagRuleSchema = z
  .object({
    code: z.string().min(1),
    group: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    label: TextSchema,
    when: ConditionListSchema.default([]),
    anyOf: z.array(ConditionListSchema).optional(),
  })
  .strict();
export type FlagRule = z.output<typeof FlagRuleSchema>;

/**
 * A first-match table: the first route whose conditions hold gives its `result` attributes (the
 * handling department, the approver, the validity…). Tables run in order and later tables see
 * earlier results, so "severity only for valid complaints" is a condition on `validity`.
 */
export const RoutingTableSchema = z
  .object({
    id: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    routes: z
      .array(
        z
          .object({
            when: ConditionListSchema,
            result: recordOf(z.string(), AttributeValueSchema),
            rule: z.string().min(1).optional(),
            clause: z.string().min(1).optional(),
          })
          .strict(),
      )
      .min(1),
    otherwise: recordOf(z.string(), AttributeValueSchema).optional(),
  })
  .strict();
export type RoutingTable = z.output<typeof RoutingTableSchema>;

/** A field the intake record (投诉登记) must carry, possibly only under conditions. */
export const IntakeFieldSchema = z
  .object({
    field: z.string().min(1),
    rule: z.string().min(1),
    clause: z.string().min(1),
    requiredWhen: ConditionListSchema.optional(),
    unlessWhen: ConditionListSchema.optional(),
  })
  .strict();
export type IntakeField = z.output<typeof IntakeFieldSchema>;

/** The result of classifying a complaint: grounds found per group, and each table's result. */
export type Classification = {
  flags: string[];
  groups: Record<string, string[]>;
  attributes: Attributes;
};

/** The flag rules and routing tables `classifyComplaint` applies. */
export type ClassifyParams = { flagRules: readonly FlagRule[]; routing: readonly RoutingTable[] };

/**
 * Classifies a complaint from its facts: evaluates every ground (flag rule) and then the routing
 * tables in order. Each group's grounds are exposed to the tables as `group.<name>` (true when
 * any ground of the group holds), so "invalid if any of the six grounds" is data, not code.
 *
 * @param facts - the complaint's facts as attributes
 * @param params - the policy's `flagRules` and `routing`
 * @returns the grounds found and the attributes the tables set, with a trace naming each rule id
 * @throws ZhiduError `invalid_input` when facts are not JSON attributes
 * @example
 * const d = classifyComplaint({ returnOrExchangeRequested: true }, dealerGroup000Preset().params);
 * d.value.groups.major; //=> ['returnOrExchange']
 * classifyComplaint('退车', dealerGroup000Preset().params); // throws ZhiduError invalid_input
 */
export function classifyComplaint(facts: unknown, params: ClassifyParams): Decision<Classification> {
  const input = parseInput(AttributesSchema, facts, ['facts']);
  // Params come from a validated policy; a call with anything else is refused, not half-read.
  expectObject(params, ['params']);
  expectArray(params.flagRules, ['params', 'flagRules'], 'object');
  expectArray(params.routing, ['params', 'routing'], 'object');
  return classifyParsed(input, params);
}

/**
 * {@link classifyComplaint} on facts its module has parsed and the params of a validated policy (one
 * parse, not two; issue 21). @internal
 */
export function classifyParsed(
  input: z.output<typeof AttributesSchema>,
  params: ClassifyParams,
): Decision<Classification> {
  const p = params;
  const trace = new Trace();
  const flags: string[] = [];
  // By group name (a Map: a group named `constructor` or `__proto__` is a group like any other).
  const byGroup = new Map<string, string[]>();
  for (const r of p.flagRules) {
    let codes = byGroup.get(r.group);
    if (codes === undefined) {
      codes = [];
      byGroup.set(r.group, codes);
    }
    const hit = matchesAll(r.when, input) && (!r.anyOf || r.anyOf.some((alt) => matchesAll(alt, input)));
    if (hit) {
      flags.push(r.code);
      codes.push(r.code);
      trace.add(r.rule, r.clause, `成立:${r.label.zh}`, `holds: ${r.label.en}`, {
        code: r.code,
        group: r.group,
      });
    }
  }
  const groups: Record<string, string[]> = {};
  for (const [group, codes] of byGroup) setOwn(groups, group, codes);
  let attrs: Attributes = { ...input };
  for (const [group, codes] of byGroup) attrs[`group.${group}`] = codes.length > 0;
  const out: Attributes = {};
  for (const table of p.routing) {
    const route = table.routes.find((r) => matchesAll(r.when, attrs));
    const result = route?.result ?? table.otherwise;
    if (!result) continue;
    Object.assign(out, result);
    attrs = { ...attrs, ...result };
    const shown = Object.entries(result)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    trace.add(
      route?.rule ?? table.rule,
      route?.clause ?? table.clause,
      `${table.id}:${shown}`,
      `${table.id}: ${shown}`,
      {
        table: table.id,
        matched: route ? 'route' : 'otherwise',
      },
    );
  }
  return trace.decide({ flags, groups, attributes: out });
}

/**
 * Checks an intake record (投诉登记) for the fields the regulation requires, including
 * conditional ones (the plate number only for vehicle complaints, name and phone unless anonymous).
 *
 * @param record - the intake record
 * @param fields - the policy's `intake` list
 * @returns `{ ok, missing }` with a trace entry per missing field
 * @example
 * const record = { receivedAt: '2024-03-05T09:00:00+08:00', content: '保养后异响', category: 'repairQuality' };
 * const d = validateIntake(record, dealer000Preset().params.intake);
 * d.value.ok; //=> false
 * d.value.missing; //=> ['complainant', 'complainantPlateNo', 'recordedBy'] (a repair complaint needs the plate number)
 */
export function validateIntake(
  record: unknown,
  fields: readonly IntakeField[],
): Decision<{ ok: boolean; missing: string[] }> {
  expectArray(fields, ['fields'], 'object');
  return intakeParsed(parseInput(AttributesSchema, record, ['record']), fields);
}

/**
 * {@link validateIntake} on a record its module has parsed and the intake list of a validated
 * policy (one parse, not two; issue 21). @internal
 */
export function intakeParsed(
  input: z.output<typeof AttributesSchema>,
  fields: readonly IntakeField[],
): Decision<{ ok: boolean; missing: string[] }> {
  const trace = new Trace();
  const missing: string[] = [];
  for (const f of fields) {
    if (f.requiredWhen && !matchesAll(f.requiredWhen, input)) continue;
    if (f.unlessWhen && matchesAll(f.unlessWhen, input)) continue;
    const v = input[f.field];
    const present = v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
    if (!present && !missing.includes(f.field)) {
      missing.push(f.field);
      trace.add(f.rule, f.clause, `登记缺少字段 ${f.field}`, `intake record is missing ${f.field}`);
    }
  }
  return trace.decide({ ok: missing.length === 0, missing });
}
