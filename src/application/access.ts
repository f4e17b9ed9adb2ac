// The port that tells the use cases who a Jira user is to this app: their role (or no access) and display name.
import type { Role } from '../domain/records';

export type AccessPort = {
  /** The app role of the user; null when they have no access to the directory. */
  roleOf(accountId: string): Promise<Role | null>;
  /** The name Jira shows for the user; the account id when Jira does not say. */
  displayNameOf(accountId: string): Promise<string>;
};
