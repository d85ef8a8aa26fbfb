// A module's own fast path (`ModuleSpec.fast`) and the context reused by content (issue 21): the
// fast path answers only inputs it has checked itself, anything else takes the general path with
// its refusals; a fresh `{ now }` object per call (the registry, a server) reuses the context built
// for the same now, zone and calendar, and still sees every change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { weekdayCalendar } from './calendar.js';
import type { Decision } from './decision.js';
import {
  defineModule,
  type ModuleResult,
  makeContext,
  PolicyHistory,
  parseInput,
  Trace,
  ZhiduError,
} from './index.js';

type Result = { late: boolean; now: string; zone: string };
const policy = {
  id: 'demo',
  version: '1',
  effectiveFrom: '2024-01-01',
  source: { title: '考勤制度' },
  params: { graceMinutes: 5 },
};
const params = z.strictObject({ graceMinutes: z.number().int().nonnegative() });
const input = z.strictObject({ minutesLate: z.number().int() });

/** The rule, shared by both paths. */
const decide = (minutesLate: number, grace: number, ctx: { now: string; zone: string }) =>
  new Trace()
    .add('DEMO-1', 'demo §1', minutesLate > grace ? '迟到' : '准时', minutesLate > grace ? 'late' : 'on time')
    .decide({ result: { late: minutesLate > grace, now: ctx.now, zone: ctx.zone }, violations: [] });

let fastCalls = 0;
let fastAnswers = 0;
const withFast = defineModule({
  id: 'demo.fast-lateness',
  title: { zh: '迟到', en: 'Lateness' },
  params,
  input,
  // Answers a plain { minutesLate: <safe integer> } only; anything else goes to the general path.
  fast: (raw, compiled, ctx): Decision<ModuleResult<Result>> | undefined => {
    fastCalls++;
    if (raw === null || typeof raw !== 'object' || Object.getPrototypeOf(raw) !== Object.prototype)
      return undefined;
    const keys = Object.keys(raw);
    const m = (raw as { minutesLate?: unknown }).minutesLate;
    if (keys.length !== 1 || keys[0] !== 'minutesLate' || !Number.isSafeInteger(m)) return undefined;
    fastAnswers++;
    return decide(m as number, compiled.params.graceMinutes, ctx);
  },
  evaluate: (i, compiled, ctx) => decide(i.minutesLate, compiled.params.graceMinutes, ctx),
});
const withoutFast = defineModule({
  id: 'demo.lateness',
  title: { zh: '迟到', en: 'Lateness' },
  params,
  input,
  evaluate: (i, compiled, ctx) => decide(i.minutesLate, compiled.params.graceMinutes, ctx),
});

const refusal = (f: () => unknown): [string, unknown, string] | 'accepted' => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    const z = e as ZhiduError;
    return [z.code, z.path, z.message];
  }
};

