// @zhidu/sla: due-time computations per second, and how the cost of a working-day target grows from a
// 1- to a 1,000-working-day horizon. The engine resolves targets through core's O(log n) calendar
// arithmetic; the naive peer is what many SLA engines do — step day by day and test each day.
// Figures are wall-clock on a shared machine: read the ratios, not the absolute numbers.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { addDays, endOfLocalDay, localDateOf, makeContext } from '@zhidu/core';
import {
  evaluateTimers,
  propertyService004Preset,
  resolveTarget,
  type Target,
} from '../packages/sla/src/index.js';
import { opsPerSecond, rate, table, timeOnce } from './harness.js';

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

// A whole log: 2,000 in-unit repairs (request, arrival, completion) on the 004 preset's 98 timers.
const policy = propertyService004Preset();
const rows = ['T5-03', 'T5-13', 'T5-09', 'T4-07'];
const events = Array.from({ length: 2000 }, (_, i) => {
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
const run = timeOnce(() => evaluateTimers({ events }, policy, evalCtx));
console.log(
  `evaluateTimers: ${events.length} events, ${run.result.value.result.length} timer states in ${run.ms.toFixed(0)} ms ` +
    `(${rate((run.result.value.result.length / run.ms) * 1000)} timer states/s)`,
);
