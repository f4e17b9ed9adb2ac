// The port to Atlassian's personal-data reporting API: which stored accounts were closed or changed since we stored them.

/** An account the app stores, and when it last stored data about it. */
export type ReportedAccount = { accountId: string; updatedAt: string };

/** 'closed': erase what the app keeps of the account; 'updated': refresh it (the app keeps only the id, so nothing to do). */
export type AccountUpdate = { accountId: string; status: 'updated' | 'closed' };

/** Atlassian's endpoint takes at most this many accounts per request. */
export const PERSONAL_DATA_REPORT_BATCH = 90;

export type PersonalDataReporting = {
  /** Reports up to PERSONAL_DATA_REPORT_BATCH accounts; answers only for the accounts that need action. */
  report(accounts: readonly ReportedAccount[]): Promise<AccountUpdate[]>;
};
