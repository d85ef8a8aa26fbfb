import { isZhiduError } from '@zhidu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storeOnBackend, targets } from '../test/backends.js';
import type { StoredEvent } from './store.js';

// Issue 18, what was left: `read` and `readAll` show personal values alike (and `'[erased]'` alike
// after erasure), and a raw `append` never writes to a stream bound to a module. On PGlite always and
// on a PostgreSQL server when ZHIDU_PG_URL is set.

async function refusal(
  call: () => Promise<unknown>,
): Promise<{ code: string; path: unknown[]; details?: unknown } | string> {
  try {
    await call();
    return 'resolved';
  } catch (e) {
    if (isZhiduError(e)) return { code: e.code, path: e.path, details: e.details };
    return `not a ZhiduError: ${String(e)}`;
  }
}

const staff = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
/** A visit and a registration at a fictitious 兰亭置业 sales office, the registration naming the customer. */
const visitAndRegistration = (customerId: string, name: string, phone: string) => [
  {
    type: 'visit',
    at: '2024-01-05T10:00+08:00',
    customerId,
    onTurnId: 'B',
    intake: { visitedBefore: 'no', named: [] },
    presentIds: ['A', 'B', 'C'],
  },
  {
    type: 'registration',
    at: '2024-01-05T10:30+08:00',
    customerId,
    salespersonId: 'B',
    channel: 'walkIn',
    fields: { name, phone },
  },
];

