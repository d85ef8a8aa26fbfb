// Run by parallel-pool.test.ts in a child process: a pool closed after its call, and a pool left
// open and idle; the process must end by itself (exit code 0) with both answers printed.
import { createEvaluationPool } from '@zhidu/modules';

const ctx = { now: '2024-03-20T00:00:00+08:00' };
const complaint = (id: string, closed: string | null) => ({
  events: [
    {
      type: 'received',
      subject: id,
      at: '2024-03-01T10:00+08:00',
      assignees: { opsCustomerService: 'ops1' },
    },
    ...(closed === null ? [] : [{ type: 'closed', subject: id, at: closed }]),
  ],
});
const inputs = [complaint('r-1', '2024-03-04T09:00+08:00'), complaint('r-2', null)];

const closed = createEvaluationPool({ workers: 1 });
const a = await closed.evaluate('sla.timers', inputs, 'retail-000', { ctx });
await closed.close();
const open = createEvaluationPool({ workers: 1 });
const b = await open.evaluate('sla.timers', inputs, 'retail-000', { ctx });
console.log(
  JSON.stringify({
    closed: a.map((d) => d.value.violations.length),
    open: b.map((d) => d.value.violations.length),
  }),
);
