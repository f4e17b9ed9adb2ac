// Text matching in SQL: LIKE patterns built from user text (`%`, `_` and the escape character match only themselves),
// and prefixes as ranges, exact under the binary collation every engine here uses.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** The escape character: not `\`, which MySQL string literals would also interpret. */
const ESCAPE = '!';

export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => ESCAPE + c);
}

/** `LOWER(column) LIKE '%text%'`, with the text lowercased and escaped: case-insensitive on every engine. */
export function lowerContains(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`LOWER(${sql.ref(column)}) LIKE ${`%${escapeLike(text.toLowerCase())}%`} ESCAPE '!'`;
}

/** `column LIKE 'text%'` with the text escaped. */
export function startsWith(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} LIKE ${`${escapeLike(text)}%`} ESCAPE '!'`;
}

/** The smallest string greater than every string that starts with `prefix`. */
export function prefixUpperBound(prefix: string): string {
  if (prefix === '') throw new RangeError('A prefix cannot be empty: it would match everything.');
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** `column` starts with `prefix`, as a range (an index can serve it, and no character is a wildcard). */
export function insidePrefix(column: string, prefix: string): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  return sql<SqlBool>`(${ref} >= ${prefix} AND ${ref} < ${prefixUpperBound(prefix)})`;
}

/** `column` does not start with `prefix`. */
export function outsidePrefix(column: string, prefix: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`NOT ${insidePrefix(column, prefix)}`;
}
