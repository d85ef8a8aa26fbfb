import { isZhiduError } from '@zhidu/core';
import { evaluate } from '@zhidu/modules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storeOnBackend, targets } from '../test/backends.js';

// Retries that differ only in personal values, and the public read of a stream's module, policy and
// module input. On PGlite always and on a PostgreSQL server when ZHIDU_PG_URL is set.

async function refusal(call: () => Promise<unknown>): Promise<Record<string, unknown> | string> {
  try {
    await call();
    return 'resolved';
  } catch (e) {
    if (isZhiduError(e)) return { code: e.code, path: e.path, message: e.message, details: e.details };
    return `not a ZhiduError: ${String(e)}`;
  }
}

const staff = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
const registration = (customerId: string, name: string, phone = '13800000017') => ({
  type: 'registration',
  at: '2024-01-05T10:30+08:00',
  customerId,
  salespersonId: 'B',
  channel: 'walkIn',
  fields: { name, phone },
});
const NOW = '2024-01-06T00:00:00+08:00';

describe.each(targets)('retries and stream reads on $name', ({ connectionString }) => {
  const on = storeOnBackend(connectionString, {
    tag: 'si',
    clock: () => '2024-03-02T00:00:00+08:00',
    policies: [
      ['attribution.ownership', 'sales-office-001'],
      ['sla.timers', 'retail-000'],
    ],
  });

  const personalValues = async (streamId: string) =>
    (
      await on.db.query<{ value: string | null }>(
        `SELECT value FROM ${on.tables.personal} WHERE stream_id = $1 ORDER BY version, pointer`,
        [streamId],
      )
    ).rows.map((r) => r.value);

  it('S001-ATTR-11: a retry with the same key and the same content is a no-op repeat', async () => {
    const call = () =>
      on.store.record('attribution.ownership', 'customer:r1', [registration('r1', '王测试')], {
        input: { customerId: 'r1', staff },
        now: NOW,
        idempotencyKey: 'desk:r1',
      });
    const first = await call();
    expect(first).toMatchObject({ fromVersion: 1, toVersion: 1, replayed: false });
    expect(first.decisions).toHaveLength(1);
    const again = await call();
    expect(again).toMatchObject({ fromVersion: 1, toVersion: 1, replayed: true, decisions: [] });
    expect(await on.store.streamVersion('customer:r1')).toBe(1);
    expect(await personalValues('customer:r1')).toEqual(['王测试', '13800000017']);
  });

  it('refuses a retry with the same key but another name (idempotency_mismatch at idempotencyKey); the first name stays', async () => {
    const opts = { input: { customerId: 'r2', staff }, now: NOW, idempotencyKey: 'desk:r2' };
    await on.store.record('attribution.ownership', 'customer:r2', [registration('r2', '李测试')], opts);
    const retry = await refusal(() =>
      on.store.record('attribution.ownership', 'customer:r2', [registration('r2', '李测验')], opts),
    );
    expect(retry).toMatchObject({
      code: 'idempotency_mismatch',
      path: ['idempotencyKey'],
      details: { streamId: 'customer:r2', fromVersion: 1, toVersion: 1, differs: ['v1/fields/name'] },
    });
    const message = (retry as { message: string }).message;
    expect(message).toContain('个人信息字段');
    expect(message).toContain('the personal fields of this retry');
    // The values are never quoted in the refusal.
    expect(message).not.toContain('李测');
    expect(await personalValues('customer:r2')).toEqual(['李测试', '13800000017']);
    const [stored] = await on.store.read('customer:r2');
    expect(stored?.payload.fields).toEqual({ name: '李测试', phone: '13800000017' });
    // A different phone, and a literal '[personal]' where a name was, are refused too.
    expect(
      await refusal(() =>
        on.store.record(
          'attribution.ownership',
          'customer:r2',
          [registration('r2', '李测试', '13900000000')],
          opts,
        ),
      ),
    ).toMatchObject({ code: 'idempotency_mismatch', details: { differs: ['v1/fields/phone'] } });
    expect(
      await refusal(() =>
        on.store.record('attribution.ownership', 'customer:r2', [registration('r2', '[personal]')], opts),
      ),
    ).toMatchObject({ code: 'idempotency_mismatch', details: { differs: ['v1/fields/name'] } });
    expect(await on.store.streamVersion('customer:r2')).toBe(1);
  });

  it("names a stream input's personal value that differs on a retry by its place in the input", async () => {
    const named = (b: string) => [
      { id: 'A', name: '甲测试' },
      { id: 'B', name: b },
    ];
    const opts = { input: { customerId: 'r6', staff: named('乙测试') }, now: NOW, idempotencyKey: 'desk:r6' };
    await on.store.record('attribution.ownership', 'customer:r6', [registration('r6', '孙测试')], opts);
    const retry = await refusal(() =>
      on.store.record('attribution.ownership', 'customer:r6', [registration('r6', '孙测试')], {
        ...opts,
        input: { customerId: 'r6', staff: named('丙测试') },
      }),
    );
    expect(retry).toMatchObject({
      code: 'idempotency_mismatch',
      details: { differs: ['input/staff/1/name'] },
    });
    expect((retry as { message: string }).message).not.toContain('丙测试');
  });

  it('refuses a retry whose input, policy id or customer id differs from the first call', async () => {
    const opts = { input: { customerId: 'r3', staff }, now: NOW, idempotencyKey: 'desk:r3' };
    await on.store.record('attribution.ownership', 'customer:r3', [registration('r3', '赵测试')], opts);
    const other = await refusal(() =>
      on.store.record('attribution.ownership', 'customer:r3', [registration('r3', '赵测试')], {
        ...opts,
        input: { customerId: 'r3', staff: [{ id: 'A' }] },
      }),
    );
    expect(other).toMatchObject({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
    const withCustomer = await refusal(() =>
      on.store.record('attribution.ownership', 'customer:r3', [registration('r3', '赵测试')], {
        ...opts,
        customerId: 'someone-else',
      }),
    );
    expect(withCustomer).toMatchObject({ code: 'idempotency_mismatch', path: ['idempotencyKey'] });
    // An input the module refuses is refused before anything is written, key or not.
    const inputWithName = {
      input: { customerId: 'r4', staff, name: '钱测试' },
      now: NOW,
      idempotencyKey: 'desk:r4',
    };
    const first = await refusal(() =>
      on.store.record('attribution.ownership', 'customer:r4', [registration('r4', '钱测试')], inputWithName),
    );
    // `name` is not a key of ownership's input: refused by the module before anything is written.
    expect(first).toMatchObject({ code: 'unknown_key' });
    expect(await on.store.streamVersion('customer:r4')).toBe(0);
  });

  it('a retry after erasure replays without restoring the erased values', async () => {
    const opts = { input: { customerId: 'r5', staff }, now: NOW, idempotencyKey: 'desk:r5' };
    await on.store.record('attribution.ownership', 'customer:r5', [registration('r5', '孙测试')], opts);
    expect(await on.store.erase('r5')).toMatchObject({ erased: 2 });
    const again = await on.store.record(
      'attribution.ownership',
      'customer:r5',
      [registration('r5', '孙测试')],
      opts,
    );
    expect(again).toMatchObject({ replayed: true, toVersion: 1 });
    expect(await personalValues('customer:r5')).toEqual([null, null]);
    const [event] = await on.store.read('customer:r5');
    expect(event?.payload.fields).toEqual({ name: '[erased]', phone: '[erased]' });
  });

  it('property: a retry replays exactly when its personal values equal the first call’s, and never writes twice', async () => {
    let n = 0;
    const name = fc.constantFrom('周一', '周二', '吴三');
    const phone = fc.constantFrom('13800000001', '13800000002');
    await fc.assert(
      fc.asyncProperty(name, phone, name, phone, async (n1, p1, n2, p2) => {
        n += 1;
        const id = `p${n}`;
        const opts = { input: { customerId: id, staff }, now: NOW, idempotencyKey: `desk:${id}` };
        await on.store.record('attribution.ownership', `customer:${id}`, [registration(id, n1, p1)], opts);
        const r = await refusal(() =>
          on.store.record('attribution.ownership', `customer:${id}`, [registration(id, n2, p2)], opts),
        );
        const same = n1 === n2 && p1 === p2;
        expect(r === 'resolved' ? 'replayed' : (r as { code: string }).code).toBe(
          same ? 'replayed' : 'idempotency_mismatch',
        );
        expect(await on.store.streamVersion(`customer:${id}`)).toBe(1);
        expect(await personalValues(`customer:${id}`)).toEqual([n1, p1]);
      }),
      { seed: 18_2, numRuns: 12 },
    );
  });

  it('streamInfo names the module, the policy version in force and the counts; undefined for no stream', async () => {
    await on.store.record(
      'sla.timers',
      'complaint:i1',
      [
        {
          type: 'received',
          subject: 'i1',
          at: '2024-03-01T10:00+08:00',
          assignees: { opsCustomerService: 'ops1' },
        },
        { type: 'closed', subject: 'i1', at: '2024-03-02T10:00+08:00' },
      ],
      { now: '2024-03-03T00:00:00+08:00' },
    );
    expect(await on.store.streamInfo('complaint:i1')).toEqual({
      streamId: 'complaint:i1',
      module: 'sla.timers',
      policy: { id: 'zhidu.sla.retail-000', version: '1', versions: ['1'] },
      customerId: 'complaint:i1',
      version: 2,
      events: 2,
    });
    expect(await on.store.streamInfo('complaint:none')).toBeUndefined();
    await on.store.append('raw:1', [{ type: 'note', occurredAt: '2024-03-01T10:00:00+08:00', payload: {} }]);
    expect(await on.store.streamInfo('raw:1')).toEqual({
      streamId: 'raw:1',
      module: null,
      policy: null,
      customerId: null,
      version: 1,
      events: 1,
    });
    expect(await refusal(() => on.store.streamInfo(''))).toMatchObject({
      code: 'invalid_input',
      path: ['streamId'],
    });
  });

  it('S001-ATTR-12: moduleInput is the input the store evaluates: evaluate on it gives the recorded decision', async () => {
    const events = [
      {
        type: 'visit',
        at: '2024-01-05T10:00+08:00',
        customerId: 'm1',
        onTurnId: 'B',
        intake: { visitedBefore: 'no', named: [] },
        presentIds: ['A', 'B', 'C'],
      },
      registration('m1', '郑测试'),
    ];
    // Recorded out of time order across two calls: the module input is in time order.
    const r1 = await on.store.record('attribution.ownership', 'customer:m1', [events[1]], {
      input: { customerId: 'm1', staff },
      now: NOW,
    });
    const r2 = await on.store.record('attribution.ownership', 'customer:m1', [events[0]], { now: NOW });
    expect(r1.toVersion).toBe(1);
    const got = await on.store.moduleInput('customer:m1');
    expect(got.module).toBe('attribution.ownership');
    expect(got.policyId).toBe('seed-001-sales-office');
    expect(got.inputs).toHaveLength(1);
    const input = got.inputs[0] as {
      customerId: string;
      staff: unknown;
      events: { type: string; fields?: unknown }[];
    };
    expect(input.customerId).toBe('m1');
    expect(input.staff).toEqual(staff);
    expect(input.events.map((e) => e.type)).toEqual(['visit', 'registration']);
    // Personal values never reach an evaluation: the input holds the mark, as the store evaluates it.
    expect(input.events[1]?.fields).toEqual({ name: '[personal]', phone: '[personal]' });
    const replayed = evaluate('attribution.ownership', input, 'sales-office-001', { now: NOW });
    expect((replayed.value.result as { owner: string }).owner).toBe('B');
    expect(replayed.value.result).toEqual(r2.decisions[0]?.value.result);
    expect((await on.store.owner('m1'))?.owner).toBe('B');
  });

  it('moduleInput of an sla stream is one input with its events in order; refusals name streamId', async () => {
    expect(await refusal(() => on.store.moduleInput('customer:none'))).toMatchObject({
      code: 'unknown_reference',
      path: ['streamId'],
    });
    expect(await refusal(() => on.store.moduleInput('raw:1'))).toMatchObject({
      code: 'invalid_state',
      path: ['streamId'],
    });
    expect(await refusal(() => on.store.moduleInput(42 as never))).toMatchObject({
      code: 'invalid_input',
      path: ['streamId'],
    });
    const sla = await on.store.moduleInput('complaint:i1');
    expect(sla.inputs).toHaveLength(1);
    expect((sla.inputs[0] as { events: { type: string }[] }).events.map((e) => e.type)).toEqual([
      'received',
      'closed',
    ]);
  });
});
