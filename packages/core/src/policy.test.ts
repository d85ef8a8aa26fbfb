import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError } from '../test/helpers.js';
import { parseInput } from './errors.js';
import { definePolicy, PolicyHistory, policyJsonSchema, policySchema, strictPolicySchema } from './policy.js';

/** A module's parameter schema, as the sales-office attribution module would write it. */
const Params = z.object({
  protectionMonths: z.number().int().positive().describe('File validity in months (S001-ATTR-12)'),
});

const v2024 = {
  id: 'sales-office.attribution',
  version: '2024.1',
  effectiveFrom: '2024-01-01',
  effectiveTo: '2025-01-01',
  source: { title: '售楼处客户管理制度', clause: '001 L150' },
  params: { protectionMonths: 2 },
};
const v2025 = {
  ...v2024,
  version: '2025.1',
  effectiveFrom: '2025-01-01',
  effectiveTo: undefined,
  params: { protectionMonths: 3 },
};

describe('definePolicy()', () => {
  it('validates the envelope and the module params; date boundaries start at midnight in the policy zone', () => {
    const p = definePolicy(Params, v2024);
    expect(p).toEqual({
      id: 'sales-office.attribution',
      version: '2024.1',
      effectiveFrom: '2023-12-31T16:00:00.000Z',
      effectiveTo: '2024-12-31T16:00:00.000Z',
      zone: 'Asia/Shanghai',
      source: { title: '售楼处客户管理制度', clause: '001 L150' },
      params: { protectionMonths: 2 },
    });
    expect(definePolicy(Params, { ...v2024, zone: 'UTC' }).effectiveFrom).toBe('2024-01-01T00:00:00.000Z');
    expect(definePolicy(Params, { ...v2024, effectiveFrom: '2024-01-01T08:00:00+08:00' }).effectiveFrom).toBe(
      '2024-01-01T00:00:00.000Z',
    );
    expect(definePolicy(Params, { ...v2024, effectiveFrom: 1704038400000 }).effectiveFrom).toBe(
      '2023-12-31T16:00:00.000Z',
    );
  });

  it.each([
    [
      'an impossible date',
      { ...v2024, effectiveFrom: '2025-02-30' },
      'invalid_date',
      ['policy', 'effectiveFrom'],
    ],
    [
      'an instant without offset',
      { ...v2024, effectiveFrom: '2025-01-01T00:00' },
      'invalid_instant',
      ['policy', 'effectiveFrom'],
    ],
    ['an unknown zone', { ...v2024, zone: 'Mars/Olympus' }, 'invalid_zone', ['policy', 'zone']],
    [
      'an end before the start',
      { ...v2024, effectiveTo: '2023-01-01' },
      'invalid_input',
      ['policy', 'effectiveTo'],
    ],
    [
      'a bad parameter',
      { ...v2024, params: { protectionMonths: 0 } },
      'invalid_input',
      ['policy', 'params', 'protectionMonths'],
    ],
    ['a missing source title', { ...v2024, source: {} }, 'invalid_input', ['policy', 'source', 'title']],
    ['a missing id', { ...v2024, id: '' }, 'invalid_input', ['policy', 'id']],
  ])('refuses %s with a ZhiduError at its path', (_label, input, code, path) => {
    const e = zhiduError(() => definePolicy(Params, input));
    expect(e.code).toBe(code);
    expect(e.path).toEqual(path);
  });
});