describe('ModuleSpec.fast (issue 21)', () => {
  const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });

  it('answers the inputs it checked with the general path’s decision (value, trace, provenance)', () => {
    const before = fastAnswers;
    const a = withFast.evaluate({ minutesLate: 7 }, policy, ctx);
    expect(fastAnswers).toBe(before + 1);
    const b = withoutFast.evaluate({ minutesLate: 7 }, policy, ctx);
    expect(a.value).toEqual(b.value);
    expect(a.value.result.late).toBe(true);
    expect(a.trace).toEqual(b.trace);
    expect(a.provenance).toEqual({ ...b.provenance, module: 'demo.fast-lateness' });
  });

  it('leaves every other input to the general path, whose refusal is unchanged', () => {
    const compiled = withFast.compile(policy);
    for (const bad of [
      { minutesLate: 1.5 },
      { minutesLate: '7' },
      { minutesLate: 7, extra: true },
      {},
      null,
      [7],
      'late',
      Object.assign(Object.create({ inherited: 1 }), { minutesLate: 7 }),
    ]) {
      const before = fastAnswers;
      const got = refusal(() => withFast.evaluate(bad as never, compiled, ctx));
      expect(fastAnswers).toBe(before);
      const expected = refusal(() => parseInput(input, bad, ['input']));
      if (expected === 'accepted') {
        // A class-like object zod accepts: the general path decides it, as without a fast path.
        expect(got).toBe('accepted');
      } else expect(got).toEqual(expected);
    }
  });

  it('is not called under a PolicyHistory, nor before a bad context or policy is refused', () => {
    const before = fastCalls;
    expect(refusal(() => withFast.evaluate({ minutesLate: 7 }, policy, null as never))).toEqual(
      refusal(() => withoutFast.evaluate({ minutesLate: 7 }, policy, null as never)),
    );
    expect(
      refusal(() => withFast.evaluate({ minutesLate: 7 }, { ...policy, params: { graceMinutes: -1 } }, ctx)),
    ).toEqual(
      refusal(() =>
        withoutFast.evaluate({ minutesLate: 7 }, { ...policy, params: { graceMinutes: -1 } }, ctx),
      ),
    );
    expect(fastCalls).toBe(before);
    const history = new PolicyHistory(params, [policy]);
    const d = withFast.evaluate({ minutesLate: 7 }, history, ctx);
    expect(fastCalls).toBe(before);
    expect(d.value.result.late).toBe(true);
    expect(d.trace[0]?.rule).toBe('zhidu.policy.version');
  });

  it('compiles a policy given again as the same JSON object once', () => {
    let compiles = 0;
    const counted = defineModule({
      id: 'demo.counted',
      title: { zh: '计数', en: 'Counted' },
      params,
      input,
      compile: (p) => {
        compiles++;
        return p;
      },
      evaluate: (i, compiled, c) => decide(i.minutesLate, compiled.params.graceMinutes, c),
    });
    const json = { ...policy };
    const a = counted.evaluate({ minutesLate: 3 }, json, ctx);
    const b = counted.evaluate({ minutesLate: 9 }, json, ctx);
    expect(compiles).toBe(1);
    expect([a.value.result.late, b.value.result.late]).toEqual([false, true]);
    expect(counted.compile(json)).toBe(counted.compile(counted.policy(json)));
    expect(b.provenance).toBe(a.provenance);
  });

  it('compiles a policy given again as a new object with the same content once (issue 21)', () => {
    let compiles = 0;
    const counted = defineModule({
      id: 'demo.counted-by-content',
      title: { zh: '计数', en: 'Counted' },
      params,
      input,
      compile: (p) => {
        compiles++;
        return { grace: p.params.graceMinutes };
      },
      evaluate: (i, compiled, c) => decide(i.minutesLate, compiled.grace, c),
    });
    // A server reading the policy from each request: a new JSON object every time.
    const a = counted.evaluate({ minutesLate: 3 }, JSON.parse(JSON.stringify(policy)), ctx);
    const b = counted.evaluate({ minutesLate: 9 }, JSON.parse(JSON.stringify(policy)), ctx);
    expect(compiles).toBe(1);
    expect([a.value.result.late, b.value.result.late]).toEqual([false, true]);
    expect(b.provenance.policy).toEqual(a.provenance.policy);
    // Other content is compiled on its own, and answers by its own parameters.
    const longer = { ...policy, version: '2', params: { graceMinutes: 10 } };
    expect(counted.evaluate({ minutesLate: 9 }, longer, ctx).value.result.late).toBe(false);
    expect(compiles).toBe(2);
    expect(counted.compile(JSON.parse(JSON.stringify(longer))).compiled).toEqual({ grace: 10 });
    expect(compiles).toBe(2);
    // Only the 64 most recent contents are kept: the first is compiled again after 64 others.
    for (let n = 0; n < 64; n++) counted.compile({ ...policy, version: `v${n}` });
    expect(compiles).toBe(66);
    counted.compile(JSON.parse(JSON.stringify(policy)));
    expect(compiles).toBe(67);
  });

  it('keeps at most 1,000,000 characters of policy JSON by content, and no larger policy (issue 21)', () => {
    let compiles = 0;
    const noted = defineModule({
      id: 'demo.noted',
      title: { zh: '备注', en: 'Noted' },
      params: z.strictObject({ note: z.string() }),
      input: z.strictObject({}),
      compile: (p) => {
        compiles++;
        return p.params.note.length;
      },
      evaluate: (_i, length) => ({ value: { result: length, violations: [] }, trace: [] }),
    });
    const envelope = { id: 'demo.noted', version: '1', effectiveFrom: '2024-01-01', source: { title: 'n' } };
    const withNote = (c: string, n: number) => ({ ...envelope, params: { note: c.repeat(n) } });
    // Larger than the budget alone: compiled for every new object, as before the cache.
    noted.compile(withNote('a', 1_000_001));
    noted.compile(withNote('a', 1_000_001));
    expect(compiles).toBe(2);
    // Two of 600 k characters do not fit together: the second pushes the first out.
    noted.compile(withNote('b', 600_000));
    noted.compile(withNote('b', 600_000));
    expect(compiles).toBe(3);
    noted.compile(withNote('c', 600_000));
    expect(compiles).toBe(4);
    noted.compile(withNote('c', 600_000));
    expect(compiles).toBe(4);
    noted.compile(withNote('b', 600_000));
    expect(compiles).toBe(5);
    // Small ones fit beside a large one.
    noted.compile(withNote('d', 10));
    noted.compile(withNote('d', 10));
    expect(compiles).toBe(6);
    expect(noted.evaluate({}, withNote('d', 10), ctx).value.result).toBe(10);
    expect(compiles).toBe(6);
  });

  it('keeps by content only a validated policy that is plain JSON data (issue 21)', () => {
    // A transform's RegExp, an undefined value and -0 all write JSON that another policy writes too.
    let compiles = 0;
    const patterned = defineModule({
      id: 'demo.patterned',
      title: { zh: '模式', en: 'Patterned' },
      params: z.strictObject({
        pattern: z.string().transform((s) => new RegExp(s)),
        weights: z.record(z.string(), z.number().optional()),
        zero: z.number(),
      }),
      input: z.strictObject({ text: z.string() }),
      compile: (p) => {
        compiles++;
        return p.params;
      },
      evaluate: (i, p) => ({
        value: {
          result: `${p.pattern.test(i.text)} ${Object.keys(p.weights).join(',')} ${Object.is(p.zero, -0)}`,
          violations: [],
        },
        trace: [],
      }),
    });
    const envelope = {
      id: 'demo.patterned',
      version: '1',
      effectiveFrom: '2024-01-01',
      source: { title: 'p' },
    };
    const at = (pattern: string, weights: Record<string, number | undefined>, zero: number) =>
      patterned.evaluate({ text: 'abc' }, { ...envelope, params: { pattern, weights, zero } }, ctx).value
        .result;
    expect(at('^a', { a: 1 }, 0)).toBe('true a false');
    expect(at('^z', { a: 1 }, 0)).toBe('false a false');
    expect(at('^a', { a: 1, b: undefined }, 0)).toBe('true a,b false');
    expect(at('^a', { a: 1 }, -0)).toBe('true a true');
    // Every policy holds a RegExp: none is kept by content, each new object is compiled.
    expect(compiles).toBe(4);
  });

  it('a policy holding -0 and one holding 0 are compiled apart (issue 21)', () => {
    let compiles = 0;
    const signed = defineModule({
      id: 'demo.signed',
      title: { zh: '符号', en: 'Signed' },
      params: z.strictObject({ score: z.number() }),
      input: z.strictObject({}),
      compile: (p) => {
        compiles++;
        return p.params.score;
      },
      evaluate: (_i, score) => ({ value: { result: Object.is(score, -0), violations: [] }, trace: [] }),
    });
    const envelope = { id: 'demo.signed', version: '1', effectiveFrom: '2024-01-01', source: { title: 's' } };
    expect(signed.evaluate({}, { ...envelope, params: { score: -0 } }, ctx).value.result).toBe(true);
    expect(signed.evaluate({}, { ...envelope, params: { score: 0 } }, ctx).value.result).toBe(false);
    expect(signed.evaluate({}, { ...envelope, params: { score: 0 } }, ctx).value.result).toBe(false);
    expect(compiles).toBe(2);
  });

  it('compiles the same content with its keys in another order on its own (issue 21)', () => {
    // A compiled policy may follow the order of an object's keys; the content hash sorts them.
    let compiles = 0;
    const ordered = defineModule({
      id: 'demo.ordered',
      title: { zh: '顺序', en: 'Ordered' },
      params: z.strictObject({ weights: z.record(z.string(), z.number()) }),
      input: z.strictObject({}),
      compile: (p) => {
        compiles++;
        return Object.keys(p.params.weights);
      },
      evaluate: (_i, names) => ({ value: { result: names.join(','), violations: [] }, trace: [] }),
    });
    const envelope = {
      id: 'demo.ordered',
      version: '1',
      effectiveFrom: '2024-01-01',
      source: { title: 'w' },
    };
    const ab = { ...envelope, params: { weights: { a: 1, b: 2 } } };
    const ba = { ...envelope, params: { weights: { b: 2, a: 1 } } };
    expect(ordered.compile(ab).hash).toBe(ordered.compile(ba).hash);
    expect(ordered.evaluate({}, JSON.parse(JSON.stringify(ab)), ctx).value.result).toBe('a,b');
    expect(ordered.evaluate({}, JSON.parse(JSON.stringify(ba)), ctx).value.result).toBe('b,a');
    expect(compiles).toBe(2);
  });

  it('agrees with the general path on seeded inputs, good and bad', () => {
    const compiled = withFast.compile(policy);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ minutesLate: fc.integer({ min: -100, max: 100 }) }),
          fc.record({ minutesLate: fc.oneof(fc.double(), fc.string(), fc.constant(null)) }),
          fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
        ),
        (raw) => {
          const fast = refusal(() => withFast.evaluate(raw as never, compiled, ctx));
          const general = refusal(() => withoutFast.evaluate(raw as never, policy, ctx));
          expect(fast).toEqual(general);
          if (fast === 'accepted') {
            expect(withFast.evaluate(raw as never, compiled, ctx).value).toEqual(
              withoutFast.evaluate(raw as never, policy, ctx).value,
            );
          }
        },
      ),
      { seed: 2121, numRuns: 200 },
    );
  });
});

