import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { type EvalContext, makeContext, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainShapeDiff } from '../../test/helpers.js';
import { orderEvents, type ParsedEvent, parseEvents, type SlaEvent, type SlaEventInput } from '../events.js';
import { slaTimers } from '../modules.js';
import { asSlaPolicy, defineSlaPolicy, type SlaPolicy } from '../policy.js';
import { logistics001bPreset, propertyService004Preset, SLA_PRESETS } from '../presets/index.js';
import { type TimerDefinition, TimerDefinitionSchema } from './definition.js';
import { collectViolations, runTimers, timersOfOrdered, timersWithViolations } from './evaluate.js';
import { dueCacheLimit, dueCacheSize } from './one-pass.js';
import { runTimerPipeline, type TimerStage, timerStatesOf, timerStatesOnePass } from './pipeline.js';
import type { TimerState } from './state.js';

// Issue 21: the one-pass evaluation (`timersOnePass`) held to the built-in pipeline step by step
// (`runTimerPipeline`, the previous path, kept and used with a company's rules): the same states and
// trace, deep-equal and JSON-equal, and the same refusal.

const calendar = chinaCalendar();
const T0 = Date.parse('2024-09-27T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** The step-by-step pipeline's states and trace, or its refusal. */
function stepwise(stage: TimerStage, ctx: EvalContext, skipEvents: boolean) {
  const d = runTimerPipeline(stage, ctx, undefined, [], skipEvents);
  return { value: d.value.map((r) => r.state), trace: d.trace };
}

/** What `f` throws (undefined when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * Holds the one pass to the step-by-step pipeline on one stage: the same states and trace (deep
 * and as JSON) when the pipeline answers, every object of them the same plain object as the
 * pipeline's (prototype, constructor, own keys in order: `plainShapeDiff`, its places counted in
 * `kinds`); when it refuses, `timerStatesOf` (one pass, then the pipeline) refuses with the same
 * code, path and message.
 * @returns whether the pipeline answered
 */
function same(
  stage: () => TimerStage,
  ctx: EvalContext,
  skipEvents: boolean,
  kinds: Map<string, number> = new Map(),
): boolean {
  const refusal = thrown(() => stepwise(stage(), ctx, skipEvents));
  if (refusal !== undefined) {
    expect(refusal).toBeInstanceOf(ZhiduError);
    const e = refusal as ZhiduError;
    const got = thrown(() => timerStatesOf(stage(), ctx, undefined, [], skipEvents)) as ZhiduError;
    expect(got).toBeInstanceOf(ZhiduError);
    expect([got.code, got.path, got.message]).toEqual([e.code, e.path, e.message]);
    return false;
  }
  const want = stepwise(stage(), ctx, skipEvents);
  const { violations, ...got } = timerStatesOnePass(stage(), ctx, skipEvents);
  // The violations the one pass collects are the states' own, in state order, handed over with them
  // (not through the states array).
  expect(violations).toStrictEqual(collectViolations(want.value));
  expect(violations).toStrictEqual(collectViolations(got.value));
  expectOwnLists(got.value);
  expect(got.value).toStrictEqual(want.value);
  expect(got.trace).toStrictEqual(want.trace);
  expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  // The same plain objects, not only equal ones (issue 21: the one pass builds them by `new` on
  // functions whose prototype is Object.prototype, without a V8 allocation site).
  expect(plainShapeDiff(got.value, want.value, kinds, 'states')).toEqual([]);
  expect(plainShapeDiff(got.trace, want.trace, kinds, 'trace')).toEqual([]);
  expect(plainShapeDiff(violations, collectViolations(want.value), kinds, 'violations')).toEqual([]);
  expect(timerStatesOf(stage(), ctx, undefined, [], skipEvents)).toStrictEqual(want);
  return true;
}

/** The lists of a state the one pass leaves empty may be one shared frozen array; any other is its own. */
const LISTS = ['warningsReached', 'escalationsDue', 'violations', 'consequences', 'anomalies'] as const;

/**
 * Every non-empty list of the states is an array of that state's own, not frozen; an empty list
 * held more than once (by several states or lists) is frozen, so that adding to it throws instead of
 * reaching every state that holds it.
 */
function expectOwnLists(states: readonly TimerState[]): void {
  const seen = new Set<unknown>();
  const empty = new Set<unknown>();
  for (const state of states)
    for (const key of LISTS) {
      const list = state[key];
      expect(Array.isArray(list)).toBe(true);
      if (list.length === 0) {
        if (empty.has(list)) expect(Object.isFrozen(list)).toBe(true);
        empty.add(list);
        continue;
      }
      expect(Object.isFrozen(list)).toBe(false);
      expect(seen.has(list)).toBe(false);
      seen.add(list);
    }
}

const TYPES = [
  'open',
  'start',
  'start2',
  'stop',
  'stop2',
  'pause',
  'resume',
  'reset',
  'cancel',
  'extend',
  'limit',
];
const matcher = (types: string[]) =>
  fc.subarray(types, { minLength: 0, maxLength: Math.min(2, types.length) }).chain((ts) =>
    fc.tuple(
      ...ts.map((type) =>
        // A condition on one matcher in four.
        fc
          .oneof(
            { arbitrary: fc.constant(undefined), weight: 3 },
            { arbitrary: fc.constant([{ attribute: 'kind', equals: 'x' }]), weight: 1 },
          )
          .map((when) => ({
            type,
            ...(when === undefined ? {} : { when }),
          })),
      ),
    ),
  );
const targets = [
  { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
  { kind: 'duration', spec: { unit: 'seconds', amount: 90 } },
  { kind: 'duration', spec: { unit: 'hours', amount: 2, inclusive: false } },
  { kind: 'duration', spec: { unit: 'minutes', amount: 0.5 } },
  { kind: 'duration', spec: { unit: 'minutes', amount: 0 } },
  { kind: 'duration', spec: { unit: 'workingHours', amount: 3 } },
  { kind: 'duration', spec: { unit: 'workingDays', amount: 1, at: 'endOfDay' } },
  { kind: 'duration', spec: { unit: 'calendarDays', amount: 1 } },
  {
    kind: 'byAttribute',
    cases: [{ when: [{ attribute: 'kind', equals: 'x' }], spec: { unit: 'minutes', amount: 20 } }],
  },
  { kind: 'immediately', graceMinutes: 10 },
  { kind: 'count', attribute: 'n', max: 3 },
  { kind: 'beforeEvent', type: 'limit' },
] as const;
const latenessUnits = ['minutes', 'hours', 'blocks24h', 'calendarDays', 'workingDays', 'workingMinutes'];
const definition = (id: string) =>
  fc
    .record({
      open: matcher(['open']),
      start: matcher(['start', 'start2']).filter((m) => m.length > 0),
      startMode: fc.constantFrom('any', 'all'),
      stop: matcher(['stop', 'stop2']).filter((m) => m.length > 0),
      stopMode: fc.constantFrom('any', 'all'),
      pause: matcher(['pause']),
      resume: matcher(['resume']),
      reset: matcher(['reset']),
      cancel: matcher(['cancel']),
      extend: fc.boolean(),
      repeat: fc.boolean(),
      target: fc.constantFrom(...targets),
      severity: fc.constantFrom('hard', 'soft'),
      breach: fc.option(
        fc.record({
          unit: fc.constantFrom(...latenessUnits),
          rounding: fc.constantFrom('ceil', 'floor'),
          roles: fc.subarray(['handler', 'leader'], { minLength: 1 }),
        }),
        { nil: undefined },
      ),
      pauseCap: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      warnings: fc.subarray([{ fraction: 0.5 }, { minutesBeforeDue: 5 }]),
      escalations: fc.subarray([
        { level: 1, notify: ['leader'], when: { kind: 'atStart' } },
        { level: 2, notify: ['leader', 'gm'], when: { kind: 'fraction', fraction: 0.8 }, rule: 'ESC' },
        { level: 3, notify: ['gm'], when: { kind: 'atDue' }, clause: 'esc clause' },
        { level: 4, notify: ['board'], when: { kind: 'afterDue', minutes: 15 } },
      ]),
      consequences: fc.subarray(['transferCustomer']),
      appliesWhen: fc.oneof(
        { arbitrary: fc.constant(undefined), weight: 4 },
        { arbitrary: fc.constant([{ attribute: 'row', equals: 'A' }]), weight: 1 },
        { arbitrary: fc.constant([]), weight: 1 },
        // Plain tests (equals, exists) with and without a condition only core reads.
        {
          arbitrary: fc.constant([
            { attribute: 'row', exists: false },
            { attribute: 'kind', notIn: ['y'] },
          ]),
          weight: 1,
        },
        {
          arbitrary: fc.constant([
            { attribute: 'row', exists: true },
            { attribute: 'kind', equals: 'x' },
          ]),
          weight: 1,
        },
        {
          arbitrary: fc.constant([
            { attribute: 'n', exists: true },
            { attribute: 'n', gte: 2 },
          ]),
          weight: 1,
        },
      ),
    })
    .map((d) =>
      TimerDefinitionSchema.parse({
        id,
        rule: `R-${id}`,
        clause: `clause ${id}`,
        title: { zh: `计时${id}`, en: `timer ${id}` },
        open: d.open,
        start: d.start,
        startMode: d.startMode,
        stop: d.stop,
        stopMode: d.stopMode,
        pause: d.pause,
        resume: d.resume,
        reset: d.reset,
        cancel: d.cancel,
        extend: d.extend ? [{ type: 'extend', attribute: 'newDue' }] : [],
        repeat: d.repeat,
        target: d.target,
        severity: d.severity,
        ...(d.breach === undefined
          ? {}
          : {
              breach: {
                code: `sla.test.${id}`,
                roles: d.breach.roles,
                lateness: { unit: d.breach.unit, rounding: d.breach.rounding },
              },
            }),
        ...(d.pauseCap === undefined ? {} : { pauseCap: { maxMinutes: d.pauseCap } }),
        warnings: d.warnings,
        escalations: d.escalations,
        consequences: d.consequences,
        ...(d.appliesWhen === undefined ? {} : { appliesWhen: d.appliesWhen }),
      }),
    );
const log = fc
  .array(
    fc.record({
      // Starts and stops more often than the rest, so most subjects start a cycle or two.
      type: fc.constantFrom(...TYPES, 'start', 'start', 'stop', 'stop', 'start2', 'stop2'),
      subject: fc.constantFrom('a', 'b', 'c'),
      minute: fc.integer({ min: 0, max: 3_000 }),
      kind: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
      row: fc.option(fc.constantFrom('A', 'B', null), { nil: undefined }),
      n: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      handler: fc.option(fc.constantFrom('u1', 'u2'), { nil: undefined }),
    }),
    { minLength: 4, maxLength: 30, size: 'medium' },
  )
  .map((es) =>
    parseEvents(
      es
        .sort((a, b) => a.minute - b.minute)
        .map((e): SlaEventInput => {
          const attributes: Record<string, string | number | null> = {};
          if (e.kind !== undefined) attributes.kind = e.kind;
          if (e.row !== undefined) attributes.row = e.row;
          if (e.n !== undefined) attributes.n = e.n;
          if (e.type === 'extend') attributes.newDue = at(e.minute + 45);
          return {
            type: e.type,
            subject: e.subject,
            at: at(e.minute),
            ...(Object.keys(attributes).length === 0 ? {} : { attributes }),
            ...(e.handler === undefined ? {} : { assignees: { handler: e.handler } }),
          };
        }),
    ),
  );

describe('one-pass timer evaluation held to the step-by-step pipeline (issue 21)', () => {
  it('property: random timers and logs of several subjects give the same states and trace (seeded)', () => {
    let answered = 0;
    let started = 0;
    let breached = 0;
    fc.assert(
      fc.property(
        fc.tuple(definition('t1'), definition('t2'), definition('t3')),
        log,
        fc.integer({ min: 0, max: 3_200 }),
        fc.constantFrom('Asia/Shanghai', 'Europe/Berlin'),
        (defs, events, now, zone) => {
          const ctx = makeContext({ now: at(now), zone, calendar });
          const stage = (): TimerStage => ({ events: [...events], definitions: [...defs], runs: [] });
          if (same(stage, ctx, true)) answered++;
          const states = stepwise(stage(), ctx, true).value;
          started += states.filter((s) => s.startedAt !== undefined).length;
          breached += states.filter((s) => s.status === 'breached').length;
        },
      ),
      { seed: 2121, numRuns: 400 },
    );
    expect(answered).toBe(400);
    expect(started).toBeGreaterThan(600);
    expect(breached).toBeGreaterThan(150);
  });

  it('property: every object of the one pass’s answer is the plain object the step pipeline builds — prototype, constructor, own keys in order (seeded)', () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.tuple(definition('t1'), definition('t2')),
        log,
        fc.integer({ min: 0, max: 3_200 }),
        (defs, events, now) => {
          const ctx = makeContext({ now: at(now), calendar });
          same(() => ({ events: [...events], definitions: [...defs], runs: [] }), ctx, true, kinds);
        },
      ),
      { seed: 2177, numRuns: 300 },
    );
    // Every kind of object the one pass builds was reached and compared.
    for (const place of [
      'states[]',
      'states[].lateness',
      'states[].anomalies[]',
      'states[].warningsReached',
      'states[].escalationsDue[]',
      'states[].escalationsDue[].notify',
      'states[].violations[]',
      'states[].consequences',
      'trace[]',
      'trace[].message',
      'trace[].data',
      'violations[]',
      'violations[].lateBy',
      'violations[].data',
    ])
      expect([place, (kinds.get(place) ?? 0) > 20]).toEqual([place, true]);
  });

  it('every sla.timers scenario file gives the same states and trace, events step included', () => {
    const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
    const files = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(d, e.name)) : e.name.endsWith('.scenario.json') ? [join(d, e.name)] : [],
      );
    let checked = 0;
    for (const path of files(dir)) {
      const s = JSON.parse(readFileSync(path, 'utf8')) as {
        module: string;
        preset: string;
        policyPatch?: unknown;
        context: { now: string; zone?: string };
        input: { events: SlaEvent[] };
      };
      if (s.module !== 'sla.timers' || s.policyPatch !== undefined) continue;
      const preset = SLA_PRESETS[s.preset as keyof typeof SLA_PRESETS];
      if (preset === undefined) continue;
      const policy = preset() as SlaPolicy;
      const ctx = makeContext({ ...s.context, calendar });
      const events =
        thrown(() => orderEvents(s.input.events)) === undefined ? orderEvents(s.input.events) : [];
      same(
        () => ({ policy: asSlaPolicy(policy), events: [...events], definitions: [], runs: [] }),
        ctx,
        false,
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('property: a bench-like log of in-unit repairs on the 004 preset gives the same states and trace (seeded)', () => {
    const policy = asSlaPolicy(propertyService004Preset());
    const rows = policy.params.timers.map(
      (t) => (t.appliesWhen?.[0] as { equals?: string } | undefined)?.equals,
    );
    const known = [...new Set(rows.filter((r): r is string => typeof r === 'string'))];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            row: fc.constantFrom(...known),
            start: fc.integer({ min: 0, max: 60 * 24 * 6 }),
            arrive: fc.integer({ min: 0, max: 120 }),
            complete: fc.option(fc.integer({ min: 0, max: 60 * 24 * 3 }), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 60 * 24 * 8 }),
        (repairs, now) => {
          const events = orderEvents(
            repairs
              .flatMap((r, i): SlaEvent[] => [
                { type: 'request', subject: `r${i}`, at: at(r.start), attributes: { row: r.row } },
                { type: 'arrive', subject: `r${i}`, at: at(r.start + r.arrive) },
                ...(r.complete === undefined
                  ? []
                  : [{ type: 'complete', subject: `r${i}`, at: at(r.start + r.arrive + r.complete) }]),
              ])
              .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
          );
          const ctx = makeContext({ now: at(now), calendar });
          same(() => ({ policy, events: [...events], definitions: [], runs: [] }), ctx, false);
        },
      ),
      { seed: 2104, numRuns: 60 },
    );
  });

  it('the bench’s own log (2,000 repairs, 3,500 states) gives the same module decision, provenance included', () => {
    const policy = propertyService004Preset();
    const rows = ['T5-03', 'T5-13', 'T5-09', 'T4-07'];
    const events = Array.from({ length: 2_000 }, (_, i) => {
      const t0 = Date.parse('2024-03-04T01:00:00Z') + i * 60_000;
      return [
        {
          type: 'request',
          subject: `r${i}`,
          at: new Date(t0).toISOString(),
          attributes: { row: rows[i % rows.length] ?? 'T5-03' },
        },
        { type: 'arrive', subject: `r${i}`, at: new Date(t0 + 20 * 60_000).toISOString() },
        { type: 'complete', subject: `r${i}`, at: new Date(t0 + 50 * 60_000).toISOString() },
      ];
    })
      .flat()
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const ctx = makeContext({ now: '2024-03-10T00:00:00+08:00', calendar });
    const parsed: ParsedEvent[] = orderEvents(events);
    expect(
      same(
        () => ({ policy: asSlaPolicy(policy), events: [...parsed], definitions: [], runs: [] }),
        ctx,
        false,
      ),
    ).toBe(true);
    const d = slaTimers.evaluate({ events }, policy, ctx);
    expect(d.value.result).toHaveLength(3_500);
    const want = stepwise(
      { policy: asSlaPolicy(policy), events: [...parsed], definitions: [], runs: [] },
      ctx,
      false,
    );
    expect(d.value.result).toStrictEqual(want.value);
    expect(JSON.stringify(d.trace)).toBe(JSON.stringify(want.trace));
  });

  it('the module-level due-time caches hold at most their limit together, and answers stay the same past it', () => {
    const policy = propertyService004Preset();
    const rows = ['T5-03', 'T5-13', 'T5-09', 'T4-07'];
    const events = Array.from({ length: 300 }, (_, i) => {
      const t0 = Date.parse('2024-03-04T01:00:00Z') + i * 60_000;
      return [
        {
          type: 'request',
          subject: `r${i}`,
          at: new Date(t0).toISOString(),
          attributes: { row: rows[i % 4] ?? 'T5-03' },
        },
        { type: 'arrive', subject: `r${i}`, at: new Date(t0 + 20 * 60_000).toISOString() },
      ];
    })
      .flat()
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const parsed: ParsedEvent[] = orderEvents(events);
    const limit = dueCacheLimit.held;
    dueCacheLimit.held = 100;
    try {
      // A zone no other test reads comes first, so the caches take new entries (and start again) at once.
      for (const zone of ['Asia/Kathmandu', 'Asia/Shanghai', 'Asia/Kathmandu']) {
        const ctx = makeContext({ now: '2024-03-10T00:00:00+08:00', zone, calendar });
        const d = slaTimers.evaluate({ events }, policy, ctx);
        const want = stepwise(
          { policy: asSlaPolicy(policy), events: [...parsed], definitions: [], runs: [] },
          ctx,
          false,
        );
        expect(d.value.result.length).toBeGreaterThan(300);
        expect(d.value.result).toStrictEqual(want.value);
        expect(JSON.stringify(d.trace)).toBe(JSON.stringify(want.trace));
        expect(dueCacheSize()).toBeLessThanOrEqual(100);
      }
    } finally {
      dueCacheLimit.held = limit;
    }
  });

  it('cycles started at one instant, with and without paused time or an extension, in any order and across evaluations, keep their own due times', () => {
    // The one pass remembers the due time of a never-paused, never-extended cycle by its start
    // instant (per zone and target length): a paused or extended cycle started at that instant must
    // not take it, before or after it was remembered.
    const def = TimerDefinitionSchema.parse({
      id: 'shared-start',
      rule: 'R-shared',
      clause: 'c',
      title: { zh: '同刻开始', en: 'same start' },
      start: [{ type: 'start' }],
      stop: [{ type: 'stop' }],
      pause: [{ type: 'pause' }],
      resume: [{ type: 'resume' }],
      extend: [{ type: 'extend', attribute: 'newDue' }],
      target: { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
      breach: {
        code: 'sla.test.shared',
        roles: ['handler'],
        lateness: { unit: 'minutes', rounding: 'ceil' },
      },
    });
    const plain = (s: string) => [
      { type: 'start', subject: s, at: at(5_000), assignees: { handler: 'u1' } },
      { type: 'stop', subject: s, at: at(5_040) },
    ];
    const paused = (s: string) => [
      { type: 'start', subject: s, at: at(5_000), assignees: { handler: 'u2' } },
      { type: 'pause', subject: s, at: at(5_005) },
      { type: 'resume', subject: s, at: at(5_025) },
      { type: 'stop', subject: s, at: at(5_040) },
    ];
    const extended = (s: string) => [
      { type: 'start', subject: s, at: at(5_000), assignees: { handler: 'u3' } },
      { type: 'extend', subject: s, at: at(5_010), attributes: { newDue: at(5_060) } },
      { type: 'stop', subject: s, at: at(5_040) },
    ];
    const dueOf = (states: readonly TimerState[], subject: string) =>
      states.find((x) => x.subject === subject)?.dueAt;
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'Asia/Shanghai'])
      for (const order of [
        ['plain', 'paused', 'extended'],
        ['paused', 'extended', 'plain'],
        ['extended', 'plain', 'paused'],
      ]) {
        const events = parseEvents(
          order
            .flatMap((kind) =>
              kind === 'plain' ? plain(kind) : kind === 'paused' ? paused(kind) : extended(kind),
            )
            .sort((x, y) => Date.parse(x.at) - Date.parse(y.at)),
        );
        const ctx = makeContext({ now: at(5_100), zone, calendar });
        expect(same(() => ({ events: [...events], definitions: [def], runs: [] }), ctx, true)).toBe(true);
        const got = timerStatesOnePass(
          { events: [...events], definitions: [def], runs: [] },
          ctx,
          true,
        ).value;
        expect([dueOf(got, 'plain'), dueOf(got, 'paused'), dueOf(got, 'extended')]).toEqual([
          at(5_030),
          at(5_050),
          at(5_060),
        ]);
      }
  });

  it('hands its violations over with the states it returns, not through the states array; the module’s are its result’s, with a breach kept as reported or not', () => {
    // A breach reported before a late record stays (keepReportedBreaches): the kept state is the
    // earlier reading's, with the violation it charged, while the final reading (met) charges none.
    const def = TimerDefinitionSchema.parse({
      id: 'onsite',
      rule: 'R-onsite',
      clause: 'c',
      title: { zh: '上门', en: 'on site' },
      start: [{ type: 'request' }],
      stop: [{ type: 'arrive' }],
      target: { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
      breach: {
        code: 'sla.test.onsite',
        roles: ['technician'],
        lateness: { unit: 'minutes', rounding: 'ceil' },
      },
    });
    const policy = defineSlaPolicy({
      id: 'test.one-pass.violations',
      version: '1',
      effectiveFrom: '2024-01-01',
      zone: 'Asia/Shanghai',
      source: { title: '测试' },
      params: { timers: [def] },
    });
    const log = (lateRecord: boolean): SlaEvent[] => [
      { type: 'request', subject: 'r1', at: at(0), assignees: { technician: 'u1' } },
      { type: 'request', subject: 'r2', at: at(1), assignees: { technician: 'u2' } },
      {
        type: 'arrive',
        subject: 'r1',
        at: at(20),
        ...(lateRecord ? { recordedAt: at(300) } : {}),
      },
      { type: 'arrive', subject: 'r2', at: at(90) },
    ];
    const ctx = makeContext({ now: at(600), calendar });
    const charged = (states: readonly TimerState[]) =>
      states.flatMap((x) => x.violations.map((v) => `${v.personId} ${x.status} ${x.reportedAt ?? '-'}`));
    for (const lateRecord of [false, true]) {
      const events = log(lateRecord);
      const d = slaTimers.evaluate({ events }, policy, ctx);
      expect(d.value.violations).toStrictEqual(collectViolations(d.value.result));
      expect(charged(d.value.result)).toEqual(
        lateRecord ? ['u1 breached 2024-09-27T05:59:59.999Z', 'u2 breached -'] : ['u2 breached -'],
      );
      const parsed = orderEvents(events);
      const r = timersWithViolations(parsed, asSlaPolicy(policy), ctx);
      expect(r.violations).toStrictEqual(collectViolations(r.value));
      // The public decision is the states and trace alone.
      const plain = timersOfOrdered(parsed, asSlaPolicy(policy), ctx);
      expect(Object.keys(plain)).toEqual(['value', 'trace']);
      expect(plain).toStrictEqual({ value: r.value, trace: r.trace });
    }
    // The one pass's own reading: its violations come with its states, whatever is done to the
    // states array afterwards.
    const stage = (): TimerStage => ({ events: orderEvents(log(false)), definitions: [def], runs: [] });
    const got = timerStatesOnePass(stage(), ctx, true);
    const want = collectViolations(got.value);
    expect(want).toHaveLength(1);
    expect(got.violations).toStrictEqual(want);
    got.value.reverse();
    got.value.push(...timerStatesOnePass(stage(), ctx, true).value);
    expect(got.violations).toStrictEqual(want);
  });

  it('a malformed clock target is refused as the pipeline refuses it, on the first cycle that reaches it', () => {
    const base = TimerDefinitionSchema.parse({
      id: 'bad',
      rule: 'R',
      clause: 'c',
      title: { zh: '坏', en: 'bad' },
      start: [{ type: 'start' }],
      stop: [{ type: 'stop' }],
      target: { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
    });
    const events = parseEvents([
      { type: 'start', subject: 'a', at: at(0) },
      { type: 'stop', subject: 'a', at: at(40) },
    ]);
    const ctx = makeContext({ now: at(60), calendar });
    for (const spec of [
      { unit: 'minutes', amount: -5 },
      { unit: 'minutes', amount: Number.NaN },
      { unit: 'hours' },
      { unit: 'minutes', amount: 30, bogus: 1 },
      { unit: 'minutes', amount: 1e20 },
    ]) {
      const def = { ...base, target: { kind: 'duration', spec } } as unknown as TimerDefinition;
      const answered = same(() => ({ events: [...events], definitions: [def], runs: [] }), ctx, true);
      if (spec.amount !== 1e20) expect(answered).toBe(false);
    }
  });

  it('a late clock cycle’s violations: assigned, unassigned and inherited-name roles, as the violation step writes them', () => {
    const events = parseEvents([
      { type: 'start', subject: 'a', at: at(0), assignees: { handler: 'u1' } },
      { type: 'stop', subject: 'a', at: at(40) },
      { type: 'start', subject: 'b', at: at(5) },
    ]);
    const ctx = makeContext({ now: at(90), calendar });
    const kinds = new Map<string, number>();
    let answered = 0;
    for (const roles of [['handler'], ['leader', 'handler'], ['constructor'], ['toString', 'handler']])
      for (const unit of ['minutes', 'hours', 'blocks24h', 'calendarDays']) {
        const def = TimerDefinitionSchema.parse({
          id: 'late',
          rule: 'R',
          clause: 'c',
          title: { zh: '迟', en: 'late' },
          start: [{ type: 'start' }],
          stop: [{ type: 'stop' }],
          target: { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
          breach: { code: 'sla.test.late', roles, lateness: { unit } },
        });
        if (same(() => ({ events: [...events], definitions: [def], runs: [] }), ctx, true, kinds)) answered++;
      }
    // Names of Object.prototype members (`constructor`, `toString`) are ordinary roles: unassigned,
    // their violations go to `role:<name>` on both paths (the step refused them, reading a function).
    expect(answered).toBe(16);
    expect(kinds.get('violations[]') ?? 0).toBeGreaterThan(4);
    expect(kinds.get('states[].anomalies[]') ?? 0).toBeGreaterThan(2);
  });

  it('draws nothing from the context’s rng, on the one pass, its fallback to the pipeline or the module', () => {
    // A refusal the one pass leaves to the pipeline runs the timers twice: neither run may draw.
    const fresh = () => makeContext({ now: at(60), calendar, seed: 'sla-timers' });
    const drawn = (ctx: EvalContext) => [ctx.rng?.next(), ctx.rng?.next()];
    const want = drawn(fresh());
    expect(want.every((x) => typeof x === 'number')).toBe(true);
    const def = TimerDefinitionSchema.parse({
      id: 'bad',
      rule: 'R',
      clause: 'c',
      title: { zh: '坏', en: 'bad' },
      start: [{ type: 'start' }],
      stop: [{ type: 'stop' }],
      target: { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
    });
    const events = parseEvents([
      { type: 'start', subject: 'a', at: at(0) },
      { type: 'stop', subject: 'a', at: at(40) },
    ]);
    const bad = { ...def, target: { kind: 'duration', spec: { unit: 'minutes', amount: -5 } } };
    for (const definition of [def, bad as unknown as TimerDefinition]) {
      const ctx = fresh();
      thrown(() =>
        timerStatesOf({ events: [...events], definitions: [definition], runs: [] }, ctx, undefined, [], true),
      );
      expect(drawn(ctx)).toEqual(want);
    }
    const policy = propertyService004Preset();
    for (const log of [
      [{ type: 'request', subject: 'r', at: at(0), attributes: { row: 'T5-03' } }],
      [{ type: 'request', subject: 'r', at: 'not an instant' }],
    ]) {
      const ctx = fresh();
      thrown(() => slaTimers.evaluate({ events: log }, policy, ctx));
      expect(drawn(ctx)).toEqual(want);
    }
  });

  it('every preset’s timers on a log of their own start and stop events give the same states and trace', () => {
    for (const name of Object.keys(SLA_PRESETS) as (keyof typeof SLA_PRESETS)[]) {
      const policy = asSlaPolicy(SLA_PRESETS[name]() as SlaPolicy);
      const events: SlaEvent[] = [];
      policy.params.timers.forEach((t, i) => {
        const attributes: Record<string, string> = {};
        for (const c of t.appliesWhen ?? [])
          if ('attribute' in c && typeof c.attribute === 'string' && typeof c.equals === 'string')
            attributes[c.attribute] = c.equals;
        const start = t.start[0]?.type;
        const stop = t.stop[0]?.type;
        if (start === undefined || stop === undefined) return;
        const first = Date.parse(policy.effectiveFrom) + 86_400_000 * 40 + i * 7 * 60_000;
        events.push({ type: start, subject: `s${i}`, at: new Date(first).toISOString(), attributes });
        events.push({
          type: stop,
          subject: `s${i}`,
          at: new Date(first + (i % 5) * 3_600_000 * 7 + 60_000).toISOString(),
        });
      });
      const ordered = thrown(() => orderEvents(events)) === undefined ? orderEvents(events) : [];
      const now = new Date(Date.parse(policy.effectiveFrom) + 86_400_000 * 60).toISOString();
      const ctx = makeContext({ now, calendar });
      same(() => ({ policy, events: [...ordered], definitions: [], runs: [] }), ctx, false);
    }
  });
});

describe('one pass: a condition with a hidden test key is judged by its general test for every subject (issue 21)', () => {
  it('runTimers with a caller-built definition whose appliesWhen carries a non-enumerable `in` gives the pipeline’s states', () => {
    const ctx = makeContext({ now: '2024-05-10T12:00:00+08:00' });
    const definitions = () => {
      const def = structuredClone(logistics001bPreset().params.timers[0]) as TimerDefinition;
      const cond: Record<string, unknown> = { attribute: 'grade', equals: 'A' };
      // Never holds together with `equals: 'A'`: no subject may start the timer.
      Object.defineProperty(cond, 'in', { value: ['B'], enumerable: false });
      def.appliesWhen = [cond as never];
      return [def];
    };
    const events = parseEvents([
      { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00', attributes: { grade: 'A' } },
      { type: 'received', subject: 'c2', at: '2024-05-10T09:46:00+08:00', attributes: { grade: 'A' } },
    ]);
    const states = (d: { value: TimerState[] }) => d.value.map((t) => [t.subject, t.timerId, t.status]);
    const onePass = runTimers(events, definitions(), ctx);
    const pipeline = timerStatesOf(
      { events: [...events], definitions: definitions(), runs: [] } as never,
      ctx,
      [],
      [],
      true,
    );
    expect(states(onePass)).toEqual(states(pipeline));
    expect(states(onePass)).toEqual([]);
  });
});
