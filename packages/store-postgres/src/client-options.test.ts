import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { fromPglite, fromPgPool } from './client.js';

describe('fromPglite reads its options strictly', () => {
  it('refuses a misspelt ownsDb (the database was left open after close), and a non-boolean', async () => {
    const db = new PGlite();
    try {
      expect(zhiduError(() => fromPglite(db, { ownDb: true } as never))).toMatchObject({
        code: 'unknown_key',
        path: ['options', 'ownDb'],
      });
      expect(zhiduError(() => fromPglite(db, { ownsDb: 'yes' } as never))).toMatchObject({
        code: 'invalid_input',
        path: ['options', 'ownsDb'],
      });
      // Spelt right, close() closes the database it owns.
      const owned = fromPglite(db, { ownsDb: true });
      expect((await owned.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
      await owned.close();
      expect(db.closed).toBe(true);
    } finally {
      if (!db.closed) await db.close();
    }
  });
});

describe('fromPgPool reads its options strictly', () => {
  it('refuses a misspelt ownsPool before touching the pool', () => {
    const pool = {
      on: () => pool,
      query: async () => ({ rows: [] }),
      connect: async () => ({}),
      end: async () => undefined,
    };
    expect(zhiduError(() => fromPgPool(pool as never, { ownPool: true } as never))).toMatchObject({
      code: 'unknown_key',
      path: ['options', 'ownPool'],
    });
    expect(zhiduError(() => fromPgPool(pool as never, { ownsPool: 1 } as never))).toMatchObject({
      code: 'invalid_input',
      path: ['options', 'ownsPool'],
    });
  });
});