describe.each(targets)(
  'reading personal values and appending to module streams on $name',
  ({ connectionString }) => {
    const on = storeOnBackend(connectionString, {
      tag: 'ra',
      clock: () => '2024-01-06T00:00:00+08:00',
      policies: [
        ['attribution.ownership', 'sales-office-001'],
        ['sla.timers', 'retail-000'],
      ],
    });

    /** Every event of the tenant through readAll, paged `limit` at a time. */
    async function readAllPaged(limit: number, personal?: boolean): Promise<StoredEvent[]> {
      const out: StoredEvent[] = [];
      let after = 0;
      for (;;) {
        const page = await on.store.readAll({
          afterPosition: after,
          limit,
          ...(personal === undefined ? {} : { personal }),
        });
        out.push(...page);
        if (page.length < limit) return out;
        after = page[page.length - 1]?.position ?? after;
      }
    }
    const ofStream = (events: StoredEvent[], streamId: string) =>
      events.filter((e) => e.streamId === streamId);

    it('readAll shows the personal values read shows, page by page; both show [erased] after erasure (PIPL)', async () => {
      await on.store.record(
        'attribution.ownership',
        'customer:lt-1',
        visitAndRegistration('lt-1', '兰亭甲客户', '13800000101'),
        {
          input: { customerId: 'lt-1', staff },
          expectedVersion: 0,
        },
      );
      await on.store.record(
        'attribution.ownership',
        'customer:lt-2',
        visitAndRegistration('lt-2', '兰亭乙客户', '13800000102'),
        {
          input: { customerId: 'lt-2', staff },
          expectedVersion: 0,
        },
      );
      // An event without personal values between them, appended to a stream of no module.
      await on.store.append('log:desk', [
        { type: 'note', occurredAt: '2024-01-05T11:00:00+08:00', payload: { n: 1 } },
      ]);

      const read1 = await on.store.read('customer:lt-1');
      expect(read1[1]?.payload.fields).toEqual({ name: '兰亭甲客户', phone: '13800000101' });
      for (const limit of [1, 2, 3, 10_000]) {
        const all = await readAllPaged(limit);
        expect(ofStream(all, 'customer:lt-1')).toEqual(read1);
        expect(ofStream(all, 'customer:lt-2')).toEqual(await on.store.read('customer:lt-2'));
        expect(ofStream(all, 'log:desk').map((e) => e.payload)).toEqual([{ n: 1 }]);
      }

      // A caller not allowed to see personal information asks with personal: false, in both.
      const masked = await on.store.read('customer:lt-1', { personal: false });
      expect(masked[1]?.payload.fields).toEqual({ name: '[personal]', phone: '[personal]' });
      expect(ofStream(await readAllPaged(2, false), 'customer:lt-1')).toEqual(masked);

      expect(await on.store.erase('lt-1')).toEqual({
        customerId: 'lt-1',
        erased: 2,
        streams: ['customer:lt-1'],
      });
      const erased = await on.store.read('customer:lt-1');
      expect(erased[1]?.payload.fields).toEqual({ name: '[erased]', phone: '[erased]' });
      expect(ofStream(await readAllPaged(1), 'customer:lt-1')).toEqual(erased);
      // Erased reads [erased] for every caller; the other customer is untouched.
      expect(ofStream(await readAllPaged(10_000, false), 'customer:lt-1')[1]?.payload.fields).toEqual({
        name: '[erased]',
        phone: '[erased]',
      });
      expect(ofStream(await readAllPaged(10_000), 'customer:lt-2')[1]?.payload.fields).toEqual({
        name: '兰亭乙客户',
        phone: '13800000102',
      });
      expect(JSON.stringify(await readAllPaged(10_000))).not.toContain('13800000101');
    });

    it('read and readAll agree on any recorded names and phones (seeded property)', async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('\u0000') && s.trim() !== ''),
          fc.stringMatching(/^1[3-9]\d{9}$/),
          fc.boolean(),
          async (name, phone, erase) => {
            n += 1;
            const customer = `prop-${n}`;
            await on.store.record(
              'attribution.ownership',
              `customer:${customer}`,
              visitAndRegistration(customer, name, phone),
              {
                input: { customerId: customer, staff },
              },
            );
            if (erase) await on.store.erase(customer);
            const read = await on.store.read(`customer:${customer}`);
            expect(read[1]?.payload.fields).toEqual(
              erase ? { name: '[erased]', phone: '[erased]' } : { name, phone },
            );
            expect(ofStream(await on.store.readAll({ limit: 1_000_000 }), `customer:${customer}`)).toEqual(
              read,
            );
          },
        ),
        { seed: 18, numRuns: 8 },
      );
    });

    it('a raw payload holding the text [personal] reads back unchanged through read and readAll', async () => {
      await on.store.append('log:marks', [
        {
          type: 'note',
          occurredAt: '2024-01-07T10:00:00+08:00',
          payload: { name: '[personal]', note: '[erased]' },
        },
      ]);
      const [read] = await on.store.read('log:marks');
      expect(read?.payload).toEqual({ name: '[personal]', note: '[erased]' });
      expect(ofStream(await on.store.readAll({ limit: 1_000_000 }), 'log:marks')).toEqual([read]);
      expect(ofStream(await on.store.readAll({ limit: 1_000_000, personal: false }), 'log:marks')).toEqual([
        read,
      ]);
    });

    it('refuses a non-boolean personal option at its path', async () => {
      expect(await refusal(() => on.store.read('customer:lt-1', { personal: 'no' } as never))).toMatchObject({
        code: 'invalid_input',
        path: ['options', 'personal'],
      });
      expect(await refusal(() => on.store.readAll({ personal: 1 } as never))).toMatchObject({
        code: 'invalid_input',
        path: ['options', 'personal'],
      });
    });

    it('a raw append to a stream bound to a module is refused, pointing at record, and writes nothing', async () => {
      await on.store.record(
        'sla.timers',
        'complaint:lt-9',
        [
          {
            type: 'received',
            subject: 'lt-9',
            at: '2024-03-01T10:00+08:00',
            assignees: { opsCustomerService: 'ops1' },
          },
        ],
        { now: '2024-03-02T00:00:00+08:00' },
      );
      const count = async (table: string) =>
        Number((await on.db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
      const before = {
        events: await count(on.tables.events),
        idem: await count(on.tables.idem),
        proj: await count(on.tables.proj),
      };
      const timersBefore = await on.store.timersDue('2024-03-01T00:00:00Z', '2024-04-01T00:00:00Z');
      let projected = 0;
      // Even a well-formed sla event: append would skip validation and leave the timers stale.
      const e = await refusal(() =>
        on.store.append(
          'complaint:lt-9',
          [{ type: 'closed', occurredAt: '2024-03-05T10:00:00+08:00', payload: { subject: 'lt-9' } }],
          {
            expectedVersion: 1,
            idempotencyKey: 'raw-lt-9',
            project: () => {
              projected += 1;
              return [{ name: 'x', key: 'y', value: 1 }];
            },
          },
        ),
      );
      expect(e).toEqual({
        code: 'invalid_state',
        path: ['streamId'],
        details: { streamModule: 'sla.timers', use: 'record' },
      });
      expect(projected).toBe(0);
      expect({
        events: await count(on.tables.events),
        idem: await count(on.tables.idem),
        proj: await count(on.tables.proj),
      }).toEqual(before);
      expect(await on.store.streamVersion('complaint:lt-9')).toBe(1);
      expect(await on.store.timersDue('2024-03-01T00:00:00Z', '2024-04-01T00:00:00Z')).toEqual(timersBefore);
      // The message names the way: record.
      const message = await on.store
        .append('complaint:lt-9', [{ type: 'closed', occurredAt: '2024-03-05T10:00:00+08:00' }])
        .catch((x: Error) => x.message);
      expect(message).toContain('store.record("sla.timers"');
      // record still works on the stream, and append on a stream of no module as before.
      expect(
        (
          await on.store.record(
            'sla.timers',
            'complaint:lt-9',
            [{ type: 'closed', subject: 'lt-9', at: '2024-03-05T10:00+08:00' }],
            {
              expectedVersion: 1,
              now: '2024-03-06T00:00:00+08:00',
            },
          )
        ).toVersion,
      ).toBe(2);
      expect(
        (await on.store.append('log:lt-9', [{ type: 'note', occurredAt: '2024-03-05T10:00:00+08:00' }]))
          .toVersion,
      ).toBe(1);
    });

    it('a first record and a raw append racing on a new stream: exactly one writes, the other is refused with invalid_state', async () => {
      for (let i = 0; i < 4; i++) {
        const stream = `complaint:race-${i}`;
        const [rec, app] = await Promise.allSettled([
          on.store.record(
            'sla.timers',
            stream,
            [
              {
                type: 'received',
                subject: `race-${i}`,
                at: '2024-03-01T10:00+08:00',
                assignees: { opsCustomerService: 'ops1' },
              },
            ],
            { now: '2024-03-02T00:00:00+08:00' },
          ),
          on.store.append(stream, [{ type: 'note', occurredAt: '2024-03-01T10:00:00+08:00', payload: {} }]),
        ]);
        const statuses = [rec.status, app.status].sort();
        expect(statuses).toEqual(['fulfilled', 'rejected']);
        const lost = (rec.status === 'rejected' ? rec : app) as PromiseRejectedResult;
        expect(lost.reason).toMatchObject({ code: 'invalid_state', path: ['streamId'] });
        expect(await on.store.streamVersion(stream)).toBe(1);
      }
    });
  },
);
