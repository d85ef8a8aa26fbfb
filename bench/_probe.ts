import { chinaCalendar } from '@zhidu/calendar-cn';
import { makeContext, parseInput, ViolationSchema, localDateOf } from '@zhidu/core';
import { assessPenalties, dealerFileSchedule } from '@zhidu/penalty';
const schedule = dealerFileSchedule();
const ctx = makeContext({ now: '2024-06-30T18:00:00+08:00', calendar: chinaCalendar() });
const N = 100000;
const vs: any[] = [];
const start = Date.parse('2024-03-01T00:00:00+08:00');
for (let i = 0; i < N; i++) {
  const at = start + ((i * 7919) % (90 * 86400)) * 1000;
  const sales = i % 2 === 0;
  vs.push({ code: sales ? 'records.handover.late' : 'records.item.missing', personId: `p${i % 2000}`, role: sales ? 'salesConsultant' : 'serviceAdvisor', occurredAt: new Date(at).toISOString(), quantity: 1, lateBy: { unit: 'workingDays', units: 1 }, subject: { kind: 'file', id: `f${i}` }, correctedAt: new Date(at + 3600000).toISOString(), source: { module: 'records', rule: 'X' } });
}
let t = performance.now();
for (const v of vs) parseInput(ViolationSchema, v, ['v']);
console.log('parse only', ((performance.now() - t) / N * 1000).toFixed(1), 'us');
t = performance.now();
const r = assessPenalties(vs, schedule, ctx, { trace: 'summary' });
console.log('assess summary', ((performance.now() - t) / N * 1000).toFixed(1), 'us', r.value.total);
t = performance.now();
const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });
for (const v of vs) fmt.format(new Date(v.occurredAt));
console.log('intl format', ((performance.now() - t) / N * 1000).toFixed(1), 'us');
t = performance.now();
for (const v of vs) localDateOf(v.occurredAt, 'Asia/Shanghai');
console.log('localDateOf', ((performance.now() - t) / N * 1000).toFixed(1), 'us');
