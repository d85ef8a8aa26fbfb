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

/**
 * The suffix of an upsert that replaces every column but the conflict key's with the new row's:
 * `ON CONFLICT (tenant, customer_id) DO UPDATE SET owner = EXCLUDED.owner, …`.
 * @internal
 */
export function replaceOnConflict(key: readonly string[], columns: readonly Column[]): string {
  const set = columns.filter((c) => !key.includes(c.name)).map((c) => `${c.name} = EXCLUDED.${c.name}`);
  return `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set.join(', ')}`;
}

/** PostgreSQL takes at most 65,535 parameters in one statement; a chunk stays well below. */
const MAX_PARAMETERS = 30_000;

/** One table's rows for {@link insertAll}: as {@link insertRows} takes them. */
export interface InsertPart {
  /** the table's quoted or plain name (from the store's own table names, never input) */
  readonly table: string;
  /** the leading columns every row shares, with their values */
  readonly shared: readonly { name: string; value: unknown; cast?: string }[];
  /** the remaining columns, in the order of each row's values */
  readonly columns: readonly Column[];
  /** one array of values per row, as long as `columns` */
  readonly rows: readonly (readonly unknown[])[];
  /** rows per `INSERT` at most (default: as many as stay under 30,000 parameters) */
  readonly chunkRows?: number;
  /** SQL after the values (an `ON CONFLICT …` clause; no two rows of one part may then conflict) */
  readonly suffix?: string;
}

/**
 * A part's rows in chunks of one `INSERT` each: as many rows as stay under the parameter limit, or
 * fewer when the part asks (a `chunkRows` above the limit, below 1 or not an integer is taken as the
 * limit).
 */
function chunksOf(part: InsertPart): (readonly (readonly unknown[])[])[] {
  const most = Math.max(
    1,
    Math.floor((MAX_PARAMETERS - part.shared.length) / Math.max(1, part.columns.length)),
  );
  const asked = part.chunkRows;
  const n = asked !== undefined && Number.isInteger(asked) && asked >= 1 && asked < most ? asked : most;
  const out: (readonly (readonly unknown[])[])[] = [];
  for (let start = 0; start < part.rows.length; start += n) out.push(part.rows.slice(start, start + n));
  return out;
}

const castOf = (c: { cast?: string }) => (c.cast === undefined ? '' : `::${c.cast}`);

/** One `INSERT … VALUES` of a chunk of a part's rows, its parameters appended to `params`. */
function insertText(part: InsertPart, chunk: readonly (readonly unknown[])[], params: unknown[]): string {
  const { shared, columns } = part;
  const names = [...shared, ...columns].map((c) => c.name).join(', ');
  const lead = shared.map((c) => {
    params.push(c.value);
    return `$${params.length}${castOf(c)}`;
  });
  const tuples: string[] = [];
  for (const row of chunk) {
    const slots = [...lead];
    columns.forEach((c, i) => {
      params.push(row[i]);
      slots.push(`$${params.length}${castOf(c)}`);
    });
    tuples.push(`(${slots.join(', ')})`);
  }
  return `INSERT INTO ${part.table} (${names}) VALUES ${tuples.join(', ')}${part.suffix === undefined ? '' : ` ${part.suffix}`}`;
}

/**
 * Inserts the rows of several tables with as few statements as stay under 30,000 parameters each:
 * each table's rows in multi-row `INSERT … VALUES` chunks, and the chunks of one statement joined as
 * data-modifying `WITH` queries (`WITH w1 AS (INSERT …), w2 AS (INSERT …) INSERT …`), which
 * PostgreSQL runs once each, to completion, in the one statement — one round trip to the server
 * where each table took one. The parts must not touch each other's rows: the queries of one
 * statement share its snapshot and do not see each other's rows (the store's projections are
 * separate tables). No statement is sent for no rows.
 *
 * @param tx - the transaction
 * @param parts - each table's rows
 * @internal
 */
export async function insertAll(tx: SqlExecutor, parts: readonly InsertPart[]): Promise<void> {
  // Every chunk of every part, with the parameters it takes.
  const chunks = parts.flatMap((part) =>
    chunksOf(part).map((rows) => ({
      part,
      rows,
      size: part.shared.length + rows.length * part.columns.length,
    })),
  );
  // Statements of as many chunks, in order, as stay under the limit (always at least one).
  let params: unknown[] = [];
  let texts: string[] = [];
  let size = 0;
  const send = async () => {
    const last = texts.pop() as string;
    const text =
      texts.length === 0 ? last : `WITH ${texts.map((x, k) => `w${k + 1} AS (${x})`).join(', ')} ${last}`;
    await tx.query(text, params);
    params = [];
    texts = [];
    size = 0;
  };
  for (const c of chunks) {
    if (texts.length > 0 && size + c.size > MAX_PARAMETERS) await send();
    texts.push(insertText(c.part, c.rows, params));
    size += c.size;
  }
  if (texts.length > 0) await send();
}

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
  // One table: each chunk a statement of its own (the chunks of one table are not joined).
  const part = { table, shared, columns, rows, ...options };
  for (const chunk of chunksOf(part)) {
    const params: unknown[] = [];
    await tx.query(insertText(part, chunk, params), params);
  }
}
