// Decides once per run whether the MariaDB contract suites run: mandatory in CI, skipped with a note elsewhere.
import { mariaDbReachable } from './engines';

export default async function globalSetup(): Promise<void> {
  if (await mariaDbReachable()) {
    process.env.MARIADB_AVAILABLE = '1';
    return;
  }
  if (process.env.CI === 'true') throw new Error('CI=true but MariaDB is not reachable on 127.0.0.1:3306: the MariaDB suite is mandatory in CI.');
  process.env.MARIADB_AVAILABLE = '0';
  console.warn('\nMariaDB suite skipped: no server on 127.0.0.1:3306 (start MariaDB there, or set MARIADB_HOST/MARIADB_PORT, to run it).');
}
