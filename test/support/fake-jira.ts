// Builders for the fake Jira behind requester matching: a service project, a software project, customers and requests.
import type { FakeIssue, FakeJiraData, FakeProject, FakeUser } from '../../src/adapters/local/fake-request-directory';

export const SUPPORT: FakeProject = { id: '10000', key: 'SUP', name: 'Customer Support', projectTypeKey: 'service_desk' };
export const OPERATIONS: FakeProject = { id: '10002', key: 'OPS', name: 'Operations Desk', projectTypeKey: 'service_desk' };
export const ENGINEERING: FakeProject = { id: '10001', key: 'ENG', name: 'Engineering', projectTypeKey: 'software' };

/** A portal customer; `email: null` is one whose email Jira does not give the app. */
export function aCustomer(accountId: string, email: string | null): FakeUser {
  return { accountId, displayName: email ?? 'Private Customer', email, accountType: 'customer' };
}

let issueNumber = 0;

/** A request in SUP unless told otherwise; its id follows the sample issues' numbering. */
export function aRequest(reporter: FakeUser | null, fields: Partial<FakeIssue> = {}): FakeIssue {
  issueNumber += 1;
  const projectKey = fields.projectKey ?? SUPPORT.key;
  return {
    id: String(20000 + issueNumber),
    key: `${projectKey}-${issueNumber}`,
    summary: `Request ${issueNumber}`,
    projectKey,
    reporterAccountId: reporter?.accountId ?? null,
    ...fields,
  };
}

export function jiraWith(users: FakeUser[], issues: FakeIssue[]): FakeJiraData {
  return { projects: [SUPPORT, OPERATIONS, ENGINEERING], users, issues };
}
