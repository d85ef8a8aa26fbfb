/**
 * A `timestamptz` column read as ISO-8601 text in UTC with milliseconds (`2024-03-08T02:00:00.000Z`),
 * whatever the database session's TimeZone: a session in Asia/Shanghai renders an instant before 1901
 * with the local mean time offset `+08:05:43`, which `Date` cannot read. Alias it in the select list
 * (`${utcText('due_at')} AS due_at`); WHERE and ORDER BY by the column itself keep their index.
 *
 * @param column - a column name of the store's own tables (never input)
 * @internal
 */
export function utcText(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
