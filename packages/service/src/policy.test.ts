import { ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { defineServicePolicy, servicePolicyJsonSchema } from './policy.js';
import { servicePresets } from './presets/by-id.js';

describe('service policies', () => {
  it('ships thirty presets, one per source regulation, and two fictitious companies, each round-tripping through JSON', () => {
    const all = Object.values(servicePresets);
    expect(all).toHaveLength(32);
    for (const p of all) {
      const again = defineServicePolicy(JSON.parse(JSON.stringify(p)));
      expect(again).toEqual(p);
      // A seed preset cites the seed's lines; a fictitious company (example.*) its own articles.
      if (p.id.startsWith('example.')) expect(p.source.clause).toMatch(/^第/);
      else expect(p.source.clause).toMatch(/^00[0-4] L/);
    }
  });

  it('cites only service rule ids in presets', () => {
    const ids = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.rule === 'string' && typeof o.clause === 'string') ids.add(o.rule);
        Object.values(o).forEach(walk);
      }
    };
    for (const p of Object.values(servicePresets)) walk(p.params);
    expect(
      [...ids].every((id) =>
        /^S00[0-4]B?-(RECEPTION|RECEP|RECEPT|FOLLOWUP|FOLLOW|REFERRAL|REVISIT|KPI|SLA|FLOW|SYS|ARCHIVE|SERVICE)-\d+$/.test(
          id,
        ),
      ),
    ).toBe(true);
    expect(ids.size).toBeGreaterThan(90);
  });

  it('exports a JSON Schema for the policy envelope', () => {
    const schema = servicePolicyJsonSchema() as { type?: string; properties?: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'version', 'effectiveFrom', 'params']),
    );
  });

  it('refuses an unknown section, a malformed duration and a negative budget with the JSON path', () => {
    const base = { id: 'x', version: '1', effectiveFrom: '2025-01-01', source: { title: 't' } };
    expect(() => defineServicePolicy({ ...base, params: { bogus: {} } })).toThrow(ZhiduError);
    const reception = servicePresets['s000.reception']?.params.reception;
    try {
      defineServicePolicy({
        ...base,
        params: { reception: { ...reception, classes: [{ ...reception?.classes[0], budgetPerPerson: -1 }] } },
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      expect((e as ZhiduError).path).toEqual([
        'policy',
        'params',
        'reception',
        'classes',
        0,
        'budgetPerPerson',
      ]);
    }
    const rule = servicePresets['s000b.propertyRevisit']?.params.followUps?.[0];
    expect(() =>
      defineServicePolicy({
        ...base,
        params: { followUps: [{ ...rule, due: { unit: 'fortnights', amount: 1 } }] },
      }),
    ).toThrow(ZhiduError);
  });
});
