import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { parseEvents } from '../events.js';
import { logistics001bPreset } from '../presets/index.js';
import type { TimerDefinition } from './definition.js';
import { runTimers } from './evaluate.js';

// Issue 21: a cycle's outcome text starts with a head (title, status, due) built once per frozen
// definition and status; the text is the one written before, and a definition a caller may change
// is never remembered.

const ctx = makeContext({ now: '2024-05-10T12:00:00+08:00' });
const log = parseEvents([
  { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' },
  { type: 'planProposed', subject: 'c1', at: '2024-05-10T10:05:00+08:00' },
  { type: 'received', subject: 'c2', at: '2024-05-10T09:50:00+08:00' },
]);

function outcome(definitions: readonly TimerDefinition[], subject: string) {
  const d = runTimers(log, definitions, ctx);
  return d.trace.find((t) => t.data?.subject === subject && t.data?.timerId === 'plan30min')?.message;
}

describe('outcome texts of the breach step (issue 21)', () => {
  it('a compiled policy’s timer gives the same met and breached texts on every evaluation', () => {
    const timers = logistics001bPreset().params.timers;
    const first = [outcome(timers, 'c1'), outcome(timers, 'c2')];
    expect(first[0]?.en).toMatch(/: met, due 2024-05-10 10:15 \(Beijing time\)$/);
    expect(first[0]?.zh).toMatch(/:按时完成,时限 2024-05-10 10:15（北京时间）$/);
    expect(first[1]?.en).toMatch(
      /: breached, due 2024-05-10 10:20 \(Beijing time\), late by 1 hour 40 minutes$/,
    );
    expect([outcome(timers, 'c1'), outcome(timers, 'c2')]).toEqual(first);
  });

  it('a definition a caller built and then renamed shows its new title (not remembered)', () => {
    const timers = structuredClone(logistics001bPreset().params.timers) as TimerDefinition[];
    const plan = timers.find((t) => t.id === 'plan30min') as TimerDefinition;
    plan.title = { zh: '方案', en: 'Plan' };
    expect(outcome(timers, 'c1')?.en).toBe('Plan: met, due 2024-05-10 10:15 (Beijing time)');
    plan.title = { zh: '整改方案', en: 'Remedy plan' };
    expect(outcome(timers, 'c1')?.en).toBe('Remedy plan: met, due 2024-05-10 10:15 (Beijing time)');
    expect(outcome(timers, 'c1')?.zh).toBe('整改方案:按时完成,时限 2024-05-10 10:15（北京时间）');
  });
});
