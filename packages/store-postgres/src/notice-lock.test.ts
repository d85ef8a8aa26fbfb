import { contentHash } from '@zhidu/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partitioned } from '../test/backends.js';
import { fromPgPool } from './client.js';
import { tablesOf } from './migrations.js';
import { EventStore } from './store.js';

// A calendar notice import and the records judged beside it (S000B-COMPLAINT-04). The import
// recomputes the streams whose open timers it finds; a record that read the notices before the
// import and committed after it was found by neither (its timers kept the old working days). The
// records, recomputations and rebuilds hold the tenant's notices shared, the import alone: one waits
// for the other. Two connections are needed, so this runs on a PostgreSQL server only.
const url = process.env.ZHIDU_PG_URL;

/** Whether `promise` is still pending after `ms`. */
async function pendingAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise((r) => setTimeout(r, ms));
  return !settled;
}

describe.skipIf(!url)('a notice import and the records beside it (PostgreSQL server)', () => {
  let pool: pg.Pool;
  let store: EventStore;
  const prefix = `nl${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const t = tablesOf(prefix);
  const now = '2027-03-10T12:00:00+08:00';
  /** The key the store locks the default tenant's notices under. */
  const noticesKey = JSON.stringify([t.notices, 'default']);
  const assigned = (subject: string) => ({
    type: 'assigned',
    subject,
    at: '2027-03-10T11:00+08:00',
    attributes: { level: 'general' },
    assignees: { handlingOwner: 'sm1' },
  });
  /** A notice for 2027 (a later `published` replaces an earlier one). */
  const notice = (days: string[], published: string) => ({
    year: 2027,
    source: '兰亭置业测试用：2027年放假安排（虚构）',
    published,
    holidays: Object.fromEntries(days.map((d) => [d, '测试假日'])),
    makeUpWorkdays: {},
  });

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url, max: 6 });
    store = new EventStore(fromPgPool(pool), { prefix, outsideData: 'provisional', ...partitioned });
    await store.migrate();
    await store.putPolicy('sla.timers', 'dealer-000');
  });
  afterAll(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${Object.values(t).join(', ')}`);
    await pool.end();
  });

  /**
   * Records the first event of `complaint:<subject>` on `on` while a second connection holds the
   * notices alone and imports `content`: the record must wait for the import (checked), then finish.
   */
  const recordDuringImport = async (
    on: EventStore,
    subject: string,
    content: ReturnType<typeof notice>,
  ): Promise<void> => {
    const importer = await pool.connect();
    try {
      await importer.query('BEGIN');
      await importer.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [noticesKey]);
      const recorded = on.record('sla.timers', `complaint:${subject}`, [assigned(subject)], { now });
      expect(await pendingAfter(recorded, 400)).toBe(true);
      await importer.query(
        `INSERT INTO ${t.notices} (tenant, year, hash, content) VALUES ($1, $2, $3, $4::jsonb)`,
        ['default', 2027, contentHash(content), JSON.stringify(content)],
      );
      await importer.query('COMMIT');
      await recorded;
    } finally {
      importer.release();
    }
  };

  it('a record that starts while a notice is being imported waits, then judges under the new notice', async () => {
    await recordDuringImport(store, 'w-1', notice(['2027-03-11'], '2026-11-05'));
    const timer = (await store.timersDue('2027-03-11T00:00:00+08:00', '2027-03-14T00:00:00+08:00')).find(
      (x) => x.streamId === 'complaint:w-1',
    );
    // 2027-03-11 is a holiday in the notice: one working day from the 10th ends on the 12th, not
    // provisionally on the 11th.
    expect(timer).toMatchObject({
      timerId: 'solution1wd',
      dueAt: '2027-03-12T15:59:59.999Z',
      provisional: false,
    });
  });

  it('an import that starts while a record is judged waits for it, then recomputes its stream', async () => {
    // A stream of its own, with an open timer in 2027 (on the first notice, or provisional without it).
    await store.record('sla.timers', 'complaint:w-2', [assigned('w-2')], { now });
    const recorder = await pool.connect();
    try {
      await recorder.query('BEGIN');
      // A record under way holds the notices shared (as store.record does with its stream lock).
      await recorder.query('SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))', [noticesKey]);
      const imported = store.importCalendarNotice(notice(['2027-03-11', '2027-03-12'], '2026-11-20'), {
        now,
      });
      expect(await pendingAfter(imported, 400)).toBe(true);
      await recorder.query('COMMIT');
      const result = await imported;
      expect(result).toMatchObject({ year: 2027, stored: true });
      // The stream recorded above has an open timer due in 2027: recomputed.
      expect(result.recomputed.streams).toContain('complaint:w-2');
    } finally {
      recorder.release();
    }
    const timer = (await store.timersDue('2027-03-11T00:00:00+08:00', '2027-03-20T00:00:00+08:00')).find(
      (x) => x.streamId === 'complaint:w-2',
    );
    // The corrected notice makes the 11th and the 12th holidays (the weekend follows): due Monday the 15th.
    expect(timer).toMatchObject({
      timerId: 'solution1wd',
      dueAt: '2027-03-15T15:59:59.999Z',
      provisional: false,
    });
  });

  it('holds on a server whose transactions default to REPEATABLE READ: the store begins READ COMMITTED', async () => {
    // At REPEATABLE READ a transaction's snapshot is taken when its first statement starts — the
    // lock, before it is granted — so a record that waited for an import would still read the notices
    // from before it. fromPgPool begins its transactions READ COMMITTED whatever the server's default.
    const strictPool = new pg.Pool({
      connectionString: url,
      max: 3,
      options: '-c default_transaction_isolation=repeatable\\ read',
    });
    try {
      const strict = new EventStore(fromPgPool(strictPool), {
        prefix,
        outsideData: 'provisional',
        ...partitioned,
      });
      expect((await strictPool.query('SHOW default_transaction_isolation')).rows[0]).toEqual({
        default_transaction_isolation: 'repeatable read',
      });
      const level = await fromPgPool(strictPool).transaction((tx) => tx.query('SHOW transaction_isolation'));
      expect(level.rows).toEqual([{ transaction_isolation: 'read committed' }]);
      // A third notice for 2027: the 11th a working day again, the 16th a holiday.
      await recordDuringImport(strict, 'w-3', notice(['2027-03-16'], '2026-11-30'));
      const timer = (await strict.timersDue('2027-03-10T00:00:00+08:00', '2027-03-20T00:00:00+08:00')).find(
        (x) => x.streamId === 'complaint:w-3',
      );
      // Under the third notice the 11th is a working day again: due the 11th, and not provisional
      // (under the second notice, read from a stale snapshot, it would be due the 15th).
      expect(timer).toMatchObject({
        timerId: 'solution1wd',
        dueAt: '2027-03-11T15:59:59.999Z',
        provisional: false,
      });
    } finally {
      await strictPool.end();
    }
  });
});
