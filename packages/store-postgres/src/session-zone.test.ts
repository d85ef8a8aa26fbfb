import { PGlite } from '@electric-sql/pglite';
import { getPreset } from '@zhidu/modules';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPglite, type SqlDatabase } from './client.js';
import { EventStore } from './store.js';

// The store reads stored instants back the same whatever the database session's TimeZone. Before 1901
// Asia/Shanghai had a local mean time offset with seconds (+08:05:43), which a JSON rendering of a
// timestamptz carries and `Date` cannot read: reading such events, violations or a rebuild of the
// stream threw a RangeError.
describe('stored instants read back under a session TimeZone of Asia/Shanghai', () => {
  let db: SqlDatabase;
  let store: EventStore;
  const now = '1900-07-01T00:00:00+08:00';

  beforeAll(async () => {
    db = fromPglite(new PGlite(), { ownsDb: true });
    await db.query(`SET TIME ZONE 'Asia/Shanghai'`);
    store = new EventStore(db, { prefix: 'sz', clock: () => now, outsideData: 'weekdays' });
    await store.migrate();
    const policy = JSON.parse(JSON.stringify(getPreset('sla.timers/retail-000'))) as Record<string, unknown>;
    await store.putPolicy('sla.timers', { ...policy, version: '1900', effectiveFrom: '1900-01-01' });
  });
  afterAll(async () => {
    await db.close();
  });

  it('a rebuild of a stream with instants before 1901 reads them and changes nothing', async () => {
    const r = await store.record(
      'sla.timers',
      'complaint:old',
      [
        {
          type: 'received',
          subject: 'old',
          at: '1900-06-01T10:00:00+08:00',
          assignees: { opsCustomerService: 'ops1' },
        },
        { type: 'closed', subject: 'old', at: '1900-06-20T10:00:00+08:00' },
      ],
      { now },
    );
    expect(r.toVersion).toBe(2);
    const violations = await store.violations({ personId: 'ops1' });
    expect(violations.length).toBe(1);
    expect(violations[0]?.occurredAt).toMatch(/^1900-06-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const events = await store.read('complaint:old');
    expect(events.map((e) => e.occurredAt)).toEqual(['1900-06-01T02:00:00.000Z', '1900-06-20T02:00:00.000Z']);
    const report = await store.rebuild('sla.timers', { now });
    expect(report.streams).toEqual(['complaint:old']);
    expect(report.changes).toEqual([]);
  });
});
