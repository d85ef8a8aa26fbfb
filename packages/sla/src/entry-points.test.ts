import { chinaCalendar } from '@zhidu/calendar-cn';
import { describe, expect, it } from 'vitest';
import { zhiduError as refusal } from '../../core/test/helpers.js';
import {
  evaluateChecklist,
  evaluateIncidents,
  evaluateQuota,
  evaluateTimers,
  slaChecklist,
  slaIncidents,
  slaQuota,
  slaTimers,
} from './index.js';

const cn = (now: string) => ({ now, calendar: chinaCalendar() });

const construction = [
  {
    type: 'mainStructureCompleted',
    subject: 'block-3',
    at: '2024-01-10T12:00:00+08:00',
    assignees: { emcDirector: 'u-emc', pdcDirector: 'u-pdc' },
  },
  { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
];

describe('the named sla functions are thin calls of their modules', () => {
  it('evaluateTimers is a thin call of sla.timers: the same decision, trace and provenance', () => {
    const policy = slaTimers.preset('construction-000');
    const ctx = cn('2024-06-01T00:00:00+08:00');
    const d = evaluateTimers({ events: construction }, policy, ctx);
    expect(d).toEqual(slaTimers.evaluate({ events: construction }, policy, ctx));
    expect(d.provenance.module).toBe('sla.timers');
    expect(d.value.violations.map((v) => v.personId)).toEqual(['u-emc', 'u-pdc']);
  });

  it('evaluateTimers (thin call) refuses a misspelt policy key and a misspelt event type', () => {
    const policy = slaTimers.preset('construction-000');
    const ctx = cn('2024-06-01T00:00:00+08:00');
    const badPolicy = refusal(() =>
      evaluateTimers({ events: construction }, { ...policy, efectiveTo: '2030-01-01' }, ctx),
    );
    expect(badPolicy.code).toBe('unknown_key');
    expect(badPolicy.path).toEqual(['policy', 'efectiveTo']);
    const badEvent = refusal(() =>
      evaluateTimers(
        { events: [{ ...(construction[1] as (typeof construction)[1]), type: 'completionStandardMett' }] },
        policy,
        ctx,
      ),
    );
    expect(badEvent.code).toBe('invalid_input');
    expect(badEvent.path.slice(0, 4)).toEqual(['input', 'events', 0, 'type']);
    const noCalendar = refusal(() =>
      evaluateTimers({ events: construction }, policy, { now: '2024-06-01T00:00:00+08:00' }),
    );
    expect(noCalendar.code).toBe('calendar_required');
    expect(noCalendar.path).toEqual(['ctx', 'calendar']);
  });

  it('evaluateIncidents is a thin call of sla.incidents, and refuses an event without `at`', () => {
    const policy = slaIncidents.preset('conference-marketing-001');
    const ctx = { now: '2024-05-02T00:00:00+08:00' };
    const events = [
      {
        type: 'grievanceFound',
        subject: 'g1',
        at: '2024-05-01T09:00:00+08:00',
        assignees: { employee: 'e1' },
      },
    ];
    const d = evaluateIncidents({ events }, policy, ctx);
    expect(d).toEqual(slaIncidents.evaluate({ events }, policy, ctx));
    expect(d.value.violations.map((v) => v.code)).toEqual(['sla.grievance.S001-COMPLAINT-02']);
    const e = refusal(() =>
      evaluateIncidents({ events: [{ type: 'grievanceFound', subject: 'g1' }] } as never, policy, ctx),
    );
    expect(e.code).toBe('invalid_input');
    expect(e.path).toEqual(['input', 'events', 0, 'at']);
  });

  it('evaluateQuota is a thin call of sla.quota, and refuses a quota the policy lacks', () => {
    const policy = slaQuota.preset('property-service-004');
    const ctx = cn('2024-03-05T00:00:00+08:00');
    const input = {
      quota: 'T6-02a',
      range: { from: '2024-03-04', to: '2024-03-05' },
      events: [{ type: 'perform', subject: 'lobby', at: '2024-03-04T09:00:00+08:00' }],
    };
    const d = evaluateQuota(input, policy, ctx);
    expect(d).toEqual(slaQuota.evaluate(input, policy, ctx));
    expect(d.value.result[0]?.rows.map((r) => r.count)).toEqual([1, 0]);
    const e = refusal(() => evaluateQuota({ ...input, quota: 'T6-02x' }, policy, ctx));
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['input', 'quota']);
  });

  it('evaluateChecklist is a thin call of sla.checklist, and refuses an unknown input field', () => {
    const policy = slaChecklist.preset('construction-000');
    const ctx = { now: '2024-09-30T00:00:00+08:00' };
    const input = {
      checklist: 'M20.preCompletion',
      subject: 'phase-2',
      at: '2024-09-30T00:00:00+08:00',
      record: { water: true, gasSupply: false },
      assignees: { emcDirector: 'u7' },
    };
    const d = evaluateChecklist(input, policy, ctx);
    expect(d).toEqual(slaChecklist.evaluate(input, policy, ctx));
    expect(d.value.violations.map((v) => v.personId)).toEqual(['u7']);
    expect(d.value.violations[0]?.quantity).toBe(d.value.result.missing.length);
    const e = refusal(() => evaluateChecklist({ ...input, recrod: {} } as never, policy, ctx));
    expect(e.code).toBe('unknown_key');
    expect(e.path).toEqual(['input', 'recrod']);
  });
});
