import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type EvalContext, isZhiduError, type ModuleDecision, ZhiduError } from '@zhidu/core';
import type { EventStore, StoredEvent } from '@zhidu/store-postgres';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { contextFor, evaluate, type ModuleName, resolvePolicy } from './evaluate.js';
import { render, renderDecision } from './format.js';
import { type CliIo, readJson } from './io.js';
import { type ModuleTarget, moduleArg, policyFor } from './modules.js';
import { optionalPackage } from './optional.js';

/**
 * The modules `zhidu replay` can feed from stored events, by module id, and how a stream's events
 * become the module's input. The former names (`timers`, `ownership`, `penalties`) are their aliases.
 */
const REPLAYABLE: Readonly<Record<string, ModuleName>> = {
  'sla.timers': 'timers',
  'attribution.ownership-batch': 'ownership',
  'penalty.ledger': 'penalties',
};

/** Events per page when reading the whole store: every event is read, none cut off at a limit. */
const PAGE = 10_000;

/** Maps stored events back to the input (the former bare-array form for timers and penalties). */
function legacyInput(module: ModuleName, events: readonly StoredEvent[]): unknown {
  if (module === 'penalties') return events.map((e) => e.payload);
  if (module === 'timers') return events.map((e) => ({ ...e.payload, type: e.type, at: e.occurredAt }));
  return {
    staff: [],
    ...events.find((e) => e.type === 'roster')?.payload,
    events: events
      .filter((e) => e.type !== 'roster')
      .map((e) => ({ ...e.payload, type: e.type, at: e.occurredAt })),
  };
}

/** The module input of one stream: its events, in the stream's own (version) order. */
function moduleInput(module: ModuleName, events: readonly StoredEvent[]): unknown {
  const legacy = legacyInput(module, events);
  if (module === 'timers') return { events: legacy };
  if (module === 'penalties') return { violations: legacy };
  return legacy;
}

/**
 * Every stream of the store (or the one named), each in version order. The whole store is read page
 * by page in position order (no event is cut off at a limit); a stream's events are grouped by
 * stream id and sorted by version, so how writers to different streams interleaved in the store does
 * not matter.
 *
 * @param store - an open store
 * @param stream - one stream id, or every stream when undefined
 * @param page - events per read (default 10,000)
 * @returns the events of each stream, in version order
 * @example
 * const streams = await readStreams(store, undefined); // Map { 'customer:c-1' => [...] }
 */
export async function readStreams(
  store: EventStore,
  stream: string | undefined,
  page = PAGE,
): Promise<Map<string, StoredEvent[]>> {
  const byStream = new Map<string, StoredEvent[]>();
  if (stream !== undefined) {
    byStream.set(stream, await store.read(stream));
    return byStream;
  }
  let after = 0;
  for (;;) {
    const events = await store.readAll({ afterPosition: after, limit: page });
    for (const e of events) {
      const list = byStream.get(e.streamId);
      if (list) list.push(e);
      else byStream.set(e.streamId, [e]);
      after = e.position;
    }
    if (events.length < page) break;
  }
  for (const list of byStream.values()) list.sort((a, b) => a.version - b.version);
  return byStream;
}

/**
 * Checks `--data-dir`: an existing PGlite data directory, or — only with `--create` — a path where
 * an empty database may be made (missing, or an empty directory). A missing path is never turned
 * into an empty database silently (a typo would replay nothing and exit 0).
 *
 * @throws ZhiduError `unknown_reference` for a missing or empty directory without `--create`,
 *   `invalid_input` for a file, or a non-empty directory that is not a PGlite data directory
 * @example
 * checkDataDir('/var/lib/zhidu/store', false); // throws unless it holds a PGlite database
 */
export function checkDataDir(dir: string, create: boolean): void {
  if (dir.length === 0)
    throw new ZhiduError('invalid_input', ['data-dir'], '--data-dir 不能为空 / --data-dir must not be empty');
  if (!existsSync(dir)) {
    if (create) return;
    throw new ZhiduError(
      'unknown_reference',
      ['data-dir'],
      `数据目录 ${dir} 不存在；要在此新建空库请加 --create / data directory ${dir} does not exist; pass --create to make an empty database there`,
    );
  }
  if (!statSync(dir).isDirectory()) {
    throw new ZhiduError('invalid_input', ['data-dir'], `${dir} 不是目录 / ${dir} is not a directory`);
  }
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  if (readdirSync(dir).length === 0) {
    if (create) return;
    throw new ZhiduError(
      'unknown_reference',
      ['data-dir'],
      `数据目录 ${dir} 为空，不含数据库；要在此新建空库请加 --create / data directory ${dir} is empty, not a database; pass --create to make an empty database there`,
    );
  }
  throw new ZhiduError(
    'invalid_input',
    ['data-dir'],
    `${dir} 不是 PGlite 数据目录（没有 PG_VERSION），不会写入 / ${dir} is not a PGlite data directory (no PG_VERSION) and is not written to`,
  );
}

