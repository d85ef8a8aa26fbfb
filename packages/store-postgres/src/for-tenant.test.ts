import { isZhiduError } from '@zhidu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './open.js';
import type { EventStore } from './store.js';

// `store.forTenant(t)`: the same database and tables for another tenant — what `zhidu serve` uses to
// serve several tenants from one database. Each tenant's streams, policies and projections are apart.
describe('EventStore.forTenant', () => {
  let store: EventStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await openStore());
  });
  afterAll(async () => close());

  const late = {
    code: 'records.handover.late',
    personId: 'sc-wang',
    role: 'salesConsultant',
    occurredAt: '2024-03-05T10:00:00+08:00',
    lateBy: { unit: 'workingDays', units: 2 },
    subject: { kind: 'file', id: 'VIN-1' },
    source: { module: 'records', rule: 'S000-ARCHIVE-07' },
  };

  it("keeps each tenant's streams, policies and projections apart (S000-PENALTY-01)", async () => {
    const acme = store.forTenant('acme');
    expect(acme.tenant).toBe('acme');
    expect(store.tenant).toBe('default');
    await acme.putPolicy('penalty.ledger', 'dealer-file');
    await acme.record('penalty.ledger', 'fines', [late], { now: '2024-03-31T18:00:00+08:00' });
    expect((await acme.read('fines')).length).toBe(1);
    expect((await acme.ledger('sc-wang', '2024-03')).totalFen).toBe(5000);
    // The default tenant: no stream, no ledger, and no policy to record under.
    expect(await store.read('fines')).toEqual([]);
    expect((await store.ledger('sc-wang', '2024-03')).totalFen).toBe(0);
    const refused = await store.record('penalty.ledger', 'fines', [late]).then(
      () => 'recorded',
      (e: unknown) => (isZhiduError(e) ? e.code : String(e)),
    );
    expect(refused).not.toBe('recorded');
    // A store of acme refuses a request naming another tenant.
    const other = await acme.record('penalty.ledger', 'fines', [late], { tenant: 'beta' }).then(
      () => 'recorded',
      (e: unknown) => (isZhiduError(e) ? e.code : String(e)),
    );
    expect(other).toBe('invalid_state');
  });

  it('gives the store itself for its own tenant, and refuses a tenant that is not a non-empty string', () => {
    expect(store.forTenant('default')).toBe(store);
    for (const bad of ['', 7, undefined, null]) {
      let code = '';
      try {
        store.forTenant(bad as never);
      } catch (e) {
        code = isZhiduError(e) ? `${e.code} ${e.path.join('.')}` : String(e);
      }
      expect(code).toBe('invalid_input tenant');
    }
  });
});

describe('a stream input given to a module whose events are whole inputs', () => {
  it('is refused (invalid_input at options.input), not stored and ignored', async () => {
    const { store, close } = await openStore();
    try {
      await store.putPolicy('records.loan', 'dealer-files');
      const refused = await store
        .record('records.loan', 'loan:1', [{ lentAt: '2024-03-01T10:00:00+08:00' }], {
          input: { piecesReturned: 12, bogus: true },
        })
        .then(
          () => undefined,
          (e: unknown) => e as { code: string; path: unknown[] },
        );
      expect(refused).toMatchObject({ code: 'invalid_input', path: ['options', 'input'] });
      expect(await store.streamInfo('loan:1')).toBeUndefined();
    } finally {
      await close();
    }
  });
});
