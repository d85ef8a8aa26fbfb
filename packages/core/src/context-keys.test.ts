import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zhiduError as refusal } from '../test/helpers.js';
import { weekdayCalendar, withOverrides } from './calendar.js';
import { makeContext, seededRng } from './context.js';
import { Trace } from './decision.js';
import { defineModule } from './module.js';

// A key of an evaluation context that nothing reads is refused, naming the key meant: a misspelt
// `calender` left the default calendar in place (Mon–Fri, or the registry's PRC calendar) without a
// word, so a company's closures were lost from every deadline.
const NOW = '2025-12-24T09:00:00+08:00';
const closed = withOverrides(weekdayCalendar(), { '2025-12-26': { workday: false, note: 'closure' } });

/** A module answering with what the context it was given holds: its calendar's answer, its seed. */
const probe = defineModule({
  id: 'demo.probe',
  title: { zh: '探针', en: 'Probe' },
  params: z.strictObject({}),
  input: z.strictObject({}),
  evaluate: (_input, _policy, ctx) =>
    new Trace().decide({
      result: { workday: ctx.calendar.isWorkday('2025-12-26'), seed: ctx.rng?.seed ?? null },
      violations: [],
    }),
});
const policy = { id: 'p', version: '1', effectiveFrom: '2025-01-01', source: { title: 't' }, params: {} };
const run = (ctx: unknown) => probe.evaluate({}, policy, ctx as never).value.result;

describe('a context key nothing reads is refused, not ignored', () => {
  it('makeContext({ now, calender }) is unknown_key naming calendar (it counted Mon–Fri)', () => {
    const e = refusal(() => makeContext({ now: NOW, calender: closed } as never));
    expect([e.code, e.path]).toEqual(['unknown_key', ['calender']]);
    expect(e.message).toContain('did you mean `calendar`?');
    expect(makeContext({ now: NOW, calendar: closed }).calendar.isWorkday('2025-12-26')).toBe(false);
  });

  it('a module refuses it at ctx.<key>, also right after a call with the same now (its context caches)', () => {
    expect(run({ now: NOW, calendar: closed })).toEqual({ workday: false, seed: null });
    expect(run({ now: NOW })).toEqual({ workday: true, seed: null });
    const e = refusal(() => run({ now: NOW, calender: closed }));
    expect([e.code, e.path]).toEqual(['unknown_key', ['ctx', 'calender']]);
    // A context-shaped object (now, zone, calendar) with a key nothing reads.
    const shaped = { now: NOW, zone: 'Asia/Shanghai', calendar: closed, zon: 'UTC' };
    expect(refusal(() => run(shaped)).path).toEqual(['ctx', 'zon']);
  });

  it('a context-shaped object with a seed gets its random source (the seed was ignored)', () => {
    expect(run({ now: NOW, zone: 'Asia/Shanghai', calendar: closed, seed: 7 })).toEqual({
      workday: false,
      seed: 7,
    });
  });

  it('makeContext keeps the random source of a context made again, and refuses two sources or a bad one', () => {
    const ctx = makeContext({ now: NOW, seed: 42 });
    expect(makeContext({ ...ctx }).rng).toBe(ctx.rng);
    expect(run(ctx)).toEqual({ workday: true, seed: 42 });
    expect(refusal(() => makeContext({ now: NOW, seed: 1, rng: seededRng(2) } as never)).path).toEqual([
      'rng',
    ]);
    expect(refusal(() => makeContext({ now: NOW, rng: {} } as never)).path).toEqual(['rng']);
  });
});
