import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModule, makeContext, Trace, ZhiduError } from './index.js';

// A module's refusals of a field of its input are under `input`, whether the schema or the rule
// refused it: one prefix for every refusal of the same input. A rule's refusal at `ctx`, at `policy`
// or at a path that names no field of the input keeps its path.

/** What the rule throws on its next evaluation (`undefined`: it decides). */
let refusal: ZhiduError | undefined;

const ordered = defineModule({
  id: 'demo.refusal-prefix',
  title: { zh: '拒绝路径', en: 'Refusal paths' },
  params: z.strictObject({ limit: z.number().int() }),
  input: z.strictObject({
    events: z.array(z.strictObject({ subject: z.string(), at: z.string() })),
  }),
  evaluate: (input) => {
    if (refusal) throw refusal;
    return new Trace().decide({ result: input.events.length, violations: [] });
  },
});

const policy = {
  id: 'demo',
  version: '1',
  effectiveFrom: '2025-01-01',
  source: { title: '演示制度' },
  params: { limit: 1 },
};
const ctx = makeContext({ now: '2025-03-03T10:00:00+08:00' });
const events = [
  { subject: 'c1', at: '2025-03-02T10:00:00+08:00' },
  { subject: 'c1', at: '2025-03-01T10:00:00+08:00' },
];

/** The refusal of evaluating `input` when the rule throws `thrown`. */
function refused(thrown: ZhiduError | undefined, input: unknown = { events }): ZhiduError {
  refusal = thrown;
  try {
    ordered.evaluate(input as never, policy, ctx);
  } catch (e) {
    if (e instanceof ZhiduError) return e;
    throw e;
  } finally {
    refusal = undefined;
  }
  throw new Error('expected a refusal');
}

describe('a module refusal of an input field is under input', () => {
  it("puts a rule's refusal at ['events', 1, 'at'] under input, with the same code, message and details", () => {
    const e = refused(
      new ZhiduError('out_of_order', ['events', 1, 'at'], '早于上一个事件 / earlier than the event before', {
        subject: 'c1',
      }),
    );
    expect(e.code).toBe('out_of_order');
    expect(e.path).toEqual(['input', 'events', 1, 'at']);
    expect(e.message).toBe('早于上一个事件 / earlier than the event before (at input.events[1].at)');
    expect(e.details).toEqual({ subject: 'c1' });
  });

  it('gives a schema refusal of the same input the same prefix', () => {
    const e = refused(undefined, { events: [{ subjct: 'c1', at: '2025-03-02T10:00:00+08:00' }] });
    expect(e.code).toBe('unknown_key');
    expect(e.path[0]).toBe('input');
    expect(e.path).toEqual(['input', 'events', 0, 'subjct']);
  });

  it('leaves a rule refusal already under input as it is (no second prefix)', () => {
    const e = refused(new ZhiduError('out_of_order', ['input', 'events', 1, 'at'], '乱序 / out of order'));
    expect(e.path).toEqual(['input', 'events', 1, 'at']);
  });

  it('keeps a rule refusal at ctx or at policy', () => {
    expect(refused(new ZhiduError('invalid_input', ['ctx', 'now'], '时间 / now')).path).toEqual([
      'ctx',
      'now',
    ]);
    expect(
      refused(new ZhiduError('invalid_input', ['policy', 'params', 'limit'], '上限 / limit')).path,
    ).toEqual(['policy', 'params', 'limit']);
  });

  it('keeps a rule refusal whose path names no key of the input (an inherited name neither)', () => {
    expect(refused(new ZhiduError('invalid_input', ['attrs', 'minutes'], '缺事实 / no fact')).path).toEqual([
      'attrs',
      'minutes',
    ]);
    expect(refused(new ZhiduError('invalid_input', ['customRules', 'acme'], '规则 / rule')).path).toEqual([
      'customRules',
      'acme',
    ]);
    expect(refused(new ZhiduError('invalid_input', ['toString'], '继承 / inherited')).path).toEqual([
      'toString',
    ]);
    expect(refused(new ZhiduError('invalid_input', [], '整体 / whole')).path).toEqual([]);
  });

  it('decides as before when nothing is refused', () => {
    refusal = undefined;
    expect(ordered.evaluate({ events }, policy, ctx).value.result).toBe(2);
  });
});

describe('a field the input schema declares but the input lacks', () => {
  const optional = defineModule({
    id: 'demo.refusal-prefix-optional',
    title: { zh: '拒绝路径', en: 'Refusal paths' },
    params: z.strictObject({ limit: z.number().int() }),
    input: z.strictObject({ extra: z.record(z.string(), z.number()).optional() }),
    evaluate: (input) => {
      if (input.extra?.deposit === undefined)
        throw new ZhiduError('invalid_input', ['extra', 'deposit'], '缺少押金 / the deposit is missing');
      return new Trace().decide({ result: input.extra.deposit, violations: [] });
    },
  });

  it('is under input too, whether the input has the field or not (was bare when it was missing)', () => {
    const missing = (input: unknown) => {
      try {
        optional.evaluate(input as never, policy, ctx);
      } catch (e) {
        if (e instanceof ZhiduError) return e.path;
      }
      throw new Error('expected a refusal');
    };
    expect(missing({})).toEqual(['input', 'extra', 'deposit']);
    expect(missing({ extra: {} })).toEqual(['input', 'extra', 'deposit']);
    expect(optional.evaluate({ extra: { deposit: 5 } }, policy, ctx).value.result).toBe(5);
  });
});

describe('a calendar refusal at the calendar method’s own argument', () => {
  const dated = defineModule({
    id: 'demo.refusal-prefix-calendar',
    title: { zh: '拒绝路径', en: 'Refusal paths' },
    params: z.strictObject({ limit: z.number().int() }),
    input: z.strictObject({ date: z.string() }),
    evaluate: () => {
      // The calendar refuses a date the rule derived, at its own argument `date`.
      throw new ZhiduError('calendar_out_of_range', ['date'], '2027 年无数据 / no data for 2027');
    },
  });

  it('is at ctx.calendar even when the input has a field of the same name', () => {
    try {
      dated.evaluate({ date: '2025-03-03' }, policy, ctx);
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      expect((e as ZhiduError).path).toEqual(['ctx', 'calendar']);
      return;
    }
    throw new Error('expected a refusal');
  });
});
