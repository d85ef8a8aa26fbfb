import { makeContext } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../../core/test/helpers.js';
import { parseEvents } from '../events.js';
import { logistics001bPreset } from '../presets/index.js';
import type { TimerDefinition } from './definition.js';
import { runTimers } from './evaluate.js';

const log = [
  { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' },
  { type: 'planProposed', subject: 'c1', at: '2024-05-10T10:05:00+08:00' },
];
const ctx = makeContext({ now: '2024-05-10T12:00:00+08:00' });
const timers = logistics001bPreset().params.timers;
const plan = timers.find((t) => t.id === 'plan30min') as TimerDefinition;

describe('runTimers refuses what it cannot read, rather than answering nothing or throwing a TypeError', () => {
  it('decides a parsed log against a defined policy’s timers', () => {
    const state = runTimers(parseEvents(log), [plan], ctx).value[0];
    expect(state).toMatchObject({ timerId: 'plan30min', subject: 'c1', status: 'met' });
  });

  it('refuses a raw log (events not parsed by parseEvents), which used to give no timer at all', () => {
    const e = zhiduError(() => runTimers(log as never, [plan], ctx));
    expect(e).toMatchObject({ code: 'invalid_input', path: ['events', 0] });
    expect(e.message).toContain('parseEvents');
    expect(e.message).toMatch(/解析/);
  });

  it('refuses parsed events out of time order, naming the first one earlier than the one before', () => {
    const parsed = parseEvents(log);
    const e = zhiduError(() => runTimers([parsed[1], parsed[0]] as never, [plan], ctx));
    expect(e).toMatchObject({ code: 'out_of_order', path: ['events', 1] });
  });

  it.each([
    ['no start', { ...plan, start: undefined }, ['definitions', 0, 'start']],
    ['start given as a string', { ...plan, start: 'received' }, ['definitions', 0, 'start']],
    ['a target of null', { ...plan, target: null }, ['definitions', 0, 'target']],
    ['no id', { ...plan, id: undefined }, ['definitions', 0, 'id']],
  ])('refuses a definition with %s at its path', (_name, definition, path) => {
    expect(zhiduError(() => runTimers(parseEvents(log), [definition as never], ctx))).toMatchObject({
      code: 'invalid_input',
      path,
    });
  });

  it('fills a caller-built definition’s defaults (no stop list given: the timer runs on)', () => {
    const { stop: _stop, ...withoutStop } = plan;
    const state = runTimers(parseEvents(log), [withoutStop as TimerDefinition], ctx).value[0];
    expect(state).toMatchObject({ timerId: 'plan30min', status: 'breached' });
  });

  it('re-reads a definition a caller may still change on every call (a fixed definition is read once)', () => {
    const mine = structuredClone(plan) as TimerDefinition;
    expect(runTimers(parseEvents(log), [mine], ctx).value[0]?.status).toBe('met');
    (mine as { start: unknown }).start = [];
    expect(zhiduError(() => runTimers(parseEvents(log), [mine], ctx))).toMatchObject({
      code: 'invalid_input',
      path: ['definitions', 0, 'start'],
    });
  });
});
