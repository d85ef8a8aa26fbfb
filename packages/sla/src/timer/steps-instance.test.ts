import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext } from '@zhidu/core';
import { describe, expect, it, vi } from 'vitest';
import { parseEvents } from '../events.js';
import { TimerDefinitionSchema } from './definition.js';
import type { TimerRun } from './engine.js';
import { timerStatesOnePass } from './pipeline.js';

// The one pass reuses its instances from one subject and timer to the next. A cycle it leaves to
// the built-in steps (`judgeBySteps`) must hand them an instance they may keep: one the pass never
// changes afterwards, whose lists and sets are the run's own or frozen.

/** Every run the built-in deadline step is handed, with its instance as it was then. */
const seen = vi.hoisted(() => [] as { run: TimerRun; handed: string }[]);

vi.mock('./engine.js', async (importOriginal) => {
  const engine = await importOriginal<typeof import('./engine.js')>();
  return {
    ...engine,
    resolveDeadlines: (runs: readonly TimerRun[], ...rest: unknown[]) => {
      for (const run of runs) seen.push({ run, handed: snapshot(run) });
      return (engine.resolveDeadlines as (...a: unknown[]) => TimerRun[])(runs, ...rest);
    },
  };
});

/** An instance written out whole, its sets as lists. */
function snapshot(run: TimerRun): string {
  return JSON.stringify(run.instance, (_k, v: unknown) => (v instanceof Set ? [...v] : v));
}

const calendar = chinaCalendar();
const T0 = Date.parse('2024-09-27T01:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe('the one pass hands the built-in steps instances they may keep', () => {
  it('an instance handed to the steps is not changed by the pass afterwards, and shares no list with another', () => {
    // A working-hours target: each started cycle goes through the built-in steps.
    const def = TimerDefinitionSchema.parse({
      id: 'wh',
      rule: 'R-wh',
      clause: 'c',
      title: { zh: '工时', en: 'working hours' },
      start: [{ type: 'start' }],
      stop: [{ type: 'stop' }],
      pause: [{ type: 'pause' }],
      resume: [{ type: 'resume' }],
      extend: [{ type: 'extend', attribute: 'newDue' }],
      repeat: true,
      target: { kind: 'duration', spec: { unit: 'workingHours', amount: 3 } },
      breach: { code: 'sla.test.wh', roles: ['handler'], lateness: { unit: 'minutes', rounding: 'ceil' } },
    });
    const events = parseEvents(
      [
        { type: 'start', subject: 'a', at: at(0), assignees: { handler: 'u1' } },
        { type: 'stop', subject: 'a', at: at(30) },
        { type: 'start', subject: 'a', at: at(40) },
        { type: 'pause', subject: 'a', at: at(45) },
        { type: 'resume', subject: 'a', at: at(60) },
        { type: 'start', subject: 'b', at: at(100), assignees: { handler: 'u2' } },
        { type: 'extend', subject: 'b', at: at(110), attributes: { newDue: at(900) } },
        { type: 'stop', subject: 'c', at: at(120) },
        { type: 'start', subject: 'c', at: at(130) },
      ].sort((x, y) => Date.parse(x.at) - Date.parse(y.at)),
    );
    const ctx = makeContext({ now: at(2_000), calendar });
    seen.length = 0;
    const got = timerStatesOnePass({ events: [...events], definitions: [def], runs: [] }, ctx, true);
    expect(got.value.filter((s) => s.startedAt !== undefined)).toHaveLength(4);
    expect(seen).toHaveLength(4);
    // Each as it was handed over, after the pass went on to other cycles and subjects.
    for (const { run, handed } of seen) expect(snapshot(run)).toBe(handed);
    // No list or set of an instance is another's, unless it is frozen (empty and read only).
    const held = new Set<unknown>();
    for (const { run } of seen) {
      const inst = run.instance;
      for (const part of [inst.extensions, inst.anomalies, inst.startMatched, inst.stopMatched]) {
        if (Array.isArray(part) && Object.isFrozen(part)) continue;
        expect(held.has(part)).toBe(false);
        held.add(part);
      }
      expect(new Set(seen.map((s) => s.run.instance)).size).toBe(seen.length);
    }
  });
});
