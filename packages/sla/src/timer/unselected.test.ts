import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, PolicyHistory, type TraceEntry } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { fastPaths } from '../../../core/src/module.js';
import { parseEvents } from '../events.js';
import { slaTimers } from '../modules.js';
import { SlaPolicyParamsSchema } from '../policy.js';
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

  it('S000B-COMPLAINT-04: adds nothing for a value far from every tested one (a major complaint where only general ones are timed)', () => {
    const dealer = slaTimers.preset('dealer-000');
    const at = (subject: string, level: string) => ({
      type: 'assigned',
      subject,
      at: '2024-03-18T10:00:00+08:00',
      attributes: { level },
      assignees: { dealer: 'd1' },
    });
    const c = makeContext({ now: '2024-03-20T12:00:00+08:00', calendar: chinaCalendar() });
    expect(notes(slaTimers.evaluate({ events: [at('m0', 'major')] }, dealer, c).trace)).toEqual([]);
    const typo = notes(slaTimers.evaluate({ events: [at('x0', 'genral')] }, dealer, c).trace);
    expect(typo.map((t) => t.data)).toEqual([
      { subject: 'x0', attribute: 'level', value: 'genral', nearest: 'general' },
    ]);
  });

  it('keeps the note under a policy history of several versions, with the version in force at the subject’s first event', () => {
    const v1 = slaTimers.preset('dealer-000');
    const v2 = { ...JSON.parse(JSON.stringify(v1)), version: '2', effectiveFrom: '2024-03-01' };
    const history = new PolicyHistory(SlaPolicyParamsSchema, [
      { ...JSON.parse(JSON.stringify(v1)), effectiveFrom: '2024-01-01' },
      v2,
    ]);
    const event = (subject: string, at: string) => ({
      type: 'assigned',
      subject,
      at,
      attributes: { level: 'genral' },
      assignees: { dealer: 'd1' },
    });
    const c = makeContext({ now: '2024-03-20T12:00:00+08:00', calendar: chinaCalendar() });
    const d = slaTimers.evaluate(
      { events: [event('x0', '2024-02-10T10:00:00+08:00'), event('x1', '2024-03-10T10:00:00+08:00')] },
      history,
      c,
    );
    expect(notes(d.trace).map((t) => t.data?.subject)).toEqual(['x0', 'x1']);
  });
});
