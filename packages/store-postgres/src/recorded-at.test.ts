import { describe, expect, it } from 'vitest';
import { storeOnBackend, targets } from '../test/backends.js';
import { refusal } from '../test/refusal.js';

// Facts as of their time through the store (issue 15): with `record(…, { recordedAt: 'store' })`
// an event given without its own `recordedAt` is stored with the append time as its recorded time,
// so the sla projection judges a fact entered after a breach was reported as recorded late — now and
// after `rebuild`. The default (`'event'`) keeps today's reading, right for a backfill. Runs on
// PGlite always and on a PostgreSQL server when ZHIDU_PG_URL is set.

/** A fictitious property office's repair rule: on site within 4 h, 8 h when the customer postponed. */
const repairPolicy = {
  id: 'example-lanting-property.repair',
  version: '1',
  effectiveFrom: '2025-01-01',
  zone: 'Asia/Shanghai',
  source: { title: '兰亭物业报修规定（示例）' },
  params: {
    eventTypes: ['appointmentPostponed'],
    timers: [
      {
        id: 'onsite',
        rule: 'S004-SLA-00',
        clause: '兰亭物业报修规定（示例）第三条',
        title: { zh: '报修后4小时内上门；客户改约的8小时内', en: 'on site within 4 h, 8 h when postponed' },
        start: [{ type: 'repairRequested' }],
        stop: [{ type: 'technicianArrived' }],
        target: {
          kind: 'byAttribute',
          cases: [{ when: [{ attribute: 'postponed', equals: true }], spec: { unit: 'hours', amount: 8 } }],
          otherwise: { unit: 'hours', amount: 4 },
        },
        breach: { code: 'sla.repair.onsite', roles: ['technician'] },
      },
    ],
  },
};

const requested = (subject: string) => ({
  type: 'repairRequested',
  subject,
  at: '2025-03-04T13:00:00+08:00',
  assignees: { technician: 't-7' },
});
const postponed = (subject: string) => ({
  type: 'appointmentPostponed',
  subject,
  at: '2025-03-04T14:00:00+08:00',
  attributes: { postponed: true },
});
const arrived = (subject: string) => ({
  type: 'technicianArrived',
  subject,
  at: '2025-03-04T20:00:00+08:00',
});

type Onsite = { timerId: string; status: string; reportedAt?: string; dueAt?: string };
const onsiteOf = (d: { value: { result: unknown } } | undefined) =>
  ((d?.value.result ?? []) as Onsite[]).find((s) => s.timerId === 'onsite');

