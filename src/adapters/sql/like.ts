// LIKE patterns built from user text: `%`, `_` and the escape character match only themselves.
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
