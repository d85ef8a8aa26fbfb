import { chinaCalendar } from '@zhidu/calendar-cn';
import { type DurationSpec, deadline, formatElapsed, makeContext, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Attributes, matchesAll } from '../conditions.js';
import { evaluateTimers } from '../entry-points.js';
import { orderEvents, type ParsedEvent, parseEvents, type SlaEventInput, SlaEventSchema } from '../events.js';
import { propertyService004Preset, retail000Preset } from '../presets/index.js';
import { expandRecurring } from '../recurring.js';
import { type EventMatcher, type TimerDefinition, TimerDefinitionSchema } from './definition.js';
import { type Instance, replay } from './replay.js';
import type { TimerAnomaly } from './state.js';
import { compileTarget } from './target.js';

// Issue 21: the timer paths replaced for speed, each held to the path it replaced (seeded).

const calendar = chinaCalendar();
const T0 = Date.parse('2024-09-27T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** The replay as it was before issue 21 (a closure per event), kept as the reference. */
function replayBefore(
  def: TimerDefinition,
  events: readonly ParsedEvent[],
  attributesAt: readonly Attributes[],
): Instance[] {
  const matches = (matchers: readonly EventMatcher[], event: ParsedEvent, attributes: Attributes) => {
    for (let i = 0; i < matchers.length; i++) {
      const m = matchers[i];
      if (m && m.type === event.type && matchesAll(m.when, attributes)) return i;
    }
    return -1;
  };
  const instances: Instance[] = [];
  let current: Instance | undefined;
  const fresh = (): Instance => ({
    cycle: instances.length,
    phase: 'pending',
    startMatched: new Set(),
    stopMatched: new Set(),
    pausedMs: 0,
    extensions: [],
    anomalies: [],
  });
  events.forEach((event, i) => {
    const attrs = attributesAt[i] ?? {};
    const note = (kind: TimerAnomaly['kind']) => {
      const target = current ?? fresh();
      if (!current) {
        current = target;
        instances.push(target);
      }
      target.anomalies.push({ kind, at: event.at, eventIndex: event.index, detail: event.type });
    };
    const active = current && (current.phase === 'running' || current.phase === 'paused');
    if (matches(def.cancel, event, attrs) >= 0 && current && (active || current.phase === 'pending')) {
      if (current.phase === 'paused' && current.pausedSinceMs !== undefined)
        current.pausedMs += event.ms - current.pausedSinceMs;
      current.phase = 'cancelled';
      current.stopMs = event.ms;
      current.stopAt = event.at;
      return;
    }
    if (matches(def.reset, event, attrs) >= 0) {
      if (current && active) {
        current.phase = 'running';
        current.startMs = event.ms;
        current.startAt = event.at;
        current.pausedMs = 0;
        current.pausedSinceMs = undefined;
      } else note('reset_while_not_running');
      return;
    }
    const ext = def.extend.find((x) => x.type === event.type);
    if (ext && current && active) {
      const newDue = event.attributes?.[ext.attribute];
      if (typeof newDue === 'string')
        current.extensions.push({ ms: event.ms, at: event.at, newDue, mustPrecedeDue: ext.mustPrecedeDue });
      return;
    }
    const stopIndex = matches(def.stop, event, attrs);
    if (stopIndex >= 0) {
      if (current && active) {
        current.stopMatched.add(stopIndex);
        if (def.stopMode === 'all' && current.stopMatched.size < def.stop.length) return;
        if (current.phase === 'paused' && current.pausedSinceMs !== undefined) {
          current.pausedMs += event.ms - current.pausedSinceMs;
          current.pausedSinceMs = undefined;
        }
        current.phase = 'stopped';
        current.stopMs = event.ms;
        current.stopAt = event.at;
        current.stopAttributes = attrs;
      } else if (!current || current.phase === 'pending') note('stop_before_start');
      else if (current.phase === 'stopped') note('stop_after_completion');
      return;
    }
    if (matches(def.pause, event, attrs) >= 0) {
      if (current && current.phase === 'running') {
        current.phase = 'paused';
        current.pausedSinceMs = event.ms;
      } else note('pause_while_not_running');
      return;
    }
    if (matches(def.resume, event, attrs) >= 0) {
      if (current && current.phase === 'paused' && current.pausedSinceMs !== undefined) {
        current.pausedMs += event.ms - current.pausedSinceMs;
        current.pausedSinceMs = undefined;
        current.phase = 'running';
      } else note('resume_while_not_paused');
      return;
    }
    const s = matches(def.start, event, attrs);
    if (s >= 0) {
      if (current && active) {
        note('start_while_running');
        return;
      }
      if (current && (current.phase === 'stopped' || current.phase === 'cancelled')) {
        if (!def.repeat) {
          note('start_after_completion');
          return;
        }
        current = undefined;
      }
      if (!current) {
        current = fresh();
        instances.push(current);
      }
      current.startMatched.add(s);
      if (def.startMode === 'any' || current.startMatched.size === def.start.length) {
        current.phase = 'running';
        current.startMs = event.ms;
        current.startAt = event.at;
      }
      return;
    }
    if (matches(def.open, event, attrs) >= 0 && !current) {
      current = fresh();
      instances.push(current);
    }
  });
  return instances;
}

const TYPES = ['open', 'start', 'start2', 'stop', 'stop2', 'pause', 'resume', 'reset', 'cancel', 'extend'];
const matcher = (types: string[]) =>
  fc.subarray(types, { minLength: 0, maxLength: Math.min(2, types.length) }).chain((ts) =>
    fc.tuple(
      ...ts.map((type) =>
        fc.option(fc.constant([{ attribute: 'kind', equals: 'x' }]), { nil: undefined }).map((when) => ({
          type,
          ...(when === undefined ? {} : { when }),
        })),
      ),
    ),
  );
const definition = fc
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
  })
  .map((d) =>
    TimerDefinitionSchema.parse({
      id: 't',
      rule: 'PROP',
      clause: 'property',
      title: { zh: '性质', en: 'property' },
      ...d,
      extend: d.extend ? [{ type: 'extend', attribute: 'newDue' }] : [],
      target: { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
    }),
  );
const subjectLog = fc
  .array(
    fc.record({
      type: fc.constantFrom(...TYPES),
      minute: fc.integer({ min: 0, max: 600 }),
      kind: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
    }),
    { maxLength: 12 },
  )
  .map((es) =>
    parseEvents(
      es
        .sort((a, b) => a.minute - b.minute)
        .map(
          (e): SlaEventInput => ({
            type: e.type,
            subject: 's',
            at: at(e.minute),
            ...(e.kind === undefined && e.type !== 'extend'
              ? {}
              : {
                  attributes: {
                    ...(e.kind === undefined ? {} : { kind: e.kind }),
                    ...(e.type === 'extend' ? { newDue: at(e.minute + 90) } : {}),
                  },
                }),
          }),
        ),
    ),
  );

function attributesAfterEach(events: readonly ParsedEvent[]): Attributes[] {
  const out: Attributes[] = [];
  let acc: Attributes = {};
  for (const e of events) {
    if (e.attributes) acc = { ...acc, ...e.attributes };
    out.push(acc);
  }
  return out;
}

describe('timer fast paths held to the paths they replaced (issue 21)', () => {
  it('property: replay without a closure per event gives the instances the closure replay gave (seeded)', () => {
    let instances = 0;
    let anomalies = 0;
    fc.assert(
      fc.property(definition, subjectLog, (def, events) => {
        const attrs = attributesAfterEach(events);
        const got = replay(def, events, attrs);
        expect(got).toEqual(replayBefore(def, events, attrs));
        instances += got.length;
        anomalies += got.reduce((n, i) => n + i.anomalies.length, 0);
      }),
      { seed: 2131, numRuns: 250 },
    );
    expect(instances).toBeGreaterThan(120);
    expect(anomalies).toBeGreaterThan(60);
  });

  const specs: DurationSpec[] = [
    { unit: 'seconds', amount: 90 },
    { unit: 'minutes', amount: 30 },
    { unit: 'minutes', amount: 0.5, inclusive: false },
    { unit: 'hours', amount: 48 },
    { unit: 'calendarDays', amount: 7 },
    { unit: 'calendarDays', amount: 2, at: 'sameTime' },
    { unit: 'workingDays', amount: 3, at: 'endOfDay' },
    { unit: 'workingDays', amount: 1, at: 'endOfWork' },
    { unit: 'workingDays', amount: 2, at: 'sameTime', inclusive: false },
    { unit: 'workingHours', amount: 5 },
    { unit: 'calendarMonths', amount: 1 },
    { unit: 'endOfMonth' },
    { unit: 'dayOfMonth', day: 10 },
    { unit: 'nextDay', time: '12:00' },
    { unit: 'sameDay' },
    { unit: 'endOfWork', workdaysAhead: 1 },
  ];

  it('property: a compiled duration target (clock units direct, day units once per start day) is core’s deadline (seeded)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...specs),
        fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York'),
        // Several starts, often on the same local day, so the per-day cache is hit and missed.
        fc.array(fc.integer({ min: 0, max: 60 * 24 * 400 }), { minLength: 1, maxLength: 8 }),
        (spec, zone, minutes) => {
          const ctx = makeContext({ now: at(0), zone, calendar });
          const resolve = compileTarget({ kind: 'duration', spec }, ctx);
          for (const m of minutes) {
            const start = at(m);
            const got = resolve(start, {}, []);
            expect(got).toEqual({ kind: 'deadline', deadline: deadline(start, spec, { zone, calendar }) });
            // A caller changing a deadline it was handed does not change the next one.
            if (got.kind === 'deadline') got.deadline.at = 'changed';
          }
          for (const m of minutes) {
            const again = resolve(at(m), {}, []);
            expect(again).toEqual({ kind: 'deadline', deadline: deadline(at(m), spec, { zone, calendar }) });
          }
        },
      ),
      { seed: 2132, numRuns: 300 },
    );
  });

  it('a malformed duration spec is refused as core refuses it, on the first subject that reaches it', () => {
    const ctx = makeContext({ now: at(0), calendar });
    const bad = { unit: 'minutes', amount: -5 } as DurationSpec;
    const resolve = compileTarget({ kind: 'duration', spec: bad }, ctx);
    const core = (() => {
      try {
        deadline(at(0), bad, ctx);
      } catch (e) {
        return e as ZhiduError;
      }
    })();
    expect(core).toBeInstanceOf(ZhiduError);
    for (let i = 0; i < 2; i++) {
      try {
        resolve(at(0), {}, []);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ZhiduError);
        expect([(e as ZhiduError).code, (e as ZhiduError).path, (e as ZhiduError).message]).toEqual([
          core?.code,
          core?.path,
          core?.message,
        ]);
        expect((e as ZhiduError).code).toBe('invalid_duration');
      }
    }
  });

  it('property: ordering a module’s already order-checked events gives the events ordering with the check gives (seeded)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            subject: fc.constantFrom('a', 'b', 'c'),
            minute: fc.integer({ min: 0, max: 100 }),
            late: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
          }),
          { maxLength: 20 },
        ),
        (raw) => {
          // Each subject in time order; the subjects interleaved out of global order.
          const bySubject = new Map<string, number>();
          const events = raw.map((e) => {
            const m = Math.max(e.minute, bySubject.get(e.subject) ?? 0);
            bySubject.set(e.subject, m);
            return {
              type: 'start',
              subject: e.subject,
              at: at(m),
              ...(e.late === undefined ? {} : { recordedAt: at(m + e.late) }),
            };
          });
          const parsed = z.array(SlaEventSchema).parse(events);
          const checked = orderEvents(parsed, true);
          expect(checked).toEqual(orderEvents(parsed));
          expect(checked).toEqual(parseEvents(events));
        },
      ),
      { seed: 2133, numRuns: 200 },
    );
  });

  it('the sla.timers module still refuses a subject out of time order, with its path, after the single order check', () => {
    const events = [
      { type: 'request', subject: 'r1', at: '2024-03-04T10:00:00+08:00', attributes: { row: 'T5-03' } },
      { type: 'arrive', subject: 'r1', at: '2024-03-04T09:00:00+08:00' },
    ];
    const ctx = { now: '2024-03-05T00:00:00+08:00', calendar };
    try {
      evaluateTimers({ events }, propertyService004Preset(), ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZhiduError);
      expect((e as ZhiduError).code).toBe('out_of_order');
      expect((e as ZhiduError).path).toEqual(['input', 'events', 1, 'at']);
      expect((e as ZhiduError).message).toContain('r1');
    }
  });

  it('a recordedAt before the event is still refused at its path after the single order check', () => {
    const events = [
      {
        type: 'request',
        subject: 'r1',
        at: '2024-03-04T10:00:00+08:00',
        recordedAt: '2024-03-04T09:00:00+08:00',
        attributes: { row: 'T5-03' },
      },
    ];
    const ctx = { now: '2024-03-05T00:00:00+08:00', calendar };
    try {
      evaluateTimers({ events }, propertyService004Preset(), ctx);
      expect.unreachable();
    } catch (e) {
      expect((e as ZhiduError).code).toBe('invalid_input');
      expect((e as ZhiduError).path).toEqual(['input', 'events', 0, 'recordedAt']);
    }
  });
  it('property: recurring expansion leaves a log already in order as it is and orders any other, as the stable sort did (seeded)', () => {
    const obligations = retail000Preset().params.recurring;
    const rank = (e: ParsedEvent) => (e.index === -1 ? 0 : 1);
    let unsorted = 0;
    let opened = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            type: fc.constantFrom('complaintReceived', 'complaintStatsSubmitted'),
            subject: fc.constantFrom('company', 'c1', 'c2'),
            minute: fc.integer({ min: 0, max: 60 * 24 * 70 }),
          }),
          { maxLength: 12 },
        ),
        fc.boolean(),
        (raw, shuffle) => {
          const sorted = parseEvents(
            [...raw]
              .sort((a, b) => a.minute - b.minute)
              .map((e) => ({ type: e.type, subject: e.subject, at: at(e.minute) })),
          );
          // A caller may hand parsed events in any order; the expansion's result is in time order.
          const given = shuffle ? [...sorted].reverse() : sorted;
          const ctx = makeContext({ now: at(60 * 24 * 75), calendar });
          const { events } = expandRecurring(obligations, given, ctx);
          const reference = [...events].sort((a, b) => a.ms - b.ms || rank(a) - rank(b));
          expect(events).toEqual(reference);
          if (shuffle && sorted.length > 1) unsorted++;
          opened += events.filter((e) => e.index === -1).length;
        },
      ),
      { seed: 2134, numRuns: 150 },
    );
    expect(unsorted).toBeGreaterThan(20);
    expect(opened).toBeGreaterThan(20);
  });
  it('property: a breach’s lateness text, kept once built, is core’s formatElapsed of that breach in both languages (seeded)', () => {
    const policy = propertyService004Preset();
    const ctx = makeContext({ now: at(60 * 24 * 3), calendar });
    let breaches = 0;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 4 }), (lates) => {
        const events = lates.flatMap((late, i) => [
          { type: 'request', subject: `r${i}`, at: at(i), attributes: { row: 'T5-03' } },
          { type: 'complete', subject: `r${i}`, at: at(i + late) },
        ]);
        events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
        const d = evaluateTimers({ events }, policy, ctx);
        for (const s of d.value.result) {
          if (s.lateness === undefined) continue;
          breaches++;
          const entry = d.trace.find(
            (e) =>
              e.data?.subject === s.subject && e.data?.timerId === s.timerId && 'dueAt' in (e.data ?? {}),
          );
          expect(s.lateness.unit).toBe('minutes');
          expect(entry?.message.zh).toContain(`超时 ${formatElapsed(s.lateness.ms, 'zh-CN')}`);
          expect(entry?.message.en).toContain(`late by ${formatElapsed(s.lateness.ms, 'en')}`);
        }
      }),
      { seed: 2135, numRuns: 40 },
    );
    expect(breaches).toBeGreaterThan(40);
  });
});