describe('a fresh plain context per call (issue 21)', () => {
  /** A calendar whose zone is read by makeContext once per context built. */
  const countingCalendar = () => {
    const base = weekdayCalendar();
    let reads = 0;
    const calendar = Object.create(base, {
      zone: {
        get() {
          reads++;
          return 'Asia/Shanghai';
        },
      },
    });
    return { calendar, reads: () => reads };
  };

  it('builds the context once for fresh { now, calendar } objects with the same values', () => {
    const { calendar, reads } = countingCalendar();
    const now = '2025-06-02T09:07:00+08:00';
    const first = withoutFast.evaluate({ minutesLate: 7 }, policy, { now, calendar });
    const built = reads();
    expect(built).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) {
      const d = withoutFast.evaluate({ minutesLate: 7 }, policy, { now, calendar });
      expect(d.value).toEqual(first.value);
      expect(d.provenance).toBe(first.provenance);
    }
    expect(reads()).toBe(built);
  });

  it('sees a changed now, zone or calendar in a fresh object', () => {
    const { calendar } = countingCalendar();
    const a = withoutFast.evaluate({ minutesLate: 7 }, policy, {
      now: '2025-06-02T09:07:00+08:00',
      calendar,
    });
    expect(a.value.result).toMatchObject({ now: '2025-06-02T01:07:00.000Z', zone: 'Asia/Shanghai' });
    const b = withoutFast.evaluate({ minutesLate: 7 }, policy, {
      now: '2025-06-03T09:07:00+08:00',
      calendar,
    });
    expect(b.value.result.now).toBe('2025-06-03T01:07:00.000Z');
    const c = withoutFast.evaluate({ minutesLate: 7 }, policy, {
      now: '2025-06-03T09:07:00+08:00',
      zone: 'UTC',
      calendar,
    });
    expect(c.value.result.zone).toBe('UTC');
    expect(c.provenance.calendar.zone).toBe('UTC');
    const other = countingCalendar();
    withoutFast.evaluate({ minutesLate: 7 }, policy, {
      now: '2025-06-03T09:07:00+08:00',
      zone: 'UTC',
      calendar: other.calendar,
    });
    expect(other.reads()).toBe(0); // zone given: not read, but a new context for the new calendar
    const d = withoutFast.evaluate({ minutesLate: 7 }, policy, { now: '2025-06-03T09:07:00+08:00' });
    // No calendar: the Mon–Fri fallback, a context of its own (not the last one's calendar).
    expect(d.value.result.zone).toBe('Asia/Shanghai');
  });

  it('still refuses a bad now in a fresh object after a good one', () => {
    withoutFast.evaluate({ minutesLate: 7 }, policy, { now: '2025-06-02T09:07:00+08:00' });
    const got = refusal(() =>
      withoutFast.evaluate({ minutesLate: 7 }, policy, { now: '2025-06-31T09:07:00+08:00' }),
    );
    expect(got).not.toBe('accepted');
    expect((got as [string, unknown, string]).slice(0, 2)).toEqual(['invalid_instant', ['now']]);
  });
});