type ReplayFlags = {
  policy: string;
  now: string;
  db?: string;
  dataDir?: string;
  create?: boolean;
  stream?: string;
  tenant: string;
  calendar: string;
};

/** Evaluates one stream, naming the stream in a refusal. */
function evaluateStream(
  streamId: string,
  target: ModuleTarget,
  kind: ModuleName,
  events: readonly StoredEvent[],
  policy: unknown,
  ctx: EvalContext,
): string[] {
  try {
    if (target.kind === 'legacy') {
      return render(kind, evaluate(kind, legacyInput(kind, events), policy, ctx));
    }
    const decision = target.module.evaluate(
      moduleInput(kind, events),
      policy,
      ctx,
    ) as ModuleDecision<unknown>;
    return renderDecision(decision);
  } catch (e) {
    if (!isZhiduError(e)) throw e;
    throw new ZhiduError(
      e.code,
      ['streams', streamId, ...e.path],
      `流 ${streamId}：${e.message} / stream ${streamId}: ${e.message}`,
      e.details,
    );
  }
}

/**
 * Registers `zhidu replay <module>`: evaluates every stream of an event store (a PGlite data
 * directory or a PostgreSQL URL) under a policy. A stream's events go to the module in version
 * order and the module applies the contract's ordering rule — events in time order within a
 * subject, any interleaving between subjects — so a stream holding B's 10:31 event before A's 10:30
 * one replays, and one subject's events out of time order are refused (`out_of_order`).
 *
 * @example
 * registerReplay(program, processIo); // zhidu replay sla.timers --policy construction-000 --now … --data-dir ./store
 */
export function registerReplay(program: Command, io: CliIo): void {
  program
    .command('replay')
    .description('evaluate streams from the event store (PGlite data directory or PostgreSQL URL)')
    .argument('<module>', `${Object.keys(REPLAYABLE).join(', ')} (former names timers, ownership, penalties)`)
    .requiredOption('--policy <policy>', 'preset name or policy JSON file')
    .requiredOption('--now <instant>', 'when the question is asked')
    .option('--db <url>', 'PostgreSQL connection string')
    .option('--data-dir <dir>', 'PGlite data directory (must exist unless --create)')
    .option('--create', 'with --data-dir: make an empty database when the directory does not exist')
    .option('--stream <id>', 'one stream; all streams when omitted')
    .option('--tenant <tenant>', 'tenant', 'default')
    .option('--calendar <calendar>', 'prc or weekdays', 'prc')
    .action(async (name: string, o: ReplayFlags) => {
      const target = await moduleArg(io, name);
      const kind = target.kind === 'legacy' ? target.name : REPLAYABLE[target.module.id];
      if (kind === undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['module'],
          `replay 可用于 ${Object.keys(REPLAYABLE).join('、')}，不可用于 ${name} / replay works for ${Object.keys(REPLAYABLE).join(', ')}, not ${name}`,
        );
      }
      const policy =
        target.kind === 'legacy'
          ? resolvePolicy(kind, o.policy.endsWith('.json') ? (readJson(io, o.policy) as object) : o.policy)
          : policyFor(io, target, o.policy);
      const ctx = contextFor(o);
      if (o.db !== undefined && o.dataDir !== undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['db'],
          '--db 与 --data-dir 只能给一个 / give --db or --data-dir, not both',
        );
      }
      if (o.create && o.dataDir === undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['create'],
          '--create 须与 --data-dir 同用 / --create goes with --data-dir',
        );
      }
      // Without either, the store would be a new empty in-memory database: "0 stream(s) replayed"
      // would read as an answer about the real store.
      if (o.db === undefined && o.dataDir === undefined) {
        throw new ZhiduError(
          'invalid_input',
          ['data-dir'],
          '须给出 --data-dir <目录> 或 --db <url> 之一：要重放哪个事件存储 / give --data-dir <dir> or --db <url>: the event store to replay',
        );
      }
      if (o.dataDir !== undefined) checkDataDir(o.dataDir, Boolean(o.create));
      const { openStore } = await optionalPackage(
        '@zhidu/store-postgres',
        'replay',
        () => import('@zhidu/store-postgres'),
      );
      const { store, close } = await openStore({
        ...(o.db !== undefined ? { connectionString: o.db } : {}),
        ...(o.dataDir !== undefined ? { dataDir: o.dataDir } : {}),
        tenant: o.tenant,
      });
      try {
        const byStream = await readStreams(store, o.stream);
        const bar = io.interactive
          ? new SingleBar({ format: 'replaying {bar} {value}/{total} streams' })
          : undefined;
        bar?.start(byStream.size, 0);
        try {
          for (const [streamId, events] of byStream) {
            const lines = evaluateStream(streamId, target, kind, events, policy, ctx);
            bar?.increment();
            io.out(`== ${streamId}`);
            for (const line of lines) io.out(line);
          }
        } finally {
          bar?.stop();
        }
        io.out(`${byStream.size} stream(s) replayed`);
      } finally {
        await close();
      }
    });
}
