import type { SqlExecutor } from './client.js';

/** A column of {@link insertRows}: its name and the cast its parameter takes (`'jsonb'`, `'timestamptz'` …). */
export interface Column {
  name: string;
  cast?: string;
}

/**
 * The leading columns of a stream's rows, for {@link insertRows}: its tenant and its id.
 * @internal
 */
export function streamColumns(tenant: string, streamId: string): { name: string; value: unknown }[] {
  return [
    { name: 'tenant', value: tenant },
    { name: 'stream_id', value: streamId },
  ];
}

/** PostgreSQL takes at most 65,535 parameters in one statement; a chunk stays well below. */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts `rows` into `table` with one multi-row `INSERT … VALUES` per chunk instead of one
 * statement (and one round trip to the server) per row. `shared` values are the leading columns
 * every row has in common (the tenant and the stream), sent once per statement as `$1, $2, …`.
 * No statement is sent for no rows.
 *
 * @param tx - the transaction
 * @param table - the table's quoted or plain name (from the store's own table names, never input)
 * @param shared - the leading columns every row shares, with their values
 * @param columns - the remaining columns, in the order of each row's values
 * @param rows - one array of values per row, as long as `columns`
 * @param options - `chunkRows`: rows per statement at most (default: as many as stay under 30,000
 *   parameters); `suffix`: SQL after the values (an `ON CONFLICT …` clause; no two rows of one call
 *   may then conflict with each other)
 * @internal
 */
export async function insertRows(
  tx: SqlExecutor,
  table: string,
  shared: readonly { name: string; value: unknown; cast?: string }[],
  columns: readonly Column[],
  rows: readonly (readonly unknown[])[],
  options: { chunkRows?: number; suffix?: string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const chunkRows =
    options.chunkRows ??
    Math.max(1, Math.floor((MAX_PARAMETERS - shared.length) / Math.max(1, columns.length)));
  const suffix = options.suffix === undefined ? '' : ` ${options.suffix}`;
  const cast = (c: { cast?: string }) => (c.cast === undefined ? '' : `::${c.cast}`);
  const names = [...shared, ...columns].map((c) => c.name).join(', ');
  const lead = shared.map((c, i) => `$${i + 1}${cast(c)}`);
  for (let start = 0; start < rows.length; start += chunkRows) {
    const chunk = rows.slice(start, start + chunkRows);
    const params: unknown[] = shared.map((c) => c.value);
    const tuples: string[] = [];
    for (const row of chunk) {
      const slots = [...lead];
      columns.forEach((c, i) => {
        params.push(row[i]);
        slots.push(`$${params.length}${cast(c)}`);
      });
      tuples.push(`(${slots.join(', ')})`);
    }
    await tx.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}${suffix}`, params);
  }
}
