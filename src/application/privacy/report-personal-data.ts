// The weekly personal-data report: every stored account id goes to Atlassian, and closed accounts are anonymised here.
import { ANONYMOUS_ACCOUNT } from '../../domain/accounts';
import type { Settings, Store } from '../../domain/ports';
import { PERSONAL_DATA_REPORT_BATCH, type PersonalDataReporting } from './personal-data-reporting';

/** Accounts read per store page (each page is one keyset query per place account ids are kept). */
export const ACCOUNT_PAGE = 900;
/** Rows rewritten per column and statement while anonymising one account. */
export const ANONYMISE_BATCH = 500;
/** Stop well before a scheduled trigger's time runs out; the saved cursor lets the next run go on from there. */
export const PERSONAL_DATA_BUDGET_MS = 600_000;
/** Where an unfinished run leaves the last account it reported. */
export const PERSONAL_DATA_CURSOR_KEY = 'privacy-report-cursor';

export type PersonalDataDeps = { store: Store; settings: Settings; clock: () => Date; reporting: PersonalDataReporting };

export type PersonalDataReport = { reported: number; closed: number; anonymisedRows: number; complete: boolean };

/**
 * Reports in batches of 90 in account order, anonymising each closed account (its id becomes "deleted-user" wherever it
 * was stored, and the issue matches made for it as a reporter are forgotten) before the next batch. Running it twice
 * is harmless: a closed account already anonymised is no longer stored, so it is not reported again.
 */
export async function reportPersonalData(
  deps: PersonalDataDeps,
  { budgetMs = PERSONAL_DATA_BUDGET_MS, pageSize = ACCOUNT_PAGE }: { budgetMs?: number; pageSize?: number } = {},
): Promise<PersonalDataReport> {
  const started = deps.clock().getTime();
  const outOfTime = () => deps.clock().getTime() - started >= budgetMs;
  const result: PersonalDataReport = { reported: 0, closed: 0, anonymisedRows: 0, complete: false };
  let after = (await deps.settings.get<string>(PERSONAL_DATA_CURSOR_KEY)) ?? null;
  for (;;) {
    const page = await deps.store.accounts.page(after, pageSize);
    for (let i = 0; i < page.length; i += PERSONAL_DATA_REPORT_BATCH) {
      const batch = page.slice(i, i + PERSONAL_DATA_REPORT_BATCH);
      const updates = await deps.reporting.report(batch);
      const reported = new Set(batch.map((a) => a.accountId));
      // Only accounts this batch named are acted on, whatever the answer holds.
      for (const update of updates) {
        if (update.status !== 'closed' || !reported.has(update.accountId)) continue;
        result.anonymisedRows += await anonymise(deps.store, update.accountId);
        result.closed++;
      }
      result.reported += batch.length;
      after = batch[batch.length - 1]?.accountId ?? after;
      if (outOfTime()) {
        await deps.settings.set(PERSONAL_DATA_CURSOR_KEY, after);
        return result;
      }
    }
    if (page.length < pageSize) break;
  }
  await deps.settings.delete(PERSONAL_DATA_CURSOR_KEY);
  return { ...result, complete: true };
}

async function anonymise(store: Store, accountId: string): Promise<number> {
  let rows = 0;
  for (let changed = -1; changed !== 0; ) {
    changed = await store.accounts.anonymise(accountId, ANONYMOUS_ACCOUNT, ANONYMISE_BATCH);
    rows += changed;
  }
  return rows + (await store.issueMatches.deleteForReporters([accountId]));
}