describe('the direct path: the last compiled policy and context object again (issue 21)', () => {
  /** The whole decision, or the refusal, as a caller sees it (deep-equal, JSON). */
  const seen = (f: () => unknown): unknown => {
    try {
      return JSON.parse(JSON.stringify(f()));
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      const z = e as ZhiduError;
      return [z.code, z.path, z.message];
    }
  };
  /** withFast's decision as the general path gives it (same module id in the provenance). */
  const general = (raw: unknown, ctx: unknown): unknown => {
    const d = seen(() => withoutFast.evaluate(raw as never, policy, ctx as never));
    if (Array.isArray(d)) return d;
    const p = d as { provenance: { module: string } };
    return { ...p, provenance: { ...p.provenance, module: 'demo.fast-lateness' } };
  };

  it('sees a context object changed in place between calls (now, zone, calendar)', () => {
    const compiled = withFast.compile(policy);
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const first = withFast.evaluate({ minutesLate: 7 }, compiled, ctx);
    expect(first.value.result.now).toBe('2025-06-02T01:07:00.000Z');
    ctx.now = '2026-01-05T01:00:00.000Z';
    const second = withFast.evaluate({ minutesLate: 7 }, compiled, ctx);
    expect(second.value.result.now).toBe('2026-01-05T01:00:00.000Z');
    expect(seen(() => second)).toEqual(general({ minutesLate: 7 }, { ...ctx }));
    ctx.zone = 'Asia/Urumqi';
    const third = withFast.evaluate({ minutesLate: 7 }, compiled, ctx);
    expect(third.value.result.zone).toBe('Asia/Urumqi');
    expect(third.provenance.calendar.zone).toBe('Asia/Urumqi');
    // A calendar that is no longer one: refused as the general path refuses it.
    const calendar = ctx.calendar;
    (ctx as { calendar: unknown }).calendar = { zone: 'Asia/Shanghai' };
    expect(seen(() => withFast.evaluate({ minutesLate: 7 }, compiled, ctx))).toEqual(
      general({ minutesLate: 7 }, ctx),
    );
    expect(general({ minutesLate: 7 }, ctx)).toEqual([
      'invalid_input',
      ['calendar'],
      expect.stringContaining('WorkCalendar'),
    ]);
    // The same calendar object losing its isWorkday is refused too.
    const broken = Object.assign(Object.create(null), { zone: 'Asia/Shanghai' });
    ctx.calendar = calendar;
    withFast.evaluate({ minutesLate: 7 }, compiled, ctx);
    const isWorkday = calendar.isWorkday;
    Object.defineProperty(calendar, 'isWorkday', { value: undefined, configurable: true, writable: true });
    try {
      expect(seen(() => withFast.evaluate({ minutesLate: 7 }, compiled, ctx))).toEqual(
        general({ minutesLate: 7 }, ctx),
      );
    } finally {
      Object.defineProperty(calendar, 'isWorkday', { value: isWorkday, configurable: true, writable: true });
    }
    expect(broken.zone).toBe('Asia/Shanghai');
  });

  it('still refuses a defaulted calendar on every call of a module that counts working days', () => {
    const counting = defineModule({
      id: 'demo.fast-working-days',
      title: { zh: '工作日', en: 'Working days' },
      params,
      input,
      needsCalendar: true,
      fast: (raw, compiled, ctx) =>
        decide((raw as { minutesLate: number }).minutesLate, compiled.params.graceMinutes, ctx),
      evaluate: (i, compiled, ctx) => decide(i.minutesLate, compiled.params.graceMinutes, ctx),
    });
    const compiled = counting.compile(policy);
    const defaulted = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const explicit = makeContext({ now: '2025-06-02T09:07:00+08:00', calendar: weekdayCalendar() });
    expect(counting.evaluate({ minutesLate: 7 }, compiled, explicit).value.result.late).toBe(true);
    for (let i = 0; i < 2; i++) {
      expect(seen(() => counting.evaluate({ minutesLate: 7 }, compiled, defaulted))).toEqual([
        'calendar_required',
        ['ctx', 'calendar'],
        expect.stringContaining('demo.fast-working-days'),
      ]);
    }
    expect(counting.evaluate({ minutesLate: 7 }, compiled, explicit).value.result.late).toBe(true);
  });

  it('agrees with the general path over seeded call sequences (same or changed context, good and bad input)', () => {
    const compiled = withFast.compile(policy);
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const nows = ['2025-06-02T01:07:00.000Z', '2025-06-03T01:07:00.000Z', 'not an instant'];
    let direct = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.record({ minutesLate: fc.integer({ min: -10, max: 10 }) }),
              fc.record({ minutesLate: fc.oneof(fc.double(), fc.string({ maxLength: 2 })) }),
              fc.constantFrom(null, [], { minutesLate: 3, extra: 1 }),
            ),
            fc.constantFrom('same', 'now', 'zone', 'fresh', 'json'),
            fc.nat({ max: nows.length - 1 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (calls) => {
          for (const [raw, change, n] of calls) {
            let c: unknown = ctx;
            if (change === 'now') ctx.now = nows[n] as string;
            if (change === 'zone')
              ctx.zone = n === 0 ? 'Asia/Shanghai' : n === 1 ? 'Asia/Urumqi' : 'Mars/Base';
            if (change === 'fresh') c = { now: nows[n] };
            const before = fastAnswers;
            const got = seen(() =>
              withFast.evaluate(raw as never, change === 'json' ? policy : compiled, c as never),
            );
            if (fastAnswers > before) direct++;
            expect(got).toEqual(general(raw, c));
            // Back to a good context for the next call.
            ctx.now = nows[0] as string;
            ctx.zone = 'Asia/Shanghai';
          }
        },
      ),
      { seed: 2128, numRuns: 150 },
    );
    expect(direct).toBeGreaterThan(40);
  });
});

