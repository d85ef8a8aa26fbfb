import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  canonicalJson,
  contentHash,
  defineCalendar,
  defineModule,
  makeContext,
  nearestKey,
  PolicyHistory,
  policyVersionEntry,
  Trace,
  VERSION,
  weekdayCalendar,
  ZhiduError,
} from './index.js';

const Params = z.strictObject({
  protection: z.strictObject({
    days: z.number().int().positive(),
    countFrom: z.enum(['registration', 'followUp']),
  }),
});
const Input = z.strictObject({
  events: z.array(z.strictObject({ customer: z.string(), at: z.string(), type: z.enum(['visit', 'call']) })),
});

const demo = defineModule({
  id: 'demo.protection',
  title: { zh: '保护期', en: 'Protection' },
  params: Params,
  input: Input,
  needsCalendar: true,
  compile: (policy) => ({ days: policy.params.protection.days, version: policy.version }),
  order: {
    path: ['events'],
    events: (i) => i.events,
    subject: (e) => (e as { customer: string }).customer,
    at: (e) => (e as { at: string }).at,
  },
  evaluate: (input, compiled, ctx) => {
    const due = ctx.calendar.addWorkdays('2025-03-03', compiled.days);
    return new Trace().add('DEMO-1', 'demo §1', `保护至${due}`, `protected until ${due}`).decide({
      result: { due, version: compiled.version, events: input.events.length },
      violations: [],
    });
  },
  presets: {
    'short-protection': {
      id: 'demo.short',
      version: '1',
      effectiveFrom: '2025-01-01',
      source: { title: '演示制度' },
      params: { protection: { days: 3, countFrom: 'registration' } },
    },
  },
});

const policyJson = {
  $schema: './policy.schema.json',
  id: 'demo',
  version: '2025.1',
  effectiveFrom: '2025-01-01',
  source: { title: '演示制度' },
  citations: { '/params/protection/days': { rule: 'ACME-7', clause: '第七条' } },
  params: { protection: { days: 5, countFrom: 'registration' } },
};
const ctx = makeContext({ now: '2025-03-03T10:00:00+08:00', calendar: weekdayCalendar() });
const events = [
  { customer: 'c1', at: '2025-03-01T10:00:00+08:00', type: 'visit' as const },
  { customer: 'c2', at: '2025-02-01T10:00:00+08:00', type: 'call' as const },
  { customer: 'c1', at: '2025-03-02T10:00:00+08:00', type: 'call' as const },
];

