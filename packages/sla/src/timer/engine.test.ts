import { makeContext, ZhiduError } from '@zhidu/core';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../../core/test/helpers.js';
import { cn, ev, utc } from '../../test/helpers.js';
import {
  collectViolations,
  defineSlaPolicy,
  parseEvents,
  runTimers,
  type SlaEventInput,
  type TimerDefinition,
  type TimerDefinitionInput,
} from '../index.js';
import { timerStates } from './evaluate.js';

function policyOf(...timers: TimerDefinitionInput[]) {
  return defineSlaPolicy({
    id: 'test',
    version: '1',
    effectiveFrom: '2024-01-01',
    zone: 'Asia/Shanghai',
    source: { title: 'engine test' },
    params: { timers },
  });
}

const base: TimerDefinitionInput = {
  id: 't',
  rule: 'TEST-01',
  clause: 'test L1',
  title: { zh: '测试', en: 'test' },
  start: [{ type: 'received' }],
  stop: [{ type: 'done' }],
  pause: [{ type: 'hold' }],
  resume: [{ type: 'release' }],
  reset: [{ type: 'reopen' }],
  cancel: [{ type: 'withdrawn' }],
  target: { kind: 'duration', spec: { unit: 'minutes', amount: 30 } },
  breach: { code: 'sla.test.late', roles: ['handler'], lateness: { unit: 'minutes', rounding: 'ceil' } },
};
const p = policyOf(base);
const run = (events: Parameters<typeof ev>[], now: string) =>
  timerStates(
    events.map((e) => ev(...e)),
    p,
    cn(now),
  );

describe('timer lifecycle', () => {
  it('is met when the stop event is at the due instant (inclusive bound)', () => {
    const [s] = run(
      [
        ['received', 'c', '2024-05-10T09:45'],
        ['done', 'c', '2024-05-10T10:15'],
      ],
      '2024-05-10T12:00',
    ).value;
    expect(s?.status).toBe('met');
    expect(s?.dueAt).toBe(utc('2024-05-10T10:15'));
    expect(s?.violations).toEqual([]);
  });

  it('breaches one second late and emits a violation per responsible role with lateness', () => {
    const d = timerStates(
      [
        ev('received', 'c', '2024-05-10T09:45', undefined, { handler: 'u1' }),
        ev('done', 'c', '2024-05-10T10:15:01'),
      ],
      p,
      cn('2024-05-10T12:00'),
    );
    const [s] = d.value;
    expect(s?.status).toBe('breached');
    expect(s?.breachedAt).toBe(utc('2024-05-10T10:15'));
    expect(s?.lateness).toEqual({ unit: 'minutes', units: 1, ms: 1000 });
    expect(collectViolations(d.value)).toEqual([
      expect.objectContaining({
        code: 'sla.test.late',
        personId: 'u1',
        role: 'handler',
        occurredAt: utc('2024-05-10T10:15'),
      }),
    ]);
    expect(d.trace.some((t) => t.rule === 'TEST-01' && t.clause === 'test L1')).toBe(true);
  });

  it('reports running, remaining time and an open breach computed at now', () => {
    const running = run([['received', 'c', '2024-05-10T09:45']], '2024-05-10T10:05').value[0];
    expect(running?.status).toBe('running');
    expect(running?.remainingMs).toBe(10 * 60_000);
    expect(running?.elapsedMs).toBe(20 * 60_000);
    const open = run([['received', 'c', '2024-05-10T09:45']], '2024-05-10T10:20').value[0];
    expect(open?.status).toBe('breached');
    expect(open?.lateness?.units).toBe(5);
    expect(open?.violations[0]?.data?.open).toBe(true);
  });

  it('extends the due time by the paused time and reports paused status', () => {
    const events: Parameters<typeof ev>[] = [
      ['received', 'c', '2024-05-10T09:00'],
      ['hold', 'c', '2024-05-10T09:10'],
      ['release', 'c', '2024-05-10T09:50'],
    ];
    const s = run(events, '2024-05-10T10:00').value[0];
    expect(s?.dueAt).toBe(utc('2024-05-10T10:10'));
    expect(s?.pausedMs).toBe(40 * 60_000);
    expect(s?.status).toBe('running');
    const paused = run(events.slice(0, 2), '2024-05-10T09:40').value[0];
    expect(paused?.status).toBe('paused');
    expect(paused?.dueAt).toBe(utc('2024-05-10T10:00'));
  });

  it('restarts the clock on reset and stops it on cancel', () => {
    const reset = run(
      [
        ['received', 'c', '2024-05-10T09:00'],
        ['reopen', 'c', '2024-05-10T09:20'],
      ],
      '2024-05-10T09:40',
    ).value[0];
    expect(reset?.startedAt).toBe(utc('2024-05-10T09:20'));
    expect(reset?.dueAt).toBe(utc('2024-05-10T09:50'));
    const cancelled = run(
      [
        ['received', 'c', '2024-05-10T09:00'],
        ['withdrawn', 'c', '2024-05-10T09:10'],
      ],
      '2024-05-10T12:00',
    ).value[0];
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.violations).toEqual([]);
  });

  it('keeps subjects apart', () => {
    const v = run(
      [
        ['received', 'a', '2024-05-10T09:00'],
        ['done', 'a', '2024-05-10T09:10'],
        ['received', 'b', '2024-05-10T09:20'],
      ],
      '2024-05-10T09:55',
    ).value;
    expect(v.map((s) => [s.subject, s.status])).toEqual([
      ['a', 'met'],
      ['b', 'breached'],
    ]);
  });
});

