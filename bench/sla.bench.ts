// @zhidu/sla: due-time computations per second, and how the cost of a working-day target grows from a
// 1- to a 1,000-working-day horizon. The engine resolves targets through core's O(log n) calendar
// arithmetic; the naive peer is what many SLA engines do — step day by day and test each day.
// Figures are wall-clock on a shared machine: read the ratios, not the absolute numbers.
//
// evaluateTimers over a whole log (2,000 in-unit repairs on the 004 preset's 98 timers) against a
// naive peer: reads the policy's timers (those whose `appliesWhen` is one attribute equality, one
// start and one stop event type and a target in minutes — the kind the log triggers) and the events;
// groups events by subject, matches each subject's first event's attributes against every timer,
// starts at the first start event, stops at the first stop event after it, due = start + minutes;
// the headline answer is each (subject, timer, met/breached). Skips validation, pauses, excuses,
// warnings, escalations, calendars, violations and trace. Cross-checked before timing: the peer's
// list equals zhidu's every state (this log triggers only minute timers keyed on `row`, so the peer
// leaving other timers out drops none of zhidu's states), so both compute the same headline answer
// over the same inputs. zhidu's side is the full public decision: the module's input validation and
// order check, the states with due times, trace entries citing each clause, violations, provenance.
// The peer returns 3,500 short strings; zhidu returns 3,500 full states (19 fields, five lists each)
// and 3,500 bilingual trace entries with their data, so the comparison weighs reading the log and
// judging the timers together with building that decision.
// zhidu's input is read by the sla.timers module's one-pass fast path (readTimerEventsFast): each
// event checked by hand, ordered and given its epoch ms once; the general zod path refuses anything
// else. Each call below is one evaluation of the whole log (one median of RUNS calls, wall clock, after
// the harness's untimed warm-up runs of each side).
// Target (issue 21): evaluateTimers at least as fast as the naive peer.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { addDays, endOfLocalDay, localDateOf, makeContext } from '@zhidu/core';
import { evaluateTimers, propertyService004Preset, resolveTarget, type Target } from '@zhidu/sla';
import { agree, medianMsEach, medianOps as opsPerSecond, Report, rate, size, table } from './harness.js';

const calendar = chinaCalendar();
const ctx = makeContext({ now: '2021-01-04T09:00:00+08:00', calendar });
const start = '2021-01-04T09:30:00+08:00';

/** The naive peer: walk forward one calendar day at a time, counting working days. */
function naiveDue(startAt: string, workdays: number): string {
  let d = localDateOf(startAt, ctx.zone);
  let left = workdays;
  while (left > 0) {
    d = addDays(d, 1);
    if (calendar.isWorkday(d)) left--;
  }
  return endOfLocalDay(d, ctx.zone);
}

// Warm up the JIT on every path before measuring anything.
for (let i = 0; i < 2000; i++) {
  resolveTarget(
    { kind: 'duration', spec: { unit: 'workingDays', amount: 1 + (i % 50), at: 'endOfDay' } },
    start,
    {},
    [],
    ctx,
  );
  resolveTarget({ kind: 'duration', spec: { unit: 'minutes', amount: 30 } }, start, {}, [], ctx);
  naiveDue(start, 1 + (i % 20));
}

const growth = [1, 10, 100, 1000].map((horizon) => {
  const target: Target = { kind: 'duration', spec: { unit: 'workingDays', amount: horizon, at: 'endOfDay' } };
  const resolved = resolveTarget(target, start, {}, [], ctx);
  if (resolved.kind !== 'deadline' || resolved.deadline.at !== naiveDue(start, horizon)) {
    throw new Error(`engine and naive peer disagree at ${horizon} working days`);
  }
  return {
    horizon,
    engine: opsPerSecond(() => resolveTarget(target, start, {}, [], ctx)),
    naive: opsPerSecond(() => naiveDue(start, horizon)),
  };
});
const base = growth[0];
table(
  growth.map((g) => ({
    'horizon (working days)': g.horizon,
    'engine due-times/s': rate(g.engine),
    'engine cost vs 1 day': `${((base?.engine ?? g.engine) / g.engine).toFixed(2)}×`,
    'day-by-day due-times/s': rate(g.naive),
    'day-by-day cost vs 1 day': `${((base?.naive ?? g.naive) / g.naive).toFixed(2)}×`,
    'engine speed-up': `${(g.engine / g.naive).toFixed(1)}×`,
  })),
);