describe('defineModule: the module contract', () => {
  it('evaluates to { result, violations } with a trace and provenance (policy id, version, content hash, library)', () => {
    const d = demo.evaluate({ events }, policyJson, ctx);
    expect(d.value.result).toEqual({ due: '2025-03-10', version: '2025.1', events: 3 });
    expect(d.value.violations).toEqual([]);
    expect(d.trace.map((t) => t.rule)).toEqual(['DEMO-1']);
    expect(d.provenance.module).toBe('demo.protection');
    expect(d.provenance.policy).toEqual({
      id: 'demo',
      version: '2025.1',
      hash: demo.compile(policyJson).hash,
    });
    expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.provenance.library).toEqual({ name: '@zhidu/core', version: VERSION });
    expect(d.provenance.calendar.provisional).toBe(false);
  });

  it('keeps a company citation and accepts $schema; the validated policy is frozen', () => {
    const p = demo.policy(policyJson);
    expect(p.citations?.['/params/protection/days']).toEqual({ rule: 'ACME-7', clause: '第七条' });
    expect('$schema' in p).toBe(false);
    expect(Object.isFrozen(p.params.protection)).toBe(true);
    expect(demo.policy(p)).toBe(p);
  });

  it('refuses a misspelt policy key, naming the field it most likely meant (protection.defualt, countfrom, efectiveTo)', () => {
    const typo = (patch: object) => () => demo.policy({ ...policyJson, ...patch });
    expect(typo({ params: { protection: { days: 5, countfrom: 'registration' } } })).toThrow(
      expect.objectContaining({
        code: 'unknown_key',
        path: ['policy', 'params', 'protection', 'countfrom'],
        message: expect.stringContaining('did you mean `policy.params.protection.countFrom`?'),
      }),
    );
    expect(typo({ efectiveTo: '2026-01-01' })).toThrow(
      expect.objectContaining({ code: 'unknown_key', path: ['policy', 'efectiveTo'] }),
    );
    expect(typo({ efectiveTo: '2026-01-01' })).toThrow(/是否应为 `policy.effectiveTo`/);
  });

  it('validates a raw policy object on evaluate, once per object identity', () => {
    const raw = structuredClone(policyJson);
    const a = demo.compile(raw);
    expect(demo.compile(raw).policy).toBe(a.policy);
    const bad = {
      ...structuredClone(policyJson),
      params: { protection: { days: -1, countFrom: 'registration' } },
    };
    expect(() => demo.evaluate({ events }, bad, ctx)).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['policy', 'params', 'protection', 'days'] }),
    );
  });

  it('refuses an unknown event type and an unknown event field instead of ignoring them', () => {
    expect(() =>
      demo.evaluate({ events: [{ ...events[0], type: 'vist' }] } as never, policyJson, ctx),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['input', 'events', 0, 'type'] }));
    expect(() =>
      demo.evaluate({ events: [{ ...events[0], colour: 'red' }] } as never, policyJson, ctx),
    ).toThrow(expect.objectContaining({ code: 'unknown_key', path: ['input', 'events', 0, 'colour'] }));
  });

  it('enforces the ordering rule: time order within a subject, any interleaving between subjects', () => {
    const outOfOrder = [events[0], events[1], { ...events[2], at: '2025-02-28T10:00:00+08:00' }];
    expect(() => demo.evaluate({ events: outOfOrder } as never, policyJson, ctx)).toThrow(
      expect.objectContaining({ code: 'out_of_order', path: ['input', 'events', 2, 'at'] }),
    );
    // c2 at an earlier time between two c1 events is fine.
    expect(demo.evaluate({ events }, policyJson, ctx).value.result.events).toBe(3);
  });

  it('refuses a context whose calendar was not given, for a module that counts working days', () => {
    expect(() => demo.evaluate({ events }, policyJson, { now: '2025-03-03T10:00:00+08:00' })).toThrow(
      expect.objectContaining({ code: 'calendar_required', path: ['ctx', 'calendar'] }),
    );
  });

  it('judges under the PolicyHistory version in force at ctx.now and names it in the trace', () => {
    const v1 = { ...policyJson, version: '2024.1', effectiveFrom: '2024-01-01', effectiveTo: '2025-03-01' };
    const v2 = {
      ...policyJson,
      version: '2025.1',
      effectiveFrom: '2025-03-01',
      params: { protection: { days: 2, countFrom: 'registration' } },
    };
    const history = new PolicyHistory(
      demo.schemas.params as never,
      [v1, v2].map(({ $schema, citations, ...v }) => v),
    );
    const d = demo.evaluate({ events }, history, ctx);
    expect(d.value.result.version).toBe('2025.1');
    expect(d.value.result.due).toBe('2025-03-05');
    expect(d.trace[0]?.rule).toBe('zhidu.policy.version');
    expect(d.provenance.policy.version).toBe('2025.1');
  });

  it('turns a crash inside a rule into a ZhiduError internal_error naming the module, never a bare TypeError', () => {
    const broken = defineModule({
      id: 'demo.broken',
      title: { zh: '坏', en: 'Broken' },
      params: z.strictObject({}),
      input: z.strictObject({}),
      evaluate: () => {
        const o: { x?: { y: number } } = {};
        return new Trace().decide({ result: (o.x as { y: number }).y, violations: [] });
      },
    });
    const p = { id: 'b', version: '1', effectiveFrom: '2025-01-01', source: { title: 't' }, params: {} };
    let caught: unknown;
    try {
      broken.evaluate({}, p, ctx);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ZhiduError);
    expect((caught as ZhiduError).code).toBe('internal_error');
    expect((caught as ZhiduError).path).toEqual(['module', 'demo.broken']);
  });

  it('offers presets by kebab-case name and JSON Schemas of policy and input', () => {
    expect(demo.presetNames).toEqual(['short-protection']);
    expect(demo.preset('short-protection').params.protection.days).toBe(3);
    expect(() => demo.preset('long')).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    // Inherited names are not presets.
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(() => demo.preset(name)).toThrow(expect.objectContaining({ code: 'unknown_reference' }));
    }
    const schema = demo.jsonSchema.policy as {
      additionalProperties?: unknown;
      properties: Record<string, unknown>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain('citations');
    expect((demo.jsonSchema.input as { type: string }).type).toBe('object');
  });

  it('refuses a malformed module id or preset name', () => {
    expect(() =>
      defineModule({
        id: 'NoDot',
        title: { zh: '', en: '' },
        params: z.object({}),
        input: z.object({}),
        evaluate: () => new Trace().decide({ result: 0, violations: [] }),
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['id'] }));
  });

  it('reports the calendar basis in provenance and flags provisional decisions', () => {
    const cal = defineCalendar({ zone: 'Asia/Shanghai', overrides: {} });
    const d = demo.evaluate({ events }, policyJson, makeContext({ now: ctx.now, calendar: cal }));
    expect(d.provenance.calendar.zone).toBe('Asia/Shanghai');
    expect(Array.isArray(d.provenance.calendar.basis)).toBe(true);
  });
});