describe('bad input', () => {
  it('refuses events out of time order with out_of_order and the path of the event', () => {
    expect(() =>
      run(
        [
          ['received', 'c', '2024-05-10T09:45'],
          ['done', 'c', '2024-05-10T09:00'],
        ],
        '2024-05-10T12:00',
      ),
    ).toThrow(expect.objectContaining({ code: 'out_of_order', path: ['events', 1, 'at'] }));
  });

  it('refuses a malformed event (unknown field, bad instant) as invalid input', () => {
    const ctx = cn('2024-05-10T12:00');
    expect(() => timerStates([{ type: 'received', subject: 'c', at: 'yesterday' }], p, ctx)).toThrow(
      ZhiduError,
    );
    expect(() =>
      // Deliberately not an SlaEventInput (events are typed since the module contract).
      timerStates(
        [{ type: 'received', subject: 'c', at: '2024-05-10T09:00:00Z', colour: 'red' } as SlaEventInput],
        p,
        ctx,
      ),
    ).toThrow(expect.objectContaining({ code: 'unknown_key', path: ['events', 0, 'colour'] }));
  });

  it('records a stop before any start as an anomaly, not an error', () => {
    const d = run([['done', 'c', '2024-05-10T09:00']], '2024-05-10T12:00');
    expect(d.value[0]?.status).toBe('pending');
    expect(d.value[0]?.anomalies.map((a) => a.kind)).toEqual(['stop_before_start']);
    expect(d.trace.some((t) => t.message.en.includes('stop_before_start'))).toBe(true);
  });

  it('records a pause while not running and a resume while not paused as anomalies', () => {
    const s = run(
      [
        ['received', 'c', '2024-05-10T09:00'],
        ['release', 'c', '2024-05-10T09:05'],
        ['done', 'c', '2024-05-10T09:10'],
        ['hold', 'c', '2024-05-10T09:11'],
      ],
      '2024-05-10T12:00',
    ).value[0];
    expect(s?.status).toBe('met');
    expect(s?.anomalies.map((a) => a.kind)).toEqual(['resume_while_not_paused', 'pause_while_not_running']);
  });

  it('refuses a policy whose target is a negative duration', () => {
    expect(() =>
      policyOf({ ...base, target: { kind: 'duration', spec: { unit: 'minutes', amount: -5 } } }),
    ).toThrow(
      expect.objectContaining({
        code: 'invalid_input',
        path: expect.arrayContaining(['params', 'timers', 0, 'target']),
      }),
    );
  });

  it('refuses duplicate timer ids', () => {
    expect(() => policyOf(base, base)).toThrow(expect.objectContaining({ code: 'duplicate' }));
  });

  it('records an unknown category as an anomaly with no due time', () => {
    const q = policyOf({
      ...base,
      target: {
        kind: 'byAttribute',
        cases: [{ when: [{ attribute: 'grade', equals: 'urgent' }], spec: { unit: 'minutes', amount: 15 } }],
      },
    });
    const s = timerStates(
      [ev('received', 'c', '2024-05-10T09:00', { grade: 'whenever' })],
      q,
      cn('2024-05-10T12:00'),
    ).value[0];
    expect(s?.dueAt).toBeUndefined();
    expect(s?.anomalies).toEqual([{ kind: 'unknown_target_case', detail: 'grade="whenever"' }]);
  });

  it('names a case attribute the subject lacks as null, also one named constructor or toString', () => {
    for (const name of ['constructor', 'toString', 'grade']) {
      const q = policyOf({
        ...base,
        target: {
          kind: 'byAttribute',
          cases: [{ when: [{ attribute: name, equals: 'urgent' }], spec: { unit: 'minutes', amount: 15 } }],
        },
      });
      const s = timerStates([ev('received', 'c', '2024-05-10T09:00')], q, cn('2024-05-10T12:00')).value[0];
      // Before, an Object.prototype member was read for `constructor` / `toString`: `constructor=undefined`.
      expect(s?.anomalies).toEqual([{ kind: 'unknown_target_case', detail: `${name}=null` }]);
    }
  });
});

