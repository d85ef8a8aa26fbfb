import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, parseInput, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainShapeDiff } from '../test/helpers.js';
import { orderEvents, SlaEventSchema } from './events.js';
import { readTimerEventsFast } from './fast-events.js';
import { slaTimers, slaTimersWith } from './modules.js';
import { propertyService004Preset } from './presets/index.js';

// Issue 21: the sla.timers module's one-pass input path (readTimerEventsFast), held to the general
// path it stands in for — zod's parse of the input, core's order check and orderEvents — on good
// logs (the same decision, trace and provenance) and on bad ones (it steps aside, and the refusal
// is the general path's: code, path and message).

const calendar = chinaCalendar();
const ctx = makeContext({ now: '2024-03-06T00:00:00+08:00', calendar });
const policy = propertyService004Preset();
/** The same module without the fast path: a company rule list (empty) turns it off. */
const general = slaTimersWith({ customRules: [] });
const InputSchema = z.strictObject({ events: z.array(SlaEventSchema) });

const T0 = Date.parse('2024-03-04T01:00:00Z');
const ROWS = ['T5-03', 'T5-13', 'T5-09', 'T4-07'];

/** A well-formed log of a few repair subjects (request, arrive, complete), in time order per subject. */
const logArb = fc
  .array(
    fc.record({
      row: fc.constantFrom(...ROWS),
      steps: fc.array(
        fc.record({
          type: fc.constantFrom('request', 'arrive', 'complete'),
          gap: fc.integer({ min: 0, max: 90 }),
          form: fc.constantFrom('iso', 'offset', 'number'),
          late: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: undefined }),
          id: fc.boolean(),
          actor: fc.option(fc.constantFrom('p1', 'p2'), { nil: undefined }),
          assignee: fc.option(fc.constantFrom('u1', 'u2'), { nil: undefined }),
          extra: fc.option(
            fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.array(fc.constantFrom('a', 'b'))),
            { nil: undefined },
          ),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      offset: fc.integer({ min: 0, max: 300 }),
    }),
    { minLength: 0, maxLength: 6 },
  )
  .map((subjects) => {
    const events: Record<string, unknown>[] = [];
    subjects.forEach((s, i) => {
      let t = T0 + s.offset * 60_000;
      s.steps.forEach((step, j) => {
        t += step.gap * 60_000;
        const at =
          step.form === 'number'
            ? t
            : step.form === 'offset'
              ? new Date(t + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00')
              : new Date(t).toISOString();
        const e: Record<string, unknown> = {};
        if (step.id) e.id = `e${i}-${j}`;
        e.type = step.type;
        e.subject = `r${i}`;
        e.at = at;
        if (step.late !== undefined) e.recordedAt = new Date(t + step.late * 60_000).toISOString();
        if (step.actor !== undefined) e.actor = { personId: step.actor, role: 'technician' };
        if (j === 0)
          e.attributes = { row: s.row, ...(step.extra === undefined ? {} : { extra: step.extra }) };
        if (step.assignee !== undefined) e.assignees = { technician: step.assignee };
        events.push(e);
      });
    });
    // Subjects interleaved by time (a stable sort keeps each subject's own order).
    return events.sort((a, b) => ms(a.at) - ms(b.at));
  });

function ms(at: unknown): number {
  return typeof at === 'number' ? at : Date.parse(at as string);
}

/** The refusal of an evaluation, or undefined when it decides. */
function refusal(
  run: () => unknown,
): { code: string; path: readonly unknown[]; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (!(e instanceof ZhiduError)) throw e;
    return { code: e.code, path: e.path, message: e.message };
  }
}

/** Both paths on one input: equal decisions (JSON too), or equal refusals. */
function expectSameOutcome(input: unknown): void {
  const refusedFast = refusal(() => slaTimers.evaluate(input as never, policy, ctx));
  const refusedGeneral = refusal(() => general.evaluate(input as never, policy, ctx));
  expect(refusedFast).toEqual(refusedGeneral);
  if (refusedFast !== undefined) return;
  const a = slaTimers.evaluate(input as never, policy, ctx);
  const b = general.evaluate(input as never, policy, ctx);
  expect(a).toEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
}

