// A stand-in for Atlassian's personal-data reporting API: answers from a list of closed and updated accounts.
import { PERSONAL_DATA_REPORT_BATCH, type AccountUpdate, type PersonalDataReporting, type ReportedAccount } from '../../src/application/privacy/personal-data-reporting';

export class FakePrivacy implements PersonalDataReporting {
  /** Every batch reported, in order. */
  readonly batches: ReportedAccount[][] = [];
  /** The next `count` calls fail, as the API does when it is down. */
  failures = 0;

  constructor(private readonly statuses: Record<string, AccountUpdate['status']> = {}) {}

  async report(accounts: readonly ReportedAccount[]): Promise<AccountUpdate[]> {
    if (accounts.length > PERSONAL_DATA_REPORT_BATCH) throw new RangeError(`The API takes at most ${PERSONAL_DATA_REPORT_BATCH} accounts; got ${accounts.length}.`);
    if (this.failures > 0) {
      this.failures--;
      throw new Error('HTTP 503');
    }
    this.batches.push([...accounts]);
    // Like the real API: only accounts that need action are in the answer.
    return accounts.flatMap((a) => {
      const status = this.statuses[a.accountId];
      return status === undefined ? [] : [{ accountId: a.accountId, status }];
    });
  }

  get reported(): string[] {
    return this.batches.flat().map((a) => a.accountId);
  }
}
