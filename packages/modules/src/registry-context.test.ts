// The registry's plain-context path (issue 21): a `{ now }` object (fresh or the same, changed in
// place or not) gets the decision and the refusal a fresh registry gives it, while the context
// built for the last plain input is reused.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { defineModule, Trace, weekdayCalendar, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRegistry, type ModuleSource, type RegistryContextInput } from './registry.js';

/** A context the tests change in place. */
type Mutable = RegistryContextInput & Record<string, unknown>;

const envelope = { version: '1', effectiveFrom: '2025-01-01', source: { title: '演示制度' } };
// Reads the calendar, the zone and now: a reused context that differed would show in the result.
const deadline = defineModule({
  id: 'demo.deadline',
  title: { zh: '期限', en: 'Deadline' },
  params: z.strictObject({ days: z.number().int().positive() }),
  input: z.strictObject({ opened: z.string() }),
  needsCalendar: true,
  evaluate: (input, policy, ctx) => {
    const due = ctx.calendar.addWorkdays(input.opened as `${number}-${number}-${number}`, policy.params.days);
    return new Trace()
      .add('DEMO-D', undefined, `到期 ${due}`, `due ${due}`)
      .decide({ result: { due, now: ctx.now, zone: ctx.zone }, violations: [] });
  },
  presets: { 'three-days': { id: 'demo.three', ...envelope, params: { days: 3 } } },
});
const clock = defineModule({
  id: 'demo.clock',
  title: { zh: '时刻', en: 'Clock' },
  params: z.strictObject({}),
  input: z.strictObject({}),
  evaluate: (_input, _policy, ctx) =>
    new Trace().decide({
      result: { now: ctx.now, zone: ctx.zone, draw: ctx.rng === undefined ? null : ctx.rng.next() },
      violations: [],
    }),
  presets: { plain: { id: 'demo.clock', ...envelope, params: {} } },
});
const SOURCES: ModuleSource[] = [{ package: '@zhidu/demo', modules: [deadline, clock] }];

type Outcome =
  | { ok: true; value: unknown; trace: unknown; provenance: unknown }
  | { ok: false; code: string; path: unknown; message: string };
const outcome = (fn: () => { value: unknown; trace: unknown; provenance: unknown }): Outcome => {
  try {
    const d = fn();
    return { ok: true, value: d.value, trace: d.trace, provenance: d.provenance };
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { ok: false, code: e.code, path: e.path, message: e.message };
  }
};

const weekdays = weekdayCalendar();
const china = chinaCalendar();
const NOWS = ['2025-09-30T10:00:00+08:00', '2025-10-08T09:00:00Z', 'not a date', 20251001, undefined];
const ZONES = ['Asia/Shanghai', 'UTC', 'Mars/Olympus', 8];
const CALENDARS = [weekdays, china, null, {}];
const OUTSIDE = ['weekdays', 'provisional', 'error', 'sometimes'];
const OPENED = ['2025-09-30', '2030-12-30', '2099-06-01'];

/** One change to a context object: a key set to one of the pool's values, or removed. */
const change = fc.oneof(
  fc.record({ key: fc.constant('now'), value: fc.constantFrom(...NOWS) }),
  fc.record({ key: fc.constant('zone'), value: fc.constantFrom(...ZONES, undefined) }),
  fc.record({ key: fc.constant('calendar'), value: fc.constantFrom(...CALENDARS, undefined) }),
  fc.record({ key: fc.constant('outsideData'), value: fc.constantFrom(...OUTSIDE, undefined) }),
  fc.record({ key: fc.constant('notices'), value: fc.constantFrom([], undefined) }),
  fc.record({ key: fc.constant('seed'), value: fc.constantFrom(1, 2, undefined) }),
  fc.record({ key: fc.constant('extra'), value: fc.constantFrom('x', undefined) }),
  fc.record({ key: fc.constant('delete'), value: fc.constantFrom('now', 'zone', 'calendar', 'outsideData') }),
);
/** One call: its context (the shared object changed in place, a fresh copy of it, null, an array) and input. */
const step = fc.record({
  changes: fc.array(change, { maxLength: 3 }),
  form: fc.constantFrom('shared', 'shared', 'copy', 'null', 'array', 'evalContext'),
  module: fc.constantFrom('demo.deadline', 'demo.clock'),
  opened: fc.constantFrom(...OPENED),
});