describe('sla.timers one-pass input path (issue 21)', () => {
  it('property: a well-formed log gives the events the general path parses and orders, field for field and key for key (seeded)', () => {
    // Each parsed event is the plain object the general path builds (prototype, constructor, own
    // keys in order), with and without attributes, assignees, an id, a record time or an actor.
    const kinds = new Map<string, number>();
    let plain = 0;
    fc.assert(
      fc.property(logArb, (log) => {
        // The log as drawn, and without ids, record times and actors (each event read whole).
        const bare = log.map(({ id: _i, recordedAt: _r, actor: _a, ...rest }) => rest);
        for (const events of [log, bare]) {
          const fast = readTimerEventsFast({ events });
          const parsed = parseInput(InputSchema, { events }, ['input']).events;
          const slow = orderEvents(parsed);
          expect(fast).toEqual(slow);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
          expect(plainShapeDiff(fast, slow, kinds, 'events')).toEqual([]);
          plain += (fast ?? []).filter((e) => !('id' in e || 'recordedAt' in e || 'actor' in e)).length;
        }
      }),
      { seed: 2141, numRuns: 150 },
    );
    expect(plain).toBeGreaterThan(100);
    for (const place of ['events[]', 'events[].attributes', 'events[].assignees', 'events[].actor'])
      expect([place, (kinds.get(place) ?? 0) > 20]).toEqual([place, true]);
  });

  it('property: the module’s decision on a well-formed log is the general path’s, trace and provenance included (seeded)', () => {
    fc.assert(
      fc.property(logArb, (events) => {
        const a = slaTimers.evaluate({ events } as never, policy, ctx);
        const b = general.evaluate({ events } as never, policy, ctx);
        expect(a.value.result.length).toBe(b.value.result.length);
        expect(a).toEqual(b);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
        expect(plainShapeDiff(a, b)).toEqual([]);
      }),
      { seed: 2142, numRuns: 80 },
    );
  });

  it('property: one field of a log replaced by anything, dropped or added gives the general path’s decision or its very refusal (seeded)', () => {
    const keys = ['id', 'type', 'subject', 'at', 'recordedAt', 'actor', 'attributes', 'assignees', 'other'];
    fc.assert(
      fc.property(
        logArb.filter((l) => l.length > 0),
        fc.nat(),
        fc.constantFrom(...keys),
        fc.oneof(
          fc.constant(undefined),
          fc.anything(),
          fc.constantFrom('', 'x', 'yesterday', '2024-13-01T00:00:00Z', 1.5, -1, Number.NaN, [], {}),
          fc.constantFrom({ personId: 'p' }, { personId: '' }, { row: ['a', 1] }, { row: Infinity }),
        ),
        fc.boolean(),
        (events, pick, key, value, drop) => {
          const log = events.map((e) => ({ ...e }));
          const target = log[pick % log.length] as Record<string, unknown>;
          if (drop) delete target[key];
          else target[key] = value;
          expectSameOutcome({ events: log });
        },
      ),
      { seed: 2143, numRuns: 250 },
    );
  });

  it('bad inputs: the fast path steps aside and the refusal is the general path’s (code, path, message)', () => {
    const good = {
      type: 'request',
      subject: 'r1',
      at: '2024-03-04T01:00:00.000Z',
      attributes: { row: 'T5-03' },
    };
    const later = { type: 'complete', subject: 'r1', at: '2024-03-04T02:00:00.000Z' };
    const withSymbol = { ...good, attributes: { row: 'T5-03', [Symbol('k')]: 'x' } };
    const inherited = Object.create({ type: 'request' }) as Record<string, unknown>;
    Object.assign(inherited, { subject: 'r1', at: '2024-03-04T01:00:00.000Z' });
    class Event {
      type = 'request';
      subject = 'r1';
      at = '2024-03-04T01:00:00.000Z';
    }
    const huge = Array.from({ length: 50_000 }, (_, i) => ({
      type: 'request',
      subject: `s${i}`,
      at: new Date(T0 + i * 1_000).toISOString(),
    }));
    huge[49_999] = { type: 'request', subject: 's1', at: 'noon' };
    const cases: [string, unknown, string][] = [
      ['input not an object', 'events', 'invalid_input'],
      ['input an array', [good], 'invalid_input'],
      ['events missing', {}, 'invalid_input'],
      ['unknown input key', { events: [good], evnts: [] }, 'unknown_key'],
      ['events not an array', { events: good }, 'invalid_input'],
      ['event not an object', { events: [good, 'x'] }, 'invalid_input'],
      ['type missing', { events: [{ subject: 'r1', at: good.at }] }, 'invalid_input'],
      ['type a number', { events: [{ ...good, type: 7 }] }, 'invalid_input'],
      ['empty subject', { events: [{ ...good, subject: '' }] }, 'invalid_input'],
      ['empty id', { events: [{ ...good, id: '' }] }, 'invalid_input'],
      ['unknown event key', { events: [{ ...good, when: good.at }] }, 'unknown_key'],
      ['bad instant', { events: [{ ...good, at: '2024-02-30T01:00:00Z' }] }, 'invalid_instant'],
      ['instant without offset', { events: [{ ...good, at: '2024-03-04 09:00' }] }, 'invalid_instant'],
      ['instant a boolean', { events: [{ ...good, at: true }] }, 'invalid_input'],
      ['recordedAt bad', { events: [{ ...good, recordedAt: 'soon' }] }, 'invalid_instant'],
      [
        'recorded before it happened',
        { events: [{ ...good, recordedAt: '2024-03-04T00:00:00.000Z' }] },
        'invalid_input',
      ],
      ['attribute an object', { events: [{ ...good, attributes: { row: { a: 1 } } }] }, 'invalid_input'],
      ['attribute not finite', { events: [{ ...good, attributes: { row: Infinity } }] }, 'invalid_input'],
      [
        'attribute list with a number',
        { events: [{ ...good, attributes: { row: ['a', 2] } }] },
        'invalid_input',
      ],
      ['assignee empty', { events: [{ ...good, assignees: { technician: '' } }] }, 'invalid_input'],
      ['actor without personId', { events: [{ ...good, actor: { role: 'x' } }] }, 'invalid_input'],
      [
        'actor with an unknown key',
        { events: [{ ...good, actor: { personId: 'p', team: 'x' } }] },
        'unknown_key',
      ],
      ['out of order', { events: [later, good] }, 'out_of_order'],
      ['unknown event type', { events: [{ ...good, type: 'requets' }] }, 'invalid_input'],
      ['a bad event at the end of a 50,000-event log', { events: huge }, 'invalid_instant'],
    ];
    for (const [name, input, code] of cases) {
      const fast = refusal(() => slaTimers.evaluate(input as never, policy, ctx));
      const slow = refusal(() => general.evaluate(input as never, policy, ctx));
      expect(fast, name).toBeDefined();
      expect(fast?.code, name).toBe(code);
      expect(fast, name).toEqual(slow);
      expect(fast?.path[fast.path.length - 1], name).not.toBeUndefined();
      // Shapes the fast path cannot vouch for: it steps aside (the rule's own refusal comes later).
      if (name !== 'unknown event type') expect(readTimerEventsFast(input), name).toBeUndefined();
    }
    // Attributes with a symbol key (not data, on either path): read by the fast path, the same decision.
    expect(readTimerEventsFast({ events: [withSymbol] })).toBeDefined();
    expectSameOutcome({ events: [withSymbol] });
    expect(readTimerEventsFast({ events: [withSymbol] })).toEqual(
      readTimerEventsFast({ events: [{ ...good, attributes: { row: 'T5-03' } }] }),
    );
    // Inputs zod accepts but the fast path does not read: stepped aside, decided the general way.
    for (const input of [
      { events: [new Event()] },
      { events: [inherited] },
      { events: [{ ...good, id: undefined }] },
    ]) {
      expect(readTimerEventsFast(input)).toBeUndefined();
      expectSameOutcome(input);
    }
    // Symbol keys on the input or an event: whatever the general path makes of them, so does the module.
    expectSameOutcome({ events: [{ ...good, [Symbol('k')]: 'x' }] });
    expectSameOutcome({ events: [good], [Symbol('k')]: 'x' });
  });

  it('a log out of a subject’s order: the fast path stops at that event, reading no later one (the module reads the input as the general path alone does)', () => {
    // Event 1 is before its subject’s event 0; event 2 (another subject) counts the readings of its
    // fields. The fast path steps aside at event 1, as before issue 21's third round, so the module
    // reads event 2 exactly as often as the general path alone, and a stateful input gets the same
    // decision.
    const counted = () => {
      const reads = { n: 0 };
      const later = {
        type: 'request',
        subject: 's-b',
        get at() {
          reads.n++;
          return '2024-03-04T09:00:00+08:00';
        },
        attributes: { row: 'T5-03' },
      };
      const input = {
        events: [
          { type: 'request', subject: 's-a', at: '2024-03-04T10:00:00+08:00', attributes: { row: 'T5-03' } },
          { type: 'complete', subject: 's-a', at: '2024-03-04T09:30:00+08:00' },
          later,
        ],
      };
      return { input, reads };
    };
    const direct = counted();
    expect(readTimerEventsFast(direct.input)).toBeUndefined();
    expect(direct.reads.n).toBe(0);
    const viaModule = counted();
    const viaGeneral = counted();
    const refusal = thrownBy(() => slaTimers.evaluate(viaModule.input, policy, ctx));
    const want = thrownBy(() => general.evaluate(viaGeneral.input, policy, ctx));
    expect(want).toBeInstanceOf(ZhiduError);
    expect(refusal).toBeInstanceOf(ZhiduError);
    expect([
      (refusal as ZhiduError).code,
      (refusal as ZhiduError).path,
      (refusal as ZhiduError).message,
    ]).toEqual([(want as ZhiduError).code, (want as ZhiduError).path, (want as ZhiduError).message]);
    expect(viaModule.reads.n).toBe(viaGeneral.reads.n);
    // Out of time order across subjects only: every event read, ordered as the general path orders them.
    const across = {
      events: [
        { type: 'request', subject: 's-a', at: '2024-03-04T10:00:00+08:00', attributes: { row: 'T5-03' } },
        { type: 'request', subject: 's-b', at: '2024-03-04T09:00:00+08:00', attributes: { row: 'T5-03' } },
        { type: 'complete', subject: 's-a', at: '2024-03-04T11:00:00+08:00' },
      ],
    };
    expect(readTimerEventsFast(across)).toEqual(
      orderEvents(parseInput(InputSchema, across, ['input']).events),
    );
  });

  it('a 50,000-event well-formed log is read in one pass into the general path’s events', () => {
    const events = Array.from({ length: 50_000 }, (_, i) => ({
      type: i % 2 === 0 ? 'request' : 'complete',
      subject: `s${i >> 1}`,
      at: new Date(T0 + i * 1_000).toISOString(),
      ...(i % 2 === 0 ? { attributes: { row: ROWS[i % 4] as string } } : {}),
    }));
    const fast = readTimerEventsFast({ events });
    expect(fast?.length).toBe(50_000);
    expect(fast?.[49_999]).toEqual({ ...events[49_999], ms: T0 + 49_999_000, index: 49_999 });
    expect(fast).toEqual(orderEvents(parseInput(InputSchema, { events }, ['input']).events));
  });
});