const targets: [string, Target][] = [
  ['30 minutes (wall clock)', { kind: 'duration', spec: { unit: 'minutes', amount: 30 } }],
  [
    '3 working days (end of day)',
    { kind: 'duration', spec: { unit: 'workingDays', amount: 3, at: 'endOfDay' } },
  ],
  ['5 working hours (business time)', { kind: 'duration', spec: { unit: 'workingHours', amount: 5 } }],
  [
    'amount band (byAttribute)',
    {
      kind: 'byAttribute',
      cases: [
        { when: [{ attribute: 'amountYuan', lt: 100_000 }], spec: { unit: 'calendarDays', amount: 5 } },
      ],
      otherwise: { unit: 'calendarDays', amount: 25 },
    },
  ],
];
table(
  targets.map(([name, t]) => ({
    target: name,
    'due-times/s': rate(opsPerSecond(() => resolveTarget(t, start, { amountYuan: 80_000 }, [], ctx))),
  })),
);

// A whole log: in-unit repairs (request, arrival, completion) on the 004 preset's 98 timers.
const REPAIRS = size(2_000, 200, 'SLA_BENCH_REPAIRS');
const policy = propertyService004Preset();
const rows = ['T5-03', 'T5-13', 'T5-09', 'T4-07'];
type Ev = { type: string; subject: string; at: string; attributes?: Record<string, string> };
const events: Ev[] = Array.from({ length: REPAIRS }, (_, i) => {
  const t0 = Date.parse('2024-03-04T01:00:00Z') + i * 60_000;
  const subject = `r${i}`;
  return [
    {
      type: 'request',
      subject,
      at: new Date(t0).toISOString(),
      attributes: { row: rows[i % rows.length] ?? 'T5-03' },
    },
    { type: 'arrive', subject, at: new Date(t0 + 20 * 60_000).toISOString() },
    { type: 'complete', subject, at: new Date(t0 + 50 * 60_000).toISOString() },
  ];
})
  .flat()
  .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
const evalCtx = makeContext({ now: '2024-03-10T00:00:00+08:00', calendar });

/** The naive peer: simple minute timers matched by one attribute, first start to first stop. */
function naiveTimers(log: readonly Ev[]): string[] {
  const timers = policy.params.timers as unknown as {
    id: string;
    appliesWhen: { equals?: string; attribute?: string }[];
    start: { type: string }[];
    stop: { type: string }[];
    target: { kind: string; spec?: { unit: string; amount: number } };
  }[];
  const bySubject = new Map<string, Ev[]>();
  for (const e of log) {
    const list = bySubject.get(e.subject) ?? [];
    list.push(e);
    bySubject.set(e.subject, list);
  }
  const out: string[] = [];
  for (const [subject, list] of bySubject) {
    const attrs = list[0]?.attributes ?? {};
    for (const t of timers) {
      const w = t.appliesWhen[0];
      if (t.appliesWhen.length !== 1 || w?.attribute === undefined || attrs[w.attribute] !== w.equals)
        continue;
      if (t.target.kind !== 'duration' || t.target.spec?.unit !== 'minutes') continue;
      const start = list.find((e) => e.type === t.start[0]?.type);
      if (start === undefined) continue;
      const stop = list.find((e) => e.type === t.stop[0]?.type && e.at >= start.at);
      const due = Date.parse(start.at) + t.target.spec.amount * 60_000;
      const status = stop === undefined ? 'running' : Date.parse(stop.at) <= due ? 'met' : 'breached';
      out.push(`${subject} ${t.id} ${status}`);
    }
  }
  return out.sort();
}
const zhiduTimers = () => evaluateTimers({ events }, policy, evalCtx);
const states = zhiduTimers().value.result;
agree(
  'timer states (subject, timer, status)',
  states.map((x) => `${x.subject} ${x.timerId} ${x.status}`).sort(),
  naiveTimers(events),
);
const { zhidu: zMs, naive: nMs } = medianMsEach({ zhidu: zhiduTimers, naive: () => naiveTimers(events) });
const report = new Report('sla');
report.compare(
  `evaluateTimers, ${events.length.toLocaleString('en-US')} events, 98 timers`,
  (states.length / zMs) * 1000,
  'naive peer',
  (states.length / nMs) * 1000,
  'timer states/s',
  { min: 1, text: 'at least as fast (≥ 1×)' },
);
report.figure('evaluateTimers timer states/s', (states.length / zMs) * 1000);
for (const g of growth) report.figure(`resolveTarget ${g.horizon} working days, due-times/s`, g.engine);
report.print();
console.log(`${rate(states.length)} timer states; zhidu and the naive peer agree on every one`);