describe('a list of definitions in a policy names each id once', () => {
  const Lists = z.object({
    items: z.array(z.object({ id: z.string(), amount: z.number() })),
    groups: z.array(z.object({ id: z.string(), members: z.array(z.object({ id: z.string() })) })),
    tags: z.array(z.object({ label: z.string() })),
  });
  const policy = (params: unknown) => ({ ...v2024, params });
  const ok = {
    items: [
      { id: 'a', amount: 1 },
      { id: 'b', amount: 2 },
    ],
    // The same id in two lists (a member of two groups) is two definitions' own business.
    groups: [
      { id: 'g1', members: [{ id: 'a' }, { id: 'b' }] },
      { id: 'g2', members: [{ id: 'a' }] },
    ],
    tags: [{ label: 'x' }, { label: 'x' }],
  };
  it('accepts ids repeated across lists, and lists of objects without ids', () => {
    expect(definePolicy(Lists, policy(ok)).params.groups[1]?.members).toEqual([{ id: 'a' }]);
  });
  it('refuses an id named twice in one list, at the second one (duplicate)', () => {
    const e = zhiduError(() =>
      definePolicy(Lists, policy({ ...ok, items: [...ok.items, { id: 'a', amount: 3 }] })),
    );
    expect([e.code, e.path]).toEqual(['duplicate', ['policy', 'params', 'items', 2, 'id']]);
    expect(e.message).toContain('the id a appears twice in one list');
    const nested = zhiduError(() =>
      definePolicy(
        Lists,
        policy({ ...ok, groups: [ok.groups[0], { id: 'g2', members: [{ id: 'c' }, { id: 'c' }] }] }),
      ),
    );
    expect([nested.code, nested.path]).toEqual([
      'duplicate',
      ['policy', 'params', 'groups', 1, 'members', 1, 'id'],
    ]);
  });
});

describe('policyJsonSchema()', () => {
  it('exports the whole envelope as JSON Schema (the JSON a policy is written as)', () => {
    const schema = policyJsonSchema(Params) as {
      type: string;
      required: string[];
      properties: Record<
        string,
        { type?: unknown; properties?: Record<string, { type?: string; description?: string }> }
      >;
    };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'version', 'effectiveFrom', 'source', 'params']),
    );
    expect(schema.required).not.toContain('zone'); // defaults to Asia/Shanghai
    expect(schema.properties.effectiveFrom?.type).toEqual(['string', 'number']);
    expect(schema.properties.params?.properties?.protectionMonths).toMatchObject({
      type: 'integer',
      description: 'File validity in months (S001-ATTR-12)',
    });
    expect(() => JSON.stringify(schema)).not.toThrow();
  });

  it('is the input side of policySchema', () => {
    expect(policySchema(Params).safeParse(v2024).success).toBe(true);
  });
});

describe('policySchema()', () => {
  it('builds one envelope per parameter schema: the same schema object for the same params, another for other params', () => {
    const first = policySchema(Params);
    expect(policySchema(Params)).toBe(first);
    const Other = z.strictObject({ protectionMonths: z.number().int() });
    expect(policySchema(Other)).not.toBe(first);
    expect(policySchema(Other)).toBe(policySchema(Other));
    // Each envelope validates with its own params.
    expect(first.safeParse({ ...v2024, params: { protectionMonths: 2, extra: 1 } }).success).toBe(true);
    expect(
      policySchema(Other).safeParse({ ...v2024, params: { protectionMonths: 2, extra: 1 } }).success,
    ).toBe(false);
    expect(definePolicy(Params, v2024).params.protectionMonths).toBe(2);
  });
});

