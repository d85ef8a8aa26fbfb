import { chinaCalendar } from '@zhidu/calendar-cn';
import { defineModule, makeContext, Trace, weekdayCalendar, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry } from './registry.js';

// Two demo modules in the shape of the core contract test: a working-day deadline (needs a
// calendar, ordered events) and a plain threshold (no calendar).
const envelope = { version: '1', effectiveFrom: '2025-01-01', source: { title: '演示制度' } };
const deadline = defineModule({
  id: 'demo.deadline',
  title: { zh: '期限', en: 'Deadline' },
  params: z.strictObject({ days: z.number().int().positive() }),
  input: z.strictObject({
    events: z.array(z.strictObject({ subject: z.string(), at: z.string(), type: z.enum(['opened']) })),
  }),
  needsCalendar: true,
  order: {
    path: ['events'],
    events: (i) => i.events,
    subject: (e) => (e as { subject: string }).subject,
    at: (e) => (e as { at: string }).at,
  },
  evaluate: (input, policy, ctx) => {
    const dues = input.events.map((e) =>
      ctx.calendar.addWorkdays(e.at.slice(0, 10) as `${number}-${number}-${number}`, policy.params.days),
    );
    return new Trace().add('DEMO-D', undefined, `到期 ${dues.join(',')}`, `due ${dues.join(',')}`).decide({
      result: { dues },
      violations: [],
    });
  },
  presets: {
    'three-days': { id: 'demo.three', ...envelope, params: { days: 3 } },
    'five-days': { id: 'demo.five', ...envelope, params: { days: 5 } },
  },
});
const threshold = defineModule({
  id: 'demo.threshold',
  title: { zh: '阈值', en: 'Threshold' },
  params: z.strictObject({ max: z.number() }),
  input: z.strictObject({ value: z.number() }),
  evaluate: (input, policy) =>
    new Trace().decide({ result: { over: input.value > policy.params.max }, violations: [] }),
  presets: { strict: { id: 'demo.strict', ...envelope, params: { max: 10 } } },
});
const demo = createRegistry([{ package: '@zhidu/demo', modules: [threshold, deadline] }]);
const opened = (subject: string, at: string) => ({ subject, at, type: 'opened' as const });

