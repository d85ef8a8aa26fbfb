import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import { parseEvents } from './events.js';
import { slaIncidents, slaTimers } from './modules.js';
import { defineSlaPolicy, MAX_SLA_LIST, MAX_SLA_TIMERS } from './policy.js';

const ctx = { now: '2024-06-01T10:00:00+08:00', calendar: chinaCalendar() };
const base = slaTimers.preset('construction-000');

describe('SLA policy lists are bounded and refused before their entries are parsed', () => {
  it('10^5 copies of a timer: invalid_input at policy.params.timers naming the 10,000 limit', () => {
    const timers = new Array(100_000).fill(base.params.timers[0]);
    const e = refusal(() =>
      slaTimers.evaluate({ events: [] }, { ...base, params: { ...base.params, timers } }, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['policy', 'params', 'timers']);
    expect(e.message).toContain(`at most ${MAX_SLA_TIMERS.toLocaleString('en')} timers`);
  });

  it('10^5 copies of a workflow: invalid_input at policy.params.workflows naming the 1,000 limit', () => {
    const workflows = new Array(100_000).fill({ id: 'w', initial: 'a', transitions: [] });
    const e = refusal(() => defineSlaPolicy({ ...base, params: { ...base.params, workflows } }));
    expect(e.path).toEqual(['policy', 'params', 'workflows']);
    expect(e.message).toContain(`at most ${MAX_SLA_LIST.toLocaleString('en')} workflows`);
  });

  it('a duplicated timer below the bound is still refused as duplicate at its index', () => {
    const timers = [...base.params.timers, base.params.timers[0]];
    const e = refusal(() => defineSlaPolicy({ ...base, params: { ...base.params, timers } }));
    expect(e.code).toBe('duplicate');
    expect(e.path).toEqual(['policy', 'params', 'timers', base.params.timers.length, 'id']);
  });

  it('a recurring obligation reusing an id is named at its own index under recurring', () => {
    const first = base.params.recurring[0];
    expect(first).toBeDefined();
    const recurring = [...base.params.recurring, first];
    const e = refusal(() => defineSlaPolicy({ ...base, params: { ...base.params, recurring } }));
    expect(e.code).toBe('duplicate');
    expect(e.path).toEqual(['policy', 'params', 'recurring', base.params.recurring.length, 'id']);
  });
});

describe('event logs are parsed once', () => {
  it('parseEvents names the bad event of a large log by its index, and still checks the order', () => {
    const log: unknown[] = Array.from({ length: 5000 }, (_, i) => ({
      type: 'received',
      subject: `c${i}`,
      at: '2024-05-10T09:45:00+08:00',
    }));
    log[4321] = { type: 'received', subject: 'c', at: 'yesterday' };
    const bad = refusal(() => parseEvents(log as never));
    expect(bad.code).toBe('invalid_instant');
    expect(bad.path).toEqual(['events', 4321, 'at']);
    log[4321] = { type: 'received', subject: 'c0', at: '2024-05-10T09:00:00+08:00' };
    const late = refusal(() => parseEvents(log as never));
    expect(late.code).toBe('out_of_order');
    expect(late.path).toEqual(['events', 4321, 'at']);
  });

  it('the sla.timers module judges 2·10^4 events of one subject parsed once, in order', () => {
    const base = slaTimers.preset('logistics-001b');
    const type = base.params.timers[0]?.start[0]?.type ?? 'received';
    const events = Array.from({ length: 20_000 }, () => ({
      type,
      subject: 's1',
      at: '2024-05-10T09:45:00+08:00',
    }));
    const d = slaTimers.evaluate({ events }, base, ctx);
    expect(d.value.result.length).toBeGreaterThan(0);
    expect(d.value.result.every((t) => typeof t.status === 'string')).toBe(true);
  });

  it('the sla.incidents module judges 2·10^4 events parsed once: one violation per incident', () => {
    const events = Array.from({ length: 20_000 }, (_, i) => ({
      type: 'grievanceFound',
      subject: `g${i}`,
      at: '2024-05-01T09:00:00+08:00',
      assignees: { employee: 'e1' },
    }));
    const d = slaIncidents.evaluate({ events }, slaIncidents.preset('conference-marketing-001'), {
      now: '2024-05-02T00:00:00+08:00',
    });
    expect(d.value.violations).toHaveLength(20_000);
    expect(d.value.violations[19_999]?.code).toBe('sla.grievance.S001-COMPLAINT-02');
  });
});