describe('content hash and key suggestions', () => {
  it('hashes canonical JSON: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: undefined }] })).toBe('{"a":[2,{"d":1}],"b":1}');
    expect(contentHash({ b: 1, a: 2 })).toBe(contentHash({ a: 2, b: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
  });

  it('suggests the nearest key by case or edit distance, and nothing for a far one', () => {
    expect(nearestKey('countfrom', ['default', 'countFrom'])).toBe('countFrom');
    expect(nearestKey('defualt', ['default', 'countFrom'])).toBe('default');
    expect(nearestKey('efectiveTo', ['effectiveFrom', 'effectiveTo'])).toBe('effectiveTo');
    expect(nearestKey('zzz', ['default'])).toBeUndefined();
  });

  it('stamps the version of package.json on provenance', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(VERSION).toBe(pkg.version);
  });
});

describe('evaluate without a usable context', () => {
  for (const [label, bad] of [
    ['undefined', undefined],
    ['null', null],
    ['a string', '2025-03-03'],
    ['an array', []],
  ] as const) {
    it(`a context that is ${label} is refused as invalid_input at ctx, not an internal error`, () => {
      let caught: unknown;
      try {
        demo.evaluate({ events: [] }, policyJson, bad as never);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ZhiduError);
      expect((caught as ZhiduError).code).toBe('invalid_input');
      expect((caught as ZhiduError).path).toEqual(['ctx']);
      expect((caught as ZhiduError).message).toContain('上下文');
    });
  }
});

describe('policyVersionEntry refuses malformed arguments with a ZhiduError, not a TypeError', () => {
  const version = { id: 'office', version: '2', effectiveFrom: '2025-01-01T00:00:00.000Z' };
  const refusal = (f: () => unknown): string => {
    try {
      f();
      return 'no refusal';
    } catch (e) {
      return e instanceof ZhiduError ? `${e.code} ${e.path.join('.')}` : `not a ZhiduError: ${String(e)}`;
    }
  };
  it('names the bad argument', () => {
    expect(refusal(() => policyVersionEntry(null as never, undefined))).toBe('invalid_input version');
    expect(refusal(() => policyVersionEntry({ ...version, version: 2 } as never, undefined))).toBe(
      'invalid_input version.version',
    );
    expect(refusal(() => policyVersionEntry(version, 5 as never))).toBe('invalid_input to');
    expect(refusal(() => policyVersionEntry(version, undefined, null as never))).toBe('invalid_input scope');
    expect(refusal(() => policyVersionEntry(version, undefined, { zh: 'x' } as never))).toBe(
      'invalid_input scope',
    );
  });
  it('a well-formed call still names the version and its window', () => {
    expect(policyVersionEntry(version, '2026-01-01T00:00:00.000Z').data).toEqual({
      id: 'office',
      version: '2',
      from: '2025-01-01T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
    });
  });
});