describe('createRegistry: modules by id, presets in one naming form', () => {
  it('lists modules sorted by id with package, calendar need and presets as <module-id>/<preset>', () => {
    expect(demo.listModules()).toEqual([
      {
        id: 'demo.deadline',
        package: '@zhidu/demo',
        title: { zh: '期限', en: 'Deadline' },
        needsCalendar: true,
        presets: ['demo.deadline/five-days', 'demo.deadline/three-days'],
      },
      {
        id: 'demo.threshold',
        package: '@zhidu/demo',
        title: { zh: '阈值', en: 'Threshold' },
        needsCalendar: false,
        presets: ['demo.threshold/strict'],
      },
    ]);
    expect(demo.listPresets()).toEqual([
      'demo.deadline/five-days',
      'demo.deadline/three-days',
      'demo.threshold/strict',
    ]);
    expect([...demo.registry.keys()]).toEqual(['demo.deadline', 'demo.threshold']);
    expect(demo.getPreset('demo.deadline/five-days').params).toEqual({ days: 5 });
  });

  it('refuses an unknown module id with unknown_reference and the nearest id suggested', () => {
    expect(() => demo.getModule('demo.dedline')).toThrow(
      expect.objectContaining({
        code: 'unknown_reference',
        path: ['module'],
        message: expect.stringContaining('did you mean demo.deadline?'),
        details: { suggestion: 'demo.deadline' },
      }),
    );
    expect(() => demo.getModule('totally.else')).toThrow(
      /no module "totally.else" \(known: demo.deadline, demo.threshold\)/,
    );
    expect(() => demo.getModule(42 as never)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('refuses a preset name not in the <module-id>/<preset> form, an unknown preset (with suggestion) and a preset of another module', () => {
    expect(() => demo.getPreset('three-days')).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['preset'] }),
    );
    expect(() => demo.getPreset('demo.deadline/three-day')).toThrow(
      expect.objectContaining({
        code: 'unknown_reference',
        message: expect.stringContaining('did you mean demo.deadline/three-days?'),
      }),
    );
    expect(() =>
      demo.evaluate('demo.deadline', { events: [] }, 'demo.threshold/strict', {
        now: '2025-01-01T00:00:00Z',
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['policy'] }));
  });

  it('refuses two modules with the same id and an entry that is not a module', () => {
    expect(() =>
      createRegistry([
        { package: '@zhidu/a', modules: [threshold] },
        { package: '@zhidu/b', modules: [threshold] },
      ]),
    ).toThrow(expect.objectContaining({ code: 'duplicate', path: ['@zhidu/b', 'demo.threshold'] }));
    expect(() => createRegistry([{ package: '@zhidu/a', modules: [{ id: 'x.y' } as never] }])).toThrow(
      expect.objectContaining({ code: 'invalid_input', path: ['@zhidu/a', 0] }),
    );
  });

  it('refuses sources that are not a list of { package, modules } with a ZhiduError (pnpm fuzz: TypeErrors)', () => {
    const at = (sources: unknown) => {
      try {
        createRegistry(sources as never);
      } catch (e) {
        expect(e).toBeInstanceOf(ZhiduError);
        return [(e as ZhiduError).code, (e as ZhiduError).path];
      }
      throw new Error('expected a refusal');
    };
    expect(at(undefined)).toEqual(['invalid_input', ['sources']]);
    expect(at({ package: '@zhidu/a', modules: [] })).toEqual(['invalid_input', ['sources']]);
    expect(at([null])).toEqual(['invalid_input', ['sources', 0]]);
    expect(at([{ package: '@zhidu/a', modules: [] }, { modules: [threshold] }])).toEqual([
      'invalid_input',
      ['sources', 1, 'package'],
    ]);
    expect(at([{ package: '@zhidu/a' }])).toEqual(['invalid_input', ['sources', 0, 'modules']]);
    expect(at([{ package: '@zhidu/a', modules: 'demo.threshold' }])).toEqual([
      'invalid_input',
      ['sources', 0, 'modules'],
    ]);
    expect(createRegistry([]).listModules()).toEqual([]);
  });

  it('answers a 10^5-character module id with unknown_reference and no suggestion (nearestKey skipped it)', () => {
    expect(() => demo.getModule('d'.repeat(100_000))).toThrow(
      expect.objectContaining({ code: 'unknown_reference', path: ['module'] }),
    );
    expect(() => demo.getModule('demo.treshold')).toThrow(
      expect.objectContaining({ details: { suggestion: 'demo.threshold' } }),
    );
  });
});

