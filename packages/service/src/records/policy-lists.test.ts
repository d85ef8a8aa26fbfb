// Fuzz seed 7 (`near:78:1` #66, `near:78:9` #8): `service.records` under a policy whose
// `frequencies` held 10^5 copies of an entry cost 1.3 s of CPU before it answered — not in the
// records code, which never reads frequencies, but in parsing the policy (zod, entry by entry) and
// hashing it for the provenance (canonical JSON and SHA-256 of several megabytes). Every unbounded
// list of a service policy is now bounded like `checklists`: at most 1,000 entries (the shipped
// presets hold at most 8), refused before its entries are parsed.
import { isZhiduError, type ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { serviceModules, serviceRecords } from '../modules.js';
import { defineServicePolicy } from '../policy.js';

const refusal = (fn: () => unknown): ZhiduError => {
  try {
    fn();
  } catch (e) {
    if (isZhiduError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const base = serviceRecords.preset('s000b-partner');
const entry = (list: string): unknown => {
  for (const p of serviceModules.flatMap((m) => m.presetNames.map((n) => m.preset(n)))) {
    const v = (p.params as Record<string, unknown[] | undefined>)[list]?.[0];
    if (v !== undefined) return v;
  }
  throw new Error(`no preset with ${list}`);
};
const input = { key: base.params.checklists?.[0]?.id ?? 'none', record: {} };
const ctx = { now: '2024-06-01T10:00:00+08:00' };

describe('service policy lists are bounded (fuzz seed 7: service.records with 10^5 frequencies)', () => {
  it.each([
    ['frequencies', '最多 1000 个频次要求 / at most 1,000 frequencies in a policy'],
    ['followUps', '最多 1000 个回访规则 / at most 1,000 follow-up rules in a policy'],
    ['cadences', '最多 1000 个周期 / at most 1,000 cadences in a policy'],
    ['kpis', '最多 1000 个考核指标 / at most 1,000 KPIs in a policy'],
    ['periodicDuties', '最多 1000 个周期性职责 / at most 1,000 periodic duties in a policy'],
    ['samples', '最多 1000 个抽查规则 / at most 1,000 sampling rules in a policy'],
  ])(
    '10^5 copies of a %s entry: service.records refuses with invalid_input at the list: %s',
    (list, message) => {
      const policy = { ...base, params: { ...base.params, [list]: new Array(100_000).fill(entry(list)) } };
      const e = refusal(() => serviceRecords.evaluate(input, policy, ctx));
      expect([e.code, e.path]).toEqual(['invalid_input', ['policy', 'params', list]]);
      expect(e.message).toBe(`${message} (at policy.params.${list})`);
      const direct = refusal(() => defineServicePolicy(policy));
      expect([direct.code, direct.message.split(' (at ')[0]]).toEqual(['invalid_input', message]);
    },
  );

  it('1,000 entries are accepted: the frequencies of s000b-partner repeated are still a policy service.records judges', () => {
    const frequencies = new Array(1000).fill(entry('frequencies'));
    const d = serviceRecords.evaluate(input, { ...base, params: { ...base.params, frequencies } }, ctx);
    const plain = serviceRecords.evaluate(input, base, ctx);
    expect(d.value.result).toEqual(plain.value.result);
    expect(d.provenance.policy.hash).not.toBe(plain.provenance.policy.hash);
    expect(() =>
      serviceRecords.evaluate(
        input,
        { ...base, params: { ...base.params, frequencies: [...frequencies, entry('frequencies')] } },
        ctx,
      ),
    ).toThrow(/at most 1,000 frequencies/);
  });
});
