// The personal-data reporting port on Forge: `privacy.reportPersonalData` from @forge/api (POST /app/report-accounts).
import { privacy } from '@forge/api';
import { z } from 'zod';
import { PERSONAL_DATA_REPORT_BATCH, type PersonalDataReporting } from '../../application/privacy/personal-data-reporting';
import { AppError } from '../../domain/errors';

const updatesSchema = z.array(z.object({ accountId: z.string(), status: z.enum(['updated', 'closed']) }));

/** The SDK call; tests pass a stand-in answering as the documented endpoint does. */
export type ReportPersonalData = (accounts: { accountId: string; updatedAt: string }[]) => Promise<unknown>;

export function makeForgePrivacy(reportPersonalData: ReportPersonalData = privacy.reportPersonalData): PersonalDataReporting {
  return {
    async report(accounts) {
      if (accounts.length > PERSONAL_DATA_REPORT_BATCH) {
        // The SDK would split a longer list into parallel requests; the use case paces them one at a time instead.
        throw new RangeError(`Report at most ${PERSONAL_DATA_REPORT_BATCH} accounts per call; got ${accounts.length}.`);
      }
      let answer: unknown;
      try {
        answer = await reportPersonalData(accounts.map((a) => ({ accountId: a.accountId, updatedAt: a.updatedAt })));
      } catch (error) {
        // The SDK rejects with the HTTP response itself on any status but 200 and 204.
        const status = typeof error === 'object' && error !== null && 'status' in error ? String(error.status) : 'no response';
        throw new AppError('UPSTREAM', `Atlassian's personal-data reporting API did not answer (${status}); the next run reports again.`);
      }
      const updates = updatesSchema.safeParse(answer);
      if (!updates.success) throw new AppError('UPSTREAM', "Atlassian's personal-data reporting API answered in an unexpected shape.");
      return updates.data;
    },
  };
}