/** What `f` throws (undefined when it returns). */
function thrownBy(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('sla.timers input path: hidden keys and a record’s constructor are read as zod reads them (issue 21)', () => {
  const reference = (input: unknown) => {
    try {
      return JSON.stringify(orderEvents(parseInput(InputSchema, input, ['input']).events));
    } catch (e) {
      if (!(e instanceof ZhiduError)) throw e;
      return `refused ${e.code} ${JSON.stringify(e.path)}`;
    }
  };
  const fast = (input: unknown) => {
    const read = readTimerEventsFast(input);
    return read === undefined ? undefined : JSON.stringify(read.map(({ ms, index, ...e }) => e));
  };
  const hide = <T extends object>(o: T, k: string, v: unknown): T =>
    Object.defineProperty(o, k, { value: v, enumerable: false });
  const at = '2024-03-04T01:00:00.000Z';
  const cases: [string, () => unknown][] = [
    ['a hidden id', () => ({ events: [hide({ type: 'request', subject: 'r1', at }, 'id', 'x')] })],
    [
      'a hidden recordedAt before at',
      () => ({
        events: [hide({ type: 'request', subject: 'r1', at }, 'recordedAt', '2024-03-03T01:00:00Z')],
      }),
    ],
    [
      'a hidden actor role',
      () => ({
        events: [{ type: 'request', subject: 'r1', at, actor: hide({ personId: 'p' }, 'role', 'tech') }],
      }),
    ],
    [
      'a hidden actor personId beside a role',
      () => ({
        events: [{ type: 'request', subject: 'r1', at, actor: hide({ role: 'tech' }, 'personId', 'p') }],
      }),
    ],
    [
      'a hidden empty actor role',
      () => ({
        events: [{ type: 'request', subject: 'r1', at, actor: hide({ personId: 'p' }, 'role', '') }],
      }),
    ],
    [
      'attributes with a hidden class-like constructor',
      () => ({
        events: [
          {
            type: 'request',
            subject: 'r1',
            at,
            attributes: hide({ row: 'T5-03' }, 'constructor', class X {}),
          },
        ],
      }),
    ],
    [
      'assignees with a hidden function constructor',
      () => ({
        events: [{ type: 'request', subject: 'r1', at, assignees: hide({ k: 'u' }, 'constructor', () => 0) }],
      }),
    ],
  ];
  for (const [what, input] of cases) {
    it(`${what}: the reader steps aside, and the module decides or refuses as the general path does`, () => {
      // Any answer the reader gives must be the general path's (here it steps aside).
      const read = fast(input());
      if (read !== undefined) expect(read).toBe(reference(input()));
      expect(read).toBeUndefined();
      const outcome = (m: typeof slaTimers) => {
        try {
          return JSON.stringify(m.evaluate(input() as never, policy, ctx).value);
        } catch (e) {
          if (!(e instanceof ZhiduError)) throw e;
          return `refused ${e.code} ${JSON.stringify(e.path)} ${e.message}`;
        }
      };
      expect(outcome(slaTimers)).toBe(outcome(general));
    });
  }
});
