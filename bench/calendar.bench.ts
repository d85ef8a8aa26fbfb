// Working-day deadlines on the PRC calendar (statutory holidays and make-up working days), from 1 to
// 1,000 working days: zhidu's counting against stepping day by day, on the same PRC answers.
//
// - zhidu `deadline(at, { unit: 'workingDays', amount })` (core, the calendar of @zhidu/calendar-cn):
//   validates the spec, counts working days over the calendar's prefix sums (O(log n)), returns the
//   end of the local day as an instant. `calendar.addWorkdays(date, n)` is the bare date form.
// - peer (what many SLA engines do): date-fns `addDays` one calendar day at a time, `format` to a
//   local date, and `chinese-days` `isWorkday` for each day (the same statutory table zhidu's calendar
//   is generated from), until n working days have passed. Reads a date and a count; computes the
//   date; skips validation and the instant. date-fns `addBusinessDays` alone counts Monday–Friday
//   only (it knows no 春节 or 调休), so it is shown as a figure, not as the PRC answer.
// Every horizon's answer is cross-checked (zhidu, the bare calendar form and the peer) before timing.
// Targets (issue 21): flat from 1 to 1,000 working days (cost ratio ≤ 2×) and ≥ 50× the peer at 1,000.
import { createRequire } from 'node:module';
import { chinaCalendar } from '@zhidu/calendar-cn';
import { deadline, localDateOf } from '@zhidu/core';
import { agree, medianOps, Report } from './harness.js';

const require = createRequire(import.meta.url);
const dateFns = require('date-fns') as typeof import('date-fns');
const chineseDays = require('chinese-days') as { isWorkday: (d: string) => boolean };

const cal = chinaCalendar();
const START_DAY = '2020-01-02';
const START = '2020-01-02T10:00:00+08:00';

/** The peer: date-fns day stepping with chinese-days' workday table. */
function peerAddWorkdays(date: string, n: number): string {
  let d = dateFns.parseISO(date);
  let left = n;
  let s = date;
  while (left > 0) {
    d = dateFns.addDays(d, 1);
    s = dateFns.format(d, 'yyyy-MM-dd');
    if (chineseDays.isWorkday(s)) left--;
  }
  return s;
}

const report = new Report('calendar');
const horizons = [1, 10, 100, 1000];
const rows = horizons.map((h) => {
  const spec = { unit: 'workingDays', amount: h } as const;
  const z = deadline(START, spec, { calendar: cal });
  const zDay = localDateOf(z.at, 'Asia/Shanghai');
  agree(`deadline vs addWorkdays at ${h} working days`, zDay, cal.addWorkdays(START_DAY, h));
  agree(`deadline vs date-fns + chinese-days at ${h} working days`, zDay, peerAddWorkdays(START_DAY, h));
  return {
    h,
    deadline: medianOps(() => deadline(START, spec, { calendar: cal })),
    addWorkdays: medianOps(() => cal.addWorkdays(START_DAY, h)),
    peer: medianOps(() => peerAddWorkdays(START_DAY, h)),
    businessDays: medianOps(() => dateFns.addBusinessDays(dateFns.parseISO(START_DAY), h)),
  };
});
const u = 'deadlines/s';
for (const r of rows) {
  report.compare(
    `deadline(${r.h} working days) vs date-fns + chinese-days stepping`,
    r.deadline,
    'day stepping',
    r.peer,
    u,
    r.h === 1000 ? { min: 50, text: '≥ 50×' } : undefined,
  );
  report.figure(`deadline ${r.h} working days, deadlines/s`, r.deadline);
  report.figure(`calendar.addWorkdays ${r.h} working days, dates/s`, r.addWorkdays);
  report.figure(
    `date-fns addBusinessDays ${r.h} (weekends only, not the PRC answer), dates/s`,
    r.businessDays,
  );
}
const one = rows[0];
const thousand = rows[rows.length - 1];
if (one !== undefined && thousand !== undefined) {
  // Flatness as a speed ratio: 1,000-day rate ÷ 1-day rate must be ≥ 0.5 (cost grows ≤ 2×).
  report.compare(
    'deadline 1,000 vs 1 working day (flatness)',
    thousand.deadline,
    'same at 1 day',
    one.deadline,
    u,
    {
      min: 0.5,
      text: 'cost ≤ 2× (≥ 0.5×)',
    },
  );
}
report.print();
