// Reads whose responses stay under Forge SQL's 4 MiB, whatever the records hold: a record's custom values may reach
// hundreds of kilobytes, so a read of thousands of records is bounded by bytes as well as by rows.
import { sql, type Expression, type RawBuilder } from 'kysely';
import { MAX_RESPONSE_BYTES } from './batching';
import type { SqlEngine } from './engine';

/**
 * UTF-8 bytes the named columns of a row take in a response, with each value's JSON framing (its key, quotes and
 * separators; `extra` covers escaping, which MAX_RESPONSE_BYTES' half of the limit leaves room for).
 */
export function rowBytes(engine: SqlEngine, columns: readonly { ref: string; name: string }[]): RawBuilder<number> {
  const lengths = columns.map(({ ref }) => (engine.dialect === 'mysql' ? sql`coalesce(length(${sql.ref(ref)}), 0)` : sql`coalesce(length(cast(${sql.ref(ref)} as blob)), 0)`));
  const framing = columns.reduce((n, { name }) => n + name.length + 6, 2);
  return sql<number>`(${sql.join(lengths, sql` + `)} + ${framing})`;
}

type Page<R> = { rows: R[]; more: boolean };

/** The column a bounded query selects its `rowBytes` as. */
export const ROW_BYTES = 'bounded_len';

/**
 * Up to `limit` rows of `query` in the order of `orderBy` (output columns that together identify a row), in as few
 * responses as MAX_RESPONSE_BYTES allows: one statement sizes its rows with a window sum over their ROW_BYTES column
 * and returns those that start before the budget is spent (the first row always comes, however wide).
 * `query(after, limit)` gives the rows after `after` (the last row returned so far), and the read goes on from there.
 */
export async function readBounded<R extends Record<string, unknown>>(
  engine: SqlEngine,
  query: (after: R | null, limit: number) => Expression<R & { [ROW_BYTES]: number }>,
  orderBy: readonly (keyof R & string)[],
  limit = Number.MAX_SAFE_INTEGER,
): Promise<R[]> {
  const out: R[] = [];
  let after: R | null = null;
  while (out.length < limit) {
    const page: Page<R> = await readOnce(engine, query(after, limit - out.length), orderBy);
    out.push(...page.rows);
    if (!page.more || page.rows.length === 0) break;
    after = page.rows[page.rows.length - 1]!;
  }
  return out;
}

async function readOnce<R extends Record<string, unknown>>(engine: SqlEngine, sized: Expression<R & { [ROW_BYTES]: number }>, orderBy: readonly string[]): Promise<Page<R>> {
  const order = sql.join(orderBy.map((c) => sql.ref(`q.${c}`)));
  const outerOrder = sql.join(orderBy.map((c) => sql.ref(`w.${c}`)));
  const result = await sql<R & { bounded_len: number; bounded_run: number; bounded_total: number }>`
    select * from (
      select q.*, sum(q.bounded_len) over (order by ${order} rows between unbounded preceding and current row) as bounded_run, count(*) over () as bounded_total
      from (${sized}) as q
    ) as w
    where w.bounded_run - w.bounded_len < ${MAX_RESPONSE_BYTES}
    order by ${outerOrder}`.execute(engine.db);
  const rows = result.rows.map(({ bounded_len: _len, bounded_run: _run, bounded_total: _total, ...row }) => row as unknown as R);
  const total = result.rows.length > 0 ? Number(result.rows[0]!.bounded_total) : 0;
  return { rows, more: rows.length < total };
}
