import { describe, expect, it } from 'vitest';
import { defineSlaPolicy, SLA_PRESETS, slaPolicyJsonSchema } from './index.js';

const all = Object.entries(SLA_PRESETS).map(([name, make]) => [name, make()] as const);

describe('policies as data', () => {
  it.each(all)('preset %s round-trips through JSON unchanged', (_name, policy) => {
    const again = defineSlaPolicy(JSON.parse(JSON.stringify(policy)));
    expect(again).toEqual(policy);
  });

  it('exports a JSON Schema of the policy envelope and its params', () => {
    const schema = slaPolicyJsonSchema() as {
      properties?: Record<string, { properties?: Record<string, unknown> }>;
    };
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'version', 'effectiveFrom', 'params']),
    );
    expect(Object.keys(schema.properties?.params?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'timers',
        'recurring',
        'workflows',
        'flagRules',
        'routing',
        'intake',
        'checklists',
        'incidents',
      ]),
    );
  });

  it('refuses unknown fields in a policy rather than ignoring them, naming the field meant', () => {
    // Unknown keys now carry their own code and the key in the path (was invalid_input at params).
    const policy = { ...all[0]?.[1], params: { ...all[0]?.[1].params, timerz: [] } };
    expect(() => defineSlaPolicy(JSON.parse(JSON.stringify(policy)))).toThrow(
      expect.objectContaining({
        code: 'unknown_key',
        path: ['policy', 'params', 'timerz'],
        message: expect.stringContaining('did you mean `policy.params.timers`?'),
      }),
    );
  });
});