describe.each(targets)('recordedAt through the store on $name', ({ connectionString }) => {
  let clock = '2025-03-04T13:00:00+08:00';
  const on = storeOnBackend(connectionString, {
    tag: 'r',
    clock: () => clock,
    policies: [['sla.timers', repairPolicy]],
  });

  it('S004-SLA-00: with recordedAt: "store" a postponement entered at 19:00 leaves the breach reported at 17:00, also after rebuild', async () => {
    clock = '2025-03-04T13:05:00+08:00';
    await on.store.record('sla.timers', 'repair:r-1', [requested('r-1')], { recordedAt: 'store' });
    clock = '2025-03-04T19:00:00+08:00';
    const late = await on.store.record('sla.timers', 'repair:r-1', [postponed('r-1')], {
      recordedAt: 'store',
    });
    const s = onsiteOf(late.decisions[0]);
    expect([s?.status, s?.dueAt, s?.reportedAt]).toEqual([
      'breached',
      '2025-03-04T09:00:00.000Z',
      '2025-03-04T10:59:59.999Z',
    ]);
    clock = '2025-03-04T20:10:00+08:00';
    await on.store.record('sla.timers', 'repair:r-1', [arrived('r-1')], { recordedAt: 'store' });
    // The stored events carry the append time as their recorded time.
    const stored = await on.store.read('repair:r-1');
    expect(stored.map((e) => e.payload.recordedAt)).toEqual([
      '2025-03-04T05:05:00.000Z',
      '2025-03-04T11:00:00.000Z',
      '2025-03-04T12:10:00.000Z',
    ]);
    const mine = async () =>
      (await on.store.violations({ personId: 't-7' }))
        .filter((v) => v.streamId === 'repair:r-1')
        .map((v) => [v.code, v.occurredAt]);
    expect(await mine()).toEqual([['sla.repair.onsite', '2025-03-04T09:00:00.000Z']]);
    // A rebuild judges the same stored events the same way: nothing changes, the breach stays.
    clock = '2025-03-05T09:00:00+08:00';
    const report = await on.store.rebuild('sla.timers');
    expect(report.changes.filter((c) => c.streamId === 'repair:r-1')).toEqual([]);
    expect(await mine()).toEqual([['sla.repair.onsite', '2025-03-04T09:00:00.000Z']]);
  });

  it('S004-SLA-00: the default (recordedAt: "event") keeps today\'s reading — a backfill is judged as recorded when it happened', async () => {
    clock = '2025-03-05T09:00:00+08:00';
    const d = await on.store.record('sla.timers', 'repair:r-2', [
      requested('r-2'),
      postponed('r-2'),
      arrived('r-2'),
    ]);
    expect(onsiteOf(d.decisions[0])?.status).toBe('met');
    const stored = await on.store.read('repair:r-2');
    expect(stored.map((e) => e.payload.recordedAt)).toEqual([undefined, undefined, undefined]);
    expect(
      (await on.store.violations({ personId: 't-7' })).filter((v) => v.streamId === 'repair:r-2'),
    ).toEqual([]);
    // Recorded all at once with recordedAt: 'store', nothing was known before the append, so nothing
    // was reported earlier: the same reading.
    const late = await on.store.record(
      'sla.timers',
      'repair:r-3',
      [requested('r-3'), postponed('r-3'), arrived('r-3')],
      { recordedAt: 'store' },
    );
    expect(onsiteOf(late.decisions[0])?.status).toBe('met');
  });

  it('an event with its own recordedAt keeps it; a retry with the same key is recognised whatever the clock says', async () => {
    clock = '2025-03-04T13:05:00+08:00';
    await on.store.record('sla.timers', 'repair:r-4', [requested('r-4')], { recordedAt: 'store' });
    clock = '2025-03-04T21:00:00+08:00';
    const own = { ...postponed('r-4'), recordedAt: '2025-03-04T15:00:00+08:00' };
    const first = await on.store.record('sla.timers', 'repair:r-4', [own], {
      recordedAt: 'store',
      idempotencyKey: 'desk-r-4-postponed',
    });
    // Entered at 15:00, before the 17:00 due time: the 8 h limit applies, nothing was reported.
    expect([onsiteOf(first.decisions[0])?.status, onsiteOf(first.decisions[0])?.dueAt]).toEqual([
      'running',
      '2025-03-04T13:00:00.000Z',
    ]);
    expect(onsiteOf(first.decisions[0])?.reportedAt).toBeUndefined();
    clock = '2025-03-04T21:05:00+08:00';
    const retry = await on.store.record('sla.timers', 'repair:r-4', [own], {
      recordedAt: 'store',
      idempotencyKey: 'desk-r-4-postponed',
    });
    expect([retry.replayed, retry.toVersion]).toEqual([true, 2]);
    const stored = await on.store.read('repair:r-4');
    expect(stored.map((e) => e.payload.recordedAt)).toEqual([
      '2025-03-04T05:05:00.000Z',
      '2025-03-04T15:00:00+08:00',
    ]);
  });

  it('refuses an unknown mode, "store" for a module whose events carry no recordedAt, and an event dated after its append, writing nothing', async () => {
    clock = '2025-03-04T13:05:00+08:00';
    expect(
      await refusal(() =>
        on.store.record('sla.timers', 'repair:r-5', [requested('r-5')], { recordedAt: 'db' as never }),
      ),
    ).toEqual({ code: 'invalid_input', path: ['options', 'recordedAt'] });
    expect(
      await refusal(() =>
        on.store.record(
          'penalty.ledger',
          'ledger:x',
          [{ code: 'x', personId: 'p', occurredAt: '2025-03-04T10:00:00+08:00' }],
          {
            recordedAt: 'store',
          },
        ),
      ),
    ).toEqual({ code: 'invalid_input', path: ['options', 'recordedAt'] });
    expect(
      await refusal(() =>
        on.store.record('sla.timers', 'repair:r-5', [requested('r-5'), arrived('r-5')], {
          recordedAt: 'store',
        }),
      ),
    ).toEqual({ code: 'invalid_input', path: ['events', 1, 'at'] });
    expect(await on.store.read('repair:r-5')).toEqual([]);
  });
});
