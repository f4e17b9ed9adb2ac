// The MariaDB server the suites run against, and the session settings each of their connections gets.

/**
 * MariaDB's range optimizer spends seconds on a row-value list, `(contact_id, company_id) IN ((?, ?), ...)` of 2,000
 * pairs (4 s of planning for a 5,000-row table), before it falls back to a scan that takes milliseconds. Forge SQL's
 * TiDB plans these lists by key. Capping the optimizer's range trees makes MariaDB scan at once: same statements,
 * same rows, the set suites several times faster.
 */
export const MARIADB_TEST_SESSION = { optimizer_max_sel_args: 1000 } as const;

export const MARIADB = {
  host: process.env.MARIADB_HOST ?? '127.0.0.1',
  port: Number(process.env.MARIADB_PORT ?? 3306),
  user: 'root',
  password: '',
} as const;
