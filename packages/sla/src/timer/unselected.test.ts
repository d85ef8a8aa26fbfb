import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, type TraceEntry } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { fastPaths } from '../../../core/src/module.js';
import { parseEvents } from '../events.js';
import { slaTimers } from '../modules.js';
import { propertyService004Preset } from '../presets/index.js';
import { runTimers } from './evaluate.js';

// property-service-004 has one timer per table row (`row` = T1-01 … T5-03 …). A request whose row is
// misspelt matched no timer and gave an empty result without a word.
const ctx = makeContext({ now: '2025-03-03T12:00:00+08:00', calendar: chinaCalendar() });
const request = (row: string) => ({
  type: 'request',
  subject: 'r1',
  at: '2025-03-03T10:00:00+08:00',
  attributes: { row },
});
const notes = (trace: readonly TraceEntry[]) => trace.filter((t) => t.rule === 'zhidu.sla.unselected');

describe('a subject no timer applies to, with a value the timers do not test', () => {
  it('S004-SLA-00: is named in the trace with the nearest value the timers test, on the fast and the general path alike', () => {
    const fast = slaTimers.evaluate({ events: [request('T5-3')] }, propertyService004Preset(), ctx);
    fastPaths.on = false;
    let general: typeof fast;
    try {
      general = slaTimers.evaluate({ events: [request('T5-3')] }, propertyService004Preset(), ctx);
    } finally {
      fastPaths.on = true;
    }
    expect(fast.value.result).toEqual([]);
    const [note] = notes(fast.trace);
    expect(note).toMatchObject({
      rule: 'zhidu.sla.unselected',
      data: { subject: 'r1', attribute: 'row', value: 'T5-3', nearest: 'T5-03' },
    });
    expect(note?.message.en).toContain('did you mean "T5-03"?');
    expect(note?.message.zh).toContain('没有适用的计时器');
    expect(notes(general.trace)).toEqual(notes(fast.trace));
  });

  it('S004-SLA-00: adds nothing when the row is one the timers test (timers apply), and runTimers notes the same', () => {
    const known = slaTimers.evaluate({ events: [request('T1-01')] }, propertyService004Preset(), ctx);
    expect(known.value.result.length).toBeGreaterThan(0);
    expect(notes(known.trace)).toEqual([]);
    const d = runTimers(parseEvents([request('T5-3')]), propertyService004Preset().params.timers, ctx);
    expect(d.value).toEqual([]);
    expect(notes(d.trace)).toHaveLength(1);
  });
});
