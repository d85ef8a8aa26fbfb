// One append of 10^5 events to one stream, on embedded PGlite and (when ZHIDU_PG_URL is set) on a
// PostgreSQL server: the batch path of EventStore.append (multi-row INSERTs). Also 10^4 appends of
// one event each over 16 pool connections on the server. Figures are wall-clock on a shared
// machine; compare runs made on the same machine.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { openStore } from '@zhidu/store-postgres';
import { table } from './harness.js';

const N = Number(process.env.ZHIDU_BENCH_EVENTS ?? 100_000);
const events = Array.from({ length: N }, (_, i) => ({
  type: i % 2 === 0 ? 'visited' : 'called',
  occurredAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
  payload: { salesperson: `s-${i % 17}`, note: `event ${i}`, fen: i * 100 },
}));

const rows: Record<string, string | number>[] = [];
const targets: { name: string; connectionString?: string }[] = [{ name: 'PGlite (in memory)' }];
if (process.env.ZHIDU_PG_URL)
  targets.push({ name: 'PostgreSQL server', connectionString: process.env.ZHIDU_PG_URL });

for (const target of targets) {
  const prefix = `bench${Date.now().toString(36)}`;
  const { store, close } = await openStore({
    ...(target.connectionString ? { connectionString: target.connectionString } : {}),
    prefix,
  });
  try {
    const start = performance.now();
    const r = await store.append('bench:one-call', events, { expectedVersion: 0, idempotencyKey: 'bench-1' });
    const ms = performance.now() - start;
    if (r.toVersion !== N) throw new Error(`wrote ${r.toVersion} events, expected ${N}`);
    console.log(`${target.name}: ${N} events in one append: ${Math.round(ms)} ms`);
    rows.push({
      target: target.name,
      case: `${N.toLocaleString('en-US')} events in one append`,
      ms: Math.round(ms),
      'events/s': Math.round((N / ms) * 1000),
    });
    const readStart = performance.now();
    const back = await store.read('bench:one-call');
    rows.push({
      target: target.name,
      case: `read them back`,
      ms: Math.round(performance.now() - readStart),
      'events/s': Math.round((back.length / (performance.now() - readStart)) * 1000),
    });
    if (target.connectionString) {
      // pg is a dependency of the store package, not of the workspace root.
      const pg = createRequire(new URL('../packages/store-postgres/package.json', import.meta.url))('pg');
      const pool = new pg.Pool({ connectionString: target.connectionString });
      await pool.query(`DROP TABLE IF EXISTS ${prefix}_events, ${prefix}_idempotency, ${prefix}_projections`);
      await pool.end();
    }
  } finally {
    await close();
  }
}
table(rows);