describe('targets and ladders', () => {
  it('picks the target from attributes (byAttribute) and from a relative instant', () => {
    const q = policyOf(
      {
        ...base,
        id: 'a',
        target: {
          kind: 'byAttribute',
          cases: [{ when: [{ attribute: 'amountYuan', gte: 100 }], spec: { unit: 'hours', amount: 2 } }],
          otherwise: { unit: 'hours', amount: 1 },
        },
      },
      { ...base, id: 'r', target: { kind: 'relative', attribute: 'appointmentAt', offset: { minutes: 5 } } },
    );
    const v = timerStates(
      [
        ev('received', 'c', '2024-05-10T09:00', {
          amountYuan: 150,
          appointmentAt: '2024-05-11T10:00:00+08:00',
        }),
      ],
      q,
      cn('2024-05-10T09:00'),
    ).value;
    expect(v.find((s) => s.timerId === 'a')?.dueAt).toBe(utc('2024-05-10T11:00'));
    expect(v.find((s) => s.timerId === 'r')?.dueAt).toBe(utc('2024-05-11T10:05'));
  });

  it('picks each subject its own case when one run evaluates many subjects', () => {
    const q = policyOf({
      ...base,
      target: {
        kind: 'byAttribute',
        cases: [{ when: [{ attribute: 'amountYuan', gte: 100 }], spec: { unit: 'hours', amount: 2 } }],
        otherwise: { unit: 'hours', amount: 1 },
      },
    });
    const v = timerStates(
      [
        ev('received', 'big', '2024-05-10T09:00', { amountYuan: 150 }),
        ev('received', 'small', '2024-05-10T09:00', { amountYuan: 50 }),
        ev('received', 'big2', '2024-05-10T09:30', { amountYuan: 100 }),
      ],
      q,
      cn('2024-05-10T09:30'),
    ).value;
    expect(v.map((s) => [s.subject, s.dueAt])).toEqual([
      ['big', utc('2024-05-10T11:00')],
      ['small', utc('2024-05-10T10:00')],
      ['big2', utc('2024-05-10T11:30')],
    ]);
  });

  it('refuses an unvalidated definition (runTimers) before any subject is replayed, even in a case no subject reaches', () => {
    // A negative amount, which defineSlaPolicy would refuse, in the case only urgent complaints reach:
    // it used to decide normal complaints and fail only on an urgent one, so a broken policy ran
    // until the first urgent complaint came in.
    const targetWith = (amount: number) =>
      ({
        ...p.params.timers[0],
        target: {
          kind: 'byAttribute',
          cases: [{ when: [{ attribute: 'grade', equals: 'urgent' }], spec: { unit: 'minutes', amount } }],
          otherwise: { unit: 'minutes', amount: 30 },
        },
      }) as TimerDefinition;
    const at = (grade: string) => parseEvents([ev('received', 'c', '2024-05-10T09:00', { grade })]);
    const path = ['definitions', 0, 'target', 'cases', 0, 'spec', 'amount'];
    for (const grade of ['normal', 'urgent']) {
      expect(zhiduError(() => runTimers(at(grade), [targetWith(-1)], cn('2024-05-10T09:10')))).toMatchObject({
        code: 'invalid_input',
        path,
      });
    }
    // The same definition with a valid amount decides both.
    const good = targetWith(10);
    expect(runTimers(at('normal'), [good], cn('2024-05-10T09:10')).value[0]?.dueAt).toBe(
      utc('2024-05-10T09:30'),
    );
    expect(runTimers(at('urgent'), [good], cn('2024-05-10T09:05')).value[0]?.dueAt).toBe(
      utc('2024-05-10T09:10'),
    );
  });

  it('reaches warnings and escalation rungs only once their instants have passed', () => {
    const q = policyOf({
      ...base,
      warnings: [{ fraction: 0.5 }],
      escalations: [
        { level: 1, notify: ['supervisor'], when: { kind: 'fraction', fraction: 0.8 } },
        { level: 2, notify: ['manager'], when: { kind: 'afterDue', minutes: 30 } },
      ],
    });
    const at = (now: string) => timerStates([ev('received', 'c', '2024-05-10T09:00')], q, cn(now)).value[0];
    expect(at('2024-05-10T09:10')?.warningsReached).toEqual([]);
    expect(at('2024-05-10T09:20')?.warningsReached).toEqual([utc('2024-05-10T09:15')]);
    expect(at('2024-05-10T09:25')?.escalationsDue.map((e) => e.level)).toEqual([1]);
    expect(at('2024-05-10T10:00')?.escalationsDue.map((e) => e.notify[0])).toEqual(['supervisor', 'manager']);
  });

  it('starts on all of several events (startMode all) at the later one', () => {
    const q = policyOf({ ...base, start: [{ type: 'order' }, { type: 'signal' }], startMode: 'all' });
    const s = timerStates(
      [ev('order', 'c', '2024-05-10T09:00'), ev('signal', 'c', '2024-05-10T13:30')],
      q,
      cn('2024-05-10T14:00'),
    ).value[0];
    expect(s?.startedAt).toBe(utc('2024-05-10T13:30'));
  });

  it('opens a new cycle for each start when the timer repeats', () => {
    const q = policyOf({ ...base, repeat: true });
    const v = timerStates(
      [
        ev('received', 'c', '2024-05-10T09:00'),
        ev('done', 'c', '2024-05-10T09:10'),
        ev('received', 'c', '2024-05-10T11:00'),
      ],
      q,
      cn('2024-05-10T12:00'),
    ).value;
    expect(v.map((s) => [s.cycle, s.status])).toEqual([
      [0, 'met'],
      [1, 'breached'],
    ]);
  });

  it('measures business minutes on the PRC calendar (Sat 2024-05-11 was a make-up workday)', () => {
    const q = policyOf({ ...base, target: { kind: 'duration', spec: { unit: 'workingHours', amount: 2 } } });
    const s = timerStates([ev('received', 'c', '2024-05-10T17:00')], q, cn('2024-05-11T09:30')).value[0];
    expect(s?.dueAt).toBe(utc('2024-05-11T10:00'));
    expect(s?.elapsedBusinessMinutes).toBe(90);
    expect(s?.remainingBusinessMinutes).toBe(30);
  });

  it('works on any calendar: the default Mon–Fri context as well', () => {
    const q = policyOf({
      ...base,
      target: { kind: 'duration', spec: { unit: 'workingDays', amount: 1, at: 'endOfDay' } },
    });
    const s = timerStates(
      [ev('received', 'c', '2024-05-10T17:00')],
      q,
      makeContext({ now: '2024-05-10T18:00:00+08:00' }),
    ).value[0];
    expect(s?.dueAt).toBe(utc('2024-05-13T23:59:59.999'));
  });
});
