import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, toEpochMs, toInstant, ZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  construction000Preset,
  logistics001bPreset,
  retail000Preset,
  type SlaEventInput,
  slaTimers,
  slaTimersWith,
  TIMER_STEPS,
  type TimerCustomRule,
  type TimerStage,
  timerPipeline,
} from '../index.js';
import { timerStates } from './evaluate.js';

const events: SlaEventInput[] = [
  {
    type: 'mainStructureCompleted',
    subject: 'block-3',
    at: '2024-01-10T12:00:00+08:00',
    assignees: { emcDirector: 'u-emc', pdcDirector: 'u-pdc' },
  },
  { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
];
const ctx = makeContext({ now: '2024-06-01T00:00:00+08:00', calendar: chinaCalendar() });
const policy = construction000Preset();
const M01 = 'M01.completionStandard';

/** ACME: seven rain days granted on block-3 move every due time of the block a week later. */
const rainDays: TimerCustomRule = {
  after: TIMER_STEPS.deadlines,
  step: {
    id: 'acme.rainDays',
    clause: 'ACME 工期顺延办法 §2',
    run: (stage: TimerStage, step) => {
      step.note('雨天顺延7天', 'Seven rain days granted: due times move a week later', { days: 7 });
      return {
        ...stage,
        runs: stage.runs.map((r) =>
          r.subject === 'block-3' && r.state.dueAt
            ? { ...r, state: { ...r.state, dueAt: toInstant(toEpochMs(r.state.dueAt) + 7 * 86_400_000) } }
            : r,
        ),
      };
    },
  },
};

const refusal = (f: () => unknown): ZhiduError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ZhiduError);
    return e as ZhiduError;
  }
  throw new Error('expected a refusal');
};

