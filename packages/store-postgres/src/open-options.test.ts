import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zhiduRejection as refusalOf } from '../../core/test/helpers.js';
import { openStore } from './open.js';

// openStore's options are checked before anything is opened: a misspelt `connectionString` used to open
// an in-memory database without a word, and every event written to it was gone at exit.
describe('openStore refuses options it does not read, before opening anything', () => {
  it('a misspelt connectionString is unknown_key naming the key meant (it opened an in-memory store)', async () => {
    const e = await refusalOf(openStore({ conectionString: 'postgres://127.0.0.1:1/none' } as never));
    expect([e.code, e.path]).toEqual(['unknown_key', ['options', 'conectionString']]);
    expect(e.message).toContain('did you mean `connectionString`?');
  });

  it('options that are not an object, and a connection string or data directory that is not a non-empty string', async () => {
    expect((await refusalOf(openStore(null as never))).path).toEqual(['options']);
    for (const key of ['connectionString', 'dataDir']) {
      for (const bad of ['', 42]) {
        const e = await refusalOf(openStore({ [key]: bad } as never));
        expect([e.code, e.path]).toEqual(['invalid_input', ['options', key]]);
      }
    }
  });

  it("refuses the store's own bad options before opening a database (no PGlite directory is made)", async () => {
    const parent = mkdtempSync(join(tmpdir(), 'zhidu-open-'));
    try {
      const dataDir = join(parent, 'store');
      for (const [options, path] of [
        [{ partitions: 1 }, ['partitions']],
        [{ tenant: '' }, ['tenant']],
        [{ outsideData: 'provisonal' }, ['outsideData']],
        [{ clock: 'x' }, ['clock']],
      ] as const) {
        const e = await refusalOf(openStore({ dataDir, ...(options as object) }));
        expect([e.code, e.path]).toEqual(['invalid_input', path]);
        expect(existsSync(dataDir)).toBe(false);
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it("hands the store's own options through (they were dropped): the store checks them", async () => {
    expect((await refusalOf(openStore({ personalFields: [''] }))).path).toEqual(['personalFields']);
    expect((await refusalOf(openStore({ clock: 5 as never }))).path).toEqual(['clock']);
    const { store, close } = await openStore({
      prefix: 'open_opts',
      clock: () => '2024-03-02T00:00:00+08:00',
    });
    expect(
      await store.append('customer:c-1', [{ type: 'registered', occurredAt: '2024-03-01T10:00:00+08:00' }]),
    ).toMatchObject({
      streamId: 'customer:c-1',
    });
    await close();
  });
});
