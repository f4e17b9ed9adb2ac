// Brings the embedded store's schema up to date, then refills what a migration left empty (search text, external ids).
import { rebuildExternalIds } from '../../application/rebuild-external-ids';
import { rebuildSearchText } from '../../application/rebuild-search-text';
import { applyMigrations, type SqlEngine } from '../sql/engine';
import { makeSqlStore } from '../sql/sql-store';

export const SEARCH_TEXT_MIGRATION = 'speed_create_search_text';
export const EXTERNAL_IDS_MIGRATION = 'import_create_company_external_ids';

export async function migrateLocalStore(engine: SqlEngine): Promise<string[]> {
  const ran = await applyMigrations(engine);
  if (ran.includes(SEARCH_TEXT_MIGRATION)) await rebuildSearchText(makeSqlStore(engine), () => new Date());
  if (ran.includes(EXTERNAL_IDS_MIGRATION)) await rebuildExternalIds(makeSqlStore(engine), () => new Date());
  return ran;
}
