const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a value can be a row id (every table's primary key is a UUID). Loaders check it before
 * querying: a string that is not a UUID names no row, and must never reach PostgreSQL's `uuid`
 * columns, where it is an error rather than "not found".
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