describe('evaluate by id: the PRC calendar by default', () => {
  it('supplies chinaCalendar() when the context has no calendar (National Day: 3 working days from 2025-09-30 is 2025-10-11)', () => {
    const d = demo.evaluate(
      'demo.deadline',
      { events: [opened('f1', '2025-09-30T10:00:00+08:00')] },
      'three-days',
      { now: '2025-10-01T00:00:00+08:00' },
    );
    expect(d.value.result).toEqual({ dues: ['2025-10-11'] });
    expect(d.value.violations).toEqual([]);
    expect(d.provenance.module).toBe('demo.deadline');
    expect(d.provenance.policy.id).toBe('demo.three');
    expect(d.provenance.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.provenance.calendar.basis.length).toBeGreaterThan(0);
  });

  it('uses the calendar the caller gives (Mon–Fri: 2025-10-03), while the module called directly without one refuses', () => {
    const input = { events: [opened('f1', '2025-09-30T10:00:00+08:00')] };
    const d = demo.evaluate('demo.deadline', input, 'demo.deadline/three-days', {
      now: '2025-10-01T00:00:00+08:00',
      calendar: weekdayCalendar(),
    });
    expect(d.value.result).toEqual({ dues: ['2025-10-03'] });
    expect(() =>
      deadline.evaluate(input, deadline.preset('three-days'), { now: '2025-10-01T00:00:00+08:00' }),
    ).toThrow(expect.objectContaining({ code: 'calendar_required' }));
    const ctx = makeContext({ now: '2025-10-01T00:00:00+08:00', calendar: chinaCalendar() });
    expect(demo.evaluate('demo.deadline', input, 'three-days', ctx).value.result).toEqual({
      dues: ['2025-10-11'],
    });
  });

  it('passes outsideData through to the PRC calendar: beyond the data refused by default, provisional on request', () => {
    const input = { events: [opened('f1', '2030-12-30T10:00:00+08:00')] };
    const now = '2030-12-30T12:00:00+08:00';
    expect(() => demo.evaluate('demo.deadline', input, 'three-days', { now })).toThrow(
      expect.objectContaining({ code: 'calendar_out_of_range' }),
    );
    const d = demo.evaluate('demo.deadline', input, 'three-days', { now, outsideData: 'provisional' });
    // 2031-01-01 (元旦) is a statutory holiday even without its notice.
    expect(d.value.result).toEqual({ dues: ['2031-01-03'] });
    expect(() =>
      demo.evaluate('demo.deadline', input, 'three-days', {
        now,
        calendar: weekdayCalendar(),
        outsideData: 'provisional',
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid_input', path: ['ctx', 'outsideData'] }));
  });

  it('accepts a policy object and refuses a misspelt key with unknown_key and the suggestion', () => {
    const policy = { id: 'p', ...envelope, params: { max: 3 } };
    const now = { now: '2025-01-01T00:00:00Z' };
    expect(demo.evaluate('demo.threshold', { value: 5 }, policy, now).value.result).toEqual({ over: true });
    expect(() =>
      demo.evaluate('demo.threshold', { value: 5 }, { ...policy, params: { maxx: 3 } }, now),
    ).toThrow(
      expect.objectContaining({
        code: 'unknown_key',
        path: ['policy', 'params', 'maxx'],
        message: expect.stringContaining('did you mean `policy.params.max`?'),
      }),
    );
  });

  it('keeps the ordering rule: out of order within a subject refused, interleaving between subjects accepted', () => {
    const now = { now: '2025-10-01T00:00:00+08:00' };
    const interleaved = [
      opened('f1', '2025-09-01T10:00:00+08:00'),
      opened('f2', '2025-08-01T10:00:00+08:00'),
      opened('f1', '2025-09-02T10:00:00+08:00'),
    ];
    expect(
      (
        demo.evaluate('demo.deadline', { events: interleaved }, 'three-days', now).value.result as {
          dues: string[];
        }
      ).dues,
    ).toHaveLength(3);
    const outOfOrder = [interleaved[0], interleaved[1], opened('f1', '2025-08-31T10:00:00+08:00')];
    expect(() => demo.evaluate('demo.deadline', { events: outOfOrder }, 'three-days', now)).toThrow(
      expect.objectContaining({ code: 'out_of_order', path: ['input', 'events', 2, 'at'] }),
    );
  });

  it('refuses a missing context with a ZhiduError', () => {
    expect(() => demo.evaluate('demo.threshold', { value: 1 }, 'strict', undefined as never)).toThrow(
      ZhiduError,
    );
  });

  it('refuses an array context before copying it (fuzz seed 7), with the refusal the module gives itself', () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof ZhiduError) return { code: e.code, path: e.path, message: e.message };
        throw e;
      }
      throw new Error('expected a refusal');
    };
    // Members that count their reads: copying the array (`...rest`) would read every one.
    let reads = 0;
    const counted: unknown[] = new Array(100_000);
    for (let i = 0; i < counted.length; i++)
      Object.defineProperty(counted, i, { enumerable: true, get: () => ++reads });
    const withNow = Object.assign([], { now: '2025-01-01T00:00:00Z' });
    const strict = threshold.preset('strict');
    for (const ctx of [[], counted, withNow, new Array(100_000).fill({ now: '2025-01-01T00:00:00Z' })]) {
      const viaRegistry = refusal(() =>
        demo.evaluate('demo.threshold', { value: 1 }, 'strict', ctx as never),
      );
      expect(viaRegistry).toEqual({
        code: 'invalid_input',
        path: ['ctx'],
        message:
          '上下文须为对象（至少含 now） / the context is an object with at least now, got an array (at ctx)',
      });
      expect(viaRegistry).toEqual(refusal(() => threshold.evaluate({ value: 1 }, strict, ctx as never)));
    }
    expect(reads).toBe(0);
  });
});
