import { expect, it } from 'vitest';
import { startServer } from './index.js';

it('runs the README example as written (S000-COMPLAINT-17 over HTTP on 127.0.0.1)', async () => {
  const server = await startServer({ port: 0, auth: { tokens: { s3cret: { id: 'erp' } } }, logger: false });
  try {
    const res = await fetch(`${server.url}/v1/sla.timers/evaluate`, {
      method: 'POST',
      headers: { authorization: 'Bearer s3cret', 'content-type': 'application/json' },
      body: JSON.stringify({
        preset: 'retail-000',
        context: { now: '2024-03-20T00:00:00+08:00' },
        input: {
          events: [
            {
              type: 'received',
              subject: 'r-5',
              at: '2024-03-01T10:00+08:00',
              assignees: { opsCustomerService: 'ops1' },
            },
            { type: 'closed', subject: 'r-5', at: '2024-03-10T09:00+08:00' },
          ],
        },
      }),
    });
    const decision = (await res.json()) as { value: { violations: { code: string }[] } };
    expect(decision.value.violations[0]?.code).toBe('sla.complaint.S000-COMPLAINT-17');
  } finally {
    await server.close();
  }
});