describe('PolicyHistory', () => {
  it('freezes its versions through: a history shared by many callers cannot be changed by one', () => {
    const history = new PolicyHistory(Params, [v2024, v2025]);
    expect(Object.isFrozen(history)).toBe(true);
    expect(() => {
      (history as { versions: unknown }).versions = [];
    }).toThrow(TypeError);
    expect(Object.isFrozen(history.versions)).toBe(true);
    expect(Object.isFrozen(history.versions[0])).toBe(true);
    expect(Object.isFrozen(history.versions[0]?.params)).toBe(true);
    expect(Object.isFrozen(history.versions[1]?.source)).toBe(true);
    expect(() => {
      (history.versions[0]?.params as { protectionMonths: number }).protectionMonths = 9;
    }).toThrow(TypeError);
    expect(history.at('2024-06-01T00:00:00+08:00').params.protectionMonths).toBe(2);
    // The versions given are copies: the caller's objects stay as they were.
    expect(Object.isFrozen(v2024.params)).toBe(false);
  });

  const history = new PolicyHistory(Params, [v2025, v2024]);

  it('sorts versions and picks the one in force at an instant (from inclusive, to exclusive)', () => {
    expect(history.versions.map((v) => v.version)).toEqual(['2024.1', '2025.1']);
    expect(history.at('2024-06-01T00:00:00+08:00').params.protectionMonths).toBe(2);
    expect(history.at('2024-12-31T23:59:59+08:00').version).toBe('2024.1');
    expect(history.at('2025-01-01T00:00:00+08:00').version).toBe('2025.1');
    expect(history.at('2030-01-01T00:00:00Z').version).toBe('2025.1');
    expect(history.at('2024-01-01T00:00:00+08:00').version).toBe('2024.1');
  });

  it('refuses an instant no version covers with policy_not_in_force', () => {
    const e = zhiduError(() => history.at('2023-12-31T23:59:59+08:00'));
    expect(e.code).toBe('policy_not_in_force');
    const gap = new PolicyHistory(Params, [v2024, { ...v2025, effectiveFrom: '2025-03-01' }]);
    expect(zhiduError(() => gap.at('2025-02-01T00:00:00+08:00')).code).toBe('policy_not_in_force');
    expect(zhiduError(() => history.at('2025-01-01')).code).toBe('invalid_instant');
  });

  it('lets a later version supersede an open-ended one', () => {
    const h = new PolicyHistory(Params, [{ ...v2024, effectiveTo: undefined }, v2025]);
    expect(h.at('2024-06-01T00:00:00Z').version).toBe('2024.1');
    expect(h.at('2025-06-01T00:00:00Z').version).toBe('2025.1');
  });

  it('refuses overlapping versions, versions starting at the same instant, and mixed ids with policy_overlap', () => {
    expect(
      zhiduError(() => new PolicyHistory(Params, [v2024, { ...v2025, effectiveFrom: '2024-07-01' }])).code,
    ).toBe('policy_overlap');
    expect(
      zhiduError(() => new PolicyHistory(Params, [v2024, { ...v2025, effectiveFrom: '2024-01-01' }])).code,
    ).toBe('policy_overlap');
    const mixed = zhiduError(() => new PolicyHistory(Params, [v2024, { ...v2025, id: 'other' }]));
    expect(mixed.code).toBe('policy_overlap');
    expect(mixed.path).toEqual(['versions', 1, 'id']);
  });

  it('refuses an empty history and points into a version that does not validate', () => {
    expect(zhiduError(() => new PolicyHistory(Params, [])).code).toBe('invalid_input');
    const e = zhiduError(
      () => new PolicyHistory(Params, [v2024, { ...v2025, params: { protectionMonths: -1 } }]),
    );
    expect(e.path).toEqual(['versions', 1, 'params', 'protectionMonths']);
  });
});

describe('a policy boundary is an instant zhidu reads back', () => {
  it('refuses 1000-01-01 in Shanghai (999 in UTC, which validated but could not be validated again); 1000-01-02 round-trips', () => {
    const schema = strictPolicySchema(z.strictObject({}));
    const policy = (effectiveFrom: string) => ({
      id: 'p',
      version: '1',
      effectiveFrom,
      zone: 'Asia/Shanghai',
      source: { title: '制度' },
      params: {},
    });
    const e = zhiduError(() => parseInput(schema, policy('1000-01-01'), ['policy']));
    expect([e.code, e.path]).toEqual(['invalid_instant', ['policy', 'effectiveFrom']]);
    expect(e.message).toBe(
      'Asia/Shanghai 的本地日期 "1000-01-01" 的时刻换算为 UTC 后超出 1000–9999 年的范围 / the local date "1000-01-01" in Asia/Shanghai is outside the years 1000–9999 in UTC (at policy.effectiveFrom)',
    );
    const once = parseInput(schema, policy('1000-01-02'), ['policy']) as { effectiveFrom: string };
    expect(once.effectiveFrom).toBe('1000-01-01T15:54:17.000Z');
    const twice = parseInput(schema, { ...once }, ['policy']) as { effectiveFrom: string };
    expect(twice.effectiveFrom).toBe(once.effectiveFrom);
  });
});
