import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@zhidu/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeIo } from '../test/fake-io.js';
import { run } from './index.js';
import { checkDataDir, readStreams } from './replay.js';

// `zhidu replay` and the module contract's ordering rule (issue 12): events in time order within a
// subject, any interleaving between subjects; and --data-dir never silently creates a database.

const assignees = { emcDirector: 'u-emc', pdcDirector: 'u-pdc' };
// Two blocks of one site in one stream, appended as the site office recorded them: block-4's
// 10:31 event before block-3's 10:30 one. Each block's own events are in time order.
const interleaved = [
  { type: 'mainStructureCompleted', subject: 'block-4', at: '2024-01-10T10:31:00+08:00', assignees },
  { type: 'mainStructureCompleted', subject: 'block-3', at: '2024-01-10T10:30:00+08:00', assignees },
  { type: 'completionStandardMet', subject: 'block-3', at: '2024-04-12T10:00:00+08:00' },
  { type: 'completionStandardMet', subject: 'block-4', at: '2024-03-01T10:00:00+08:00' },
];
// One block whose completion is recorded before its main structure: a subject out of time order.
const backwards = [
  { type: 'completionStandardMet', subject: 'block-9', at: '2024-04-12T10:00:00+08:00' },
  { type: 'mainStructureCompleted', subject: 'block-9', at: '2024-01-10T10:30:00+08:00', assignees },
];
// A sales office's log: B registers customer c-2 at 10:31, recorded before A's registration of
// c-1 at 10:30 (two subjects). The former ownership replay refused this log as out_of_order.
const salesEvents = [
  {
    type: 'registration',
    customerId: 'c-2',
    salespersonId: 'B',
    channel: 'walkIn',
    at: '2025-03-01T10:31:00+08:00',
    fields: { name: '王先生', phone: '13900002222' },
  },
  {
    type: 'registration',
    customerId: 'c-1',
    salespersonId: 'A',
    channel: 'walkIn',
    at: '2025-03-01T10:30:00+08:00',
    fields: { name: '李女士', phone: '13900001111' },
  },
];
const toStored = (events: typeof interleaved) =>
  events.map(({ type, at, ...payload }) => ({ type, occurredAt: at, payload }));
const replayArgs = ['--policy', 'construction-000', '--now', '2024-06-01T00:00:00+08:00'];

describe('zhidu replay follows the ordering rule', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhidu-replay-order-'));
    const { store, close } = await openStore({ dataDir: dir });
    await store.append('site:two-blocks', toStored(interleaved));
    await store.append('site:backwards', toStored(backwards));
    await store.append('office:sales', [
      {
        type: 'roster',
        occurredAt: '2025-03-01T08:00:00+08:00',
        payload: { staff: [{ id: 'A' }, { id: 'B' }] },
      },
      ...salesEvents.map(({ type, at, ...payload }) => ({ type, occurredAt: at, payload })),
    ]);
    await close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays a stream holding B’s 10:31 event before A’s 10:30 one, as the time-sorted log evaluates', async () => {
    const replayed = fakeIo();
    const code = await run(
      ['replay', 'sla.timers', ...replayArgs, '--data-dir', dir, '--stream', 'site:two-blocks'],
      replayed.io,
    );
    expect(replayed.err).toEqual([]);
    expect(code).toBe(0);
    const sorted = [...interleaved].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const direct = fakeIo({ 'sorted.json': { events: sorted } });
    expect(
      await run(
        [
          'evaluate',
          'sla.timers',
          '--input',
          'sorted.json',
          '--preset',
          'construction-000',
          '--now',
          '2024-06-01T00:00:00+08:00',
        ],
        direct.io,
      ),
    ).toBe(0);
    expect(replayed.out).toEqual(['== site:two-blocks', ...direct.out, '1 stream(s) replayed']);
    expect(replayed.out).toContain(
      'M01.completionStandard  @block-3  breached  due 2024-04-09 23:59  late 3 blocks24h',
    );
  }, 120_000);

  it('replays a sales log with c-2’s 10:31 registration stored before c-1’s 10:30 one (ownership)', async () => {
    const { io, out, err } = fakeIo();
    const code = await run(
      [
        'replay',
        'attribution.ownership-batch',
        '--policy',
        'sales-office-001',
        '--now',
        '2025-03-02T09:00:00+08:00',
        '--data-dir',
        dir,
        '--stream',
        'office:sales',
      ],
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out.slice(0, 3)).toEqual([
      '== office:sales',
      'c-1: owner A (registration), protected until 2025-05-01 00:00',
      'c-2: owner B (registration), protected until 2025-05-01 00:00',
    ]);
    expect(out.at(-1)).toBe('1 stream(s) replayed');
  }, 120_000);

  it('refuses a subject whose own events go back in time (out_of_order naming the stream), not sorting it', async () => {
    const { io, out, err } = fakeIo();
    const code = await run(['replay', 'timers', ...replayArgs, '--data-dir', dir], io);
    expect(code).not.toBe(0);
    expect(err.join('\n')).toMatch(/out_of_order/);
    expect(err.join('\n')).toMatch(/site:backwards/);
    // The interleaved stream (appended first) was replayed before the refusal.
    expect(out[0]).toBe('== site:two-blocks');
    expect(out.some((l) => l.endsWith('stream(s) replayed'))).toBe(false);
  }, 120_000);

  it('reads every page of the store: streams are grouped by id and ordered by version', async () => {
    const { store, close } = await openStore({ dataDir: dir });
    try {
      // Page size 1: three pages for site:two-blocks alone, still one stream of four events.
      const streams = await readStreams(store, undefined, 1);
      expect([...streams.keys()]).toEqual(['site:two-blocks', 'site:backwards', 'office:sales']);
      expect(streams.get('office:sales')?.map((e) => e.type)).toEqual([
        'roster',
        'registration',
        'registration',
      ]);
      expect(streams.get('site:two-blocks')?.map((e) => e.version)).toEqual([1, 2, 3, 4]);
      expect(streams.get('site:backwards')?.map((e) => e.payload.subject)).toEqual(['block-9', 'block-9']);
    } finally {
      await close();
    }
  }, 120_000);
});