describe('ModuleSpec.fastTraces: the fast path’s traces read once (issue 21)', () => {
  /** The whole decision, or the refusal, as a caller sees it (deep-equal, JSON). */
  const seen = (f: () => unknown): unknown => {
    try {
      return JSON.parse(JSON.stringify(f()));
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      const z = e as ZhiduError;
      return [z.code, z.path, z.message];
    }
  };
  const entry = (rule: string) =>
    Object.freeze({
      rule,
      message: Object.freeze({ zh: rule, en: rule }),
    }) as Decision<unknown>['trace'][number];
  /** Decisions built once, frozen: by minutesLate mod 3, one of them naming a provisional year when asked. */
  const decisionsOf = (provisional: boolean, frozen: boolean) =>
    ['DEMO-A', 'DEMO-B', provisional ? 'zhidu.calendar.provisional' : 'DEMO-C'].map((rule, k) => {
      const trace = [entry(rule)];
      return Object.freeze({
        value: Object.freeze({ result: { late: k === 0, now: '', zone: '' }, violations: [] }),
        trace: frozen ? Object.freeze(trace) : trace,
      }) as unknown as Decision<ModuleResult<Result>>;
    });
  const moduleOf = (id: string, decisions: Decision<ModuleResult<Result>>[], withTraces: boolean) => {
    let calls = 0;
    const pick = (m: number) => decisions[((m % 3) + 3) % 3] as Decision<ModuleResult<Result>>;
    const m = defineModule({
      id,
      title: { zh: '迟到', en: 'Lateness' },
      params,
      input,
      fast: (raw) => {
        calls++;
        const v = (raw as { minutesLate?: unknown } | null)?.minutesLate;
        return Number.isSafeInteger(v) ? pick(v as number) : undefined;
      },
      ...(withTraces ? { fastTraces: () => decisions.map((d) => d.trace) } : {}),
      evaluate: (i) => pick(i.minutesLate),
    });
    return { m, calls: () => calls };
  };

  it('gives every decision the provenance the general path gives it, plain or provisional (seeded)', () => {
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    for (const [provisional, frozen] of [
      [false, true],
      [true, true],
      [false, false],
      [true, false],
    ] as const) {
      const decisions = decisionsOf(provisional, frozen);
      const withTraces = moduleOf('demo.fast-traces', decisions, true).m;
      const without = moduleOf('demo.fast-traces', decisions, false).m;
      const general = defineModule({
        id: 'demo.fast-traces',
        title: { zh: '迟到', en: 'Lateness' },
        params,
        input,
        evaluate: (i) => decisions[((i.minutesLate % 3) + 3) % 3] as Decision<ModuleResult<Result>>,
      });
      const a = withTraces.compile(policy);
      const b = without.compile(policy);
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(1.5)), { maxLength: 8 }),
          (ms) => {
            for (const m of ms) {
              const want = seen(() => general.evaluate({ minutesLate: m }, policy, ctx));
              expect(seen(() => withTraces.evaluate({ minutesLate: m }, a, ctx))).toEqual(want);
              expect(seen(() => without.evaluate({ minutesLate: m }, b, ctx))).toEqual(want);
            }
          },
        ),
        { seed: 2133, numRuns: 60 },
      );
      const d = withTraces.evaluate({ minutesLate: 2 }, a, ctx);
      expect(d.provenance.calendar.provisional).toBe(provisional);
    }
  });

  it('reads a trace that is not frozen on every call (changed in place between calls)', () => {
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const decisions = decisionsOf(false, false);
    const { m } = moduleOf('demo.fast-traces-open', decisions, true);
    const compiled = m.compile(policy);
    expect(m.evaluate({ minutesLate: 1 }, compiled, ctx).provenance.calendar.provisional).toBe(false);
    expect(m.evaluate({ minutesLate: 1 }, compiled, ctx).provenance.calendar.provisional).toBe(false);
    ((decisions[1] as Decision<ModuleResult<Result>>).trace as unknown[]).push(
      entry('zhidu.calendar.workweek'),
    );
    expect(m.evaluate({ minutesLate: 1 }, compiled, ctx).provenance.calendar.provisional).toBe(true);
  });

  it('calls the fast path once for an input it leaves to the general path', () => {
    const ctx = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    const { m, calls } = moduleOf('demo.fast-once', decisionsOf(false, true), true);
    const compiled = m.compile(policy);
    m.evaluate({ minutesLate: 1 }, compiled, ctx);
    const before = calls();
    // A fraction: the fast path leaves it, the general path refuses it (zod: not an integer).
    expect(seen(() => m.evaluate({ minutesLate: 1.5 }, compiled, ctx))).toEqual([
      'invalid_input',
      ['input', 'minutesLate'],
      expect.any(String),
    ]);
    expect(calls() - before).toBe(1);
    // A new context: the general path tries the fast path (once), then refuses the same way.
    const other = makeContext({ now: '2025-06-02T09:07:00+08:00' });
    expect(seen(() => m.evaluate({ minutesLate: 1.5 }, compiled, other))).toEqual(
      seen(() => m.evaluate({ minutesLate: 1.5 }, compiled, ctx)),
    );
    expect(calls() - before).toBe(3);
  });
});