describe('sla timers as a rule pipeline (custom rules)', () => {
  it('names its steps by catalog id, in procedure order', () => {
    expect(timerPipeline().ids).toEqual([
      'S000B-MILESTONE-05',
      'S004-SLA-00',
      'S002-SLA-05',
      'S000-MILESTONE-01',
      'S000-COMPLAINT-07',
      'S000-COMPLAINT-23',
    ]);
    expect(Object.values(TIMER_STEPS)).toEqual(timerPipeline().ids);
  });

  it('a custom rule between the deadline and breach steps changes the outcome: the late completion is met, no violation', () => {
    const plain = timerStates(events, policy, ctx).value.find((t) => t.timerId === M01);
    expect(plain?.status).toBe('breached');
    const d = timerStates(events, policy, ctx, { customRules: [rainDays] });
    const m01 = d.value.find((t) => t.timerId === M01);
    expect(m01?.dueAt).toBe('2024-04-16T15:59:59.999Z');
    expect(m01?.status).toBe('met');
    expect(m01?.lateness).toBeUndefined();
    expect(m01?.violations).toEqual([]);
    expect(d.value.flatMap((t) => t.violations)).toEqual([]);
  });

  it('the trace shows the custom step in place: after the deadlines, before the breach step’s outcome lines', () => {
    const d = timerStates(events, policy, ctx, { customRules: [rainDays] });
    const at = d.trace.findIndex((t) => t.rule === 'acme.rainDays');
    expect(d.trace[at]).toMatchObject({
      clause: 'ACME 工期顺延办法 §2',
      message: { en: 'Seven rain days granted: due times move a week later' },
      data: { days: 7 },
    });
    const outcome = d.trace.findIndex((t) => t.data?.timerId === M01 && t.rule === 'S000-MILESTONE-01');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(outcome).toBe(at + 1);
    expect(d.trace[outcome]?.message.en).toContain('met, due 2024-04-16 23:59 (Beijing time)');
  });

  it('replacing the violation step charges the breach to whom the company says', () => {
    const d = timerStates(events, policy, ctx, {
      customRules: [
        {
          replace: TIMER_STEPS.violations,
          step: {
            id: 'acme.projectManagerPays',
            run: (stage: TimerStage) => ({
              ...stage,
              runs: stage.runs.map((r) =>
                r.state.status === 'breached'
                  ? {
                      ...r,
                      state: {
                        ...r.state,
                        violations: [
                          {
                            code: 'acme.late',
                            personId: 'u-pm',
                            occurredAt: r.state.breachedAt ?? ctx.now,
                            source: { module: 'sla', rule: 'acme.projectManagerPays' },
                          },
                        ],
                      },
                    }
                  : r,
              ),
            }),
          },
        },
      ],
    });
    expect(d.value.flatMap((t) => t.violations.map((v) => `${v.code} → ${v.personId}`))).toEqual([
      'acme.late → u-pm',
    ]);
    // The breach itself is still the built-in steps' finding.
    expect(d.value.find((t) => t.timerId === M01)?.lateness?.units).toBe(3);
    expect(timerPipeline().replace(TIMER_STEPS.violations, { id: 'x', run: (s) => s }).ids).not.toContain(
      TIMER_STEPS.violations,
    );
  });

  it('a custom rule before the events step sees the parsed log and may leave events out', () => {
    let seen = 0;
    const d = timerStates(events, policy, ctx, {
      customRules: [
        {
          before: TIMER_STEPS.events,
          step: {
            id: 'acme.dropCompletions',
            run: (stage: TimerStage, step) => {
              seen = stage.events.length;
              step.note(
                '完工申报未经监理签认，不计',
                'Completions not countersigned by the supervisor are left out',
              );
              return { ...stage, events: stage.events.filter((e) => e.type !== 'completionStandardMet') };
            },
          },
        },
      ],
    });
    expect(seen).toBe(2);
    expect(d.trace[0]?.rule).toBe('acme.dropCompletions');
    // Without the completion, M01 is still running past its due time: breached now, open.
    const m01 = d.value.find((t) => t.timerId === M01);
    expect(m01?.status).toBe('breached');
    expect(m01?.violations.map((v) => v.data?.open)).toEqual([true, true]);
  });

  it('an unknown step id is refused naming the nearest step id, at the rule’s place', () => {
    const e = refusal(() =>
      timerStates(events, policy, ctx, {
        customRules: [{ after: 'S002-SLA-5', step: { id: 'acme.x', run: (s: TimerStage) => s } }],
      }),
    );
    expect(e.code).toBe('unknown_reference');
    expect(e.path).toEqual(['options', 'customRules', 0, 'after']);
    expect(e.message).toContain('did you mean "S002-SLA-05"');
    const far = refusal(() =>
      timerStates(events, policy, ctx, {
        customRules: [{ before: 'nothing-like-it', step: { id: 'acme.x', run: (s: TimerStage) => s } }],
      }),
    );
    expect(far.message).toContain('have: S000B-MILESTONE-05, S004-SLA-00');
  });

  it('refuses a malformed custom rule list before running anything', () => {
    const run = (customRules: unknown) =>
      refusal(() => timerStates(events, policy, ctx, { customRules } as never));
    expect(run('x')).toMatchObject({ code: 'invalid_input', path: ['options', 'customRules'] });
    expect(run([{ after: TIMER_STEPS.replay, before: TIMER_STEPS.replay, step: {} }]).path).toEqual([
      'options',
      'customRules',
      0,
    ]);
    expect(run([{ after: TIMER_STEPS.replay, step: { id: 'a' } }]).path).toEqual([
      'options',
      'customRules',
      0,
      'step',
    ]);
    expect(
      run([{ after: TIMER_STEPS.replay, step: { id: TIMER_STEPS.deadlines, run: (s: unknown) => s } }]),
    ).toMatchObject({
      code: 'duplicate',
      path: ['options', 'customRules', 0, 'step', 'id'],
    });
    // A later rule may be placed at an earlier custom rule's step.
    const chained = timerStates(events, policy, ctx, {
      customRules: [
        rainDays,
        { after: 'acme.rainDays', step: { id: 'acme.then', run: (s: TimerStage) => s } },
      ],
    });
    expect(chained.value.find((t) => t.timerId === M01)?.status).toBe('met');
    expect(refusal(() => timerStates(events, policy, ctx, 3 as never)).path).toEqual(['options']);
  });

  it('refuses a custom rule returning a malformed stage; the path names the custom rule', () => {
    const withStep = (run: (s: TimerStage) => TimerStage) => () =>
      timerStates(events, policy, ctx, {
        customRules: [{ after: TIMER_STEPS.breaches, step: { id: 'acme.bad', run } }],
      });
    // A status the engine does not know.
    const status = refusal(
      withStep((s) => ({
        ...s,
        runs: s.runs.map((r) => ({ ...r, state: { ...r.state, status: 'late' as never } })),
      })),
    );
    expect(status.code).toBe('invalid_input');
    expect(status.path).toEqual(['customRules', 'acme.bad', 'runs', 0, 'state', 'status']);
    // A due time that is not an instant.
    expect(
      refusal(
        withStep((s) => ({
          ...s,
          runs: s.runs.map((r) => ({ ...r, state: { ...r.state, dueAt: 'next Tuesday' } })),
        })),
      ).path,
    ).toEqual(['customRules', 'acme.bad', 'runs', 0, 'state', 'dueAt']);
    // The runs dropped altogether.
    expect(refusal(withStep((s) => ({ ...s, runs: undefined as never })))).toMatchObject({
      code: 'invalid_state',
      path: ['customRules', 'acme.bad', 'runs'],
    });
    // No stage at all.
    expect(refusal(withStep(() => undefined as never)).path).toEqual(['customRules', 'acme.bad']);
    // A custom rule that crashes is reported as the custom rule's failure, not a bare TypeError.
    const crash = refusal(withStep((s) => (s as unknown as { x: { y: TimerStage } }).x.y));
    expect(crash).toMatchObject({ code: 'invalid_state', path: ['customRules', 'acme.bad'] });
    expect(crash.message).toContain('custom rule acme.bad failed');
  });

  it('slaTimersWith builds the sla.timers module with the rules: same effect, rules checked when built', () => {
    const plain = slaTimers.evaluate({ events }, slaTimers.preset('construction-000'), ctx);
    expect(plain.value.violations).toHaveLength(2);
    const acme = slaTimersWith({ customRules: [rainDays] });
    expect(acme.id).toBe('sla.timers');
    const d = acme.evaluate({ events }, acme.preset('construction-000'), ctx);
    expect(d.value.violations).toEqual([]);
    expect(d.value.result.find((t) => t.timerId === M01)?.status).toBe('met');
    expect(d.trace.some((t) => t.rule === 'acme.rainDays')).toBe(true);
    expect(d.provenance.module).toBe('sla.timers');
    const e = refusal(() =>
      slaTimersWith({
        customRules: [{ replace: 'S000-COMPLAINT-7', step: { id: 'x', run: (s: TimerStage) => s } }],
      }),
    );
    expect(e).toMatchObject({ code: 'unknown_reference', path: ['customRules', 0, 'replace'] });
    expect(e.message).toContain('"S000-COMPLAINT-07"');
    expect(refusal(() => slaTimersWith(null as never)).path).toEqual(['options']);
    // A failing custom step is named by its id through the module too.
    const bad = slaTimersWith({
      customRules: [
        {
          after: TIMER_STEPS.replay,
          step: { id: 'acme.bad', run: (s: TimerStage) => ({ ...s, runs: 1 as never }) },
        },
      ],
    });
    expect(refusal(() => bad.evaluate({ events }, bad.preset('construction-000'), ctx)).path).toEqual([
      'customRules',
      'acme.bad',
      'runs',
    ]);
    // The JSON input stays data: a customRules field is an unknown key.
    expect(
      refusal(() =>
        slaTimers.evaluate({ events, customRules: [] } as never, slaTimers.preset('construction-000'), ctx),
      ).code,
    ).toBe('unknown_key');
  });

  it('the module with company rules reports the violations of its states: an identity rule at any place gives the module’s violations without rules (a breach kept as reported after a late record included)', () => {
    const cases = [
      { policy: 'construction-000', events, ctx },
      {
        // The completion recorded late: the breach reported before it stays (the kept state's violation).
        policy: 'construction-000',
        events: [
          events[0] as SlaEventInput,
          {
            ...(events[1] as SlaEventInput),
            at: '2024-03-20T10:00:00+08:00',
            recordedAt: '2024-05-20T10:00:00+08:00',
          },
        ],
        ctx,
      },
      {
        policy: 'logistics-001b',
        events: [
          { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' },
          { type: 'received', subject: 'c2', at: '2024-05-10T09:00:00+08:00' },
          { type: 'planProposed', subject: 'c2', at: '2024-05-10T09:20:00+08:00' },
        ],
        ctx: makeContext({ now: '2024-05-10T10:20:00+08:00', calendar: chinaCalendar() }),
      },
    ];
    let charged = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.constantFrom(...timerPipeline().ids),
        fc.constantFrom('before', 'after'),
        (i, id, place) => {
          const c = cases[i] as (typeof cases)[number];
          const base = slaTimers.evaluate({ events: c.events }, slaTimers.preset(c.policy), c.ctx);
          const rule = { [place]: id, step: { id: 'acme.identity', run: (s: TimerStage) => s } };
          const acme = slaTimersWith({ customRules: [rule as unknown as TimerCustomRule] });
          const d = acme.evaluate({ events: c.events }, acme.preset(c.policy), c.ctx);
          expect(d.value.violations).toEqual(base.value.violations);
          expect(JSON.stringify(d.value.violations)).toBe(JSON.stringify(base.value.violations));
          expect(d.value.violations).toEqual(d.value.result.flatMap((t) => t.violations));
          charged += d.value.violations.length;
        },
      ),
      { seed: 21, numRuns: 30 },
    );
    expect(charged).toBeGreaterThan(0);
  });

  it('an identity custom rule at any place leaves states and catalog trace unchanged (property, with recurring and escalation presets)', () => {
    const cases = [
      {
        policy: construction000Preset(),
        events,
        ctx,
      },
      {
        policy: logistics001bPreset(),
        events: [
          { type: 'received', subject: 'c1', at: '2024-05-10T09:45:00+08:00' },
          { type: 'received', subject: 'c2', at: '2024-05-10T09:00:00+08:00' },
          { type: 'planProposed', subject: 'c2', at: '2024-05-10T09:20:00+08:00' },
        ],
        ctx: makeContext({ now: '2024-05-10T10:20:00+08:00', calendar: chinaCalendar() }),
      },
      {
        policy: retail000Preset(),
        events: [
          { type: 'received', subject: 'r1', at: '2024-03-01T10:00:00+08:00' },
          { type: 'complaintStatsSubmitted', subject: 'company', at: '2024-04-11T09:00:00+08:00' },
        ],
        ctx: makeContext({ now: '2024-06-20T00:00:00+08:00', calendar: chinaCalendar() }),
      },
    ];
    const places = ['before', 'after', 'replace'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.constantFrom(...timerPipeline().ids),
        fc.constantFrom(...places.slice(0, 2)),
        (c, id, place) => {
          const base = timerStates(c.events as SlaEventInput[], c.policy, c.ctx);
          const rule = { [place]: id, step: { id: 'acme.identity', run: (s: TimerStage) => s } };
          const d = timerStates(c.events as SlaEventInput[], c.policy, c.ctx, {
            customRules: [rule as unknown as TimerCustomRule],
          });
          expect(d.value).toEqual(base.value);
          expect(d.trace).toEqual(base.trace);
        },
      ),
      { seed: 11, numRuns: 20 },
    );
    expect(places).toHaveLength(3);
  });
});
