import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromPglite, type SqlDatabase } from './client.js';
import { EventStore } from './store.js';

// The store validates a policy's stored versions once and keeps the history for the records that
// follow (issue 21: it validated them again on every record). Counted by a PolicyHistory that notes
// each construction, in this file only.
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('@zhidu/core', async (importOriginal) => {
  const core = await importOriginal<typeof import('@zhidu/core')>();
  class CountingHistory<P> extends core.PolicyHistory<P> {
    constructor(...args: ConstructorParameters<typeof core.PolicyHistory<P>>) {
      super(...args);
      built.count++;
    }
  }
  return { ...core, PolicyHistory: CountingHistory };
});

const received = (subject: string, at: string) => ({
  type: 'received',
  subject,
  at,
  assignees: { opsCustomerService: 'ops1' },
});

describe('the policy history a record judges under', () => {
  let db: SqlDatabase;
  let store: EventStore;
  const now = '2024-04-01T00:00:00+08:00';

  beforeAll(async () => {
    db = fromPglite(new PGlite(), { ownsDb: true });
    store = new EventStore(db, { prefix: 'hc', clock: () => now });
    await store.migrate();
    await store.putPolicy('sla.timers', 'retail-000', { now: '2024-01-01T00:00:00+08:00' });
  });
  afterAll(async () => {
    await db.close();
  });

  it('is validated once for the same stored versions, again when they change', async () => {
    await store.record('sla.timers', 'c:1', [received('a', '2024-03-01T10:00:00+08:00')], { now });
    const afterFirst = built.count;
    for (let i = 2; i <= 6; i++)
      await store.record('sla.timers', `c:${i}`, [received(`s${i}`, '2024-03-01T10:00:00+08:00')], { now });
    await store.record('sla.timers', 'c:1', [received('b', '2024-03-02T10:00:00+08:00')], { now });
    expect(built.count).toBe(afterFirst);
    // A version changed in the table is other texts: validated again, once.
    await db.query(
      `UPDATE hc_policies SET content = jsonb_set(content, '{source,clause}', '"L1–L9"') WHERE module_id = 'sla.timers'`,
    );
    await store.record('sla.timers', 'c:7', [received('c', '2024-03-03T10:00:00+08:00')], { now });
    await store.record('sla.timers', 'c:8', [received('d', '2024-03-03T10:00:00+08:00')], { now });
    expect(built.count).toBe(afterFirst + 1);
  });
});