describe('registry evaluate with a plain context: the built context reused, answers unchanged', () => {
  it('gives the decision or refusal of a fresh registry on every call of a sequence (seeded property: now, zone, calendar, outsideData, notices, seed, arrays, null, changed in place)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const reused = createRegistry(SOURCES);
        const shared: Record<string, unknown> = { now: NOWS[0] };
        for (const s of steps) {
          for (const c of s.changes) {
            if (c.key === 'delete') delete shared[c.value as string];
            else shared[c.key] = c.value;
          }
          const ctx =
            s.form === 'shared'
              ? shared
              : s.form === 'copy'
                ? { ...shared }
                : s.form === 'null'
                  ? null
                  : s.form === 'array'
                    ? [shared]
                    : { now: '2025-09-30T02:00:00.000Z', zone: 'Asia/Shanghai', calendar: weekdays };
          const input = s.module === 'demo.deadline' ? { opened: s.opened } : {};
          const policy = s.module === 'demo.deadline' ? 'three-days' : 'plain';
          const got = outcome(() => reused.evaluate(s.module, input, policy, ctx as never));
          // The reference: a registry made for this one call remembers nothing.
          const want = outcome(() => createRegistry(SOURCES).evaluate(s.module, input, policy, ctx as never));
          expect(got).toEqual(want);
        }
      }),
      { seed: 2126, numRuns: 300 },
    );
  });

  it('reuses the context built for an equal plain { now } (same module answer), and builds again when now changes in place', () => {
    const reg = createRegistry(SOURCES);
    const ctx: Mutable = { now: '2025-09-30T10:00:00+08:00' };
    const a = reg.evaluate('demo.deadline', { opened: '2025-09-30' }, 'three-days', ctx);
    const b = reg.evaluate('demo.deadline', { opened: '2025-09-30' }, 'three-days', {
      now: '2025-09-30T10:00:00+08:00',
    });
    expect(a.value.result).toEqual({
      due: '2025-10-11',
      now: '2025-09-30T02:00:00.000Z',
      zone: 'Asia/Shanghai',
    });
    expect(b.value).toEqual(a.value);
    expect(b.provenance).toEqual(a.provenance);
    ctx.now = '2025-10-09T10:00:00+08:00';
    ctx.zone = 'UTC';
    const c = reg.evaluate('demo.deadline', { opened: '2025-10-09' }, 'three-days', ctx);
    // Saturday 2025-10-11 is a working day (调休) on the PRC calendar: Fri 10, Sat 11, Mon 13. With a
    // string zone the built object is already a context (now, zone, calendar), passed as given.
    expect(c.value.result).toEqual({ due: '2025-10-13', now: '2025-10-09T10:00:00+08:00', zone: 'UTC' });
  });

  it('does not reuse across outsideData or notices: a context that gains outsideData in place computes provisionally, and loses it to refuse again', () => {
    const reg = createRegistry(SOURCES);
    const ctx: Mutable = { now: '2030-12-30T12:00:00+08:00' };
    const input = { opened: '2030-12-30' };
    expect(outcome(() => reg.evaluate('demo.deadline', input, 'three-days', ctx))).toMatchObject({
      ok: false,
      code: 'calendar_out_of_range',
    });
    ctx.outsideData = 'provisional';
    expect(reg.evaluate('demo.deadline', input, 'three-days', ctx).value.result).toMatchObject({
      due: '2031-01-03',
    });
    delete ctx.outsideData;
    expect(outcome(() => reg.evaluate('demo.deadline', input, 'three-days', ctx))).toMatchObject({
      ok: false,
      code: 'calendar_out_of_range',
    });
    ctx.calendar = weekdays;
    ctx.notices = [];
    expect(outcome(() => reg.evaluate('demo.deadline', input, 'three-days', ctx))).toEqual({
      ok: false,
      code: 'invalid_input',
      path: ['ctx', 'notices'],
      message:
        'outsideData/notices 只用于默认的中国日历；已给出 calendar 时请在该日历上设置 / outsideData and notices configure the default PRC calendar; with your own calendar, set them on it (at ctx.notices)',
    });
  });

  it('keeps the refusal of a bad now on repeated calls with an equal context (no context remembered as valid)', () => {
    const reg = createRegistry(SOURCES);
    for (let i = 0; i < 3; i++) {
      expect(outcome(() => reg.evaluate('demo.clock', {}, 'plain', { now: 'not a date' }))).toMatchObject({
        ok: false,
        code: 'invalid_instant',
        path: ['now'],
      });
    }
    expect(reg.evaluate('demo.clock', {}, 'plain', { now: '2025-01-01T00:00:00Z' }).value.result).toEqual({
      now: '2025-01-01T00:00:00.000Z',
      zone: 'Asia/Shanghai',
      draw: null,
    });
  });

  it('answers a context with a symbol key the same on every call, and a seeded context starts a fresh random source per call (the same first draw)', () => {
    const reg = createRegistry(SOURCES);
    const tag = Symbol('tag');
    const ctx = { now: '2025-01-01T00:00:00Z', [tag]: 1 };
    const first = reg.evaluate('demo.clock', {}, 'plain', ctx).value.result;
    expect(reg.evaluate('demo.clock', {}, 'plain', ctx).value.result).toEqual(first);
    const seeded = { now: '2025-01-01T00:00:00Z', seed: 7 };
    const a = reg.evaluate('demo.clock', {}, 'plain', seeded).value.result as { draw: number };
    const b = reg.evaluate('demo.clock', {}, 'plain', { ...seeded }).value.result as { draw: number };
    expect(typeof a.draw).toBe('number');
    expect(b.draw).toBe(a.draw);
  });

  it('passes the module one made context for equal plain contexts (so its direct path reads them), a new one when a value changes, and a zoned or seeded one as given', () => {
    const seen: unknown[] = [];
    const spy = {
      ...clock,
      id: 'demo.spy',
      evaluate: (input: unknown, policy: unknown, ctx: unknown) => {
        seen.push(ctx);
        return clock.evaluate(input as never, policy as never, ctx as never);
      },
    };
    const reg = createRegistry([{ package: '@zhidu/demo', modules: [spy as unknown as typeof clock] }]);
    const tag = Symbol('brand');
    const plain: Mutable = { now: '2025-01-01T08:00:00+08:00' };
    const a = reg.evaluate('demo.spy', {}, 'plain', plain);
    reg.evaluate('demo.spy', {}, 'plain', { now: '2025-01-01T08:00:00+08:00' });
    const marked = { now: '2025-01-01T08:00:00+08:00', [tag]: 'x' };
    reg.evaluate('demo.spy', {}, 'plain', marked);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
    // A made context: now canonical, the zone and the PRC calendar filled in.
    expect(Object.keys(seen[0] as object).sort()).toEqual(['calendar', 'now', 'zone']);
    expect(seen[0]).toMatchObject({ now: '2025-01-01T00:00:00.000Z', zone: 'Asia/Shanghai' });
    expect(a.value.result).toEqual({ now: '2025-01-01T00:00:00.000Z', zone: 'Asia/Shanghai', draw: null });
    plain.now = '2025-01-02T08:00:00+08:00';
    expect(reg.evaluate('demo.spy', {}, 'plain', plain).value.result).toMatchObject({
      now: '2025-01-02T00:00:00.000Z',
    });
    expect(seen[3]).not.toBe(seen[0]);
    // A zone given: core reads the built context as given (now as written); a seed: passed as built,
    // core makes a context of it per call (each decision's draws start at the seed).
    reg.evaluate('demo.spy', {}, 'plain', { now: '2025-01-01T08:00:00+08:00', zone: 'UTC' });
    expect(seen[4]).toMatchObject({ now: '2025-01-01T08:00:00+08:00', zone: 'UTC' });
    reg.evaluate('demo.spy', {}, 'plain', { now: '2025-01-01T08:00:00+08:00', seed: 3 });
    reg.evaluate('demo.spy', {}, 'plain', { now: '2025-01-01T08:00:00+08:00', seed: 3 });
    expect(seen[5]).toMatchObject({ now: '2025-01-01T08:00:00+08:00', seed: 3 });
    expect(seen[6]).toBe(seen[5]);
  });

  it('reads a Date now changed in place afresh on every call (no made context kept for it)', () => {
    const reg = createRegistry(SOURCES);
    const d = new Date('2025-01-01T00:00:00Z');
    const ctx = { now: d };
    expect(reg.evaluate('demo.clock', {}, 'plain', ctx).value.result).toMatchObject({
      now: '2025-01-01T00:00:00.000Z',
    });
    d.setTime(Date.parse('2025-06-01T00:00:00Z'));
    expect(reg.evaluate('demo.clock', {}, 'plain', ctx).value.result).toMatchObject({
      now: '2025-06-01T00:00:00.000Z',
    });
    d.setTime(Number.NaN);
    expect(outcome(() => reg.evaluate('demo.clock', {}, 'plain', ctx))).toEqual(
      outcome(() => createRegistry(SOURCES).evaluate('demo.clock', {}, 'plain', { now: d })),
    );
    expect(outcome(() => reg.evaluate('demo.clock', {}, 'plain', ctx))).toMatchObject({
      ok: false,
      code: 'invalid_instant',
    });
  });
});
