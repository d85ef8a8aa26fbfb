// Working-day arithmetic on the PRC calendar: zhidu's O(log n) counting vs stepping day by day
// (what a naive implementation — and many SLA engines — do). Same calendar data for both.
import { chinaCalendar } from '@zhidu/calendar-cn';
import { addDays, deadline } from '@zhidu/core';
import { opsPerSecond, rate, table } from './harness.js';

const cal = chinaCalendar();

function naiveAddWorkdays(date: string, n: number): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}

const rows = [1, 10, 100, 1000].map((horizon) => {
  if (naiveAddWorkdays('2020-01-02', horizon) !== cal.addWorkdays('2020-01-02', horizon)) {
    throw new Error(`implementations disagree at horizon ${horizon}`);
  }
  const fast = opsPerSecond(() => cal.addWorkdays('2020-01-02', horizon));
  const naive = opsPerSecond(() => naiveAddWorkdays('2020-01-02', horizon));
  return {
    'horizon (workdays)': horizon,
    'zhidu ops/s': rate(fast),
    'day-by-day ops/s': rate(naive),
    'speed-up': `${(fast / naive).toFixed(1)}×`,
  };
});
table(rows);

const spec = { unit: 'workingDays', amount: 3 } as const;
console.log(
  `deadline(3 working days, PRC): ${rate(opsPerSecond(() => deadline('2025-09-30T17:40:00+08:00', spec, { calendar: cal })))} ops/s`,
);