describe('zhidu replay --data-dir', () => {
  it('refuses a directory that does not exist instead of creating an empty database and exiting 0', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'zhidu-replay-missing-'));
    const missing = join(parent, 'stroe'); // a typo of "store"
    try {
      const { io, out, err } = fakeIo();
      const code = await run(['replay', 'timers', ...replayArgs, '--data-dir', missing], io);
      expect(code).not.toBe(0);
      expect(err.join('\n')).toMatch(/unknown_reference/);
      expect(err.join('\n')).toMatch(/--create/);
      expect(out).toEqual([]);
      expect(existsSync(missing)).toBe(false);
      // With --create the empty database is what was asked for.
      const created = fakeIo();
      expect(
        await run(['replay', 'timers', ...replayArgs, '--data-dir', missing, '--create'], created.io),
      ).toBe(0);
      expect(created.out).toEqual(['0 stream(s) replayed']);
      expect(existsSync(join(missing, 'PG_VERSION'))).toBe(true);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  }, 120_000);

  it('checks the directory before opening it: file, empty directory, foreign directory, both --db and --data-dir', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'zhidu-replay-dirs-'));
    try {
      const file = join(parent, 'file.txt');
      writeFileSync(file, 'not a database');
      const empty = join(parent, 'empty');
      const foreign = join(parent, 'foreign');
      mkdirSync(empty);
      mkdirSync(foreign);
      writeFileSync(join(foreign, 'notes.md'), '# notes');
      const codeOf = (f: () => void) => {
        try {
          f();
          return 'accepted';
        } catch (e) {
          return (e as { code?: string }).code;
        }
      };
      expect(codeOf(() => checkDataDir(file, false))).toBe('invalid_input');
      expect(codeOf(() => checkDataDir(file, true))).toBe('invalid_input');
      expect(codeOf(() => checkDataDir(empty, false))).toBe('unknown_reference');
      expect(codeOf(() => checkDataDir(empty, true))).toBe('accepted');
      expect(codeOf(() => checkDataDir(foreign, true))).toBe('invalid_input');
      expect(codeOf(() => checkDataDir(join(parent, 'nope'), false))).toBe('unknown_reference');
      expect(codeOf(() => checkDataDir('', true))).toBe('invalid_input');
      const both = fakeIo();
      expect(
        await run(
          ['replay', 'timers', ...replayArgs, '--db', 'postgres://x@127.0.0.1:1/x', '--data-dir', foreign],
          both.io,
        ),
      ).not.toBe(0);
      expect(both.err.join('\n')).toMatch(/--db or --data-dir/);
      const createAlone = fakeIo();
      expect(await run(['replay', 'timers', ...replayArgs, '--create'], createAlone.io)).not.toBe(0);
      expect(createAlone.err.join('\n')).toMatch(/--create goes with --data-dir/);
      // Neither --data-dir nor --db: refused, not a new empty in-memory store that replays nothing.
      const neither = fakeIo();
      expect(await run(['replay', 'timers', ...replayArgs], neither.io)).toBe(2);
      expect(neither.err.join('\n')).toMatch(
        /^error \[invalid_input\]: .*give --data-dir <dir> or --db <url>/m,
      );
      expect(neither.out).toEqual([]);
      const unsupported = fakeIo();
      expect(
        await run(['replay', 'credit.shipment', ...replayArgs, '--data-dir', foreign], unsupported.io),
      ).not.toBe(0);
      expect(unsupported.err.join('\n')).toMatch(/replay works for sla\.timers/);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
